// SPDX-License-Identifier: MIT
#pragma once

#include "repositoryerror.h"

#include <QList>
#include <QString>

#include <optional>

class Library;

enum class PersonRole { Writer, Editor };
QString personRoleKey(PersonRole role);
std::optional<PersonRole> personRoleFromKey(QStringView key);
QString personRoleLabel(PersonRole role);

// Someone who works on the library's stories.
struct Person
{
    qint64 id = 0;
    QString name;
    QString title; // "Public Affairs Specialist"
    PersonRole role = PersonRole::Writer;
    // The operating-system account (login name) the command line knows them
    // by; empty for none.
    QString login;
};

// The login name of the operating-system account this process runs as
// (getpwuid(getuid())); empty when the account has no name. Never USER or
// LOGNAME: anyone can set those, so they prove nothing about who is working.
QString operatingSystemLogin();
// That account's full name (the first part of its GECOS field), or its login
// when it has none; empty when the account has no name.
QString operatingSystemFullName();

class PeopleRepository
{
public:
    explicit PeopleRepository(Library *library);

    // Adds a person. The first person in a library is always an editor, so
    // that someone can approve; later people are added by editors only.
    std::optional<Person> add(Person person);
    std::optional<Person> findByName(const QString &name);
    // The person an operating-system login names: the one with that login,
    // else one without a login whose name is the login (people added before
    // logins were kept). nullopt when nobody is (errorString() says why when
    // the library could not be read).
    std::optional<Person> findByLogin(const QString &login);
    QList<Person> all();
    // Editors only; the last editor stays an editor.
    bool setRole(qint64 id, PersonRole role);
    // Editors only. An empty login removes it; one that another person has,
    // or with spaces or control characters in it, is refused.
    bool setLogin(qint64 id, const QString &login);

    // The role of the library's current actor; nullopt when they are not
    // among the library's people.
    std::optional<PersonRole> roleOfActor();

    QString errorString() const;

private:
    Library *m_library;
    RepositoryError m_error;
};
