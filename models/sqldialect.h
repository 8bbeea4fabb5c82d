// SPDX-License-Identifier: MIT
#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

// Everything in the library that only SQLite understands (PRAGMAs, FTS5, the
// schema's engine-specific DDL) lives behind this one interface, so that a
// PostgreSQL library can later provide its own.
namespace SqlDialect {

// The schema version this build writes; a library whose PRAGMA user_version is
// larger was written by a newer Newsdesk and is refused.
inline constexpr int currentSchemaVersion = 1;

// Identifies a Newsdesk library among SQLite files (PRAGMA application_id).
inline constexpr int applicationId = 0x4E44534B; // "NDSK"

// Statements that move a library from schema version `from` to `from + 1`.
QStringList migrationStatements(int from);

// Connection settings applied after the version check: WAL, foreign keys.
QStringList connectionPragmas();

// Full-text search over stories.
QString ftsUpsertStatement();   // binds :id, :headline, :dek, :body, :captions
QString ftsDeleteStatement();   // binds :id
// Ranked search with snippets; binds :query, :limit.
QString ftsSearchStatement();
// Turns what a user typed into an FTS5 query that cannot be a syntax error:
// every word is quoted, the last one matched as a prefix.
QString ftsQueryFromUserText(const QString &text);

} // namespace SqlDialect
