// SPDX-License-Identifier: MIT
#pragma once

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
};

class PeopleRepository
{
public:
    explicit PeopleRepository(Library *library);

    // Adds a person. The first person in a library is always an editor, so
    // that someone can approve; later people are added by editors only.
    std::optional<Person> add(Person person);
    std::optional<Person> findByName(const QString &name);
    QList<Person> all();
    // Editors only; the last editor stays an editor.
    bool setRole(qint64 id, PersonRole role);

    // The role of the library's current actor; nullopt when they are not
    // among the library's people.
    std::optional<PersonRole> roleOfActor();

    QString errorString() const;

private:
    Library *m_library;
    QString m_errorString;
};
