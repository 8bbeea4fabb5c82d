// SPDX-License-Identifier: MIT
#include "library.h"
#include "oldformat.h"
#include "photorepository.h"
#include "sqldialect.h"
#include "storyrepository.h"
#include "textsafety.h"
#include "testlibraries.h"

#include <QFile>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestStoryRepository : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void createAssignsUniqueSlugs();
    void saveBumpsVersionAndKeepsRevision();
    void staleSaveIsAConflictAndChangesNothing();
    void conflictAcrossTwoProcessesConnections();
    void autosavesShareOneRevision();
    void restoreBringsBackOldText();
    void revisionsKeepEveryPublishedText();
    void revisionsFromBeforeSchemaFiveKeepTheStorysNote();
    void searchFindsRankedWithSnippet();
    void searchRanksHeadlineThenFrequency();
    void passageComesFromTheTextThatMatches();
    void passageFromTheCaptionsAlone();
    void passageOfAWordThePrefixAloneMatches();
    void passageFromFarIntoALongBody();
    void passageSurvivesHostileText();
    void passageAtTheEdgesAndAmongWideCharacters();
    void storyWithoutAPassageHasAnEmptyOne();
    void commonWordsAreLeftOutOnBothEngines();
    void stopwordsAreTheServers();
    void searchSurvivesOddInput_data();
    void searchSurvivesOddInput();
    void removeDeletesStoryAndSearchCopy();
    void rankingWindowCoversTheNewestMatches();
    void findAcceptsIdOrSlug();
    void slugIsNeverANumber_data();
    void slugIsNeverANumber();
    void madeSlugsAreSlugs();
    void numberNamesAnIdEvenAgainstAnOldSlug();
    void bodyBeyondTheLimitIsRefused();
    void storiesMadeFromAStoryStartAsDrafts_data();
    void storiesMadeFromAStoryStartAsDrafts();

private:
    // Raw SQL as another library's editor (or a tool) would leave the rows.
    QSqlDatabase owner() { return m_libraries->ownerDatabase(*m_library); }

    std::unique_ptr<Library> m_library;
    std::unique_ptr<TestLibraries> m_libraries;
};

// Every test runs on both engines (CTest registers the PostgreSQL run as
// tst_storyrepository_postgresql). On SQLite Ann is not among the people, as
// tools and tests work; a team library knows only its people: a writer.
void TestStoryRepository::init()
{
    m_library.reset();
    m_libraries = std::make_unique<TestLibraries>();
    m_library = std::make_unique<Library>();
    QVERIFY2(m_libraries->open(*m_library, u"Ann Writer"_s,
                               TestLibraries::onPostgres() ? std::optional(PersonRole::Writer) : std::nullopt),
             qPrintable(m_libraries->errorString()));
}

void TestStoryRepository::createAssignsUniqueSlugs()
{
    StoryRepository repository(m_library.get());
    QSignalSpy changed(m_library.get(), &Library::storiesChanged);
    Story story;
    story.headline = u"Hegseth, U.K. Counterpart Discuss Peace"_s;
    const auto first = repository.create(story);
    QVERIFY2(first, qPrintable(repository.errorString()));
    const auto second = repository.create(story);
    QVERIFY2(second, qPrintable(repository.errorString()));
    QCOMPARE(first->slug, u"hegseth-uk-counterpart-discuss-peace"_s);
    QCOMPARE(second->slug, u"hegseth-uk-counterpart-discuss-peace-2"_s);
    QCOMPARE(first->rowVersion, 1);
    QCOMPARE(first->createdBy, u"Ann Writer"_s);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(repository.revisions(first->id).size(), 1);
}

void TestStoryRepository::saveBumpsVersionAndKeepsRevision()
{
    StoryRepository repository(m_library.get());
    Story story = *repository.create(Story{.headline = u"Draft"_s});
    story.body = u"First paragraph."_s;
    QCOMPARE(repository.save(story), StoryRepository::SaveResult::Saved);
    QCOMPARE(story.rowVersion, 2);
    const Story reloaded = *repository.load(story.id);
    QCOMPARE(reloaded.body, u"First paragraph."_s);
    QCOMPARE(reloaded.rowVersion, 2);
    const QList<Revision> history = repository.revisions(story.id);
    QCOMPARE(history.size(), 2);
    QCOMPARE(history.first().body, u"First paragraph."_s);
}

void TestStoryRepository::staleSaveIsAConflictAndChangesNothing()
{
    StoryRepository repository(m_library.get());
    Story mine = *repository.create(Story{.headline = u"Shared"_s});
    Story theirs = mine;
    theirs.body = u"Their text."_s;
    QCOMPARE(repository.save(theirs), StoryRepository::SaveResult::Saved);
    mine.body = u"My text."_s;
    QCOMPARE(repository.save(mine), StoryRepository::SaveResult::Conflict);
    QVERIFY(repository.errorString().contains(u"was changed by"_s));
    QCOMPARE(repository.load(mine.id)->body, u"Their text."_s);
    QCOMPARE(mine.rowVersion, 1); // the caller's copy is untouched
}

void TestStoryRepository::conflictAcrossTwoProcessesConnections()
{
    // Two Library objects on one file behave as two Newsdesk processes do.
    Library other;
    QVERIFY2(m_libraries->openAgain(other, u"Bo Editor"_s, PersonRole::Editor), qPrintable(m_libraries->errorString()));
    StoryRepository mine(m_library.get());
    StoryRepository theirs(&other);
    Story a = *mine.create(Story{.headline = u"Two desks"_s});
    Story b = *theirs.load(a.id);
    b.dek = u"Edited elsewhere"_s;
    QCOMPARE(theirs.save(b), StoryRepository::SaveResult::Saved);
    a.dek = u"Edited here"_s;
    QCOMPARE(mine.save(a), StoryRepository::SaveResult::Conflict);
    QVERIFY(mine.errorString().contains(u"Bo Editor"_s));
}

void TestStoryRepository::autosavesShareOneRevision()
{
    StoryRepository repository(m_library.get());
    Story story = *repository.create(Story{.headline = u"Typing"_s});
    for (int i = 0; i < 5; ++i) {
        story.body += u"word "_s;
        QCOMPARE(repository.save(story, Revision::Kind::Autosave), StoryRepository::SaveResult::Saved);
    }
    QList<Revision> history = repository.revisions(story.id);
    QCOMPARE(history.size(), 2); // the creation and one coalesced autosave
    QCOMPARE(history.first().body, story.body);
    QCOMPARE(history.first().kind, Revision::Kind::Autosave);
    QCOMPARE(repository.save(story, Revision::Kind::Save), StoryRepository::SaveResult::Saved);
    story.body += u"more"_s;
    QCOMPARE(repository.save(story, Revision::Kind::Autosave), StoryRepository::SaveResult::Saved);
    QCOMPARE(repository.revisions(story.id).size(), 4); // a manual save starts a new run
}

void TestStoryRepository::restoreBringsBackOldText()
{
    StoryRepository repository(m_library.get());
    Story story = *repository.create(Story{.headline = u"Original"_s, .body = u"Old body"_s});
    const qint64 firstRevision = repository.revisions(story.id).constFirst().id;
    story.headline = u"Changed"_s;
    story.body = u"New body"_s;
    QCOMPARE(repository.save(story), StoryRepository::SaveResult::Saved);
    QCOMPARE(repository.restore(story, firstRevision), StoryRepository::SaveResult::Saved);
    QCOMPARE(story.body, u"Old body"_s);
    QCOMPARE(repository.load(story.id)->headline, u"Original"_s);
    const QList<Revision> history = repository.revisions(story.id);
    QCOMPARE(history.size(), 3);
    QCOMPARE(history.first().kind, Revision::Kind::Restore);
}

void TestStoryRepository::revisionsKeepEveryPublishedText()
{
    StoryRepository repository(m_library.get());
    Story story = *repository.create(Story{.headline = u"Original"_s, .body = u"Old body"_s,
                                           .correctionNote = u"An earlier version misspelled a name."_s});
    QCOMPARE(repository.revisions(story.id).constFirst().correctionNote, u"An earlier version misspelled a name."_s);
    const qint64 firstRevision = repository.revisions(story.id).constFirst().id;
    story.headline = u"Changed"_s;
    story.dek = u"A dek."_s;
    story.byline = u"By Ann Writer"_s;
    story.dateline = u"WASHINGTON —"_s;
    story.body = u"New body"_s;
    story.correctionNote = u"An earlier version misstated a date."_s;
    QCOMPARE(repository.save(story, Revision::Kind::Autosave), StoryRepository::SaveResult::Saved);
    story.correctionNote = u"An earlier version misstated the date of the meeting."_s;
    QCOMPARE(repository.save(story, Revision::Kind::Autosave), StoryRepository::SaveResult::Saved); // coalesced
    const Revision latest = repository.revisions(story.id).constFirst();
    QVERIFY(latest.correctionNoteRecorded);
    for (const StoryField field : storyFields())
        QCOMPARE(storyFieldText(latest, field), storyFieldText(story, field));

    // Restoring brings every text back, the note too.
    QCOMPARE(repository.restore(story, firstRevision), StoryRepository::SaveResult::Saved);
    const Story restored = *repository.load(story.id);
    QCOMPARE(restored.headline, u"Original"_s);
    QCOMPARE(restored.dek, QString());
    QCOMPARE(restored.byline, QString());
    QCOMPARE(restored.body, u"Old body"_s);
    QCOMPARE(restored.correctionNote, u"An earlier version misspelled a name."_s);
}

void TestStoryRepository::revisionsFromBeforeSchemaFiveKeepTheStorysNote()
{
    if (TestLibraries::onPostgres())
        QSKIP("SQLite's older file formats: a team library starts at its own first format");
    StoryRepository repository(m_library.get());
    const QString file = m_library->path();
    Story story = *repository.create(Story{.headline = u"Original"_s, .body = u"Old body"_s});
    const qint64 firstRevision = repository.revisions(story.id).constFirst().id;
    // Revisions as schema 4 wrote them: no note.
    m_library.reset();
    const QString downgraded = OldFormat::turnBackToFormat4(file);
    QVERIFY2(downgraded.isEmpty(), qPrintable(downgraded));
    m_library = std::make_unique<Library>();
    QVERIFY2(m_library->open(file), qPrintable(m_library->errorString()));
    m_library->setActor(u"Ann Writer"_s);
    StoryRepository reopened(m_library.get());
    QVERIFY(!reopened.revisions(story.id).constFirst().correctionNoteRecorded);

    story = *reopened.load(story.id);
    story.body = u"New body"_s;
    story.correctionNote = u"An earlier version misstated a date."_s;
    QCOMPARE(reopened.save(story), StoryRepository::SaveResult::Saved);
    QVERIFY(reopened.revisions(story.id).constFirst().correctionNoteRecorded);
    // An old revision does not know its note: restoring its text keeps the
    // story's rather than inventing none.
    QCOMPARE(reopened.restore(story, firstRevision), StoryRepository::SaveResult::Saved);
    QCOMPARE(reopened.load(story.id)->body, u"Old body"_s);
    QCOMPARE(reopened.load(story.id)->correctionNote, u"An earlier version misstated a date."_s);
}

void TestStoryRepository::searchFindsRankedWithSnippet()
{
    StoryRepository repository(m_library.get());
    const Story inBody = *repository.create(Story{.headline = u"Budget talks"_s, .body = u"The Pentagon hosted a bilateral meeting."_s});
    const Story inHeadline = *repository.create(Story{.headline = u"Pentagon welcomes allies"_s, .body = u"Text."_s});
    const Story unrelated = *repository.create(Story{.headline = u"Unrelated"_s, .body = u"Nothing here."_s});
    const QList<SearchHit> hits = repository.search(u"pentagon"_s);
    QCOMPARE(hits.size(), 2);
    QCOMPARE(hits.at(0).storyId, inHeadline.id); // headline weighs more
    QCOMPARE(hits.at(1).storyId, inBody.id);
    QVERIFY(hits.at(1).snippet.contains(QString(SearchHit::highlightStart) + u"Pentagon"_s));
    // Prefix match on the last word as the user types.
    QCOMPARE(repository.search(u"bilat"_s).size(), 1);
    QCOMPARE(repository.search(u"bilateral me"_s).size(), 1);
    // …but not on one letter, which FTS5 cannot look up quickly: "m" is a word.
    QCOMPARE(repository.search(u"bilateral m"_s).size(), 0);
    // Snippets only for the first rows asked for; the rest on demand.
    const QList<SearchHit> firstOnly = repository.search(u"pentagon"_s, 50, 1);
    QVERIFY(!firstOnly.at(0).snippet.isEmpty());
    QVERIFY(firstOnly.at(1).snippet.isEmpty());
    const QHash<qint64, QString> later = StoryRepository::snippets(
        m_library->database(), m_library->dialect().ftsQueryFromUserText(u"pentagon"_s), {inBody.id, inHeadline.id});
    QCOMPARE(later.value(inBody.id), hits.at(1).snippet);
    QCOMPARE(later.value(inHeadline.id), hits.at(0).snippet);
    // A story that does not match has no passage.
    QVERIFY(!StoryRepository::snippets(m_library->database(), m_library->dialect().ftsQueryFromUserText(u"pentagon"_s),
                                       {unrelated.id})
                 .contains(unrelated.id));
}

void TestStoryRepository::passageComesFromTheTextThatMatches()
{
    // The body's passage when the body matches, else the dek's, else the
    // headline's (the list shows the headline anyway).
    StoryRepository repository(m_library.get());
    const qint64 inBodyAndDek = repository.create(Story{.headline = u"Budget"_s, .dek = u"Drills in the Baltic."_s,
                                                        .body = u"Allies held drills off the coast."_s})->id;
    const qint64 inDek
        = repository.create(Story{.headline = u"Talks"_s, .dek = u"Drills resume next week."_s, .body = u"Nothing else."_s})->id;
    const qint64 inHeadline = repository.create(Story{.headline = u"Drills end"_s, .dek = u"Quiet."_s, .body = u"Text."_s})->id;
    const QHash<qint64, QString> passages = StoryRepository::snippets(
        m_library->database(), m_library->dialect().ftsQueryFromUserText(u"drills"_s), {inBodyAndDek, inDek, inHeadline});
    const auto marked = [](const QString &passage) {
        return QString(passage).replace(SearchHit::highlightStart, u"["_s).replace(SearchHit::highlightEnd, u"]"_s);
    };
    QCOMPARE(marked(passages.value(inBodyAndDek)), u"Allies held [drills] off the coast."_s);
    QCOMPARE(marked(passages.value(inDek)), u"[Drills] resume next week."_s);
    QCOMPARE(marked(passages.value(inHeadline)), u"[Drills] end"_s);
}

namespace {

// A passage with its marks made visible: "[word]".
QString marked(const QString &passage)
{
    return QString(passage).replace(SearchHit::highlightStart, u"["_s).replace(SearchHit::highlightEnd, u"]"_s);
}

} // namespace

void TestStoryRepository::passageFromTheCaptionsAlone()
{
    StoryRepository stories(m_library.get());
    PhotoRepository photos(m_library.get());
    const qint64 id = stories.create(Story{.headline = u"Visit"_s, .dek = u"A day aboard."_s, .body = u"Nothing else."_s})->id;
    const std::optional<Photo> photo = photos.add(
        Photo{.virin = u"PNG"_s, .caption = u"Sailors greet the secretary on the flight deck."_s}, "png bytes", u"image/png"_s, QSize(1, 1), {});
    QVERIFY2(photo, qPrintable(photos.errorString()));
    QVERIFY(photos.attach(id, photo->id));
    const QHash<qint64, QString> passages
        = StoryRepository::snippets(m_library->database(), m_library->dialect().ftsQueryFromUserText(u"flight deck"_s), {id});
    QVERIFY2(marked(passages.value(id)).contains(u"[flight] [deck]"_s), qPrintable(marked(passages.value(id))));
}

void TestStoryRepository::passageOfAWordThePrefixAloneMatches()
{
    // The word being typed matches as a prefix: a story whose only match is
    // a longer word still gets its passage, beside one that has the word.
    StoryRepository repository(m_library.get());
    const qint64 whole = repository.create(Story{.headline = u"Talks"_s, .body = u"A secret plan leaked."_s})->id;
    const qint64 longer = repository.create(Story{.headline = u"Visit"_s, .body = u"The secretary flew in."_s})->id;
    const QHash<qint64, QString> passages = StoryRepository::snippets(
        m_library->database(), m_library->dialect().ftsQueryFromUserText(u"secret"_s), {whole, longer});
    QCOMPARE(marked(passages.value(whole)), u"A [secret] plan leaked."_s);
    QCOMPARE(marked(passages.value(longer)), u"The [secretary] flew in."_s);
}

void TestStoryRepository::passageFromFarIntoALongBody()
{
    // Matches some 120 KB into a body still get their passage (PostgreSQL
    // makes it from the text around the match rather than the whole body).
    StoryRepository repository(m_library.get());
    QString filler;
    for (int i = 0; filler.size() < 120000; ++i)
        filler += u"Sailors trained aboard the ship for week %1. "_s.arg(i);
    const qint64 far
        = repository.create(Story{.headline = u"Exercise log"_s, .body = filler + u"Secretary Hegseth visited the crew at the end."_s})->id;
    // Both words of a query side by side at the end: the passage shows the
    // pair. Far apart, once each, the story still matches and its passage
    // still marks what it can.
    const qint64 pair
        = repository.create(Story{.headline = u"Briefing"_s, .body = filler + u"They called it a cyber threat to the fleet."_s})->id;
    const qint64 apart = repository
                             .create(Story{.headline = u"Notes"_s,
                                           .body = u"A cyber course opened. "_s + filler + u"Officials named the threat early."_s})
                             ->id;
    const QSqlDatabase database = m_library->database();
    const QString hegseth = marked(
        StoryRepository::snippets(database, m_library->dialect().ftsQueryFromUserText(u"hegseth"_s), {far}).value(far));
    QVERIFY2(hegseth.contains(u"[Hegseth] visited the crew"_s), qPrintable(hegseth));
    const QHash<qint64, QString> cyberThreat
        = StoryRepository::snippets(database, m_library->dialect().ftsQueryFromUserText(u"cyber threat"_s), {pair, apart});
    QVERIFY2(marked(cyberThreat.value(pair)).contains(u"a [cyber] [threat] to"_s), qPrintable(marked(cyberThreat.value(pair))));
    const QString apartPassage = marked(cyberThreat.value(apart));
    QVERIFY2(apartPassage.contains(u"[cyber] course"_s) || apartPassage.contains(u"[threat] early"_s), qPrintable(apartPassage));
}

void TestStoryRepository::passageSurvivesHostileText()
{
    // Bidi overrides, control characters (the markers' own \x02 and \x03
    // among them) and broken UTF-16 never reach the search copy; the word
    // beside them is marked once, with the markers in their pair.
    StoryRepository repository(m_library.get());
    const QString hostile = u"Cut \u202Eevil\u202C text \x02fake\x03 and \x01 "_s + QChar(0xD800) + u" here: the Pentagon said so."_s;
    const qint64 id = repository.create(Story{.headline = u"Hostile"_s, .body = hostile})->id;
    const auto check = [&](const QString &why) {
        const QString passage
            = StoryRepository::snippets(m_library->database(), m_library->dialect().ftsQueryFromUserText(u"pentagon"_s), {id}).value(id);
        QVERIFY2(passage.count(SearchHit::highlightStart) == 1 && passage.count(SearchHit::highlightEnd) == 1,
                 qPrintable(why + u": "_s + marked(passage)));
        QVERIFY2(marked(passage).contains(u"the [Pentagon] said"_s), qPrintable(why + u": "_s + marked(passage)));
        QVERIFY2(!passage.contains(QChar(0x202E)) && !passage.contains(QChar(0x01)), qPrintable(why));
    };
    check(u"stored through the repository"_s);
    if (!TestLibraries::onPostgres()) {
        // A file another tool wrote: bytes that are not UTF-8 in the search
        // copy (PostgreSQL refuses them at the door).
        QSqlQuery raw(owner());
        QVERIFY2(raw.exec(u"UPDATE story_search SET body = CAST(X'4375742074657874ff20fe20c3' AS TEXT) || ' here: the Pentagon said so.' "
                          "WHERE rowid = %1"_s.arg(id)),
                 qPrintable(raw.lastError().text()));
        check(u"broken UTF-8 in the file"_s);
    }
}

// A match at the body's very start or end, and one deep in a 500 KB body
// of emoji (surrogate pairs) and combining marks, where the text around it
// is cut: the passage marks the word once, in whole characters.
void TestStoryRepository::passageAtTheEdgesAndAmongWideCharacters()
{
    StoryRepository repository(m_library.get());
    QString wide;
    while (wide.size() < 240000)
        wide += u"\U0001F1FA\U0001F1F8e\u0301\u0301 \U0001F600\U0001F600x "_s;
    const QList<std::pair<QString, QString>> bodies{
        {u"Pentagon"_s + QString(u" quiet"_s).repeated(400), u"[Pentagon] quiet"_s},
        {QString(u"quiet "_s).repeated(400) + u"Pentagon"_s, u"quiet [Pentagon]"_s},
        {wide + u"the Pentagon said "_s + wide, u"[Pentagon] said"_s},
        {wide + u"\U0001F600Pentagon\U0001F600 "_s + wide, u"[Pentagon]"_s},
    };
    for (const auto &[body, expected] : bodies) {
        const std::optional<Story> created = repository.create(Story{.headline = u"Edge"_s, .body = body});
        QVERIFY2(created, qPrintable(repository.errorString()));
        const qint64 id = created->id;
        const QString passage
            = StoryRepository::snippets(m_library->database(), m_library->dialect().ftsQueryFromUserText(u"pentagon"_s), {id}).value(id);
        QVERIFY2(passage.count(SearchHit::highlightStart) == 1 && passage.count(SearchHit::highlightEnd) == 1,
                 qPrintable(expected + u": "_s + marked(passage)));
        QVERIFY2(marked(passage).contains(expected), qPrintable(marked(passage)));
        QVERIFY2(passage.indexOf(SearchHit::highlightStart) < passage.indexOf(SearchHit::highlightEnd), qPrintable(marked(passage)));
        QVERIFY2(TextSafety::isClean(QString(passage).removeIf([](QChar c) { return c == SearchHit::highlightStart || c == SearchHit::highlightEnd; }),
                                     TextSafety::Lines::Multi),
                 "a passage cut inside a character");
        repository.remove(id);
    }
}

void TestStoryRepository::storyWithoutAPassageHasAnEmptyOne()
{
    // "cyber" only in the headline, "threat" only in the body: the story
    // matches, yet on PostgreSQL no part of it shows both words. Its passage
    // is empty, not null: the list takes null for "not made yet" and would
    // ask again every time it painted the row.
    StoryRepository repository(m_library.get());
    const qint64 id = repository.create(Story{.headline = u"Cyber review"_s, .body = u"The threat grows."_s})->id;
    const QHash<qint64, QString> passages
        = StoryRepository::snippets(m_library->database(), m_library->dialect().ftsQueryFromUserText(u"cyber threat"_s), {id});
    QVERIFY(passages.contains(id));
    QVERIFY(!passages.value(id).isNull());
}

void TestStoryRepository::searchRanksHeadlineThenFrequency()
{
    // Oldest first: neither id nor time order is the order of relevance.
    StoryRepository repository(m_library.get());
    const qint64 inHeadline
        = repository.create(Story{.headline = u"Cyber threat review"_s, .body = u"Alpha bravo charlie delta echo foxtrot."_s})->id;
    const qint64 once = repository.create(Story{.headline = u"Other news"_s, .body = u"Cyber threats alpha bravo charlie delta."_s})->id;
    const qint64 often
        = repository.create(Story{.headline = u"More news"_s, .body = u"Cyber threat, cyber threats, cyber threatened."_s})->id;
    // Both words typed, the last a prefix; stemming finds "threats".
    for (const QString &typed : {u"cyber threat"_s, u"cyber thr"_s}) {
        QList<qint64> found;
        for (const SearchHit &hit : repository.search(typed))
            found << hit.storyId;
        QCOMPARE(found, (QList<qint64>{inHeadline, often, once}));
    }
}

void TestStoryRepository::commonWordsAreLeftOutOnBothEngines()
{
    // PostgreSQL drops "the", "and" … from a query; FTS5 would match nearly
    // every story with them. Both engines now leave them out alike: alone
    // they find nothing (the list says they are too common), beside other
    // words they change nothing.
    StoryRepository repository(m_library.get());
    const qint64 pentagon = repository.create(Story{.headline = u"The Pentagon and the allies"_s, .body = u"Talks went on."_s})->id;
    const qint64 nato = repository.create(Story{.headline = u"NATO summit"_s, .body = u"All members came."_s})->id;
    const qint64 other = repository.create(Story{.headline = u"Other news"_s, .body = u"It is what it is."_s})->id;
    const auto ids = [&repository](const QString &typed) {
        QList<qint64> found;
        for (const SearchHit &hit : repository.search(typed))
            found << hit.storyId;
        std::sort(found.begin(), found.end());
        return found;
    };
    for (const QString &common : {u"the"_s, u"The AND"_s, u"it is what it is"_s, u"don't"_s, u"for"_s}) {
        QVERIFY2(ids(common).isEmpty(), qPrintable(common));
        QVERIFY2(SqlDialect::isTooCommonToSearch(common), qPrintable(common));
        QVERIFY2(repository.errorString().isEmpty(), qPrintable(repository.errorString()));
    }
    QCOMPARE(ids(u"the pentagon"_s), QList<qint64>{pentagon});
    QCOMPARE(ids(u"pentagon and the"_s), QList<qint64>{pentagon});
    // A common word typed last is left out, not taken as the prefix of a
    // longer one: "nato all" finds what "nato" does.
    QCOMPARE(ids(u"nato all"_s), QList<qint64>{nato});
    QCOMPARE(ids(u"news"_s), QList<qint64>{other});
    QVERIFY(!SqlDialect::isTooCommonToSearch(u"the pentagon"_s));
    QVERIFY(!SqlDialect::isTooCommonToSearch(u"!!!"_s));
    QVERIFY(!SqlDialect::isTooCommonToSearch(QString()));
}

void TestStoryRepository::stopwordsAreTheServers()
{
    // Newsdesk's list of words too common to search for is PostgreSQL's
    // English one: every word of it the server drops from a query too, and
    // the server's file holds the same words.
    if (!TestLibraries::onPostgres()) {
        for (const QString &word : SqlDialect::stopwords())
            QVERIFY2(SqlDialect::isStopword(word) && SqlDialect::isStopword(word.toUpper()), qPrintable(word));
        QVERIFY(!SqlDialect::isStopword(u"pentagon"_s));
        return;
    }
    QSqlQuery query(m_library->database());
    for (const QString &word : SqlDialect::stopwords()) {
        QVERIFY(query.prepare(u"SELECT numnode(to_tsquery('english', :word)) AS nodes"_s));
        query.bindValue(u":word"_s, u"'%1'"_s.arg(word));
        QVERIFY2(query.exec() && query.next(), qPrintable(query.lastError().text()));
        QVERIFY2(query.value(u"nodes"_s).toInt() == 0, qPrintable(word));
    }
    QVERIFY(query.exec(u"SELECT current_setting('server_version_num')::int / 10000 AS major"_s) && query.next());
    QFile file(u"/usr/share/postgresql/%1/tsearch_data/english.stop"_s.arg(query.value(u"major"_s).toInt()));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    const QStringList serverWords = QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(serverWords, SqlDialect::stopwords());
}

void TestStoryRepository::searchSurvivesOddInput_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("quotes") << u"\"unbalanced"_s;
    QTest::newRow("fts operators") << u"NEAR( AND OR NOT *"_s;
    QTest::newRow("column filter syntax") << u"body: headline:"_s;
    QTest::newRow("only punctuation") << u"!!! ??? ---"_s;
    QTest::newRow("emoji and combining marks") << u"caf\u0065\u0301 🇺🇸"_s;
    QTest::newRow("only apostrophes and hyphens") << u"' '' ’’ -- '-'"_s;
    QTest::newRow("stopwords with apostrophes") << u"it's don't o'clock o'"_s;
    QTest::newRow("regex metacharacters") << u"a.*b (c|d) [e]{2} \\1 ^x$ +? \\m \\y"_s;
    QTest::newRow("tsquery and fts5 syntax") << u"':* & | ! ( ) <-> \\' \"\" ^ word:*"_s;
    QTest::newRow("nul and bidi") << u"a"_s + QChar(0) + u"b \u202Eevil\u202C"_s;
    // Text that is not UTF-16 is one no pattern splits into words.
    QTest::newRow("lone surrogates and nul") << u"a"_s + QChar(0) + u"b "_s + QChar(0xDC00) + u" x"_s + QChar(0xD800);
    QString many;
    for (int i = 0; i < 10000; ++i)
        many += u"word%1 "_s.arg(i);
    QTest::newRow("10,000 words") << many;
    QString paragraph;
    for (int i = 0; i < 1500; ++i)
        paragraph += u"lexeme%1x "_s.arg(i * 7919 % 100003);
    QTest::newRow("a long paragraph pasted") << paragraph;
}

void TestStoryRepository::searchSurvivesOddInput()
{
    QFETCH(QString, text);
    StoryRepository repository(m_library.get());
    repository.create(Story{.headline = u"Café 🇺🇸"_s});
    // And a story that holds the text itself: its passage is made too.
    repository.create(Story{.headline = u"Held"_s, .body = text});
    repository.search(text);
    QVERIFY2(repository.errorString().isEmpty(), qPrintable(repository.errorString()));
}

void TestStoryRepository::removeDeletesStoryAndSearchCopy()
{
    StoryRepository repository(m_library.get());
    const Story story = *repository.create(Story{.headline = u"Ephemeral item"_s});
    QCOMPARE(repository.search(u"ephemeral"_s).size(), 1);
    QVERIFY(repository.remove(story.id));
    QVERIFY(!repository.load(story.id));
    QCOMPARE(repository.search(u"ephemeral"_s).size(), 0);
    QVERIFY(repository.revisions(story.id).isEmpty());
}

void TestStoryRepository::rankingWindowCoversTheNewestMatches()
{
    StoryRepository repository(m_library.get());
    QList<qint64> ids;
    for (int i = 0; i < 6; ++i)
        ids << repository.create(Story{.headline = u"Readiness report %1"_s.arg(i)})->id;
    repository.create(Story{.headline = u"Unrelated"_s});
    const auto found = [&repository](int window) {
        QList<qint64> storyIds;
        for (const SearchHit &hit : repository.search(u"readiness"_s, 50, 0, window))
            storyIds << hit.storyId;
        std::sort(storyIds.begin(), storyIds.end());
        return storyIds;
    };
    QCOMPARE(found(3), ids.mid(3));
    QCOMPARE(found(6), ids);
    QCOMPARE(found(10), ids);
}

void TestStoryRepository::findAcceptsIdOrSlug()
{
    StoryRepository repository(m_library.get());
    const Story story = *repository.create(Story{.headline = u"Find me"_s});
    QCOMPARE(repository.find(QString::number(story.id))->slug, u"find-me"_s);
    QCOMPARE(repository.find(u"find-me"_s)->id, story.id);
    QVERIFY(!repository.find(u"missing"_s));
    QVERIFY(repository.errorString().contains(u"missing"_s));
}

void TestStoryRepository::slugIsNeverANumber_data()
{
    QTest::addColumn<QString>("headline");
    QTest::addColumn<QString>("slug"); // asked for; empty: from the headline
    QTest::addColumn<QString>("expected");
    QTest::newRow("a slug of one digit") << u"Numbered"_s << u"1"_s << u"story-1"_s;
    QTest::newRow("a year as the slug") << u"Numbered"_s << u"2025"_s << u"story-2025"_s;
    QTest::newRow("digits once the punctuation goes") << u"Numbered"_s << u"1.000"_s << u"story-1000"_s;
    QTest::newRow("a headline of digits") << u"1945"_s << QString() << u"story-1945"_s;
    QTest::newRow("digits with a letter stay") << u"Numbered"_s << u"1a"_s << u"1a"_s;
    QTest::newRow("digits with a hyphen stay") << u"Numbered"_s << u"2025-03"_s << u"2025-03"_s;
}

// A slug of digits would stand for another story's id wherever stories are
// named by id or slug.
void TestStoryRepository::slugIsNeverANumber()
{
    QFETCH(QString, headline);
    QFETCH(QString, slug);
    QFETCH(QString, expected);
    StoryRepository repository(m_library.get());
    const std::optional<Story> story = repository.create(Story{.slug = slug, .headline = headline});
    QVERIFY2(story, qPrintable(repository.errorString()));
    QCOMPARE(story->slug, expected);
    QCOMPARE(repository.find(expected)->id, story->id);
}

// Every slug the library makes is a slug by isSlug (which export folders,
// Markdown file names and article addresses rely on), a taken one's "-2"
// and a long headline's included; and isSlug refuses what could lead a
// path or an address elsewhere.
void TestStoryRepository::madeSlugsAreSlugs()
{
    StoryRepository repository(m_library.get());
    const QString longHeadline = QString(u"Defense Secretary Hegseth "_s).repeated(8);
    for (const QString &headline : {u"Hegseth, U.K. Counterpart Discuss Peace"_s, u"Über café — naïve façade"_s, u"1945"_s,
                                    u"../../.config/autostart"_s, u"\u202eevil"_s, u"日本語だけ"_s, longHeadline, longHeadline}) {
        const std::optional<Story> story = repository.create(Story{.headline = headline});
        QVERIFY2(story, qPrintable(repository.errorString()));
        QVERIFY2(isSlug(story->slug), qPrintable(story->slug));
        QCOMPARE(fileNameOfStory(*story), story->slug);
    }
    for (const QString &notOne : {QString(), u".."_s, u"../x"_s, u"a/b"_s, u"a\\b"_s, u"-a"_s, u"a-"_s, u"a--b"_s, u"A"_s,
                                  u"a b"_s, u"caf\u00e9"_s, u"a\u0000b"_s, QString(MaxSlugLength + 1, u'a'),
                                  // A pattern's "$" also matches before a last line break.
                                  u"a\n"_s, u"a-b\n"_s}) {
        QVERIFY2(!isSlug(notOne), qPrintable(notOne));
        QCOMPARE(fileNameOfStory(Story{.id = 7, .slug = notOne}), u"story-7"_s);
    }
    QVERIFY(isSlug(QString(MaxSlugLength, u'a')));
    // A library from before slugs were never all digits keeps its "42": it
    // is in a published address, and safe in a path.
    QVERIFY(isSlug(u"42"_s));
}

// `1` is story 1, even when a library from before the slug rule has a story
// whose slug is "1"; a story whose slug is a number no story has as its id
// is still reached, by its id, which find() names.
void TestStoryRepository::numberNamesAnIdEvenAgainstAnOldSlug()
{
    StoryRepository repository(m_library.get());
    const Story first = *repository.create(Story{.headline = u"First"_s});
    const Story second = *repository.create(Story{.headline = u"Second"_s});
    QSqlQuery query(owner());
    QVERIFY(query.exec(u"UPDATE stories SET slug = '%1' WHERE id = %2"_s.arg(first.id).arg(second.id)));
    QCOMPARE(repository.find(QString::number(first.id))->headline, u"First"_s);
    QVERIFY(query.exec(u"UPDATE stories SET slug = '42' WHERE id = %1"_s.arg(second.id)));
    QString hint;
    QVERIFY(!repository.find(u"42"_s, &hint));
    QVERIFY2(repository.errorString().contains(u"There is no story 42"_s), qPrintable(repository.errorString()));
    QCOMPARE(hint, u"story %1 has the slug \"42\"; name it by its id, %1"_s.arg(second.id));
    QCOMPARE(repository.find(QString::number(second.id), &hint)->headline, u"Second"_s);
    QVERIFY(hint.isEmpty());
    QVERIFY(!repository.find(u"99999999999999999999999"_s, &hint)); // past any id
    QVERIFY(hint.isEmpty());
}

// A body longer than Newsdesk renders in reasonable time never gets in, by
// create, save or restore, and the refusal says why; the story is kept.
void TestStoryRepository::bodyBeyondTheLimitIsRefused()
{
    StoryRepository repository(m_library.get());
    Story story;
    story.headline = u"Long"_s;
    story.body = QString(MaxStoryBodyLength + 1, u'a');
    QVERIFY(!repository.create(story));
    QVERIFY2(repository.errorString().contains(u"The body has 500001 characters; Newsdesk keeps and renders at most 500000"_s),
             qPrintable(repository.errorString()));

    story.body = QString(MaxStoryBodyLength, u'a');
    std::optional<Story> created = repository.create(story);
    QVERIFY2(created, qPrintable(repository.errorString()));
    Story longer = *created;
    longer.body += u'a';
    QCOMPARE(repository.save(longer), StoryRepository::SaveResult::Failed);
    QVERIFY(repository.errorString().contains(u"500001 characters"_s));
    QCOMPARE(repository.load(created->id)->body, created->body);
    QCOMPARE(repository.load(created->id)->rowVersion, created->rowVersion);
}

void TestStoryRepository::storiesMadeFromAStoryStartAsDrafts_data()
{
    QTest::addColumn<StoryStatus>("status");
    for (StoryStatus status : allStoryStatuses())
        QTest::newRow(qPrintable(storyStatusKey(status))) << status;
}

// Duplicate and "save mine as a copy" make a story nobody has reviewed: a
// Draft, whatever the status of the one it came from, without its
// publication date, and so one anyone may create (issue 12: the copy of an
// approved story came out approved, with no approval in the audit log).
void TestStoryRepository::storiesMadeFromAStoryStartAsDrafts()
{
    QFETCH(StoryStatus, status);
    StoryRepository repository(m_library.get());
    Story story;
    story.headline = u"Hegseth Hosts Healey"_s;
    story.dek = u"The ministers met for an hour."_s;
    story.byline = u"By Jim Garamone"_s;
    story.dateline = u"WASHINGTON"_s;
    story.body = u"Defense Secretary Pete Hegseth hosted his counterpart."_s;
    story.correctionNote = u"An earlier version misspelt a name."_s;
    story.embargoUntil = QDateTime(QDate(2031, 1, 2), QTime(3, 4), QTimeZone::UTC);
    std::optional<Story> original = repository.create(story);
    QVERIFY2(original, qPrintable(repository.errorString()));
    // The status as another library's editor left it.
    QSqlQuery query(owner());
    query.prepare(u"UPDATE stories SET status = :status, published_at = :published WHERE id = :id"_s);
    query.bindValue(u":status"_s, storyStatusKey(status));
    query.bindValue(u":published"_s, status == StoryStatus::Published ? u"2025-03-06T12:00:00.000Z"_s : u""_s);
    query.bindValue(u":id"_s, original->id);
    QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    original = repository.load(original->id);
    QCOMPARE(original->status, status);

    const Story draft = original->newDraftCopy(u"Hegseth Hosts Healey (my version)"_s);
    QCOMPARE(draft.status, StoryStatus::Draft);
    QCOMPARE(draft.id, 0);
    QVERIFY(draft.slug.isEmpty());
    QCOMPARE(draft.rowVersion, 0);
    QVERIFY(!draft.publishedAt.isValid());
    QCOMPARE(draft.headline, u"Hegseth Hosts Healey (my version)"_s);
    for (StoryField field : storyFields()) {
        if (field != StoryField::Headline)
            QCOMPARE(storyFieldText(draft, field), storyFieldText(*original, field));
    }
    QCOMPARE(draft.embargoUntil, original->embargoUntil);

    // Ann Writer is on nobody's list: she may start drafts only, and does.
    const std::optional<Story> created = repository.create(draft);
    QVERIFY2(created, qPrintable(repository.errorString()));
    QCOMPARE(repository.load(created->id)->status, StoryStatus::Draft);
    const std::optional<Story> duplicate = repository.duplicate(original->id);
    QVERIFY2(duplicate, qPrintable(repository.errorString()));
    const Story stored = *repository.load(duplicate->id);
    QCOMPARE(stored.status, StoryStatus::Draft);
    QVERIFY(!stored.publishedAt.isValid());
    QCOMPARE(stored.headline, u"Hegseth Hosts Healey (copy)"_s);
    QCOMPARE(stored.slug, original->slug + u"-copy"_s);
    QCOMPARE(stored.body, original->body);
    QCOMPARE(stored.correctionNote, original->correctionNote);
    QCOMPARE(stored.embargoUntil, original->embargoUntil);
}

QTEST_GUILESS_MAIN(TestStoryRepository)
#include "tst_storyrepository.moc"
