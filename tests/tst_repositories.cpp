// SPDX-License-Identifier: MIT
// What every repository shares: it reads columns by name, so a table whose
// columns come in another order (a migration that rebuilds it, another
// engine) reads the same; and a failed statement reaches the caller as what
// was being done and why (RepositoryError). On both engines
// (tests/testlibraries.h): a team library's tables have their columns in
// orders of their own already; rebuilding tables in another order is done
// on SQLite files only (TestRepositoriesOnFile).
#include "comments.h"
#include "library.h"
#include "people.h"
#include "photorepository.h"
#include "postgresdialect.h"
#include "publicationsettings.h"
#include "repositoryerror.h"
#include "storylistmodel.h"
#include "storylocks.h"
#include "storyrepository.h"
#include "testlibraries.h"
#include "virin.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString editor = u"Eve Editor"_s;
const QString writer = u"Walt Writer"_s;
const QString virin = u"250306-N-AB123-1001"_s;

// The tables a repository reads (story_search is FTS5's, its columns fixed).
const QStringList tables{u"people"_s,    u"stories"_s,       u"revisions"_s,   u"images"_s,
                         u"photos"_s,    u"story_photos"_s,  u"caption_approvals"_s,
                         u"comments"_s,  u"story_locks"_s,   u"story_names"_s, u"library_settings"_s,
                         u"audit_log"_s};

// Rebuilds table with its columns in reverse order and one more column in
// the middle, as a migration that rebuilds a table (or a table made by
// another engine) may leave them. Rows, types, defaults and the primary key
// stay. Empty on success, else what failed.
QString reorderColumns(QSqlDatabase db, const QString &table)
{
    QSqlQuery query(db);
    if (!query.exec(u"PRAGMA table_info(%1)"_s.arg(table)))
        return query.lastError().text();
    QStringList names;
    QStringList definitions;
    QStringList primaryKey;
    while (query.next()) {
        const QString name = query.value(u"name"_s).toString();
        QString definition = name + u' ' + query.value(u"type"_s).toString();
        if (query.value(u"notnull"_s).toBool())
            definition += u" NOT NULL"_s;
        if (!query.value(u"dflt_value"_s).isNull())
            definition += u" DEFAULT "_s + query.value(u"dflt_value"_s).toString();
        if (query.value(u"pk"_s).toInt() > 0)
            primaryKey << name;
        names.prepend(name);
        definitions.prepend(definition);
    }
    query.finish();
    if (names.size() < 2)
        return u"%1 has no columns to reorder"_s.arg(table);
    definitions.insert(definitions.size() / 2, u"added_later TEXT NOT NULL DEFAULT 'not ours to read'"_s);
    if (!primaryKey.isEmpty())
        definitions << u"PRIMARY KEY (%1)"_s.arg(primaryKey.join(u", "_s));
    const QString columns = names.join(u", "_s);
    const QStringList statements{
        u"CREATE TABLE reordered (%1)"_s.arg(definitions.join(u", "_s)),
        u"INSERT INTO reordered (%1) SELECT %1 FROM %2"_s.arg(columns, table),
        u"DROP TABLE %1"_s.arg(table),
        u"ALTER TABLE reordered RENAME TO %1"_s.arg(table),
    };
    for (const QString &statement : statements) {
        if (!query.exec(statement))
            return statement + u": "_s + query.lastError().text();
    }
    return {};
}

QString text(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QStringList storyLines(const Story &story)
{
    return {u"id %1 slug %2 status %3"_s.arg(story.id).arg(story.slug).arg(int(story.status)),
            u"headline "_s + story.headline,
            u"dek "_s + story.dek,
            u"byline "_s + story.byline,
            u"dateline "_s + story.dateline,
            u"body "_s + story.body,
            u"correction note "_s + story.correctionNote,
            u"embargo "_s + text(story.embargoUntil),
            u"created "_s + text(story.createdAt) + u" by "_s + story.createdBy,
            u"updated "_s + text(story.updatedAt) + u" by "_s + story.updatedBy,
            u"published "_s + text(story.publishedAt),
            u"row version %1"_s.arg(story.rowVersion)};
}

QStringList revisionLines(const Revision &revision)
{
    return {u"revision %1 of story %2, version %3, kind %4, status %5"_s.arg(revision.id)
                .arg(revision.storyId)
                .arg(revision.rowVersion)
                .arg(revisionKindKey(revision.kind))
                .arg(int(revision.status)),
            u"headline "_s + revision.headline,
            u"dek "_s + revision.dek,
            u"byline "_s + revision.byline,
            u"dateline "_s + revision.dateline,
            u"body "_s + revision.body,
            u"correction note %1 (%2)"_s.arg(revision.correctionNote).arg(revision.correctionNoteRecorded),
            u"created "_s + text(revision.createdAt) + u" by "_s + revision.createdBy};
}

QStringList photoLines(const Photo &photo)
{
    return {u"photo %1 image %2 (%3) file %4"_s.arg(photo.id).arg(photo.imageHash, photo.imageMimeType, photo.fileName),
            u"virin "_s + photo.virin,
            u"title "_s + photo.title,
            u"caption "_s + photo.caption,
            u"alt text "_s + photo.altText,
            u"credit "_s + photo.credit,
            u"photographer "_s + photo.photographer,
            u"unit "_s + photo.unit,
            u"operation "_s + photo.operation,
            u"date shot "_s + photo.dateShot.toString(Qt::ISODate),
            u"place %1 / %2 / %3 / %4 / %5"_s.arg(photo.city, photo.sublocation, photo.state, photo.country,
                                                   photo.countryCode),
            u"keywords "_s + photo.keywords.join(u'|'),
            u"release %1 by %2"_s.arg(int(photo.releaseState)).arg(photo.releaseAuthority),
            u"caption writer "_s + photo.captionWriter,
            u"approval %1"_s.arg(int(photo.approval)),
            u"created "_s + text(photo.createdAt),
            u"updated "_s + text(photo.updatedAt) + u" by "_s + photo.updatedBy,
            u"row version %1"_s.arg(photo.rowVersion)};
}

} // namespace

// The fixture both test classes share: a library with one of everything,
// every field a value of its own. No test functions of its own (QTest would
// run them in both classes).
class RepositoryFixture : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

protected:
    // Everything the repositories read back from the library, one line a field.
    QStringList everythingRead();
    QString reorderAllTables();
    // Acts as person (TestLibraries::actAs), the test failing otherwise.
    void actAs(const QString &person, PersonRole role)
    {
        QVERIFY2(m_libraries->actAs(*m_library, person, role), qPrintable(m_libraries->errorString()));
    }
    // What the fixture's values read as, each under its own name.
    void checkFixtureValues(const QStringList &lines);
    // The checks of writes that read back by name (a conflict's author, the
    // autosave rule, a taken login).
    void checkWritesReadBackByName();

    std::unique_ptr<TestLibraries> m_libraries;
    std::unique_ptr<Library> m_library;
    Story m_story;
    Photo m_photo;
};

class TestRepositories : public RepositoryFixture
{
    Q_OBJECT
private Q_SLOTS:
    void readsEveryFieldByItsName();
    void writesReadBackByName();
    void failedStatementSaysWhatWasBeingDone_data();
    void failedStatementSaysWhatWasBeingDone();
    void busyLibrarySaysSoForEveryRepository_data();
    void busyLibrarySaysSoForEveryRepository();
    void errorHelperKeepsTheLastFailure();
};

// Rebuilding a table with its columns in another order, as SQLite migrations
// do: SQLite only (PRAGMA table_info; a team library's tables are the
// server's, with grants and triggers that a rebuild would drop).
class TestRepositoriesOnFile : public RepositoryFixture
{
    Q_OBJECT
private Q_SLOTS:
    void readsByNameWhateverTheColumnOrder();
    void writesReadBackByNameAfterTheColumnOrderChanged();
};

void RepositoryFixture::init()
{
    // A by-name read of a column the SELECT does not have would give a null
    // value and this warning: as wrong as reading the wrong position.
    QTest::failOnWarning(QRegularExpression(u"QSqlQuery::value"_s));

    m_libraries = std::make_unique<TestLibraries>();
    m_library = std::make_unique<Library>();
    QVERIFY2(m_libraries->open(*m_library, writer, PersonRole::Writer), qPrintable(m_libraries->errorString()));
    actAs(editor, PersonRole::Editor);
    if (QTest::currentTestFailed())
        return;
    // Titles and logins as the administrator keeps them (a team library's
    // logins are its login roles, TestLibraries::loginOf).
    QSqlQuery people(m_libraries->ownerDatabase(*m_library));
    people.prepare(u"UPDATE %1 SET title = :title, login = :login WHERE name = :name"_s.arg(
        TestLibraries::onPostgres() ? u"newsdesk.person_records"_s : u"people"_s));
    for (const auto &[name, title] : {std::pair{editor, u"Managing editor"_s}, std::pair{writer, u"Staff writer"_s}}) {
        people.bindValue(u":title"_s, title);
        people.bindValue(u":login"_s, TestLibraries::loginOf(name));
        people.bindValue(u":name"_s, name);
        QVERIFY2(people.exec() && people.numRowsAffected() == 1, qPrintable(people.lastError().text()));
    }

    // Every field a value of its own, so that one read into another shows.
    actAs(writer, PersonRole::Writer);
    if (QTest::currentTestFailed())
        return;
    StoryRepository stories(m_library.get());
    std::optional<Story> story = stories.create(Story{.slug = u"harbor-drill"_s,
                                                      .headline = u"Sailors drill in the harbor"_s,
                                                      .dek = u"A dek about the drill"_s,
                                                      .byline = u"By Walt Writer"_s,
                                                      .dateline = u"NORFOLK, Va. —"_s,
                                                      .body = u"The body tells of the harbor drill."_s,
                                                      .embargoUntil = QDateTime(QDate(2031, 1, 2), QTime(3, 4), QTimeZone::UTC)});
    QVERIFY2(story, qPrintable(stories.errorString()));
    QVERIFY2(stories.addAcceptedName(story->id, u"Hampton Roads"_s), qPrintable(stories.errorString()));

    PhotoRepository photos(m_library.get());
    Photo photo{.fileName = u"drill.jpg"_s,
                .virin = virin,
                .title = u"Harbor drill title"_s,
                .caption = u"Sailors haul a line during the drill, March 6, 2025."_s,
                .altText = u"Two sailors pull a rope."_s,
                .credit = u"Navy Petty Officer Ann Lee"_s,
                .photographer = u"Ann Lee"_s,
                .unit = u"Fleet Camera Pacific"_s,
                .operation = u"Exercise Harbor"_s,
                .dateShot = QDate(2025, 3, 6),
                .city = u"Norfolk"_s,
                .sublocation = u"Pier 12"_s,
                .state = u"Virginia"_s,
                .country = u"United States"_s,
                .countryCode = u"USA"_s,
                .keywords = {u"navy"_s, u"drill"_s},
                .releaseState = ReleaseState::Released,
                .releaseAuthority = u"NAVSTA PAO"_s,
                .captionWriter = u"Cal Writer"_s};
    std::optional<Photo> added = photos.add(photo, QByteArray("the image bytes"), u"image/jpeg"_s, QSize(640, 480),
                                            QByteArray("thumbnail bytes"));
    QVERIFY2(added, qPrintable(photos.errorString()));
    QVERIFY2(photos.attach(story->id, added->id), qPrintable(photos.errorString()));
    QVERIFY(stories.transition(*story, WorkflowAction::Submit) == StoryRepository::SaveResult::Saved);

    // A decision, then an edit that voids it: the review queue says which.
    actAs(editor, PersonRole::Editor);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(photos.decideCaption(*added, CaptionApproval::Approved) == PhotoRepository::SaveResult::Saved,
             qPrintable(photos.errorString()));
    added->credit = u"Navy Petty Officer 2nd Class Ann Lee"_s;
    QVERIFY2(photos.save(*added) == PhotoRepository::SaveResult::Saved, qPrintable(photos.errorString()));
    QVERIFY(CommentRepository(m_library.get()).add(u"story"_s, story->id, u"Check the pier number."_s));
    QCOMPARE(StoryLocks(m_library.get()).acquire(story->id), StoryLocks::Result::Acquired);
    PublicationSettingsRepository settings(m_library.get());
    QVERIFY2(settings.save(PublicationSettings{.publisher = u"Naval Station Norfolk"_s,
                                               .articleUrlTemplate = u"https://www.example.mil/News/{slug}/"_s}),
             qPrintable(settings.errorString()));
    m_story = *stories.load(story->id);
    m_photo = *photos.load(added->id);
}

void RepositoryFixture::cleanup()
{
    m_library.reset();
    m_libraries.reset();
}

QStringList RepositoryFixture::everythingRead()
{
    QStringList lines;
    StoryRepository stories(m_library.get());
    lines << u"stories %1"_s.arg(stories.count());
    lines << storyLines(stories.load(m_story.id).value_or(Story{}));
    lines << u"by slug "_s + stories.loadBySlug(m_story.slug).value_or(Story{}).headline;
    for (const Revision &revision : stories.revisions(m_story.id)) {
        lines << revisionLines(revision);
        lines << revisionLines(stories.revision(revision.id).value_or(Revision{}));
    }
    lines << u"accepted "_s + stories.acceptedNames(m_story.id).value_or(QStringList{}).join(u'|');
    for (const SearchHit &hit : stories.search(u"harbor drill"_s))
        lines << u"hit %1: %2"_s.arg(hit.storyId).arg(hit.snippet);

    PhotoRepository photos(m_library.get());
    lines << photoLines(photos.load(m_photo.id).value_or(Photo{}));
    for (const Photo &photo : photos.photosOfStory(m_story.id))
        lines << photoLines(photo);
    for (const Photo &photo : photos.findByVirin(virin))
        lines << photoLines(photo);
    for (const CaptionDecision &decision : photos.captionDecisions(m_photo.id)) {
        lines << u"decision %1 on %2: %3 by %4 at %5, %6"_s.arg(decision.id)
                     .arg(decision.photoId)
                     .arg(int(decision.decision))
                     .arg(decision.decidedBy, text(decision.decidedAt), decision.comment);
        lines << photoLines(decision.reviewed);
    }
    const std::optional<StoredImage> image = photos.image(m_photo.imageHash);
    lines << u"image %1 %2 %3 %4x%5"_s.arg(image ? image->hash : QString(), image ? QString::fromLatin1(image->data) : QString(),
                                            image ? image->mimeType : QString())
                 .arg(image ? image->size.width() : 0)
                 .arg(image ? image->size.height() : 0);
    lines << u"thumbnail "_s + QString::fromLatin1(photos.thumbnail(m_photo.id));
    lines << u"virins "_s + virinsInLibrary(m_library.get(), u"250306"_s).join(u'|');

    PeopleRepository people(m_library.get());
    for (const Person &person : people.all())
        lines << u"person %1 %2, %3, %4, login %5"_s.arg(person.id).arg(person.name, person.title).arg(int(person.role)).arg(person.login);
    lines << u"by login "_s + people.findByLogin(TestLibraries::loginOf(writer)).value_or(Person{}).name;
    lines << u"by name "_s + people.findByName(editor).value_or(Person{}).title;

    for (const ReviewComment &comment : CommentRepository(m_library.get()).comments(u"story"_s, m_story.id))
        lines << u"comment %1 on %2 %3 by %4 at %5: %6"_s.arg(comment.id)
                     .arg(comment.entity)
                     .arg(comment.entityId)
                     .arg(comment.author, text(comment.createdAt), comment.body);
    QString queueError;
    const ReviewQueue queue = ReviewQueue::load(m_library.get(), &queueError);
    lines << u"queue error "_s + queueError;
    for (const ReviewQueue::StoryItem &item : queue.stories)
        lines << u"in review %1 %2 by %3 at %4"_s.arg(item.storyId).arg(item.headline, item.updatedBy, text(item.updatedAt));
    for (const ReviewQueue::CaptionItem &item : queue.captions)
        lines << u"caption pending %1 %2 in %3 %4: %5"_s.arg(item.photoId)
                     .arg(item.virin)
                     .arg(item.storyId)
                     .arg(item.headline, item.resetDetail);

    const StoryLock lock = StoryLocks(m_library.get()).lockOf(m_story.id).value_or(StoryLock{});
    lines << u"lock %1 %2 %3 %4 %5 %6 %7 %8"_s.arg(lock.storyId)
                 .arg(lock.session, lock.holder, lock.host)
                 .arg(lock.pid)
                 .arg(lock.processStarted, text(lock.acquiredAt), text(lock.heartbeatAt));
    const PublicationSettings settings = PublicationSettingsRepository(m_library.get()).load();
    lines << u"publisher %1 at %2"_s.arg(settings.publisher, settings.articleUrlTemplate);

    for (const AuditEntry &entry : m_library->auditTrail())
        lines << u"audit %1 %2 %3 %4 %5 %6: %7"_s.arg(entry.id)
                     .arg(entry.at, entry.actor, entry.action, entry.entity)
                     .arg(entry.entityId)
                     .arg(entry.detail);

    StoryListModel list(m_library.get());
    list.reload();
    for (int row = 0; row < list.rowCount(); ++row) {
        const QModelIndex index = list.index(row);
        lines << u"listed %1 %2 %3 %4 %5"_s.arg(index.data(StoryListModel::IdRole).toLongLong())
                     .arg(index.data(StoryListModel::SlugRole).toString(), index.data(StoryListModel::HeadlineRole).toString(),
                          index.data(StoryListModel::StatusLabelRole).toString(),
                          index.data(StoryListModel::UpdatedByRole).toString());
    }
    return lines;
}

QString RepositoryFixture::reorderAllTables()
{
    QSqlDatabase db = m_library->database();
    // Off while tables are dropped: a dropped stories table would take its
    // revisions with it.
    QSqlQuery(db).exec(u"PRAGMA foreign_keys = OFF"_s);
    for (const QString &table : tables) {
        if (const QString problem = reorderColumns(db, table); !problem.isEmpty())
            return problem;
    }
    QSqlQuery(db).exec(u"PRAGMA foreign_keys = ON"_s);
    return {};
}

void RepositoryFixture::checkFixtureValues(const QStringList &lines)
{
    for (const QString &expected : {u"headline Sailors drill in the harbor"_s, u"dek A dek about the drill"_s,
                                    u"dateline NORFOLK, Va. —"_s, u"credit Navy Petty Officer 2nd Class Ann Lee"_s,
                                    u"unit Fleet Camera Pacific"_s, u"caption writer Cal Writer"_s,
                                    u"accepted Hampton Roads"_s, u"thumbnail thumbnail bytes"_s,
                                    u"publisher Naval Station Norfolk at https://www.example.mil/News/{slug}/"_s,
                                    u"by login Walt Writer"_s, u"by name Managing editor"_s, u"stories 1"_s})
        QVERIFY2(lines.contains(expected), qPrintable(expected));
    QVERIFY(lines.contains(u"caption pending %1 %2 in %3 Sailors drill in the harbor: Credit changed after review"_s
                               .arg(m_photo.id)
                               .arg(virin)
                               .arg(m_story.id)));
}

void RepositoryFixture::checkWritesReadBackByName()
{
    StoryRepository stories(m_library.get());

    // A conflict names who changed the story, read back from the row.
    Story mine = m_story;
    Story theirs = m_story;
    theirs.body += u" An editor's sentence."_s;
    QCOMPARE(stories.save(theirs), StoryRepository::SaveResult::Saved);
    mine.body += u" A writer's sentence."_s;
    QCOMPARE(stories.save(mine), StoryRepository::SaveResult::Conflict);
    QVERIFY2(stories.errorString().contains(u"was changed by Eve Editor at "_s), qPrintable(stories.errorString()));

    // Autosaves by the same person a moment apart share one revision: the
    // newest revision's kind, author and time are read back by name.
    const qsizetype revisionsBefore = stories.revisions(m_story.id).size();
    QCOMPARE(stories.save(theirs, Revision::Kind::Autosave), StoryRepository::SaveResult::Saved);
    QCOMPARE(stories.save(theirs, Revision::Kind::Autosave), StoryRepository::SaveResult::Saved);
    QCOMPARE(stories.revisions(m_story.id).size(), revisionsBefore + 1);
    QCOMPARE(stories.load(m_story.id)->status, StoryStatus::InReview);

    // A login someone has is refused by their name (a file's people are the
    // library's to change; a team library's are its administrator's, and
    // PeopleRepository refuses to change them at all).
    PeopleRepository people(m_library.get());
    const std::optional<Person> eve = people.findByName(editor);
    QVERIFY(eve);
    QVERIFY(!people.setLogin(eve->id, TestLibraries::loginOf(writer)));
    if (TestLibraries::onPostgres())
        QVERIFY2(people.errorString().contains(u"newsdesk people"_s), qPrintable(people.errorString()));
    else
        QCOMPARE(people.errorString(), u"Walt Writer already has the login walt_writer."_s);
    QCOMPARE(people.findByName(editor)->login, TestLibraries::loginOf(editor));
}

void TestRepositories::readsEveryFieldByItsName()
{
    // A team library's tables have columns in orders of their own (story
    // locks' backend_pid, the people view's role last): read by name, the
    // same values come back as from a file.
    checkFixtureValues(everythingRead());
}

void TestRepositories::writesReadBackByName()
{
    checkWritesReadBackByName();
}

void TestRepositoriesOnFile::readsByNameWhateverTheColumnOrder()
{
    const QStringList before = everythingRead();
    checkFixtureValues(before);
    if (QTest::currentTestFailed())
        return;

    QSqlQuery check(m_library->database());
    QVERIFY(check.exec(u"SELECT * FROM stories"_s));
    const int headlineBefore = check.record().indexOf(u"headline"_s);
    check.finish();
    const QString problem = reorderAllTables();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(check.exec(u"SELECT * FROM stories"_s));
    QVERIFY(check.record().indexOf(u"added_later"_s) >= 0);
    QVERIFY(check.record().indexOf(u"headline"_s) != headlineBefore);
    check.finish();

    const QStringList after = everythingRead();
    QCOMPARE(after, before);
}

void TestRepositoriesOnFile::writesReadBackByNameAfterTheColumnOrderChanged()
{
    QVERIFY2(reorderAllTables().isEmpty(), "cannot reorder the tables");
    checkWritesReadBackByName();
}

void TestRepositories::failedStatementSaysWhatWasBeingDone_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<std::function<QString(Library *, qint64, qint64)>>("read");
    QTest::addColumn<QString>("what");
    QTest::newRow("stories") << u"story_names"_s << std::function([](Library *library, qint64 story, qint64) {
        StoryRepository repository(library);
        return repository.acceptedNames(story) ? QString() : repository.errorString();
    }) << u"Cannot read the accepted names of story {story}"_s;
    QTest::newRow("photos") << u"caption_approvals"_s << std::function([](Library *library, qint64, qint64 photo) {
        PhotoRepository repository(library);
        repository.captionDecisions(photo);
        return repository.errorString();
    }) << u"Cannot read the caption's review history"_s;
    QTest::newRow("people") << u"people"_s << std::function([](Library *library, qint64, qint64) {
        PeopleRepository repository(library);
        repository.all();
        return repository.errorString();
    }) << u"Cannot read the people"_s;
    QTest::newRow("comments") << u"comments"_s << std::function([](Library *library, qint64 story, qint64) {
        CommentRepository repository(library);
        repository.comments(u"story"_s, story);
        return repository.errorString();
    }) << u"Cannot read the comments"_s;
    QTest::newRow("review queue") << u"story_photos"_s << std::function([](Library *library, qint64, qint64) {
        QString error;
        ReviewQueue::load(library, &error);
        return error;
    }) << u"Cannot read the review queue"_s;
    QTest::newRow("locks") << u"story_locks"_s << std::function([](Library *library, qint64 story, qint64) {
        StoryLocks locks(library);
        locks.lockOf(story);
        return locks.errorString();
    }) << u"Cannot read the story's lock"_s;
    QTest::newRow("publication settings") << u"library_settings"_s << std::function([](Library *library, qint64, qint64) {
        PublicationSettingsRepository repository(library);
        repository.load();
        return repository.errorString();
    }) << u"Cannot read the library's publication settings"_s;
}

void TestRepositories::failedStatementSaysWhatWasBeingDone()
{
    QFETCH(QString, table);
    QFETCH(std::function<QString(Library *, qint64, qint64)>, read);
    QFETCH(QString, what);
    // The table gone, as the administrator could make it: on a team library
    // renamed away (people is a view there; dropping would cascade into
    // the server's rules), on a file dropped.
    QSqlQuery drop(m_libraries->ownerDatabase(*m_library));
    if (TestLibraries::onPostgres()) {
        QVERIFY2(drop.exec(u"ALTER TABLE newsdesk.%1 RENAME TO %1_gone"_s.arg(table)), qPrintable(drop.lastError().text()));
    } else {
        QVERIFY(drop.exec(u"PRAGMA foreign_keys = OFF"_s));
        QVERIFY2(drop.exec(u"DROP TABLE %1"_s.arg(table)), qPrintable(drop.lastError().text()));
    }
    const QString message = read(m_library.get(), m_story.id, m_photo.id);
    // What was being done, then the driver's word on why (for a prepared
    // statement QtSql reports only that the statement could not be run).
    const QString expectedStart = QString(what).replace(u"{story}"_s, QString::number(m_story.id)) + u": "_s;
    QVERIFY2(message.startsWith(expectedStart), qPrintable(message));
    QVERIFY2(message.size() > expectedStart.size() + 5, qPrintable(message));
}

void TestRepositories::busyLibrarySaysSoForEveryRepository_data()
{
    QTest::addColumn<std::function<QString(Library *, const Story &, const Photo &)>>("write");
    QTest::newRow("stories") << std::function([](Library *library, const Story &story, const Photo &) {
        StoryRepository repository(library);
        Story changed = story;
        changed.body += u" More."_s;
        repository.save(changed);
        return repository.errorString();
    });
    QTest::newRow("photos") << std::function([](Library *library, const Story &, const Photo &photo) {
        PhotoRepository repository(library);
        Photo changed = photo;
        changed.city = u"Portsmouth"_s;
        repository.save(changed);
        return repository.errorString();
    });
    // A team library's people are its administrator's (TeamSetup), never
    // PeopleRepository's: nothing of theirs to be busy with.
    if (!TestLibraries::onPostgres()) {
        QTest::newRow("people") << std::function([](Library *library, const Story &, const Photo &) {
            PeopleRepository repository(library);
            repository.add(Person{.name = u"Nora New"_s, .role = PersonRole::Writer});
            return repository.errorString();
        });
    }
    // A new comment is a row of its own: on a team library nobody's lock
    // stands in its way; a file has one write lock for everything.
    if (!TestLibraries::onPostgres()) {
        QTest::newRow("comments") << std::function([](Library *library, const Story &story, const Photo &) {
            CommentRepository repository(library);
            repository.add(u"story"_s, story.id, u"One more thing."_s);
            return repository.errorString();
        });
    }
    QTest::newRow("locks") << std::function([](Library *library, const Story &story, const Photo &) {
        StoryLocks locks(library);
        locks.acquire(story.id);
        return locks.errorString();
    });
    QTest::newRow("publication settings") << std::function([](Library *library, const Story &, const Photo &) {
        PublicationSettingsRepository repository(library);
        repository.save(PublicationSettings{.publisher = u"Someone else"_s});
        return repository.errorString();
    });
}

void TestRepositories::busyLibrarySaysSoForEveryRepository()
{
    QFETCH(std::function<QString(Library *, const Story &, const Photo &)>, write);
    // Another process holds the write lock past the busy timeout.
    const QString location = m_library->path();
    m_library->setBusyTimeout(100);
    QVERIFY(m_library->open(location));
    const QString busy = u"the library is busy in another Newsdesk window or program. Try again in a moment."_s;
    if (TestLibraries::onPostgres()) {
        // Another desk in the middle of writing the same rows. PostgreSQL
        // locks a row at the statement that writes it, so what was being
        // done is that write; a file's lock is taken at BEGIN (IMMEDIATE).
        QSqlDatabase owner = m_libraries->ownerDatabase(*m_library);
        QVERIFY(owner.transaction());
        QSqlQuery hold(owner);
        for (const QString &rows : {u"stories WHERE id = %1"_s.arg(m_story.id), u"photos WHERE id = %1"_s.arg(m_photo.id),
                                    u"story_locks WHERE story_id = %1"_s.arg(m_story.id), u"library_settings"_s})
            QVERIFY2(hold.exec(u"SELECT 1 FROM newsdesk.%1 FOR UPDATE"_s.arg(rows)), qPrintable(hold.lastError().text()));
        const QString message = write(m_library.get(), m_story, m_photo);
        QVERIFY(owner.rollback());
        QVERIFY2(message.endsWith(u": "_s + busy), qPrintable(message));
    } else {
        QSqlDatabase other = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"other-process"_s);
        other.setDatabaseName(location);
        QVERIFY(other.open());
        {
            QSqlQuery hold(other);
            QVERIFY(hold.exec(u"BEGIN IMMEDIATE"_s));
            QCOMPARE(write(m_library.get(), m_story, m_photo), u"Cannot start writing to the library: "_s + busy);
            QVERIFY(hold.exec(u"ROLLBACK"_s));
        }
        other.close();
        other = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"other-process"_s);
    }
    // Free again, the same write goes through.
    QCOMPARE(write(m_library.get(), m_story, m_photo), QString());
}

void TestRepositories::errorHelperKeepsTheLastFailure()
{
    RepositoryError error;
    QCOMPARE(error.message(), QString());
    QSqlQuery query(m_library->database());
    QVERIFY(!query.exec(u"SELECT nothing FROM nowhere"_s));
    QVERIFY(!error.fail(query, u"Cannot look"_s));
    // The driver's text on a file; a team library gives the server's words
    // without the driver's labels and line layout (PostgresDialect::serverMessage).
    QCOMPARE(error.message(), u"Cannot look: "_s
                                  + (TestLibraries::onPostgres() ? PostgresDialect::serverMessage(query.lastError())
                                                                 : query.lastError().text()));
    QCOMPARE(error.message(), Library::describeError(query, u"Cannot look"_s));
    QVERIFY(!error.fail(u"Not allowed."_s));
    QCOMPARE(error.message(), u"Not allowed."_s);
    error.clear();
    QCOMPARE(error.message(), QString());
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    TestRepositories bothEngines;
    TestRepositoriesOnFile onFile;
    return TestLibraries::exec(&bothEngines, &onFile, argc, argv);
}
#include "tst_repositories.moc"
