// SPDX-License-Identifier: MIT
// The window's panels and workspaces on the real MainWindow, offscreen on a
// 1920×1080 screen: each panel shows and hides by its View action and its
// key; Alt+1/2/3 switch between Write, Photo Desk and Review, each with its
// own layout, kept across windows and back to its default on reset; and in
// every workspace, at 1366×768 and at 1920×1080, no field or button is cut
// off or squeezed below its size hint.
#include "editorpane.h"
#include "mainwindow.h"
#include "markdowneditor.h"
#include "mediapanel.h"
#include "photoform.h"
#include "photolistmodel.h"
#include "photorepository.h"
#include "scriptedprompter.h"
#include "widgetfit.h"
#include "windowtestfixture.h"
#include "workflowcontroller.h"

#include <QAbstractProxyModel>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSet>
#include <QSettings>
#include <QSplitter>
#include <QStyle>
#include <QStyleOptionFrame>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

namespace {

using Workspace = MainWindow::Workspace;

const QStringList allDocks = {u"storyListDock"_s, u"outlineDock"_s, u"mediaDock"_s,
                              u"previewDock"_s,   u"reviewQueueDock"_s, u"changesDock"_s};

// The docks that show, by object name.
QStringList shownDocks(const MainWindow &window)
{
    QStringList shown;
    for (const QString &name : allDocks) {
        if (!window.dock(name)->isHidden())
            shown << name;
    }
    return shown;
}

QAction *action(const MainWindow &window, const QString &name)
{
    return window.findChild<QAction *>(name);
}

} // namespace

class TestWorkspaces : public QObject, private WindowTestFixture
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void editorIsInTheMiddle();
    void panelsToggleByActionAndKey_data();
    void panelsToggleByActionAndKey();
    void workspacesSwitchByKey();
    void eachWorkspaceKeepsItsOwnLayout();
    void layoutsPersistAcrossWindows();
    void resetGoesBackToTheDefault();
    void layoutOfAnotherVersionIsNotRestored();
    void changesPanelComparesWithTheApproval();
    void photoDeskShowsThePhotosAsAGrid_data();
    void photoDeskShowsThePhotosAsAGrid();
    void nothingIsCutOff_data();
    void nothingIsCutOff();

private:
    // A window on the sample library, shown at size.
    void openWindow(MainWindow &window, QSize size = QSize(1600, 1000));
};

void TestWorkspaces::initTestCase()
{
    setUpSettings();
}

void TestWorkspaces::init()
{
    startFresh();
}

void TestWorkspaces::openWindow(MainWindow &window, QSize size)
{
    QVERIFY2(window.openLibrary(libraryPath()), qPrintable(window.errorString()));
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.activateWindow();
    QTRY_VERIFY(window.isActiveWindow());
}

void TestWorkspaces::editorIsInTheMiddle()
{
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    openWindow(window);
    QCOMPARE(window.centralWidget(), window.editor());
    // A new window opens on Write: the editor, the stories and the preview.
    QCOMPARE(window.workspace(), Workspace::Write);
    QVERIFY(action(window, u"actionWorkspaceWrite"_s)->isChecked());
    QCOMPARE(shownDocks(window), QStringList({u"storyListDock"_s, u"previewDock"_s}));
    // The body has the most room of all.
    const int body = window.editor()->bodyEditor()->width();
    for (const QString &name : shownDocks(window))
        QVERIFY2(body > window.dock(name)->width(), qPrintable(name));
    // The outline and quotes are a panel now, not a part of the editor.
    QCOMPARE(window.editor()->sideTabs()->parentWidget(), window.dock(u"outlineDock"_s));
    settlePreview(window);
}

void TestWorkspaces::panelsToggleByActionAndKey_data()
{
    QTest::addColumn<QString>("dock");
    QTest::addColumn<QString>("actionName");
    QTest::addColumn<QKeySequence>("key");
    QTest::newRow("story list") << u"storyListDock"_s << u"actionShowStoryList"_s << QKeySequence(u"Ctrl+Shift+L"_s);
    QTest::newRow("outline") << u"outlineDock"_s << u"actionShowOutline"_s << QKeySequence(u"Ctrl+Shift+O"_s);
    QTest::newRow("photos") << u"mediaDock"_s << u"actionShowMedia"_s << QKeySequence(u"Ctrl+Shift+M"_s);
    QTest::newRow("preview") << u"previewDock"_s << u"actionShowPreview"_s << QKeySequence(u"Ctrl+Shift+P"_s);
    QTest::newRow("review queue") << u"reviewQueueDock"_s << u"actionReviewQueue"_s << QKeySequence(u"Ctrl+3"_s);
    QTest::newRow("changes") << u"changesDock"_s << u"actionShowChanges"_s << QKeySequence(u"Ctrl+Shift+G"_s);
}

void TestWorkspaces::panelsToggleByActionAndKey()
{
    QFETCH(QString, dock);
    QFETCH(QString, actionName);
    QFETCH(QKeySequence, key);
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    openWindow(window);
    QDockWidget *panel = window.dock(dock);
    QVERIFY(panel);
    QAction *toggle = action(window, actionName);
    QVERIFY(toggle);
    QCOMPARE(toggle, panel->toggleViewAction());
    // In View ▸ Panels, with its key.
    auto *panels = window.menuBar()->findChild<QMenu *>(u"menuPanels"_s);
    QVERIFY(panels && panels->actions().contains(toggle));
    QCOMPARE(toggle->shortcut(), key);

    const bool shown = panel->isVisible();
    QCOMPARE(toggle->isChecked(), shown);
    QTest::keySequence(&window, key);
    QTRY_COMPARE(panel->isVisible(), !shown);
    QCOMPARE(toggle->isChecked(), !shown);
    toggle->trigger();
    QTRY_COMPARE(panel->isVisible(), shown);
    // And by key once more, from the body, where people type.
    window.editor()->bodyEditor()->setFocus();
    QTest::keySequence(&window, key);
    QTRY_COMPARE(panel->isVisible(), !shown);
    settlePreview(window);
}

void TestWorkspaces::workspacesSwitchByKey()
{
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    openWindow(window);
    QTest::keySequence(&window, QKeySequence(u"Alt+2"_s));
    QCOMPARE(window.workspace(), Workspace::PhotoDesk);
    QVERIFY(action(window, u"actionWorkspacePhotoDesk"_s)->isChecked());
    QCOMPARE(shownDocks(window), QStringList({u"storyListDock"_s, u"mediaDock"_s}));
    // The photos and their form large: wider than the editor.
    QTRY_VERIFY(window.dock(u"mediaDock"_s)->width() > window.editor()->width());
    QVERIFY(window.mediaPanel()->form()->isEnabled());

    QTest::keySequence(&window, QKeySequence(u"Alt+3"_s));
    QCOMPARE(window.workspace(), Workspace::Review);
    QVERIFY(action(window, u"actionWorkspaceReview"_s)->isChecked());
    QCOMPARE(shownDocks(window), QStringList({u"previewDock"_s, u"reviewQueueDock"_s, u"changesDock"_s}));

    QTest::keySequence(&window, QKeySequence(u"Alt+1"_s));
    QCOMPARE(window.workspace(), Workspace::Write);
    QCOMPARE(shownDocks(window), QStringList({u"storyListDock"_s, u"previewDock"_s}));
    // All three in View ▸ Workspace, with the reset.
    auto *menu = window.menuBar()->findChild<QMenu *>(u"menuWorkspace"_s);
    QVERIFY(menu);
    for (const QString &name : {u"actionWorkspaceWrite"_s, u"actionWorkspacePhotoDesk"_s, u"actionWorkspaceReview"_s, u"actionResetWorkspace"_s})
        QVERIFY2(menu->actions().contains(action(window, name)), qPrintable(name));
    settlePreview(window);
}

void TestWorkspaces::eachWorkspaceKeepsItsOwnLayout()
{
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    openWindow(window);
    // Write: the outline shown, the preview hidden, the story list wider.
    action(window, u"actionShowOutline"_s)->trigger();
    action(window, u"actionShowPreview"_s)->trigger();
    QDockWidget *list = window.dock(u"storyListDock"_s);
    window.resizeDocks({list}, {420}, Qt::Horizontal);
    QTRY_COMPARE(list->width(), 420);
    const QStringList write = shownDocks(window);
    QCOMPARE(write, QStringList({u"storyListDock"_s, u"outlineDock"_s}));

    // Photo Desk as it comes, then changed: the photos narrower.
    window.setWorkspace(Workspace::PhotoDesk);
    QCOMPARE(shownDocks(window), QStringList({u"storyListDock"_s, u"mediaDock"_s}));
    QTRY_VERIFY(!window.workspaceSizesPending());
    QDockWidget *media = window.dock(u"mediaDock"_s);
    window.resizeDocks({media}, {900}, Qt::Horizontal);
    QTRY_COMPARE(media->width(), 900);
    // And the photo grid given all the room the form leaves.
    auto *split = window.mediaPanel()->findChild<QSplitter *>(u"mediaSplitter"_s);
    QVERIFY(split);
    const int gridWidth = split->sizes().value(0);
    split->setSizes({10000, 1});
    QTRY_VERIFY(split->sizes().value(0) > gridWidth);
    const QList<int> photoSplit = split->sizes();

    window.setWorkspace(Workspace::Write);
    QCOMPARE(shownDocks(window), write);
    QTRY_COMPARE(list->width(), 420);
    // Write's photos (shown there for a moment) split the other way: the grid as narrow as it goes.
    action(window, u"actionShowMedia"_s)->trigger();
    QTRY_VERIFY(media->isVisible());
    split->setSizes({1, 10000});
    QTRY_VERIFY(split->sizes().value(0) < photoSplit.value(0));
    action(window, u"actionShowMedia"_s)->trigger();
    window.setWorkspace(Workspace::PhotoDesk);
    QCOMPARE(shownDocks(window), QStringList({u"storyListDock"_s, u"mediaDock"_s}));
    QTRY_COMPARE(media->width(), 900);
    QTRY_COMPARE(split->sizes(), photoSplit);
    settlePreview(window);
}

void TestWorkspaces::layoutsPersistAcrossWindows()
{
    {
        ScriptedPrompter prompter;
        MainWindow window(&prompter);
        openWindow(window);
        action(window, u"actionShowChanges"_s)->trigger(); // in Write
        window.setWorkspace(Workspace::Review);
        action(window, u"actionShowPreview"_s)->trigger(); // hidden in Review
        settlePreview(window);
        window.close();
    }
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    openWindow(window);
    // Back in the workspace left, as it was left.
    QCOMPARE(window.workspace(), Workspace::Review);
    QVERIFY(action(window, u"actionWorkspaceReview"_s)->isChecked());
    QCOMPARE(shownDocks(window), QStringList({u"reviewQueueDock"_s, u"changesDock"_s}));
    window.setWorkspace(Workspace::Write);
    QCOMPARE(shownDocks(window), QStringList({u"storyListDock"_s, u"previewDock"_s, u"changesDock"_s}));
    // Never changed: its default.
    window.setWorkspace(Workspace::PhotoDesk);
    QCOMPARE(shownDocks(window), QStringList({u"storyListDock"_s, u"mediaDock"_s}));
    settlePreview(window);
}

void TestWorkspaces::resetGoesBackToTheDefault()
{
    {
        ScriptedPrompter prompter;
        MainWindow window(&prompter);
        openWindow(window);
        window.setWorkspace(Workspace::PhotoDesk);
        QDockWidget *media = window.dock(u"mediaDock"_s);
        QTRY_VERIFY(media->width() > window.editor()->width());
        const int defaultWidth = media->width();
        // The grid as narrow as it goes, floated, the story list gone, the outline shown.
        auto *split = window.mediaPanel()->findChild<QSplitter *>(u"mediaSplitter"_s);
        QVERIFY(split);
        const QList<int> defaultSplit = split->sizes();
        QCOMPARE(defaultSplit, window.mediaPanel()->defaultSplit(split->width()));
        split->setSizes({1, 10000});
        QTRY_VERIFY(split->sizes() != defaultSplit);
        media->setFloating(true);
        action(window, u"actionShowStoryList"_s)->trigger();
        action(window, u"actionShowOutline"_s)->trigger();
        window.setWorkspace(Workspace::Write);
        window.setWorkspace(Workspace::PhotoDesk);
        QVERIFY(media->isFloating());
        QCOMPARE(shownDocks(window), QStringList({u"outlineDock"_s, u"mediaDock"_s}));

        action(window, u"actionResetWorkspace"_s)->trigger();
        QVERIFY(!media->isFloating());
        QCOMPARE(window.dockWidgetArea(media), Qt::RightDockWidgetArea);
        QCOMPARE(shownDocks(window), QStringList({u"storyListDock"_s, u"mediaDock"_s}));
        QTRY_COMPARE(media->width(), defaultWidth);
        QTRY_COMPARE(split->sizes(), defaultSplit);
        // Only this workspace: Write is as it was.
        window.setWorkspace(Workspace::Write);
        QCOMPARE(shownDocks(window), QStringList({u"storyListDock"_s, u"previewDock"_s}));
        window.setWorkspace(Workspace::PhotoDesk);
        settlePreview(window);
        window.close();
    }
    // The reset one is what the next window shows.
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    openWindow(window);
    QCOMPARE(window.workspace(), Workspace::PhotoDesk);
    QVERIFY(!window.dock(u"mediaDock"_s)->isFloating());
    QCOMPARE(shownDocks(window), QStringList({u"storyListDock"_s, u"mediaDock"_s}));
    settlePreview(window);
}

void TestWorkspaces::layoutOfAnotherVersionIsNotRestored()
{
    {
        ScriptedPrompter prompter;
        MainWindow window(&prompter);
        openWindow(window);
        // A layout saved under another version (the docks were different
        // then), and one that is not a layout at all.
        action(window, u"actionShowPreview"_s)->trigger();
        action(window, u"actionShowMedia"_s)->trigger();
        QSettings().setValue(u"workspaces/review/layout"_s, window.saveState(1000));
        settlePreview(window);
    }
    QSettings().setValue(u"workspaces/write/layout"_s, QByteArray("\xff\x00garbage", 9));
    QSettings().setValue(u"workspaces/current"_s, u"review"_s);
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    openWindow(window);
    QCOMPARE(window.workspace(), Workspace::Review);
    QCOMPARE(shownDocks(window), QStringList({u"previewDock"_s, u"reviewQueueDock"_s, u"changesDock"_s}));
    window.setWorkspace(Workspace::Write);
    QCOMPARE(shownDocks(window), QStringList({u"storyListDock"_s, u"previewDock"_s}));
    settlePreview(window);
}

void TestWorkspaces::changesPanelComparesWithTheApproval()
{
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    openWindow(window);
    window.setWorkspace(Workspace::Review);
    auto *changes = window.findChild<QTextBrowser *>(u"changesPanel"_s);
    QVERIFY(changes && changes->isVisible());
    QTRY_COMPARE(changes->toPlainText(), u"This story has not been approved before."_s);
    settlePreview(window);
}

void TestWorkspaces::photoDeskShowsThePhotosAsAGrid_data()
{
    QTest::addColumn<QSize>("size");
    // A laptop's screen too: there the panel is narrowest, and one column of
    // photos beside the form is a list, not a contact sheet.
    QTest::newRow("1366x768") << QSize(1366, 768);
    QTest::newRow("1920x1080") << QSize(1920, 1080);
}

void TestWorkspaces::photoDeskShowsThePhotosAsAGrid()
{
    QFETCH(QSize, size);
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    openWindow(window, size);
    window.setWorkspace(Workspace::PhotoDesk);
    QTRY_VERIFY(!window.workspaceSizesPending());
    // Six photos: the sample story's three and a copy of each placed in it.
    PhotoRepository repository(window.library());
    const QList<Photo> sample = repository.photosOfStory(window.currentStoryId());
    QCOMPARE(sample.size(), 3);
    for (const Photo &photo : sample)
        QVERIFY2(repository.placeCopy(photo.id, window.currentStoryId()), qPrintable(repository.errorString()));
    QListView *view = window.mediaPanel()->view();
    auto *photos = qobject_cast<PhotoListModel *>(qobject_cast<QAbstractProxyModel *>(view->model())->sourceModel());
    QVERIFY(photos);
    photos->refresh();
    QCOMPARE(view->model()->rowCount(), 6);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    QCoreApplication::processEvents();

    // Rows of thumbnails side by side, as many as the list's width holds.
    QSet<int> columns;
    for (int row = 0; row < 6; ++row)
        columns.insert(view->visualRect(view->model()->index(row, 0)).x());
    QVERIFY2(columns.size() > 1, qPrintable(u"%1 column(s) in a list %2 px wide"_s.arg(columns.size()).arg(view->width())));
    // The grid takes whole columns: what is left beside the last one is less
    // than one more would need, not room lost between the grid and the form.
    const int spare = view->viewport()->width() - int(columns.size()) * view->gridSize().width();
    QVERIFY2(spare >= 0 && spare < view->gridSize().width() / 2,
             qPrintable(u"%1 px unused beside %2 column(s)"_s.arg(spare).arg(columns.size())));
    // The second photo is beside the first, not under it.
    const QRect first = view->visualRect(view->model()->index(0, 0));
    const QRect second = view->visualRect(view->model()->index(1, 0));
    QCOMPARE(second.y(), first.y());
    QVERIFY(second.x() > first.x());
    // Never wider than the list: each photo is seen whole, scrolled to if need be, and never sideways.
    QCOMPARE(view->horizontalScrollBar()->maximum(), 0);
    for (int row = 0; row < 6; ++row) {
        const QModelIndex index = view->model()->index(row, 0);
        view->scrollTo(index);
        QTRY_VERIFY2(view->viewport()->rect().contains(view->visualRect(index)), qPrintable(QString::number(row)));
    }

    // The keys move through the grid, and Shift+arrow selects several (the batch form).
    view->setFocus();
    view->setCurrentIndex(view->model()->index(0, 0));
    QTest::keyClick(view, Qt::Key_Right);
    QCOMPARE(view->currentIndex().row(), 1);
    QTest::keyClick(view, Qt::Key_Right, Qt::ShiftModifier);
    QCOMPARE(view->currentIndex().row(), 2);
    QCOMPARE(window.mediaPanel()->selectedPhotoIds().size(), 2);
    QVERIFY(window.mediaPanel()->isBatchShown());
    QTest::keyClick(view, Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(window.mediaPanel()->selectedPhotoIds().size(), 6);
    QTest::keyClick(view, Qt::Key_Home);
    QCOMPARE(view->currentIndex().row(), 0);
    // Down goes to the photo under it, a row of the grid later (the form
    // beside the grid leaves it room for fewer than six columns).
    QVERIFY(columns.size() < 6);
    QTest::keyClick(view, Qt::Key_Down);
    QCOMPARE(view->currentIndex().row(), int(columns.size()));
    QTest::keyClick(view, Qt::Key_Home);
    QCOMPARE(window.mediaPanel()->selectedPhotoIds().size(), 1);
    QVERIFY(!window.mediaPanel()->isBatchShown());
    settlePreview(window);
}

void TestWorkspaces::nothingIsCutOff_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<int>("which");
    // Every panel that shows made as narrow as it goes, as a user may.
    QTest::addColumn<bool>("narrowed");
    for (const QSize size : {QSize(1366, 768), QSize(1920, 1080)}) {
        const QString screen = u"%1x%2 "_s.arg(size.width()).arg(size.height());
        QTest::newRow(qPrintable(screen + u"Write"_s)) << size << int(Workspace::Write) << false;
        QTest::newRow(qPrintable(screen + u"Photo Desk"_s)) << size << int(Workspace::PhotoDesk) << false;
        QTest::newRow(qPrintable(screen + u"Review"_s)) << size << int(Workspace::Review) << false;
    }
    QTest::newRow("1366x768 Write, panels narrowed") << QSize(1366, 768) << int(Workspace::Write) << true;
    QTest::newRow("1366x768 Photo Desk, panels narrowed") << QSize(1366, 768) << int(Workspace::PhotoDesk) << true;
    QTest::newRow("1366x768 Review, panels narrowed") << QSize(1366, 768) << int(Workspace::Review) << true;
}

void TestWorkspaces::nothingIsCutOff()
{
    QFETCH(QSize, size);
    QFETCH(int, which);
    QFETCH(bool, narrowed);
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    openWindow(window, size);
    QCOMPARE(window.size(), size);
    const auto workspace = Workspace(which);
    window.setWorkspace(workspace);
    QTRY_VERIFY(!window.workspaceSizesPending());
    if (narrowed) {
        QList<QDockWidget *> shown;
        for (const QString &name : shownDocks(window))
            shown << window.dock(name);
        // The default sizes laid out first: the editor's width as they leave it.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        const int editorWidth = window.editor()->width();
        window.resizeDocks(shown, QList<int>(shown.size(), 1), Qt::Horizontal);
        QTRY_VERIFY(window.editor()->width() > editorWidth);
    }
    // The photo form as a photo editor sees it: a photo chosen, the form in use.
    QVERIFY(window.mediaPanel()->form()->hasPhoto());
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    QCoreApplication::processEvents();

    QStringList problems;
    QSet<const QWidget *> checked;
    for (QWidget *widget : window.findChildren<QWidget *>()) {
        if (!widget->isVisible())
            continue;
        const bool inSpinOrCombo = qobject_cast<QAbstractSpinBox *>(widget->parentWidget()) || qobject_cast<QComboBox *>(widget->parentWidget());
        if (!(qobject_cast<QPushButton *>(widget) || qobject_cast<QComboBox *>(widget) || qobject_cast<QAbstractSpinBox *>(widget)
              || (qobject_cast<QLineEdit *>(widget) && !inSpinOrCombo)))
            continue;
        QString name = QString::fromLatin1(widget->metaObject()->className()) + u' ' + widget->objectName();
        if (auto *button = qobject_cast<QPushButton *>(widget))
            name += u" \""_s + button->text() + u'"';
        problems << WidgetFit::tooSmall(widget, name);
        if (const QString cut = WidgetFit::clipped(widget, name); !cut.isEmpty())
            problems << cut;
        checked.insert(widget);
    }
    // The editor's fields in every workspace, and the photo form's where it shows.
    QVERIFY(checked.contains(window.editor()->headlineField()));
    if (workspace == Workspace::PhotoDesk) {
        QVERIFY(checked.contains(window.mediaPanel()->form()->field(u"virin"_s)));
        QVERIFY(checked.contains(window.mediaPanel()->form()->approveButton()));
        // The VIRIN is read whole, not "250306-D-PM193-12": its text fits
        // the part of the field the style gives text.
        auto *virin = qobject_cast<QLineEdit *>(window.mediaPanel()->form()->field(u"virin"_s));
        QVERIFY(virin && !virin->text().isEmpty());
        QStyleOptionFrame frame;
        frame.initFrom(virin);
        frame.rect = virin->rect();
        frame.lineWidth = virin->style()->pixelMetric(QStyle::PM_DefaultFrameWidth, &frame, virin);
        const int room = virin->style()->subElementRect(QStyle::SE_LineEditContents, &frame, virin).width() - 4;
        const int needed = virin->fontMetrics().horizontalAdvance(virin->text());
        QVERIFY2(room >= needed, qPrintable(u"the VIRIN needs %1 px, its field gives %2"_s.arg(needed).arg(room)));
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    // What waits for review is read whole, not "25030…".
    if (workspace == Workspace::Review) {
        auto *queue = window.findChild<QTreeWidget *>(u"reviewQueue"_s);
        QVERIFY(queue && queue->isVisible() && queue->topLevelItemCount() > 0);
        queue->expandAll();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        // (Through the base class: QTreeView has the width its column needs protected.)
        QTRY_VERIFY(queue->columnWidth(0) >= static_cast<QAbstractItemView *>(queue)->sizeHintForColumn(0));
    }
    settlePreview(window);
}

int main(int argc, char **argv)
{
    // A screen that holds the larger of the two window sizes.
    WidgetFit::OffscreenScreen screen(argc, argv, QSize(1920, 1080));
    QApplication app(argc, argv);
    if (!screen.check())
        return 1;
    TestWorkspaces test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_workspaces.moc"
