// SPDX-License-Identifier: MIT
#pragma once

// A library turned back into an older format in place, for tests of what a
// newer Newsdesk makes of the data an older one wrote.

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

namespace OldFormat {

// Runs statements on the library file at path, in order, up to the first
// that fails. Empty on success, else that statement and why. The library
// must not be open elsewhere in this process.
inline QString run(const QString &path, const QStringList &statements)
{
    const QString connection = QStringLiteral("old-format");
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        if (!db.open())
            return db.lastError().text();
        QSqlQuery query(db);
        for (const QString &statement : statements) {
            if (!query.exec(statement)) {
                error = statement + QStringLiteral(": ") + query.lastError().text();
                break;
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return error;
}

// Drops what format 6 added (the index of stories' status by id; a photo's
// Command Shown, its photographer's contact and its decorative choice;
// metadata templates; the glossary; the photo search index and its
// triggers) and marks the file as format 5.
inline QString turnBackToFormat5(const QString &path)
{
    return run(path, {
                         QStringLiteral("DROP INDEX IF EXISTS stories_status_by_id"),
                         QStringLiteral("ALTER TABLE photos DROP COLUMN command_shown"),
                         QStringLiteral("ALTER TABLE photos DROP COLUMN creator_email"),
                         QStringLiteral("ALTER TABLE photos DROP COLUMN creator_phone"),
                         QStringLiteral("ALTER TABLE photos DROP COLUMN decorative"),
                         QStringLiteral("DROP TABLE photo_templates"),
                         QStringLiteral("DROP TRIGGER photo_search_insert"),
                         QStringLiteral("DROP TRIGGER photo_search_update"),
                         QStringLiteral("DROP TRIGGER photo_search_delete"),
                         QStringLiteral("DROP TABLE photo_search"),
                         QStringLiteral("DROP TABLE glossary"),
                         QStringLiteral("PRAGMA user_version = 5"),
                     });
}

// And what format 5 added (people's logins, the correction note of
// revisions, what a caption decision saw): format 4.
inline QString turnBackToFormat4(const QString &path)
{
    if (const QString error = turnBackToFormat5(path); !error.isEmpty())
        return error;
    return run(path, {
                         QStringLiteral("ALTER TABLE revisions DROP COLUMN correction_note"),
                         QStringLiteral("ALTER TABLE caption_approvals DROP COLUMN reviewed"),
                         QStringLiteral("DROP INDEX people_by_login"),
                         QStringLiteral("ALTER TABLE people DROP COLUMN login"),
                         QStringLiteral("PRAGMA user_version = 4"),
                     });
}

} // namespace OldFormat
