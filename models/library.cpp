// SPDX-License-Identifier: MIT
#include "library.h"

#include "librarylocation.h"
#include "people.h"
#include "postgresdialect.h"
#include "repositoryerror.h"
#include "sqldialect.h"
#include "sqlquery.h"
#include "storylocks.h"
#include "teamsetup.h"
#include "textsafety.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDriver>
#include <QTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QSqlRecord>

#include <atomic>

using namespace Qt::StringLiterals;

namespace {

// How often a team library checks that its listening connection is alive,
// and tries to bring it back when not.
constexpr int listenerCheckMilliseconds = 2000;

QString uniqueConnectionName()
{
    static std::atomic<int> counter{0};
    return u"newsdesk-library-%1"_s.arg(++counter);
}

} // namespace

Library::Library(QObject *parent)
    : QObject(parent)
    // Until someone says who they are: the operating-system account, never
    // the environment's USER, which anyone can set.
    , m_actor(operatingSystemLogin())
    , m_dialect(&SqlDialect::sqlite())
{
}

Library::~Library()
{
    close();
}

bool Library::open(const QString &location)
{
    return open(location, QString());
}

bool Library::open(const QString &location, const QString &password)
{
    close();
    m_password = password;
    if (location.startsWith(u"postgres"_s, Qt::CaseInsensitive)) {
        QString error;
        const std::optional<LibraryLocation> team = LibraryLocation::parse(location, &error);
        if (!team)
            return fail(OpenError::CannotConnect, error);
        if (team->isTeamLibrary())
            return openTeamLibrary(*team);
    }
    const QString &path = location;
    const QFileInfo info(path);
    const QString absolute = info.absoluteFilePath();
    const QString shown = QDir::toNativeSeparators(absolute);

    if (info.exists()) {
        if (info.isDir())
            return fail(OpenError::NotADatabase, tr("%1 is a folder, not a Newsdesk library file.").arg(shown));
        QFile file(absolute);
        if (!file.open(QIODevice::ReadOnly))
            return fail(OpenError::ReadOnly, tr("Cannot read %1: %2").arg(shown, file.errorString()));
        const QByteArray header = file.read(16);
        if (info.size() > 0 && header != QByteArrayLiteral("SQLite format 3\0"))
            return fail(OpenError::NotADatabase,
                        tr("%1 is not a Newsdesk library: it is not an SQLite database, or its first bytes are damaged. "
                           "Nothing was written to it.")
                            .arg(shown));
        if (!info.isWritable() || !QFileInfo(info.absolutePath()).isWritable())
            return fail(OpenError::ReadOnly,
                        tr("%1 is on a read-only location. Newsdesk needs to write to the library file and "
                           "to its folder (for the write-ahead log). Copy it somewhere writable, or choose another library.")
                            .arg(shown));
        m_isNew = info.size() == 0;
    } else {
        if (!QDir().mkpath(info.absolutePath()))
            return fail(OpenError::CannotCreate, tr("Cannot create the folder %1.").arg(QDir::toNativeSeparators(info.absolutePath())));
        if (!QFileInfo(info.absolutePath()).isWritable())
            return fail(OpenError::ReadOnly, tr("Cannot create a library in %1: the folder is read-only.")
                                                 .arg(QDir::toNativeSeparators(info.absolutePath())));
        m_isNew = true;
    }

    m_path = absolute;
    if (!openConnection(absolute, true)) {
        const bool created = m_isNew && !info.exists();
        const QString pathToRemove = absolute;
        close();
        if (created && QFileInfo(pathToRemove).size() == 0)
            QFile::remove(pathToRemove);
        return false;
    }
    return true;
}

bool Library::openInMemory()
{
    close();
    m_isNew = true;
    m_path = u":memory:"_s;
    if (!openConnection(m_path, false)) {
        close();
        return false;
    }
    return true;
}

bool Library::openConnection(const QString &databaseName, bool isFile)
{
    m_connectionName = uniqueConnectionName();
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    db.setDatabaseName(databaseName);
    // Wait for a writer in another process rather than failing at once.
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(m_busyTimeout));
    if (!db.open())
        return fail(OpenError::CannotCreate, tr("Cannot open %1: %2").arg(databaseName, db.lastError().text()));

    const QString shown = QDir::toNativeSeparators(databaseName);
    auto classify = [&](const QSqlError &error) {
        switch (SqlDialect::sqlite().errorKind(error)) {
        case SqlDialect::ErrorKind::NotADatabase:
            return fail(OpenError::NotADatabase,
                        tr("%1 is not a Newsdesk library: SQLite says it is not a database. Nothing was written to it.").arg(shown));
        case SqlDialect::ErrorKind::Corrupt:
            return fail(OpenError::Corrupt,
                        tr("%1 is damaged (SQLite: %2). Nothing was written to it; restore it from a backup or choose another library.")
                            .arg(shown, error.databaseText()));
        case SqlDialect::ErrorKind::Busy:
            return fail(OpenError::Busy,
                        tr("%1 is locked by another program. Close that program, or choose another library.").arg(shown));
        case SqlDialect::ErrorKind::ReadOnly:
        case SqlDialect::ErrorKind::CannotOpen:
            return fail(OpenError::ReadOnly, tr("%1 cannot be written: %2").arg(shown, error.databaseText()));
        case SqlDialect::ErrorKind::PermissionDenied:
        case SqlDialect::ErrorKind::ConnectionLost:
        case SqlDialect::ErrorKind::Other:
            break;
        }
        return fail(OpenError::Other, tr("Cannot open %1: %2").arg(shown, error.text()));
    };

    // Read-only checks first: a file that is not ours, or is newer than us,
    // must not be touched (even switching to WAL would write to it).
    SqlQuery query(db);
    if (!query.exec(u"PRAGMA application_id"_s) || !query.next())
        return classify(query.lastError());
    const int applicationId = query.value(u"application_id"_s).toInt();
    if (!query.exec(u"PRAGMA user_version"_s) || !query.next())
        return classify(query.lastError());
    m_schemaVersion = query.value(u"user_version"_s).toInt();
    if (!query.exec(u"SELECT count(*) AS objects FROM sqlite_master"_s) || !query.next())
        return classify(query.lastError());
    const int objectCount = query.value(u"objects"_s).toInt();
    query.finish();

    if (applicationId != 0 && applicationId != SqlDialect::applicationId)
        return fail(OpenError::NotALibrary, tr("%1 is an SQLite database of another program, not a Newsdesk library. Nothing was written to it.").arg(shown));
    if (applicationId == 0 && objectCount > 0)
        return fail(OpenError::NotALibrary, tr("%1 is an SQLite database, but not a Newsdesk library. Nothing was written to it.").arg(shown));
    if (m_schemaVersion > SqlDialect::currentSchemaVersion)
        return fail(OpenError::NewerSchema,
                    tr("%1 was written by a newer Newsdesk (library format %2; this version reads up to %3). "
                       "It was not changed. Update Newsdesk to open it.")
                        .arg(shown)
                        .arg(m_schemaVersion)
                        .arg(SqlDialect::currentSchemaVersion));
    m_isNew = m_isNew || objectCount == 0;

    const QStringList pragmas = SqliteDialect::connectionPragmas();
    for (const QString &pragma : pragmas) {
        if (!isFile && pragma.contains(u"journal_mode"_s))
            continue;
        if (!query.exec(pragma))
            return classify(query.lastError());
    }
    query.finish();
    if (!migrate())
        return false;
    m_openError = OpenError::None;
    m_errorString.clear();
    return true;
}

bool Library::openTeamLibrary(const LibraryLocation &location)
{
    m_connectionName = uniqueConnectionName();
    m_path = location.toString();
    m_isTeamLibrary = true;
    m_dialect = &SqlDialect::postgres();
    m_isNew = false;
    // The checks run with their query in a scope of its own, so that a
    // refusal closes a connection nothing uses any more.
    const std::optional<std::pair<OpenError, QString>> refusal = checkTeamLibrary(location);
    if (refusal) {
        close();
        return fail(refusal->first, refusal->second);
    }
    Q_EMIT actorChanged(m_actor);
    m_openError = OpenError::None;
    m_errorString.clear();
    // A library without live updates still works; the timer keeps trying.
    startListening();
    m_auditMark = newestAuditId(database()).value_or(0);
    m_listenerCheck = new QTimer(this);
    m_listenerCheck->setInterval(listenerCheckMilliseconds);
    connect(m_listenerCheck, &QTimer::timeout, this, &Library::checkConnections);
    m_listenerCheck->start();
    return true;
}

std::optional<std::pair<Library::OpenError, QString>> Library::checkTeamLibrary(const LibraryLocation &location)
{
    const QString shown = location.displayName();
    QString error;
    if (!TeamSetup::open(location, m_connectionName, &error, m_password))
        return std::pair{TeamSetup::isPasswordError(error) ? OpenError::NeedsPassword : OpenError::CannotConnect, error};
    SqlQuery query(database());
    const auto failed = [&](OpenError kind) { return std::pair{kind, describeError(query, tr("Cannot open %1").arg(shown))}; };
    if (!query.exec(u"SELECT session_user AS login, pg_backend_pid() AS pid"_s) || !query.next())
        return failed(OpenError::CannotConnect);
    const QString login = query.value(u"login"_s).toString();
    m_backendPid = query.value(u"pid"_s).toLongLong();
    const std::pair notAPerson{OpenError::NotAPerson,
                               tr("You are connected to %1 as %2, who is not among the library's people. Ask its "
                                  "administrator to add you: newsdesk people add --library URL --login %2 --role writer")
                                   .arg(shown, login)};
    if (!query.exec(u"SELECT (SELECT value FROM newsdesk.library_info WHERE key = 'schema_version') AS version"_s)
        || !query.next()) {
        // Only the library's people may even look into its schema.
        if (m_dialect->errorKind(query.lastError()) == SqlDialect::ErrorKind::PermissionDenied)
            return notAPerson;
        return std::pair{OpenError::NotSetUp, tr("%1 is not set up as a Newsdesk team library. Its administrator sets it up "
                                                 "with: newsdesk team setup --library %2")
                                                  .arg(shown, location.toString())};
    }
    m_schemaVersion = query.value(u"version"_s).toInt();
    if (m_schemaVersion > PostgresDialect::currentSchemaVersion)
        return std::pair{OpenError::NewerSchema,
                         tr("%1 was set up by a newer Newsdesk (team library format %2; this version reads up to %3). "
                            "Update Newsdesk to open it.")
                             .arg(shown)
                             .arg(m_schemaVersion)
                             .arg(PostgresDialect::currentSchemaVersion)};
    // A client never migrates a team library: that takes the administrator's
    // rights, and every desk would race to do it.
    if (m_schemaVersion < PostgresDialect::currentSchemaVersion)
        return std::pair{OpenError::OlderSchema,
                         tr("%1 is at team library format %2, older than this Newsdesk's %3. Its administrator updates "
                            "it with: newsdesk team setup --library %4")
                             .arg(shown)
                             .arg(m_schemaVersion)
                             .arg(PostgresDialect::currentSchemaVersion)
                             .arg(location.toString())};
    if (!setUpSession(query))
        return failed(OpenError::Other);
    if (!query.exec(u"SELECT (SELECT name FROM people WHERE login = session_user) AS name"_s) || !query.next())
        return failed(OpenError::Other);
    const QString name = query.value(u"name"_s).toString();
    if (name.isEmpty())
        return notAPerson;
    m_actor = name;
    return std::nullopt;
}

bool Library::startListening()
{
    const std::optional<LibraryLocation> location = LibraryLocation::parse(m_path);
    if (!location)
        return false;
    m_listenerName = m_connectionName + u"-live"_s;
    QString error;
    if (!TeamSetup::open(*location, m_listenerName, &error, m_password)) {
        QSqlDatabase::removeDatabase(m_listenerName);
        m_listenerName.clear();
        return false;
    }
    QSqlDriver *driver = QSqlDatabase::database(m_listenerName, false).driver();
    if (!driver->subscribeToNotification(QString::fromLatin1(PostgresDialect::changesChannel))) {
        stopListening();
        return false;
    }
    connect(driver, &QSqlDriver::notification, this,
            [this](const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload) {
                takeNotification(name, int(source), payload);
            });
    m_live = true;
    return true;
}

void Library::stopListening()
{
    // What was heard and not passed on yet: whoever listens again is told
    // to read everything anew.
    if (m_heardTimer)
        m_heardTimer->stop();
    m_heardStories = m_heardGlossary = false;
    m_heardPhotos.clear();
    if (m_listenerName.isEmpty())
        return;
    {
        QSqlDatabase listener = QSqlDatabase::database(m_listenerName, false);
        if (listener.isOpen()) {
            listener.driver()->disconnect(this);
            listener.close();
        }
    }
    QSqlDatabase::removeDatabase(m_listenerName);
    m_listenerName.clear();
    m_live = false;
}

void Library::checkConnections()
{
    // The work connection first: while it is down nothing can be read, and
    // the listener (on the same server) is most likely down with it.
    bool working = false;
    {
        SqlQuery ping(database());
        working = ping.exec(u"SELECT 1"_s);
    }
    if (!working) {
        if (m_live) {
            stopListening();
            Q_EMIT liveUpdatesChanged(false);
        }
        if (!reconnect())
            return;
        Q_EMIT sessionRenewed();
    }
    if (m_live) {
        // The check reads how far the log had come while this desk was
        // listening: everything up to there was heard.
        if (const std::optional<qint64> newest = newestAuditId(QSqlDatabase::database(m_listenerName, false))) {
            m_auditMark = std::max(m_auditMark, *newest);
            return;
        }
        stopListening();
        Q_EMIT liveUpdatesChanged(false);
    }
    if (!startListening())
        return;
    // Listening again before reading what was missed, so nothing falls
    // between the two.
    QList<AuditEntry> missed = auditSince(m_auditMark);
    if (!missed.isEmpty())
        m_auditMark = missed.constLast().id;
    // This desk's own changes were announced when it made them.
    missed.removeIf([this](const AuditEntry &entry) { return entry.actor == m_actor; });
    Q_EMIT liveUpdatesChanged(true);
    Q_EMIT storiesChanged();
    Q_EMIT photosChanged(0);
    Q_EMIT glossaryChanged();
    Q_EMIT caughtUp(missed);
}

bool Library::reconnect()
{
    QSqlDatabase work = database();
    work.close();
    if (!work.open())
        return false;
    SqlQuery query(work);
    if (!setUpSession(query) || !query.exec(u"SELECT pg_backend_pid() AS pid"_s) || !query.next())
        return false;
    m_backendPid = query.value(u"pid"_s).toLongLong();
    return true;
}

std::optional<qint64> Library::newestAuditId(const QSqlDatabase &connection)
{
    SqlQuery query(connection);
    if (!query.exec(u"SELECT coalesce(max(id), 0) AS newest FROM newsdesk.audit_log"_s) || !query.next())
        return std::nullopt;
    return query.value(u"newest"_s).toLongLong();
}

void Library::takeNotification(const QString &name, int source, const QVariant &payload)
{
    Q_UNUSED(source)
    if (name != QLatin1StringView(PostgresDialect::changesChannel))
        return;
    const QJsonObject change = QJsonDocument::fromJson(payload.toString().toUtf8()).object();
    // This library's own changes were announced by its repositories already.
    if (change.value(u"pid"_s).toInteger() == m_backendPid)
        return;
    const QString table = change.value(u"table"_s).toString();
    // Metadata templates are read when a menu or dialog asks for them: a
    // change to one is no news to the story list.
    if (table == u"photo_templates"_s)
        return;
    if (table == u"glossary"_s) {
        m_heardGlossary = true;
    } else {
        if (table == u"photos"_s || table == u"caption_approvals"_s || table == u"story_photos"_s)
            m_heardPhotos.insert(change.value(u"id"_s).toString().toLongLong());
        if (table != u"photos"_s && table != u"caption_approvals"_s)
            m_heardStories = true;
    }
    if (!m_heardTimer) {
        m_heardTimer = new QTimer(this);
        m_heardTimer->setSingleShot(true);
        connect(m_heardTimer, &QTimer::timeout, this, &Library::passOnHeard);
    }
    if (!m_heardTimer->isActive()) {
        const qint64 since = m_sincePassedOn.isValid() ? m_sincePassedOn.elapsed() : heardInterval;
        m_heardTimer->start(int(std::max<qint64>(0, heardInterval - since)));
    }
}

void Library::passOnHeard()
{
    m_sincePassedOn.start();
    const bool stories = std::exchange(m_heardStories, false);
    const bool glossary = std::exchange(m_heardGlossary, false);
    const QSet<qint64> photos = std::exchange(m_heardPhotos, {});
    if (!photos.isEmpty())
        Q_EMIT photosChanged(photos.size() == 1 ? *photos.cbegin() : 0);
    if (stories)
        Q_EMIT storiesChanged();
    if (glossary)
        Q_EMIT glossaryChanged();
}

bool Library::migrate()
{
    QSqlDatabase db = database();
    SqlQuery query(db);
    if (m_schemaVersion == SqlDialect::currentSchemaVersion)
        return true;
    // IMMEDIATE takes the write lock first, so two processes opening a new
    // library at once cannot both migrate it.
    if (!query.exec(u"BEGIN IMMEDIATE"_s))
        return fail(OpenError::Busy, describeError(query, tr("Cannot start upgrading the library")));
    auto rollback = [&](const QString &message) {
        QSqlQuery(db).exec(u"ROLLBACK"_s);
        return fail(OpenError::Other, message);
    };
    if (!query.exec(u"PRAGMA user_version"_s) || !query.next())
        return rollback(describeError(query, tr("Cannot read the library version")));
    int version = query.value(u"user_version"_s).toInt();
    query.finish();
    while (version < SqlDialect::currentSchemaVersion) {
        const QStringList statements = SqliteDialect::migrationStatements(version);
        for (const QString &statement : statements) {
            if (!query.exec(statement))
                return rollback(describeError(query, tr("Cannot upgrade the library to format %1").arg(version + 1)));
        }
        ++version;
    }
    if (!query.exec(u"PRAGMA user_version = %1"_s.arg(version))
        || !query.exec(u"PRAGMA application_id = %1"_s.arg(SqlDialect::applicationId)))
        return rollback(describeError(query, tr("Cannot record the library version")));
    if (!query.exec(u"COMMIT"_s))
        return rollback(describeError(query, tr("Cannot finish upgrading the library")));
    m_schemaVersion = version;
    return true;
}

bool Library::fail(OpenError error, const QString &message)
{
    m_openError = error;
    m_errorString = message;
    return false;
}

void Library::close()
{
    delete m_listenerCheck;
    m_listenerCheck = nullptr;
    stopListening();
    if (m_connectionName.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
    m_path.clear();
    m_schemaVersion = 0;
    m_auditMark = 0;
    m_password.clear();
    if (m_isTeamLibrary) {
        m_isTeamLibrary = false;
        m_dialect = &SqlDialect::sqlite();
        m_actor = operatingSystemLogin();
    }
}

bool Library::isOpen() const
{
    return !m_connectionName.isEmpty() && database().isOpen();
}

QString Library::path() const
{
    return m_path;
}

bool Library::isTeamLibrary() const
{
    return m_isTeamLibrary;
}

bool Library::hasLiveUpdates() const
{
    return m_live;
}

QString Library::lockSession() const
{
    if (!m_isTeamLibrary)
        return StoryLocks::currentSession();
    return StoryLocks::currentSession() + u"/backend-"_s + QString::number(m_backendPid);
}

const SqlDialect &Library::dialect() const
{
    return *m_dialect;
}

QSqlDatabase Library::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

QString Library::connectionName() const
{
    return m_connectionName;
}

bool Library::isNew() const
{
    return m_isNew;
}

Library::OpenError Library::openError() const
{
    return m_openError;
}

QString Library::errorString() const
{
    return m_errorString;
}

int Library::schemaVersion() const
{
    return m_schemaVersion;
}

void Library::setBusyTimeout(int milliseconds)
{
    m_busyTimeout = milliseconds;
}

bool Library::setUpSession(QSqlQuery &query) const
{
    // Everything the repositories name lives in the newsdesk schema. A
    // desk waits as long for a row or table another session holds as an
    // SQLite desk waits for the file's write lock, then says the library is
    // busy (55P03): a desk left in a transaction, or someone holding LOCK
    // TABLE over psql, cannot hang every window. Notices ("already
    // exists") are no news to a user.
    return query.exec(u"SET client_min_messages = warning"_s) && query.exec(u"SET search_path = newsdesk, pg_temp"_s)
        && query.exec(u"SET lock_timeout = %1"_s.arg(m_busyTimeout));
}

QString Library::actor() const
{
    return m_actor;
}

void Library::setActor(const QString &actor)
{
    if (actor == m_actor || m_isTeamLibrary)
        return;
    m_actor = actor;
    Q_EMIT actorChanged(actor);
}

bool Library::audit(const QString &action, const QString &entity, qint64 entityId, const QString &detail)
{
    SqlQuery query(database());
    if (m_isTeamLibrary) {
        // The server writes the row, as the login's person, and refuses the
        // actions only its own functions record.
        query.prepare(u"SELECT newsdesk.audit(:action, :entity, :entity_id, :detail)"_s);
        query.bindValue(u":action"_s, action);
        query.bindValue(u":entity"_s, entity);
        query.bindValue(u":entity_id"_s, entityId);
        query.bindValue(u":detail"_s, sqlText(TextSafety::clean(detail, TextSafety::Lines::Multi)));
        return query.exec();
    }
    query.prepare(u"INSERT INTO audit_log (at, actor, action, entity, entity_id, detail) "
                  "VALUES (:at, :actor, :action, :entity, :entity_id, :detail)"_s);
    query.bindValue(u":at"_s, nowUtc());
    query.bindValue(u":actor"_s, sqlText(m_actor));
    query.bindValue(u":action"_s, action);
    query.bindValue(u":entity"_s, entity);
    query.bindValue(u":entity_id"_s, entityId);
    // A detail quotes text given from outside (an override reason, a comment).
    query.bindValue(u":detail"_s, sqlText(TextSafety::clean(detail, TextSafety::Lines::Multi)));
    return query.exec();
}

bool Library::optimize()
{
    SqlQuery query(database());
    const QStringList statements = dialect().maintenanceStatements();
    for (const QString &statement : statements) {
        if (!query.exec(statement)) {
            m_errorString = describeError(query, tr("Cannot tidy the library"));
            return false;
        }
    }
    return true;
}

void Library::writeLogBack()
{
    const QString statement = dialect().logCheckpointStatement();
    if (!statement.isEmpty())
        SqlQuery(database()).exec(statement);
}

QList<AuditEntry> Library::auditTrail(const QString &entity, qint64 entityId) const
{
    QList<AuditEntry> entries;
    SqlQuery query(database());
    if (entity.isEmpty()) {
        query.prepare(u"SELECT id, at, actor, action, entity, entity_id, detail FROM audit_log ORDER BY id"_s);
    } else {
        query.prepare(u"SELECT id, at, actor, action, entity, entity_id, detail FROM audit_log "
                      "WHERE entity = :entity AND entity_id = :id ORDER BY id"_s);
        query.bindValue(u":entity"_s, entity);
        query.bindValue(u":id"_s, entityId);
    }
    if (!query.exec())
        return entries;
    return readAudit(query);
}

QList<AuditEntry> Library::auditSince(qint64 afterId) const
{
    SqlQuery query(database());
    query.prepare(u"SELECT id, at, actor, action, entity, entity_id, detail FROM audit_log WHERE id > :after ORDER BY id"_s);
    query.bindValue(u":after"_s, afterId);
    if (!query.exec())
        return {};
    return readAudit(query);
}

QList<AuditEntry> Library::readAudit(QSqlQuery &query) const
{
    QList<AuditEntry> entries;
    const QSqlRecord record = query.record();
    auto value = [&](const char *name) { return query.value(record.indexOf(QLatin1StringView(name))); };
    while (query.next()) {
        entries << AuditEntry{value("id").toLongLong(), value("at").toString(), value("actor").toString(),
                              value("action").toString(), value("entity").toString(), value("entity_id").toLongLong(),
                              value("detail").toString()};
    }
    return entries;
}

QString Library::describeError(const QSqlQuery &query, const QString &what)
{
    const QSqlError error = query.lastError();
    const SqlDialect &dialect = SqlDialect::of(query.driver());
    const bool team = dialect.engine() == SqlDialect::Engine::PostgreSQL;
    switch (dialect.errorKind(error)) {
    case SqlDialect::ErrorKind::PermissionDenied:
        return tr("%1: the server refused: %2").arg(what, PostgresDialect::serverMessage(error));
    case SqlDialect::ErrorKind::ConnectionLost:
        return tr("%1: the connection to the team library's server was lost (%2).").arg(what, PostgresDialect::serverMessage(error));
    case SqlDialect::ErrorKind::Busy:
        return tr("%1: the library is busy in another Newsdesk window or program. Try again in a moment.").arg(what);
    case SqlDialect::ErrorKind::ReadOnly:
        return tr("%1: the library file has become read-only.").arg(what);
    case SqlDialect::ErrorKind::Corrupt:
        return tr("%1: the library file is damaged (%2).").arg(what, error.databaseText());
    case SqlDialect::ErrorKind::NotADatabase:
    case SqlDialect::ErrorKind::CannotOpen:
    case SqlDialect::ErrorKind::Other:
        break;
    }
    if (team)
        return tr("%1: %2").arg(what, PostgresDialect::serverMessage(error));
    return tr("%1: %2").arg(what, error.text());
}

QString Library::nowUtc()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QDateTime Library::timeFromUtc(const QString &text)
{
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    time.setTimeZone(QTimeZone::UTC);
    return time;
}

WriteTransaction::WriteTransaction(Library *library, RepositoryError *error)
    : m_library(library)
    , m_callerError(error)
{
}

WriteTransaction::WriteTransaction(Library *library, QString *errorString)
    : m_library(library)
    , m_callerErrorString(errorString)
{
}

void WriteTransaction::setError(const QString &message)
{
    m_errorString = message;
    if (m_callerError)
        m_callerError->fail(message);
    if (m_callerErrorString)
        *m_callerErrorString = message;
}

WriteTransaction::~WriteTransaction()
{
    if (m_active)
        rollback();
}

bool WriteTransaction::begin()
{
    SqlQuery query(m_library->database());
    if (!query.exec(m_library->dialect().beginWriteStatement())) {
        setError(Library::describeError(query, Library::tr("Cannot start writing to the library")));
        return false;
    }
    m_active = true;
    return true;
}

bool WriteTransaction::commit()
{
    SqlQuery query(m_library->database());
    if (!query.exec(u"COMMIT"_s)) {
        setError(Library::describeError(query, Library::tr("Cannot finish writing to the library")));
        rollback();
        return false;
    }
    m_active = false;
    return true;
}

void WriteTransaction::rollback()
{
    QSqlQuery(m_library->database()).exec(u"ROLLBACK"_s);
    m_active = false;
}

QString WriteTransaction::errorString() const
{
    return m_errorString;
}
