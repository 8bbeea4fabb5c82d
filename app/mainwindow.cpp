// SPDX-License-Identifier: MIT
#include "mainwindow.h"
#include "openlibrarydialog.h"

#include "articlerenderer.h"
#include "codeexpander.h"
#include "editorpane.h"
#include "editorsession.h"
#include "exportdialog.h"
#include "findreplacebar.h"
#include "library.h"
#include "librarysetup.h"
#include "librarylocation.h"
#include "passworddialog.h"
#include "passwordstore.h"
#include "teamsetup.h"
#include "markdowneditor.h"
#include "mediaarchivedialog.h"
#include "mediapanel.h"
#include "photoform.h"
#include "photoimporter.h"
#include "photolistmodel.h"
#include "photorepository.h"
#include "phototemplates.h"
#include "previewpane.h"
#include "prompter.h"
#include "publicationform.h"
#include "storylistmodel.h"
#include "storylistpanel.h"
#include "storyexporter.h"
#include "ninjs.h"
#include "storymarkdown.h"
#include "storyrepository.h"
#include "workflowcontroller.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QCryptographicHash>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QInputDialog>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QScreen>
#include <QPushButton>
#include <QTabWidget>
#include <QTextBlock>
#include <QTextBrowser>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QString settingsKeyForLibrary(const QString &path)
{
    return u"library-"_s + QString::fromLatin1(QCryptographicHash::hash(path.toUtf8(), QCryptographicHash::Sha1).toHex().left(12));
}

void replaceContent(QWidget *holder, QWidget *content)
{
    QLayout *layout = holder->layout();
    while (QLayoutItem *item = layout->takeAt(0)) {
        if (QWidget *widget = item->widget())
            widget->deleteLater();
        delete item;
    }
    layout->addWidget(content);
}

QWidget *makeHolder(const QString &name)
{
    auto *holder = new QWidget;
    holder->setObjectName(name);
    auto *layout = new QVBoxLayout(holder);
    layout->setContentsMargins(0, 0, 0, 0);
    return holder;
}

// All the workflow controller sees of the window: the open story in the
// editor, the editor's read-only state and the photo selected.
class WindowWorkflowHost final : public WorkflowHost
{
public:
    explicit WindowWorkflowHost(MainWindow *window)
        : m_window(window)
    {
    }
    std::optional<Story> openStory() const override
    {
        return m_window->editor()->hasStory() ? std::optional<Story>(m_window->editor()->story()) : std::nullopt;
    }
    bool saveOpenStory() override { return m_window->saveCurrentStory(); }
    void showStory(const Story &story) override { m_window->editor()->setStory(story); }
    void setStoryEditable(bool editable) override
    {
        EditorPane *editor = m_window->editor();
        for (QLineEdit *field : {editor->headlineField(), editor->dekField(), editor->bylineField(), editor->datelineField(),
                                 editor->correctionNoteField()})
            field->setReadOnly(!editable);
        editor->bodyEditor()->setReadOnly(!editable);
    }
    qint64 selectedPhotoId() const override { return m_window->mediaPanel() ? m_window->mediaPanel()->currentPhotoId() : 0; }

private:
    MainWindow *m_window;
};

} // namespace

MainWindow::MainWindow(Prompter *prompter, QWidget *parent)
    : QMainWindow(parent)
    , m_ownPrompter(prompter ? nullptr : std::make_unique<DialogPrompter>())
    , m_prompter(prompter ? prompter : m_ownPrompter.get())
    , m_editor(new EditorPane)
    , m_preview(new PreviewPane)
    , m_listHolder(makeHolder(u"storyListHolder"_s))
    , m_mediaHolder(makeHolder(u"mediaHolder"_s))
    , m_changes(new QTextBrowser)
    , m_findBar(new QToolBar(tr("Find"), this))
    , m_findReplace(new FindReplaceBar(m_editor->bodyEditor(), this))
    , m_session(new EditorSession(m_editor, this))
    , m_codeExpander(new CodeExpander(this))
    , m_statusLabel(new QLabel(this))
    , m_liveLabel(new QLabel(this))
    , m_previewTimer(new QTimer(this))
{
    setObjectName(u"mainWindow"_s);
    setWindowIcon(QIcon(u":/newsdesk.svg"_s));

    createDocks();

    m_findBar->setObjectName(u"findBar"_s);
    m_findBar->addWidget(m_findReplace);
    m_findBar->setMovable(false);
    m_findBar->hide();
    addToolBar(Qt::BottomToolBarArea, m_findBar);
    connect(m_findReplace, &FindReplaceBar::closed, m_findBar, &QWidget::hide);

    statusBar()->addPermanentWidget(m_editor->statsLabel());
    statusBar()->addPermanentWidget(m_liveLabel);
    statusBar()->addPermanentWidget(m_statusLabel);
    m_liveLabel->setObjectName(u"liveUpdates"_s);
    m_liveLabel->hide();

    m_previewTimer->setSingleShot(true);
    // A short pause in typing: rendering is off the GUI thread and coalesced,
    // so this only saves work, it does not keep typing responsive.
    m_previewTimer->setInterval(120);
    connect(m_previewTimer, &QTimer::timeout, this, &MainWindow::updatePreview);
    connect(m_editor, &EditorPane::edited, this, [this] {
        schedulePreview();
        updateTitle();
    });
    // A transition reloads the story (a correction brings its note).
    connect(m_editor, &EditorPane::storyLoaded, this, &MainWindow::schedulePreview);

    m_preview->followEditor(m_editor->bodyEditor());

    createActions();
    // The workflow knows the window only as its host; the window places the
    // workflow's menu, labels and dock, and answers its requests.
    m_workflowHost = std::make_unique<WindowWorkflowHost>(this);
    m_workflow = std::make_unique<WorkflowController>(*m_workflowHost, *m_prompter, this);
    const QList<QAction *> menus = menuBar()->actions();
    // Before Help, where people look for it.
    menuBar()->insertMenu(menus.isEmpty() ? nullptr : menus.constLast(), m_workflow->reviewMenu());
    statusBar()->addPermanentWidget(m_workflow->reviewCountLabel());
    statusBar()->addPermanentWidget(m_workflow->personLabel());
    // The review queue is a panel like the others (the Review menu toggles it too).
    QDockWidget *queue = m_workflow->reviewDock();
    addDockWidget(Qt::LeftDockWidgetArea, queue);
    queue->hide();
    m_docks << queue;
    m_panelsMenu->addAction(queue->toggleViewAction());
    connect(m_editor, &EditorPane::edited, m_workflow.get(), &WorkflowController::openStoryEdited);
    connect(m_workflow.get(), &WorkflowController::storyRequested, this, &MainWindow::openStory);
    connect(m_workflow.get(), &WorkflowController::photoRequested, this, [this](qint64 photoId) {
        if (m_media && m_media->selectPhoto(photoId))
            showPanel(dock(u"mediaDock"_s));
    });
    connect(m_workflow.get(), &WorkflowController::statusMessage, statusBar(), &QStatusBar::showMessage);
    restoreSettings();
    updateTitle();
}

MainWindow::~MainWindow()
{
    // Tearing the window down moves the focus; no autosave into half-destroyed members.
    m_session->stop();
    // A photo edit still waiting for the form's save timer is saved now, while
    // the window is whole. Left to ~PhotoForm, it was saved after this
    // destructor, while ~QWidget deleted the window's parts, and the library's
    // and the form's signals ran the workflow controller and this window's
    // slots on destroyed members (UBSan/ASan in ./dev test --sanitize).
    // (A window that never opened a library has no media panel.)
    if (m_media)
        m_media->form()->save();
    // Nothing the library or the form says from here on reaches the parts
    // being taken apart.
    if (m_library)
        m_library->disconnect();
    if (m_media)
        m_media->form()->disconnect();
    m_workflow->releaseLock();
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newStory = file->addAction(QIcon::fromTheme(u"document-new"_s), tr("&New Story"), this, &MainWindow::newStory);
    newStory->setObjectName(u"actionNewStory"_s);
    newStory->setShortcut(QKeySequence::New);
    QAction *open = file->addAction(QIcon::fromTheme(u"document-open"_s), tr("&Open Library…"), this, &MainWindow::chooseLibrary);
    open->setObjectName(u"actionOpenLibrary"_s);
    open->setShortcut(QKeySequence::Open);
    m_saveAction = file->addAction(QIcon::fromTheme(u"document-save"_s), tr("&Save"), this, &MainWindow::saveCurrentStory);
    m_saveAction->setObjectName(u"actionSave"_s);
    m_saveAction->setShortcut(QKeySequence::Save);
    file->addSeparator();
    m_exportAction = file->addAction(QIcon::fromTheme(u"document-export"_s), tr("&Export…"), this, &MainWindow::exportStory);
    m_exportAction->setObjectName(u"actionExport"_s);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    createStoryFileActions(file);
    file->addSeparator();
    QAction *quit = file->addAction(QIcon::fromTheme(u"application-exit"_s), tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(u"actionQuit"_s);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    // Undo and redo act on whichever field has the focus.
    auto forward = [](const char *method) {
        if (QWidget *focus = QApplication::focusWidget())
            QMetaObject::invokeMethod(focus, method);
    };
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = edit->addAction(QIcon::fromTheme(u"edit-undo"_s), tr("&Undo"), this, [forward] { forward("undo"); });
    undo->setObjectName(u"actionUndo"_s);
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = edit->addAction(QIcon::fromTheme(u"edit-redo"_s), tr("&Redo"), this, [forward] { forward("redo"); });
    redo->setObjectName(u"actionRedo"_s);
    redo->setShortcut(QKeySequence::Redo);
    edit->addSeparator();
    createEditorActions(edit);
    edit->addSeparator();
    m_copyHtmlAction = edit->addAction(QIcon::fromTheme(u"edit-copy"_s), tr("Copy &HTML"), this, &MainWindow::copyArticleHtml);
    m_copyHtmlAction->setObjectName(u"actionCopyHtml"_s);
    m_copyHtmlAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    edit->addSeparator();
    QAction *preferences = edit->addAction(QIcon::fromTheme(u"preferences-system"_s), tr("&Preferences…"), this, &MainWindow::showPreferences);
    preferences->setObjectName(u"actionPreferences"_s);
    // Most Linux desktops define no standard key for it; Ctrl+, is the common one.
    preferences->setShortcuts(QKeySequence::keyBindings(QKeySequence::Preferences).isEmpty()
                                  ? QList<QKeySequence>{QKeySequence(Qt::CTRL | Qt::Key_Comma)}
                                  : QKeySequence::keyBindings(QKeySequence::Preferences));
    preferences->setMenuRole(QAction::PreferencesRole);

    QMenu *storyMenu = menuBar()->addMenu(tr("&Story"));
    storyMenu->addAction(newStory);
    m_duplicateAction = storyMenu->addAction(QIcon::fromTheme(u"edit-copy"_s), tr("&Duplicate"), this, &MainWindow::duplicateStory);
    m_duplicateAction->setObjectName(u"actionDuplicateStory"_s);
    m_duplicateAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    m_archiveAction = storyMenu->addAction(QIcon::fromTheme(u"archive-insert"_s), tr("&Archive"), this, &MainWindow::toggleArchived);
    m_archiveAction->setObjectName(u"actionArchiveStory"_s);
    m_deleteAction = storyMenu->addAction(QIcon::fromTheme(u"edit-delete"_s), tr("De&lete…"), this, &MainWindow::deleteStory);
    m_deleteAction->setObjectName(u"actionDeleteStory"_s);
    m_deleteAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Delete));
    storyMenu->addSeparator();
    QAction *archive = storyMenu->addAction(QIcon::fromTheme(u"folder-pictures"_s), tr("&Media Archive…"), this,
                                            &MainWindow::showMediaArchive);
    archive->setObjectName(u"actionMediaArchive"_s);
    archive->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_M));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *focusList = view->addAction(tr("Go to Story &List"), this, [this] {
        showPanel(dock(u"storyListDock"_s));
        if (m_storyList)
            m_storyList->view()->setFocus();
    });
    focusList->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction *focusEditor = view->addAction(tr("Go to &Editor"), this, [this] { m_editor->bodyEditor()->setFocus(); });
    focusEditor->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    QAction *focusSearch = view->addAction(tr("&Search Stories"), this, [this] {
        showPanel(dock(u"storyListDock"_s));
        if (m_storyList)
            m_storyList->searchField()->setFocus();
    });
    focusSearch->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    view->addSeparator();
    createWorkspaceActions(view);
    view->addSeparator();
    view->addActions(m_preview->viewActions());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(QIcon::fromTheme(u"help-about"_s), tr("&About Newsdesk"), this, &MainWindow::showAbout);
    about->setObjectName(u"actionAbout"_s);
    about->setMenuRole(QAction::AboutRole);
}

// Stories in and out as Markdown with front matter (app/storymarkdown.h).
void MainWindow::createStoryFileActions(QMenu *file)
{
    QAction *importMarkdown = file->addAction(tr("&Import Markdown…"), this, &MainWindow::importMarkdown);
    importMarkdown->setObjectName(u"actionImportMarkdown"_s);
    m_exportMarkdownAction = file->addAction(tr("Export &Markdown…"), this, &MainWindow::exportMarkdown);
    m_exportMarkdownAction->setObjectName(u"actionExportMarkdown"_s);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    // First start: roomy, but never larger than the screen (a 1366×768 laptop).
    if (!restoreGeometry(settings.value(u"window/geometry"_s).toByteArray()))
        resize(QSize(1600, 1000).boundedTo(screen()->availableGeometry().size()));
    const QString current = settings.value(u"workspaces/current"_s).toString();
    m_workspace = current == u"photoDesk"_s ? Workspace::PhotoDesk : current == u"review"_s ? Workspace::Review : Workspace::Write;
    m_findBar->hide();
    if (!restoreWorkspaceLayout(m_workspace))
        applyDefaultLayout(m_workspace);
    setWorkspace(m_workspace); // ticks it in the menu
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    m_windowShown = true;
    // Dock sizes as shares of the window only once it has its real size.
    applyDefaultSizes();
}

void MainWindow::saveSettings()
{
    QSettings settings;
    settings.setValue(u"window/geometry"_s, saveGeometry());
    saveWorkspaceLayout();
    if (m_library) {
        settings.setValue(u"library/last"_s, m_library->path());
        settings.setValue(settingsKeyForLibrary(m_library->path()) + u"/lastStory"_s, currentStoryId());
    }
}

bool MainWindow::openLibrary(const QString &path)
{
    if (m_library && !saveCurrentStory())
        return false;
    auto *library = new Library(this);
    library->setActor(QSettings().value(u"user/name"_s, library->actor()).toString());
    QString message;
    bool opened = LibrarySetup::openWithSample(library, path, &message);
    // A team library whose server wants a password this desk does not have
    // (or has an old one of): asked for, three times at most, and kept in
    // the desktop's keyring when the user says so.
    for (int attempt = 0; !opened && library->openError() == Library::OpenError::NeedsPassword && attempt < 3; ++attempt) {
        const std::optional<LibraryLocation> location = LibraryLocation::parse(path);
        if (!location)
            break;
        const QString login = location->parameters().value(u"user"_s, qEnvironmentVariable("USER"));
        PasswordDialog dialog(location->displayName(), login,
                              TeamSetup::isPasswordRefused(library->errorString()) ? message : QString(), this);
        if (m_prompter->run(&dialog) != QDialog::Accepted)
            break;
        opened = LibrarySetup::openWithSample(library, path, &message, dialog.password());
        if (opened && dialog.keepPassword()) {
            QString error;
            if (!PasswordStore::write(library->path(), dialog.password(), &error))
                message = tr("The password was not kept: %1").arg(error);
        }
    }
    if (!opened) {
        m_errorString = message;
        delete library;
        return false;
    }
    if (!message.isEmpty())
        statusBar()->showMessage(message, 10000);

    // Everything that shows the old library goes with it.
    if (m_library)
        saveSettings();
    m_editor->clear();
    m_preview->clear();
    Library *old = m_library;
    m_library = library;
    m_session->setLibrary(library);
    m_storyModel = new StoryListModel(library, library);
    m_photoModel = new PhotoListModel(library, library);
    m_storyList = new StoryListPanel(m_storyModel);
    m_media = new MediaPanel(m_photoModel, library, *m_prompter);
    replaceContent(m_listHolder, m_storyList);
    replaceContent(m_mediaHolder, m_media);
    restorePhotoSplit(); // the new panel's grid and form as this workspace has them
    if (old)
        old->deleteLater();

    m_preview->setImageProvider([library = QPointer<Library>(library)](const QString &hash) -> std::optional<PreviewPane::Image> {
        if (!library)
            return std::nullopt;
        const std::optional<StoredImage> image = PhotoRepository(library).image(hash);
        if (!image)
            return std::nullopt;
        return PreviewPane::Image{image->data, image->mimeType.toLatin1()};
    });
    connect(m_media, &MediaPanel::addPhotosRequested, this, [this] {
        const QStringList files = m_prompter->askFiles(this, Prompter::FileMode::OpenFiles, tr("Add Photos"), QString(),
                                                       tr("Images (*.jpg *.jpeg *.png *.tif *.tiff *.webp)"));
        if (!files.isEmpty())
            importPhotos(files);
    });
    connect(m_media, &MediaPanel::photosOffered, this, [this](const QStringList &files, const QImage &image) {
        importPhotos(files, image);
    });
    connect(m_media, &MediaPanel::insertIntoBodyRequested, this, &MainWindow::insertPhotoInBody);
    connect(m_media, &MediaPanel::removeFromStoryRequested, this, [this](qint64 photoId) {
        PhotoRepository repository(m_library);
        if (!repository.detach(currentStoryId(), photoId))
            showError(tr("Cannot remove the photo"), repository.errorString());
        else
            statusBar()->showMessage(tr("Removed the photo from this story; it stays in the library."), 5000);
        schedulePreview();
    });
    connect(m_media, &MediaPanel::errorOccurred, this, [this](const QString &error) { showError(tr("Photo"), error); });
    connect(m_media->form(), &PhotoForm::saved, this, &MainWindow::schedulePreview);
    // Glossary codes expand in the form's texts as in the body.
    for (const QString &name : {u"title"_s, u"credit"_s, u"photographer"_s, u"unit"_s, u"operation"_s,
                                u"sublocation"_s, u"releaseAuthority"_s, u"captionWriter"_s}) {
        if (auto *line = qobject_cast<QLineEdit *>(m_media->form()->field(name)))
            m_codeExpander->attach(line);
    }
    for (const QString &name : {u"caption"_s, u"altText"_s}) {
        if (auto *text = qobject_cast<QPlainTextEdit *>(m_media->form()->field(name)))
            m_codeExpander->attach(text);
    }
    m_storyList->view()->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_storyList->view()->addActions({m_duplicateAction, m_archiveAction, m_deleteAction});
    connect(m_storyList, &StoryListPanel::currentStoryChanged, this, [this](qint64 id) {
        if (id != currentStoryId())
            openStory(id);
    });
    connect(m_storyModel, &StoryListModel::errorOccurred, this, [this](const QString &error) {
        statusBar()->showMessage(error, 10000);
    });

    m_workflow->setLibrary(library);
    m_storyModel->fetchMore({});
    QSettings settings;
    const qint64 lastStory = settings.value(settingsKeyForLibrary(library->path()) + u"/lastStory"_s).toLongLong();
    if (!(lastStory > 0 && m_storyList->selectStory(lastStory)) && m_storyModel->rowCount() > 0)
        m_storyList->selectStory(m_storyModel->index(0).data(StoryListModel::IdRole).toLongLong());
    m_statusLabel->setText(library->isTeamLibrary() ? library->path() : QDir::toNativeSeparators(library->path()));
    m_liveLabel->hide();
    connect(library, &Library::liveUpdatesChanged, this, [this](bool live) {
        // Until it is back, what the window shows may be behind other desks.
        m_liveLabel->setText(tr("Not hearing other desks' changes: reconnecting…"));
        m_liveLabel->setVisible(!live);
    });
    connect(library, &Library::caughtUp, this, [this](const QList<AuditEntry> &missed) {
        // What other desks did meanwhile, from the audit log: the lists are
        // refreshed already; this says whether anything is news.
        QStringList people;
        bool openStoryChanged = false;
        for (const AuditEntry &entry : missed) {
            if (!people.contains(entry.actor))
                people << entry.actor;
            openStoryChanged |= entry.entity == u"story"_s && entry.entityId == currentStoryId();
        }
        QString news = missed.isEmpty() ? tr("Back in touch with the team library; nobody changed anything meanwhile.")
                                           : tr("Back in touch with the team library: %n change(s) by %1 while this desk "
                                                "was not listening; the lists show them.",
                                                nullptr, int(missed.size()))
                                                 .arg(QLocale().createSeparatedList(people));
        if (openStoryChanged)
            news += u' ' + tr("The story open here was among them.");
        statusBar()->showMessage(news, 20000);
    });
    // This desk's glossary changes, and on a team library other desks' as
    // they are made: codes expand and names count as spelled at once.
    connect(library, &Library::glossaryChanged, this, &MainWindow::loadGlossary);
    loadGlossary();
    settings.setValue(u"library/last"_s, library->path());
    OpenLibraryDialog::rememberLibrary(library->path());
    updateTitle();
    return true;
}

bool MainWindow::openLibraryInteractively(const QString &path)
{
    if (openLibrary(path))
        return true;
    enum { Choose, Fresh, Cancel };
    const QList<Prompter::Button> buttons{{tr("Choose Another Library…"), Prompter::Button::Role::Accept},
                                          {tr("Create a New Library…"), Prompter::Button::Role::Action},
                                          {m_library ? tr("Cancel") : tr("Close"), Prompter::Button::Role::Cancel}};
    switch (m_prompter->choose(this, Prompter::Severity::Warning, tr("Cannot open library"), m_errorString, buttons, Choose)) {
    case Choose: {
        const QString other = m_prompter->askFile(this, Prompter::FileMode::OpenFile, tr("Open Library"),
                                                  QFileInfo(path).absolutePath(),
                                                  tr("Newsdesk libraries (*.newsdesk);;All files (*)"));
        return !other.isEmpty() && openLibraryInteractively(other);
    }
    case Fresh: {
        const QString other = m_prompter->askFile(this, Prompter::FileMode::SaveFile, tr("New Library"),
                                                  QFileInfo(path).absolutePath(), tr("Newsdesk libraries (*.newsdesk)"));
        return !other.isEmpty() && openLibraryInteractively(other);
    }
    default:
        return false;
    }
}

QString MainWindow::errorString() const
{
    return m_errorString;
}

bool MainWindow::openStory(qint64 id)
{
    if (!m_library)
        return false;
    if (!saveCurrentStory()) {
        // Stay on the story whose text could not be saved.
        m_storyList->selectStory(currentStoryId());
        return false;
    }
    if (id <= 0) {
        m_workflow->storyOpened(0);
        m_editor->clear();
        m_photoModel->setStory(0);
        m_preview->clear();
        updateTitle();
        return true;
    }
    StoryRepository repository(m_library);
    const std::optional<Story> story = repository.load(id);
    if (!story) {
        showError(tr("Cannot open story"), repository.errorString());
        return false;
    }
    // Laying out, highlighting and checking a body beyond the limit would
    // hold up the window for minutes; the story stays in the library as it is.
    if (const QString problem = bodyLengthProblem(story->body); !problem.isEmpty()) {
        showError(tr("Cannot open story"),
                  tr("%1 Write it to a file with \"newsdesk dump --story %2\".").arg(problem).arg(id));
        return false;
    }
    m_editor->setStory(*story);
    m_workflow->storyOpened(id);
    m_photoModel->setStory(id);
    if (m_storyList->currentStoryId() != id)
        m_storyList->selectStory(id);
    updatePreview();
    updateTitle();
    return true;
}

qint64 MainWindow::currentStoryId() const
{
    return m_editor->hasStory() ? m_editor->story().id : 0;
}

bool MainWindow::saveCurrentStory()
{
    return m_session->save(Revision::Kind::Save);
}

void MainWindow::newStory()
{
    if (!m_library || !saveCurrentStory())
        return;
    Story story;
    story.headline = tr("Untitled story");
    StoryRepository repository(m_library);
    const std::optional<Story> created = repository.create(story);
    if (!created) {
        showError(tr("Cannot create a story"), repository.errorString());
        return;
    }
    openStory(created->id);
    m_editor->headlineField()->setFocus();
    m_editor->headlineField()->selectAll();
}

void MainWindow::duplicateStory()
{
    if (!m_library || !m_editor->hasStory() || !saveCurrentStory())
        return;
    StoryRepository repository(m_library);
    const std::optional<Story> copy = repository.duplicate(currentStoryId());
    if (!copy) {
        showError(tr("Cannot duplicate the story"), repository.errorString());
        return;
    }
    openStory(copy->id);
    statusBar()->showMessage(tr("Duplicated as \"%1\".").arg(copy->headline), 5000);
}

void MainWindow::toggleArchived()
{
    if (!m_library || !m_editor->hasStory() || !saveCurrentStory())
        return;
    const bool archiving = m_editor->story().status != StoryStatus::Archived;
    if (!m_workflow->takeAction(archiving ? WorkflowAction::Archive : WorkflowAction::Unarchive))
        return;
    const Story story = m_editor->story();
    statusBar()->showMessage(archiving ? tr("Archived \"%1\". Show archived stories with the status filter.").arg(story.headline)
                                       : tr("\"%1\" is a draft again.").arg(story.headline),
                             6000);
    updateTitle();
}

bool MainWindow::deleteStory()
{
    if (!m_library || !m_editor->hasStory())
        return false;
    const Story story = m_editor->story();
    // The headline as typed: a Prompter shows plain text, never markup (a
    // message box took "<img src=…>" for HTML and loaded the file).
    enum { Delete, Cancel };
    const QList<Prompter::Button> buttons{{tr("Delete"), Prompter::Button::Role::Destructive},
                                          {tr("Cancel"), Prompter::Button::Role::Cancel}};
    const int answer = m_prompter->choose(
        this, Prompter::Severity::Warning, tr("Delete Story"),
        tr("Delete \"%1\" with its history? Its photos stay in the library. This cannot be undone; "
           "archive the story instead to keep it out of the way.")
            .arg(story.headline),
        buttons, Cancel);
    if (answer != Delete)
        return false;
    StoryRepository repository(m_library);
    if (!repository.remove(story.id)) {
        showError(tr("Cannot delete the story"), repository.errorString());
        return false;
    }
    // The text is gone on purpose: nothing to save.
    m_editor->clear();
    m_photoModel->setStory(0);
    m_preview->clear();
    if (m_storyModel->rowCount() > 0)
        openStory(m_storyModel->index(0).data(StoryListModel::IdRole).toLongLong());
    updateTitle();
    statusBar()->showMessage(tr("Deleted \"%1\".").arg(story.headline), 5000);
    return true;
}

PhotoImporter *MainWindow::importPhotos(const QStringList &files, const QImage &pastedImage)
{
    if (!m_library || !m_editor->hasStory())
        return nullptr;
    auto *importer = new PhotoImporter(m_library, currentStoryId(), this);
    // The template chosen for new photos (the media panel's Templates menu).
    if (const std::optional<PhotoTemplate> chosen = m_media->importTemplate())
        importer->setTemplate(chosen->filledFields());
    const int total = pastedImage.isNull() ? int(files.size()) : 1;
    auto *progress = new QProgressDialog(tr("Adding photos…"), tr("Cancel"), 0, total, this);
    progress->setObjectName(u"photoImportProgress"_s);
    progress->setWindowModality(Qt::NonModal);
    progress->setMinimumDuration(400);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    connect(progress, &QProgressDialog::canceled, importer, &PhotoImporter::cancel);
    connect(importer, &PhotoImporter::progress, progress, [progress](int done, int all) {
        progress->setMaximum(all);
        progress->setValue(done);
        progress->setLabelText(tr("Adding photos… %1 of %2").arg(done).arg(all));
    });
    connect(importer, &PhotoImporter::finished, this, [this, importer, progress](int added, const QStringList &problems) {
        progress->close();
        importer->deleteLater();
        if (!importer->addedPhotoIds().isEmpty())
            m_media->selectPhoto(importer->addedPhotoIds().constLast());
        statusBar()->showMessage(tr("Added %n photo(s).", nullptr, added), 6000);
        if (!problems.isEmpty()) {
            m_errorString = problems.join(u'\n');
            // The first few in the message, every one in the details.
            m_prompter->tellWithDetails(this, Prompter::Severity::Warning, tr("Adding photos"),
                                        tr("%n photo(s) added. Some files need attention:", nullptr, added) + u"\n\n"_s
                                            + problems.mid(0, 5).join(u'\n'),
                                        m_errorString);
        }
    });
    if (pastedImage.isNull())
        importer->start(files);
    else
        importer->startWithImage(pastedImage);
    return importer;
}

void MainWindow::insertPhotoInBody(const QString &virin)
{
    if (!m_editor->hasStory() || virin.isEmpty())
        return;
    MarkdownEditor *body = m_editor->bodyEditor();
    QTextCursor cursor = body->textCursor();
    // A figure is a paragraph of its own: after the paragraph the cursor is in.
    cursor.beginEditBlock();
    cursor.movePosition(QTextCursor::EndOfBlock);
    const bool atStart = cursor.atStart();
    const QString before = atStart ? QString() : u"\n\n"_s;
    const bool nextIsBlank = !cursor.block().next().isValid() || cursor.block().next().text().trimmed().isEmpty();
    cursor.insertText(before + u"![](photo:%1)"_s.arg(virin) + (nextIsBlank ? QString() : u"\n"_s));
    cursor.endEditBlock();
    body->setTextCursor(cursor);
    body->setFocus();
}

void MainWindow::chooseLibrary()
{
    // A file, a team library's server, or one of the recent ones.
    OpenLibraryDialog dialog(OpenLibraryDialog::recentLibraries(), prompter(), this);
    if (prompter().run(&dialog) == QDialog::Accepted && !dialog.location().isEmpty())
        openLibraryInteractively(dialog.location());
}

void MainWindow::exportStory()
{
    if (!m_library || !m_editor->hasStory() || !saveCurrentStory())
        return;
    ExportDialog dialog(m_library, m_editor->story(), prompter(), this);
    if (prompter().run(&dialog) == QDialog::Accepted)
        statusBar()->showMessage(tr("Exported to %1").arg(QDir::toNativeSeparators(dialog.folder())), 8000);
}

bool MainWindow::exportStoryTo(const QString &directory, const QString &overrideReason)
{
    if (!m_library || !m_editor->hasStory() || !saveCurrentStory())
        return false;
    StoryExporter::Options options;
    options.overrideReason = overrideReason;
    const StoryExporter::Result result = StoryExporter(m_library).exportStory(m_editor->story(), directory, options);
    if (!result.success) {
        m_errorString = result.blockingReasons.isEmpty() ? result.errorMessage : result.blockingReasons.join(u'\n');
        statusBar()->showMessage(m_errorString, 15000);
        if (result.blockingReasons.isEmpty())
            showError(tr("Export failed"), m_errorString);
        return false;
    }
    statusBar()->showMessage(tr("Exported to %1").arg(QDir::toNativeSeparators(QDir(directory).filePath(u"index.html"_s))), 8000);
    return true;
}

void MainWindow::copyArticleHtml()
{
    if (!m_library || !m_editor->hasStory())
        return;
    const Story story = m_editor->story();
    ArticleRenderer::Options options;
    // Image links as the export writes them (images/VIRIN.jpg), for a CMS
    // that gets the export's images beside the article.
    options.imageLinks = ArticleRenderer::Options::ImageLinks::ExportFiles;
    QApplication::clipboard()->setText(
        ArticleRenderer::articleFragment(story, PhotoRepository(m_library).photosOfStory(story.id), options));
    statusBar()->showMessage(tr("Copied the article's HTML."), 4000);
}

void MainWindow::importMarkdown()
{
    if (!m_library || !saveCurrentStory())
        return;
    const QString path = m_prompter->askFile(this, Prompter::FileMode::OpenFile, tr("Import Markdown"), QString(),
                                             tr("Stories (*.md *.markdown *.json);;Markdown (*.md *.markdown);;"
                                                "IPTC ninjs (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    // Markdown or an IPTC ninjs document, told apart by content.
    const StoryMarkdown::ImportResult result = Ninjs::importStoryFile(m_library, path);
    if (!result.story) {
        showError(tr("Cannot import"), result.error);
        return;
    }
    openStory(result.story->id);
    statusBar()->showMessage(result.warnings.isEmpty() ? tr("Imported \"%1\".").arg(result.story->headline)
                                                       : tr("Imported \"%1\": %2").arg(result.story->headline, result.warnings.join(u"; "_s)),
                             10000);
}

void MainWindow::exportMarkdown()
{
    if (!m_library || !m_editor->hasStory() || !saveCurrentStory())
        return;
    const Story story = m_editor->story();
    const QString path = m_prompter->askFile(this, Prompter::FileMode::SaveFile, tr("Export Markdown"),
                                             fileNameOfStory(story) + u".md"_s, tr("Markdown (*.md)"));
    if (path.isEmpty())
        return;
    QString error;
    // The file dialog has asked before a file is replaced.
    if (!StoryMarkdown::dumpToFile(m_library, story, path, &error, StoryMarkdown::ExistingFile::Replace)) {
        showError(tr("Cannot export Markdown"), error);
        return;
    }
    statusBar()->showMessage(tr("Wrote %1 and its photos.").arg(QDir::toNativeSeparators(path)), 8000);
}

void MainWindow::showPreferences()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Preferences"));
    auto *form = new QFormLayout;
    auto *libraryPath = new QLabel(m_library ? QDir::toNativeSeparators(m_library->path()) : tr("(none)"), &dialog);
    libraryPath->setTextFormat(Qt::PlainText);
    libraryPath->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Library:"), libraryPath);
    auto *people = new QGroupBox(tr("People"), &dialog);
    (new QVBoxLayout(people))->addWidget(m_workflow->createPeopleEditor(people));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    PublicationForm *publicationForm = nullptr;
    QGroupBox *publication = nullptr;
    if (m_library) {
        publication = new QGroupBox(tr("Publication"), &dialog);
        publicationForm = new PublicationForm(m_library, publication);
        if (m_editor->hasStory())
            publicationForm->setExampleStory(m_editor->story());
        (new QVBoxLayout(publication))->addWidget(publicationForm);
    }
    // OK keeps the dialog open when a setting cannot be saved; the form says why.
    connect(buttons, &QDialogButtonBox::accepted, &dialog, [&dialog, publicationForm] {
        if (!publicationForm || publicationForm->apply())
            dialog.accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    // People and Publication side by side as tabs: stacked, the two did
    // not fit a 1366×768 screen once the publication settings grew.
    auto *pages = new QTabWidget(&dialog);
    pages->setObjectName(u"preferencesPages"_s);
    pages->addTab(people, tr("&People"));
    if (publication)
        pages->addTab(publication, tr("P&ublication"));
    auto *layout = new QVBoxLayout(&dialog);
    layout->addLayout(form);
    layout->addWidget(pages);
    layout->addWidget(buttons);
    dialog.setObjectName(u"preferencesDialog"_s);
    prompter().run(&dialog);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Newsdesk"),
                       tr("<h3>Newsdesk %1</h3><p>Drafts, checks and approves news stories and their photo captions, "
                          "and exports them as publication-ready HTML.</p><p>Qt %2</p>")
                           .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}

void MainWindow::schedulePreview()
{
    m_previewTimer->start();
}

void MainWindow::updatePreview()
{
    if (!m_library || !m_editor->hasStory()) {
        m_preview->clear();
        updateChanges();
        return;
    }
    const Story story = m_editor->story();
    m_preview->showStory(story, PhotoRepository(m_library).photosOfStory(story.id));
    updateChanges();
}

void MainWindow::updateTitle()
{
    QString title = m_editor->hasStory() ? m_editor->story().headline : tr("No story open");
    if (m_editor->isModified())
        title += u" *"_s;
    setWindowTitle(title + u" — Newsdesk"_s);
    if (m_saveAction)
        m_saveAction->setEnabled(m_editor->isModified());
    for (QAction *action : {m_exportAction, m_exportMarkdownAction, m_copyHtmlAction, m_duplicateAction, m_archiveAction, m_deleteAction}) {
        if (action)
            action->setEnabled(m_editor->hasStory());
    }
    if (m_archiveAction)
        m_archiveAction->setText(m_editor->hasStory() && m_editor->story().status == StoryStatus::Archived ? tr("Un&archive")
                                                                                                          : tr("&Archive"));
}

void MainWindow::showError(const QString &title, const QString &message)
{
    m_errorString = message;
    statusBar()->showMessage(message, 15000);
    // A window not (yet) shown keeps the message in its status bar and
    // errorString(): there is nothing to put a message over.
    if (isVisible())
        m_prompter->tell(this, Prompter::Severity::Warning, title, message);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!saveCurrentStory()) {
        enum { Discard, Cancel };
        const QList<Prompter::Button> buttons{{tr("Discard"), Prompter::Button::Role::Destructive},
                                              {tr("Cancel"), Prompter::Button::Role::Cancel}};
        if (m_prompter->choose(this, Prompter::Severity::Warning, tr("Unsaved changes"),
                               tr("The open story could not be saved. Quit anyway and lose the changes?"), buttons, Cancel)
            != Discard) {
            event->ignore();
            return;
        }
    }
    saveSettings();
    m_workflow->releaseLock();
    event->accept();
}

Prompter &MainWindow::prompter() const
{
    return *m_prompter;
}

Library *MainWindow::library() const
{
    return m_library;
}

StoryListPanel *MainWindow::storyList() const
{
    return m_storyList;
}

EditorPane *MainWindow::editor() const
{
    return m_editor;
}

MediaPanel *MainWindow::mediaPanel() const
{
    return m_media;
}

WorkflowController *MainWindow::workflow() const
{
    return m_workflow.get();
}

PreviewPane *MainWindow::preview() const
{
    return m_preview;
}
