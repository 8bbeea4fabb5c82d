// SPDX-License-Identifier: MIT
// The workflow's dialogs on real widgets, offscreen, without the window:
// who is working, the embargo, a story's history and its changes since the
// last approval. The times are checked in a time zone that is not UTC, so a
// local time given back as UTC (or the other way round) shows.
#include "changesdialog.h"
#include "embargodialog.h"
#include "historydialog.h"
#include "identitydialog.h"
#include "library.h"
#include "people.h"
#include "storyrepository.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;

class TestWorkflowDialogs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void identityOffersTheLibrarysPeople();
    void identityAsksTheFirstPerson();
    void embargoGivesTheChosenTimeInUtc_data();
    void embargoGivesTheChosenTimeInUtc();
    void embargoStartsAnHourFromNow();
    void historyListsTheStorysRevisions();
    void historyRestoresOnlyWhenAllowed();
    void changesCompareWithTheLastApproval();

private:
    // A story saved three times: created by Walt Writer, edited by him, then
    // by Eve Editor. Returns its id.
    qint64 storyWithThreeRevisions();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Library> m_library;
};

void TestWorkflowDialogs::init()
{
    m_library.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    m_library = std::make_unique<Library>();
    QVERIFY(m_library->open(m_dir->filePath(u"dialogs.newsdesk"_s)));
    PeopleRepository people(m_library.get());
    QVERIFY(people.add(Person{.name = u"Eve Editor"_s, .title = u"Managing Editor"_s}));
    m_library->setActor(u"Eve Editor"_s);
    QVERIFY(people.add(Person{.name = u"Walt Writer"_s, .role = PersonRole::Writer}));
}

qint64 TestWorkflowDialogs::storyWithThreeRevisions()
{
    StoryRepository stories(m_library.get());
    m_library->setActor(u"Walt Writer"_s);
    std::optional<Story> story = stories.create(Story{.headline = u"Ministers meet"_s, .body = u"The ministers met."_s});
    if (!story)
        return 0;
    story->body = u"The ministers met today."_s;
    if (stories.save(*story) != StoryRepository::SaveResult::Saved)
        return 0;
    m_library->setActor(u"Eve Editor"_s);
    story->body = u"The two ministers met today in Canberra."_s;
    if (stories.save(*story) != StoryRepository::SaveResult::Saved)
        return 0;
    return story->id;
}

void TestWorkflowDialogs::identityOffersTheLibrarysPeople()
{
    IdentityDialog dialog(PeopleRepository(m_library.get()).all(), u"someone"_s);
    QCOMPARE(dialog.objectName(), u"identityDialog"_s);
    QVERIFY(!dialog.asksForFirstPerson());
    QCOMPARE(dialog.offeredNames(), (QStringList{u"Eve Editor"_s, u"Walt Writer"_s}));
    auto *existing = dialog.findChild<QComboBox *>(u"identityExisting"_s);
    QCOMPARE(existing->itemText(0), u"Eve Editor (Editor)"_s);
    QCOMPARE(existing->itemText(1), u"Walt Writer (Writer)"_s);
    dialog.show();
    QVERIFY(existing->isVisible());
    QVERIFY(!dialog.findChild<QLineEdit *>(u"identityName"_s)->isVisible());

    // Chosen as the user does, from the list; nobody else can be chosen.
    existing->setFocus();
    QTest::keyClick(existing, Qt::Key_Down);
    QCOMPARE(dialog.chosenName(), u"Walt Writer"_s);
    QVERIFY(!dialog.choose(u"Mallory"_s));
    QCOMPARE(dialog.chosenName(), u"Walt Writer"_s);
    QVERIFY(dialog.choose(u"Eve Editor"_s));
    QCOMPARE(dialog.chosenName(), u"Eve Editor"_s);
}

void TestWorkflowDialogs::identityAsksTheFirstPerson()
{
    IdentityDialog dialog({}, u"eve"_s);
    QVERIFY(dialog.asksForFirstPerson());
    QVERIFY(dialog.offeredNames().isEmpty());
    dialog.show();
    auto *name = dialog.findChild<QLineEdit *>(u"identityName"_s);
    auto *title = dialog.findChild<QLineEdit *>(u"identityTitle"_s);
    QVERIFY(name->isVisible());
    QVERIFY(!dialog.findChild<QComboBox *>(u"identityExisting"_s)->isVisible());
    QCOMPARE(dialog.name(), u"eve"_s); // the suggestion to start from
    name->selectAll();
    QTest::keyClicks(name, u"Eve Editor"_s);
    QTest::keyClicks(title, u"  Managing Editor "_s);
    QCOMPARE(dialog.name(), u"Eve Editor"_s);
    QCOMPARE(dialog.title(), u"Managing Editor"_s);
}

void TestWorkflowDialogs::embargoGivesTheChosenTimeInUtc_data()
{
    QTest::addColumn<QDateTime>("stored"); // the story's embargo; invalid: none
    QTest::addColumn<bool>("hold"); // the box as the user leaves it
    QTest::addColumn<QDateTime>("typed"); // set in the time field (local); invalid: left alone
    QTest::addColumn<QDateTime>("expected"); // in UTC; invalid: no embargo
    const QDateTime utcMorning(QDate(2030, 1, 2), QTime(15, 0), QTimeZone::UTC);
    QTest::newRow("an embargo kept as it was") << utcMorning << true << QDateTime() << utcMorning;
    QTest::newRow("an embargo lifted") << utcMorning << false << QDateTime() << QDateTime();
    // New York is four hours behind UTC in June (EDT).
    QTest::newRow("a new embargo typed in local time")
        << QDateTime() << true << QDateTime(QDate(2031, 6, 1), QTime(9, 30))
        << QDateTime(QDate(2031, 6, 1), QTime(13, 30), QTimeZone::UTC);
    QTest::newRow("no embargo, none set") << QDateTime() << false << QDateTime() << QDateTime();
}

void TestWorkflowDialogs::embargoGivesTheChosenTimeInUtc()
{
    QFETCH(QDateTime, stored);
    QFETCH(bool, hold);
    QFETCH(QDateTime, typed);
    QFETCH(QDateTime, expected);
    EmbargoDialog dialog(stored);
    QCOMPARE(dialog.objectName(), u"embargoDialog"_s);
    auto *enabled = dialog.findChild<QCheckBox *>(u"embargoEnabled"_s);
    auto *time = dialog.findChild<QDateTimeEdit *>(u"embargoTime"_s);
    QCOMPARE(enabled->isChecked(), stored.isValid());
    QCOMPARE(time->isEnabled(), stored.isValid());
    if (stored.isValid())
        QCOMPARE(time->dateTime().toString(u"yyyy-MM-dd HH:mm"_s), u"2030-01-02 10:00"_s); // shown in local time
    dialog.show();
    if (enabled->isChecked() != hold)
        QTest::mouseClick(enabled, Qt::LeftButton);
    QCOMPARE(time->isEnabled(), hold);
    if (typed.isValid())
        time->setDateTime(typed);
    const QDateTime chosen = dialog.embargoUntil();
    QCOMPARE(chosen.isValid(), expected.isValid());
    if (expected.isValid()) {
        QCOMPARE(chosen, expected);
        QCOMPARE(chosen.timeSpec(), Qt::UTC); // as Story::embargoUntil keeps it
    }

    // The setter a caller (or a test) fills the dialog with does the same.
    dialog.setEmbargoUntil(expected);
    QCOMPARE(enabled->isChecked(), expected.isValid());
    QCOMPARE(dialog.embargoUntil(), expected);
}

void TestWorkflowDialogs::embargoStartsAnHourFromNow()
{
    EmbargoDialog dialog{QDateTime()};
    auto *time = dialog.findChild<QDateTimeEdit *>(u"embargoTime"_s);
    const qint64 ahead = QDateTime::currentDateTime().secsTo(time->dateTime());
    QVERIFY2(ahead > 3500 && ahead <= 3600, qPrintable(QString::number(ahead)));
    QVERIFY(!dialog.embargoUntil().isValid()); // not held until the box is ticked
}

void TestWorkflowDialogs::historyListsTheStorysRevisions()
{
    const qint64 id = storyWithThreeRevisions();
    QVERIFY(id > 0);
    StoryRepository stories(m_library.get());
    const Story story = *stories.load(id);
    const QList<Revision> revisions = stories.revisions(id);
    QCOMPARE(revisions.size(), 3);
    HistoryDialog dialog(story, revisions, true);
    QCOMPARE(dialog.objectName(), u"historyDialog"_s);
    QCOMPARE(dialog.windowTitle(), u"History of \"Ministers meet\""_s);
    const QStringList lines = dialog.revisionLines();
    QCOMPARE(lines.size(), 3);
    // Newest first: who saved each, how, and the status then.
    QVERIFY2(lines.at(0).endsWith(u" · Eve Editor · save (Draft)"_s), qPrintable(lines.at(0)));
    QVERIFY2(lines.at(1).endsWith(u" · Walt Writer · save (Draft)"_s), qPrintable(lines.at(1)));
    QVERIFY2(lines.at(2).endsWith(u" · Walt Writer · save (Draft)"_s), qPrintable(lines.at(2)));
    const QString day = revisions.constFirst().createdAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s);
    QVERIFY2(lines.at(0).startsWith(day), qPrintable(lines.at(0)));

    // The newest, compared with the one before it.
    QCOMPARE(dialog.shownRevision(), 0);
    QCOMPARE(dialog.comparedWith(), 1);
    QVERIFY2(dialog.diffText().contains(u"3 words added, 0 words removed"_s), qPrintable(dialog.diffText()));
    // The oldest against itself: nothing changed.
    dialog.showRevision(2);
    QCOMPARE(dialog.comparedWith(), 2);
    QVERIFY2(dialog.diffText().contains(u"0 words added, 0 words removed"_s), qPrintable(dialog.diffText()));
    // The newest against the oldest: both edits.
    dialog.showRevision(0);
    dialog.compareWith(2);
    QVERIFY2(dialog.diffText().contains(u"4 words added, 0 words removed"_s), qPrintable(dialog.diffText()));
}

void TestWorkflowDialogs::historyRestoresOnlyWhenAllowed()
{
    const qint64 id = storyWithThreeRevisions();
    QVERIFY(id > 0);
    StoryRepository stories(m_library.get());
    const QList<Revision> revisions = stories.revisions(id);
    {
        HistoryDialog dialog(*stories.load(id), revisions, true);
        QSignalSpy restore(&dialog, &HistoryDialog::restoreRequested);
        dialog.showRevision(2);
        auto *button = dialog.findChild<QPushButton *>(u"historyRestore"_s);
        QVERIFY(button->isEnabled());
        button->click();
        QCOMPARE(restore.size(), 1);
        QCOMPARE(restore.constFirst().constFirst().toLongLong(), revisions.at(2).id);
    }
    {
        // Open read-only (another's lock): nothing to restore from here.
        HistoryDialog dialog(*stories.load(id), revisions, false);
        QSignalSpy restore(&dialog, &HistoryDialog::restoreRequested);
        QVERIFY(!dialog.findChild<QPushButton *>(u"historyRestore"_s)->isEnabled());
        dialog.restoreShown();
        QCOMPARE(restore.size(), 0);
    }
}

void TestWorkflowDialogs::changesCompareWithTheLastApproval()
{
    StoryRepository stories(m_library.get());
    std::optional<Story> story = stories.create(Story{.headline = u"Ministers meet"_s, .body = u"The ministers met."_s});
    QVERIFY(story);
    {
        ChangesDialog dialog(*story, stories.lastApprovedRevision(story->id));
        QCOMPARE(dialog.objectName(), u"changesDialog"_s);
        QCOMPARE(dialog.shownText(), u"This story has not been approved before."_s);
    }
    QCOMPARE(stories.transition(*story, WorkflowAction::Submit), StoryRepository::SaveResult::Saved);
    QCOMPARE(stories.transition(*story, WorkflowAction::Approve), StoryRepository::SaveResult::Saved);
    story->body = u"The ministers met for an hour."_s;
    const std::optional<Revision> approved = stories.lastApprovedRevision(story->id);
    QVERIFY(approved);
    {
        ChangesDialog dialog(*story, approved);
        const QString shown = dialog.shownText();
        QVERIFY2(shown.startsWith(u"Approved by Eve Editor at "_s), qPrintable(shown));
        QVERIFY2(shown.contains(u"3 words added, 0 words removed"_s), qPrintable(shown));
        QVERIFY2(shown.contains(u"The ministers met for an hour."_s), qPrintable(shown));
    }
    story->dek = u"<b>Talks</b>"_s; // text, never markup
    ChangesDialog dialog(*story, approved);
    QVERIFY2(dialog.shownText().contains(u"<b>Talks</b>"_s), qPrintable(dialog.shownText()));
}

int main(int argc, char **argv)
{
    // Local time is not UTC here, so every conversion shows.
    qputenv("TZ", "America/New_York");
    QApplication app(argc, argv);
    TestWorkflowDialogs test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_workflowdialogs.moc"
