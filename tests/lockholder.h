// SPDX-License-Identifier: MIT
#pragma once

// Another Newsdesk process holding a story's edit lock, for the tests of
// locks: the test binary started again with --hold-lock PATH holds story 1
// of the library at PATH as Walt Writer, beating its heart, until killed.
// PATH is a file or a team library's URL as Walt's own login
// (TestLibraries::locationAs), whose person the server makes the holder.

#include "library.h"
#include "storylocks.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTest>
#include <QTimer>

#include <cstdio>

namespace LockHolder {

// The child's main, after its QCoreApplication: says "locked" once it holds the lock.
inline int holdForever(const QString &path)
{
    Library library;
    if (!library.open(path))
        return 3;
    library.setActor(QStringLiteral("Walt Writer"));
    StoryLocks locks(&library);
    if (locks.acquire(1) != StoryLocks::Result::Acquired)
        return 4;
    std::fputs("locked\n", stdout);
    std::fflush(stdout);
    QTimer heartbeat;
    QObject::connect(&heartbeat, &QTimer::timeout, &library, [&locks] { locks.heartbeat(); });
    heartbeat.start(StoryLocks::heartbeatSeconds * 1000);
    return QCoreApplication::exec();
}

// Starts child as the holder of path's story 1 and waits until it holds it
// (a failed QVERIFY ends the calling test: check QTest::currentTestFailed()).
inline void start(QProcess &child, const QString &path)
{
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--hold-lock"), path});
    QVERIFY(child.waitForStarted());
    QByteArray output;
    while (!output.contains("locked\n")) {
        QVERIFY2(child.waitForReadyRead(20000), child.readAllStandardError().constData());
        output += child.readAllStandardOutput();
    }
}

} // namespace LockHolder
