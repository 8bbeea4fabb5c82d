// SPDX-License-Identifier: MIT
#pragma once

// A fresh library for each test, on the engine NEWSDESK_TEST_ENGINE names:
// "sqlite" (the default: a file in a temporary folder) or "postgresql" (a new
// database on a real PostgreSQL server that this test process starts for
// itself, tests/postgresserver.h, set up by TeamSetup as `newsdesk team
// setup` does). CTest runs the repository tests once per engine.
//
// People: on SQLite a test acts as anyone (setActor), on file or not; on a
// team library a person is a login role with a group role, so the fixture
// adds each person it is asked to act as (TeamSetup::addPerson) and connects
// as their login.

#include "library.h"
#include "librarylocation.h"
#include "people.h"
#include "postgresserver.h"
#include "teamsetup.h"

#include <QCoreApplication>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>
#include <utility>

class TestLibraries
{
public:
    static bool onPostgres() { return qEnvironmentVariable("NEWSDESK_TEST_ENGINE") == QStringLiteral("postgresql"); }

    TestLibraries() = default;
    TestLibraries(const TestLibraries &) = delete;
    TestLibraries &operator=(const TestLibraries &) = delete;
    ~TestLibraries()
    {
        if (onPostgres() && !m_ownerConnection.isEmpty())
            recycle();
        if (!m_ownerConnection.isEmpty())
            QSqlDatabase::removeDatabase(m_ownerConnection);
    }

    // Opens a new, empty library as person. role nullopt: someone not among
    // the library's people (SQLite only; a team library knows only its people).
    bool open(Library &library, const QString &person, std::optional<PersonRole> role = std::nullopt)
    {
        if (onPostgres()) {
            if (!server().isRunning()) {
                if (!server().start())
                    return fail(QStringLiteral("PostgreSQL: ") + server().errorString());
                // Stopped while the application object still exists (QProcess
                // needs it), not by a static destructor after it.
                qAddPostRoutine([] {
                    QSqlDatabase::removeDatabase(QStringLiteral("test-superuser"));
                    server().stop();
                });
            }
            // Set up once, as `newsdesk team setup` does; every library after
            // is a copy of that database (hundreds of set-up statements once
            // per test process, not once per test function).
            if (!templateReady()) {
                if (!server().psql(QStringLiteral("CREATE DATABASE %1").arg(templateDatabase())))
                    return fail(server().errorString());
                if (!connectAsOwner(templateDatabase()))
                    return false;
                if (TeamSetup::setUp(QSqlDatabase::database(m_ownerConnection, false), &m_error) == TeamSetup::SetupResult::Failed)
                    return false;
                templateFingerprint() = fingerprint();
                if (templateFingerprint().isEmpty())
                    return false;
                // A template is copied only while nobody is connected to it.
                QSqlDatabase::removeDatabase(std::exchange(m_ownerConnection, QString()));
                templateReady() = true;
            }
            if (!recycled().isEmpty()) {
                m_database = recycled().takeLast();
            } else {
                m_database = QStringLiteral("t%1").arg(++databaseCounter());
                QSqlQuery create(superuserDatabase());
                if (!create.exec(QStringLiteral("CREATE DATABASE %1 TEMPLATE %2").arg(m_database, templateDatabase())))
                    return fail(create.lastError().text());
            }
            if (!connectAsOwner(m_database))
                return false;
        } else {
            m_dir = std::make_unique<QTemporaryDir>();
            m_database = m_dir->filePath(QStringLiteral("lib.newsdesk"));
        }
        return openAgain(library, person, role);
    }

    // Opens the library open() made once more (another window or process on
    // it) as person, adding them when the library does not know them yet.
    bool openAgain(Library &library, const QString &person, std::optional<PersonRole> role = std::nullopt)
    {
        if (!onPostgres()) {
            if (!library.open(m_database))
                return fail(library.errorString());
            if (role && !addOnFile(library, person, *role))
                return false;
            library.setActor(person);
            return true;
        }
        if (!role)
            return fail(QStringLiteral("a team library knows only its people: give %1 a role").arg(person));
        const QString login = loginOf(person);
        if (!TeamSetup::addPerson(QSqlDatabase::database(m_ownerConnection, false), login, person, *role, &m_error))
            return false;
        if (!library.open(server().url(login, m_database)))
            return fail(library.errorString());
        return true;
    }

    // Acts as person from now on: on SQLite the library's actor (on file as
    // role, when given), on a team library a connection as their login (the
    // library is opened again).
    bool actAs(Library &library, const QString &person, std::optional<PersonRole> role = std::nullopt)
    {
        if (!onPostgres()) {
            if (role && !addOnFile(library, person, *role))
                return false;
            library.setActor(person);
            return true;
        }
        return openAgain(library, person, role);
    }

    // Adds person as role to the library open() made, acting as whoever
    // acts now: on file, or their login on a team library.
    bool addPerson(Library &library, const QString &person, PersonRole role)
    {
        if (!onPostgres())
            return addOnFile(library, person, role);
        return TeamSetup::addPerson(QSqlDatabase::database(m_ownerConnection, false), loginOf(person), person, role, &m_error);
    }

    // Where person opens the library open() made from another process (a
    // lock holder, a second window): the file, or a URL as their login,
    // added to the team library as role. Empty when that fails.
    QString locationAs(const QString &person, PersonRole role)
    {
        if (!onPostgres())
            return m_database;
        if (!TeamSetup::addPerson(QSqlDatabase::database(m_ownerConnection, false), loginOf(person), person, role, &m_error))
            return {};
        return server().url(loginOf(person), m_database);
    }

    // A connection as the library's owner (PostgreSQL) or to the file.
    QSqlDatabase ownerDatabase(Library &library) const
    {
        return onPostgres() ? QSqlDatabase::database(m_ownerConnection, false) : library.database();
    }

    QString errorString() const { return m_error; }

    // A test's main: the cases that hold on both engines, then, on SQLite
    // only, the cases about the SQLite file itself (its header, pragmas, old
    // formats), which the PostgreSQL run does not register at all, so that
    // nothing reads as passed there that did not run.
    static int exec(QObject *bothEngines, QObject *sqliteOnly, int argc, char **argv)
    {
        const int failures = QTest::qExec(bothEngines, argc, argv);
        return onPostgres() ? failures : failures + QTest::qExec(sqliteOnly, argc, argv);
    }

    // "Ann Writer" → ann_writer
    static QString loginOf(const QString &person)
    {
        QString login;
        for (const QChar c : person.toLower())
            login += c.isLetterOrNumber() && c.unicode() < 128 ? c : QChar(u'_');
        return login;
    }

private:
    bool fail(const QString &message)
    {
        m_error = message;
        return false;
    }

    // The person on file as role, whatever the library's own rule for its
    // first person (always an editor): the test says who is who.
    bool addOnFile(Library &library, const QString &person, PersonRole role)
    {
        QSqlQuery query(library.database());
        query.prepare(QStringLiteral("INSERT INTO people (name, role, created_at) VALUES (:name, :role, :now) "
                                     "ON CONFLICT (name) DO UPDATE SET role = excluded.role"));
        query.bindValue(QStringLiteral(":name"), person);
        query.bindValue(QStringLiteral(":role"), personRoleKey(role));
        query.bindValue(QStringLiteral(":now"), Library::nowUtc());
        return query.exec() || fail(query.lastError().text());
    }

    // The structure and rules of the database the owner is connected to:
    // what a test may have changed (a renamed table, a format, a grant, a
    // rule), as one hash. Empty, with m_error, when it cannot be read.
    QString fingerprint()
    {
        QSqlQuery query(QSqlDatabase::database(m_ownerConnection, false));
        const QString items = QStringLiteral(
            "SELECT format('%s %s %s %s', c.relname, c.relkind, c.relacl, (SELECT string_agg(format('%s %s %s %s', "
            "a.attnum, a.attname, a.atttypid, a.attacl), ',' ORDER BY a.attnum) FROM pg_attribute a WHERE "
            "a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)) FROM pg_class c WHERE c.relnamespace = "
            "'newsdesk'::regnamespace "
            "UNION ALL SELECT format('%s(%s) %s %s', p.proname, pg_get_function_identity_arguments(p.oid), "
            "md5(p.prosrc), p.proacl) FROM pg_proc p WHERE p.pronamespace = 'newsdesk'::regnamespace "
            "UNION ALL SELECT format('%s %s %s', t.tgname, c.relname, t.tgenabled) FROM pg_trigger t "
            "JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = 'newsdesk'::regnamespace "
            "UNION ALL SELECT format('%s %s', nspname, nspacl) FROM pg_namespace WHERE nspname = 'newsdesk' "
            "UNION ALL SELECT 'info ' || key || '=' || value FROM newsdesk.library_info "
            "UNION ALL SELECT 'transition ' || t::text FROM newsdesk.transitions t "
            "UNION ALL SELECT 'story rule ' || r::text FROM newsdesk.story_rules r "
            "UNION ALL SELECT 'audit action ' || a::text FROM newsdesk.audit_actions a "
            "UNION ALL SELECT 'settings ' || setconfig::text FROM pg_db_role_setting s JOIN pg_database d "
            "ON d.oid = s.setdatabase WHERE d.datname = current_database()");
        if (!query.exec(QStringLiteral("SELECT md5(string_agg(item, E'\\n' ORDER BY item)) FROM (%1) AS items (item)").arg(items))
            || !query.next()) {
            fail(query.lastError().text());
            return {};
        }
        return query.value(0).toString();
    }

    // A finished test's database, emptied for the next test when its
    // structure and rules are still the set-up's: as empty as a new copy of
    // the template, at a tenth of the cost. The rest are left as they are.
    void recycle()
    {
        QSqlQuery query(QSqlDatabase::database(m_ownerConnection, false));
        // No one else's session (a test's Library that outlives this
        // object, a lock holder) may see the next test's library.
        if (!query.exec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
                                       "current_database() AND pid <> pg_backend_pid()")))
            return;
        if (fingerprint() != templateFingerprint())
            return;
        // Every row but the rules', with the triggers (and so the foreign
        // keys and notifications) off: a few tiny tables' rows, where
        // TRUNCATE would make every table's files anew. Identities start at 1.
        if (!query.exec(QStringLiteral("SET session_replication_role = replica")))
            return;
        const bool emptied = query.exec(QStringLiteral(
            "DO $$ DECLARE t text; BEGIN\n"
            "  FOR t IN SELECT relname FROM pg_class WHERE relnamespace = 'newsdesk'::regnamespace AND relkind = 'r'\n"
            "           AND relname NOT IN ('library_info', 'transitions', 'story_rules', 'audit_actions') LOOP\n"
            "    EXECUTE format('DELETE FROM newsdesk.%I', t);\n"
            "  END LOOP;\n"
            "  PERFORM setval(oid, 1, false) FROM pg_class WHERE relnamespace = 'newsdesk'::regnamespace AND relkind = 'S';\n"
            "END $$"));
        if (query.exec(QStringLiteral("RESET session_replication_role")) && emptied)
            recycled().append(m_database);
    }
    static QStringList &recycled()
    {
        static QStringList databases;
        return databases;
    }
    static QString &templateFingerprint()
    {
        static QString hash;
        return hash;
    }

    // The owner's connection to database, as m_ownerConnection.
    bool connectAsOwner(const QString &database)
    {
        if (!m_ownerConnection.isEmpty())
            QSqlDatabase::removeDatabase(m_ownerConnection);
        m_ownerConnection = QStringLiteral("test-owner-%1").arg(database);
        const std::optional<LibraryLocation> location =
            LibraryLocation::parse(server().url(PostgresServer::superuser(), database), &m_error);
        if (!location || !TeamSetup::open(*location, m_ownerConnection, &m_error))
            return false;
        // A test's raw SQL names the library's tables as its own connection
        // does (and as team setup leaves the set-up connection).
        QSqlQuery query(QSqlDatabase::database(m_ownerConnection, false));
        return query.exec(QStringLiteral("SET search_path = newsdesk, pg_temp")) || fail(query.lastError().text());
    }
    // The server's own database, where databases are made (a connection
    // kept for the test process: no psql started for each library).
    static QSqlDatabase superuserDatabase()
    {
        const QString name = QStringLiteral("test-superuser");
        if (!QSqlDatabase::contains(name)) {
            QString error;
            const std::optional<LibraryLocation> location =
                LibraryLocation::parse(server().url(PostgresServer::superuser(), QStringLiteral("postgres")), &error);
            if (location)
                TeamSetup::open(*location, name, &error);
        }
        return QSqlDatabase::database(name, false);
    }
    static QString templateDatabase() { return QStringLiteral("newsdesk_template"); }
    static bool &templateReady()
    {
        static bool ready = false;
        return ready;
    }

    static PostgresServer &server()
    {
        static PostgresServer instance;
        return instance;
    }
    static int &databaseCounter()
    {
        static int counter = 0;
        return counter;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_database; // the file's path, or the database's name
    QString m_ownerConnection;
    QString m_error;
};
