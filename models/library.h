// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QSqlDatabase>
#include <QString>

#include <optional>
#include <utility>

class QSqlQuery;

class QSqlQuery;
class RepositoryError;
class LibraryLocation;
class SqlDialect;
class QTimer;

// A null QString binds as SQL NULL; our text columns are NOT NULL with ''
// for "none", so every bound text goes through this.
inline QString sqlText(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

// One line of the audit log: who changed what, and when.
struct AuditEntry
{
    qint64 id = 0;
    QString at; // UTC, ISO 8601
    QString actor;
    QString action;
    QString entity;
    qint64 entityId = 0;
    QString detail;
};

Q_DECLARE_METATYPE(AuditEntry)

// One story library: a single SQLite file, opened with WAL so that two
// Newsdesk processes can work on it at once, or a team library on a
// PostgreSQL server (issue 13), set up with `newsdesk team setup`, where the
// person is the database login and the server enforces the workflow.
// Opening never writes to a file that is not a Newsdesk library, nor to one
// written by a newer Newsdesk.
class Library : public QObject
{
    Q_OBJECT
public:
    enum class OpenError {
        None,
        NotADatabase,   // the file is not SQLite at all, or its header is damaged
        NotALibrary,    // SQLite, but some other program's database
        NewerSchema,    // written by a newer Newsdesk
        ReadOnly,       // the file or its folder cannot be written
        Busy,           // another program holds it locked
        Corrupt,        // SQLite reports damage
        CannotCreate,   // the folder cannot be created, or the file cannot be made
        CannotConnect,  // the team library's server cannot be reached, or refused the login
        NotSetUp,       // the database has no team library (newsdesk team setup)
        NotAPerson,     // the login is not among the team library's people
        OlderSchema,    // a team library at an older format: its administrator runs team setup
        NeedsPassword,  // the team library's server asks for a password, or refused the one given
        Other,
    };
    Q_ENUM(OpenError)

    explicit Library(QObject *parent = nullptr);
    ~Library() override;

    // Opens (creating when missing) the library file at location, or the
    // team library a postgresql:// URL names (LibraryLocation::parse).
    bool open(const QString &location);
    // A team library whose server asks for a password (OpenError::NeedsPassword
    // without one, or with a wrong one). It is kept in memory for this
    // library's connections only, never written anywhere.
    bool open(const QString &location, const QString &password);
    // A private in-memory library, for tests and scratch work.
    bool openInMemory();
    void close();

    bool isOpen() const;
    // The file's absolute path, or the team library's URL.
    QString path() const;
    // True for a team library on PostgreSQL.
    bool isTeamLibrary() const;
    // A team library tells every open library of other desks' changes (the
    // server's NOTIFY, on a connection of the library's own), which it
    // passes on as storiesChanged(), photosChanged() and glossaryChanged(). False while that
    // connection is down (liveUpdatesChanged says when), and for a file.
    bool hasLiveUpdates() const;
    // Whose edit locks are whose (StoryLocks): this process's session, and on
    // a team library its database session too, so that a lock dies with
    // the connection that took it.
    QString lockSession() const;
    // The engine's SQL (SQLite until a team library is opened).
    const SqlDialect &dialect() const;
    QSqlDatabase database() const;
    QString connectionName() const;
    // True when open() created the file, so the caller may seed it.
    bool isNew() const;

    OpenError openError() const;
    QString errorString() const;

    int schemaVersion() const;

    // How long to wait for another process's write lock before giving up
    // (default 5 s; on a team library, PostgreSQL's lock_timeout). Takes
    // effect at the next open().
    void setBusyTimeout(int milliseconds);

    // Who is working: recorded as the author of every change. It starts as
    // the operating-system login (operatingSystemLogin(), never $USER); the
    // window sets the person chosen, the command line the person the login
    // names (PeopleRepository::findByLogin). On a team library it is the
    // person of the database login, and setActor() cannot change it: the
    // server records who did what whatever a client says.
    QString actor() const;
    void setActor(const QString &actor);

    // Writes one line to the audit log (inside the caller's transaction, if any).
    bool audit(const QString &action, const QString &entity, qint64 entityId, const QString &detail = {});

    // Tidies the search index and statistics; seconds on a large library,
    // so for idle time or the end of a session.
    bool optimize();
    // What this connection wrote goes from the write-ahead log into the file
    // now, waiting for no one (SqlDialect::logCheckpointStatement): for a
    // connection that wrote a lot off the GUI thread, so that the window's
    // next small commit does not copy it.
    void writeLogBack();

    // The audit log of one entity ("story", "photo", "person"), oldest first;
    // an empty entity gives the whole log.
    QList<AuditEntry> auditTrail(const QString &entity = {}, qint64 entityId = 0) const;
    // The audit rows after the one with id afterId, oldest first.
    QList<AuditEntry> auditSince(qint64 afterId) const;

    // The message a user reads when query failed while doing what: "what:
    // why", why in words they can act on when the engine says the library is
    // busy, read-only or damaged (SqlDialect::errorKind), else the driver's
    // text. Repositories record it through RepositoryError.
    static QString describeError(const QSqlQuery &query, const QString &what);

    static QString nowUtc();
    // A time as nowUtc() writes it, read back as UTC.
    static QDateTime timeFromUtc(const QString &text);

Q_SIGNALS:
    // Emitted after any committed change to stories or photos, by this
    // process, or on a team library by another desk (heard from the server,
    // several changes at once passed on once). photoId 0: several photos, or
    // any.
    void storiesChanged();
    void photosChanged(qint64 photoId);
    // The glossary changed: by this library's GlossaryRepository, or on a
    // team library by another desk (heard from the server). A file has no
    // such news: another process's change shows when the glossary is read.
    void glossaryChanged();
    // Someone else is working now (what they may do can change).
    void actorChanged(const QString &actor);
    // A team library's live updates stopped (a connection dropped; it is
    // tried again every few seconds) or are back, after which storiesChanged,
    // photosChanged(0) and glossaryChanged are emitted once and then caughtUp.
    void liveUpdatesChanged(bool live);
    // Back in touch: what other people did meanwhile, from the audit log
    // (every change a desk makes writes a row there), oldest first.
    void caughtUp(const QList<AuditEntry> &missed);
    // The work connection dropped and was made again: a new database
    // session, so the edit locks of the old one are gone (LockKeeper takes
    // its story's lock again).
    void sessionRenewed();

private:
    bool openConnection(const QString &databaseName, bool isFile);
    bool openTeamLibrary(const LibraryLocation &location);
    // Why the team library at location cannot be opened, or nullopt.
    std::optional<std::pair<OpenError, QString>> checkTeamLibrary(const LibraryLocation &location);
    bool startListening();
    void stopListening();
    void checkConnections();
    // Makes the work connection again, as the same login, after it dropped.
    bool reconnect();
    // The newest audit row on connection, or nullopt when it cannot be read
    // (the connection is down).
    static std::optional<qint64> newestAuditId(const QSqlDatabase &connection);
    QList<AuditEntry> readAudit(QSqlQuery &query) const;
    // A team library connection's settings, on a new session (opening,
    // reconnecting): false when one cannot be set.
    bool setUpSession(QSqlQuery &query) const;
    void takeNotification(const QString &name, int source, const QVariant &payload);
    // Passes on what takeNotification heard since the last time, once.
    void passOnHeard();
    bool fail(OpenError error, const QString &message);
    bool migrate();

    QString m_connectionName;
    QString m_path;
    QString m_errorString;
    QString m_actor;
    OpenError m_openError = OpenError::None;
    int m_schemaVersion = 0;
    int m_busyTimeout = 5000;
    bool m_isNew = false;
    bool m_isTeamLibrary = false;
    const SqlDialect *m_dialect;
    // Live updates (team libraries): the listening connection, the main
    // connection's backend (whose own changes are not news) and the timer
    // that checks the listener and reconnects it.
    QString m_listenerName;
    qint64 m_backendPid = 0;
    QTimer *m_listenerCheck = nullptr;
    bool m_live = false;
    // The newest audit row whose change this desk has heard of (or read when
    // it opened the library): after a gap, catching up starts after it.
    qint64 m_auditMark = 0;
    // Other desks' changes heard and not yet passed on: anyone may NOTIFY
    // on the channel, so a flood of thousands (forged or a batch edit) must
    // not make every window re-read its list thousands of times. Passed on
    // at the next turn of the event loop, and then at most every
    // heardInterval milliseconds.
    static constexpr int heardInterval = 250;
    QTimer *m_heardTimer = nullptr;
    QElapsedTimer m_sincePassedOn;
    bool m_heardStories = false;
    bool m_heardGlossary = false;
    QSet<qint64> m_heardPhotos;
    QString m_password;
};

// A write transaction that takes SQLite's write lock up front (BEGIN
// IMMEDIATE), so two processes never deadlock upgrading a read lock, and
// rolls back unless committed (SqlDialect::beginWriteStatement).
class WriteTransaction
{
public:
    // Failures of begin() and commit() are also recorded in *error (a
    // repository's own) or written to *errorString, when given.
    explicit WriteTransaction(Library *library, RepositoryError *error);
    explicit WriteTransaction(Library *library, QString *errorString = nullptr);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;

    bool begin();
    bool commit();
    void rollback();
    QString errorString() const;

private:
    Library *m_library;
    void setError(const QString &message);

    QString m_errorString;
    RepositoryError *m_callerError = nullptr;
    QString *m_callerErrorString = nullptr;
    bool m_active = false;
};
