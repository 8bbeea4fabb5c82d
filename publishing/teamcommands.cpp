// SPDX-License-Identifier: MIT
#include "teamcommands.h"

#include "commandline.h"
#include "librarycopy.h"
#include "librarylocation.h"
#include "postgresdialect.h"
#include "teamsetup.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QTextStream>

#include <optional>

using namespace Qt::StringLiterals;
using CommandLine::Invocation;
using CommandLine::parse;
using CommandLine::shown;

// Everything in namespace TeamCommands: lupdate files tr() by the namespace
// it is called in, and drops it at file scope.
namespace TeamCommands {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("TeamCommands", text);
}

QCommandLineOption libraryOption()
{
    return QCommandLineOption(u"library"_s, tr("The team library's postgresql:// URL."), tr("url"));
}

// A team library's location from --library; nullopt (with the message
// printed) for a file path or a URL that cannot be used.
std::optional<LibraryLocation> teamLocation(const QString &command, const QString &text, QTextStream &err)
{
    QString error;
    std::optional<LibraryLocation> location = LibraryLocation::parse(text, &error);
    if (!location) {
        err << "newsdesk " << command << ": " << shown(error) << '\n';
        return std::nullopt;
    }
    if (!location->isTeamLibrary()) {
        err << "newsdesk " << command << ": "
            << shown(tr("%1 is a file; team libraries are postgresql:// URLs (a file library needs no setup: newsdesk init).")
                         .arg(location->toString()))
            << '\n';
        return std::nullopt;
    }
    return location;
}

// The connection a command uses, removed when it ends.
class Connection
{
public:
    explicit Connection(const QString &name)
        : m_name(name)
    {
    }
    ~Connection()
    {
        if (QSqlDatabase::contains(m_name)) {
            QSqlDatabase::database(m_name, false).close();
            QSqlDatabase::removeDatabase(m_name);
        }
    }
    QString name() const { return m_name; }
    QSqlDatabase database() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
};

// `newsdesk team --help` (or -h): the subcommands, and success.
bool askedForHelp(const QStringList &arguments, const QString &synopsis, QTextStream &out)
{
    if (arguments.value(0) != u"--help"_s && arguments.value(0) != u"-h"_s)
        return false;
    out << "Usage: newsdesk " << synopsis << '\n';
    return true;
}

int teamCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString synopsis = u"team setup --library URL"_s;
    if (askedForHelp(arguments, synopsis, out))
        return CommandLine::Success;
    if (arguments.value(0) != u"setup"_s) {
        err << "newsdesk team: " << shown(tr("unknown team command '%1'").arg(arguments.value(0))) << '\n'
            << "Usage: newsdesk " << synopsis << '\n';
        return CommandLine::UsageError;
    }
    Invocation invocation;
    parse(invocation, u"team setup"_s, synopsis, {libraryOption()}, {u"library"_s}, arguments.mid(1), out, err);
    if (invocation.exitCode)
        return *invocation.exitCode;
    const std::optional<LibraryLocation> location = teamLocation(u"team setup"_s, invocation.parser.value(u"library"_s), err);
    if (!location)
        return CommandLine::UsageError;
    const Connection connection(u"newsdesk-team-setup"_s);
    QString error;
    if (!TeamSetup::open(*location, connection.name(), &error)) {
        err << "newsdesk team setup: " << shown(error) << '\n';
        return CommandLine::Refused;
    }
    switch (TeamSetup::setUp(connection.database(), &error)) {
    case TeamSetup::SetupResult::Created:
        out << shown(tr("set up the team library %1").arg(location->displayName())) << '\n';
        return CommandLine::Success;
    case TeamSetup::SetupResult::Migrated:
        out << shown(tr("updated the team library %1 to format %2").arg(location->displayName()).arg(PostgresDialect::currentSchemaVersion))
            << '\n';
        return CommandLine::Success;
    case TeamSetup::SetupResult::AlreadySetUp:
        out << shown(tr("%1 is already set up (format %2); its rules were renewed from this Newsdesk")
                         .arg(location->displayName())
                         .arg(PostgresDialect::currentSchemaVersion))
            << '\n';
        return CommandLine::Success;
    case TeamSetup::SetupResult::Failed:
        break;
    }
    err << "newsdesk team setup: " << shown(error) << '\n';
    return CommandLine::Refused;
}

int peopleCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString synopsis = u"people add --library URL --login NAME --role writer|editor [--name NAME]"_s;
    if (askedForHelp(arguments, synopsis, out))
        return CommandLine::Success;
    if (arguments.value(0) != u"add"_s) {
        err << "newsdesk people: " << shown(tr("unknown people command '%1'").arg(arguments.value(0))) << '\n'
            << "Usage: newsdesk " << synopsis << '\n';
        return CommandLine::UsageError;
    }
    const QCommandLineOption loginOption(u"login"_s, tr("The person's database login (created when missing)."), tr("name"));
    const QCommandLineOption roleOption(u"role"_s, tr("writer or editor."), tr("role"));
    const QCommandLineOption nameOption(u"name"_s, tr("The person's name as the library shows it (default: the login)."), tr("name"));
    Invocation invocation;
    parse(invocation, u"people add"_s, synopsis, {libraryOption(), loginOption, roleOption, nameOption},
          {u"library"_s, u"login"_s, u"role"_s}, arguments.mid(1), out, err);
    if (invocation.exitCode)
        return *invocation.exitCode;
    const std::optional<PersonRole> role = personRoleFromKey(invocation.parser.value(roleOption));
    if (!role) {
        err << "newsdesk people add: " << shown(tr("--role is writer or editor, not '%1'").arg(invocation.parser.value(roleOption)))
            << '\n';
        return CommandLine::UsageError;
    }
    const std::optional<LibraryLocation> location = teamLocation(u"people add"_s, invocation.parser.value(u"library"_s), err);
    if (!location)
        return CommandLine::UsageError;
    const QString login = invocation.parser.value(loginOption);
    const QString name = invocation.parser.isSet(nameOption) ? invocation.parser.value(nameOption) : login;
    const Connection connection(u"newsdesk-people-add"_s);
    QString error;
    if (!TeamSetup::open(*location, connection.name(), &error) || !TeamSetup::addPerson(connection.database(), login, name, *role, &error)) {
        err << "newsdesk people add: " << shown(error) << '\n';
        return CommandLine::Refused;
    }
    // Whole sentences per role: "a editor" is not English, and other
    // languages inflect more than the article.
    const QString sentence = *role == PersonRole::Editor ? tr("%1 (login %2) is an editor of %3") : tr("%1 (login %2) is a writer of %3");
    out << shown(sentence.arg(name.trimmed(), login, location->displayName()))
        << '\n';
    return CommandLine::Success;
}

int copyLibraryCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString synopsis = u"copy-library --from PATH|URL --to PATH|URL"_s;
    const QCommandLineOption fromOption(u"from"_s, tr("The library to copy: a file or a team library's URL."), tr("location"));
    const QCommandLineOption toOption(u"to"_s, tr("Where to: a new file, or an empty team library that is set up."), tr("location"));
    Invocation invocation;
    parse(invocation, u"copy-library"_s, synopsis, {fromOption, toOption}, {u"from"_s, u"to"_s}, arguments, out, err);
    if (invocation.exitCode)
        return *invocation.exitCode;
    LibraryCopy::Report report;
    QString error;
    const bool copied = LibraryCopy::copy(invocation.parser.value(fromOption), invocation.parser.value(toOption), &report, &error,
                                          [&err](const QString &step) { err << shown(tr("copying %1…").arg(step)) << '\n'; err.flush(); });
    if (!copied) {
        err << "newsdesk copy-library: " << shown(error) << '\n';
        return CommandLine::Refused;
    }
    for (auto it = report.rows.cbegin(); it != report.rows.cend(); ++it)
        out << it.key() << ": " << it.value() << '\n';
    out << shown(tr("copied %1 to %2").arg(invocation.parser.value(fromOption), invocation.parser.value(toOption))) << '\n';
    return CommandLine::Success;
}

} // namespace

} // namespace TeamCommands

void registerTeamCommands()
{
    using namespace TeamCommands;
    CommandLine::registerCommand({u"team"_s, u"team setup --library URL"_s,
                                  TeamCommands::tr("create (once) a team library's schema and roles on PostgreSQL"), &teamCommand});
    CommandLine::registerCommand({u"people"_s, u"people add --library URL --login NAME --role writer|editor [--name NAME]"_s,
                                  TeamCommands::tr("add a person to a team library (creating their login role)"), &peopleCommand});
    CommandLine::registerCommand({u"copy-library"_s, u"copy-library --from PATH|URL --to PATH|URL"_s,
                                  TeamCommands::tr("copy a whole library between a file and a team library, losslessly"), &copyLibraryCommand});
}
