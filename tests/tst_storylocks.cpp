// SPDX-License-Identifier: MIT
// Story edit locks across processes: a live holder keeps the story, a holder
// killed with SIGKILL is recognised as gone and its lock is taken over. On
// both engines (tests/testlibraries.h); how a dead holder is recognised
// differs: on a file by its pid on this host (or its heartbeat), on a team
// library by its database session, which ends with the process.
#include "library.h"
#include "lockholder.h"
#include "lockkeeper.h"
#include "people.h"
#include "storylocks.h"
#include "storyrepository.h"
#include "testlibraries.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <cstdio>

using namespace std::chrono_literals;

using namespace Qt::StringLiterals;

class TestStoryLocks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void killedHolderIsRecognisedAndReleased();
    void staleness_data();
    void staleness();
    void sessionDecidesWhereTheServerKnowsIt_data();
    void sessionDecidesWhereTheServerKnowsIt();
    void ownLockIsTakenAgainAndReleased();
    void keeperHoldsTheOpenStorysLockAndBeats();
    void keeperHoldsNothingAnotherProcessHas();

private:
    // The library once more, as Eve Editor (another window of hers).
    bool openAsEve(Library &library) { return m_libraries->openAgain(library, u"Eve Editor"_s, PersonRole::Editor); }
    // Where the lock-holding child opens the library, as Walt Writer.
    QString holderLocation() { return m_libraries->locationAs(u"Walt Writer"_s, PersonRole::Writer); }

    std::unique_ptr<TestLibraries> m_libraries;
};

void TestStoryLocks::init()
{
    m_libraries = std::make_unique<TestLibraries>();
    Library library;
    QVERIFY2(m_libraries->open(library, u"Eve Editor"_s, PersonRole::Editor), qPrintable(m_libraries->errorString()));
    QVERIFY(StoryRepository(&library).create(Story{.headline = u"Locked story"_s}));
}

void TestStoryLocks::killedHolderIsRecognisedAndReleased()
{
    QProcess child;
    const QString location = holderLocation();
    QVERIFY2(!location.isEmpty(), qPrintable(m_libraries->errorString()));
    LockHolder::start(child, location);
    if (QTest::currentTestFailed())
        return;

    Library library;
    QVERIFY(openAsEve(library));
    StoryLocks locks(&library);
    StoryLock holder;
    QCOMPARE(locks.acquire(1, &holder), StoryLocks::Result::HeldByOther);
    QCOMPARE(holder.holder, u"Walt Writer"_s);
    QCOMPARE(holder.pid, child.processId());
    QCOMPARE(holder.host, StoryLocks::currentHost());
    QVERIFY(locks.errorString().contains(u"Walt Writer is editing this story"_s));

    child.kill(); // SIGKILL: the child never releases its lock
    QVERIFY(child.waitForFinished());
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);
    QCOMPARE(locks.lockOf(1)->holder, u"Walt Writer"_s); // still on file
    if (TestLibraries::onPostgres()) {
        // The server knows the session died with the process: the lock is
        // stale for that alone (its pid and heartbeat are not asked). The
        // server notices the closed socket a moment after the kill.
        QTRY_COMPARE(locks.lockOf(1)->sessionAlive, std::optional(false));
    } else {
        // A file knows no sessions: the pid, gone from this host, tells.
        QCOMPARE(locks.lockOf(1)->sessionAlive, std::nullopt);
    }
    QVERIFY(StoryLocks::isStale(*locks.lockOf(1), QDateTime::currentDateTimeUtc(), StoryLocks::currentHost()));

    QCOMPARE(locks.acquire(1, &holder), StoryLocks::Result::Acquired);
    QCOMPARE(locks.lockOf(1)->holder, u"Eve Editor"_s);
    QCOMPARE(locks.lockOf(1)->pid, QCoreApplication::applicationPid());
    const AuditEntry recovered = library.auditTrail(u"story"_s, 1).constLast();
    QCOMPARE(recovered.action, u"lock-recovered"_s);
    QVERIFY(recovered.detail.startsWith(u"from Walt Writer on "_s));
}

void TestStoryLocks::staleness_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("livePid");
    QTest::addColumn<bool>("sameStart");
    QTest::addColumn<int>("heartbeatAgeSeconds");
    QTest::addColumn<bool>("stale");
    const QString here = StoryLocks::currentHost();
    QTest::newRow("live process on this host") << here << true << true << 5 << false;
    QTest::newRow("pid reused by a later process") << here << true << false << 5 << true;
    QTest::newRow("pid gone on this host") << here << false << true << 5 << true;
    QTest::newRow("other host, fresh heartbeat") << u"elsewhere.example"_s << false << true << 5 << false;
    QTest::newRow("other host, heartbeat too old") << u"elsewhere.example"_s << false << true
                                                   << StoryLocks::staleAfterSeconds + 1 << true;
    QTest::newRow("live process, heartbeat too old") << here << true << true << StoryLocks::staleAfterSeconds + 1 << true;
}

// A team library's lock is its database session's: whether that session is
// alive decides, whatever the pid and heartbeat say (a desk whose connection
// dropped has a live process; a desk on another host has an old heartbeat
// while it idles).
void TestStoryLocks::sessionDecidesWhereTheServerKnowsIt_data()
{
    QTest::addColumn<bool>("sessionAlive");
    QTest::addColumn<bool>("livePid");
    QTest::addColumn<int>("heartbeatAgeSeconds");
    QTest::addColumn<bool>("stale");
    QTest::newRow("session ended, process alive, fresh heartbeat") << false << true << 5 << true;
    QTest::newRow("session alive, process gone") << true << false << 5 << false;
    QTest::newRow("session alive, heartbeat too old") << true << true << StoryLocks::staleAfterSeconds + 1 << false;
}

void TestStoryLocks::sessionDecidesWhereTheServerKnowsIt()
{
    QFETCH(bool, sessionAlive);
    QFETCH(bool, livePid);
    QFETCH(int, heartbeatAgeSeconds);
    QFETCH(bool, stale);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    StoryLock lock;
    lock.host = StoryLocks::currentHost();
    lock.pid = livePid ? QCoreApplication::applicationPid() : 1 << 23;
    lock.processStarted = livePid ? StoryLocks::processStartTime(lock.pid) : QString();
    lock.heartbeatAt = now.addSecs(-heartbeatAgeSeconds);
    lock.sessionAlive = sessionAlive;
    QCOMPARE(StoryLocks::isStale(lock, now, StoryLocks::currentHost()), stale);
}

void TestStoryLocks::staleness()
{
    QFETCH(QString, host);
    QFETCH(bool, livePid);
    QFETCH(bool, sameStart);
    QFETCH(int, heartbeatAgeSeconds);
    QFETCH(bool, stale);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    StoryLock lock;
    lock.host = host;
    if (livePid) {
        lock.pid = QCoreApplication::applicationPid();
        lock.processStarted = sameStart ? StoryLocks::processStartTime(lock.pid) : u"1"_s;
    } else {
        // A pid above the kernel's pid_max is never a process.
        lock.pid = 1 << 23;
    }
    lock.heartbeatAt = now.addSecs(-heartbeatAgeSeconds);
    QCOMPARE(StoryLocks::isStale(lock, now, StoryLocks::currentHost()), stale);
}

void TestStoryLocks::ownLockIsTakenAgainAndReleased()
{
    Library library;
    QVERIFY(openAsEve(library));
    StoryLocks locks(&library);
    QCOMPARE(locks.acquire(1), StoryLocks::Result::Acquired);
    QCOMPARE(locks.acquire(1), StoryLocks::Result::Acquired);
    QVERIFY(locks.heartbeat());
    QVERIFY(locks.release(1));
    QVERIFY(!locks.lockOf(1));
}

// The lock of the story open in the window: held with a live heartbeat, and
// given back for another story, another library, or when the keeper goes.
void TestStoryLocks::keeperHoldsTheOpenStorysLockAndBeats()
{
    Library library;
    QVERIFY(openAsEve(library));
    QVERIFY(StoryRepository(&library).create(Story{.headline = u"Another story"_s}));
    StoryLocks locks(&library);
    LockKeeper keeper;
    keeper.setLibrary(&library);
    keeper.setHeartbeatInterval(20ms);
    QCOMPARE(keeper.acquire(1), StoryLocks::Result::Acquired);
    QCOMPARE(keeper.heldStory(), 1);
    QVERIFY(keeper.isBeating());
    QCOMPARE(locks.lockOf(1)->holder, u"Eve Editor"_s);
    const QDateTime first = locks.lockOf(1)->heartbeatAt;
    QTRY_VERIFY(locks.lockOf(1)->heartbeatAt > first);

    QCOMPARE(keeper.acquire(2), StoryLocks::Result::Acquired);
    QVERIFY(!locks.lockOf(1));
    QCOMPARE(locks.lockOf(2)->holder, u"Eve Editor"_s);
    keeper.release();
    QVERIFY(!locks.lockOf(2));
    QCOMPARE(keeper.heldStory(), 0);
    QVERIFY(!keeper.isBeating());

    QCOMPARE(keeper.acquire(1), StoryLocks::Result::Acquired);
    keeper.setLibrary(nullptr); // the window left the library
    QVERIFY(!locks.lockOf(1));
    QVERIFY(!keeper.isBeating());
    QCOMPARE(keeper.acquire(1), StoryLocks::Result::Failed);
    QVERIFY(!locks.lockOf(1));
    {
        LockKeeper closing;
        closing.setLibrary(&library);
        QCOMPARE(closing.acquire(2), StoryLocks::Result::Acquired);
    }
    QVERIFY(!locks.lockOf(2));
}

void TestStoryLocks::keeperHoldsNothingAnotherProcessHas()
{
    QProcess child;
    const QString location = holderLocation();
    QVERIFY2(!location.isEmpty(), qPrintable(m_libraries->errorString()));
    LockHolder::start(child, location);
    if (QTest::currentTestFailed())
        return;
    Library library;
    QVERIFY(openAsEve(library));
    {
        LockKeeper keeper;
        keeper.setLibrary(&library);
        StoryLock holder;
        QCOMPARE(keeper.acquire(1, &holder), StoryLocks::Result::HeldByOther);
        QCOMPARE(holder.holder, u"Walt Writer"_s);
        QCOMPARE(keeper.heldStory(), 0);
        QVERIFY(!keeper.isBeating());
    } // and gives back nothing it does not hold
    QCOMPARE(StoryLocks(&library).lockOf(1)->holder, u"Walt Writer"_s);
    child.kill();
    QVERIFY(child.waitForFinished());
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    if (arguments.size() == 3 && arguments.at(1) == u"--hold-lock"_s)
        return LockHolder::holdForever(arguments.at(2));
    TestStoryLocks test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_storylocks.moc"
