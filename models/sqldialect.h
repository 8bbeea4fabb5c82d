// SPDX-License-Identifier: MIT
#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

class QSqlError;

// Everything in the library that only SQLite understands (PRAGMAs, FTS5, the
// schema's engine-specific DDL) lives behind this one interface, so that a
// PostgreSQL library can later provide its own.
namespace SqlDialect {

// The schema version this build writes; a library whose PRAGMA user_version is
// larger was written by a newer Newsdesk and is refused.
inline constexpr int currentSchemaVersion = 5;

// Identifies a Newsdesk library among SQLite files (PRAGMA application_id).
inline constexpr int applicationId = 0x4E44534B; // "NDSK"

// Statements that move a library from schema version `from` to `from + 1`.
QStringList migrationStatements(int from);

// Connection settings applied after the version check: WAL, foreign keys.
QStringList connectionPragmas();

// Why a statement failed, in the terms Newsdesk tells a user: the engine's
// own codes mean nothing to them, and each engine numbers them its own way.
enum class ErrorKind {
    Other,
    Busy,         // another connection holds the lock (past the busy timeout)
    ReadOnly,     // the file cannot be written
    Corrupt,      // the engine found damage
    NotADatabase, // the file is not a database of this engine
    CannotOpen,   // the file cannot be opened
};
// Reads the engine's error code (SQLite's primary result code).
ErrorKind errorKind(const QSqlError &error);

// Housekeeping for a quiet moment: merges the search index's segments and
// refreshes the query planner's statistics.
QStringList maintenanceStatements();

// Full-text search over stories.
QString ftsUpsertStatement();   // binds :id, :headline, :dek, :body, :captions
QString ftsDeleteStatement();   // binds :id
// Ranking every match of a word that is in most stories costs too much
// (bm25 over 100,000 rows: ~100 ms), so ranking covers the newest
// ftsRankingWindow matches (bench_library: ~5 ms for 2,000).
inline constexpr int ftsRankingWindow = 2000;
// Ranked search among the newest :window matches, best first; binds :query,
// :window and :limit. One statement, because FTS5 gathers a prefix query's
// rows ("pentagon*": 4 ms) for every statement that uses it. Snippets are
// made separately, only for the hits someone sees: each one tokenizes the
// story again (about 0.3 ms), too much for every hit.
QString ftsSearchStatement();
// The matching passages of up to idCount stories in one scan: story_id, and
// a passage of each text (body_passage, dek_passage, captions_passage,
// headline_passage; one without a match is the text's start, unmarked).
// Binds :query, :low and :high (the smallest and largest id) and :id0 …
// :id<idCount-1>.
// One statement for all of them, because a prefix query ("pentag*") gathers
// every matching word's rows before it can look at one story: per story
// that cost 5 ms on a 100,000-story library, once for ten stories 4 ms.
QString ftsSnippetsStatement(int idCount);
// Turns what a user typed into an FTS5 query that cannot be a syntax error:
// every word is quoted, the last one matched as a prefix while it is at
// least two characters long (FTS5 has no index for one-character prefixes:
// "p*" took 300 ms).
QString ftsQueryFromUserText(const QString &text);

} // namespace SqlDialect
