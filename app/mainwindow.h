// SPDX-License-Identifier: MIT
#pragma once

#include "story.h"
#include "storyrepository.h"

#include <QImage>
#include <QMainWindow>
#include <QPointer>

#include <memory>

class CodeExpander;
class EditorPane;
class EditorSession;
class FindReplaceBar;
class Library;
class MediaPanel;
class PhotoListModel;
class PreviewPane;
class Prompter;
class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QLineEdit;
class QMenu;
class QTextBrowser;
class QTimer;
class QToolBar;
class StoryListModel;
class StoryListPanel;
class WorkflowController;
class WorkflowHost;

// Newsdesk's window: the story editor in the middle, and around it panels in
// docks (the story list, outline and quotes, photos, the live preview, the
// review queue, changes since approval) that the View menu and a key each
// show and hide. Three workspaces (Write, Photo Desk, Review) each remember
// their own arrangement of the panels; one key switches between them.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum class Workspace { Write, PhotoDesk, Review };
    static constexpr int workspaceCount = 3;

    // Every question to the user goes through prompter (which must outlive
    // the window); without one the window shows real dialogs (DialogPrompter).
    explicit MainWindow(Prompter *prompter = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    Prompter &prompter() const;

    // Opens the library at path (a new one gets the sample story). On failure
    // the previous library stays open and errorString() says why.
    bool openLibrary(const QString &path);
    // As openLibrary, but tells the user what went wrong and offers another.
    bool openLibraryInteractively(const QString &path);
    QString errorString() const;

    Library *library() const;
    StoryListPanel *storyList() const;
    EditorPane *editor() const;
    // Saving, autosaving and conflicts of the story in the editor.
    EditorSession *editorSession() const;
    MediaPanel *mediaPanel() const;
    // What expands the glossary's codes in the body and the photo form.
    CodeExpander *codeExpander() const;
    PreviewPane *preview() const;
    // Identity, the Review menu, the review queue and edit locks.
    WorkflowController *workflow() const;

    // Opens story id in the editor, saving the one open before.
    bool openStory(qint64 id);
    qint64 currentStoryId() const;

    // Adds image files (or a pasted image) to the open story, off the GUI
    // thread, with progress. Returns the importer (null when no story).
    class PhotoImporter *importPhotos(const QStringList &files, const QImage &pastedImage = {});
    // Places ![](photo:VIRIN) in the body at the cursor, as its own paragraph.
    void insertPhotoInBody(const QString &virin);

    // Saves the open story if it has changes. False (and nothing lost: the
    // editor keeps the text) when the save failed or conflicted.
    bool saveCurrentStory();
    // Saves the open story quietly as an autosave (a pause in typing, focus
    // leaving the editor); nothing while a conflict waits for the user.
    bool autosave();
    FindReplaceBar *findReplaceBar() const;

    Workspace workspace() const;
    // Keeps the layout of the workspace left and shows workspace as it was
    // last left (its default the first time).
    void setWorkspace(Workspace workspace);
    // The current workspace back to its default layout.
    void resetWorkspace();
    // True while a default layout's panel sizes wait for the window's layout
    // to take in the panels just shown (an event loop pass).
    bool workspaceSizesPending() const;
    // The dock of a panel by its object name (storyListDock, outlineDock,
    // mediaDock, previewDock, reviewQueueDock, changesDock).
    QDockWidget *dock(const QString &objectName) const;

    // Exports the open story for publication into directory through the
    // export gate; a blank overrideReason means no override. False with
    // errorString() saying why (every blocking reason) otherwise.
    bool exportStoryTo(const QString &directory, const QString &overrideReason = {});

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void createActions();
    // The docks, the View menu's panels and workspaces; in mainwindow_workspaces.cpp.
    void createDocks();
    void createWorkspaceActions(QMenu *view);
    // A dock nameDock for content, toggled by actionShowName.
    QDockWidget *addPanel(QWidget *content, const QString &name, const QString &title, const QString &actionText,
                          const QKeySequence &key);
    void applyDefaultLayout(Workspace workspace);
    void applyDefaultSizes();
    void restorePhotoSplit();
    void saveWorkspaceLayout();
    bool restoreWorkspaceLayout(Workspace workspace);
    void showPanel(QDockWidget *dock);
    void updateChanges();
    void restoreSettings();
    void saveSettings();
    void newStory();
    void duplicateStory();
    void toggleArchived();
    // Asks first; false when the user says no or the delete failed.
    bool deleteStory();
    void chooseLibrary();
    void exportStory();
    void createStoryFileActions(QMenu *file);
    void copyArticleHtml();
    void importMarkdown();
    void exportMarkdown();
    void showPreferences();
    void showAbout();
    // The editor's commands (typography, find and replace, pull quote) and
    // what the editor session reports; in mainwindow_editor.cpp.
    void createEditorActions(QMenu *edit);
    // The library's glossary into the spell check, the code replacements
    // and the quote panel's speakers (issue 15); in mainwindow_editor.cpp.
    void loadGlossary();
    void showGlossary();
    // Story ▸ Media Archive…: find a photo of the library and place a copy
    // in the open story (issue 15).
    void showMediaArchive();
    void schedulePreview();
    void updatePreview();
    void updateTitle();
    void showError(const QString &title, const QString &message);

    std::unique_ptr<Prompter> m_ownPrompter;
    Prompter *m_prompter;
    QPointer<Library> m_library;
    StoryListModel *m_storyModel = nullptr;
    PhotoListModel *m_photoModel = nullptr;
    StoryListPanel *m_storyList = nullptr;
    EditorPane *m_editor;
    MediaPanel *m_media = nullptr;
    PreviewPane *m_preview;
    QWidget *m_listHolder;
    QWidget *m_mediaHolder;
    QTextBrowser *m_changes;
    QList<QDockWidget *> m_docks;
    QMenu *m_panelsMenu = nullptr;
    QActionGroup *m_workspaceGroup = nullptr;
    Workspace m_workspace = Workspace::Write;
    // The default layout's dock sizes wait for the window's real size.
    bool m_defaultSizesPending = false;
    bool m_windowShown = false;
    QToolBar *m_findBar;
    FindReplaceBar *m_findReplace;
    EditorSession *m_session;
    // Glossary codes typed in the body and the photo form expand (issue 15).
    CodeExpander *m_codeExpander;
    QLabel *m_statusLabel;
    // Shown while a team library cannot hear other desks' changes.
    QLabel *m_liveLabel;
    QTimer *m_previewTimer;
    // The controller goes before the host it was given (members go in reverse).
    std::unique_ptr<WorkflowHost> m_workflowHost;
    std::unique_ptr<WorkflowController> m_workflow;
    QString m_errorString;

    QAction *m_saveAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_exportMarkdownAction = nullptr;
    QAction *m_copyHtmlAction = nullptr;
    QAction *m_duplicateAction = nullptr;
    QAction *m_archiveAction = nullptr;
    QAction *m_deleteAction = nullptr;
};
