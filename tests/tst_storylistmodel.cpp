// SPDX-License-Identifier: MIT
#include "library.h"
#include "people.h"
#include "storylistmodel.h"
#include "storyrepository.h"
#include "testlibraries.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestStoryListModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void loadsPageByPage();
    void savedStoryMovesToTopWithoutReset();
    void filtersByStatus();
    void searchShowsRankedHitsWithSnippet();
    void searchListsHeadlineMatchesThenBestHits();
    void snippetsBelongToTheirRows();
    void searchWithStatusFilterPagesThroughEveryHit();
    void deletedStoryRowIsRemoved();
    void ensureLoadedFetchesUntilFound();

private:
    void addStories(int count);
    bool actAsEve() { return m_libraries->actAs(*m_library, u"Eve Editor"_s, PersonRole::Editor); }
    std::unique_ptr<Library> m_library;
    std::unique_ptr<TestLibraries> m_libraries;
};

// On both engines (tst_storylistmodel_postgresql): the list and its search
// read the same from FTS5 and from PostgreSQL's full-text search.
void TestStoryListModel::init()
{
    m_library.reset();
    m_libraries = std::make_unique<TestLibraries>();
    m_library = std::make_unique<Library>();
    QVERIFY2(m_libraries->open(*m_library, u"Ann Writer"_s,
                               TestLibraries::onPostgres() ? std::optional(PersonRole::Writer) : std::nullopt),
             qPrintable(m_libraries->errorString()));
}

void TestStoryListModel::addStories(int count)
{
    StoryRepository repository(m_library.get());
    for (int i = 0; i < count; ++i)
        QVERIFY(repository.create(Story{.headline = u"Story %1"_s.arg(i, 3, 10, QChar(u'0'))}));
}

void TestStoryListModel::loadsPageByPage()
{
    addStories(25);
    StoryListModel model(m_library.get());
    model.setPageSize(10);
    QVERIFY(model.canFetchMore({}));
    QCOMPARE(model.rowCount(), 0); // nothing is read before a view asks
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 10);
    model.fetchMore({});
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 25);
    QVERIFY(!model.canFetchMore({}));
    // Most recently updated first: the last created.
    QCOMPARE(model.index(0).data(StoryListModel::HeadlineRole).toString(), u"Story 024"_s);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestStoryListModel::savedStoryMovesToTopWithoutReset()
{
    addStories(5);
    StoryListModel model(m_library.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.fetchMore({});
    const QPersistentModelIndex oldest = model.index(4);
    const qint64 oldestId = oldest.data(StoryListModel::IdRole).toLongLong();
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy moves(&model, &QAbstractItemModel::rowsMoved);

    StoryRepository repository(m_library.get());
    Story story = *repository.load(oldestId);
    story.headline = u"Updated headline"_s;
    QTest::qWait(2); // a later updated_at
    QCOMPARE(repository.save(story), StoryRepository::SaveResult::Saved);

    QCOMPARE(resets.count(), 0);
    QVERIFY(moves.count() >= 1);
    QCOMPARE(oldest.row(), 0); // the persistent index followed the row
    QCOMPARE(oldest.data().toString(), u"Updated headline"_s);
}

void TestStoryListModel::filtersByStatus()
{
    addStories(3);
    StoryRepository repository(m_library.get());
    QVERIFY(actAsEve());
    Story story = *repository.loadBySlug(u"story-001"_s);
    QCOMPARE(repository.transition(story, WorkflowAction::Submit), StoryRepository::SaveResult::Saved);
    Story archived = *repository.loadBySlug(u"story-002"_s);
    QCOMPARE(repository.transition(archived, WorkflowAction::Archive), StoryRepository::SaveResult::Saved);

    StoryListModel model(m_library.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 2); // archived stories are hidden by default
    model.setStatusFilter(StoryStatus::InReview);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0).data(StoryListModel::SlugRole).toString(), u"story-001"_s);
    model.setStatusFilter(StoryStatus::Archived);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0).data(StoryListModel::SlugRole).toString(), u"story-002"_s);
}

void TestStoryListModel::searchShowsRankedHitsWithSnippet()
{
    StoryRepository repository(m_library.get());
    repository.create(Story{.headline = u"Talks at the Pentagon"_s, .body = u"Allies met."_s});
    repository.create(Story{.headline = u"Other news"_s, .body = u"Nothing to see."_s});
    StoryListModel model(m_library.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSearchText(u"allies"_s);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0).data(StoryListModel::SnippetRole).toString(), u"<b>Allies</b> met."_s);
    model.setSearchText(QString());
    QCOMPARE(model.rowCount(), 2);
    // Only words too common to search for: no story rather than every one,
    // and the model says why.
    QVERIFY(!model.searchIsTooCommon());
    model.setSearchText(u"the"_s);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore({}));
    QVERIFY(model.searchIsTooCommon());
    model.setSearchText(u"the allies"_s);
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(!model.searchIsTooCommon());
}

void TestStoryListModel::searchListsHeadlineMatchesThenBestHits()
{
    // Made oldest first, so that neither the order of the ids nor of the
    // updates is the order of relevance.
    QVERIFY(actAsEve());
    StoryRepository repository(m_library.get());
    const auto create = [&repository](const QString &headline, const QString &body) {
        const std::optional<Story> story = repository.create(Story{.headline = headline, .body = body});
        return story ? story->id : qint64(0);
    };
    const qint64 inHeadline = create(u"Readiness review"_s, u"Alpha bravo charlie delta echo foxtrot."_s);
    const qint64 once = create(u"Other news"_s, u"Readiness alpha bravo charlie delta echo."_s);
    const qint64 thrice = create(u"More news"_s, u"Readiness readiness readiness alpha bravo charlie."_s);
    const qint64 archived = create(u"Readiness archive"_s, u"Readiness readiness."_s);
    create(u"Unrelated"_s, u"Nothing here."_s);
    std::optional<Story> story = repository.load(archived);
    QVERIFY(story);
    QCOMPARE(repository.transition(*story, WorkflowAction::Archive), StoryRepository::SaveResult::Saved);

    StoryListModel model(m_library.get());
    model.setSearchText(u"readiness"_s);
    QList<qint64> shown;
    for (int row = 0; row < model.rowCount(); ++row)
        shown << model.index(row).data(StoryListModel::IdRole).toLongLong();
    // The headline match first, then the story that says it most.
    QCOMPARE(shown, (QList<qint64>{inHeadline, thrice, once}));
    // The same order among the hits of one status, a page at a time.
    model.setPageSize(1);
    model.setStatusFilter(StoryStatus::Draft);
    while (model.canFetchMore({}))
        model.fetchMore({});
    shown.clear();
    for (int row = 0; row < model.rowCount(); ++row)
        shown << model.index(row).data(StoryListModel::IdRole).toLongLong();
    QCOMPARE(shown, (QList<qint64>{inHeadline, thrice, once}));
}

void TestStoryListModel::searchWithStatusFilterPagesThroughEveryHit()
{
    // Most hits are drafts; the status filter must not stop the paging
    // after the first page's worth of ranked hits of any status.
    QVERIFY(actAsEve());
    StoryRepository repository(m_library.get());
    QList<qint64> archived;
    for (int i = 0; i < 12; ++i) {
        std::optional<Story> story = repository.create(Story{.headline = u"Readiness %1"_s.arg(i), .body = u"Readiness."_s});
        QVERIFY(story);
        if (i % 4 == 0) {
            QCOMPARE(repository.transition(*story, WorkflowAction::Archive), StoryRepository::SaveResult::Saved);
            archived << story->id;
        }
    }
    // No QAbstractItemModelTester here: it answers modelReset by calling
    // fetchMore before it has noted the reset's end, so a reset model that
    // has more pages (as here) trips its own bookkeeping.
    StoryListModel model(m_library.get());
    model.setPageSize(2);
    model.setStatusFilter(StoryStatus::Archived);
    model.setSearchText(u"readiness"_s);
    while (model.canFetchMore({}))
        model.fetchMore({});
    QList<qint64> shown;
    for (int row = 0; row < model.rowCount(); ++row)
        shown << model.index(row).data(StoryListModel::IdRole).toLongLong();
    std::sort(shown.begin(), shown.end());
    QCOMPARE(shown, archived);

    // And the default filter (all but archived) finds the other nine.
    model.setStatusFilter(std::nullopt);
    while (model.canFetchMore({}))
        model.fetchMore({});
    QCOMPARE(model.rowCount(), 9);
}

void TestStoryListModel::snippetsBelongToTheirRows()
{
    // Snippets come in batches for the rows below the one asked for; each
    // row must still get its own passage, asked for in any order.
    StoryRepository repository(m_library.get());
    for (int i = 0; i < 40; ++i)
        repository.create(Story{.headline = u"Story %1"_s.arg(i), .body = u"Marker%1 readiness drill."_s.arg(i)});
    StoryListModel model(m_library.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSearchText(u"readiness"_s);
    QCOMPARE(model.rowCount(), 40);
    for (int row : {5, 0, 39, 6, 20}) {
        const QModelIndex index = model.index(row);
        const QString headline = index.data(StoryListModel::HeadlineRole).toString();
        const QString number = headline.mid(headline.indexOf(u' ') + 1);
        QCOMPARE(index.data(StoryListModel::SnippetRole).toString(), u"Marker%1 <b>readiness</b> drill."_s.arg(number));
    }
}

void TestStoryListModel::deletedStoryRowIsRemoved()
{
    addStories(3);
    StoryListModel model(m_library.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.fetchMore({});
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    const qint64 id = model.index(1).data(StoryListModel::IdRole).toLongLong();
    QVERIFY(StoryRepository(m_library.get()).remove(id));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowOfStory(id), -1);
}

void TestStoryListModel::ensureLoadedFetchesUntilFound()
{
    addStories(30);
    StoryListModel model(m_library.get());
    model.setPageSize(7);
    const qint64 first = StoryRepository(m_library.get()).loadBySlug(u"story-000"_s)->id;
    const int row = model.ensureLoaded(first);
    QCOMPARE(row, 29);
    QVERIFY(model.rowCount() >= 30);
}

QTEST_GUILESS_MAIN(TestStoryListModel)
#include "tst_storylistmodel.moc"
