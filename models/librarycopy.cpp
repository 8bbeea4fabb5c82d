// SPDX-License-Identifier: MIT
#include "librarycopy.h"

#include "library.h"
#include "librarylocation.h"
#include "people.h"
#include "postgresdialect.h"
#include "sqlquery.h"
#include "storyrepository.h"
#include "teamsetup.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <atomic>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace LibraryCopy {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("LibraryCopy", text);
}

bool fail(QString *errorString, const QString &message)
{
    if (errorString)
        *errorString = message;
    return false;
}

// The tables in the order their references need, each with the columns both
// engines give it. Not copied: the search index (rebuilt), edit locks
// (sessions of the source), people (below), and a team library's own
// tables (its format, rules and transitions come with its setup).
const QList<std::pair<QString, QStringList>> &tables()
{
    static const QList<std::pair<QString, QStringList>> list{
        {u"stories"_s,
         {u"id"_s, u"slug"_s, u"headline"_s, u"dek"_s, u"byline"_s, u"dateline"_s, u"body"_s, u"status"_s, u"created_at"_s,
          u"created_by"_s, u"updated_at"_s, u"updated_by"_s, u"row_version"_s, u"correction_note"_s, u"embargo_until"_s,
          u"published_at"_s}},
        {u"images"_s, {u"hash"_s, u"data"_s, u"mime_type"_s, u"width"_s, u"height"_s, u"byte_size"_s, u"created_at"_s}},
        {u"photos"_s,
         {u"id"_s, u"image_hash"_s, u"thumbnail"_s, u"file_name"_s, u"virin"_s, u"title"_s, u"caption"_s, u"alt_text"_s,
          u"credit"_s, u"photographer"_s, u"unit"_s, u"operation"_s, u"date_shot"_s, u"city"_s, u"sublocation"_s, u"state"_s,
          u"country"_s, u"country_code"_s, u"keywords"_s, u"release_state"_s, u"release_authority"_s, u"caption_writer"_s,
          u"command_shown"_s, u"creator_email"_s, u"creator_phone"_s, u"decorative"_s, u"approval_state"_s, u"created_at"_s, u"updated_at"_s, u"updated_by"_s, u"row_version"_s}},
        {u"story_photos"_s, {u"story_id"_s, u"photo_id"_s, u"position"_s}},
        {u"caption_approvals"_s,
         {u"id"_s, u"photo_id"_s, u"decision"_s, u"caption"_s, u"alt_text"_s, u"reviewed"_s, u"comment"_s, u"decided_by"_s,
          u"decided_at"_s}},
        {u"revisions"_s,
         {u"id"_s, u"story_id"_s, u"row_version"_s, u"kind"_s, u"headline"_s, u"dek"_s, u"byline"_s, u"dateline"_s, u"body"_s,
          u"correction_note"_s, u"status"_s, u"created_at"_s, u"created_by"_s}},
        {u"comments"_s, {u"id"_s, u"entity"_s, u"entity_id"_s, u"body"_s, u"author"_s, u"created_at"_s}},
        {u"story_names"_s, {u"story_id"_s, u"name"_s}},
        {u"glossary"_s, {u"id"_s, u"code"_s, u"text"_s, u"created_at"_s, u"created_by"_s}},
        {u"audit_log"_s, {u"id"_s, u"at"_s, u"actor"_s, u"action"_s, u"entity"_s, u"entity_id"_s, u"detail"_s}},
        {u"library_settings"_s, {u"key"_s, u"value"_s}},
        {u"photo_templates"_s,
         {u"id"_s, u"name"_s, u"photographer"_s, u"unit"_s, u"credit"_s, u"operation"_s, u"city"_s, u"sublocation"_s,
          u"state"_s, u"country"_s, u"country_code"_s, u"keywords"_s, u"release_authority"_s, u"command_shown"_s,
          u"creator_email"_s, u"creator_phone"_s, u"created_at"_s, u"updated_at"_s, u"updated_by"_s, u"row_version"_s}},
    };
    return list;
}

QString uniqueName()
{
    static std::atomic<int> counter{0};
    return u"newsdesk-copy-%1"_s.arg(++counter);
}

// One end of the copy: a file opened through Library (which creates and
// migrates it), or a team library through its own connection as the login
// the URL names, with the newsdesk schema first on the search path.
class End
{
public:
    ~End()
    {
        m_library.reset();
        if (!m_connection.isEmpty()) {
            QSqlDatabase::database(m_connection, false).close();
            QSqlDatabase::removeDatabase(m_connection);
        }
    }

    bool open(const QString &text, bool target, QString *errorString)
    {
        const std::optional<LibraryLocation> location = LibraryLocation::parse(text, errorString);
        if (!location)
            return false;
        m_shown = location->displayName();
        m_team = location->isTeamLibrary();
        if (!m_team) {
            const QFileInfo info(location->path());
            if (target && (info.exists() || info.isSymLink()))
                return fail(errorString, tr("%1 exists; copy into a new file, so that nothing is written over.").arg(location->path()));
            if (!target && !info.isFile())
                return fail(errorString, tr("there is no library at %1").arg(location->path()));
            m_library = std::make_unique<Library>();
            if (!m_library->open(location->path()))
                return fail(errorString, m_library->errorString());
            m_createdFile = target ? location->path() : QString();
            return true;
        }
        m_connection = uniqueName();
        if (!TeamSetup::open(*location, m_connection, errorString))
            return false;
        SqlQuery query(database());
        if (!query.exec(u"SELECT value FROM newsdesk.library_info WHERE key = 'schema_version'"_s) || !query.next())
            return fail(errorString, tr("%1 is not set up as a team library (newsdesk team setup), or this login may not read it: %2")
                                         .arg(m_shown, PostgresDialect::serverMessage(query.lastError())));
        if (query.value(0).toInt() != PostgresDialect::currentSchemaVersion)
            return fail(errorString, tr("%1 is in team library format %2; this Newsdesk copies format %3.")
                                         .arg(m_shown)
                                         .arg(query.value(0).toInt())
                                         .arg(PostgresDialect::currentSchemaVersion));
        if (!query.exec(u"SET search_path = newsdesk, pg_temp"_s))
            return fail(errorString, PostgresDialect::serverMessage(query.lastError()));
        return true;
    }

    QSqlDatabase database() const { return m_library ? m_library->database() : QSqlDatabase::database(m_connection, false); }
    const SqlDialect &dialect() const { return SqlDialect::of(database()); }
    bool isTeam() const { return m_team; }
    QString shown() const { return m_shown; }
    Library *library() const { return m_library.get(); }
    // A file this copy created, to remove when it fails.
    void discard()
    {
        m_library.reset();
        if (!m_createdFile.isEmpty()) {
            for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s})
                QFile::remove(m_createdFile + suffix);
        }
    }

private:
    std::unique_ptr<Library> m_library;
    QString m_connection;
    QString m_shown;
    QString m_createdFile;
    bool m_team = false;
};

qint64 count(const End &end, const QString &table, QString *errorString)
{
    SqlQuery query(end.database());
    if (!query.exec(u"SELECT count(*) FROM %1"_s.arg(table)) || !query.next()) {
        fail(errorString, Library::describeError(query, tr("Cannot read %1").arg(end.shown())));
        return -1;
    }
    return query.value(0).toLongLong();
}

// A person copied into a team library needs a login: their own, or one
// made from their name.
QString loginFor(const Person &person)
{
    if (!person.login.isEmpty())
        return person.login.toLower();
    QString login;
    for (const QChar c : person.name.toLower()) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'))
            login += c;
        else if (!login.endsWith(u'_'))
            login += u'_';
    }
    while (login.startsWith(u'_'))
        login.remove(0, 1);
    if (login.isEmpty() || login.front().isDigit())
        login.prepend(u"person_"_s);
    return login.left(63);
}

bool copyPeople(const End &from, const End &to, Report *report, QString *errorString)
{
    SqlQuery read(from.database());
    if (!read.exec(u"SELECT name, title, role, login, created_at FROM people ORDER BY id"_s))
        return fail(errorString, Library::describeError(read, tr("Cannot read the people of %1").arg(from.shown())));
    qint64 rows = 0;
    while (read.next()) {
        Person person;
        person.name = read.value(0).toString();
        person.title = read.value(1).toString();
        person.role = personRoleFromKey(read.value(2).toString()).value_or(PersonRole::Writer);
        person.login = read.value(3).toString();
        const QString createdAt = read.value(4).toString();
        SqlQuery write(to.database());
        if (to.isTeam()) {
            const QString login = loginFor(person);
            if (!TeamSetup::addPerson(to.database(), login, person.name, person.role, errorString))
                return false;
            write.prepare(u"UPDATE person_records SET title = :title, created_at = :at WHERE login = :login"_s);
            write.bindValue(u":login"_s, login);
        } else {
            write.prepare(u"INSERT INTO people (name, title, role, login, created_at) VALUES (:name, :title, :role, :login, :at)"_s);
            write.bindValue(u":name"_s, person.name);
            write.bindValue(u":role"_s, personRoleKey(person.role));
            write.bindValue(u":login"_s, sqlText(person.login));
        }
        write.bindValue(u":title"_s, sqlText(person.title));
        write.bindValue(u":at"_s, sqlText(createdAt));
        if (!write.exec())
            return fail(errorString, Library::describeError(write, tr("Cannot copy %1").arg(person.name)));
        ++rows;
    }
    report->rows.insert(u"people"_s, rows);
    return true;
}

// Rows are written a batch at a time, one multi-row INSERT per batch: on a
// team library a statement per row was a round trip to the server per row
// (200,000 of them for 100,000 stories and their revisions). A batch holds up
// to batchRows rows and ends early past batchBytes, so that a library of
// large images does not make one statement of hundreds of megabytes.
class BatchInsert
{
public:
    static constexpr int batchRows = 200;
    static constexpr qint64 batchBytes = 16 * 1024 * 1024;

    BatchInsert(const End &to, const QString &table, const QStringList &columns)
        : m_to(to)
        , m_table(table)
        , m_columns(columns)
    {
    }

    bool add(QVariantList row, QString *errorString)
    {
        for (const QVariant &value : std::as_const(row))
            m_pendingBytes += value.metaType().id() == QMetaType::QByteArray ? value.toByteArray().size()
                                                                                 : value.toString().size() * 2;
        m_pending << std::move(row);
        if (m_pending.size() >= batchRows || m_pendingBytes >= batchBytes)
            return flush(errorString);
        return true;
    }

    bool flush(QString *errorString)
    {
        if (m_pending.isEmpty())
            return true;
        SqlQuery partial(m_to.database());
        SqlQuery *write = &partial;
        if (m_pending.size() == batchRows) {
            if (!m_full) {
                m_full.emplace(m_to.database());
                if (!prepare(*m_full, batchRows, errorString))
                    return false;
            }
            write = &*m_full;
        } else if (!prepare(partial, int(m_pending.size()), errorString)) {
            return false;
        }
        int position = 0;
        for (const QVariantList &row : std::as_const(m_pending)) {
            for (const QVariant &value : row)
                write->bindValue(position++, value);
        }
        if (!write->exec())
            return fail(errorString, Library::describeError(*write, tr("Cannot copy %1 (rows %2 to %3)")
                                                                        .arg(m_table)
                                                                        .arg(m_written + 1)
                                                                        .arg(m_written + m_pending.size())));
        m_written += m_pending.size();
        m_pending.clear();
        m_pendingBytes = 0;
        return true;
    }

    qint64 written() const { return m_written; }

private:
    bool prepare(SqlQuery &query, int rows, QString *errorString) const
    {
        const QString one = u'(' + QStringList(m_columns.size(), u"?"_s).join(u", "_s) + u')';
        if (!query.prepare(u"INSERT INTO %1 (%2) VALUES %3"_s.arg(m_table, m_columns.join(u", "_s),
                                                                 QStringList(rows, one).join(u", "_s))))
            return fail(errorString, Library::describeError(query, tr("Cannot copy %1").arg(m_table)));
        return true;
    }

    const End &m_to;
    const QString m_table;
    const QStringList m_columns;
    QList<QVariantList> m_pending;
    qint64 m_pendingBytes = 0;
    qint64 m_written = 0;
    std::optional<SqlQuery> m_full;
};

bool copyTable(const End &from, const End &to, const QString &table, const QStringList &columns, Report *report,
               QString *errorString)
{
    SqlQuery read(from.database());
    read.setForwardOnly(true);
    if (!read.exec(u"SELECT %1 FROM %2 ORDER BY %3"_s.arg(columns.join(u", "_s), table, columns.constFirst())))
        return fail(errorString, Library::describeError(read, tr("Cannot read %1 of %2").arg(table, from.shown())));
    BatchInsert write(to, table, columns);
    // SQLite keeps a boolean as 0 or 1, which PostgreSQL's boolean does not
    // take from an integer: bound as a bool, each engine writes its own.
    static const QStringList booleanColumns{u"decorative"_s};
    while (read.next()) {
        QVariantList row;
        row.reserve(columns.size());
        for (qsizetype i = 0; i < columns.size(); ++i)
            row << (booleanColumns.contains(columns.at(i)) ? QVariant(read.value(int(i)).toBool()) : read.value(int(i)));
        if (!write.add(std::move(row), errorString))
            return false;
    }
    if (!write.flush(errorString))
        return false;
    report->rows.insert(table, write.written());
    return true;
}

// The search copy of every story in a team library. The server makes each
// story's copy from the story and its photos (stamp_search_copy), whatever a
// client sends: one statement for them all, rather than each story's text
// and captions read back to be sent again, which with the index updated row
// by row was most of half an hour for 100,000 stories. The GIN index is
// built once after the rows are in, faster than growing it row by row; in
// the copy's transaction, so a failed copy leaves the index as it was.
bool indexTeamLibrary(const End &to, QString *errorString)
{
    SqlQuery index(to.database());
    for (const QString &statement : PostgresDialect::searchRebuildStatements()) {
        if (!index.exec(statement))
            return fail(errorString, Library::describeError(index, tr("Cannot index %1").arg(to.shown())));
    }
    return true;
}

// The search copy of every story in a file: its text and its photos' titles
// and captions, as StoryRepository writes them.
bool indexFile(const End &to, QString *errorString)
{
    SqlQuery stories(to.database());
    if (!stories.exec(u"SELECT id, headline, dek, body FROM stories ORDER BY id"_s))
        return fail(errorString, Library::describeError(stories, tr("Cannot index %1").arg(to.shown())));
    while (stories.next()) {
        const qint64 id = stories.value(0).toLongLong();
        SqlQuery captions(to.database());
        captions.prepare(u"SELECT p.title, p.caption FROM story_photos sp JOIN photos p ON p.id = sp.photo_id "
                         "WHERE sp.story_id = :id ORDER BY sp.position"_s);
        captions.bindValue(u":id"_s, id);
        QStringList text;
        if (captions.exec()) {
            while (captions.next())
                text << captions.value(0).toString() << captions.value(1).toString();
        }
        SqlQuery index(to.database());
        index.prepare(to.dialect().ftsUpsertStatement());
        index.bindValue(u":id"_s, id);
        index.bindValue(u":headline"_s, sqlText(stories.value(1).toString()));
        index.bindValue(u":dek"_s, sqlText(stories.value(2).toString()));
        index.bindValue(u":body"_s, sqlText(stories.value(3).toString()));
        index.bindValue(u":captions"_s, sqlText(text.join(u'\n')));
        if (!index.exec())
            return fail(errorString, Library::describeError(index, tr("Cannot index story %1").arg(id)));
    }
    return true;
}

} // namespace

bool copy(const QString &fromText, const QString &toText, Report *report, QString *errorString,
          const std::function<void(const QString &)> &progress)
{
    Report local;
    if (!report)
        report = &local;
    auto say = [&](const QString &step) {
        if (progress)
            progress(step);
    };
    End from, to;
    if (!from.open(fromText, false, errorString))
        return false;
    if (!to.open(toText, true, errorString)) {
        to.discard();
        return false;
    }
    auto failed = [&]() {
        QSqlQuery(to.database()).exec(u"ROLLBACK"_s);
        to.discard();
        return false;
    };
    for (const QString &table : {u"stories"_s, u"people"_s}) {
        const qint64 rows = count(to, table, errorString);
        if (rows < 0)
            return failed();
        if (rows > 0) {
            fail(errorString, tr("%1 already holds %2; copy into an empty library.").arg(to.shown(), table));
            return failed();
        }
    }
    // Read one consistent moment of the source.
    QSqlQuery(from.database()).exec(from.isTeam() ? u"BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"_s : u"BEGIN"_s);

    // People first: on a team library each is a login role, made in
    // transactions of their own.
    say(tr("people"));
    if (!copyPeople(from, to, report, errorString))
        return failed();
    SqlQuery begin(to.database());
    if (!begin.exec(to.dialect().beginWriteStatement())) {
        fail(errorString, Library::describeError(begin, tr("Cannot write to %1").arg(to.shown())));
        return failed();
    }
    for (const auto &[table, columns] : tables()) {
        say(table);
        if (!copyTable(from, to, table, columns, report, errorString))
            return failed();
    }
    if (to.isTeam()) {
        // New rows from now on number after the copied ones.
        for (const QString &table :
             {u"stories"_s, u"photos"_s, u"caption_approvals"_s, u"revisions"_s, u"comments"_s, u"audit_log"_s, u"person_records"_s,
              u"photo_templates"_s}) {
            SqlQuery sequence(to.database());
            if (!sequence.exec(u"SELECT setval(pg_get_serial_sequence('newsdesk.%1', 'id'), coalesce(max(id), 0) + 1, false) "
                               "FROM newsdesk.%1"_s.arg(table))) {
                fail(errorString, Library::describeError(sequence, tr("Cannot number %1").arg(table)));
                return failed();
            }
        }
    }
    say(tr("search index"));
    if (!(to.isTeam() ? indexTeamLibrary(to, errorString) : indexFile(to, errorString)))
        return failed();
    SqlQuery commit(to.database());
    if (!commit.exec(u"COMMIT"_s)) {
        fail(errorString, Library::describeError(commit, tr("Cannot finish writing %1").arg(to.shown())));
        return failed();
    }
    QSqlQuery(from.database()).exec(u"ROLLBACK"_s);
    return true;
}

} // namespace LibraryCopy
