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
class QLabel;
class QLineEdit;
class QMenu;
class QSplitter;
class QTimer;
class QToolBar;
class StoryListModel;
class StoryListPanel;
class WorkflowController;
class WorkflowHost;

// Newsdesk's window: the story list, the editor, the media panel and the live
// preview, side by side in splitters that remember their sizes.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
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

    // Exports the open story for publication into directory through the
    // export gate; a blank overrideReason means no override. False with
    // errorString() saying why (every blocking reason) otherwise.
    bool exportStoryTo(const QString &directory, const QString &overrideReason = {});

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void createActions();
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
    QSplitter *m_mainSplitter;
    QSplitter *m_centerSplitter;
    QWidget *m_listHolder;
    QWidget *m_mediaHolder;
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
    bool m_splittersRestored = false;

    QAction *m_saveAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_exportMarkdownAction = nullptr;
    QAction *m_copyHtmlAction = nullptr;
    QAction *m_duplicateAction = nullptr;
    QAction *m_archiveAction = nullptr;
    QAction *m_deleteAction = nullptr;
};
