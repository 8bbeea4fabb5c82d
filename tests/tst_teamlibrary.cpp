// SPDX-License-Identifier: MIT
// The team library on PostgreSQL (issue 13): the real server the tests start
// for themselves, Qt's PostgreSQL driver talking to it as distinct login
// roles, and what the server enforces (PostgresDialect) checked against
// models/Workflow row by row, and tried around as a writer with psql would.
#include "postgresdialect.h"
#include "glossary.h"
#include "library.h"
#include "librarylocation.h"
#include "lockkeeper.h"
#include "photorepository.h"
#include "postgresserver.h"
#include "storylocks.h"
#include "story.h"
#include "storyrepository.h"
#include "teamsetup.h"
#include "textsafety.h"
#include "workflow.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace Qt::StringLiterals;

class TestTeamLibrary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void loginRoleIsTheSessionUser();
    void serverHoldsARoleToItsGrants();
    void serverAgreesWithWorkflow_data();
    void serverAgreesWithWorkflow();
    void writerCannotGoAroundTheServer_data();
    void writerCannotGoAroundTheServer();
    void writerMayEditTheText();
    void writersAndEditorsShareTemplates();
    void historyIsTheStoryAsStored();
    void imagesAreStoredUnderTheirOwnHash();
    void searchCopyIsTheStorysOwnText();
    void theServerRecordsADeletion();
    void theServerRecordsAnEmbargo();
    void aCommentIsDatedByTheServer();
    void storiesAndPhotosAreDatedByTheServer();
    void setupIsOnceAndIdempotent();
    void anOlderFormatWaitsForItsAdministrator();
    void theServerHoldsTextToTextSafety();
    void aWritersOwnOperatorsChangeNoRule();
    void formatThreeHoldsTheRestOfItsText();
    void theServerHoldsTheGlossaryToItsRule();
    void theServerHoldsSlugsToTheirShape();
    void formatOneGetsThePhotoDesk();
    void formatTwoKeepsSearchDocumentsInTheRow();
    void addedPeopleAreHeldToTheirRole();
    void addPersonRefusesBadLogins_data();
    void addPersonRefusesBadLogins();
    void commandLineSetsUpAndAddsPeople();
    void libraryOpensAsTheLoginsPerson();
    void aPasswordIsAskedForAndUsedByEveryConnection();
    void commandLineWorksOnATeamLibrary();
    void otherDesksSeeChangesWithinASecond();
    void aFloodOfNewsIsPassedOnOnce();
    void liveUpdatesComeBackAfterTheConnectionDrops();
    void aDroppedDeskCatchesUpFromTheAuditLog();
    void aLockDiesWithItsSession();
    void theServerRecordsATakeOver();
    void aLockedTableIsBusyNotAnError();
    void copyLibraryRoundTripLosesNothing();

private:
    QSqlDatabase connectAs(const QString &role, const QString &database = QStringLiteral("team"));
    // A story in status, made by the owner; 0 on failure.
    qint64 storyIn(StoryStatus status);
    // A photo with an approved caption, made by the owner; 0 on failure.
    qint64 photoIn();
    // The "office" database, set up by TeamSetup on first use.
    QSqlDatabase office();
    // A new database on the server, connected to as its owner (as `team
    // setup` connects), not yet set up.
    QSqlDatabase newDatabase(const QString &name);
    // Adds login to the office as name with role, and opens library as them:
    // empty, or why either failed.
    QString openOffice(Library &library, const QString &login, const QString &name, PersonRole role);
    // As writer, over a raw connection: a "!~" of its own that never finds
    // a forbidden character, and a to_char() that dates everything 1999, in
    // public (which a database made before PostgreSQL 15 lets anyone write
    // to; this grants it), first in writer's search_path. Empty, or why not.
    QString plantOperators(QSqlDatabase owner, QSqlDatabase writer);
    QSqlDatabase m_owner;
    QHash<QString, QSqlDatabase> m_desks; // login -> a connection to newsroom

    PostgresServer m_server;
    int m_connections = 0;
};

// The newsdesk command line with arguments: exit code, standard output, standard error.
static std::tuple<int, QString, QString> runNewsdesk(const QStringList &arguments,
                                                     const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(NEWSDESK_BINARY), arguments);
    process.waitForFinished(120000);
    return std::make_tuple(process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                           QString::fromUtf8(process.readAllStandardError()));
}

void TestTeamLibrary::initTestCase()
{
    QVERIFY2(QSqlDatabase::isDriverAvailable(u"QPSQL"_s), "Qt's PostgreSQL driver (libqt6sql6-psql) is missing");
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    QVERIFY2(m_server.psql(u"CREATE DATABASE team"_s), qPrintable(m_server.errorString()));
    QVERIFY2(m_server.psql(u"CREATE ROLE walt LOGIN; CREATE ROLE eve LOGIN;"
                           u"CREATE TABLE approvals (story int, by_role text);"
                           u"GRANT SELECT ON approvals TO walt; GRANT SELECT, INSERT ON approvals TO eve;"_s,
                           u"team"_s),
             qPrintable(m_server.errorString()));

    // A newsroom with the workflow core, set up as the setup command will.
    QVERIFY2(m_server.psql(u"CREATE DATABASE newsroom"_s), qPrintable(m_server.errorString()));
    m_owner = connectAs(PostgresServer::superuser(), u"newsroom"_s);
    QVERIFY(m_owner.isOpen());
    QString error;
    QCOMPARE(TeamSetup::setUp(m_owner, &error), TeamSetup::SetupResult::Created);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(m_server.psql(u"GRANT newsdesk_writer TO walt; GRANT newsdesk_editor TO eve; CREATE ROLE sam LOGIN;"_s),
             qPrintable(m_server.errorString()));
    for (const QString &login : {u"walt"_s, u"eve"_s, u"sam"_s}) {
        m_desks.insert(login, connectAs(login, u"newsroom"_s));
        QVERIFY(m_desks.value(login).isOpen());
    }
}

qint64 TestTeamLibrary::storyIn(StoryStatus status)
{
    QSqlQuery query(m_owner);
    query.prepare(u"INSERT INTO newsdesk.stories (slug, headline, status, created_at, updated_at) "
                  u"VALUES (gen_random_uuid()::text, 'A story', :status, newsdesk.now_text(), newsdesk.now_text()) RETURNING id"_s);
    query.bindValue(u":status"_s, storyStatusKey(status));
    if (!query.exec() || !query.next()) {
        qWarning("cannot make a story: %s", qPrintable(query.lastError().text()));
        return 0;
    }
    return query.value(u"id"_s).toLongLong();
}

qint64 TestTeamLibrary::photoIn()
{
    QSqlQuery query(m_owner);
    if (!query.exec(u"INSERT INTO newsdesk.photos (caption, approval_state, created_at, updated_at) "
                    u"VALUES ('A caption.', 'approved', newsdesk.now_text(), newsdesk.now_text()) RETURNING id"_s)
        || !query.next()) {
        qWarning("cannot make a photo: %s", qPrintable(query.lastError().text()));
        return 0;
    }
    return query.value(u"id"_s).toLongLong();
}

void TestTeamLibrary::cleanupTestCase()
{
    m_owner = QSqlDatabase();
    m_desks.clear();
    for (const QString &name : QSqlDatabase::connectionNames())
        QSqlDatabase::removeDatabase(name);
    m_server.stop();
}

QSqlDatabase TestTeamLibrary::connectAs(const QString &role, const QString &database)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, u"team-%1"_s.arg(++m_connections));
    db.setHostName(m_server.socketDirectory());
    db.setDatabaseName(database);
    db.setUserName(role);
    if (!db.open())
        qWarning("cannot connect as %s: %s", qPrintable(role), qPrintable(db.lastError().text()));
    return db;
}

void TestTeamLibrary::loginRoleIsTheSessionUser()
{
    QSqlDatabase db = connectAs(u"walt"_s);
    QVERIFY(db.isOpen());
    QSqlQuery query(db);
    QVERIFY2(query.exec(u"SELECT session_user AS who"_s) && query.next(), qPrintable(query.lastError().text()));
    QCOMPARE(query.value(u"who"_s).toString(), u"walt"_s);
    // SET ROLE to a role one is not a member of is refused: nobody can claim
    // to be someone else once connected.
    QVERIFY(!query.exec(u"SET ROLE eve"_s));
}

void TestTeamLibrary::serverHoldsARoleToItsGrants()
{
    QSqlDatabase writer = connectAs(u"walt"_s);
    QSqlDatabase editor = connectAs(u"eve"_s);
    QVERIFY(writer.isOpen() && editor.isOpen());
    QSqlQuery asWriter(writer);
    QVERIFY(!asWriter.exec(u"INSERT INTO approvals VALUES (1, 'walt')"_s));
    QVERIFY2(asWriter.lastError().text().contains(u"permission denied"_s), qPrintable(asWriter.lastError().text()));
    QSqlQuery asEditor(editor);
    QVERIFY2(asEditor.exec(u"INSERT INTO approvals VALUES (1, session_user)"_s), qPrintable(asEditor.lastError().text()));
    QVERIFY(asWriter.exec(u"SELECT by_role FROM approvals"_s) && asWriter.next());
    QCOMPARE(asWriter.value(u"by_role"_s).toString(), u"eve"_s);
}

void TestTeamLibrary::serverAgreesWithWorkflow_data()
{
    QTest::addColumn<QString>("login");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("action");
    QTest::addColumn<QString>("comment");
    const QList<StoryStatus> statuses = {StoryStatus::Draft, StoryStatus::InReview, StoryStatus::Approved, StoryStatus::Published,
                                         StoryStatus::Archived};
    for (const QString &login : {u"walt"_s, u"eve"_s, u"sam"_s}) {
        for (const StoryStatus status : statuses) {
            for (const WorkflowAction action : allWorkflowActions()) {
                for (const QString &comment : {u"Fix the second quote."_s, u"  "_s}) {
                    QTest::addRow("%s %s %s%s", qPrintable(login), qPrintable(storyStatusKey(status)),
                                  qPrintable(workflowActionKey(action)), comment.trimmed().isEmpty() ? " without comment" : "")
                        << login << int(status) << int(action) << comment;
                }
            }
        }
    }
}

// Every role × status × action, on a real story: the server allows exactly
// what Workflow::check allows, moves the story where it says, and writes the
// audit row as the login that asked.
void TestTeamLibrary::serverAgreesWithWorkflow()
{
    QFETCH(QString, login);
    QFETCH(int, status);
    QFETCH(int, action);
    QFETCH(QString, comment);
    const std::optional<PersonRole> role = login == u"eve"_s    ? std::optional(PersonRole::Editor)
                                           : login == u"walt"_s ? std::optional(PersonRole::Writer)
                                                                : std::nullopt;
    const Workflow::Verdict verdict = Workflow::check(role, StoryStatus(status), WorkflowAction(action), comment);
    const qint64 id = storyIn(StoryStatus(status));
    QVERIFY(id > 0);

    QSqlQuery query(m_desks.value(login));
    query.prepare(u"SELECT newsdesk.transition(:story, NULL::bigint, :action, :comment) AS row_version"_s);
    query.bindValue(u":story"_s, id);
    query.bindValue(u":action"_s, workflowActionKey(WorkflowAction(action)));
    query.bindValue(u":comment"_s, comment);
    const bool allowed = query.exec() && query.next();
    QVERIFY2(allowed == verdict.allowed,
             qPrintable(u"models says %1 (%2), the server %3 (%4)"_s.arg(verdict.allowed ? u"yes"_s : u"no"_s, verdict.reason,
                                                                           allowed ? u"yes"_s : u"no"_s, query.lastError().text())));

    QSqlQuery after(m_owner);
    QVERIFY(after.exec(u"SELECT status, updated_by, row_version FROM newsdesk.stories WHERE id = %1"_s.arg(id)) && after.next());
    QSqlQuery audit(m_owner);
    QVERIFY(audit.exec(u"SELECT actor, action, detail FROM newsdesk.audit_log WHERE entity = 'story' AND entity_id = %1"_s.arg(id)));
    if (allowed) {
        QCOMPARE(query.value(u"row_version"_s).toLongLong(), 2);
        QCOMPARE(after.value(u"status"_s).toString(), storyStatusKey(verdict.to));
        QCOMPARE(after.value(u"updated_by"_s).toString(), login);
        QCOMPARE(after.value(u"row_version"_s).toLongLong(), 2);
        QVERIFY(audit.next());
        QCOMPARE(audit.value(u"actor"_s).toString(), login);
        QCOMPARE(audit.value(u"action"_s).toString(), workflowActionKey(WorkflowAction(action)));
        // As StoryRepository writes it on an SQLite library.
        QString detail = storyStatusKey(StoryStatus(status)) + u" → "_s + storyStatusKey(verdict.to);
        if (!comment.trimmed().isEmpty())
            detail += u": "_s + comment.trimmed();
        QCOMPARE(audit.value(u"detail"_s).toString(), detail);
    } else {
        QCOMPARE(after.value(u"status"_s).toString(), storyStatusKey(StoryStatus(status)));
        QCOMPARE(after.value(u"row_version"_s).toLongLong(), 1);
    }
    QVERIFY(!audit.next());
}

void TestTeamLibrary::writerCannotGoAroundTheServer_data()
{
    QTest::addColumn<QString>("login");
    QTest::addColumn<QString>("sql");
    const QString story = u"(SELECT max(id) FROM newsdesk.stories)"_s;
    const QString published = u"(SELECT max(id) FROM newsdesk.stories WHERE status = 'published')"_s;
    const QString approved = u"(SELECT max(id) FROM newsdesk.stories WHERE status = 'approved')"_s;
    const QString photo = u"(SELECT max(id) FROM newsdesk.photos)"_s;
    for (const QString &login : {u"walt"_s, u"sam"_s}) {
        QTest::addRow("%s approves by UPDATE", qPrintable(login))
            << login << u"UPDATE newsdesk.stories SET status = 'approved' WHERE id = %1"_s.arg(story);
        QTest::addRow("%s publishes by INSERT", qPrintable(login))
            << login << u"INSERT INTO newsdesk.stories (slug, headline, status, created_at, updated_at) "
                        u"VALUES ('x', 'x', 'published', '', '')"_s;
        QTest::addRow("%s signs as someone else", qPrintable(login))
            << login << u"UPDATE newsdesk.stories SET updated_by = 'eve' WHERE id = %1"_s.arg(story);
        QTest::addRow("%s edits a published story", qPrintable(login))
            << login << u"UPDATE newsdesk.stories SET body = 'Changed after publication' WHERE id = %1"_s.arg(published);
        QTest::addRow("%s edits an approved story", qPrintable(login))
            << login << u"UPDATE newsdesk.stories SET headline = 'Not what the editor approved' WHERE id = %1"_s.arg(approved);
        QTest::addRow("%s dates a publication", qPrintable(login))
            << login << u"UPDATE newsdesk.stories SET published_at = '2020-01-01' WHERE id = %1"_s.arg(published);
        QTest::addRow("%s writes the audit log", qPrintable(login))
            << login << u"INSERT INTO newsdesk.audit_log (actor, action, entity, entity_id) VALUES ('eve', 'approve', 'story', 1)"_s;
        QTest::addRow("%s records an approval through audit()", qPrintable(login))
            << login << u"SELECT newsdesk.audit('approve', 'story', 1, 'by eve')"_s;
        QTest::addRow("%s records a caption approval through audit()", qPrintable(login))
            << login << u"SELECT newsdesk.audit('caption-approved', 'photo', 1, '')"_s;
        QTest::addRow("%s records an export override", qPrintable(login))
            << login << u"SELECT newsdesk.audit('export-override', 'story', 1, 'because')"_s;
        QTest::addRow("%s rewrites the audit log", qPrintable(login)) << login << u"UPDATE newsdesk.audit_log SET actor = 'eve'"_s;
        QTest::addRow("%s erases the audit log", qPrintable(login)) << login << u"DELETE FROM newsdesk.audit_log"_s;
        QTest::addRow("%s approves a caption by UPDATE", qPrintable(login))
            << login << u"UPDATE newsdesk.photos SET approval_state = 'approved' WHERE id = %1"_s.arg(photo);
        QTest::addRow("%s approves a caption by INSERT", qPrintable(login))
            << login << u"INSERT INTO newsdesk.caption_approvals (photo_id, decision, caption, alt_text, decided_by, decided_at) "
                        u"VALUES (%1, 'approved', '', '', 'eve', '')"_s.arg(photo);
        QTest::addRow("%s approves a caption through the function", qPrintable(login))
            << login << u"SELECT newsdesk.decide_caption(%1, NULL, 'approved', '')"_s.arg(photo);
        QTest::addRow("%s adds an approved photo", qPrintable(login))
            << login << u"INSERT INTO newsdesk.photos (approval_state, created_at, updated_at) VALUES ('approved', '', '')"_s;
        QTest::addRow("%s rewrites history", qPrintable(login))
            << login << u"UPDATE newsdesk.revisions SET body = 'It always said this'"_s;
        QTest::addRow("%s erases history", qPrintable(login)) << login << u"DELETE FROM newsdesk.revisions"_s;
        QTest::addRow("%s changes where stories are published", qPrintable(login))
            << login << u"INSERT INTO newsdesk.library_settings VALUES ('article_address', 'https://example.com/{slug}')"_s;
        QTest::addRow("%s lets writers approve", qPrintable(login))
            << login << u"UPDATE newsdesk.transitions SET writer_may = true"_s;
        QTest::addRow("%s lets writers edit published stories", qPrintable(login))
            << login << u"UPDATE newsdesk.story_rules SET allowed = true"_s;
        QTest::addRow("%s adds a transition", qPrintable(login))
            << login << u"INSERT INTO newsdesk.transitions VALUES ('approve', 'draft', 'approved', true, false)"_s;
        QTest::addRow("%s becomes an editor", qPrintable(login)) << login << u"SET ROLE newsdesk_editor"_s;
        QTest::addRow("%s grants itself the editor role", qPrintable(login)) << login << u"GRANT newsdesk_editor TO %1"_s.arg(login);
        QTest::addRow("%s adds a person", qPrintable(login))
            << login << u"INSERT INTO newsdesk.person_records (login, name) VALUES ('mallory', 'Mallory')"_s;
        QTest::addRow("%s renames a person", qPrintable(login))
            << login << u"UPDATE newsdesk.person_records SET name = 'Walt' WHERE login = 'eve'"_s;
        QTest::addRow("%s replaces the function", qPrintable(login))
            << login << u"CREATE OR REPLACE FUNCTION newsdesk.transition(p_story bigint, p_row_version bigint, p_action text, "
                        u"p_comment text DEFAULT '') RETURNS bigint LANGUAGE sql AS $$ SELECT 1::bigint $$"_s;
        QTest::addRow("%s replaces the trigger", qPrintable(login)) << login << u"DROP TRIGGER stories_stamp ON newsdesk.stories"_s;
        QTest::addRow("%s adds a function of its own", qPrintable(login))
            << login << u"CREATE FUNCTION newsdesk.mine() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$"_s;
        QTest::addRow("%s places a photo in an approved story", qPrintable(login))
            << login << u"INSERT INTO newsdesk.story_photos VALUES (%1, %2, 9)"_s.arg(approved, photo);
        QTest::addRow("%s removes a published story's photo", qPrintable(login))
            << login << u"DELETE FROM newsdesk.story_photos WHERE story_id = %1"_s.arg(published);
        QTest::addRow("%s reorders a published story's photos", qPrintable(login))
            << login << u"UPDATE newsdesk.story_photos SET position = 7 WHERE story_id = %1"_s.arg(published);
        QTest::addRow("%s moves a placement into a published story", qPrintable(login))
            << login << u"UPDATE newsdesk.story_photos SET story_id = %1"_s.arg(published);
        QTest::addRow("%s deletes a published story", qPrintable(login))
            << login << u"DELETE FROM newsdesk.stories WHERE id = %1"_s.arg(published);
        // What "Changes since approval" compares against is the story's last
        // approved or published revision: planted text there hides a change.
        QTest::addRow("%s plants text in a published story's history", qPrintable(login))
            << login << u"INSERT INTO newsdesk.revisions (story_id, row_version, kind, headline, dek, byline, dateline, body, "
                        u"correction_note, status, created_at, created_by) SELECT id, row_version, 'save', headline, dek, byline, "
                        u"dateline, 'It always said this', correction_note, status, updated_at, '' FROM newsdesk.stories "
                        u"WHERE id = %1"_s.arg(published);
        QTest::addRow("%s numbers a revision to sort last", qPrintable(login))
            << login << u"INSERT INTO newsdesk.revisions (id, story_id, row_version, kind, headline, dek, byline, dateline, body, "
                        u"correction_note, status, created_at, created_by) SELECT 1000000000, id, row_version, 'save', headline, "
                        u"dek, byline, dateline, body, correction_note, status, updated_at, '' FROM newsdesk.stories "
                        u"WHERE id = %1"_s.arg(published);
        QTest::addRow("%s moves a search copy to another story", qPrintable(login))
            << login << u"UPDATE newsdesk.story_search SET story_id = %1"_s.arg(published);
        // Templates are everyone's to make (Workflow::checkPhotoTemplates),
        // but signed by the server.
        QTest::addRow("%s signs a template as someone else", qPrintable(login))
            << login << u"INSERT INTO newsdesk.photo_templates (name, updated_by, created_at, updated_at) "
                        u"VALUES ('Forged', 'eve', '', '')"_s;
    }
    QTest::addRow("sam reads the templates") << u"sam"_s << u"SELECT count(*) FROM newsdesk.photo_templates"_s;
    QTest::addRow("sam makes a template") << u"sam"_s
                                           << u"INSERT INTO newsdesk.photo_templates (name, created_at, updated_at) "
                                              u"VALUES ('Sam''s', '', '')"_s;
    QTest::addRow("sam reads the stories") << u"sam"_s << u"SELECT count(*) FROM newsdesk.stories"_s;
    QTest::addRow("sam edits a story") << u"sam"_s << u"UPDATE newsdesk.stories SET body = 'x'"_s;
}

// As a writer (or someone who is no one's writer) over a raw connection, as
// with psql: everything the workflow keeps for editors or the server fails.
void TestTeamLibrary::writerCannotGoAroundTheServer()
{
    QFETCH(QString, login);
    QFETCH(QString, sql);
    for (const StoryStatus status : {StoryStatus::Published, StoryStatus::Approved, StoryStatus::InReview})
        QVERIFY(storyIn(status) > 0);
    QVERIFY(photoIn() > 0);
    {
        // The published story shows the photo, as its editor approved it.
        QSqlQuery place(m_owner);
        QVERIFY2(place.exec(u"INSERT INTO newsdesk.story_photos SELECT (SELECT max(id) FROM newsdesk.stories WHERE status = 'published'), "
                            u"(SELECT max(id) FROM newsdesk.photos), 1 ON CONFLICT DO NOTHING"_s),
                 qPrintable(place.lastError().text()));
    }
    QSqlQuery before(m_owner);
    QVERIFY(before.exec(u"SELECT (SELECT string_agg(id || status || updated_by || headline || body || published_at || row_version, ',' "
                        u"ORDER BY id) FROM newsdesk.stories)"
                        u" || (SELECT string_agg(id || approval_state || row_version, ',' ORDER BY id) FROM newsdesk.photos)"
                        u" || (SELECT count(*) FROM newsdesk.caption_approvals) || (SELECT count(*) FROM newsdesk.library_settings)"
                        u" || (SELECT string_agg(story_id || ':' || photo_id || ':' || position, ',' ORDER BY story_id, photo_id) FROM newsdesk.story_photos)"
                        u" || (SELECT coalesce(string_agg(id || ':' || story_id || body, ',' ORDER BY id), '') FROM newsdesk.revisions)"
                        u" || (SELECT coalesce(string_agg(story_id || headline || body || captions, ',' ORDER BY story_id), '') "
                        u"FROM newsdesk.story_search)"
                        u" || (SELECT coalesce(string_agg(name, ',' ORDER BY id), '') FROM newsdesk.person_records)"
                        u" || (SELECT count(*) FROM newsdesk.audit_log) || (SELECT count(*) FROM newsdesk.transitions WHERE writer_may)"
                        u" || (SELECT count(*) FROM newsdesk.story_rules WHERE allowed)"
                        u" AS state"_s)
            && before.next());
    const QString state = before.value(u"state"_s).toString();
    QVERIFY(!state.isEmpty());

    QSqlQuery query(m_desks.value(login));
    QVERIFY2(!query.exec(sql), "the server let it through");
    // insufficient_privilege, whether a grant, a trigger or a function said it.
    QVERIFY2(query.lastError().nativeErrorCode() == u"42501"_s,
             qPrintable(query.lastError().nativeErrorCode() + u" "_s + query.lastError().text()));

    QSqlQuery afterwards(m_owner);
    QVERIFY(afterwards.exec(before.lastQuery()) && afterwards.next());
    QCOMPARE(afterwards.value(u"state"_s).toString(), state);
}

void TestTeamLibrary::writerMayEditTheText()
{
    const qint64 id = storyIn(StoryStatus::Draft);
    QSqlQuery query(m_desks.value(u"walt"_s));
    QVERIFY2(query.exec(u"UPDATE newsdesk.stories SET body = 'Walt''s draft' WHERE id = %1"_s.arg(id)), qPrintable(query.lastError().text()));
    QCOMPARE(query.numRowsAffected(), 1);
    QVERIFY2(query.exec(u"INSERT INTO newsdesk.stories (slug, headline, created_at, updated_at) "
                        u"VALUES ('new', 'New', newsdesk.now_text(), newsdesk.now_text()) RETURNING status, updated_by, created_by"_s)
                 && query.next(),
             qPrintable(query.lastError().text()));
    QCOMPARE(query.value(u"status"_s).toString(), u"draft"_s);
    QCOMPARE(query.value(u"updated_by"_s).toString(), u"walt"_s);
    QCOMPARE(query.value(u"created_by"_s).toString(), u"walt"_s);
}

// Any person makes, changes and deletes metadata templates, as
// Workflow::checkPhotoTemplates says; the server signs each change.
void TestTeamLibrary::writersAndEditorsShareTemplates()
{
    QVERIFY(Workflow::checkPhotoTemplates(PersonRole::Writer).allowed);
    QSqlQuery walt(m_desks.value(u"walt"_s));
    QVERIFY2(walt.exec(u"INSERT INTO newsdesk.photo_templates (name, unit, created_at, updated_at) "
                       u"VALUES ('Walt''s assignment', 'DMA', '', '') RETURNING id, updated_by, row_version"_s)
                 && walt.next(),
             qPrintable(walt.lastError().text()));
    const qint64 id = walt.value(u"id"_s).toLongLong();
    QCOMPARE(walt.value(u"updated_by"_s).toString(), u"walt"_s);
    QCOMPARE(walt.value(u"row_version"_s).toLongLong(), 1);
    QSqlQuery eve(m_desks.value(u"eve"_s));
    QVERIFY2(eve.exec(u"UPDATE newsdesk.photo_templates SET unit = 'OSD' WHERE id = %1 RETURNING updated_by, row_version"_s.arg(id))
                 && eve.next(),
             qPrintable(eve.lastError().text()));
    QCOMPARE(eve.value(u"updated_by"_s).toString(), u"eve"_s);
    QCOMPARE(eve.value(u"row_version"_s).toLongLong(), 2);
    QVERIFY2(walt.exec(u"DELETE FROM newsdesk.photo_templates WHERE id = %1"_s.arg(id)), qPrintable(walt.lastError().text()));
    QCOMPARE(walt.numRowsAffected(), 1);
}

// A writer's own revisions, as StoryRepository writes them, pass; the same
// statements with other text, or aimed at another story, do not.
void TestTeamLibrary::historyIsTheStoryAsStored()
{
    const qint64 draft = storyIn(StoryStatus::Draft);
    const qint64 published = storyIn(StoryStatus::Published);
    QVERIFY(draft > 0 && published > 0);
    QSqlQuery walt(m_desks.value(u"walt"_s));
    const QString copy = u"INSERT INTO newsdesk.revisions (story_id, row_version, kind, headline, dek, byline, dateline, body, "
                         u"correction_note, status, created_at, created_by) SELECT id, row_version, 'autosave', headline, dek, "
                         u"byline, dateline, %2, correction_note, status, updated_at, '' FROM newsdesk.stories WHERE id = %1 "
                         u"RETURNING id"_s;
    QVERIFY2(walt.exec(u"UPDATE newsdesk.stories SET body = 'Walt''s draft' WHERE id = %1"_s.arg(draft)),
             qPrintable(walt.lastError().text()));
    QVERIFY2(walt.exec(copy.arg(draft).arg(u"body"_s)) && walt.next(), qPrintable(walt.lastError().text()));
    const qint64 autosave = walt.value(0).toLongLong();
    walt.finish();

    // Other text than the story holds, in a draft or a published story.
    QVERIFY(!walt.exec(copy.arg(draft).arg(u"'Not what was saved'"_s)));
    QCOMPARE(walt.lastError().nativeErrorCode(), u"42501"_s);
    QVERIFY(!walt.exec(copy.arg(published).arg(u"'It always said this'"_s)));
    QCOMPARE(walt.lastError().nativeErrorCode(), u"42501"_s);
    // The own autosave rewritten to other text, or moved to another story.
    QVERIFY(!walt.exec(u"UPDATE newsdesk.revisions SET body = 'Something else' WHERE id = %1"_s.arg(autosave)));
    QCOMPARE(walt.lastError().nativeErrorCode(), u"42501"_s);
    const qint64 othersDraft = storyIn(StoryStatus::Draft);
    QVERIFY(othersDraft > 0);
    QVERIFY(!walt.exec(u"UPDATE newsdesk.revisions SET story_id = %1 WHERE id = %2"_s.arg(othersDraft).arg(autosave)));
    QCOMPARE(walt.lastError().nativeErrorCode(), u"42501"_s);

    // The autosave brought up to the story's next save, as StoryRepository does.
    QVERIFY2(walt.exec(u"UPDATE newsdesk.stories SET body = 'Walt''s second draft' WHERE id = %1"_s.arg(draft)),
             qPrintable(walt.lastError().text()));
    QVERIFY2(walt.exec(u"UPDATE newsdesk.revisions r SET body = s.body, row_version = s.row_version FROM newsdesk.stories s "
                       u"WHERE s.id = r.story_id AND r.id = %1"_s.arg(autosave)),
             qPrintable(walt.lastError().text()));
    QCOMPARE(walt.numRowsAffected(), 1);
    QSqlQuery check(m_owner);
    QVERIFY(check.exec(u"SELECT body, created_by FROM newsdesk.revisions WHERE id = %1"_s.arg(autosave)) && check.next());
    QCOMPARE(check.value(0).toString(), u"Walt's second draft"_s);
    QCOMPARE(check.value(1).toString(), u"walt"_s);
}

// Photos name their image by the hash of its bytes: whoever stores bytes
// under a hash stores the bytes that hash, as the client computes it.
void TestTeamLibrary::imagesAreStoredUnderTheirOwnHash()
{
    const QByteArray real = "the photo the desk is about to bring in";
    const QString hash = PhotoRepository::hashOf(real);
    QSqlQuery walt(m_desks.value(u"walt"_s));
    walt.prepare(u"INSERT INTO newsdesk.images (hash, data, byte_size, created_at) VALUES (:hash, :data, :size, '')"_s);
    walt.bindValue(u":hash"_s, hash);
    walt.bindValue(u":data"_s, QByteArray("other bytes, planted first"));
    walt.bindValue(u":size"_s, 26);
    QVERIFY(!walt.exec());
    QCOMPARE(walt.lastError().nativeErrorCode(), u"23514"_s);
    walt.bindValue(u":data"_s, real);
    walt.bindValue(u":size"_s, 1);
    QVERIFY(!walt.exec());
    QCOMPARE(walt.lastError().nativeErrorCode(), u"23514"_s);
    walt.bindValue(u":size"_s, real.size());
    QVERIFY2(walt.exec(), qPrintable(walt.lastError().text()));

    QSqlQuery check(m_owner);
    QVERIFY(check.exec(u"SELECT data FROM newsdesk.images WHERE hash = '%1'"_s.arg(hash)) && check.next());
    QCOMPARE(check.value(0).toByteArray(), real);
}

// Whatever a writer sends as a story's search copy, the server keeps the
// story's own text and captions, and only the story takes its copy with it.
void TestTeamLibrary::searchCopyIsTheStorysOwnText()
{
    const qint64 published = storyIn(StoryStatus::Published);
    const qint64 photo = photoIn();
    QVERIFY(published > 0 && photo > 0);
    QSqlQuery owner(m_owner);
    QVERIFY2(owner.exec(u"INSERT INTO newsdesk.story_photos (story_id, photo_id, position) VALUES (%1, %2, 1)"_s.arg(published).arg(photo)),
             qPrintable(owner.lastError().text()));
    QSqlQuery walt(m_desks.value(u"walt"_s));
    const QString upsert = u"INSERT INTO newsdesk.story_search (story_id, headline, dek, body, captions) "
                           u"VALUES (%1, 'Not its headline', 'x', 'Words it does not hold', 'x') ON CONFLICT (story_id) "
                           u"DO UPDATE SET headline = excluded.headline, dek = excluded.dek, body = excluded.body, "
                           u"captions = excluded.captions"_s;
    for (int pass = 0; pass < 2; ++pass) { // the insert, then the update
        QVERIFY2(walt.exec(upsert.arg(published)), qPrintable(walt.lastError().text()));
        QVERIFY(owner.exec(u"SELECT ss.headline = s.headline AND ss.dek = s.dek AND ss.body = s.body, ss.captions "
                           u"FROM newsdesk.story_search ss JOIN newsdesk.stories s ON s.id = ss.story_id WHERE s.id = %1"_s.arg(published))
                && owner.next());
        QVERIFY(owner.value(0).toBool());
        QCOMPARE(owner.value(1).toString(), u"\nA caption."_s); // the photo's title (none), then its caption
    }
    QVERIFY(!walt.exec(u"DELETE FROM newsdesk.story_search WHERE story_id = %1"_s.arg(published)));
    QCOMPARE(walt.lastError().nativeErrorCode(), u"42501"_s);
    // With the story (a draft the writer may delete) its copy goes too.
    const qint64 draft = storyIn(StoryStatus::Draft);
    QVERIFY(draft > 0);
    QVERIFY2(walt.exec(upsert.arg(draft)), qPrintable(walt.lastError().text()));
    QVERIFY2(walt.exec(u"DELETE FROM newsdesk.stories WHERE id = %1"_s.arg(draft)), qPrintable(walt.lastError().text()));
    QVERIFY2(walt.exec(u"DELETE FROM newsdesk.story_search WHERE story_id = %1"_s.arg(draft)), qPrintable(walt.lastError().text()));
    QVERIFY(owner.exec(u"SELECT count(*) FROM newsdesk.story_search WHERE story_id = %1"_s.arg(draft)) && owner.next());
    QCOMPARE(owner.value(0).toInt(), 0);
}

// A writer may delete a draft or a story in review (Workflow::checkDelete),
// and with it its history; the audit log keeps that it happened and who did
// it, however the story was deleted.
void TestTeamLibrary::theServerRecordsADeletion()
{
    const qint64 inReview = storyIn(StoryStatus::InReview);
    QVERIFY(inReview > 0);
    QSqlQuery walt(m_desks.value(u"walt"_s));
    QVERIFY2(walt.exec(u"DELETE FROM newsdesk.stories WHERE id = %1"_s.arg(inReview)), qPrintable(walt.lastError().text()));
    QCOMPARE(walt.numRowsAffected(), 1);
    QSqlQuery audit(m_owner);
    QVERIFY(audit.exec(u"SELECT actor FROM newsdesk.audit_log WHERE action = 'delete' AND entity = 'story' AND entity_id = %1"_s
                           .arg(inReview)));
    QVERIFY2(audit.next(), "the deletion left no trace");
    QCOMPARE(audit.value(0).toString(), u"walt"_s);
    QVERIFY(!audit.next());
    // Nor can a client record a deletion that did not happen.
    const qint64 draft = storyIn(StoryStatus::Draft);
    QVERIFY(draft > 0);
    QVERIFY(!walt.exec(u"SELECT newsdesk.audit('delete', 'story', %1, '')"_s.arg(draft)));
    QCOMPARE(walt.lastError().nativeErrorCode(), u"42501"_s);

    // Through the repository, as a desk deletes: one entry, not two.
    QVERIFY2(audit.exec(u"INSERT INTO newsdesk.person_records (login, name) VALUES ('walt', 'walt') ON CONFLICT DO NOTHING"_s),
             qPrintable(audit.lastError().text()));
    Library library;
    QVERIFY2(library.open(m_server.url(u"walt"_s, u"newsroom"_s)), qPrintable(library.errorString()));
    StoryRepository stories(&library);
    QVERIFY2(stories.remove(draft), qPrintable(stories.errorString()));
    QVERIFY(audit.exec(u"SELECT actor FROM newsdesk.audit_log WHERE action = 'delete' AND entity = 'story' AND entity_id = %1"_s
                           .arg(draft)));
    QVERIFY(audit.next());
    QCOMPARE(audit.value(0).toString(), u"walt"_s);
    QVERIFY(!audit.next());
}

// Anyone on the desk may set or lift an embargo, which holds a story back
// from export; the audit log says who did, however it was done.
void TestTeamLibrary::theServerRecordsAnEmbargo()
{
    const qint64 approved = storyIn(StoryStatus::Approved);
    QVERIFY(approved > 0);
    QSqlQuery owner(m_owner);
    QVERIFY(owner.exec(u"UPDATE newsdesk.stories SET embargo_until = '2031-01-02T03:04:00.000Z' WHERE id = %1"_s.arg(approved)));
    QSqlQuery walt(m_desks.value(u"walt"_s));
    QVERIFY2(walt.exec(u"UPDATE newsdesk.stories SET embargo_until = '' WHERE id = %1"_s.arg(approved)),
             qPrintable(walt.lastError().text()));
    QCOMPARE(walt.numRowsAffected(), 1);
    QVERIFY(owner.exec(u"SELECT actor, detail FROM newsdesk.audit_log WHERE action = 'embargo' AND entity_id = %1 ORDER BY id"_s
                           .arg(approved)));
    QVERIFY(owner.next());
    QCOMPARE(owner.value(1).toString(), u"2031-01-02T03:04:00.000Z"_s);
    QVERIFY2(owner.next(), "the embargo was lifted without a trace");
    QCOMPARE(owner.value(0).toString(), u"walt"_s);
    QCOMPARE(owner.value(1).toString(), u"none"_s);
    QVERIFY(!owner.next());
    // A save that leaves the embargo as it was records nothing.
    QVERIFY2(walt.exec(u"UPDATE newsdesk.stories SET updated_at = newsdesk.now_text(), embargo_until = '' WHERE id = %1"_s.arg(approved)),
             qPrintable(walt.lastError().text()));
    QVERIFY(owner.exec(u"SELECT count(*) FROM newsdesk.audit_log WHERE action = 'embargo' AND entity_id = %1"_s.arg(approved))
            && owner.next());
    QCOMPARE(owner.value(0).toInt(), 2);
    // Nor can a client record an embargo it did not set.
    QVERIFY(!walt.exec(u"SELECT newsdesk.audit('embargo', 'story', %1, 'none')"_s.arg(approved)));
    QCOMPARE(walt.lastError().nativeErrorCode(), u"42501"_s);
}

// A comment is dated by the server, as it is signed: a thread reads in time
// order, and a backdated one would seem to come before a decision it follows.
void TestTeamLibrary::aCommentIsDatedByTheServer()
{
    QSqlQuery walt(m_desks.value(u"walt"_s));
    QVERIFY2(walt.exec(u"INSERT INTO newsdesk.comments (entity, entity_id, body, created_at) "
                       u"VALUES ('story', 1, 'Said long ago', '2001-01-01T00:00:00.000Z') "
                       u"RETURNING created_at, created_at::timestamptz > now() - interval '1 minute' AS now"_s)
                 && walt.next(),
             qPrintable(walt.lastError().text()));
    QVERIFY2(walt.value(1).toBool(), qPrintable(walt.value(0).toString()));
}

// A story's and a photo's dates are the server's too (format 4): a story
// dated 9999 would head every desk's list for good, and "changed by … at …"
// would name a time of the writer's choosing.
void TestTeamLibrary::storiesAndPhotosAreDatedByTheServer()
{
    const qint64 published = storyIn(StoryStatus::Published);
    const qint64 photo = photoIn();
    QVERIFY(published > 0 && photo > 0);
    const QString recent = u"%1::timestamptz > now() - interval '1 minute' AND %1::timestamptz < now() + interval '1 minute'"_s;
    QSqlQuery walt(m_desks.value(u"walt"_s));
    for (const QString &statement :
         {u"INSERT INTO newsdesk.stories (slug, headline, created_at, updated_at) VALUES ('dated', 'Dated', "
          u"'2001-01-01T00:00:00.000Z', '9999-12-31T00:00:00.000Z') RETURNING created_at, updated_at"_s,
          u"UPDATE newsdesk.stories SET updated_at = '9999-12-31T00:00:00.000Z' WHERE id = %1 "
          u"RETURNING created_at, updated_at"_s.arg(published),
          u"INSERT INTO newsdesk.photos (caption, created_at, updated_at) VALUES ('Dated.', "
          u"'2001-01-01T00:00:00.000Z', '9999-12-31T00:00:00.000Z') RETURNING created_at, updated_at"_s,
          u"UPDATE newsdesk.photos SET updated_at = '9999-12-31T00:00:00.000Z' WHERE id = %1 RETURNING created_at, updated_at"_s.arg(photo)}) {
        QVERIFY2(walt.exec(u"WITH changed AS (%1) SELECT updated_at, %2 AS updated_now, created_at, %3 AS created_now FROM changed"_s.arg(
                     statement, recent.arg(u"updated_at"_s), recent.arg(u"created_at"_s)))
                     && walt.next(),
                 qPrintable(walt.lastError().text()));
        QVERIFY2(walt.value(u"updated_now"_s).toBool(), qPrintable(statement + u" → "_s + walt.value(u"updated_at"_s).toString()));
        if (statement.startsWith(u"INSERT"_s))
            QVERIFY2(walt.value(u"created_now"_s).toBool(), qPrintable(statement + u" → "_s + walt.value(u"created_at"_s).toString()));
    }
    // The server's own writes, and the owner's (copy-library), keep theirs.
    QSqlQuery owner(m_owner);
    QVERIFY2(owner.exec(u"UPDATE newsdesk.stories SET updated_at = '2001-01-01T00:00:00.000Z' WHERE id = %1 RETURNING updated_at"_s.arg(published))
                 && owner.next(),
             qPrintable(owner.lastError().text()));
    QCOMPARE(owner.value(0).toString(), u"2001-01-01T00:00:00.000Z"_s);
}

QSqlDatabase TestTeamLibrary::office()
{
    if (QSqlDatabase::contains(u"office-setup"_s))
        return QSqlDatabase::database(u"office-setup"_s, false);
    if (!m_server.psql(u"CREATE DATABASE office"_s))
        qWarning("%s", qPrintable(m_server.errorString()));
    const std::optional<LibraryLocation> location = LibraryLocation::parse(m_server.url(PostgresServer::superuser(), u"office"_s));
    QString error;
    if (!location || !TeamSetup::open(*location, u"office-setup"_s, &error))
        qWarning("cannot open the office: %s", qPrintable(error));
    QSqlDatabase database = QSqlDatabase::database(u"office-setup"_s, false);
    if (TeamSetup::setUp(database, &error) != TeamSetup::SetupResult::Created)
        qWarning("cannot set up the office: %s", qPrintable(error));
    return database;
}

QSqlDatabase TestTeamLibrary::newDatabase(const QString &name)
{
    if (!m_server.psql(u"CREATE DATABASE %1"_s.arg(name))) {
        qWarning("cannot create %s: %s", qPrintable(name), qPrintable(m_server.errorString()));
        return {};
    }
    const std::optional<LibraryLocation> location = LibraryLocation::parse(m_server.url(PostgresServer::superuser(), name));
    QString error;
    if (!location || !TeamSetup::open(*location, name + u"-setup"_s, &error)) {
        qWarning("cannot connect to %s: %s", qPrintable(name), qPrintable(error));
        return {};
    }
    return QSqlDatabase::database(name + u"-setup"_s, false);
}

QString TestTeamLibrary::openOffice(Library &library, const QString &login, const QString &name, PersonRole role)
{
    QString error;
    if (!TeamSetup::addPerson(office(), login, name, role, &error))
        return error;
    return library.open(m_server.url(login, u"office"_s)) ? QString() : library.errorString();
}

void TestTeamLibrary::setupIsOnceAndIdempotent()
{
    QSqlDatabase database = office();
    QVERIFY(database.isOpen());
    QString error;
    QCOMPARE(TeamSetup::setUp(database, &error), TeamSetup::SetupResult::AlreadySetUp);
    QSqlQuery query(database);
    QVERIFY(query.exec(u"SELECT count(*) AS rules FROM newsdesk.transitions"_s) && query.next());
    QVERIFY(query.value(u"rules"_s).toInt() > 0);
    query.finish();

    // The server's copy of the rules is written anew by every set-up: one
    // that an older Newsdesk (or a careless administrator) left behind is
    // replaced by models/' rules, row by row.
    const auto writerMayEditPublished = [&] {
        QSqlQuery rule(database);
        if (!rule.exec(u"SELECT allowed FROM newsdesk.story_rules WHERE kind = 'edit' AND status = 'published' AND role = 'writer'"_s)
            || !rule.next())
            return std::optional<bool>();
        return std::optional<bool>(rule.value(0).toBool());
    };
    QCOMPARE(writerMayEditPublished(), std::optional<bool>(false));
    QVERIFY(query.exec(u"UPDATE newsdesk.story_rules SET allowed = true WHERE kind = 'edit' AND status = 'published' AND role = 'writer'"_s));
    QVERIFY(query.exec(u"DELETE FROM newsdesk.transitions WHERE action = 'approve'"_s));
    QCOMPARE(writerMayEditPublished(), std::optional<bool>(true));
    QCOMPARE(TeamSetup::setUp(database, &error), TeamSetup::SetupResult::AlreadySetUp);
    QCOMPARE(writerMayEditPublished(), std::optional<bool>(Workflow::checkTextEdit(PersonRole::Writer, StoryStatus::Published).allowed));
    QVERIFY(query.exec(u"SELECT count(*) FROM newsdesk.transitions WHERE action = 'approve'"_s) && query.next());
    QVERIFY(query.value(0).toInt() > 0);
}

// A desk never migrates a team library: one at an older format (format 1,
// made here as the first Newsdesk with team libraries set it up) is refused
// with the administrator's command until set-up migrates it; a format
// Newsdesk never wrote is left alone.
void TestTeamLibrary::anOlderFormatWaitsForItsAdministrator()
{
    QSqlDatabase database = newDatabase(u"formerly"_s);
    QVERIFY(database.isOpen());
    QString error;
    QVERIFY(database.transaction());
    for (const QString &statement : PostgresDialect::setupStatements() + PostgresDialect::ruleStatements()) {
        QSqlQuery query(database);
        QVERIFY2(query.exec(statement), qPrintable(query.lastError().text() + u": "_s + statement.left(200)));
    }
    QVERIFY(database.commit());
    QVERIFY2(TeamSetup::addPerson(database, u"otto"_s, u"Otto Writer"_s, PersonRole::Writer, &error), qPrintable(error));
    const QString url = m_server.url(u"otto"_s, u"formerly"_s);
    QSqlQuery query(database);
    const auto version = [&] {
        QSqlQuery read(database);
        return read.exec(u"SELECT value FROM newsdesk.library_info WHERE key = 'schema_version'"_s) && read.next()
                   ? read.value(0).toString()
                   : QString();
    };
    QCOMPARE(version(), u"1"_s);

    Library library;
    QVERIFY(!library.open(url));
    QCOMPARE(library.openError(), Library::OpenError::OlderSchema);
    QVERIFY2(library.errorString().contains(u"newsdesk team setup --library"_s), qPrintable(library.errorString()));

    QCOMPARE(TeamSetup::setUp(database, &error), TeamSetup::SetupResult::Migrated);
    QCOMPARE(version(), QString::number(PostgresDialect::currentSchemaVersion));
    QVERIFY2(library.open(url), qPrintable(library.errorString()));
    // Format 2's rule holds on the migrated library too.
    QVERIFY(StoryRepository(&library).create(Story{.headline = u"Fine"_s}));
    QSqlQuery raw(connectAs(u"otto"_s, u"formerly"_s));
    QVERIFY(!raw.exec(u"UPDATE newsdesk.stories SET headline = 'Evil' || chr(8238) || 'txt.exe'"_s));
    QCOMPARE(TeamSetup::setUp(database, &error), TeamSetup::SetupResult::AlreadySetUp);

    QVERIFY(query.exec(u"UPDATE newsdesk.library_info SET value = 'not a number' WHERE key = 'schema_version'"_s));
    QCOMPARE(TeamSetup::setUp(database, &error), TeamSetup::SetupResult::Failed);
    QVERIFY2(error.contains(u"not one Newsdesk ever set up"_s), qPrintable(error));
    QCOMPARE(version(), u"not a number"_s);
}

// The server holds library text to TextSafety's rule (format 2): it refuses
// exactly the code points TextSafety::isForbidden names, CR everywhere and
// line breaks in single-line fields, and a writer over a raw connection
// cannot store a bidirectional override in any text column.
void TestTeamLibrary::theServerHoldsTextToTextSafety()
{
    QSqlDatabase database = office();
    QVERIFY(database.isOpen());
    QSqlQuery query(database);
    QVERIFY2(query.exec(u"SELECT c FROM generate_series(1, 1114111) AS c "
                        u"WHERE c NOT BETWEEN 55296 AND 57343 AND c <> 13 AND NOT newsdesk.text_is_safe(chr(c), true) ORDER BY c"_s),
             qPrintable(query.lastError().text()));
    QList<uint> refused;
    while (query.next())
        refused << query.value(0).toUInt();
    QList<uint> forbidden;
    for (char32_t c = 1; c <= 0x10FFFF; ++c) {
        if (!(c >= 0xD800 && c <= 0xDFFF) && TextSafety::isForbidden(c))
            forbidden << uint(c);
    }
    QVERIFY(forbidden.size() > 100);
    QCOMPARE(refused, forbidden);
    QVERIFY(query.exec(u"SELECT newsdesk.text_is_safe(E'a\\rb', true) AS cr, newsdesk.text_is_safe(E'a\\nb', true) AS multi,"
                       u" newsdesk.text_is_safe(E'a\\nb', false) AS single, newsdesk.text_is_safe(E'a\\tb\u200e', false) AS tab"_s)
            && query.next());
    QCOMPARE(query.value(u"cr"_s).toBool(), false);
    QCOMPARE(query.value(u"multi"_s).toBool(), true);
    QCOMPARE(query.value(u"single"_s).toBool(), false);
    QCOMPARE(query.value(u"tab"_s).toBool(), true);

    QString error;
    QVERIFY2(TeamSetup::addPerson(database, u"tess"_s, u"Tess Writer"_s, PersonRole::Writer, &error), qPrintable(error));
    QVERIFY2(TeamSetup::addPerson(database, u"ed"_s, u"Ed Editor"_s, PersonRole::Editor, &error), qPrintable(error));
    Library desk;
    QVERIFY2(desk.open(m_server.url(u"tess"_s, u"office"_s)), qPrintable(desk.errorString()));
    const std::optional<Story> story = StoryRepository(&desk).create(Story{.headline = u"Plain"_s});
    QVERIFY(story);
    const std::optional<Photo> photo =
        PhotoRepository(&desk).add(Photo{.virin = u"250306-D-PM193-1268"_s}, QByteArray("image"), u"image/jpeg"_s, QSize(1, 1), {});
    QVERIFY(photo);
    const QSqlDatabase writer = connectAs(u"tess"_s, u"office"_s);
    const QSqlDatabase editor = connectAs(u"ed"_s, u"office"_s);
    const QString override = u"'x' || chr(8238) || 'y'"_s;
    QStringList statements;
    // Columns a writer may only set when adding a row: added with it. (A
    // story's slug is held to more: theServerHoldsSlugsToTheirShape.)
    statements << u"INSERT INTO newsdesk.photos (file_name, created_at, updated_at) VALUES (%1, '', '')"_s.arg(override);
    for (const char *column : {"headline", "dek", "byline", "dateline", "body", "correction_note"})
        statements << u"UPDATE newsdesk.stories SET %1 = %2 WHERE id = %3"_s.arg(QLatin1StringView(column), override).arg(story->id);
    for (const char *column : {"virin", "title", "caption", "alt_text", "credit", "photographer", "unit", "operation",
                               "city", "sublocation", "state", "country", "country_code", "keywords", "release_authority",
                               "caption_writer", "command_shown", "creator_email", "creator_phone"})
        statements << u"UPDATE newsdesk.photos SET %1 = %2 WHERE id = %3"_s.arg(QLatin1StringView(column), override).arg(photo->id);
    statements << u"UPDATE newsdesk.stories SET headline = E'two\\nlines' WHERE id = %1"_s.arg(story->id)
               << u"INSERT INTO newsdesk.comments (entity, entity_id, body, author, created_at) VALUES ('story', %1, %2, '', '')"_s
                      .arg(story->id)
                      .arg(override);
    // The text beside stories and photos (format 4), as Library::audit,
    // StoryRepository::transition, acceptName and StoryLocks clean it: an
    // audit entry's detail, a comment given with a transition, an accepted
    // name, an edit lock's host ("… is editing this story on HOST"), an
    // image's type.
    statements << u"SELECT newsdesk.audit('save', 'story', %1, %2)"_s.arg(story->id).arg(override)
               << u"SELECT newsdesk.transition(%1, NULL, 'submit', %2)"_s.arg(story->id).arg(override)
               << u"INSERT INTO newsdesk.story_names (story_id, name) VALUES (%1, %2)"_s.arg(story->id).arg(override)
               << u"INSERT INTO newsdesk.story_locks (story_id, session, holder, host, pid, acquired_at, heartbeat_at) "
                  u"VALUES (%1, 's', '', %2, 1, '', '')"_s.arg(story->id).arg(override)
               << u"INSERT INTO newsdesk.images (hash, data, mime_type, byte_size, created_at) "
                  u"VALUES (encode(sha256('z'), 'hex'), 'z', %1, 1, '')"_s.arg(override);
    for (const QString &statement : std::as_const(statements)) {
        QSqlQuery attempt(writer);
        QVERIFY2(!attempt.exec(statement), qPrintable(u"a writer stored it: "_s + statement));
        QVERIFY2(attempt.lastError().text().contains(u"text_is_safe"_s), qPrintable(attempt.lastError().text()));
    }
    QSqlQuery settings(editor);
    QVERIFY(!settings.exec(u"INSERT INTO newsdesk.library_settings (key, value) VALUES ('publisher', %1)"_s.arg(override)));
    QVERIFY2(settings.lastError().text().contains(u"text_is_safe"_s), qPrintable(settings.lastError().text()));
    // An editor's comment on a caption decision too.
    QVERIFY(!settings.exec(u"SELECT newsdesk.decide_caption(%1, NULL, 'changes_requested', %2)"_s.arg(photo->id).arg(override)));
    QVERIFY2(settings.lastError().text().contains(u"text_is_safe"_s), qPrintable(settings.lastError().text()));
    // What TextSafety keeps, the server keeps.
    QSqlQuery fine(writer);
    QVERIFY2(fine.exec(u"UPDATE newsdesk.stories SET headline = 'Café ‏عربى 🎉', body = E'one\\ntwo\\tthree' WHERE id = %1"_s.arg(story->id)),
             qPrintable(fine.lastError().text()));
}

QString TestTeamLibrary::plantOperators(QSqlDatabase owner, QSqlDatabase writer)
{
    QSqlQuery grant(owner);
    if (!grant.exec(u"GRANT CREATE ON SCHEMA public TO PUBLIC"_s))
        return grant.lastError().text();
    QSqlQuery query(writer);
    for (const QString &statement :
         {u"CREATE OR REPLACE FUNCTION public.finds_nothing(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT true'"_s,
          u"DROP OPERATOR IF EXISTS public.!~ (text, text)"_s,
          u"CREATE OPERATOR public.!~ (LEFTARG = text, RIGHTARG = text, FUNCTION = public.finds_nothing)"_s,
          u"CREATE OR REPLACE FUNCTION public.to_char(timestamp, text) RETURNS text LANGUAGE sql "
          u"AS $$ SELECT '1999-01-01T00:00:00.000Z' $$"_s,
          u"SET search_path = public, pg_catalog"_s}) {
        if (!query.exec(statement))
            return statement + u": "_s + query.lastError().text();
    }
    return {};
}

// The server's functions that run in a client's own statement (the CHECKs'
// text_is_safe(), the defaults' now_text()) are parsed with the client's
// search_path: a writer's own "!~" and to_char() first in it must not be
// what they call (format 4).
void TestTeamLibrary::aWritersOwnOperatorsChangeNoRule()
{
    QSqlDatabase database = newDatabase(u"oldpublic"_s);
    QVERIFY(database.isOpen());
    QString error;
    QCOMPARE(TeamSetup::setUp(database, &error), TeamSetup::SetupResult::Created);
    QVERIFY2(TeamSetup::addPerson(database, u"olga"_s, u"Olga Writer"_s, PersonRole::Writer, &error), qPrintable(error));
    QSqlDatabase writer = connectAs(u"olga"_s, u"oldpublic"_s);
    QVERIFY(writer.isOpen());
    const QString planted = plantOperators(database, writer);
    QVERIFY2(planted.isEmpty(), qPrintable(planted));
    QSqlQuery query(writer);
    // The planted operator is there, and is what the writer's own "!~" calls.
    QVERIFY(query.exec(u"SELECT 'a' !~ 'a' AS planted"_s) && query.next());
    QVERIFY(query.value(0).toBool());

    QVERIFY2(!query.exec(u"INSERT INTO newsdesk.stories (slug, headline, created_at, updated_at) "
                         u"VALUES ('evil', 'Evil' || chr(8238) || 'txt.exe', '', '')"_s),
             "the writer's operator let a direction override in");
    QVERIFY2(query.lastError().text().contains(u"text_is_safe"_s), qPrintable(query.lastError().text()));
    QVERIFY2(query.exec(u"INSERT INTO newsdesk.glossary (text) VALUES ('Dated by the server') RETURNING created_at"_s)
                 && query.next(),
             qPrintable(query.lastError().text()));
    QVERIFY2(!query.value(0).toString().startsWith(u"1999"_s), qPrintable(query.value(0).toString()));
    QVERIFY(query.exec(u"SELECT newsdesk.caller_role() AS role, newsdesk.in_server_function() AS server"_s) && query.next());
    QCOMPARE(query.value(u"role"_s).toString(), u"writer"_s);
    QCOMPARE(query.value(u"server"_s).toBool(), false);
}

// A library at format 3 (set up and migrated as Newsdesk did before, its
// functions as they were then): set-up takes it to format 4, where the
// text beside stories and photos is held to TextSafety too and the
// functions a client's statement runs ignore its search_path; what was
// written before stays. The step may run again.
void TestTeamLibrary::formatThreeHoldsTheRestOfItsText()
{
    QSqlDatabase database = newDatabase(u"formatthree"_s);
    QVERIFY(database.isOpen());
    QString error;
    const QString override = u"'x' || chr(8238) || 'y'"_s;
    {
        QSqlQuery query(database);
        QVERIFY(database.transaction());
        QStringList statements = PostgresDialect::setupStatements() + PostgresDialect::migrationStatements(1)
            + PostgresDialect::migrationStatements(2) + PostgresDialect::ruleStatements();
        // The two functions as format 3 had them, reading the caller's search_path.
        statements << u"CREATE OR REPLACE FUNCTION newsdesk.now_text() RETURNS text LANGUAGE sql STABLE AS $$\n"
                      u"  SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') $$"_s
                   << u"CREATE OR REPLACE FUNCTION newsdesk.text_is_safe(p_text text, p_multi_line boolean) RETURNS boolean "
                      u"LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$\n  SELECT p_text !~ '"_s
                          + PostgresDialect::forbiddenCharacterClass()
                          + u"' AND p_text !~ CASE WHEN p_multi_line THEN '\\r' ELSE '[\\n\\r]' END $$"_s
                   << u"UPDATE newsdesk.library_info SET value = '3' WHERE key = 'schema_version'"_s
                   << u"INSERT INTO newsdesk.stories (slug, headline, created_at, updated_at) VALUES ('kept', 'Kept', '', '')"_s
                   // A slug format 3 let a writer's psql store: the desks use
                   // none of it (fileNameOfStory), and the story stays editable.
                   << u"INSERT INTO newsdesk.stories (slug, headline, created_at, updated_at) VALUES ('Old Slug', 'Old', '', '')"_s
                   << u"INSERT INTO newsdesk.audit_log (action, entity, entity_id, detail) "
                      u"VALUES ('save', 'story', 1, 'before ' || chr(8238))"_s;
        for (const QString &statement : std::as_const(statements))
            QVERIFY2(query.exec(statement), qPrintable(statement.left(80) + u": "_s + query.lastError().text()));
        // The stamps as format 3 had them: the same but for the dates.
        for (const char *function : {"stamp_story", "stamp_photo"}) {
            QVERIFY(query.exec(u"SELECT pg_get_functiondef('newsdesk.%1'::regproc)"_s.arg(QLatin1StringView(function))) && query.next());
            QString definition = query.value(0).toString();
            static const QRegularExpression dating(u"\\n *NEW\\.(created|updated)_at := [^;]*;"_s);
            QCOMPARE(definition.count(dating), 4);
            definition.remove(dating);
            QVERIFY2(query.exec(definition), qPrintable(query.lastError().text()));
        }
        QVERIFY(database.commit());
    }
    QVERIFY2(TeamSetup::addPerson(database, u"fred"_s, u"Fred Writer"_s, PersonRole::Writer, &error), qPrintable(error));
    QSqlDatabase writer = connectAs(u"fred"_s, u"formatthree"_s);
    QVERIFY(writer.isOpen());
    {
        // What format 3 let through.
        QSqlQuery query(writer);
        QVERIFY2(query.exec(u"SELECT newsdesk.audit('save', 'story', 1, %1)"_s.arg(override)), qPrintable(query.lastError().text()));
    }

    QCOMPARE(TeamSetup::setUp(database, &error), TeamSetup::SetupResult::Migrated);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QSqlQuery query(database);
    QVERIFY(query.exec(u"SELECT value FROM newsdesk.library_info WHERE key = 'schema_version'"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), PostgresDialect::currentSchemaVersion);
    QVERIFY(query.exec(u"SELECT count(*) FROM newsdesk.audit_log WHERE NOT newsdesk.text_is_safe(detail, true)"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), 2); // what was written before stays
    query.finish();
    QVERIFY2(query.exec(u"UPDATE newsdesk.stories SET body = 'Edited after format 4.' WHERE slug = 'Old Slug'"_s),
             qPrintable(query.lastError().text()));
    QVERIFY(!query.exec(u"UPDATE newsdesk.stories SET slug = 'Still Not One' WHERE slug = 'Old Slug'"_s));
    QVERIFY2(query.lastError().text().contains(u"stories_slug_is_a_slug"_s), qPrintable(query.lastError().text()));

    const QString planted = plantOperators(database, writer);
    QVERIFY2(planted.isEmpty(), qPrintable(planted));
    QSqlQuery asWriter(writer);
    for (const QString &statement : {u"SELECT newsdesk.audit('save', 'story', 1, %1)"_s.arg(override),
                                     u"UPDATE newsdesk.stories SET headline = %1"_s.arg(override)}) {
        QVERIFY2(!asWriter.exec(statement), qPrintable(u"a writer stored it: "_s + statement));
        QVERIFY2(asWriter.lastError().text().contains(u"text_is_safe"_s), qPrintable(asWriter.lastError().text()));
    }
    QVERIFY2(asWriter.exec(u"INSERT INTO newsdesk.glossary (text) VALUES ('Dated by the server') RETURNING created_at"_s)
                 && asWriter.next(),
             qPrintable(asWriter.lastError().text()));
    QVERIFY2(!asWriter.value(0).toString().startsWith(u"1999"_s), qPrintable(asWriter.value(0).toString()));
    QVERIFY2(asWriter.exec(u"UPDATE newsdesk.stories SET updated_at = '9999-12-31T00:00:00.000Z' RETURNING updated_at"_s)
                 && asWriter.next(),
             qPrintable(asWriter.lastError().text()));
    QVERIFY2(!asWriter.value(0).toString().startsWith(u"9999"_s), qPrintable(asWriter.value(0).toString()));
    asWriter.finish();

    // The step again, as a set-up interrupted by hand would run it.
    QVERIFY(database.transaction());
    for (const QString &statement : PostgresDialect::migrationStatements(3))
        QVERIFY2(query.exec(statement), qPrintable(statement.left(80) + u": "_s + query.lastError().text()));
    QVERIFY(database.commit());
    QCOMPARE(TeamSetup::setUp(database, &error), TeamSetup::SetupResult::AlreadySetUp);
}

// Anyone may add a glossary entry, and it expands into every desk's
// captions: the server refuses what Glossary::problem() refuses (format 4),
// entry by entry and, at either end of a text, character by character.
void TestTeamLibrary::theServerHoldsTheGlossaryToItsRule()
{
    QSqlDatabase database = office();
    QVERIFY(database.isOpen());
    QSqlQuery query(database);
    QVERIFY(query.exec(u"SET search_path = newsdesk, pg_temp"_s));
    const QString check = PostgresDialect::glossaryEntryCheck();
    const QString smile = QString::fromUcs4(U"\U0001F600");
    const QList<std::pair<QString, QString>> entries{
        {QString(), u"Dan Caine"_s}, {u"cjcs"_s, u"Chairman of the Joint Chiefs of Staff Gen. Dan Caine"_s},
        {u"x_y-1"_s, u"Yokosuka"_s}, {u"a b"_s, u"x"_s}, {u"a=b"_s, u"x"_s}, {u"é"_s, u"x"_s},
        {QString(Glossary::maxCodeLength, u'a'), u"x"_s}, {QString(Glossary::maxCodeLength + 1, u'a'), u"x"_s},
        {u"x"_s, QString(Glossary::maxTextLength, u'a')}, {u"x"_s, QString(Glossary::maxTextLength + 1, u'a')},
        {u"x"_s, smile.repeated(Glossary::maxTextLength / 2)}, {u"x"_s, smile.repeated(Glossary::maxTextLength / 2) + u'a'},
        {u"x"_s, u"a\tb"_s}, {u"x"_s, u"a\nb"_s}, {u"x"_s, u" lead"_s}, {u"x"_s, u"trail "_s},
        {u"x"_s, u"a\u00a0b"_s}, {u"x"_s, QString()}, {u"x"_s, u"   "_s}, {u"x"_s, u"e\u0301"_s},
        {u"x"_s, u"x\u202e"_s}, {u"x"_s, u"\u200bx"_s},
    };
    for (const auto &[code, text] : entries) {
        query.prepare(u"SELECT %1 AS fine FROM (SELECT coalesce(CAST(:code AS text), '') AS code, coalesce(CAST(:text AS text), '') AS text) AS entry"_s.arg(check));
        query.bindValue(u":code"_s, code);
        query.bindValue(u":text"_s, text);
        QVERIFY2(query.exec() && query.next(), qPrintable(query.lastError().text()));
        const QString problem = Glossary::problem(code, text);
        QVERIFY2(query.value(0).toBool() == problem.isEmpty(),
                 qPrintable(u"\"%1\" → \"%2\": Glossary says %3, the server %4"_s.arg(
                     TextSafety::forTerminal(code), TextSafety::forTerminal(text.left(40)), problem.isEmpty() ? u"fine"_s : problem,
                     query.value(0).toBool() ? u"fine"_s : u"no"_s)));
    }
    // Every character of the BMP before and after a word.
    for (const bool before : {true, false}) {
        QVERIFY2(query.exec(u"SELECT c FROM (SELECT c, 'x'::text AS code, %1 AS text FROM generate_series(1, 65535) AS c "
                            u"WHERE c NOT BETWEEN 55296 AND 57343) AS entry WHERE NOT (%2) ORDER BY c"_s
                                .arg(before ? u"chr(c) || 'x'"_s : u"'x' || chr(c)"_s, check)),
                 qPrintable(query.lastError().text()));
        QList<uint> refused;
        while (query.next())
            refused << query.value(0).toUInt();
        QList<uint> problems;
        for (char16_t c = 1; c != 0; ++c) {
            if (QChar(c).isSurrogate())
                continue;
            const QString character(QChar{c});
            const QString text = before ? QString(character + u"x"_s) : QString(u"x"_s + character);
            if (!Glossary::problem(u"x"_s, text).isEmpty())
                problems << uint(c);
        }
        QVERIFY(problems.size() > 100);
        QCOMPARE(refused, problems);
    }

    QString error;
    QVERIFY2(TeamSetup::addPerson(database, u"gwen"_s, u"Gwen Writer"_s, PersonRole::Writer, &error), qPrintable(error));
    QSqlQuery writer(connectAs(u"gwen"_s, u"office"_s));
    for (const QString &statement : {u"INSERT INTO newsdesk.glossary (code, text) VALUES ('a b', 'never typed')"_s,
                                     u"INSERT INTO newsdesk.glossary (code, text) VALUES ('huge', repeat('x', 100000))"_s,
                                     u"INSERT INTO newsdesk.glossary (code, text) VALUES ('tab', E'a\\tb')"_s}) {
        QVERIFY2(!writer.exec(statement), qPrintable(u"a writer stored it: "_s + statement));
        QVERIFY2(writer.lastError().text().contains(u"glossary_is_an_entry"_s), qPrintable(writer.lastError().text()));
    }
    QVERIFY2(writer.exec(u"INSERT INTO newsdesk.glossary (code, text) VALUES ('gwen', 'Gwen Writer')"_s),
             qPrintable(writer.lastError().text()));
}

// A library set up at format 1 (setupStatements() alone, as the versions
// before the photo desk left it) with a photo in it: set-up takes it to
// format 2 and keeps the photo; its writers then have the new fields and
// the templates.
// A slug names an editor's export folder and goes into the article's
// address: a writer with psql adds a story whose slug leads elsewhere
// ("../../.config/autostart"), and the server refuses it, by isSlug's rule,
// character for character.
void TestTeamLibrary::theServerHoldsSlugsToTheirShape()
{
    QSqlDatabase database = office();
    QVERIFY(database.isOpen());
    QSqlQuery query(database);
    const QString check = PostgresDialect::slugCheck();
    QStringList candidates{u"hegseth-uk-counterpart"_s, u"story-1945"_s, u"1a"_s, u"2025-03"_s, u"a"_s,
                           QString(MaxSlugLength, u'a'), QString(MaxSlugLength + 1, u'a'), QString(), u".."_s,
                           u"../../.config/autostart"_s, u"a/b"_s, u"-a"_s, u"a-"_s, u"a--b"_s, u"A"_s, u"42"_s,
                           u"a b"_s, u"caf\u00e9"_s, u"a\nb"_s, u"a\n"_s, u"\na"_s, u"a_b"_s, u"a.b"_s};
    for (char16_t c = 1; c < 0x3000; ++c) {
        if (!QChar(c).isSurrogate())
            candidates << u"a"_s + QChar(c) + u"b"_s;
    }
    QStringList disagree;
    for (const QString &slug : std::as_const(candidates)) {
        query.prepare(u"SELECT %1 FROM (SELECT CAST(:slug AS text) AS slug) AS story"_s.arg(check));
        query.bindValue(u":slug"_s, slug);
        QVERIFY2(query.exec() && query.next(), qPrintable(query.lastError().text()));
        if (query.value(0).toBool() != isSlug(slug))
            disagree << TextSafety::forTerminal(slug);
    }
    QVERIFY2(disagree.isEmpty(), qPrintable(disagree.join(u", "_s)));

    QString error;
    QVERIFY2(TeamSetup::addPerson(database, u"sly"_s, u"Sly Writer"_s, PersonRole::Writer, &error), qPrintable(error));
    QSqlQuery writer(connectAs(u"sly"_s, u"office"_s));
    for (const QString &slug : {u"../../.config/autostart"_s, u".."_s, u"Upper"_s, u"x\u202ey"_s}) {
        QVERIFY2(!writer.exec(u"INSERT INTO newsdesk.stories (slug, headline, created_at, updated_at) VALUES ('%1', 'x', '', '')"_s.arg(slug)),
                 qPrintable(u"a writer stored the slug "_s + slug));
        QVERIFY2(writer.lastError().text().contains(u"stories_slug_is_a_slug"_s), qPrintable(writer.lastError().text()));
    }
    QVERIFY2(writer.exec(u"INSERT INTO newsdesk.stories (slug, headline, created_at, updated_at) VALUES ('slys-story', 'x', '', '')"_s),
             qPrintable(writer.lastError().text()));
}

void TestTeamLibrary::formatOneGetsThePhotoDesk()
{
    QSqlDatabase database = newDatabase(u"formatone"_s);
    QVERIFY(database.isOpen());
    QString error;
    {
        QSqlQuery query(database);
        QVERIFY(database.transaction());
        for (const QString &statement : PostgresDialect::setupStatements())
            QVERIFY2(query.exec(statement), qPrintable(statement.left(80) + u": "_s + query.lastError().text()));
        QVERIFY(query.exec(u"UPDATE newsdesk.library_info SET value = '1' WHERE key = 'schema_version'"_s));
        QVERIFY(query.exec(u"INSERT INTO newsdesk.photos (virin, caption, created_at, updated_at) "
                           u"VALUES ('250306-D-PM193-1268K', 'Kept through the upgrade.', '', '')"_s));
        QVERIFY(query.exec(u"SELECT count(*) FROM information_schema.columns WHERE table_schema = 'newsdesk' "
                           u"AND table_name = 'photos' AND column_name = 'command_shown'"_s)
                && query.next());
        QCOMPARE(query.value(0).toInt(), 0); // format 1 has no such column
        query.finish();
        QVERIFY(database.commit());
    }
    QCOMPARE(TeamSetup::setUp(database, &error), TeamSetup::SetupResult::Migrated);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QSqlQuery query(database);
    QVERIFY(query.exec(u"SELECT value FROM newsdesk.library_info WHERE key = 'schema_version'"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), PostgresDialect::currentSchemaVersion);
    QVERIFY(query.exec(u"SELECT caption, command_shown, decorative FROM newsdesk.photos"_s) && query.next());
    QCOMPARE(query.value(0).toString(), u"Kept through the upgrade."_s);
    QCOMPARE(query.value(1).toString(), QString());
    QCOMPARE(query.value(2).toBool(), false);
    query.finish();
    // Run again, nothing changes and nothing fails.
    QCOMPARE(TeamSetup::setUp(database, &error), TeamSetup::SetupResult::AlreadySetUp);
    QVERIFY2(TeamSetup::addPerson(database, u"walt"_s, u"Walt Writer"_s, PersonRole::Writer, &error), qPrintable(error));
    const QSqlDatabase walt = connectAs(u"walt"_s, u"formatone"_s);
    QVERIFY(walt.isOpen());
    QSqlQuery asWalt(walt);
    QVERIFY2(asWalt.exec(u"UPDATE newsdesk.photos SET command_shown = 'USEUCOM', creator_email = 'a@example.mil', "
                         u"decorative = true"_s),
             qPrintable(asWalt.lastError().text()));
    QVERIFY2(asWalt.exec(u"INSERT INTO newsdesk.photo_templates (name, created_at, updated_at) VALUES ('Walt''s', '', '') "
                         u"RETURNING updated_by"_s)
                 && asWalt.next(),
             qPrintable(asWalt.lastError().text()));
    QCOMPARE(asWalt.value(0).toString(), u"Walt Writer"_s);
}

// A library at format 2 (set up and migrated as Newsdesk did before) with a
// story long enough that its search document was kept out of line, in the
// TOAST table: set-up takes it to format 3, where documents are kept in the
// row (the list's search tests one per story it walks), and the story is
// still found, through the index.
void TestTeamLibrary::formatTwoKeepsSearchDocumentsInTheRow()
{
    QSqlDatabase database = newDatabase(u"formattwo"_s);
    QVERIFY(database.isOpen());
    QString error;
    // 400 words of letters that do not repeat, which no compression makes
    // small enough to stay in the row.
    QStringList words;
    for (int i = 0; i < 400; ++i) {
        QString word;
        for (const char c : QCryptographicHash::hash(QByteArray::number(i), QCryptographicHash::Sha1).toHex().left(10))
            word += QChar(u'a' + (c >= 'a' ? c - 'a' + 10 : c - '0'));
        words << word;
    }
    {
        QSqlQuery query(database);
        QVERIFY(database.transaction());
        for (const QString &statement : PostgresDialect::setupStatements() + PostgresDialect::migrationStatements(1)
                                            + PostgresDialect::ruleStatements())
            QVERIFY2(query.exec(statement), qPrintable(statement.left(80) + u": "_s + query.lastError().text()));
        QVERIFY(query.exec(u"UPDATE newsdesk.library_info SET value = '2' WHERE key = 'schema_version'"_s));
        QVERIFY(query.prepare(u"INSERT INTO newsdesk.stories (slug, headline, body, created_at, updated_at) "
                              u"VALUES ('long', 'Long story', ?, '', '')"_s));
        query.addBindValue(words.join(u' '));
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        QVERIFY(query.exec(u"INSERT INTO newsdesk.story_search (story_id) SELECT id FROM newsdesk.stories"_s));
        QVERIFY(database.commit());
    }
    const auto outOfLine = [&database] {
        QSqlQuery query(database);
        return query.exec(u"SELECT pg_column_toast_chunk_id(document) IS NOT NULL FROM newsdesk.story_search"_s) && query.next()
            && query.value(0).toBool();
    };
    QVERIFY(outOfLine());
    QCOMPARE(TeamSetup::setUp(database, &error), TeamSetup::SetupResult::Migrated);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(!outOfLine());
    QSqlQuery query(database);
    QVERIFY(query.exec(u"SELECT attstorage FROM pg_attribute WHERE attrelid = 'newsdesk.story_search'::regclass "
                       u"AND attname = 'document'"_s)
            && query.next());
    QCOMPARE(query.value(0).toString(), u"m"_s);
    QVERIFY(query.exec(u"SET enable_seqscan = off"_s));
    QVERIFY(query.exec(u"EXPLAIN SELECT story_id FROM newsdesk.story_search WHERE document @@ to_tsquery('english', '%1')"_s
                           .arg(words.at(200))));
    QString plan;
    while (query.next())
        plan += query.value(0).toString() + u'\n';
    QVERIFY2(plan.contains(u"story_search_by_document"_s), qPrintable(plan));
    QVERIFY(query.exec(u"SELECT story_id FROM newsdesk.story_search WHERE document @@ to_tsquery('english', '%1')"_s
                           .arg(words.at(200)))
            && query.next());
    QVERIFY(!query.next());
    query.finish();
    // Run again, nothing changes and nothing fails.
    QCOMPARE(TeamSetup::setUp(database, &error), TeamSetup::SetupResult::AlreadySetUp);
    QVERIFY(!outOfLine());
}

void TestTeamLibrary::addedPeopleAreHeldToTheirRole()
{
    QSqlDatabase database = office();
    QVERIFY(database.isOpen());
    QString error;
    QVERIFY2(TeamSetup::addPerson(database, u"wanda"_s, u"Wanda Writer"_s, PersonRole::Writer, &error), qPrintable(error));
    QSqlQuery story(database);
    QVERIFY(story.exec(u"INSERT INTO newsdesk.stories (slug, headline, status, created_at, updated_at) "
                       u"VALUES ('story', 'Story', 'in_review', '', '') RETURNING id"_s)
            && story.next());
    const qint64 id = story.value(u"id"_s).toLongLong();
    const QSqlDatabase wanda = connectAs(u"wanda"_s, u"office"_s);
    QVERIFY(wanda.isOpen());
    auto approve = [&] {
        QSqlQuery query(wanda);
        return query.exec(u"SELECT newsdesk.transition(%1, NULL, 'approve')"_s.arg(id));
    };
    QVERIFY(!approve());
    // Made an editor: the server lets her approve.
    QVERIFY2(TeamSetup::addPerson(database, u"wanda"_s, u"Wanda Editor"_s, PersonRole::Editor, &error), qPrintable(error));
    QVERIFY(approve());
    // And a writer again: the editor role is gone, not kept beside the writer's.
    QVERIFY(story.exec(u"UPDATE newsdesk.stories SET status = 'in_review' WHERE id = %1"_s.arg(id)));
    QVERIFY2(TeamSetup::addPerson(database, u"wanda"_s, u"Wanda Writer"_s, PersonRole::Writer, &error), qPrintable(error));
    QVERIFY(!approve());
    QSqlQuery people(database);
    QVERIFY(people.exec(u"SELECT name FROM newsdesk.people WHERE login = 'wanda'"_s) && people.next());
    QCOMPARE(people.value(u"name"_s).toString(), u"Wanda Writer"_s);
}

void TestTeamLibrary::addPersonRefusesBadLogins_data()
{
    QTest::addColumn<QString>("login");
    QTest::newRow("empty") << QString();
    QTest::newRow("SQL") << u"x; DROP SCHEMA newsdesk CASCADE; --"_s;
    QTest::newRow("quote") << u"o'brien"_s;
    QTest::newRow("capitals") << u"Walt"_s;
    QTest::newRow("space") << u"walt writer"_s;
    QTest::newRow("too long") << QString(64, u'a');
    QTest::newRow("PostgreSQL's") << u"pg_read_all_data"_s;
    QTest::newRow("the editors' group") << u"newsdesk_editor"_s;
    QTest::newRow("control character") << (u"walt"_s + QChar(0x1B));
}

void TestTeamLibrary::addPersonRefusesBadLogins()
{
    QFETCH(QString, login);
    QSqlDatabase database = office();
    QVERIFY(database.isOpen());
    QString error;
    QVERIFY(!TeamSetup::addPerson(database, login, u"Someone"_s, PersonRole::Editor, &error));
    QVERIFY(!error.isEmpty());
    QSqlQuery query(database);
    QVERIFY(query.exec(u"SELECT count(*) AS schemas FROM pg_namespace WHERE nspname = 'newsdesk'"_s) && query.next());
    QCOMPARE(query.value(u"schemas"_s).toInt(), 1);
}

void TestTeamLibrary::commandLineSetsUpAndAddsPeople()
{
    QVERIFY2(m_server.psql(u"CREATE DATABASE cli"_s), qPrintable(m_server.errorString()));
    const QString url = m_server.url(PostgresServer::superuser(), u"cli"_s);
    const auto run = [](const QStringList &arguments) { return runNewsdesk(arguments); };
    // --help is an answer, not a mistake.
    for (const QStringList &help : {QStringList{u"team"_s, u"--help"_s}, QStringList{u"people"_s, u"-h"_s}}) {
        auto [code, out, err] = run(help);
        QCOMPARE(code, 0);
        QVERIFY2(out.startsWith(u"Usage: newsdesk "_s + help.first()), qPrintable(out + err));
    }
    auto [code, out, err] = run({u"team"_s, u"setup"_s, u"--library"_s, url});
    QVERIFY2(code == 0, qPrintable(err));
    QVERIFY2(out.contains(u"set up the team library"_s), qPrintable(out));
    std::tie(code, out, err) = run({u"team"_s, u"setup"_s, u"--library"_s, url});
    QCOMPARE(code, 0);
    QVERIFY2(out.contains(u"already set up"_s), qPrintable(out));
    std::tie(code, out, err) = run({u"people"_s, u"add"_s, u"--library"_s, url, u"--login"_s, u"carl"_s, u"--role"_s, u"editor"_s,
                                    u"--name"_s, u"Carl Editor"_s});
    QVERIFY2(code == 0, qPrintable(err));
    QVERIFY2(err.isEmpty(), qPrintable(err)); // no notices from the server around our words
    QVERIFY2(out.contains(u"Carl Editor (login carl) is an editor of"_s), qPrintable(out));
    std::tie(code, out, err) = run({u"people"_s, u"add"_s, u"--library"_s, url, u"--login"_s, u"carl"_s, u"--role"_s, u"boss"_s});
    QCOMPARE(code, 2);
    // A writer's connection cannot add people: the server says no.
    QVERIFY2(m_server.psql(u"CREATE ROLE wes LOGIN IN ROLE newsdesk_writer"_s), qPrintable(m_server.errorString()));
    std::tie(code, out, err) = run({u"people"_s, u"add"_s, u"--library"_s, m_server.url(u"wes"_s, u"cli"_s), u"--login"_s,
                                    u"mallory"_s, u"--role"_s, u"editor"_s});
    QCOMPARE(code, 1);
    QVERIFY2(err.contains(u"permission denied"_s), qPrintable(err));
    // A file path is no team library.
    std::tie(code, out, err) = run({u"team"_s, u"setup"_s, u"--library"_s, u"/tmp/x.newsdesk"_s});
    QCOMPARE(code, 2);
    QVERIFY2(err.contains(u"is a file"_s), qPrintable(err));
}

// Library opens a team library by its URL as the login's person, whom no
// one can change, and refuses with words to act on: a database that is not
// set up, a login that is not among the people.
void TestTeamLibrary::libraryOpensAsTheLoginsPerson()
{
    Library library;
    const QString opened = openOffice(library, u"olga"_s, u"Olga Editor"_s, PersonRole::Editor);
    QVERIFY2(opened.isEmpty(), qPrintable(opened));
    QVERIFY(library.isTeamLibrary());
    QCOMPARE(library.actor(), u"Olga Editor"_s);
    library.setActor(u"Somebody Else"_s);
    QCOMPARE(library.actor(), u"Olga Editor"_s);
    QCOMPARE(library.dialect().engine(), SqlDialect::Engine::PostgreSQL);

    Library stranger;
    QVERIFY(!stranger.open(m_server.url(u"sam"_s, u"office"_s)));
    QCOMPARE(stranger.openError(), Library::OpenError::NotAPerson);
    QVERIFY2(stranger.errorString().contains(u"as sam, who is not among the library's people"_s), qPrintable(stranger.errorString()));

    Library bare;
    QVERIFY(!bare.open(m_server.url(PostgresServer::superuser(), u"team"_s)));
    QCOMPARE(bare.openError(), Library::OpenError::NotSetUp);
    QVERIFY2(bare.errorString().contains(u"newsdesk team setup"_s), qPrintable(bare.errorString()));

    Library nowhere;
    QVERIFY(!nowhere.open(m_server.url(u"olga"_s, u"no_such_database"_s)));
    QCOMPARE(nowhere.openError(), Library::OpenError::CannotConnect);
    // Closed, the object is an SQLite library's again.
    library.close();
    QVERIFY(!library.isTeamLibrary());
    QCOMPARE(library.dialect().engine(), SqlDialect::Engine::SQLite);
}

// A login whose server asks for a password: refused without one or with a
// wrong one (NeedsPassword, with the server's words), and with the right one
// the library opens and every connection it makes (the listener, a
// reconnection) uses it. The command line takes libpq's PGPASSWORD.
void TestTeamLibrary::aPasswordIsAskedForAndUsedByEveryConnection()
{
    QSqlDatabase database = office();
    QVERIFY(database.isOpen());
    QString error;
    QVERIFY2(TeamSetup::addPerson(database, u"pia"_s, u"Pia Writer"_s, PersonRole::Writer, &error), qPrintable(error));
    QVERIFY2(m_server.requirePassword(u"pia"_s, u"correct horse"_s), qPrintable(m_server.errorString()));
    const QString url = m_server.url(u"pia"_s, u"office"_s);
    Library library;
    QVERIFY(!library.open(url));
    QCOMPARE(library.openError(), Library::OpenError::NeedsPassword);
    QVERIFY(!library.open(url, u"wrong"_s));
    QCOMPARE(library.openError(), Library::OpenError::NeedsPassword);
    QVERIFY2(library.errorString().contains(u"password authentication failed"_s), qPrintable(library.errorString()));
    QVERIFY2(library.open(url, u"correct horse"_s), qPrintable(library.errorString()));
    QCOMPARE(library.actor(), u"Pia Writer"_s);
    QVERIFY(library.hasLiveUpdates());
    QSignalSpy renewed(&library, &Library::sessionRenewed);
    QSqlQuery kill(database);
    QVERIFY(kill.exec(u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'pia'"_s));
    QTRY_COMPARE_WITH_TIMEOUT(renewed.count(), 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(library.hasLiveUpdates(), 10000);
    const std::optional<Story> filed = StoryRepository(&library).create(Story{.headline = u"Filed with a password"_s});
    QVERIFY(filed);
    // Another library object knows nothing of it.
    library.close();
    QVERIFY(!library.open(url));

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(u"PGPASSWORD"_s);
    environment.remove(u"DBUS_SESSION_BUS_ADDRESS"_s); // no secret store either
    const QStringList render{u"render"_s, u"--library"_s, url, u"--story"_s, QString::number(filed->id)};
    auto [code, out, err] = runNewsdesk(render, environment);
    QVERIFY(code != 0);
    QVERIFY2(err.contains(u"PGPASSWORD"_s), qPrintable(err));
    environment.insert(u"PGPASSWORD"_s, u"correct horse"_s);
    std::tie(code, out, err) = runNewsdesk(render, environment);
    QVERIFY2(code == 0, qPrintable(err));
    QVERIFY2(out.contains(u"Filed with a password"_s), qPrintable(out));
}

// --library takes the URL on every story command: a writer imports and
// renders; the server, not the command line, stops them from approving.
void TestTeamLibrary::commandLineWorksOnATeamLibrary()
{
    QSqlDatabase database = office();
    QVERIFY(database.isOpen());
    QString error;
    QVERIFY2(TeamSetup::addPerson(database, u"pat"_s, u"Pat Writer"_s, PersonRole::Writer, &error), qPrintable(error));
    const QString url = m_server.url(u"pat"_s, u"office"_s);
    QTemporaryDir dir;
    QFile markdown(dir.filePath(u"story.md"_s));
    QVERIFY(markdown.open(QIODevice::WriteOnly));
    markdown.write("---\nheadline: Team Library Story\nstatus: approved\n---\n\nA paragraph from the field.\n");
    markdown.close();
    const auto run = [](const QStringList &arguments) { return runNewsdesk(arguments); };
    auto [code, out, err] = run({u"import"_s, u"--library"_s, url, markdown.fileName()});
    QVERIFY2(code == 0, qPrintable(err + out));
    QSqlQuery story(database);
    QVERIFY(story.exec(u"SELECT id, status, created_by FROM newsdesk.stories WHERE headline = 'Team Library Story'"_s) && story.next());
    // A writer's import of an approved story comes in for review, as the
    // writer, whatever the file says.
    QCOMPARE(story.value(u"status"_s).toString(), u"in_review"_s);
    QCOMPARE(story.value(u"created_by"_s).toString(), u"Pat Writer"_s);
    const QString id = story.value(u"id"_s).toString();
    std::tie(code, out, err) = run({u"render"_s, u"--library"_s, url, u"--story"_s, id, u"--fragment"_s});
    QVERIFY2(code == 0, qPrintable(err));
    QVERIFY2(out.contains(u"A paragraph from the field."_s), qPrintable(out));
    QSqlQuery audit(database);
    QVERIFY(audit.exec(u"SELECT actor FROM newsdesk.audit_log WHERE entity = 'story' AND entity_id = %1 AND action = 'import'"_s.arg(id))
            && audit.next());
    QCOMPARE(audit.value(0).toString(), u"Pat Writer"_s);
}

// Two desks on one team library: what one saves, approves or places, the
// other's library announces within a second (LISTEN/NOTIFY), so its story
// list, media panel and review queue refresh.
void TestTeamLibrary::otherDesksSeeChangesWithinASecond()
{
    Library editorDesk, writerDesk;
    for (const QString &opened : {openOffice(editorDesk, u"lena"_s, u"Lena Editor"_s, PersonRole::Editor),
                                  openOffice(writerDesk, u"wyatt"_s, u"Wyatt Writer"_s, PersonRole::Writer)})
        QVERIFY2(opened.isEmpty(), qPrintable(opened));
    QVERIFY(editorDesk.hasLiveUpdates() && writerDesk.hasLiveUpdates());

    QSignalSpy editorSawStories(&editorDesk, &Library::storiesChanged);
    std::optional<Story> story = StoryRepository(&writerDesk).create(Story{.headline = u"From the writer's desk"_s});
    QVERIFY(story);
    QTRY_VERIFY_WITH_TIMEOUT(editorSawStories.count() > 0, 1000);

    PhotoRepository writersPhotos(&writerDesk);
    std::optional<Photo> photo = writersPhotos.add(Photo{.virin = u"250306-D-PM193-1268K"_s, .caption = u"A caption."_s},
                                                   QByteArray("image"), u"image/jpeg"_s, QSize(1, 1), {});
    QVERIFY(photo);
    QVERIFY(writersPhotos.attach(story->id, photo->id));
    QSignalSpy writerSawPhotos(&writerDesk, &Library::photosChanged);
    Photo seen = *PhotoRepository(&editorDesk).load(photo->id);
    QCOMPARE(PhotoRepository(&editorDesk).decideCaption(seen, CaptionApproval::Approved), PhotoRepository::SaveResult::Saved);
    QTRY_VERIFY_WITH_TIMEOUT(writerSawPhotos.contains(QVariantList{photo->id}), 1000);
    QCOMPARE(PhotoRepository(&writerDesk).load(photo->id)->approval, CaptionApproval::Approved);
}

// Anyone may NOTIFY on the channel: a writer's 3,000 forged notices in one
// transaction (or a batch that changes thousands of rows) reach every desk,
// which passes them on as a handful of signals, not 3,000 list refreshes.
void TestTeamLibrary::aFloodOfNewsIsPassedOnOnce()
{
    Library desk;
    const QString opened = openOffice(desk, u"lena"_s, u"Lena Editor"_s, PersonRole::Editor);
    QVERIFY2(opened.isEmpty(), qPrintable(opened));
    QVERIFY(desk.hasLiveUpdates());
    QString error;
    QVERIFY2(TeamSetup::addPerson(office(), u"flo"_s, u"Flo Writer"_s, PersonRole::Writer, &error), qPrintable(error));
    QSqlQuery writer(connectAs(u"flo"_s, u"office"_s));
    QSignalSpy stories(&desk, &Library::storiesChanged);
    QSignalSpy photos(&desk, &Library::photosChanged);
    QSignalSpy glossary(&desk, &Library::glossaryChanged);
    // Distinct payloads (the server folds equal ones in a transaction); the
    // glossary's last, so that once it is passed on all of them have been.
    const QString channel = QString::fromLatin1(PostgresDialect::changesChannel);
    QVERIFY2(writer.exec(u"SELECT count(pg_notify('%1', json_build_object('table', CASE WHEN g % 2 = 0 THEN 'stories' "
                         u"ELSE 'photos' END, 'id', g::text, 'pid', 0)::text)) FROM generate_series(1, 3000) AS g"_s
                             .arg(channel))
                 && writer.exec(u"SELECT pg_notify('%1', '{\"table\": \"glossary\", \"pid\": 0}')"_s.arg(channel)),
             qPrintable(writer.lastError().text()));
    QTRY_COMPARE_WITH_TIMEOUT(glossary.count(), 1, 5000);
    QVERIFY2(stories.count() >= 1 && stories.count() <= 3, qPrintable(QString::number(stories.count())));
    QVERIFY2(photos.count() >= 1 && photos.count() <= 3, qPrintable(QString::number(photos.count())));
    QCOMPARE(photos.constLast().constFirst().toLongLong(), 0); // several photos: any
}

// The listening connection dies (a network drop, a server restart): the
// library says so, reconnects, says so again and asks everything to refresh.
void TestTeamLibrary::liveUpdatesComeBackAfterTheConnectionDrops()
{
    QSqlDatabase database = office();
    QVERIFY(database.isOpen());
    Library desk;
    const QString opened = openOffice(desk, u"lena"_s, u"Lena Editor"_s, PersonRole::Editor);
    QVERIFY2(opened.isEmpty(), qPrintable(opened));
    QVERIFY(desk.hasLiveUpdates());
    QSignalSpy live(&desk, &Library::liveUpdatesChanged);
    QSignalSpy caughtUp(&desk, &Library::storiesChanged);
    QSqlQuery kill(database);
    QVERIFY2(kill.exec(u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'lena' "
                       u"AND pid <> (SELECT pid FROM pg_stat_activity WHERE usename = 'lena' ORDER BY backend_start LIMIT 1)"_s),
             qPrintable(kill.lastError().text()));
    QTRY_VERIFY_WITH_TIMEOUT(live.contains(QVariantList{false}), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(live.contains(QVariantList{true}), 10000);
    QVERIFY(desk.hasLiveUpdates());
    QVERIFY(caughtUp.count() > 0);
    // And it hears again.
    caughtUp.clear();
    QVERIFY(kill.exec(u"UPDATE newsdesk.stories SET headline = headline || '.' WHERE id = (SELECT max(id) FROM newsdesk.stories)"_s));
    QTRY_VERIFY_WITH_TIMEOUT(caughtUp.count() > 0, 1000);
}

// A desk that lost its connections makes them again and catches up from the
// audit log with what other desks did meanwhile; its edit lock, gone with
// its old session, is taken again, or reported lost when another desk took
// the story in the gap. The gap is held open by refusing the login, so the
// other desk's changes surely fall in it.
void TestTeamLibrary::aDroppedDeskCatchesUpFromTheAuditLog()
{
    QSqlDatabase database = office();
    QVERIFY(database.isOpen());
    Library desk;
    Library other;
    for (const QString &opened : {openOffice(desk, u"dora"_s, u"Dora Writer"_s, PersonRole::Writer),
                                  openOffice(other, u"omar"_s, u"Omar Editor"_s, PersonRole::Editor)})
        QVERIFY2(opened.isEmpty(), qPrintable(opened));
    StoryRepository stories(&desk);
    const std::optional<Story> kept = stories.create(Story{.headline = u"Kept through the gap"_s});
    const std::optional<Story> taken = stories.create(Story{.headline = u"Taken in the gap"_s});
    QVERIFY2(kept && taken, qPrintable(stories.errorString()));
    LockKeeper keeper;
    keeper.setLibrary(&desk);
    QCOMPARE(keeper.acquire(kept->id), StoryLocks::Result::Acquired);
    QSignalSpy live(&desk, &Library::liveUpdatesChanged);
    QSignalSpy renewed(&desk, &Library::sessionRenewed);
    QSignalSpy caughtUp(&desk, &Library::caughtUp);
    QSignalSpy lost(&keeper, &LockKeeper::lockLost);

    QSqlQuery admin(database);
    QVERIFY(admin.exec(u"ALTER ROLE dora NOLOGIN"_s));
    auto allowLogin = qScopeGuard([&] { QSqlQuery(database).exec(u"ALTER ROLE dora LOGIN"_s); });
    QVERIFY(admin.exec(u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'dora'"_s));
    QTRY_VERIFY_WITH_TIMEOUT(live.contains(QVariantList{false}), 10000);
    QVERIFY(!desk.hasLiveUpdates());

    // Meanwhile, on the other desk: a new story, and the gap's story taken.
    QVERIFY(StoryRepository(&other).create(Story{.headline = u"Written while Dora was away"_s}));
    QCOMPARE(StoryLocks(&other).acquire(taken->id), StoryLocks::Result::Acquired);
    QCOMPARE(StoryLocks(&other).release(taken->id), true);
    StoryLock held;
    QCOMPARE(StoryLocks(&other).acquire(kept->id, &held), StoryLocks::Result::Acquired); // Dora's session is gone
    QVERIFY(StoryLocks(&other).release(kept->id));
    std::optional<Story> renamed = StoryRepository(&other).load(taken->id);
    QVERIFY(renamed);
    renamed->headline = u"Renamed while Dora was away"_s;
    QCOMPARE(StoryRepository(&other).save(*renamed), StoryRepository::SaveResult::Saved);
    QCOMPARE(StoryLocks(&other).acquire(kept->id), StoryLocks::Result::Acquired);
    QVERIFY(caughtUp.isEmpty());

    allowLogin.dismiss();
    QVERIFY(admin.exec(u"ALTER ROLE dora LOGIN"_s));
    QTRY_VERIFY_WITH_TIMEOUT(caughtUp.count() == 1, 10000);
    QVERIFY(desk.hasLiveUpdates());
    QCOMPARE(renewed.count(), 1);
    const auto missed = caughtUp.constFirst().constFirst().value<QList<AuditEntry>>();
    QStringList seen;
    for (const AuditEntry &entry : missed) {
        QCOMPARE(entry.actor, u"Omar Editor"_s);
        seen << entry.action + u' ' + QString::number(entry.entityId);
    }
    QVERIFY2(seen.contains(u"save "_s + QString::number(taken->id)), qPrintable(seen.join(u", "_s)));
    QVERIFY2(std::any_of(missed.cbegin(), missed.cend(), [](const AuditEntry &e) { return e.action == u"create"_s; }),
             qPrintable(seen.join(u", "_s)));
    // Omar holds Dora's story now: the keeper says so instead of holding on.
    QCOMPARE(lost.count(), 1);
    QCOMPARE(lost.constFirst().at(0).toLongLong(), kept->id);
    QCOMPARE(keeper.heldStory(), 0);
    // And the desk works again on its new session.
    std::optional<Story> again = stories.load(taken->id);
    QVERIFY(again);
    QCOMPARE(again->headline, u"Renamed while Dora was away"_s);
    QVERIFY(StoryLocks(&other).release(kept->id));
    QCOMPARE(keeper.acquire(kept->id), StoryLocks::Result::Acquired);
    QCOMPARE(StoryLocks(&other).acquire(kept->id, &held), StoryLocks::Result::HeldByOther);
    QCOMPARE(held.holder, u"Dora Writer"_s);
}

// An edit lock is its database session's: another desk cannot take it, not
// even by writing the row over a raw connection, and it is free the moment
// the holder's session ends (a crashed desk, a pulled cable), with no
// heartbeat timeout to wait for.
void TestTeamLibrary::aLockDiesWithItsSession()
{
    QSqlDatabase database = office();
    QVERIFY(database.isOpen());
    auto holder = std::make_unique<Library>();
    Library other;
    for (const QString &opened : {openOffice(*holder, u"hana"_s, u"Hana Writer"_s, PersonRole::Writer),
                                  openOffice(other, u"wyatt"_s, u"Wyatt Writer"_s, PersonRole::Writer)})
        QVERIFY2(opened.isEmpty(), qPrintable(opened));
    const std::optional<Story> story = StoryRepository(holder.get()).create(Story{.headline = u"Locked story"_s});
    QVERIFY(story);
    QCOMPARE(StoryLocks(holder.get()).acquire(story->id), StoryLocks::Result::Acquired);
    StoryLock lock;
    QCOMPARE(StoryLocks(&other).acquire(story->id, &lock), StoryLocks::Result::HeldByOther);
    QCOMPARE(lock.holder, u"Hana Writer"_s);
    QCOMPARE(lock.sessionAlive, std::optional(true));
    // Only an editor takes a live desk's story over.
    QCOMPARE(StoryLocks(&other).takeOver(story->id), StoryLocks::Result::NotAllowed);
    {
        Library editor;
        const QString opened = openOffice(editor, u"edna"_s, u"Edna Editor"_s, PersonRole::Editor);
        QVERIFY2(opened.isEmpty(), qPrintable(opened));
        QCOMPARE(StoryLocks(&editor).takeOver(story->id), StoryLocks::Result::Acquired);
        QCOMPARE(StoryLocks(&editor).lockOf(story->id)->holder, u"Edna Editor"_s);
        const QList<AuditEntry> trail = editor.auditTrail(u"story"_s, story->id);
        const AuditEntry taken = trail.constLast();
        QCOMPARE(taken.action, u"lock-taken-over"_s);
        QCOMPARE(taken.actor, u"Edna Editor"_s);
        QCOMPARE(taken.detail, StoryLocks::takenOverDetail(u"Hana Writer"_s, StoryLocks::currentHost()));
        // Recorded once: by the server, not again by the desk.
        QCOMPARE(std::count_if(trail.cbegin(), trail.cend(), [](const AuditEntry &entry) { return entry.action == u"lock-taken-over"_s; }),
                 1);
        QVERIFY(StoryLocks(&editor).release(story->id));
    }
    QCOMPARE(StoryLocks(holder.get()).acquire(story->id), StoryLocks::Result::Acquired);
    QSqlQuery raw(connectAs(u"wyatt"_s, u"office"_s));
    QVERIFY(!raw.exec(u"DELETE FROM newsdesk.story_locks WHERE story_id = %1"_s.arg(story->id)));
    QCOMPARE(raw.lastError().nativeErrorCode(), u"42501"_s);

    // Hana's desk goes away without a word: its sessions end.
    QSqlQuery kill(database);
    QVERIFY(kill.exec(u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'hana'"_s));
    QTRY_VERIFY_WITH_TIMEOUT(StoryLocks(&other).lockOf(story->id).value_or(StoryLock{}).sessionAlive == std::optional(false), 5000);
    QCOMPARE(StoryLocks(&other).acquire(story->id), StoryLocks::Result::Acquired);
    QCOMPARE(StoryLocks(&other).lockOf(story->id)->holder, u"Wyatt Writer"_s);
    QCOMPARE(other.auditTrail(u"story"_s, story->id).constLast().action, u"lock-recovered"_s);
    holder.reset();
}

// While someone holds a table (the administrator's `team setup` migrating it,
// LOCK TABLE over psql), a desk's statement cannot even be prepared: the
// server parses it under a lock on every table it names. The desk waits its
// busy timeout, then says the library is busy, and loses nothing: once the
// table is free the same save goes through. (Qt's driver would otherwise
// run the statement that was never prepared and report a syntax error.)
// Taking a live desk's story over is recorded by the server (format 4),
// however the editor does it: psql changing or deleting the lock writes
// the same entry as Review ▸ Take Over Editing…. Taking one's own lock
// again, or a dead session's, is no take-over.
void TestTeamLibrary::theServerRecordsATakeOver()
{
    Library desk;
    const QString opened = openOffice(desk, u"hedy"_s, u"Hedy Writer"_s, PersonRole::Writer);
    QVERIFY2(opened.isEmpty(), qPrintable(opened));
    QString error;
    QVERIFY2(TeamSetup::addPerson(office(), u"edwin"_s, u"Edwin Editor"_s, PersonRole::Editor, &error), qPrintable(error));
    const std::optional<Story> story = StoryRepository(&desk).create(Story{.headline = u"Taken"_s});
    QVERIFY(story);
    const auto takeOvers = [&] {
        QSqlQuery query(office());
        return query.exec(u"SELECT string_agg(actor || ': ' || detail, ' | ' ORDER BY id) FROM newsdesk.audit_log "
                          u"WHERE action = 'lock-taken-over' AND entity = 'story' AND entity_id = %1"_s.arg(story->id))
                && query.next()
            ? query.value(0).toString()
            : u"(cannot read)"_s;
    };
    const QString fromHedy = u"Edwin Editor: "_s + StoryLocks::takenOverDetail(u"Hedy Writer"_s, StoryLocks::currentHost());
    QSqlDatabase editor = connectAs(u"edwin"_s, u"office"_s);
    QSqlQuery raw(editor);

    QCOMPARE(StoryLocks(&desk).acquire(story->id), StoryLocks::Result::Acquired);
    QVERIFY2(raw.exec(u"UPDATE newsdesk.story_locks SET holder = '', session = 'psql', host = 'psql', pid = 1 WHERE story_id = %1"_s.arg(story->id)),
             qPrintable(raw.lastError().text()));
    QCOMPARE(raw.numRowsAffected(), 1);
    QCOMPARE(takeOvers(), fromHedy);
    // His own lock, let go: nothing more.
    QVERIFY(raw.exec(u"DELETE FROM newsdesk.story_locks WHERE story_id = %1"_s.arg(story->id)));
    QCOMPARE(takeOvers(), fromHedy);
    // Hedy's again, deleted: recorded again.
    QCOMPARE(StoryLocks(&desk).acquire(story->id), StoryLocks::Result::Acquired);
    QVERIFY(StoryLocks(&desk).heartbeat()); // her own desk: nothing
    QVERIFY(raw.exec(u"DELETE FROM newsdesk.story_locks WHERE story_id = %1"_s.arg(story->id)));
    QCOMPARE(raw.numRowsAffected(), 1);
    QCOMPARE(takeOvers(), fromHedy + u" | "_s + fromHedy);
    // Edwin's desk's lock, taken by Edwin on another connection: his own.
    Library edwinsDesk;
    QVERIFY2(edwinsDesk.open(m_server.url(u"edwin"_s, u"office"_s)), qPrintable(edwinsDesk.errorString()));
    QCOMPARE(StoryLocks(&edwinsDesk).acquire(story->id), StoryLocks::Result::Acquired);
    QVERIFY(raw.exec(u"UPDATE newsdesk.story_locks SET session = 'psql' WHERE story_id = %1"_s.arg(story->id)));
    QCOMPARE(raw.numRowsAffected(), 1);
    QCOMPARE(takeOvers(), fromHedy + u" | "_s + fromHedy);
    // Nor can an editor record one in someone else's name: the entry is the caller's.
    QSqlQuery entries(office());
    QVERIFY(entries.exec(u"SELECT count(*) FROM newsdesk.audit_log WHERE action = 'lock-taken-over' AND actor <> 'Edwin Editor' "
                         u"AND entity_id = %1"_s.arg(story->id))
            && entries.next());
    QCOMPARE(entries.value(0).toInt(), 0);
}

void TestTeamLibrary::aLockedTableIsBusyNotAnError()
{
    QSqlDatabase database = office();
    QVERIFY(database.isOpen());
    Library desk;
    desk.setBusyTimeout(300);
    const QString opened = openOffice(desk, u"hana"_s, u"Hana Writer"_s, PersonRole::Writer);
    QVERIFY2(opened.isEmpty(), qPrintable(opened));
    StoryRepository stories(&desk);
    std::optional<Story> story = stories.create(Story{.headline = u"Held table"_s});
    QVERIFY(story);
    story->body = u"Words written while the table was held."_s;

    QSqlDatabase holder = connectAs(PostgresServer::superuser(), u"office"_s);
    QVERIFY(holder.isOpen());
    QSqlQuery lock(holder);
    QVERIFY(holder.transaction());
    QVERIFY2(lock.exec(u"LOCK TABLE newsdesk.stories IN ACCESS EXCLUSIVE MODE"_s), qPrintable(lock.lastError().text()));
    QCOMPARE(stories.save(*story), StoryRepository::SaveResult::Failed);
    QVERIFY2(stories.errorString().contains(u"busy"_s), qPrintable(stories.errorString()));
    QVERIFY2(!stories.errorString().contains(u"syntax"_s), qPrintable(stories.errorString()));
    QVERIFY(stories.find(QString::number(story->id)) == std::nullopt);
    QVERIFY2(stories.errorString().contains(u"busy"_s), qPrintable(stories.errorString()));
    QVERIFY(holder.rollback());

    QCOMPARE(stories.save(*story), StoryRepository::SaveResult::Saved);
    QCOMPARE(stories.find(QString::number(story->id))->body, story->body);
}

// Every row of every table, as text, in a stable order: what a copy must keep.
static QStringList dump(const QSqlDatabase &database)
{
    const QList<std::pair<QString, QString>> tables{
        {u"people"_s, u"name, title, role, login, created_at"_s},
        {u"stories"_s, u"*"_s},
        {u"images"_s, u"*"_s},
        {u"photos"_s, u"*"_s},
        {u"story_photos"_s, u"*"_s},
        {u"caption_approvals"_s, u"*"_s},
        {u"revisions"_s, u"*"_s},
        {u"comments"_s, u"*"_s},
        {u"story_names"_s, u"*"_s},
        {u"audit_log"_s, u"*"_s},
        {u"library_settings"_s, u"*"_s},
    };
    QStringList lines;
    for (const auto &[table, columns] : tables) {
        QSqlQuery query(database);
        if (!query.exec(u"SELECT %1 FROM %2 ORDER BY 1, 2"_s.arg(columns, table))) {
            lines << table + u": "_s + query.lastError().text();
            continue;
        }
        while (query.next()) {
            QStringList fields;
            const QSqlRecord record = query.record();
            for (int i = 0; i < record.count(); ++i) {
                const QVariant value = query.value(i);
                const QString text = value.metaType().id() == QMetaType::QByteArray ? QString::fromLatin1(value.toByteArray().toHex())
                                                                                     : value.toString();
                fields << record.fieldName(i) + u'=' + (value.isNull() ? u"NULL"_s : text);
            }
            lines << table + u": "_s + fields.join(u" | "_s);
        }
    }
    return lines;
}

// A library taken into the field and brought back: file → team library →
// file, and every row of every table is what it was; on the team library the
// story is found by its words, as the index was rebuilt.
void TestTeamLibrary::copyLibraryRoundTripLosesNothing()
{
    QTemporaryDir dir;
    const QString original = dir.filePath(u"field.newsdesk"_s), back = dir.filePath(u"back.newsdesk"_s);
    const auto run = [](const QStringList &arguments) { return runNewsdesk(arguments); };
    auto [code, out, err] = run({u"init"_s, u"--library"_s, original, u"--sample"_s, u"--name"_s, u"Field Editor"_s});
    QVERIFY2(code == 0, qPrintable(err));
    {
        // History worth keeping: a decision, a comment, a revision, a name.
        Library library;
        QVERIFY(library.open(original));
        library.setActor(u"Field Editor"_s);
        PhotoRepository photos(&library);
        Photo photo = photos.photosOfStory(1).value(0);
        QVERIFY(photo.id > 0);
        QCOMPARE(photos.decideCaption(photo, CaptionApproval::ChangesRequested, u"Name the unit."_s), PhotoRepository::SaveResult::Saved);
        StoryRepository stories(&library);
        Story story = *stories.load(1);
        story.body += u"\n\nA paragraph written in the field."_s;
        QCOMPARE(stories.save(story), StoryRepository::SaveResult::Saved);
        QVERIFY(stories.addAcceptedName(1, u"Healey"_s));
        // More stories than copy-library writes in two statements (it
        // batches rows), so that full batches and a partial one are copied.
        for (int i = 0; i < 450; ++i)
            QVERIFY(stories.create(Story{.headline = u"Field report %1"_s.arg(i), .body = u"Convoy number %1 arrived."_s.arg(i)}));
    }
    QVERIFY2(m_server.psql(u"CREATE DATABASE field"_s), qPrintable(m_server.errorString()));
    const QString team = m_server.url(PostgresServer::superuser(), u"field"_s);
    std::tie(code, out, err) = run({u"team"_s, u"setup"_s, u"--library"_s, team});
    QVERIFY2(code == 0, qPrintable(err));
    std::tie(code, out, err) = run({u"copy-library"_s, u"--from"_s, original, u"--to"_s, team});
    QVERIFY2(code == 0, qPrintable(err));
    QVERIFY2(out.contains(u"photos: 3"_s), qPrintable(out));
    // Into a library that holds something already: refused, nothing written.
    std::tie(code, out, err) = run({u"copy-library"_s, u"--from"_s, original, u"--to"_s, team});
    QCOMPARE(code, 1);
    QVERIFY2(err.contains(u"copy into an empty library"_s), qPrintable(err));
    std::tie(code, out, err) = run({u"copy-library"_s, u"--from"_s, team, u"--to"_s, back});
    QVERIFY2(code == 0, qPrintable(err));
    // Never over a file.
    std::tie(code, out, err) = run({u"copy-library"_s, u"--from"_s, team, u"--to"_s, back});
    QCOMPARE(code, 1);

    Library first, last;
    QVERIFY(first.open(original));
    QVERIFY(last.open(back));
    const QStringList before = dump(first.database()), after = dump(last.database());
    QVERIFY(before.size() > 20);
    for (qsizetype i = 0; i < std::max(before.size(), after.size()); ++i)
        QCOMPARE(after.value(i), before.value(i));

    // The team library's search copy, which the server made anew, holds
    // what the file's did: each story's text and its photos' titles and
    // captions.
    const auto searchCopies = [](const QSqlDatabase &database, const QString &sql) {
        QStringList rows;
        QSqlQuery query(database);
        if (!query.exec(sql))
            return QStringList{query.lastError().text()};
        while (query.next())
            rows << QStringList{query.value(0).toString(), query.value(1).toString(), query.value(2).toString(),
                                query.value(3).toString(), query.value(4).toString()}
                        .join(u" | "_s);
        return rows;
    };
    const QStringList fileCopies
        = searchCopies(first.database(), u"SELECT rowid, headline, dek, body, captions FROM story_search ORDER BY rowid"_s);
    QCOMPARE(fileCopies.size(), 451);
    QVERIFY(fileCopies.constFirst().contains(u"A paragraph written in the field."_s));
    QCOMPARE(searchCopies(connectAs(PostgresServer::superuser(), u"field"_s),
                          u"SELECT story_id, headline, dek, body, captions FROM newsdesk.story_search ORDER BY story_id"_s),
             fileCopies);

    // Its indexes are those of a library set up anew: the copy builds the
    // search index after the rows, and builds it again.
    QVERIFY2(m_server.psql(u"CREATE DATABASE fresh"_s), qPrintable(m_server.errorString()));
    std::tie(code, out, err) = run({u"team"_s, u"setup"_s, u"--library"_s, m_server.url(PostgresServer::superuser(), u"fresh"_s)});
    QVERIFY2(code == 0, qPrintable(err));
    const auto indexes = [this](const QString &database) {
        QStringList definitions;
        QSqlQuery query(connectAs(PostgresServer::superuser(), database));
        query.exec(u"SELECT indexdef FROM pg_indexes WHERE schemaname = 'newsdesk' ORDER BY indexdef"_s);
        while (query.next())
            definitions << query.value(0).toString();
        return definitions;
    };
    QVERIFY(indexes(u"fresh"_s).contains(u"CREATE INDEX story_search_by_document ON newsdesk.story_search USING gin (document)"_s));
    QCOMPARE(indexes(u"field"_s), indexes(u"fresh"_s));

    // On the team library, as the person the copy made of the field editor
    // (with the login init gave them: the account that ran it).
    QSqlQuery login(connectAs(PostgresServer::superuser(), u"field"_s));
    QVERIFY(login.exec(u"SELECT login FROM newsdesk.person_records WHERE name = 'Field Editor'"_s) && login.next());
    Library desk;
    QVERIFY2(desk.open(m_server.url(login.value(0).toString(), u"field"_s)), qPrintable(desk.errorString()));
    QCOMPARE(desk.actor(), u"Field Editor"_s);
    const QList<SearchHit> hits = StoryRepository(&desk).search(u"written in the field"_s);
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits.constFirst().storyId, 1);
    // New stories number after the copied ones.
    QCOMPARE(StoryRepository(&desk).create(Story{.headline = u"After the copy"_s})->id, 452);
}

QTEST_GUILESS_MAIN(TestTeamLibrary)
#include "tst_teamlibrary.moc"
