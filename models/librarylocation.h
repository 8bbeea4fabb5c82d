// SPDX-License-Identifier: MIT
#pragma once

#include <QMap>
#include <QString>

#include <optional>

// Where a library lives: an SQLite file (a path) or a team library on a
// PostgreSQL server (a postgresql:// URL, as libpq reads it). Everything that
// names a library (--library, File ▸ Open Library…, the recent libraries)
// goes through parse(), so a URL means the same everywhere.
//
// A password is never part of a location: a URL that carries one is refused,
// so it cannot end up in settings, the recent-libraries list or a shell's
// history. PostgreSQL asks for it (or needs none: Kerberos, certificates,
// peer) when the library is opened.
class LibraryLocation
{
public:
    enum class Engine { SQLite, PostgreSQL };

    // text is a file path (relative paths are made absolute) or a
    // postgresql:// (or postgres://) URL. nullopt with *errorString set when
    // it is neither, or a URL libpq cannot read, or a URL with a password.
    static std::optional<LibraryLocation> parse(const QString &text, QString *errorString = nullptr);

    Engine engine() const { return m_engine; }
    bool isTeamLibrary() const { return m_engine == Engine::PostgreSQL; }

    // SQLite: the absolute path of the file.
    QString path() const { return m_path; }

    // PostgreSQL: libpq's connection parameters as the URL gave them
    // (host, port, dbname, user, sslmode, …); empty ones are libpq's
    // defaults (PGHOST and the like, then the local socket and login name).
    QMap<QString, QString> parameters() const { return m_parameters; }
    QString parameter(const QString &keyword) const { return m_parameters.value(keyword); }

    // The location as the user gave it, normalised: the absolute path, or the URL.
    QString toString() const { return m_text; }
    // For titles and lists: the file name, or "database on host".
    QString displayName() const;

    friend bool operator==(const LibraryLocation &, const LibraryLocation &) = default;

private:
    Engine m_engine = Engine::SQLite;
    QString m_path;
    QString m_text;
    QMap<QString, QString> m_parameters;
};
