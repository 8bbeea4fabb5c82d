// SPDX-License-Identifier: MIT
#pragma once

#include "storyexporter.h"

#include <QDialog>

class Library;
class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;

// File > Export…: where the story goes, what blocks its publication, and an
// editor's override with a reason (StoryExporter records it in the audit log).
// Errors stay in the dialog, so the user can pick another folder and retry.
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    ExportDialog(Library *library, const Story &story, QWidget *parent = nullptr);

    // The folder the export is written to (created; replaced only when it
    // holds an earlier export).
    void setFolder(const QString &folder);
    QString folder() const;
    // Exports now, as the Export button does. True on success.
    bool exportNow();
    StoryExporter::Result exportResult() const;

private:
    void chooseFolder();
    void updateButtons();

    Library *m_library;
    Story m_story;
    bool m_blocked = false;
    bool m_mayOverride = false;
    StoryExporter::Result m_result;
    QLineEdit *m_folder;
    QListWidget *m_blockers;
    QCheckBox *m_override;
    QLineEdit *m_reason;
    QLabel *m_status;
    QProgressBar *m_progress;
    QDialogButtonBox *m_buttons;
    QPushButton *m_exportButton;
};
