// SPDX-License-Identifier: MIT
#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

class QSqlDriver;
class QSqlError;

// Everything in the library that only one engine understands — SQLite's
// PRAGMAs and FTS5, PostgreSQL's tsvector search and server functions — lives
// behind this interface. A Library holds the dialect of the engine it opened
// (Library::dialect()); repositories write portable SQL (ON CONFLICT,
// RETURNING) and ask the dialect for the rest.
class SqlDialect
{
public:
    enum class Engine { SQLite, PostgreSQL };

    // Why a statement failed, in the terms Newsdesk tells a user: the
    // engine's own codes mean nothing to them, and each engine numbers them
    // its own way.
    enum class ErrorKind {
        Other,
        Busy,             // another connection holds the lock (past the busy timeout)
        ReadOnly,         // the file (or the server's transaction) cannot be written
        Corrupt,          // the engine found damage
        NotADatabase,     // the file is not a database of this engine
        CannotOpen,       // the file cannot be opened
        PermissionDenied, // the server refused: the caller's role may not do this
        ConnectionLost,   // the server went away
    };

    // The schema version this build writes on SQLite; a library whose PRAGMA
    // user_version is larger was written by a newer Newsdesk and is refused.
    static constexpr int currentSchemaVersion = 6;
    // Identifies a Newsdesk library among SQLite files (PRAGMA application_id).
    static constexpr int applicationId = 0x4E44534B; // "NDSK"
    // Ranking every match of a word that is in most stories costs too much
    // (bm25 over 100,000 rows: ~100 ms), so ranking covers the newest
    // ftsRankingWindow matches (bench_library: ~5 ms for 2,000). 1,000: on
    // PostgreSQL each match found costs a test of its document, walking the
    // newest stories, and then its ranking; at 2,000, a word in a quarter of
    // 100,000 stories walked 8,000 of them (bench_team: 75 ms of the list's
    // search on a loaded machine, 37 ms at 1,000).
    static constexpr int ftsRankingWindow = 1000;

    static const SqlDialect &sqlite();
    static const SqlDialect &postgres();
    // The dialect of database's engine.
    static const SqlDialect &of(const QSqlDatabase &database);
    static const SqlDialect &of(const QSqlDriver *driver);

    virtual ~SqlDialect() = default;

    virtual Engine engine() const = 0;
    virtual ErrorKind errorKind(const QSqlError &error) const = 0;

    // Starts a write transaction. SQLite takes its write lock up front (BEGIN
    // IMMEDIATE) so that two processes never deadlock upgrading a read lock;
    // PostgreSQL locks rows as they are written.
    virtual QString beginWriteStatement() const = 0;
    // column, ordered without regard to case.
    virtual QString caseInsensitiveOrder(const QString &column) const = 0;
    // Housekeeping for a quiet moment: the search index and the planner's statistics.
    virtual QStringList maintenanceStatements() const = 0;
    // Copies what the write-ahead log holds into the library file without
    // waiting for any reader or writer; empty where the engine does that
    // itself (PostgreSQL's checkpointer).
    virtual QString logCheckpointStatement() const = 0;
    // Put after "FROM stories AS alias" in a lookup of one story's status by
    // its id: what makes the engine answer it from an index of (id, status)
    // rather than from the story's row. Empty where the engine needs no hint.
    virtual QString statusByIdIndexHint() const = 0;

    // True when the server itself enforces who may do what (PostgreSQL's
    // roles and functions); repositories then call the server's functions
    // for status changes and caption decisions, and leave the columns only
    // those functions write alone.
    virtual bool serverEnforcesWorkflow() const = 0;

    // An expression over story_locks' row: whether the database session that
    // holds the lock is alive (PostgreSQL knows its sessions), or NULL where
    // the engine cannot tell (SQLite: StoryLocks judges by pid and heartbeat).
    virtual QString lockSessionAliveExpression() const = 0;

    // Full-text search over stories.
    virtual QString ftsUpsertStatement() const = 0; // binds :id, :headline, :dek, :body, :captions
    virtual QString ftsDeleteStatement() const = 0; // binds :id
    // Ranked search among the newest :window matches, best first; binds
    // :query, :window and :limit; gives story_id and rank (smaller is better).
    virtual QString ftsSearchStatement() const = 0;
    // The matching passages of up to idCount stories in one statement:
    // story_id, and a passage of each text (body_passage, dek_passage,
    // captions_passage, headline_passage), the matches between \x02 and
    // \x03. Binds :query, :low and :high (the smallest and largest id) and
    // :id0 … :id<idCount-1> (idParameter).
    virtual QString ftsSnippetsStatement(int idCount) const = 0;
    // The i-th story id's parameter of ftsSnippetsStatement: ":id<i>".
    static QString idParameter(int i);
    // Turns what a user typed into a query of the engine's that cannot be a
    // syntax error: every word matched as typed, the last one as a prefix
    // while it is at least two characters long. Words too common to search
    // for (isStopword) are left out, on both engines alike. Empty when no
    // word is left.
    virtual QString ftsQueryFromUserText(const QString &text) const = 0;
    // ftsQuery (as ftsQueryFromUserText makes it) with its last word matched
    // whole rather than as a prefix, when the engine finds passages for that
    // much sooner; empty when it does not, or there is no prefix. FTS5 reads
    // the whole index entry of every word a prefix of five letters or more
    // begins ("defens*": all 96,000 stories of bench_library) before it can
    // look at one story; a whole word it seeks.
    virtual QString ftsQueryWithoutPrefix(const QString &ftsQuery) const = 0;
    // A word that search leaves out as too common ("the", "and"): those
    // PostgreSQL's English configuration drops (its english.stop, compared
    // with the server's by tst_storyrepository), so that SQLite's FTS5,
    // which would match nearly every story, finds what PostgreSQL finds. A
    // word joined by apostrophes or hyphens is one when all its parts are
    // ("don't").
    static bool isStopword(QStringView word);
    static const QStringList &stopwords();
    // True when what a user typed has words but every one is too common to
    // search for: the list then says so rather than listing every story.
    static bool isTooCommonToSearch(const QString &text);
    // The photos of the library that match :query (ftsQueryFromUserText) in
    // their VIRIN, photographer or credit, date shot, place, keywords or
    // caption words (title, caption, alt text, operation, unit): photo_id
    // and rank (smaller is better), unordered. The media archive (issue 15).
    virtual QString photoSearchStatement() const = 0;

protected:
    // What a user typed as an engine's query: its words, each quoted by
    // quote, all required (joined by separator), the last matched as a prefix
    // (prefixMark appended) once it is two characters long: a one-character
    // prefix costs too much on either engine ("p*" took 300 ms in FTS5).
    static QString searchQuery(const QString &text, QString (*quote)(const QString &word), QStringView prefixMark,
                               QStringView separator);
    // ":id0, :id1, …" for count ids, as an IN list.
    static QString idParameterList(int count);
};

// SQLite: a library file of its own.
class SqliteDialect final : public SqlDialect
{
public:
    Engine engine() const override { return Engine::SQLite; }
    ErrorKind errorKind(const QSqlError &error) const override;
    QString beginWriteStatement() const override;
    QString caseInsensitiveOrder(const QString &column) const override;
    QStringList maintenanceStatements() const override;
    QString logCheckpointStatement() const override;
    QString statusByIdIndexHint() const override;
    bool serverEnforcesWorkflow() const override { return false; }
    QString lockSessionAliveExpression() const override;
    QString ftsUpsertStatement() const override;
    QString ftsDeleteStatement() const override;
    QString ftsSearchStatement() const override;
    QString ftsSnippetsStatement(int idCount) const override;
    QString ftsQueryFromUserText(const QString &text) const override;
    QString ftsQueryWithoutPrefix(const QString &ftsQuery) const override;
    QString photoSearchStatement() const override;

    // Statements that move a library from schema version `from` to `from + 1`.
    static QStringList migrationStatements(int from);
    // Connection settings applied after the version check: WAL, foreign keys.
    static QStringList connectionPragmas();
};
