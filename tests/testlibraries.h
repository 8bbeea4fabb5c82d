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

#include <memory>
#include <optional>

class TestLibraries
{
public:
    static bool onPostgres() { return qEnvironmentVariable("NEWSDESK_TEST_ENGINE") == QStringLiteral("postgresql"); }

    TestLibraries() = default;
    TestLibraries(const TestLibraries &) = delete;
    TestLibraries &operator=(const TestLibraries &) = delete;
    ~TestLibraries()
    {
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
                qAddPostRoutine([] { server().stop(); });
            }
            m_database = QStringLiteral("t%1").arg(++databaseCounter());
            if (!server().psql(QStringLiteral("CREATE DATABASE %1").arg(m_database)))
                return fail(server().errorString());
            if (!m_ownerConnection.isEmpty())
                QSqlDatabase::removeDatabase(m_ownerConnection);
            m_ownerConnection = QStringLiteral("test-owner-%1").arg(m_database);
            const std::optional<LibraryLocation> location =
                LibraryLocation::parse(server().url(PostgresServer::superuser(), m_database), &m_error);
            if (!location || !TeamSetup::open(*location, m_ownerConnection, &m_error))
                return false;
            if (TeamSetup::setUp(QSqlDatabase::database(m_ownerConnection, false), &m_error) == TeamSetup::SetupResult::Failed)
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

    // A connection as the library's owner (PostgreSQL) or to the file.
    QSqlDatabase ownerDatabase(Library &library) const
    {
        return onPostgres() ? QSqlDatabase::database(m_ownerConnection, false) : library.database();
    }

    QString errorString() const { return m_error; }

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
