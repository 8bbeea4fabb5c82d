// SPDX-License-Identifier: MIT
#pragma once

#include "storyexporter.h"

#include <QDialog>

#include <atomic>
#include <memory>

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
    // Exports now, as the Export button does, showing progress; Cancel (or
    // Escape) stops it. Returns when the export is over. True on success.
    bool exportNow();
    StoryExporter::Result exportResult() const;
    bool isExporting() const { return m_exporting; }
    // Renditions and page metadata for the export (the override reason is
    // the dialog's); a progress callback here is called before the dialog's.
    void setExportOptions(const StoryExporter::Options &options);

public Q_SLOTS:
    void reject() override;

private:
    void chooseFolder();
    void updateButtons();
    StoryExporter::Result runExport(StoryExporter::Options options);
    void showProgress(int done, int total);

    Library *m_library;
    Story m_story;
    bool m_blocked = false;
    bool m_mayOverride = false;
    StoryExporter::Result m_result;
    StoryExporter::Options m_options;
    bool m_exporting = false;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QLineEdit *m_folder;
    QListWidget *m_blockers;
    QCheckBox *m_override;
    QLineEdit *m_reason;
    QLabel *m_status;
    QProgressBar *m_progress;
    QDialogButtonBox *m_buttons;
    QPushButton *m_exportButton;
};
