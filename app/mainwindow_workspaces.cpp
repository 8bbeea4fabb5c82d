// SPDX-License-Identifier: MIT
// The window's panels as docks around the editor, and the workspaces that
// arrange them: Write (the editor and the preview), Photo Desk (the photos
// and their form, large) and Review (the queue, the changes since approval,
// the preview). Each workspace keeps its own arrangement in QSettings as
// QMainWindow::saveState() under a layout version; a state from another
// version is not restored (docks added or renamed since would come back in
// the wrong places) and the workspace's default is shown instead.
#include "mainwindow.h"

#include "changesdialog.h"
#include "editorpane.h"
#include "library.h"
#include "markdowneditor.h"
#include "mediapanel.h"
#include "previewpane.h"
#include "storylistpanel.h"
#include "storyrepository.h"
#include "workflowcontroller.h"

#include <QAction>
#include <QActionGroup>
#include <QDockWidget>
#include <QMenu>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QToolBar>

using namespace Qt::StringLiterals;

namespace {

// Raise it whenever a dock is added, renamed or changes what it holds: the
// layouts saved before are then dropped for the defaults.
constexpr int layoutVersion = 1;

QString workspaceKey(MainWindow::Workspace workspace)
{
    switch (workspace) {
    case MainWindow::Workspace::Write:
        return u"write"_s;
    case MainWindow::Workspace::PhotoDesk:
        return u"photoDesk"_s;
    case MainWindow::Workspace::Review:
        return u"review"_s;
    }
    return u"write"_s;
}

QString layoutSetting(MainWindow::Workspace workspace)
{
    return u"workspaces/"_s + workspaceKey(workspace) + u"/layout"_s;
}

// The photos panel's split between the grid and the form: inside a dock,
// so not in saveState(), and kept beside it.
QString photoSplitSetting(MainWindow::Workspace workspace)
{
    return u"workspaces/"_s + workspaceKey(workspace) + u"/photoSplit"_s;
}

} // namespace

QDockWidget *MainWindow::addPanel(QWidget *content, const QString &name, const QString &title, const QString &actionText,
                                  const QKeySequence &key)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(name + u"Dock"_s);
    dock->setWidget(content);
    QAction *toggle = dock->toggleViewAction();
    toggle->setObjectName(u"actionShow"_s + name.front().toUpper() + name.mid(1));
    toggle->setText(actionText);
    toggle->setShortcut(key);
    addDockWidget(Qt::RightDockWidgetArea, dock);
    m_docks << dock;
    return dock;
}

void MainWindow::createDocks()
{
    // The editor has the middle; everything else is a panel around it.
    setCentralWidget(m_editor);
    setDockNestingEnabled(true);
    addPanel(m_listHolder, u"storyList"_s, tr("Stories"), tr("Story &List"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    // The outline and quotes leave the editor's side for a panel of their own.
    addPanel(m_editor->sideTabs(), u"outline"_s, tr("Outline and Quotes"), tr("&Outline and Quotes"),
             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    addPanel(m_mediaHolder, u"media"_s, tr("Photos"), tr("&Photos"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    addPanel(m_preview, u"preview"_s, tr("Preview"), tr("Pre&view"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_changes->setObjectName(u"changesPanel"_s);
    QDockWidget *changes = addPanel(m_changes, u"changes"_s, tr("Changes Since Approval"), tr("&Changes Since Approval"),
                                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
    connect(changes, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            updateChanges();
    });
}

void MainWindow::createWorkspaceActions(QMenu *view)
{
    m_panelsMenu = view->addMenu(tr("&Panels"));
    m_panelsMenu->setObjectName(u"menuPanels"_s);
    for (QDockWidget *dock : std::as_const(m_docks))
        m_panelsMenu->addAction(dock->toggleViewAction());

    QMenu *workspaces = view->addMenu(tr("&Workspace"));
    workspaces->setObjectName(u"menuWorkspace"_s);
    m_workspaceGroup = new QActionGroup(this);
    struct Entry
    {
        Workspace workspace;
        QString objectName;
        QString text;
        QKeySequence key;
    };
    // Alt+number: Ctrl+1 and Ctrl+2 go to the story list and the editor, Ctrl+3 is the review queue.
    const QList<Entry> entries = {
        {Workspace::Write, u"actionWorkspaceWrite"_s, tr("&Write"), QKeySequence(Qt::ALT | Qt::Key_1)},
        {Workspace::PhotoDesk, u"actionWorkspacePhotoDesk"_s, tr("&Photo Desk"), QKeySequence(Qt::ALT | Qt::Key_2)},
        {Workspace::Review, u"actionWorkspaceReview"_s, tr("&Review"), QKeySequence(Qt::ALT | Qt::Key_3)},
    };
    for (const Entry &entry : entries) {
        QAction *action = workspaces->addAction(entry.text, this, [this, which = entry.workspace] { setWorkspace(which); });
        action->setObjectName(entry.objectName);
        action->setShortcut(entry.key);
        action->setCheckable(true);
        action->setData(int(entry.workspace));
        m_workspaceGroup->addAction(action);
    }
    workspaces->addSeparator();
    QAction *reset = workspaces->addAction(tr("Re&set This Workspace"), this, &MainWindow::resetWorkspace);
    reset->setObjectName(u"actionResetWorkspace"_s);
    reset->setToolTip(tr("Put the panels of this workspace back where they were at first"));
}

QDockWidget *MainWindow::dock(const QString &objectName) const
{
    for (QDockWidget *dock : m_docks) {
        if (dock->objectName() == objectName)
            return dock;
    }
    return nullptr;
}

MainWindow::Workspace MainWindow::workspace() const
{
    return m_workspace;
}

void MainWindow::setWorkspace(Workspace workspace)
{
    const bool switching = workspace != m_workspace;
    if (switching) {
        saveWorkspaceLayout();
        m_workspace = workspace;
        if (!restoreWorkspaceLayout(workspace))
            applyDefaultLayout(workspace);
        QSettings().setValue(u"workspaces/current"_s, workspaceKey(workspace));
    }
    for (QAction *action : m_workspaceGroup->actions()) {
        if (action->data().toInt() != int(workspace))
            continue;
        action->setChecked(true);
        if (switching)
            statusBar()->showMessage(tr("Workspace: %1").arg(action->text().remove(u'&')), 3000);
    }
}

bool MainWindow::workspaceSizesPending() const
{
    return m_defaultSizesPending;
}

void MainWindow::resetWorkspace()
{
    QSettings().remove(layoutSetting(m_workspace));
    QSettings().remove(photoSplitSetting(m_workspace));
    applyDefaultLayout(m_workspace);
}

void MainWindow::saveWorkspaceLayout()
{
    // A window never shown has no sizes worth keeping.
    if (!m_windowShown)
        return;
    QSettings().setValue(layoutSetting(m_workspace), saveState(layoutVersion));
    if (m_media)
        QSettings().setValue(photoSplitSetting(m_workspace), m_media->saveLayout());
}

void MainWindow::restorePhotoSplit()
{
    if (m_media)
        m_media->restoreLayout(QSettings().value(photoSplitSetting(m_workspace)).toByteArray());
}

bool MainWindow::restoreWorkspaceLayout(Workspace workspace)
{
    const QByteArray state = QSettings().value(layoutSetting(workspace)).toByteArray();
    // The find bar is a toolbar, in the state too: it stays as the user has it.
    const bool findShown = !m_findBar->isHidden();
    const bool restored = !state.isEmpty() && restoreState(state, layoutVersion);
    m_findBar->setVisible(findShown);
    if (restored)
        restorePhotoSplit();
    return restored;
}

void MainWindow::applyDefaultLayout(Workspace workspace)
{
    QDockWidget *list = dock(u"storyListDock"_s);
    QDockWidget *outline = dock(u"outlineDock"_s);
    QDockWidget *media = dock(u"mediaDock"_s);
    QDockWidget *preview = dock(u"previewDock"_s);
    QDockWidget *queue = dock(u"reviewQueueDock"_s);
    QDockWidget *changes = dock(u"changesDock"_s);
    // Every panel back home first, docked and alone, whatever the user made of it.
    for (QDockWidget *dock : std::as_const(m_docks)) {
        dock->setFloating(false);
        removeDockWidget(dock);
    }
    const QList<QDockWidget *> left = {list, queue};
    const QList<QDockWidget *> right = {preview, media, outline, changes};
    for (QDockWidget *dock : left)
        addDockWidget(Qt::LeftDockWidgetArea, dock);
    for (QDockWidget *dock : right)
        addDockWidget(Qt::RightDockWidgetArea, dock, Qt::Vertical);
    QList<QDockWidget *> shown;
    switch (workspace) {
    case Workspace::Write:
        shown = {list, preview};
        break;
    case Workspace::PhotoDesk:
        shown = {list, media};
        break;
    case Workspace::Review:
        shown = {queue, preview, changes};
        break;
    }
    for (QDockWidget *dock : std::as_const(m_docks))
        dock->setVisible(shown.contains(dock));
    // The grid and the form as they come: whole columns of photos beside the form.
    if (m_media)
        m_media->restoreLayout({});
    m_defaultSizesPending = true;
    // Docks just shown take their part of the window in the layout run this
    // posts; the shares are given after it (sized now, they kept their old width).
    if (m_windowShown)
        QTimer::singleShot(0, this, &MainWindow::applyDefaultSizes);
}

void MainWindow::applyDefaultSizes()
{
    if (!m_defaultSizesPending)
        return;
    m_defaultSizesPending = false;
    // Shares of the window's width: the editor keeps what the panels leave,
    // and the docks never go below what their contents need.
    const int width = this->width();
    const int height = this->height();
    QDockWidget *list = dock(u"storyListDock"_s);
    QDockWidget *media = dock(u"mediaDock"_s);
    QDockWidget *preview = dock(u"previewDock"_s);
    QDockWidget *queue = dock(u"reviewQueueDock"_s);
    QDockWidget *changes = dock(u"changesDock"_s);
    switch (m_workspace) {
    case Workspace::Write:
        resizeDocks({list, preview}, {width * 17 / 100, width * 38 / 100}, Qt::Horizontal);
        break;
    case Workspace::PhotoDesk:
        resizeDocks({list, media}, {width * 15 / 100, width * 60 / 100}, Qt::Horizontal);
        break;
    case Workspace::Review:
        resizeDocks({queue, preview}, {width * 22 / 100, width * 38 / 100}, Qt::Horizontal);
        resizeDocks({preview, changes}, {height * 55 / 100, height * 45 / 100}, Qt::Vertical);
        break;
    }
}

void MainWindow::showPanel(QDockWidget *dock)
{
    dock->show();
    dock->raise();
}

void MainWindow::updateChanges()
{
    if (!dock(u"changesDock"_s)->isVisible())
        return;
    if (!m_library || !m_editor->hasStory()) {
        m_changes->setPlainText(tr("No story open."));
        return;
    }
    const Story story = m_editor->story();
    showChangesSinceApproval(m_changes, story, StoryRepository(m_library).lastApprovedRevision(story.id));
}
