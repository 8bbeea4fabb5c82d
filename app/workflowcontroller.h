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
class MainWindow;
class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QTimer;
class QTreeWidget;
class QWidget;

// The editorial workflow in the window: who is working (identity, shown in
// the status bar, kept per library), the Review menu (submit, request
// changes, approve, publish, correct, comments, embargo, history, changes
// since the last approval), the review queue with its counts, and the edit
// lock of the open story. What may happen is decided in models/ (Workflow,
// StoryRepository::transition); the actions here are only enabled to match.
//
// Dialogs carry object names (workflowCommentDialog, identityDialog,
// historyDialog, changesDialog, embargoDialog) so tests can answer them.
class WorkflowController : public QObject
{
    Q_OBJECT
public:
    explicit WorkflowController(MainWindow *window);
    ~WorkflowController() override;

    // A library was opened: finds who is working on it (QSettings, per
    // library), asking on first start unless NEWSDESK_NO_DIALOGS is set.
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

    QAction *action(WorkflowAction action) const;
    QLabel *personLabel() const;
    QLabel *reviewCountLabel() const;
    QDockWidget *reviewDock() const;
    QTreeWidget *reviewQueueView() const;

    // The people editor shown in Preferences: editors add people and change roles.
    QWidget *createPeopleEditor(QWidget *parent);

    QString errorString() const;

Q_SIGNALS:
    void currentPersonChanged(const QString &name);

private:
    void createActions();
    void updateActions();
    void applyEditability();
    void refreshQueue();
    void askIdentity();
    QString askComment(const QString &title, const QString &label);
    void addComment(bool onPhoto);
    void showHistory();
    void showChangesSinceApproval();
    void setEmbargo();
    void report(const QString &title, const QString &message);

    MainWindow *m_window;
    QPointer<Library> m_library;
    QHash<WorkflowAction, QAction *> m_actions;
    QAction *m_commentStory = nullptr;
    QAction *m_commentPhoto = nullptr;
    QAction *m_history = nullptr;
    QAction *m_changes = nullptr;
    QAction *m_embargo = nullptr;
    QLabel *m_person;
    QLabel *m_counts;
    QDockWidget *m_dock;
    QTreeWidget *m_queue;
    QTimer *m_heartbeat;
    qint64 m_lockedStory = 0;
    bool m_readOnly = false;
    QString m_lockHolder;
    QString m_errorString;
};
