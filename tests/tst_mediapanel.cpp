// SPDX-License-Identifier: MIT
#include "application.h"
#include "editorpane.h"
#include "library.h"
#include "mainwindow.h"
#include "markdowneditor.h"
#include "mediapanel.h"
#include "people.h"
#include "photobatch.h"
#include "photofieldseditor.h"
#include "photoform.h"
#include "phototemplatedialogs.h"
#include "phototemplates.h"
#include "photoimporter.h"
#include "photolistmodel.h"
#include "photorepository.h"
#include "previewpane.h"
#include "scriptedprompter.h"
#include "windowtestfixture.h"
#include "workflowcontroller.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QMenu>
#include <QToolButton>
#include <QUndoStack>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

// The media panel on real widgets, in the real window, with the sample story.
class TestMediaPanel : public QObject, private WindowTestFixture
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void formShowsTheSamplePhoto();
    void byteCounterShowsWhatIptcWouldCut();
    void keywordCountIsLimited();
    void virinVerdictFollowsTyping_data();
    void virinVerdictFollowsTyping();
    void dvidsFindingsFollowTyping();
    void editsAreSavedAndVoidApproval();
    void nextFreeVirinSkipsTheLibrarysOwn();
    void writerCannotApproveEditorCan();
    void requestChangesAsksTheEditorWhy();
    void photosReorderFromTheKeyboard();
    void photosReorderByDragging_data();
    void photosReorderByDragging();
    void aDragFromElsewhereIsNotAMove();
    void undoingAMoveNeverWritesOverALaterOne();
    void importAddsGoodFilesAndReportsBadOnes();
    void addPhotosAsksForTheFiles();
    void insertPlacesFigureAsItsOwnParagraph();
    void closingTheWindowSavesAPendingEdit();
    void newDvidsFieldsAreEditedAndSaved();
    void selectionShowsTheBatchForm();
    void batchFormShowsSharedAndMixedFields();
    void batchEditAppliesOnlyTypedFieldsAsOneUndoStep();
    void batchUndoNeverWritesOverALaterEdit();
    void decorativeIsSetForTheWholeSelection();
    void templatesAreManagedInTheirDialog();
    void templateIsAppliedWithATickPerField();
    void importedPhotosGetTheChosenTemplate();

private:
    MediaPanel *panel() const { return m_window->mediaPanel(); }
    QRect itemRect(int row) const
    {
        return panel()->view()->visualRect(panel()->view()->model()->index(row, 0));
    }
    void clickRow(int row, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        panel()->view()->scrollTo(panel()->view()->model()->index(row, 0));
        QTest::mouseClick(panel()->view()->viewport(), Qt::LeftButton, modifiers, itemRect(row).center());
    }
    // A dialog the scripted prompter is given, shown and active as exec()
    // would make it, so that its shortcuts work.
    static bool showActive(QDialog *dialog)
    {
        dialog->show();
        dialog->activateWindow();
        return QTest::qWaitForWindowActive(dialog);
    }
    QWidget *batchField(PhotoField field) const { return panel()->batchEditor()->editor(field); }
    QList<Photo> storedPhotos() const
    {
        PhotoRepository repository(m_window->library());
        QList<Photo> photos;
        for (int row = 0; row < panel()->view()->model()->rowCount(); ++row)
            photos << *repository.load(panel()->view()->model()->index(row, 0).data(PhotoListModel::IdRole).toLongLong());
        return photos;
    }
    PhotoForm *form() const { return m_window->mediaPanel()->form(); }
    // The VIRINs of the story's photos: as the grid shows them, and as stored.
    QStringList shownOrder() const
    {
        QStringList virins;
        for (int row = 0; row < panel()->view()->model()->rowCount(); ++row)
            virins << panel()->view()->model()->index(row, 0).data(PhotoListModel::VirinRole).toString();
        return virins;
    }
    QStringList storedOrder() const
    {
        QStringList virins;
        for (const Photo &photo : PhotoRepository(m_window->library()).photosOfStory(m_window->currentStoryId()))
            virins << photo.virin;
        return virins;
    }
    // Drags mime over the grid's viewport to at and drops it there, as a
    // drag does (enter, move, drop); whether the grid took the drop.
    bool dropOnGrid(QMimeData *mime, QPoint at)
    {
        QWidget *viewport = panel()->view()->viewport();
        QDragEnterEvent enter(at, Qt::MoveAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewport, &enter);
        QDragMoveEvent move(at, Qt::MoveAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewport, &move);
        QDropEvent drop(at, Qt::MoveAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewport, &drop);
        return drop.isAccepted() && drop.dropAction() == Qt::MoveAction;
    }
    QLineEdit *line(const QString &name) const { return qobject_cast<QLineEdit *>(form()->field(name)); }
    // The rule ids of the findings the form lists now.
    QStringList shownRules() const;
    std::unique_ptr<ScriptedPrompter> m_prompter; // outlives m_window, declared first
    std::unique_ptr<MainWindow> m_window;
};

void TestMediaPanel::initTestCase()
{
    setUpSettings();
}

void TestMediaPanel::init()
{
    startFresh();
    m_prompter = std::make_unique<ScriptedPrompter>();
    m_window = std::make_unique<MainWindow>(m_prompter.get());
    QVERIFY(m_window->openLibrary(libraryPath()));
    PeopleRepository people(m_window->library());
    QVERIFY(people.add(Person{.name = u"Eve Editor"_s}));
    m_window->library()->setActor(u"Eve Editor"_s); // editors add the people after the first
    QVERIFY(people.add(Person{.name = u"Walt Writer"_s, .role = PersonRole::Writer}));
    m_window->library()->setActor(u"Eve Editor"_s);
    // Where photos are captioned: the photos panel shows.
    m_window->setWorkspace(MainWindow::Workspace::PhotoDesk);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY(form()->hasPhoto());
}

void TestMediaPanel::cleanup()
{
    m_window.reset();
}

void TestMediaPanel::formShowsTheSamplePhoto()
{
    QCOMPARE(line(u"virin"_s)->text(), u"250306-D-PM193-1268K"_s);
    QCOMPARE(line(u"title"_s)->text(), u"Hegseth and Healey"_s);
    QVERIFY(qobject_cast<QPlainTextEdit *>(form()->field(u"caption"_s))->toPlainText().startsWith(u"Defense Secretary Pete Hegseth walks"_s));
    QCOMPARE(line(u"credit"_s)->text(), u"Navy Petty Officer 1st Class Alexander Kubitza, DOD"_s);
    // The trailing K is a published variant: accepted with a warning.
    QVERIFY(form()->virinVerdict()->text().contains(u"warning"_s));
    QVERIFY(form()->approvalLabel()->text().contains(u"pending"_s));
}

void TestMediaPanel::byteCounterShowsWhatIptcWouldCut()
{
    // "Navy Petty Officer 1st Class Alexander Kubitza" is 46 bytes; By-line keeps 32.
    QLabel *counter = form()->counter(u"photographer"_s);
    QVERIFY(counter->text().contains(u"46/32 B"_s));
    QVERIFY(form()->cutNotice(u"photographer"_s)->isVisible());
    QVERIFY(form()->cutNotice(u"photographer"_s)->text().contains(u"“xander Kubitza”"_s));
    QLineEdit *photographer = line(u"photographer"_s);
    photographer->selectAll();
    QTest::keyClicks(photographer, u"Spc. Ana D"_s);
    QKeyEvent accented(QEvent::KeyPress, Qt::Key_unknown, Qt::NoModifier, u"\u00ed"_s); // two bytes in UTF-8
    QApplication::sendEvent(photographer, &accented);
    QTest::keyClicks(photographer, u"az"_s);
    QCOMPARE(photographer->text(), u"Spc. Ana D\u00edaz"_s);
    QVERIFY(counter->text().contains(u"14/32 B"_s));
    QVERIFY(!form()->cutNotice(u"photographer"_s)->isVisible());
}

void TestMediaPanel::keywordCountIsLimited()
{
    QLineEdit *keywords = line(u"keywords"_s);
    keywords->clear();
    QTest::keyClicks(keywords, u"a, b, c, d, e, f"_s);
    QVERIFY(form()->counter(u"keywords"_s)->text().contains(u"6/6"_s));
    QVERIFY(!form()->counter(u"keywords"_s)->text().contains(u"#c62828"_s));
    QTest::keyClicks(keywords, u", g"_s);
    QVERIFY(form()->counter(u"keywords"_s)->text().contains(u"7/6"_s));
    QVERIFY(form()->counter(u"keywords"_s)->text().contains(u"#c62828"_s));
}

void TestMediaPanel::virinVerdictFollowsTyping_data()
{
    QTest::addColumn<QString>("virin");
    QTest::addColumn<QString>("expected");
    QTest::newRow("valid") << u"250306-D-PM193-1268"_s << u"Valid"_s;
    QTest::newRow("month 13") << u"251306-D-PM193-1268"_s << u"Invalid"_s;
    QTest::newRow("lower case") << u"250306-d-pm193-1268"_s << u"Invalid"_s;
    QTest::newRow("placeholder VISION ID") << u"250306-D-ZZ999-1268"_s << u"warning"_s;
}

void TestMediaPanel::virinVerdictFollowsTyping()
{
    QFETCH(QString, virin);
    QFETCH(QString, expected);
    QLineEdit *field = line(u"virin"_s);
    field->selectAll();
    QTest::keyClicks(field, virin);
    QVERIFY2(form()->virinVerdict()->text().contains(expected), qPrintable(form()->virinVerdict()->text()));
}

QStringList TestMediaPanel::shownRules() const
{
    QStringList rules;
    for (int row = 0; row < form()->findings()->count(); ++row)
        rules << form()->findings()->item(row)->data(Qt::UserRole).toString();
    return rules;
}

void TestMediaPanel::dvidsFindingsFollowTyping()
{
    // The sample photo lacks only a release authority for DVIDS (its
    // keywords come from the image file's metadata).
    QVERIFY2(shownRules().contains(u"dvids-release"_s) && !shownRules().contains(u"dvids-keywords"_s),
             qPrintable(shownRules().join(u' ')));
    QVERIFY(!shownRules().contains(u"dvids-country"_s));

    QLineEdit *keywords = line(u"keywords"_s);
    keywords->setFocus();
    keywords->selectAll();
    QTest::keyClick(keywords, Qt::Key_Backspace);
    const QList<QListWidgetItem *> keywordItems =
        form()->findings()->findItems(u"DVIDS needs keywords"_s, Qt::MatchStartsWith);
    QCOMPARE(keywordItems.size(), 1);
    QCOMPARE(keywordItems.constFirst()->foreground().color(), QColor(u"#b26a00"_s)); // a warning's colour
    QTest::keyClicks(keywords, u"Pete Hegseth, John Healey"_s);
    QVERIFY(!shownRules().contains(u"dvids-keywords"_s));
    QTest::keyClicks(line(u"releaseAuthority"_s), u"Pentagon Press Operations"_s);
    QVERIFY(!shownRules().contains(u"dvids-release"_s));

    // Emptied, country and code both: DVIDS asks for one; either will do.
    for (const QString &name : {u"country"_s, u"countryCode"_s}) {
        line(name)->selectAll();
        QTest::keyClick(line(name), Qt::Key_Backspace);
    }
    QVERIFY2(shownRules().contains(u"dvids-country"_s), qPrintable(shownRules().join(u' ')));
    QCOMPARE(form()->findings()->findItems(u"DVIDS needs a country: fill in Country or its code."_s, Qt::MatchExactly).size(),
             1);
    QTest::keyClicks(line(u"countryCode"_s), u"USA"_s);
    QVERIFY(!shownRules().contains(u"dvids-country"_s));
    QVERIFY2(!shownRules().join(u' ').contains(u"dvids-"_s), qPrintable(shownRules().join(u' ')));

    // No caption: the caption checker says so, and DVIDS does not repeat it.
    auto *caption = qobject_cast<QPlainTextEdit *>(form()->field(u"caption"_s));
    caption->selectAll();
    QTest::keyClick(caption, Qt::Key_Backspace);
    QVERIFY2(shownRules().contains(u"caption-missing"_s), qPrintable(shownRules().join(u' ')));
    QVERIFY(!shownRules().contains(u"dvids-description"_s));
}

void TestMediaPanel::editsAreSavedAndVoidApproval()
{
    QVERIFY(form()->decide(CaptionApproval::Approved));
    const qint64 id = m_window->mediaPanel()->currentPhotoId();
    QCOMPARE(PhotoRepository(m_window->library()).load(id)->approval, CaptionApproval::Approved);
    auto *caption = qobject_cast<QPlainTextEdit *>(form()->field(u"caption"_s));
    typeAtEnd(caption, u" Added."_s);
    QVERIFY(form()->save());
    const Photo stored = *PhotoRepository(m_window->library()).load(id);
    QVERIFY(stored.caption.endsWith(u" Added."_s));
    QCOMPARE(stored.approval, CaptionApproval::Pending);
    QVERIFY(form()->approvalLabel()->text().contains(u"pending"_s));
    QVERIFY2(form()->approvalLabel()->text().contains(u"was reset: Caption changed since."_s),
             qPrintable(form()->approvalLabel()->text()));
    // The list shows the new state too.
    QCOMPARE(m_window->mediaPanel()->view()->currentIndex().data(PhotoListModel::ApprovalRole).toInt(),
             int(CaptionApproval::Pending));

    // Any field the export publishes is under the approval: title and credit.
    QVERIFY(form()->decide(CaptionApproval::Approved));
    QCOMPARE(PhotoRepository(m_window->library()).load(id)->approval, CaptionApproval::Approved);
    for (const QString &name : {u"title"_s, u"credit"_s}) {
        line(name)->setFocus();
        line(name)->end(false);
        QTest::keyClicks(line(name), u" (edited)"_s);
    }
    QVERIFY(form()->save());
    QCOMPARE(PhotoRepository(m_window->library()).load(id)->approval, CaptionApproval::Pending);
    QVERIFY2(form()->approvalLabel()->text().contains(u"was reset: Title, Credit changed since."_s),
             qPrintable(form()->approvalLabel()->text()));
    // The review queue says why the photo is back: the edit that reset it
    // (the title, saved when the focus moved on to the credit).
    QTreeWidget *queue = m_window->workflow()->reviewQueueView();
    const QList<QTreeWidgetItem *> rows = queue->findItems(u"· approval reset"_s, Qt::MatchContains | Qt::MatchRecursive);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.constFirst()->toolTip(0), u"Title changed after review"_s);
}

void TestMediaPanel::nextFreeVirinSkipsTheLibrarysOwn()
{
    // The sample holds 250306-D-PM193-1268K and -1416K: scene 1 is taken up
    // to 416 on that day for PM193, so the next free one is 1417. (The third
    // photo is another photographer's, so neither VIRIN is its own.)
    QListView *view = m_window->mediaPanel()->view();
    view->setCurrentIndex(view->model()->index(2, 0));
    QLineEdit *field = line(u"virin"_s);
    field->selectAll();
    QTest::keyClicks(field, u"250306-D-PM193"_s);
    QTest::mouseClick(form()->findChild<QPushButton *>(u"suggestVirin"_s), Qt::LeftButton);
    QCOMPARE(field->text(), u"250306-D-PM193-1417"_s);
    QVERIFY(form()->virinVerdict()->text().contains(u"Valid"_s));
}

void TestMediaPanel::writerCannotApproveEditorCan()
{
    QVERIFY(form()->approveButton()->isEnabled());
    m_window->library()->setActor(u"Walt Writer"_s);
    // Another photo and back: the form reads who is working.
    QListView *view = m_window->mediaPanel()->view();
    view->setCurrentIndex(view->model()->index(1, 0));
    QVERIFY(!form()->approveButton()->isEnabled());
    QVERIFY(!form()->decide(CaptionApproval::Approved));
    QCOMPARE(PhotoRepository(m_window->library()).load(m_window->mediaPanel()->currentPhotoId())->approval,
             CaptionApproval::Pending);
    m_window->library()->setActor(u"Eve Editor"_s);
    view->setCurrentIndex(view->model()->index(0, 0));
    QVERIFY(form()->approveButton()->isEnabled());
    QTest::mouseClick(form()->approveButton(), Qt::LeftButton);
    QCOMPARE(PhotoRepository(m_window->library()).load(m_window->mediaPanel()->currentPhotoId())->approval,
             CaptionApproval::Approved);
    QVERIFY(form()->approvalLabel()->text().contains(u"Eve Editor"_s));
}

// The comment comes through the window's prompter; cancelled, nothing is decided.
void TestMediaPanel::requestChangesAsksTheEditorWhy()
{
    const qint64 id = m_window->mediaPanel()->currentPhotoId();
    PhotoRepository photos(m_window->library());
    QSignalSpy errors(form(), &PhotoForm::errorOccurred);
    QVERIFY(form()->requestChangesButton()->isEnabled());
    QTest::mouseClick(form()->requestChangesButton(), Qt::LeftButton);
    QCOMPARE(m_prompter->count(u"askText"_s), 1);
    QCOMPARE(m_prompter->asked.constLast().title, u"Request Changes"_s);
    QCOMPARE(m_prompter->asked.constLast().message, u"What should the writer change?"_s);
    QCOMPARE(photos.load(id)->approval, CaptionApproval::Pending);
    QCOMPARE(errors.size(), 0); // not even tried

    m_prompter->texts << u"Name the unit."_s;
    QTest::mouseClick(form()->requestChangesButton(), Qt::LeftButton);
    QCOMPARE(m_prompter->count(u"askText"_s), 2);
    QCOMPARE(photos.load(id)->approval, CaptionApproval::ChangesRequested);
    QVERIFY2(form()->approvalLabel()->text().contains(u"Name the unit."_s), qPrintable(form()->approvalLabel()->text()));
}

void TestMediaPanel::photosReorderFromTheKeyboard()
{
    QListView *view = m_window->mediaPanel()->view();
    view->setFocus();
    view->setCurrentIndex(view->model()->index(0, 0));
    QTest::keyClick(view, Qt::Key_Down, Qt::ControlModifier);
    QCOMPARE(view->model()->index(1, 0).data(PhotoListModel::VirinRole).toString(), u"250306-D-PM193-1268K"_s);
    const QList<Photo> stored = PhotoRepository(m_window->library()).photosOfStory(m_window->currentStoryId());
    QCOMPARE(stored.at(0).virin, u"250306-D-PM193-1416K"_s);
    QCOMPARE(stored.at(1).virin, u"250306-D-PM193-1268K"_s);
}

namespace {
const QString first = u"250306-D-PM193-1268K"_s;
const QString second = u"250306-D-PM193-1416K"_s;
const QString third = u"250306-F-UO417-1153K"_s;
} // namespace

void TestMediaPanel::photosReorderByDragging_data()
{
    QTest::addColumn<QList<int>>("dragged");
    // Where the pointer lets go: the photo's row and which side of it
    // (-1 left half, +1 right half), or row -1 for after the last photo.
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("side");
    QTest::addColumn<QStringList>("order");
    QTest::newRow("first onto the second's right half") << QList<int>{0} << 1 << 1 << QStringList{second, first, third};
    QTest::newRow("first onto the second's left half: where it was") << QList<int>{0} << 1 << -1 << QStringList{first, second, third};
    QTest::newRow("last onto the first's left half") << QList<int>{2} << 0 << -1 << QStringList{third, first, second};
    QTest::newRow("first past the last") << QList<int>{0} << -1 << 0 << QStringList{second, third, first};
    QTest::newRow("first and last together, before the second") << QList<int>{0, 2} << 1 << -1 << QStringList{first, third, second};
}

// Dropping photos dragged in the grid (the drag's own data, sent to the
// grid's viewport as a drag delivers it) moves them there: stored at once,
// one step of the panel's undo (Ctrl+Z in the grid) and its redo, as
// Ctrl+Up/Down is; the photos stay selected.
void TestMediaPanel::photosReorderByDragging()
{
    QFETCH(QList<int>, dragged);
    QFETCH(int, row);
    QFETCH(int, side);
    QFETCH(QStringList, order);
    const QStringList before{first, second, third};
    QCOMPARE(shownOrder(), before);
    QListView *view = panel()->view();
    QList<qint64> ids;
    for (const int each : dragged) {
        ids << view->model()->index(each, 0).data(PhotoListModel::IdRole).toLongLong();
        clickRow(each, each == dragged.constFirst() ? Qt::NoModifier : Qt::ControlModifier);
    }
    QCOMPARE(panel()->selectedPhotoIds(), ids);
    QPoint at;
    if (row < 0) {
        const QRect last = itemRect(view->model()->rowCount() - 1);
        at = QPoint(view->viewport()->width() - 2, last.bottom() + 4); // beyond the grid's last cell
    } else {
        const QRect target = itemRect(row);
        at = QPoint(side < 0 ? target.left() + target.width() / 4 : target.right() - target.width() / 4, target.center().y());
    }
    const std::unique_ptr<QMimeData> mime(panel()->dragData(ids));
    QVERIFY(dropOnGrid(mime.get(), at));
    QCOMPARE(shownOrder(), order);
    QCOMPARE(storedOrder(), order);
    if (order == before) {
        QCOMPARE(panel()->undoStack()->count(), 0); // nothing moved, nothing to undo
        return;
    }
    QCOMPARE(panel()->selectedPhotoIds().size(), ids.size());
    QCOMPARE(panel()->undoStack()->count(), 1);
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(shownOrder(), before);
    QCOMPARE(storedOrder(), before);
    QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(storedOrder(), order);
    QCOMPARE(shownOrder(), order);
    QCOMPARE(m_prompter->asked.size(), 0);
}

// Data from another story's grid, another window's, or no grid at all is
// not a move of this story's photos: the grid leaves it alone.
void TestMediaPanel::aDragFromElsewhereIsNotAMove()
{
    QListView *view = panel()->view();
    const qint64 id = view->model()->index(0, 0).data(PhotoListModel::IdRole).toLongLong();
    const QPoint at = itemRect(2).center() + QPoint(itemRect(2).width() / 4, 0);
    std::unique_ptr<QMimeData> mime(panel()->dragData({id}));
    const QString format = mime->formats().value(0);
    QVERIFY(!format.isEmpty());
    const QByteArray data = mime->data(format);
    // The same photos said to be of another story, and from another grid.
    for (const auto &[what, by] : {std::pair{"\"story\":", "\"story\":9"}, std::pair{"\"grid\":\"", "\"grid\":\"1"}}) {
        QByteArray forged = data;
        forged.replace(what, by);
        QVERIFY(forged != data);
        auto other = std::make_unique<QMimeData>();
        other->setData(format, forged);
        QVERIFY(!dropOnGrid(other.get(), at));
    }
    // The other window's grid, on the same story.
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    QVERIFY(window.openLibrary(libraryPath()));
    window.setWorkspace(MainWindow::Workspace::PhotoDesk);
    QTRY_VERIFY(window.mediaPanel()->view()->model()->rowCount() == 3);
    std::unique_ptr<QMimeData> theirs(window.mediaPanel()->dragData({id}));
    QVERIFY(!dropOnGrid(theirs.get(), at));
    QCOMPARE(storedOrder(), (QStringList{first, second, third}));
    QCOMPARE(panel()->undoStack()->count(), 0);
    // Its own data is taken.
    QVERIFY(dropOnGrid(mime.get(), at));
    QCOMPARE(storedOrder(), (QStringList{second, third, first}));
}

// Undo puts the order back only while it is the one the move left: after
// someone else moved the photos, it says so and leaves their order.
void TestMediaPanel::undoingAMoveNeverWritesOverALaterOne()
{
    QListView *view = panel()->view();
    view->setFocus();
    view->setCurrentIndex(view->model()->index(0, 0));
    QTest::keyClick(view, Qt::Key_Down, Qt::ControlModifier);
    QCOMPARE(storedOrder(), (QStringList{second, first, third}));
    QCOMPARE(panel()->undoStack()->count(), 1);
    // Another desk (here: the library, without the panel) moves them again.
    PhotoRepository repository(m_window->library());
    QList<qint64> ids;
    for (const Photo &photo : repository.photosOfStory(m_window->currentStoryId()))
        ids.prepend(photo.id);
    QVERIFY(repository.reorder(m_window->currentStoryId(), ids));
    const QStringList theirs{third, first, second};
    QCOMPARE(storedOrder(), theirs);
    QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(storedOrder(), theirs);
    QCOMPARE(m_prompter->count(u"tell"_s), 1);
    QVERIFY2(m_prompter->asked.constLast().message.contains(u"moved since"_s), qPrintable(m_prompter->asked.constLast().message));
    QVERIFY(!panel()->undoStack()->canUndo());
}

void TestMediaPanel::importAddsGoodFilesAndReportsBadOnes()
{
    const QString good = QFINDTESTDATA("../resources/samples/hegseth-healey/250306-F-UO417-1153K.jpg");
    QVERIFY(!good.isEmpty());
    const QString textAsJpeg = filePath(u"notes.jpg"_s);
    QFile text(textAsJpeg);
    QVERIFY(text.open(QIODevice::WriteOnly));
    text.write("These are notes, not a photo.\n");
    text.close();
    const QString truncated = filePath(u"truncated.jpg"_s);
    QFile source(good);
    QVERIFY(source.open(QIODevice::ReadOnly));
    QFile cut(truncated);
    QVERIFY(cut.open(QIODevice::WriteOnly));
    cut.write(source.read(600));
    cut.close();

    const int before = m_window->mediaPanel()->view()->model()->rowCount();
    PhotoImporter *importer = m_window->importPhotos({good, textAsJpeg, truncated});
    QVERIFY(importer);
    QSignalSpy finished(importer, &PhotoImporter::finished);
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().at(0).toInt(), 1);
    const QStringList problems = finished.first().at(1).toStringList();
    QVERIFY(problems.join(u'\n').contains(u"notes.jpg is not a JPEG"_s));
    QVERIFY(problems.join(u'\n').contains(u"truncated.jpg"_s));
    // The user is told, once, with every problem.
    QCOMPARE(m_prompter->count(u"tell"_s), 1);
    QCOMPARE(m_prompter->asked.constLast().title, u"Adding photos"_s);
    QVERIFY(m_prompter->asked.constLast().message.startsWith(u"1 photo added. Some files need attention:"_s));
    for (const QString &problem : problems)
        QVERIFY2(m_prompter->asked.constLast().message.contains(problem), qPrintable(problem));
    QCOMPARE(m_window->mediaPanel()->view()->model()->rowCount(), before + 1);
    // Its embedded metadata came in with it.
    QCOMPARE(line(u"virin"_s)->text(), u"250306-F-UO417-1153K"_s);
}

void TestMediaPanel::addPhotosAsksForTheFiles()
{
    const QString good = QFINDTESTDATA("../resources/samples/hegseth-healey/250306-F-UO417-1153K.jpg");
    QVERIFY(!good.isEmpty());
    auto *add = m_window->mediaPanel()->findChild<QPushButton *>(u"addPhotos"_s);
    QVERIFY(add);
    const int before = m_window->mediaPanel()->view()->model()->rowCount();
    // Cancelled: nothing to add, nothing started.
    add->click();
    QCOMPARE(m_prompter->count(u"askFiles"_s), 1);
    QCOMPARE(m_prompter->asked.constLast().title, u"Add Photos"_s);
    QVERIFY(m_window->findChildren<PhotoImporter *>().isEmpty());

    m_prompter->files << QStringList{good};
    add->click();
    QCOMPARE(m_prompter->count(u"askFiles"_s), 2);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->mediaPanel()->view()->model()->rowCount(), before + 1, 30000);
    QTRY_COMPARE(line(u"virin"_s)->text(), u"250306-F-UO417-1153K"_s);
    QCOMPARE(m_prompter->count(u"tell"_s), 0);
}

void TestMediaPanel::insertPlacesFigureAsItsOwnParagraph()
{
    MarkdownEditor *body = m_window->editor()->bodyEditor();
    body->setPlainText(u"First paragraph.\n\nSecond paragraph."_s);
    QTextCursor cursor = body->textCursor();
    cursor.setPosition(5); // inside "First"
    body->setTextCursor(cursor);
    m_window->insertPhotoInBody(u"250306-D-PM193-1416K"_s);
    QCOMPARE(body->toPlainText(), u"First paragraph.\n\n![](photo:250306-D-PM193-1416K)\n\nSecond paragraph."_s);
    body->undo();
    QCOMPARE(body->toPlainText(), u"First paragraph.\n\nSecond paragraph."_s);
}

// Closed within the form's save delay, the window keeps the edit: saved while
// the window is whole. (Saved by ~PhotoForm instead, it reached the workflow
// controller and the window's slots on a half-destroyed window: the sanitizer
// run aborts on that.)
void TestMediaPanel::closingTheWindowSavesAPendingEdit()
{
    const qint64 photoId = form()->photo().id;
    QLineEdit *title = line(u"title"_s);
    title->selectAll();
    QTest::keyClicks(title, u"Hegseth and Healey at the Pentagon"_s);
    QVERIFY(form()->isModified());
    m_window.reset();

    Library library;
    QVERIFY(library.open(libraryPath()));
    QCOMPARE(PhotoRepository(&library).load(photoId)->title, u"Hegseth and Healey at the Pentagon"_s);
}

int main(int argc, char **argv)
{
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    Newsdesk::setApplicationIdentity();
    QCoreApplication::setApplicationName(u"NewsdeskMediaTest"_s);
    TestMediaPanel test;
    return QTest::qExec(&test, argc, argv);
}

// Command Shown, the photographer's contact and the decorative choice, in
// the form like every other field: typed, saved, read back.
void TestMediaPanel::newDvidsFieldsAreEditedAndSaved()
{
    const qint64 id = panel()->currentPhotoId();
    QTest::keyClicks(line(u"creatorEmail"_s), u"alexander.kubitza@example.mil"_s);
    QTest::keyClicks(line(u"creatorPhone"_s), u"703-555-0100"_s);
    auto *command = qobject_cast<QComboBox *>(form()->field(u"commandShown"_s));
    QVERIFY(command);
    command->setFocus();
    QTest::keyClick(command, Qt::Key_Down); // from "none" to the first command
    QCOMPARE(command->currentData().toString(), u"USAFRICOM"_s);
    auto *decorative = qobject_cast<QCheckBox *>(form()->field(u"decorative"_s));
    QVERIFY(decorative);
    // Alt text cleared: an error until the photo is marked decorative.
    auto *alt = qobject_cast<QPlainTextEdit *>(form()->field(u"altText"_s));
    alt->clear();
    QTRY_VERIFY(shownRules().contains(u"alt-missing"_s));
    QTest::mouseClick(decorative, Qt::LeftButton, {}, QPoint(4, decorative->height() / 2));
    QVERIFY(decorative->isChecked());
    QTRY_VERIFY(!shownRules().contains(u"alt-missing"_s));
    QVERIFY(form()->save());
    const Photo stored = *PhotoRepository(m_window->library()).load(id);
    QCOMPARE(stored.creatorEmail, u"alexander.kubitza@example.mil"_s);
    QCOMPARE(stored.creatorPhone, u"703-555-0100"_s);
    QCOMPARE(stored.commandShown, u"USAFRICOM"_s);
    QVERIFY(stored.decorative);
    QVERIFY(stored.altText.isEmpty());
}

void TestMediaPanel::selectionShowsTheBatchForm()
{
    QVERIFY(!panel()->isBatchShown());
    clickRow(0);
    clickRow(2, Qt::ShiftModifier);
    QCOMPARE(panel()->selectedPhotoIds().size(), 3);
    QVERIFY(panel()->isBatchShown());
    clickRow(1, Qt::ControlModifier); // out of the selection again
    QCOMPARE(panel()->selectedPhotoIds().size(), 2);
    QVERIFY(panel()->isBatchShown());
    clickRow(1);
    QCOMPARE(panel()->selectedPhotoIds().size(), 1);
    QVERIFY(!panel()->isBatchShown());
    QVERIFY(form()->hasPhoto());
    panel()->view()->setFocus();
    QTest::keyClick(panel()->view(), Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(panel()->selectedPhotoIds().size(), 3);
    QVERIFY(panel()->isBatchShown());
    QVERIFY(panel()->batchApplyButton()->text().contains(u"3"_s));
    QVERIFY(!panel()->batchApplyButton()->isEnabled()); // nothing typed yet
}

void TestMediaPanel::batchFormShowsSharedAndMixedFields()
{
    panel()->view()->setFocus();
    QTest::keyClick(panel()->view(), Qt::Key_A, Qt::ControlModifier);
    QVERIFY(panel()->isBatchShown());
    const QList<Photo> photos = storedPhotos();
    QCOMPARE(photos.size(), 3);
    // Every field as the photos have it: shared, or empty with "(mixed)".
    for (const PhotoField field : PhotoBatch::editableFields()) {
        const std::optional<QString> shared = PhotoBatch::sharedText(photos, field);
        QWidget *editor = batchField(field);
        QVERIFY2(editor, qPrintable(photoFieldKey(field)));
        if (auto *edit = qobject_cast<QLineEdit *>(editor)) {
            QCOMPARE(edit->placeholderText() == PhotoFieldsEditor::mixedText(), !shared);
            if (!shared)
                QVERIFY(edit->text().isEmpty());
        } else if (auto *text = qobject_cast<QPlainTextEdit *>(editor)) {
            QCOMPARE(text->placeholderText() == PhotoFieldsEditor::mixedText(), !shared);
            QCOMPARE(text->toPlainText(), shared.value_or(QString()));
        }
    }
    // The sample's three: one place, three titles, two photographers' credits.
    QCOMPARE(qobject_cast<QLineEdit *>(batchField(PhotoField::City))->text(), u"Washington"_s);
    QCOMPARE(qobject_cast<QLineEdit *>(batchField(PhotoField::Title))->placeholderText(), PhotoFieldsEditor::mixedText());
    QCOMPARE(qobject_cast<QLineEdit *>(batchField(PhotoField::Credit))->placeholderText(), PhotoFieldsEditor::mixedText());
    QCOMPARE(qobject_cast<QComboBox *>(batchField(PhotoField::ReleaseState))->currentData().toString(),
             releaseStateKey(photos.first().releaseState));
}

void TestMediaPanel::batchEditAppliesOnlyTypedFieldsAsOneUndoStep()
{
    // Photos 1 and 2 approved; the batch will change both; photo 3 stays out.
    PhotoRepository repository(m_window->library());
    QList<Photo> before = storedPhotos();
    for (int i : {0, 1, 2})
        QCOMPARE(repository.decideCaption(before[i], CaptionApproval::Approved), PhotoRepository::SaveResult::Saved);
    before = storedPhotos();
    clickRow(0);
    clickRow(1, Qt::ControlModifier);
    QVERIFY(panel()->isBatchShown());
    auto *unit = qobject_cast<QLineEdit *>(batchField(PhotoField::Unit));
    QTest::keyClicks(unit, u"Defense Media Activity"_s);
    auto *operation = qobject_cast<QLineEdit *>(batchField(PhotoField::Operation));
    QTest::keyClicks(operation, u"Bilateral Exchange"_s);
    QVERIFY(panel()->batchApplyButton()->isEnabled());
    QTest::mouseClick(panel()->batchApplyButton(), Qt::LeftButton);

    QList<Photo> after = storedPhotos();
    for (int i : {0, 1}) {
        QCOMPARE(after[i].unit, u"Defense Media Activity"_s);
        QCOMPARE(after[i].operation, u"Bilateral Exchange"_s);
        // The mixed titles were not typed into: each keeps its own.
        QCOMPARE(after[i].title, before[i].title);
        QCOMPARE(after[i].caption, before[i].caption);
        // An edit voids the decision, for every photo it changed.
        QCOMPARE(after[i].approval, CaptionApproval::Pending);
    }
    QCOMPARE(after[2].unit, before[2].unit);
    QCOMPARE(after[2].approval, CaptionApproval::Approved);
    QCOMPARE(after[2].rowVersion, before[2].rowVersion);
    QCOMPARE(panel()->undoStack()->count(), 1);
    // The form shows what the photos share now.
    QCOMPARE(qobject_cast<QLineEdit *>(batchField(PhotoField::Unit))->text(), u"Defense Media Activity"_s);

    // One Ctrl+Z in the list takes the whole batch back.
    panel()->view()->setFocus();
    QTest::keyClick(panel()->view(), Qt::Key_Z, Qt::ControlModifier);
    after = storedPhotos();
    for (int i : {0, 1}) {
        QCOMPARE(after[i].unit, before[i].unit);
        QCOMPARE(after[i].operation, before[i].operation);
        QCOMPARE(after[i].title, before[i].title);
    }
    QCOMPARE(qobject_cast<QLineEdit *>(batchField(PhotoField::Unit))->text(), before[0].unit);
    // And Ctrl+Shift+Z puts it back.
    QTest::keyClick(panel()->view(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    after = storedPhotos();
    QCOMPARE(after[0].unit, u"Defense Media Activity"_s);
    QCOMPARE(after[1].operation, u"Bilateral Exchange"_s);
}

void TestMediaPanel::batchUndoNeverWritesOverALaterEdit()
{
    clickRow(0);
    clickRow(1, Qt::ControlModifier);
    QTest::keyClicks(qobject_cast<QLineEdit *>(batchField(PhotoField::Unit)), u"DMA"_s);
    QVERIFY(panel()->applyBatch());
    // Someone edits the second photo's unit afterwards.
    PhotoRepository repository(m_window->library());
    Photo second = storedPhotos().at(1);
    second.unit = u"OSD Public Affairs"_s;
    QCOMPARE(repository.save(second), PhotoRepository::SaveResult::Saved);
    QSignalSpy errors(panel(), &MediaPanel::errorOccurred);
    panel()->undoStack()->undo();
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.first().first().toString().contains(u"changed since"_s), qPrintable(errors.first().first().toString()));
    // Nothing was undone, on either photo: one step, all or nothing.
    const QList<Photo> after = storedPhotos();
    QCOMPARE(after[0].unit, u"DMA"_s);
    QCOMPARE(after[1].unit, u"OSD Public Affairs"_s);
}

void TestMediaPanel::decorativeIsSetForTheWholeSelection()
{
    // Mixed: one photo decorative, the others not.
    PhotoRepository repository(m_window->library());
    Photo first = storedPhotos().at(0);
    first.decorative = true;
    QCOMPARE(repository.save(first), PhotoRepository::SaveResult::Saved);
    panel()->view()->setFocus();
    QTest::keyClick(panel()->view(), Qt::Key_A, Qt::ControlModifier);
    auto *box = qobject_cast<QCheckBox *>(batchField(PhotoField::Decorative));
    QCOMPARE(box->checkState(), Qt::PartiallyChecked);
    auto *release = qobject_cast<QComboBox *>(batchField(PhotoField::ReleaseState));
    QCOMPARE(release->currentText(), releaseStateLabel(first.releaseState)); // shared
    // One click: decorative for all (not "mixed" again).
    QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(4, box->height() / 2));
    QCOMPARE(box->checkState(), Qt::Checked);
    QVERIFY(panel()->applyBatch());
    for (const Photo &photo : storedPhotos())
        QVERIFY(photo.decorative);
}

// Create, edit, rename and delete, in the dialog, on real widgets.
void TestMediaPanel::templatesAreManagedInTheirDialog()
{
    m_prompter->texts = {u"Pentagon visit"_s, u"pentagon VISIT, march"_s};
    m_prompter->dialogs.insert(u"templateManager"_s, [this](QDialog *shown) {
        auto *dialog = qobject_cast<TemplateManagerDialog *>(shown);
        if (!dialog || !showActive(dialog))
            return int(QDialog::Rejected);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"newTemplate"_s), Qt::LeftButton);
        if (dialog->templateList()->count() != 1)
            return int(QDialog::Rejected);
        auto *unit = qobject_cast<QLineEdit *>(dialog->fieldsEditor()->editor(PhotoField::Unit));
        QTest::keyClicks(unit, u"Defense Media Activity"_s);
        auto *keywords = qobject_cast<QLineEdit *>(dialog->fieldsEditor()->editor(PhotoField::Keywords));
        QTest::keyClicks(keywords, u"Hegseth, Healey"_s);
        auto *command = qobject_cast<QComboBox *>(dialog->fieldsEditor()->editor(PhotoField::CommandShown));
        command->setFocus();
        QTest::keyClick(command, Qt::Key_End);
        // Renamed in the name field, saved with Ctrl+S.
        dialog->nameEdit()->selectAll();
        QTest::keyClicks(dialog->nameEdit(), u"Pentagon visit, March"_s);
        QTest::keyClick(dialog, Qt::Key_S, Qt::ControlModifier);
        // A second with the same name, case aside: refused, and said.
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"newTemplate"_s), Qt::LeftButton);
        return int(QDialog::Rejected);
    });
    panel()->manageTemplates();
    QCOMPARE(m_prompter->count(u"tell"_s), 1);
    QVERIFY2(m_prompter->asked.constLast().message.contains(u"already"_s), qPrintable(m_prompter->asked.constLast().message));
    PhotoTemplateRepository repository(m_window->library());
    const QList<PhotoTemplate> templates = repository.list();
    QCOMPARE(templates.size(), 1);
    QCOMPARE(templates.first().name, u"Pentagon visit, March"_s);
    QCOMPARE(templates.first().values.value(PhotoField::Unit), u"Defense Media Activity"_s);
    QCOMPARE(templates.first().values.value(PhotoField::Keywords), u"Hegseth\nHealey"_s);
    QCOMPARE(templates.first().values.value(PhotoField::CommandShown), combatantCommands().constLast());

    // Typed and closed without Save: kept. Then deleted, after asking.
    m_prompter->dialogs.insert(u"templateManager"_s, [](QDialog *shown) {
        auto *dialog = qobject_cast<TemplateManagerDialog *>(shown);
        if (!dialog || !showActive(dialog))
            return int(QDialog::Rejected);
        QTest::keyClicks(qobject_cast<QLineEdit *>(dialog->fieldsEditor()->editor(PhotoField::City)), u"Arlington"_s);
        dialog->reject();
        return int(QDialog::Rejected);
    });
    panel()->manageTemplates();
    QCOMPARE(repository.list().first().values.value(PhotoField::City), u"Arlington"_s);
    m_prompter->choices = {0};
    m_prompter->dialogs.insert(u"templateManager"_s, [](QDialog *shown) {
        if (!showActive(shown))
            return int(QDialog::Rejected);
        QTest::mouseClick(shown->findChild<QPushButton *>(u"deleteTemplate"_s), Qt::LeftButton);
        return int(QDialog::Rejected);
    });
    panel()->manageTemplates();
    QCOMPARE(m_prompter->asked.constLast().kind, u"choose"_s);
    QVERIFY(repository.list().isEmpty());
}

void TestMediaPanel::templateIsAppliedWithATickPerField()
{
    PhotoTemplate assignment;
    assignment.name = u"Pentagon visit"_s;
    for (const PhotoField field : templateFields())
        assignment.values.insert(field, QString());
    assignment.values[PhotoField::Unit] = u"Defense Media Activity"_s;
    assignment.values[PhotoField::Operation] = u"Not this time"_s;
    assignment.values[PhotoField::Keywords] = u"Hegseth\nHealey"_s;
    PhotoTemplateRepository templates(m_window->library());
    QCOMPARE(templates.save(assignment), PhotoTemplateRepository::SaveResult::Saved);
    const QList<Photo> before = storedPhotos();
    clickRow(0);
    clickRow(1, Qt::ControlModifier);
    QStringList offered;
    m_prompter->dialogs.insert(u"applyTemplateDialog"_s, [&offered](QDialog *shown) {
        auto *dialog = qobject_cast<ApplyTemplateDialog *>(shown);
        if (!dialog || !showActive(dialog))
            return int(QDialog::Rejected);
        for (int row = 0; row < dialog->fieldList()->count(); ++row) {
            QListWidgetItem *item = dialog->fieldList()->item(row);
            if (item->checkState() == Qt::Checked)
                offered << item->text();
            // The operation is not for these two: untick it.
            if (PhotoField(item->data(Qt::UserRole).toInt()) == PhotoField::Operation)
                item->setCheckState(Qt::Unchecked);
        }
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"applyTemplate"_s), Qt::LeftButton);
        return dialog->result();
    });
    QVERIFY(panel()->applyTemplate());
    // The filled fields were ticked, the empty ones not.
    QCOMPARE(offered.size(), 3);
    const QList<Photo> after = storedPhotos();
    for (int i : {0, 1}) {
        QCOMPARE(after[i].unit, u"Defense Media Activity"_s);
        QCOMPARE(after[i].keywords, (QStringList{u"Hegseth"_s, u"Healey"_s}));
        QCOMPARE(after[i].operation, before[i].operation);
        QCOMPARE(after[i].city, before[i].city); // empty in the template, not ticked
    }
    QCOMPARE(after[2].unit, before[2].unit);
    QCOMPARE(panel()->undoStack()->count(), 1);
    QVERIFY(panel()->undoStack()->undoText().contains(u"Pentagon visit"_s));
    panel()->undoStack()->undo();
    QCOMPARE(storedPhotos()[0].unit, before[0].unit);
    QCOMPARE(storedPhotos()[1].keywords, before[1].keywords);
}

void TestMediaPanel::importedPhotosGetTheChosenTemplate()
{
    PhotoTemplate assignment;
    assignment.name = u"Air Force assignment"_s;
    for (const PhotoField field : templateFields())
        assignment.values.insert(field, QString());
    assignment.values[PhotoField::Unit] = u"1st Combat Camera Squadron"_s;
    assignment.values[PhotoField::CreatorPhone] = u"843-555-0100"_s;
    PhotoTemplateRepository templates(m_window->library());
    QCOMPARE(templates.save(assignment), PhotoTemplateRepository::SaveResult::Saved);
    // Chosen in the Templates menu, as a user does.
    QMenu *menu = panel()->templatesButton()->menu();
    QVERIFY(menu);
    Q_EMIT menu->aboutToShow();
    auto *choice = menu->findChild<QAction *>(u"importTemplate-%1"_s.arg(assignment.id));
    QVERIFY(choice);
    choice->trigger();
    QVERIFY(panel()->findChild<QLabel *>(u"approvalSummary"_s)->text().contains(u"Air Force assignment"_s));

    const QString good = QFINDTESTDATA("../resources/samples/hegseth-healey/250306-F-UO417-1153K.jpg");
    PhotoImporter *importer = m_window->importPhotos({good});
    QVERIFY(importer);
    QSignalSpy finished(importer, &PhotoImporter::finished);
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().at(0).toInt(), 1);
    const Photo added = storedPhotos().constLast();
    QCOMPARE(added.unit, u"1st Combat Camera Squadron"_s);
    QCOMPARE(added.creatorPhone, u"843-555-0100"_s);
    QCOMPARE(added.virin, u"250306-F-UO417-1153K"_s); // the file's own, where the template is empty
    // "No template" again: the next photo keeps its file's fields.
    Q_EMIT menu->aboutToShow();
    menu->findChild<QAction *>(u"importTemplate-0"_s)->trigger();
    QVERIFY(!panel()->importTemplate());
}

#include "tst_mediapanel.moc"
