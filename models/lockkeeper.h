// SPDX-License-Identifier: MIT
#pragma once

#include "storylocks.h"

#include <QObject>
#include <QPointer>

#include <chrono>

class Library;
class QTimer;

// The edit lock of the one story this process has open: takes it, keeps its
// heartbeat going while it is held (so other processes see this one is
// alive), and gives it back when another story is opened, the library is
// left or the keeper goes away. StoryLocks says what a lock is; this keeps
// one for as long as the story is open.
class LockKeeper : public QObject
{
    Q_OBJECT
public:
    explicit LockKeeper(QObject *parent = nullptr);
    ~LockKeeper() override;

    // Gives back the lock held in the library before.
    void setLibrary(Library *library);

    // Gives back the lock held now and takes storyId's. HeldByOther fills
    // *holder with the lock that stands in the way; Failed leaves the reason
    // in errorString(). Nothing is held afterwards unless Acquired.
    StoryLocks::Result acquire(qint64 storyId, StoryLock *holder = nullptr);
    // An editor takes storyId's lock over from the desk that holds it
    // (StoryLocks::takeOver), giving back the one held now.
    StoryLocks::Result takeOver(qint64 storyId);
    // Gives back the lock held now, if any.
    void release();

    // The story whose lock is held (0: none).
    qint64 heldStory() const;
    bool isBeating() const;
    // StoryLocks::heartbeatSeconds unless a test wants it sooner.
    void setHeartbeatInterval(std::chrono::milliseconds interval);

    QString errorString() const;

Q_SIGNALS:
    // The lock of storyId went with a dropped database session (a team
    // library), and by the time the desk was back someone else held it.
    void lockLost(qint64 storyId, const StoryLock &holder);

private:
    // A team library's session was renewed: its locks died with the old one.
    void takeAgain();

    QPointer<Library> m_library;
    QTimer *m_heartbeat;
    qint64 m_heldStory = 0;
    QString m_errorString;
};
