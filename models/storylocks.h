// SPDX-License-Identifier: MIT
#pragma once

#include "repositoryerror.h"

#include <QDateTime>
#include <QString>

#include <optional>

class Library;

// Who has a story open for editing.
struct StoryLock
{
    qint64 storyId = 0;
    QString session; // one per Newsdesk process
    QString holder;  // the person's name
    QString host;
    qint64 pid = 0;
    QString processStarted; // Linux: /proc/PID/stat start time, to tell a reused pid
    QDateTime acquiredAt;
    QDateTime heartbeatAt;
    // Whether the database session holding it is alive, where the engine
    // knows (a team library); the pid and heartbeat rules apply otherwise.
    std::optional<bool> sessionAlive;
};

// Edit locks shared by every process working on a library. A process holds
// the lock of the story it has open and refreshes its heartbeat; another
// process then opens that story read-only and sees who has it. A lock whose
// process died (killed, crashed, power cut on another machine) is stale and
// is taken over: on the same host when its pid is gone (or now belongs to a
// process started at another time), anywhere when its heartbeat is older than
// staleAfterSeconds. On a team library a lock is its database session's
// (Library::lockSession), stale the moment that session ends.
class StoryLocks
{
public:
    static constexpr int heartbeatSeconds = 30;
    static constexpr int staleAfterSeconds = 120;

    explicit StoryLocks(Library *library);

    enum class Result { Acquired, HeldByOther, Failed, NotAllowed };
    // Takes storyId's lock for this process (again, if it has it already).
    // HeldByOther fills *holder with the live lock that stands in the way.
    Result acquire(qint64 storyId, StoryLock *holder = nullptr);
    bool release(qint64 storyId);
    // An editor takes storyId's lock from whoever holds it, live or not
    // (Workflow::checkTakeOver; NotAllowed for anyone else), recorded in the
    // audit log with who had it. Their unsaved text stays theirs: their next
    // save meets the optimistic check as any stale save does.
    Result takeOver(qint64 storyId);
    // Refreshes the heartbeat of every lock this process holds.
    bool heartbeat();
    std::optional<StoryLock> lockOf(qint64 storyId);

    // True when lock's process is gone; now and localHost are parameters for tests.
    static bool isStale(const StoryLock &lock, const QDateTime &now, const QString &localHost);
    // This process's session, host and start time, as written into its locks
    // (a team library's Library::lockSession adds the database session).
    static QString currentSession();
    static QString currentHost();
    static QString processStartTime(qint64 pid);
    // The audit log's detail of a take-over from holder on host. A team
    // library's server writes it itself when an editor takes a live desk's
    // lock (PostgresDialect), however they do it.
    static QString takenOverDetail(const QString &holder, const QString &host);

    QString errorString() const;

private:
    // Writes this session's lock of storyId over any other (inside the caller's transaction).
    bool writeLock(qint64 storyId);

    Library *m_library;
    RepositoryError m_error;
};
