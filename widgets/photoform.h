// SPDX-License-Identifier: MIT
#pragma once

#include "photo.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class Library;
class Prompter;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTimer;

// The form for one photo's metadata: every DOMAIN.md field, with live byte
// counters against the IPTC limits, the VIRIN verdict, the caption checker's
// findings and what DVIDS would refuse as the user types, and the editor's
// caption approval.
// Edits are saved a moment after typing stops, on focus loss and when another
// photo is shown; an edit of an approved caption returns it to pending.
class PhotoForm : public QWidget
{
    Q_OBJECT
public:
    // prompter (which must outlive the form) asks for the comment of Request Changes.
    PhotoForm(Library *library, Prompter &prompter, QWidget *parent = nullptr);
    ~PhotoForm() override;

    void setPhoto(const Photo &photo);
    void clear();
    bool hasPhoto() const;
    // The photo as loaded, with the fields as edited now.
    Photo photo() const;
    bool isModified() const;
    // Saves pending edits; false (edits kept in the form) on failure.
    bool save();

    // The widget editing a Photo field ("caption", "virin" …), for tests.
    QWidget *field(const QString &name) const;
    QLabel *counter(const QString &name) const;
    // Under a one-line field: what IPTC would cut, shown only when it would.
    QLabel *cutNotice(const QString &name) const;
    QLabel *virinVerdict() const;
    QListWidget *findings() const;
    QPushButton *approveButton() const;
    QPushButton *requestChangesButton() const;
    QLabel *approvalLabel() const;

    // Fills the VIRIN field with the next free VIRIN for the VISION ID,
    // service and date typed (or the date shot).
    bool suggestVirin();

    // Records an editor's decision; comment is required for changes.
    bool decide(CaptionApproval decision, const QString &comment = {});

Q_SIGNALS:
    void saved(const Photo &photo);
    void errorOccurred(const QString &message);

private:
    QLineEdit *addLine(const QString &name, const QString &label, const QString &placeholder = {});
    QPlainTextEdit *addText(const QString &name, const QString &label, int lines);
    void edited();
    void updateChecks();
    void updateCounters();
    void updateApproval();
    void load(const Photo &photo);
    QString text(const QString &name) const;

    QPointer<Library> m_library;
    Prompter &m_prompter;
    Photo m_photo;
    bool m_hasPhoto = false;
    bool m_loading = false;
    QHash<QString, QWidget *> m_fields;
    QHash<QString, QLabel *> m_counters;
    QHash<QString, QLabel *> m_cutNotices;
    QHash<QString, class QHBoxLayout *> m_rows;
    class QFormLayout *m_layout;
    QDateEdit *m_dateShot;
    QComboBox *m_release;
    class QCheckBox *m_decorative;
    QComboBox *m_commandShown;
    QLabel *m_virinVerdict;
    QListWidget *m_findings;
    QLabel *m_approval;
    QPushButton *m_approve;
    QPushButton *m_requestChanges;
    QTimer *m_saveTimer;
};
