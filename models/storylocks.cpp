// SPDX-License-Identifier: MIT
#include "storylocks.h"

#include "library.h"
#include "people.h"
#include "sqlquery.h"
#include "workflow.h"
#include "sqldialect.h"

#include <QCoreApplication>
#include <QFile>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QSysInfo>
#include <QUuid>

#include <cerrno>
#include <signal.h>

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("StoryLocks", text);
}

// Fields of /proc/PID/stat after the command name (which may hold spaces);
// empty when there is no such process.
QList<QByteArray> procStatFields(qint64 pid)
{
    QFile file(u"/proc/%1/stat"_s.arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray stat = file.readAll();
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return {};
    return stat.mid(close + 2).split(' ');
}

bool processIsAlive(qint64 pid)
{
    if (pid <= 0)
        return false;
    if (::kill(pid_t(pid), 0) != 0 && errno == ESRCH)
        return false;
    // A killed child that nobody has reaped yet is a zombie: dead all the same.
    const QList<QByteArray> fields = procStatFields(pid);
    return fields.isEmpty() || fields.constFirst() != "Z";
}

StoryLock lockFromQuery(const QSqlQuery &query)
{
    const QSqlRecord record = query.record();
    auto value = [&](const char *name) { return query.value(record.indexOf(QLatin1StringView(name))); };
    return StoryLock{value("story_id").toLongLong(),       value("session").toString(), value("holder").toString(),
                     value("host").toString(),             value("pid").toLongLong(),   value("process_started").toString(),
                     Library::timeFromUtc(value("acquired_at").toString()), Library::timeFromUtc(value("heartbeat_at").toString()),
                     value("session_alive").isNull() ? std::nullopt : std::optional(value("session_alive").toBool())};
}

} // namespace

StoryLocks::StoryLocks(Library *library)
    : m_library(library)
{
}

QString StoryLocks::errorString() const
{
    return m_error.message();
}

QString StoryLocks::currentSession()
{
    static const QString session = QUuid::createUuid().toString(QUuid::WithoutBraces);
    return session;
}

QString StoryLocks::currentHost()
{
    return QSysInfo::machineHostName();
}

QString StoryLocks::processStartTime(qint64 pid)
{
    // Field 22 of stat is the start time; the list starts at field 3 (state).
    const QList<QByteArray> fields = procStatFields(pid);
    return fields.size() > 19 ? QString::fromLatin1(fields.at(19)) : QString();
}

bool StoryLocks::isStale(const StoryLock &lock, const QDateTime &now, const QString &localHost)
{
    if (lock.sessionAlive)
        return !*lock.sessionAlive;
    if (lock.host == localHost) {
        if (!processIsAlive(lock.pid))
            return true;
        if (!lock.processStarted.isEmpty() && processStartTime(lock.pid) != lock.processStarted)
            return true; // the pid was reused by another process
    }
    return !lock.heartbeatAt.isValid() || lock.heartbeatAt.secsTo(now) > staleAfterSeconds;
}

std::optional<StoryLock> StoryLocks::lockOf(qint64 storyId)
{
    SqlQuery query(m_library->database());
    query.prepare(u"SELECT story_id, session, holder, host, pid, process_started, acquired_at, heartbeat_at, "
                  "%1 AS session_alive FROM story_locks WHERE story_id = :id"_s.arg(m_library->dialect().lockSessionAliveExpression()));
    query.bindValue(u":id"_s, storyId);
    if (!query.exec()) {
        m_error.fail(query, tr("Cannot read the story's lock"));
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return lockFromQuery(query);
}

StoryLocks::Result StoryLocks::acquire(qint64 storyId, StoryLock *holder)
{
    WriteTransaction transaction(m_library, &m_error);
    if (!transaction.begin())
        return Result::Failed;
    const std::optional<StoryLock> existing = lockOf(storyId);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (existing && existing->session != m_library->lockSession()) {
        if (!isStale(*existing, now, currentHost())) {
            if (holder)
                *holder = *existing;
            m_error.fail(tr("%1 is editing this story (on %2).").arg(existing->holder, existing->host));
            return Result::HeldByOther;
        }
        m_library->audit(u"lock-recovered"_s, u"story"_s, storyId,
                         tr("from %1 on %2, process %3, last seen %4")
                             .arg(existing->holder, existing->host)
                             .arg(existing->pid)
                             .arg(existing->heartbeatAt.toString(Qt::ISODate)));
    }
    if (!writeLock(storyId))
        return Result::Failed;
    if (!transaction.commit())
        return Result::Failed;
    return Result::Acquired;
}

bool StoryLocks::writeLock(qint64 storyId)
{
    const qint64 pid = QCoreApplication::applicationPid();
    const QString stamp = Library::nowUtc();
    SqlQuery query(m_library->database());
    query.prepare(u"INSERT INTO story_locks (story_id, session, holder, host, pid, process_started, acquired_at, "
                  "heartbeat_at) VALUES (:id, :session, :holder, :host, :pid, :started, :now, :now) "
                  "ON CONFLICT (story_id) DO UPDATE SET session = excluded.session, holder = excluded.holder, "
                  "host = excluded.host, pid = excluded.pid, process_started = excluded.process_started, "
                  "acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at"_s);
    query.bindValue(u":id"_s, storyId);
    query.bindValue(u":session"_s, m_library->lockSession());
    query.bindValue(u":holder"_s, sqlText(m_library->actor()));
    query.bindValue(u":host"_s, sqlText(currentHost()));
    query.bindValue(u":pid"_s, pid);
    query.bindValue(u":started"_s, sqlText(processStartTime(pid)));
    query.bindValue(u":now"_s, stamp);
    return query.exec() || m_error.fail(query, tr("Cannot lock the story"));
}

StoryLocks::Result StoryLocks::takeOver(qint64 storyId)
{
    if (const Workflow::Verdict verdict = Workflow::checkTakeOver(PeopleRepository(m_library).roleOfActor()); !verdict.allowed) {
        m_error.fail(verdict.reason);
        return Result::NotAllowed;
    }
    WriteTransaction transaction(m_library, &m_error);
    if (!transaction.begin())
        return Result::Failed;
    const std::optional<StoryLock> existing = lockOf(storyId);
    // A team library's server records taking a live desk's story from
    // someone else itself (one entry, not two).
    const bool serverRecords = existing && existing->sessionAlive.value_or(false) && existing->holder != m_library->actor();
    if (existing && existing->session != m_library->lockSession() && !serverRecords
        && !m_library->audit(u"lock-taken-over"_s, u"story"_s, storyId, takenOverDetail(existing->holder, existing->host))) {
        m_error.fail(tr("Cannot record taking the story over"));
        return Result::Failed;
    }
    if (!writeLock(storyId) || !transaction.commit())
        return Result::Failed;
    return Result::Acquired;
}

QString StoryLocks::takenOverDetail(const QString &holder, const QString &host)
{
    return tr("from %1 on %2").arg(holder, host);
}

bool StoryLocks::release(qint64 storyId)
{
    SqlQuery query(m_library->database());
    query.prepare(u"DELETE FROM story_locks WHERE story_id = :id AND session = :session"_s);
    query.bindValue(u":id"_s, storyId);
    query.bindValue(u":session"_s, m_library->lockSession());
    if (!query.exec()) {
        m_error.fail(query, tr("Cannot unlock the story"));
        return false;
    }
    return true;
}

bool StoryLocks::heartbeat()
{
    SqlQuery query(m_library->database());
    query.prepare(u"UPDATE story_locks SET heartbeat_at = :now WHERE session = :session"_s);
    query.bindValue(u":now"_s, Library::nowUtc());
    query.bindValue(u":session"_s, m_library->lockSession());
    if (!query.exec()) {
        m_error.fail(query, tr("Cannot refresh the story's lock"));
        return false;
    }
    return true;
}
