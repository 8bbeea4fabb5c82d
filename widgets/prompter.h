// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QDialog;
class QWidget;

// Every question the window puts to the user goes through one Prompter: a
// message to read, a choice between buttons, a line of text, a file or folder,
// or a dialog of our own (identity, embargo, history…). The application uses
// DialogPrompter, which shows real modal dialogs; tests install one that
// answers from a script and records what was asked, so no test depends on an
// environment variable or on a dialog nobody can click.
class Prompter
{
public:
    virtual ~Prompter();

    enum class Severity { Information, Warning, Critical };
    // Shows message; returns when the user has read it.
    virtual void tell(QWidget *parent, Severity severity, const QString &title, const QString &message) = 0;
    // As tell, with details (a long list the message only begins) the user
    // may unfold. By default they follow the message.
    virtual void tellWithDetails(QWidget *parent, Severity severity, const QString &title, const QString &message,
                                 const QString &details);

    // A button of choose(). Destructive buttons (Delete, Discard) are drawn
    // as such; the cancel button answers Escape and closing the dialog.
    struct Button
    {
        enum class Role { Accept, Destructive, Action, Cancel };
        QString label;
        Role role = Role::Accept;
    };
    // Asks which of buttons the user takes; returns its index. The button at
    // defaultIndex is the one Return presses. A dismissed prompt answers the
    // index of the Cancel button (or -1 when there is none).
    virtual int choose(QWidget *parent, Severity severity, const QString &title, const QString &message,
                       const QList<Button> &buttons, int defaultIndex) = 0;

    // A line (or, with multiLine, a paragraph) of text; nullopt when cancelled.
    virtual std::optional<QString> askText(QWidget *parent, const QString &title, const QString &label,
                                           const QString &initial = {}, bool multiLine = false) = 0;

    // OpenOrCreate: an existing file or the name of a new one (a library);
    // a name typed without a suffix gets the filter's first one.
    enum class FileMode { OpenFile, OpenFiles, SaveFile, Directory, OpenOrCreate };
    // Paths the user picked; empty when cancelled. filter as QFileDialog's
    // ("Markdown (*.md);;All files (*)").
    virtual QStringList askFiles(QWidget *parent, FileMode mode, const QString &title, const QString &directory,
                                 const QString &filter = {}) = 0;
    // Convenience for one path; empty when cancelled.
    QString askFile(QWidget *parent, FileMode mode, const QString &title, const QString &directory,
                    const QString &filter = {});

    // Runs a dialog of ours modally and returns QDialog::Accepted or
    // Rejected. The dialog's objectName says which one it is (tests answer it
    // by name).
    virtual int run(QDialog *dialog) = 0;
};

// The application's prompter: QMessageBox, QInputDialog, QFileDialog and
// QDialog::exec().
class DialogPrompter : public Prompter
{
public:
    void tell(QWidget *parent, Severity severity, const QString &title, const QString &message) override;
    void tellWithDetails(QWidget *parent, Severity severity, const QString &title, const QString &message,
                         const QString &details) override;
    int choose(QWidget *parent, Severity severity, const QString &title, const QString &message,
               const QList<Button> &buttons, int defaultIndex) override;
    std::optional<QString> askText(QWidget *parent, const QString &title, const QString &label,
                                   const QString &initial, bool multiLine) override;
    QStringList askFiles(QWidget *parent, FileMode mode, const QString &title, const QString &directory,
                         const QString &filter) override;
    int run(QDialog *dialog) override;
};
