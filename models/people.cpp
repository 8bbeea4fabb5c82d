// SPDX-License-Identifier: MIT
#include "people.h"

#include "library.h"
#include "textsafety.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::StringLiterals;

QString personRoleKey(PersonRole role)
{
    return role == PersonRole::Editor ? u"editor"_s : u"writer"_s;
}

std::optional<PersonRole> personRoleFromKey(QStringView key)
{
    if (key == u"editor")
        return PersonRole::Editor;
    if (key == u"writer")
        return PersonRole::Writer;
    return std::nullopt;
}

QString personRoleLabel(PersonRole role)
{
    return role == PersonRole::Editor ? QCoreApplication::translate("Person", "Editor")
                                      : QCoreApplication::translate("Person", "Writer");
}

PeopleRepository::PeopleRepository(Library *library)
    : m_library(library)
{
}

QString PeopleRepository::errorString() const
{
    return m_errorString;
}

static Person personFromQuery(const QSqlQuery &query)
{
    const QSqlRecord record = query.record();
    Person person;
    person.id = query.value(record.indexOf(u"id"_s)).toLongLong();
    person.name = query.value(record.indexOf(u"name"_s)).toString();
    person.title = query.value(record.indexOf(u"title"_s)).toString();
    person.role = personRoleFromKey(query.value(record.indexOf(u"role"_s)).toString()).value_or(PersonRole::Writer);
    return person;
}

std::optional<Person> PeopleRepository::add(Person person)
{
    TextSafety::cleanPerson(person);
    person.name = person.name.trimmed();
    if (person.name.isEmpty()) {
        m_errorString = QCoreApplication::translate("Person", "A person needs a name.");
        return std::nullopt;
    }
    WriteTransaction transaction(m_library, &m_errorString);
    if (!transaction.begin())
        return std::nullopt;
    QSqlQuery query(m_library->database());
    if (!query.exec(u"SELECT count(*) FROM people"_s) || !query.next()) {
        m_errorString = Library::describeError(query, QCoreApplication::translate("Person", "Cannot read the people"));
        return std::nullopt;
    }
    if (query.value(0).toInt() == 0) {
        person.role = PersonRole::Editor;
    } else if (roleOfActor() != PersonRole::Editor) {
        // After the first person, people are added by editors only.
        m_errorString = QCoreApplication::translate("Person", "Only an editor may add people to the library.");
        return std::nullopt;
    }
    query.prepare(u"INSERT INTO people (name, title, role, created_at) VALUES (:name, :title, :role, :now)"_s);
    query.bindValue(u":name"_s, person.name);
    query.bindValue(u":title"_s, sqlText(person.title));
    query.bindValue(u":role"_s, personRoleKey(person.role));
    query.bindValue(u":now"_s, Library::nowUtc());
    if (!query.exec()) {
        m_errorString = Library::describeError(query, QCoreApplication::translate("Person", "Cannot add %1").arg(person.name));
        return std::nullopt;
    }
    person.id = query.lastInsertId().toLongLong();
    m_library->audit(u"add"_s, u"person"_s, person.id, person.name + u" ("_s + personRoleKey(person.role) + u')');
    if (!transaction.commit())
        return std::nullopt;
    return person;
}

std::optional<Person> PeopleRepository::findByName(const QString &name)
{
    QSqlQuery query(m_library->database());
    query.prepare(u"SELECT id, name, title, role FROM people WHERE name = :name"_s);
    query.bindValue(u":name"_s, sqlText(name));
    if (!query.exec()) {
        m_errorString = Library::describeError(query, QCoreApplication::translate("Person", "Cannot read the people"));
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return personFromQuery(query);
}

QList<Person> PeopleRepository::all()
{
    QList<Person> people;
    QSqlQuery query(m_library->database());
    if (!query.exec(u"SELECT id, name, title, role FROM people ORDER BY name"_s)) {
        m_errorString = Library::describeError(query, QCoreApplication::translate("Person", "Cannot read the people"));
        return people;
    }
    while (query.next())
        people << personFromQuery(query);
    return people;
}

bool PeopleRepository::setRole(qint64 id, PersonRole role)
{
    if (roleOfActor() != PersonRole::Editor) {
        m_errorString = QCoreApplication::translate("Person", "Only an editor may change someone's role.");
        return false;
    }
    QSqlQuery query(m_library->database());
    if (role == PersonRole::Writer) {
        // Someone must still be able to approve.
        query.prepare(u"SELECT count(*) FROM people WHERE role = 'editor' AND id <> :id"_s);
        query.bindValue(u":id"_s, id);
        if (!query.exec() || !query.next()) {
            m_errorString = Library::describeError(query, QCoreApplication::translate("Person", "Cannot read the people"));
            return false;
        }
        if (query.value(0).toInt() == 0) {
            m_errorString = QCoreApplication::translate("Person", "The library needs at least one editor.");
            return false;
        }
        query.finish();
    }
    query.prepare(u"UPDATE people SET role = :role WHERE id = :id"_s);
    query.bindValue(u":role"_s, personRoleKey(role));
    query.bindValue(u":id"_s, id);
    if (!query.exec()) {
        m_errorString = Library::describeError(query, QCoreApplication::translate("Person", "Cannot change the role"));
        return false;
    }
    m_library->audit(u"role"_s, u"person"_s, id, personRoleKey(role));
    return true;
}

std::optional<PersonRole> PeopleRepository::roleOfActor()
{
    const std::optional<Person> person = findByName(m_library->actor());
    return person ? std::optional<PersonRole>(person->role) : std::nullopt;
}
