// SPDX-License-Identifier: MIT
#include "people.h"

#include "sqlquery.h"
#include "workflow.h"

#include "library.h"
#include "textsafety.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QSqlRecord>

#if defined(Q_OS_UNIX)
#include <pwd.h>
#include <unistd.h>
#include <vector>
#endif

using namespace Qt::StringLiterals;

namespace {

const QString personColumns = u"id, name, title, role, login"_s;

// Why login cannot be someone's login, or empty when it can. A login is one
// word, as the operating system spells account names.
QString loginProblem(const QString &login)
{
    for (const QChar c : login) {
        if (c.isSpace() || c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return QCoreApplication::translate("Person", "A login is one word, without spaces or control characters.");
    }
    return {};
}

} // namespace

namespace {

// The account this process runs as, asked once: it does not change while the
// process runs, and the answer may come from a directory service.
struct Account
{
    QString login;
    QString fullName;
};

const Account &operatingSystemAccount()
{
    static const Account account = [] {
        Account found;
#if defined(Q_OS_UNIX)
        const long size = sysconf(_SC_GETPW_R_SIZE_MAX);
        std::vector<char> buffer(size > 0 ? size_t(size) : 16384);
        passwd entry{};
        passwd *result = nullptr;
        if (getpwuid_r(getuid(), &entry, buffer.data(), buffer.size(), &result) != 0 || !result || !result->pw_name)
            return found;
        found.login = QString::fromLocal8Bit(result->pw_name);
        if (result->pw_gecos)
            found.fullName = QString::fromLocal8Bit(result->pw_gecos).section(u',', 0, 0).trimmed();
#endif
        return found;
    }();
    return account;
}

} // namespace

QString operatingSystemLogin()
{
    return operatingSystemAccount().login;
}

QString operatingSystemFullName()
{
    const Account &account = operatingSystemAccount();
    return account.fullName.isEmpty() ? account.login : account.fullName;
}

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

// On a team library a person is a database login with a group role: its
// administrator manages them, with the rights to create roles.
static QString teamPeopleMessage()
{
    return QCoreApplication::translate("Person", "On a team library, people are added and their roles changed by its "
                                                 "administrator: newsdesk people add --library URL --login NAME --role writer|editor");
}

PeopleRepository::PeopleRepository(Library *library)
    : m_library(library)
{
}

QString PeopleRepository::errorString() const
{
    return m_error.message();
}

static Person personFromQuery(const QSqlQuery &query)
{
    const QSqlRecord record = query.record();
    Person person;
    person.id = query.value(record.indexOf(u"id"_s)).toLongLong();
    person.name = query.value(record.indexOf(u"name"_s)).toString();
    person.title = query.value(record.indexOf(u"title"_s)).toString();
    person.role = personRoleFromKey(query.value(record.indexOf(u"role"_s)).toString()).value_or(PersonRole::Writer);
    person.login = query.value(record.indexOf(u"login"_s)).toString();
    return person;
}

std::optional<Person> PeopleRepository::add(Person person)
{
    if (m_library->isTeamLibrary()) {
        m_error.fail(teamPeopleMessage());
        return std::nullopt;
    }
    TextSafety::cleanPerson(person);
    person.name = person.name.trimmed();
    if (person.name.isEmpty()) {
        m_error.fail(QCoreApplication::translate("Person", "A person needs a name."));
        return std::nullopt;
    }
    person.login = person.login.trimmed();
    if (const QString problem = loginProblem(person.login); !problem.isEmpty()) {
        m_error.fail(problem);
        return std::nullopt;
    }
    WriteTransaction transaction(m_library, &m_error);
    if (!transaction.begin())
        return std::nullopt;
    SqlQuery query(m_library->database());
    if (!query.exec(u"SELECT count(*) AS people FROM people"_s) || !query.next()) {
        m_error.fail(query, QCoreApplication::translate("Person", "Cannot read the people"));
        return std::nullopt;
    }
    if (query.value(u"people"_s).toInt() == 0) {
        person.role = PersonRole::Editor;
    } else if (!Workflow::checkManagePeople(roleOfActor()).allowed) {
        // After the first person, people are added by editors only.
        m_error.fail(QCoreApplication::translate("Person", "Only an editor may add people to the library."));
        return std::nullopt;
    }
    if (!person.login.isEmpty()) {
        if (const std::optional<Person> holder = findByLogin(person.login); holder && holder->login == person.login) {
            m_error.fail(QCoreApplication::translate("Person", "%1 already has the login %2.").arg(holder->name, person.login));
            return std::nullopt;
        }
    }
    query.prepare(u"INSERT INTO people (name, title, role, login, created_at) VALUES (:name, :title, :role, :login, :now) "
                  "RETURNING id"_s);
    query.bindValue(u":login"_s, sqlText(person.login));
    query.bindValue(u":name"_s, person.name);
    query.bindValue(u":title"_s, sqlText(person.title));
    query.bindValue(u":role"_s, personRoleKey(person.role));
    query.bindValue(u":now"_s, Library::nowUtc());
    if (!query.exec() || !query.next()) {
        m_error.fail(query, QCoreApplication::translate("Person", "Cannot add %1").arg(person.name));
        return std::nullopt;
    }
    person.id = query.value(0).toLongLong();
    query.finish();
    m_library->audit(u"add"_s, u"person"_s, person.id,
                     person.name + u" ("_s + personRoleKey(person.role)
                         + (person.login.isEmpty() ? QString() : u", login "_s + person.login) + u')');
    if (!transaction.commit())
        return std::nullopt;
    return person;
}

std::optional<Person> PeopleRepository::findByName(const QString &name)
{
    SqlQuery query(m_library->database());
    query.prepare(u"SELECT %1 FROM people WHERE name = :name"_s.arg(personColumns));
    query.bindValue(u":name"_s, sqlText(name));
    if (!query.exec()) {
        m_error.fail(query, QCoreApplication::translate("Person", "Cannot read the people"));
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return personFromQuery(query);
}

std::optional<Person> PeopleRepository::findByLogin(const QString &login)
{
    m_error.clear();
    if (login.isEmpty())
        return std::nullopt;
    SqlQuery query(m_library->database());
    // Their own login first; a name only stands for a login nobody has.
    query.prepare(u"SELECT %1 FROM people WHERE login = :login "
                  "UNION ALL SELECT %1 FROM people WHERE login = '' AND name = :login "
                  "AND NOT EXISTS (SELECT 1 FROM people WHERE login = :login) LIMIT 1"_s.arg(personColumns));
    query.bindValue(u":login"_s, login);
    if (!query.exec()) {
        m_error.fail(query, QCoreApplication::translate("Person", "Cannot read the people"));
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return personFromQuery(query);
}

QList<Person> PeopleRepository::all()
{
    QList<Person> people;
    SqlQuery query(m_library->database());
    if (!query.exec(u"SELECT %1 FROM people ORDER BY name"_s.arg(personColumns))) {
        m_error.fail(query, QCoreApplication::translate("Person", "Cannot read the people"));
        return people;
    }
    while (query.next())
        people << personFromQuery(query);
    return people;
}

bool PeopleRepository::setRole(qint64 id, PersonRole role)
{
    if (m_library->isTeamLibrary()) {
        m_error.fail(teamPeopleMessage());
        return false;
    }
    if (!Workflow::checkManagePeople(roleOfActor()).allowed) {
        m_error.fail(QCoreApplication::translate("Person", "Only an editor may change someone's role."));
        return false;
    }
    SqlQuery query(m_library->database());
    if (role == PersonRole::Writer) {
        // Someone must still be able to approve.
        query.prepare(u"SELECT count(*) AS other_editors FROM people WHERE role = 'editor' AND id <> :id"_s);
        query.bindValue(u":id"_s, id);
        if (!query.exec() || !query.next()) {
            m_error.fail(query, QCoreApplication::translate("Person", "Cannot read the people"));
            return false;
        }
        if (query.value(u"other_editors"_s).toInt() == 0) {
            m_error.fail(QCoreApplication::translate("Person", "The library needs at least one editor."));
            return false;
        }
        query.finish();
    }
    query.prepare(u"UPDATE people SET role = :role WHERE id = :id"_s);
    query.bindValue(u":role"_s, personRoleKey(role));
    query.bindValue(u":id"_s, id);
    if (!query.exec()) {
        m_error.fail(query, QCoreApplication::translate("Person", "Cannot change the role"));
        return false;
    }
    m_library->audit(u"role"_s, u"person"_s, id, personRoleKey(role));
    return true;
}

bool PeopleRepository::setLogin(qint64 id, const QString &login)
{
    if (m_library->isTeamLibrary()) {
        m_error.fail(teamPeopleMessage());
        return false;
    }
    if (!Workflow::checkManagePeople(roleOfActor()).allowed) {
        m_error.fail(QCoreApplication::translate("Person", "Only an editor may change someone's login."));
        return false;
    }
    const QString trimmed = login.trimmed();
    if (const QString problem = loginProblem(trimmed); !problem.isEmpty()) {
        m_error.fail(problem);
        return false;
    }
    WriteTransaction transaction(m_library, &m_error);
    if (!transaction.begin())
        return false;
    SqlQuery query(m_library->database());
    if (!trimmed.isEmpty()) {
        query.prepare(u"SELECT name FROM people WHERE login = :login AND id <> :id"_s);
        query.bindValue(u":login"_s, trimmed);
        query.bindValue(u":id"_s, id);
        if (!query.exec()) {
            m_error.fail(query, QCoreApplication::translate("Person", "Cannot read the people"));
            return false;
        }
        if (query.next()) {
            m_error.fail(QCoreApplication::translate("Person", "%1 already has the login %2.")
                             .arg(query.value(u"name"_s).toString(), trimmed));
            return false;
        }
        query.finish();
    }
    query.prepare(u"UPDATE people SET login = :login WHERE id = :id"_s);
    query.bindValue(u":login"_s, sqlText(trimmed));
    query.bindValue(u":id"_s, id);
    if (!query.exec()) {
        m_error.fail(query, QCoreApplication::translate("Person", "Cannot change the login"));
        return false;
    }
    if (query.numRowsAffected() != 1) {
        m_error.fail(QCoreApplication::translate("Person", "That person is no longer in the library."));
        return false;
    }
    if (!m_library->audit(u"login"_s, u"person"_s, id, trimmed)) {
        m_error.fail(QCoreApplication::translate("Person", "Cannot record the change in the library's audit log."));
        return false;
    }
    return transaction.commit();
}

std::optional<PersonRole> PeopleRepository::roleOfActor()
{
    const std::optional<Person> person = findByName(m_library->actor());
    return person ? std::optional<PersonRole>(person->role) : std::nullopt;
}
