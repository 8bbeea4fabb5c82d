// SPDX-License-Identifier: MIT
#include "lockkeeper.h"

#include "library.h"

#include <QTimer>

LockKeeper::LockKeeper(QObject *parent)
    : QObject(parent)
    , m_heartbeat(new QTimer(this))
{
    m_heartbeat->setInterval(std::chrono::seconds(StoryLocks::heartbeatSeconds));
    connect(m_heartbeat, &QTimer::timeout, this, [this] {
        if (m_library)
            StoryLocks(m_library).heartbeat();
    });
}

LockKeeper::~LockKeeper()
{
    release();
}

void LockKeeper::setLibrary(Library *library)
{
    release();
    if (m_library)
        disconnect(m_library, nullptr, this, nullptr);
    m_library = library;
    if (m_library)
        connect(m_library, &Library::sessionRenewed, this, &LockKeeper::takeAgain);
}

void LockKeeper::takeAgain()
{
    const qint64 story = m_heldStory;
    if (story <= 0 || !m_library)
        return;
    StoryLock holder;
    const StoryLocks::Result result = StoryLocks(m_library).acquire(story, &holder);
    if (result == StoryLocks::Result::Acquired)
        return;
    m_heldStory = 0;
    m_heartbeat->stop();
    if (result == StoryLocks::Result::HeldByOther)
        Q_EMIT lockLost(story, holder);
}

StoryLocks::Result LockKeeper::acquire(qint64 storyId, StoryLock *holder)
{
    release();
    if (!m_library) {
        m_errorString = tr("No library is open.");
        return StoryLocks::Result::Failed;
    }
    StoryLocks locks(m_library);
    const StoryLocks::Result result = locks.acquire(storyId, holder);
    if (result == StoryLocks::Result::Acquired) {
        m_heldStory = storyId;
        m_heartbeat->start();
    } else if (result == StoryLocks::Result::Failed) {
        m_errorString = locks.errorString();
    }
    return result;
}

StoryLocks::Result LockKeeper::takeOver(qint64 storyId)
{
    release();
    if (!m_library) {
        m_errorString = tr("No library is open.");
        return StoryLocks::Result::Failed;
    }
    StoryLocks locks(m_library);
    const StoryLocks::Result result = locks.takeOver(storyId);
    if (result == StoryLocks::Result::Acquired) {
        m_heldStory = storyId;
        m_heartbeat->start();
    } else {
        m_errorString = locks.errorString();
    }
    return result;
}

void LockKeeper::release()
{
    if (m_library && m_heldStory > 0)
        StoryLocks(m_library).release(m_heldStory);
    m_heldStory = 0;
    m_heartbeat->stop();
}

qint64 LockKeeper::heldStory() const
{
    return m_heldStory;
}

bool LockKeeper::isBeating() const
{
    return m_heartbeat->isActive();
}

void LockKeeper::setHeartbeatInterval(std::chrono::milliseconds interval)
{
    m_heartbeat->setInterval(interval);
}

QString LockKeeper::errorString() const
{
    return m_errorString;
}
