// SPDX-License-Identifier: MIT
#include "librarylocation.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <libpq-fe.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("LibraryLocation", text);
}

bool looksLikeUrl(const QString &text)
{
    return text.startsWith(u"postgresql://"_s, Qt::CaseInsensitive) || text.startsWith(u"postgres://"_s, Qt::CaseInsensitive);
}

} // namespace

std::optional<LibraryLocation> LibraryLocation::parse(const QString &text, QString *errorString)
{
    auto fail = [errorString](const QString &message) -> std::optional<LibraryLocation> {
        if (errorString)
            *errorString = message;
        return std::nullopt;
    };
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return fail(tr("No library was named: give a file path or a postgresql:// URL."));
    if (trimmed.contains(QChar(0)))
        return fail(tr("A library's name cannot contain a NUL character."));

    LibraryLocation location;
    if (!looksLikeUrl(trimmed)) {
        // Any other scheme is a mistake, not a file called "mysql:".
        const qsizetype scheme = trimmed.indexOf(u"://"_s);
        if (scheme > 0 && !trimmed.left(scheme).contains(u'/'))
            return fail(tr("%1 is not a library: a team library's URL starts with postgresql://, anything else is a file path.")
                            .arg(trimmed));
        location.m_engine = Engine::SQLite;
        location.m_path = QDir::cleanPath(QFileInfo(trimmed).absoluteFilePath());
        location.m_text = location.m_path;
        return location;
    }

    // libpq reads the URL exactly as it will connect with it: percent
    // escapes, several hosts, ?host=/socket/dir and every parameter it knows.
    char *message = nullptr;
    std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(
        PQconninfoParse(trimmed.toUtf8().constData(), &message), &PQconninfoFree);
    if (!options) {
        const QString reason = message ? QString::fromUtf8(message).trimmed() : tr("out of memory");
        PQfreemem(message);
        return fail(tr("%1 is not a PostgreSQL URL Newsdesk can use: %2").arg(trimmed, reason));
    }
    for (const PQconninfoOption *option = options.get(); option->keyword; ++option) {
        if (option->val && *option->val)
            location.m_parameters.insert(QString::fromUtf8(option->keyword), QString::fromUtf8(option->val));
    }
    if (location.m_parameters.contains(u"password"_s))
        return fail(tr("The URL carries a password. Leave it out: Newsdesk asks for it when the library opens and keeps it "
                       "in the desktop's password store, never in settings or the list of libraries."));
    // libpq checks ports only when it connects; a typo is clearer now.
    const QStringList ports = location.m_parameters.value(u"port"_s).split(u',', Qt::SkipEmptyParts);
    for (const QString &port : ports) {
        bool ok = false;
        const int number = port.toInt(&ok);
        if (!ok || number < 1 || number > 65535)
            return fail(tr("%1 is not a PostgreSQL URL Newsdesk can use: \"%2\" is not a port number.").arg(trimmed, port));
    }
    location.m_engine = Engine::PostgreSQL;
    location.m_text = trimmed;
    return location;
}

QString LibraryLocation::displayName() const
{
    if (m_engine == Engine::SQLite)
        return QFileInfo(m_path).fileName();
    const QString database = m_parameters.value(u"dbname"_s, m_parameters.value(u"user"_s));
    const QString host = m_parameters.value(u"host"_s);
    if (host.isEmpty() || host.startsWith(u'/'))
        return database.isEmpty() ? tr("team library on this computer") : tr("%1 on this computer").arg(database);
    return database.isEmpty() ? tr("team library on %1").arg(host) : tr("%1 on %2").arg(database, host);
}
