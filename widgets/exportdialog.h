// SPDX-License-Identifier: MIT
#pragma once

#include "storyexporter.h"

#include <QDialog>
#include <QFutureWatcher>

#include <atomic>
#include <memory>

class Library;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;

// File > Export…: where the story goes, what blocks its publication, and an
// editor's override with a reason (StoryExporter records it in the audit log).
// Errors stay in the dialog, so the user can pick another folder and retry.
// The export runs on a worker thread while the dialog shows its progress;
// the dialog never waits for it in an event loop of its own.
class Prompter;

class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    // prompter asks for the folder (Browse…); it must outlive the dialog.
    ExportDialog(Library *library, const Story &story, Prompter &prompter, QWidget *parent = nullptr);
    // A dialog destroyed while it exports waits for the export to finish:
    // the worker reports to it, and an export the user has not cancelled is
    // written completely (and in the audit log), not abandoned half-way.
    ~ExportDialog() override;

    // The folder the export is written to (created; replaced only when it
    // holds an earlier export).
    void setFolder(const QString &folder);
    QString folder() const;
    // Starts the export as the Export button does (which also closes the
    // dialog once it succeeds) and returns at once; exportFinished() says
    // when it is over. Cancel (or Escape, or closing the dialog) meanwhile
    // stops it, leaving nothing behind. False when it cannot start: the story
    // is blocked without an override and its reason, or an export is running.
    bool startExport();
    // The last export's result, once exportFinished() has been emitted.
    StoryExporter::Result exportResult() const;
    bool isExporting() const { return m_exporting; }
    // Renditions and page metadata for the export (the override reason is
    // the dialog's); a progress callback here is called before the dialog's.
    void setExportOptions(const StoryExporter::Options &options);
    // The web page or IPTC ninjs; the choice is remembered for the next
    // export (QSettings "export/format").
    StoryExporter::Options::Format format() const;
    void setFormat(StoryExporter::Options::Format format);

public Q_SLOTS:
    void reject() override;

Q_SIGNALS:
    // The export started by startExport() is over: written, failed or
    // cancelled (exportResult() says which and why); the dialog shows it.
    void exportFinished(bool success);

private:
    void chooseFolder();
    void updateButtons();
    QFuture<StoryExporter::Result> runExport(StoryExporter::Options options);
    void showProgress(int done, int total);
    void finishExport();

    Library *m_library;
    Prompter &m_prompter;
    Story m_story;
    bool m_blocked = false;
    bool m_mayOverride = false;
    StoryExporter::Result m_result;
    StoryExporter::Options m_options;
    bool m_exporting = false;
    // Started by the Export button: the dialog closes once the export is written.
    bool m_acceptWhenExported = false;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QFutureWatcher<StoryExporter::Result> m_watcher;
    QLineEdit *m_folder;
    QComboBox *m_format;
    QListWidget *m_blockers;
    QCheckBox *m_override;
    QLineEdit *m_reason;
    QLabel *m_status;
    QProgressBar *m_progress;
    QDialogButtonBox *m_buttons;
    QPushButton *m_exportButton;
};
