// SPDX-License-Identifier: MIT
#include "teamsetup.h"

#include "librarylocation.h"
#include "postgresdialect.h"
#include "sqlquery.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace TeamSetup {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("TeamSetup", text);
}

bool fail(QString *errorString, const QString &message)
{
    if (errorString)
        *errorString = message;
    return false;
}

// Statements run in one transaction; false (rolled back) on the first failure.
bool runInTransaction(QSqlDatabase &database, const QStringList &statements, const QString &what, QString *errorString)
{
    if (!database.transaction())
        return fail(errorString, tr("%1: %2").arg(what, database.lastError().text()));
    for (const QString &statement : statements) {
        SqlQuery query(database);
        if (!query.exec(statement)) {
            const QString reason = PostgresDialect::serverMessage(query.lastError());
            database.rollback();
            return fail(errorString, tr("%1: %2").arg(what, reason));
        }
    }
    if (!database.commit())
        return fail(errorString, tr("%1: %2").arg(what, database.lastError().text()));
    return true;
}

} // namespace

bool open(const LibraryLocation &location, const QString &connectionName, QString *errorString, const QString &password)
{
    QSqlDatabase database = QSqlDatabase::addDatabase(u"QPSQL"_s, connectionName);
    if (!database.isValid())
        return fail(errorString, tr("Qt's PostgreSQL driver is not installed (Debian: libqt6sql6-psql)."));
    const QMap<QString, QString> parameters = location.parameters();
    QStringList options;
    for (auto it = parameters.cbegin(); it != parameters.cend(); ++it) {
        if (it.key() == u"host"_s)
            database.setHostName(it.value());
        else if (it.key() == u"dbname"_s)
            database.setDatabaseName(it.value());
        else if (it.key() == u"user"_s)
            database.setUserName(it.value());
        else {
            // The driver joins these into libpq's connection string without
            // quoting them: refuse what would change its meaning.
            static const QRegularExpression unsafe(u"[\\s'\"\\\\;=]"_s);
            if (it.value().contains(unsafe))
                return fail(errorString, tr("The URL's %1 has a character Newsdesk cannot pass on: %2").arg(it.key(), it.value()));
            options << it.key() + u'=' + it.value();
        }
    }
    database.setConnectOptions(options.join(u';'));
    if (!password.isEmpty())
        database.setPassword(password);
    if (!database.open())
        return fail(errorString, tr("Cannot connect to %1: %2").arg(location.displayName(), PostgresDialect::serverMessage(database.lastError())));
    // Notices ("already a member") are no news to someone setting up; libpq
    // would print them on stderr around our own messages.
    QSqlQuery(database).exec(u"SET client_min_messages = warning"_s);
    return true;
}

bool isPasswordError(const QString &errorString)
{
    // libpq's own words when the server asks for a password it was not
    // given, and the server's when it refuses one (both in English: the
    // desks' and the server's locale for messages are C in an office
    // installation; a translated one falls back to "cannot connect").
    return errorString.contains(u"no password supplied"_s) || isPasswordRefused(errorString);
}

bool isPasswordRefused(const QString &errorString)
{
    return errorString.contains(u"password authentication failed"_s);
}

SetupResult setUp(QSqlDatabase database, QString *errorString)
{
    SqlQuery query(database);
    if (!query.exec(u"SELECT count(*) AS schemas FROM pg_namespace WHERE nspname = 'newsdesk'"_s) || !query.next()) {
        fail(errorString, tr("Cannot read the database: %1").arg(PostgresDialect::serverMessage(query.lastError())));
        return SetupResult::Failed;
    }
    const bool exists = query.value(u"schemas"_s).toInt() > 0;
    query.finish();
    int version = 1;
    if (exists) {
        if (!query.exec(u"SELECT value FROM newsdesk.library_info WHERE key = 'schema_version'"_s) || !query.next()) {
            fail(errorString, tr("The database has a newsdesk schema that Newsdesk did not set up, or set up by a "
                                 "development version; it was left as it is."));
            return SetupResult::Failed;
        }
        const QString stored = query.value(0).toString();
        query.finish();
        bool isNumber = false;
        version = stored.toInt(&isNumber);
        if (!isNumber || version < 1) {
            fail(errorString, tr("The team library's format (%1) is not one Newsdesk ever set up; it was left as it is.")
                                  .arg(stored));
            return SetupResult::Failed;
        }
        if (version > PostgresDialect::currentSchemaVersion) {
            fail(errorString, tr("The team library was set up by a newer Newsdesk (format %1; this version knows up to %2). "
                                 "It was left as it is: update Newsdesk.")
                                  .arg(version)
                                  .arg(PostgresDialect::currentSchemaVersion));
            return SetupResult::Failed;
        }
    }

    // All in one transaction: a library is at one format or the next, never
    // half-way, and its rules are always the ones of the format it is at.
    QStringList statements = exists ? QStringList{u"SET LOCAL search_path = newsdesk, pg_temp"_s}
                                    : PostgresDialect::setupStatements();
    for (int from = version; from < PostgresDialect::currentSchemaVersion; ++from)
        statements << PostgresDialect::migrationStatements(from);
    if (version < PostgresDialect::currentSchemaVersion)
        statements << u"UPDATE newsdesk.library_info SET value = '%1' WHERE key = 'schema_version'"_s.arg(
            PostgresDialect::currentSchemaVersion);
    statements << PostgresDialect::ruleStatements();
    if (!runInTransaction(database, statements,
                          exists ? tr("Cannot update the team library") : tr("Cannot set up the team library"), errorString))
        return SetupResult::Failed;
    if (!exists)
        return SetupResult::Created;
    return version < PostgresDialect::currentSchemaVersion ? SetupResult::Migrated : SetupResult::AlreadySetUp;
}

bool addPerson(QSqlDatabase database, const QString &login, const QString &name, PersonRole role, QString *errorString)
{
    static const QRegularExpression plainName(u"\\A[a-z_][a-z0-9_]*\\z"_s);
    if (!plainName.match(login).hasMatch() || login.toUtf8().size() > 63)
        return fail(errorString, tr("\"%1\" cannot be a login: use lower-case letters, digits and _, starting with a letter, "
                                    "at most 63 characters.")
                                     .arg(login));
    if (login.startsWith(u"pg_"_s) || login == QLatin1StringView(PostgresDialect::writerRole)
        || login == QLatin1StringView(PostgresDialect::editorRole))
        return fail(errorString, tr("\"%1\" is a name PostgreSQL or Newsdesk keeps for itself.").arg(login));
    if (name.trimmed().isEmpty())
        return fail(errorString, tr("A person needs a name."));

    // Whether the login exists, and whether it is an editor now, in one look.
    SqlQuery query(database);
    query.prepare(u"SELECT count(*) AS roles, coalesce(bool_or(pg_has_role(oid, :editor, 'MEMBER')), false) AS editor "
                  u"FROM pg_roles WHERE rolname = :login"_s);
    query.bindValue(u":editor"_s, QString::fromLatin1(PostgresDialect::editorRole));
    query.bindValue(u":login"_s, login);
    if (!query.exec() || !query.next())
        return fail(errorString, tr("Cannot read the roles: %1").arg(PostgresDialect::serverMessage(query.lastError())));
    const bool exists = query.value(u"roles"_s).toInt() > 0;
    const bool wasEditor = query.value(u"editor"_s).toBool();
    query.finish();

    const QString quoted = database.driver()->escapeIdentifier(login, QSqlDriver::FieldName);
    const QString writer = QString::fromLatin1(PostgresDialect::writerRole);
    const QString editor = QString::fromLatin1(PostgresDialect::editorRole);
    QStringList statements;
    if (!exists)
        statements << u"CREATE ROLE %1 LOGIN"_s.arg(quoted);
    statements << u"GRANT %1 TO %2"_s.arg(role == PersonRole::Editor ? editor : writer, quoted);
    if (role == PersonRole::Writer && wasEditor)
        statements << u"REVOKE %1 FROM %2"_s.arg(editor, quoted);
    if (!runInTransaction(database, statements, tr("Cannot give %1 the %2 role").arg(login, personRoleLabel(role).toLower()),
                          errorString))
        return false;

    query.prepare(u"INSERT INTO newsdesk.person_records (login, name) VALUES (:login, :name) "
                  u"ON CONFLICT (login) DO UPDATE SET name = excluded.name"_s);
    query.bindValue(u":login"_s, login);
    query.bindValue(u":name"_s, name.trimmed());
    if (!query.exec())
        return fail(errorString, tr("Cannot add %1 to the library's people: %2").arg(login, PostgresDialect::serverMessage(query.lastError())));
    return true;
}

} // namespace TeamSetup
