// SPDX-License-Identifier: MIT
#pragma once

#include "storyrepository.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QString>

class EditorPane;
class Library;
class QTimer;

// The story open in an EditorPane, kept in its Library without losing a word:
// saved by hand, autosaved after a pause in typing and when the focus leaves
// the editor, and never saved over a version another process saved first.
// Then the editor shows the conflict, later autosaves leave both versions
// alone, and the user takes one of its two ways out: reload theirs (mine goes
// to the clipboard) or save mine as a copy (a new Draft; theirs stays).
//
// The autosave after a pause is written off the GUI thread, on a connection
// of its own to the library file; every other save waits for it first.
//
// It asks nothing and shows no dialog: what the user should see goes out as
// signals, which the window turns into its status bar, its title and, for
// errorOccurred, a message through its Prompter. It needs the editor and the
// library, nothing of the window, so it is tested without one.
class EditorSession : public QObject
{
    Q_OBJECT
public:
    // A pause this long in typing autosaves: shorter would write a revision
    // per word, longer risks more text in a crash. A save takes about a
    // millisecond.
    static constexpr int AutosaveDelayMs = 1500;

    // editor must outlive the session (the window owns both).
    explicit EditorSession(EditorPane *editor, QObject *parent = nullptr);
    ~EditorSession() override;

    // The library the editor's stories live in; without one nothing is saved.
    void setLibrary(Library *library);
    Library *library() const;
    EditorPane *editor() const;

    // Saves the story if it has changes. True when saved or nothing needed
    // saving; false when the save failed or conflicted (errorString() says
    // why), and nothing is lost: the editor keeps the text and stays modified.
    bool save(Revision::Kind kind = Revision::Kind::Save);
    // A quiet save (an Autosave revision; a failure is a status message, not
    // an error to acknowledge). Nothing while a conflict waits for the user.
    bool autosave();
    // True while the pause timer runs or its autosave is being written.
    bool isAutosavePending() const;
    // Another process saved the story first; cleared when the editor shows a
    // story again (either way out does).
    bool hasConflict() const;

    // The ways out of a conflict, as the editor's conflict bar offers them.
    // Reloads the saved version into the editor; mine goes to the clipboard
    // as "headline, blank line, body".
    void reloadTheirs();
    // Creates my version as a new story (a Draft, whatever the status of the
    // one I edited: Story::newDraftCopy), leaves theirs as saved, and asks for
    // the copy to be opened (openStoryRequested).
    void saveMineAsCopy();

    // No more autosaves: the window calls this before it takes its widgets
    // apart, as their focus moving would otherwise autosave from them.
    void stop();

    QString errorString() const;

Q_SIGNALS:
    // For the status bar: a save, an autosave, a conflict, a way out taken.
    void statusMessage(const QString &message, int timeoutMs);
    // The title's parts changed: the headline or whether there are unsaved
    // changes.
    void titleChanged();
    // Something the user must be told, and acknowledge: a save by hand that
    // failed, a reload or a copy that could not be made.
    void errorOccurred(const QString &title, const QString &message);
    // Every save or autosave that did not save (why: errorString()).
    void saveFailed(const QString &why);
    // My version is now story id: whoever shows stories opens it.
    void openStoryRequested(qint64 id);

private:
    struct Written
    {
        StoryRepository::SaveResult result = StoryRepository::SaveResult::Failed;
        Story story; // as saved (its new row version) when result is Saved
        QString error;
        // The file at the library's path was not the one the window has
        // open (moved, replaced), or could not be opened (made read-only
        // while the window's connection still writes): nothing was written.
        bool otherFile = false;
    };
    void fail(const QString &title, const QString &message);
    // What the pause timer starts: the autosave written off the GUI thread
    // where the library allows a second connection (a file), else autosave().
    void autosaveInBackground();
    // Waits for an autosave being written and applies its result; every
    // save, reload or copy does this first, so they see its row version.
    void finishBackgroundSave();
    bool applyResult(const Written &written, Revision::Kind kind);

    QPointer<EditorPane> m_editor;
    QPointer<Library> m_library;
    QTimer *m_autosaveTimer;
    QFutureWatcher<Written> m_backgroundSave;
    bool m_backgroundPending = false;
    // The library file as the window opened it (device, inode), to know it
    // again by its path; empty for a library that is not a file.
    QByteArray m_libraryFile;
    QMetaObject::Connection m_focusConnection;
    QString m_errorString;
};
