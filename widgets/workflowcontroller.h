// SPDX-License-Identifier: MIT
#pragma once

#include "people.h"
#include "story.h"
#include "workflow.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <optional>

class Library;
class LockKeeper;
class Prompter;
class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QTreeWidget;
class QWidget;

// What the workflow needs of whoever shows the open story (the main window;
// a test double in tests), and nothing more.
class WorkflowHost
{
public:
    virtual ~WorkflowHost();
    // The story open for editing, with its fields as edited now; nullopt when none.
    virtual std::optional<Story> openStory() const = 0;
    // Saves the open story's changes before the workflow acts on it. False
    // (and nothing lost) when it could not be saved.
    virtual bool saveOpenStory() = 0;
    // Shows story, which the workflow has just saved (a transition, an
    // embargo, a restored revision), in place of the open one.
    virtual void showStory(const Story &story) = 0;
    // Lets the user change the open story's texts, or not (someone else's
    // lock, or a status this person may not edit).
    virtual void setStoryEditable(bool editable) = 0;
    // The photo selected in the media panel (0: none), for a comment on it.
    virtual qint64 selectedPhotoId() const = 0;
};

// The editorial workflow in the window: who is working (identity, shown in
// the status bar, kept per library), the Review menu (submit, request
// changes, approve, publish, correct, comments, embargo, history, changes
// since the last approval), the review queue with its counts, and the edit
// lock of the open story (LockKeeper). What may happen is decided in models/
// (Workflow, StoryRepository::transition); the actions here are only enabled
// to match.
//
// It knows the window only as a WorkflowHost; the window places the menu, the
// dock and the labels it provides, tells it when the open story is edited,
// and answers its signals. Every question to the user goes through the
// Prompter; its own dialogs (IdentityDialog, HistoryDialog, ChangesDialog,
// EmbargoDialog) are shown with Prompter::run().
class WorkflowController : public QObject
{
    Q_OBJECT
public:
    // host and prompter must outlive the controller; parent (the window) is
    // the parent of its dialogs and, until the window places them, of its
    // menu, dock and labels.
    WorkflowController(WorkflowHost &host, Prompter &prompter, QWidget *parent);
    ~WorkflowController() override;

    // A library was opened: finds who is working on it (QSettings, per
    // library), asking once the event loop runs when nobody is known.
    void setLibrary(Library *library);

    // Without dialogs: makes name (one of the library's people) the current
    // person and remembers it for this library.
    bool setCurrentPerson(const QString &name);
    // Without dialogs: adds the library's first person (an editor) or, for an
    // editor, a new person; the first one becomes the current person.
    std::optional<Person> addPerson(const Person &person);
    QString currentPerson() const;

    // The window opened story id (0: none): takes its edit lock, or makes
    // the editor read-only and says who has it.
    void storyOpened(qint64 id);
    bool isReadOnly() const;
    QString lockHolder() const;
    // Gives back the open story's lock (closing the window, leaving the library).
    void releaseLock();

    // Takes action on the open story (saving its text first). A comment is
    // asked for when the action needs one and comment is empty.
    bool takeAction(WorkflowAction action, const QString &comment = {});

    // The user edited the open story: the actions follow its status.
    void openStoryEdited();

    QAction *action(WorkflowAction action) const;
    QMenu *reviewMenu() const;
    QLabel *personLabel() const;
    QLabel *reviewCountLabel() const;
    QDockWidget *reviewDock() const;
    QTreeWidget *reviewQueueView() const;

    // The people editor shown in Preferences: editors add people and change roles.
    QWidget *createPeopleEditor(QWidget *parent);

    QString errorString() const;

Q_SIGNALS:
    void currentPersonChanged(const QString &name);
    // An entry of the review queue was activated: open story storyId, then
    // (for a caption) select photo photoId.
    void storyRequested(qint64 storyId);
    void photoRequested(qint64 photoId);
    // For the status bar; timeout in milliseconds.
    void statusMessage(const QString &message, int timeout);

private:
    void createActions();
    void updateActions();
    void applyEditability(const std::optional<Story> &story);
    void refreshQueue();
    void askIdentity();
    QString askComment(const QString &title, const QString &label);
    void addComment(bool onPhoto);
    void showHistory();
    void showChangesSinceApproval();
    // Review ▸ Review Captions…: every caption waiting for a decision (CaptionReviewDialog).
    void reviewCaptions();
    void setEmbargo();
    // An editor takes the open story over from the desk that has it open.
    void takeOver();
    void report(const QString &title, const QString &message);

    WorkflowHost &m_host;
    Prompter &m_prompter;
    QWidget *m_parent;
    QPointer<Library> m_library;
    QHash<WorkflowAction, QAction *> m_actions;
    QMenu *m_menu = nullptr;
    QAction *m_commentStory = nullptr;
    QAction *m_commentPhoto = nullptr;
    QAction *m_history = nullptr;
    QAction *m_changes = nullptr;
    QAction *m_embargo = nullptr;
    QAction *m_takeOver = nullptr;
    QAction *m_reviewCaptions = nullptr;
    QLabel *m_person;
    QLabel *m_counts;
    QDockWidget *m_dock;
    QTreeWidget *m_queue;
    LockKeeper *m_locks;
    bool m_readOnly = false;
    QString m_lockHolder;
    QString m_errorString;
};
