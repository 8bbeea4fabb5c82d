// SPDX-License-Identifier: MIT
// The media archive in the window (issue 15): Story > Media Archive… finds
// the library's photos as one types, shows their thumbnails, and places a
// copy of one in the open story, its caption pending.
#include "library.h"
#include "mainwindow.h"
#include "mediaarchivedialog.h"
#include "people.h"
#include "photorepository.h"
#include "scriptedprompter.h"
#include "storyrepository.h"
#include "windowtestfixture.h"

#include <QAction>
#include <QBuffer>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class TestMediaArchive : public QObject, private WindowTestFixture
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void findsAsOneTypesWithThumbnails();
    void placesACopyFromTheKeyboard();
    void withoutAStoryNothingIsPlaced();

private:
    std::unique_ptr<ScriptedPrompter> m_prompter;
    std::unique_ptr<MainWindow> m_window;
    qint64 m_yokosuka = 0;
};

void TestMediaArchive::initTestCase()
{
    setUpSettings();
}

void TestMediaArchive::init()
{
    startFresh();
    m_prompter = std::make_unique<ScriptedPrompter>();
    m_window = std::make_unique<MainWindow>(m_prompter.get());
    QVERIFY(m_window->openLibrary(libraryPath()));
    PeopleRepository people(m_window->library());
    QVERIFY2(people.add(Person{.name = u"Eve Editor"_s}), qPrintable(people.errorString()));
    m_window->library()->setActor(u"Eve Editor"_s);
    // A photo of another story, with a real thumbnail.
    QImage image(32, 24, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    Photo photo;
    photo.virin = u"241118-N-XY123-1001"_s;
    photo.photographer = u"Mass Communication Specialist 2nd Class Jane Doe"_s;
    photo.city = u"Yokosuka"_s;
    photo.country = u"Japan"_s;
    photo.caption = u"Sailors moor USS Ralph Johnson (DDG 114) at the pier."_s;
    photo.altText = u"Sailors handle lines on a pier."_s;
    PhotoRepository photos(m_window->library());
    const std::optional<Photo> added = photos.add(photo, png, u"image/png"_s, QSize(32, 24), png);
    QVERIFY2(added, qPrintable(photos.errorString()));
    Photo decided = *added;
    QCOMPARE(photos.decideCaption(decided, CaptionApproval::Approved), PhotoRepository::SaveResult::Saved);
    m_yokosuka = added->id;
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMediaArchive::cleanup()
{
    m_window.reset();
    m_prompter.reset();
}

void TestMediaArchive::findsAsOneTypesWithThumbnails()
{
    MediaArchiveDialog dialog(m_window->library(), true);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    // Nothing typed: every photo, the newest first.
    QVERIFY(dialog.shownPhotoIds().size() >= 2);
    QCOMPARE(dialog.shownPhotoIds().constFirst(), m_yokosuka);
    QTest::keyClicks(dialog.searchField(), u"yokos"_s);
    QTRY_COMPARE(dialog.shownPhotoIds(), QList<qint64>{m_yokosuka});
    QVERIFY(!dialog.results()->item(0)->icon().isNull());
    QVERIFY(dialog.results()->item(0)->text().contains(u"241118-N-XY123-1001"_s));
    QVERIFY2(dialog.summaryLabel()->text().contains(u"1"_s), qPrintable(dialog.summaryLabel()->text()));
    dialog.searchField()->clear();
    QTest::keyClicks(dialog.searchField(), u"Kandahar"_s);
    QTRY_VERIFY(dialog.shownPhotoIds().isEmpty());
    QVERIFY(!dialog.placeButton()->isEnabled());
    QVERIFY2(dialog.summaryLabel()->text().contains(u"Kandahar"_s), qPrintable(dialog.summaryLabel()->text()));
}

void TestMediaArchive::placesACopyFromTheKeyboard()
{
    const qint64 story = m_window->currentStoryId();
    QVERIFY(story > 0);
    const qsizetype before = PhotoRepository(m_window->library()).photosOfStory(story).size();
    bool ran = false;
    m_prompter->dialogs.insert(u"mediaArchiveDialog"_s, [&](QDialog *shown) {
        auto *dialog = static_cast<MediaArchiveDialog *>(shown);
        dialog->show();
        QTest::keyClicks(dialog->searchField(), u"DDG 114"_s);
        dialog->searchNow();
        // Down to the photos, Return places the one selected.
        QTest::keyClick(dialog->searchField(), Qt::Key_Down);
        QTest::keyClick(dialog->results(), Qt::Key_Return);
        ran = true;
        return int(QDialog::Rejected);
    });
    m_window->findChild<QAction *>(u"actionMediaArchive"_s)->trigger();
    QVERIFY(ran);
    const QList<Photo> placed = PhotoRepository(m_window->library()).photosOfStory(story);
    QCOMPARE(placed.size(), before + 1);
    const Photo copy = placed.constLast();
    QVERIFY(copy.id != m_yokosuka);
    QCOMPARE(copy.virin, u"241118-N-XY123-1001"_s);
    QCOMPARE(copy.approval, CaptionApproval::Pending);
    QCOMPARE(copy.imageHash, PhotoRepository(m_window->library()).load(m_yokosuka)->imageHash);
}

void TestMediaArchive::withoutAStoryNothingIsPlaced()
{
    MediaArchiveDialog dialog(m_window->library(), false);
    QSignalSpy placed(&dialog, &MediaArchiveDialog::placeRequested);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(!dialog.shownPhotoIds().isEmpty());
    QVERIFY(!dialog.placeButton()->isEnabled());
    dialog.results()->setFocus();
    QTest::keyClick(dialog.results(), Qt::Key_Return);
    QCOMPARE(placed.size(), 0);
}

QTEST_MAIN(TestMediaArchive)
#include "tst_mediaarchive.moc"
