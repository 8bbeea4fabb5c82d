// SPDX-License-Identifier: MIT
#include "editorsession.h"

#include "editorpane.h"
#include "library.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace {

// Which file a path names now (device and inode), or nothing.
QByteArray fileIdentity(const QString &path)
{
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0 || !S_ISREG(info.st_mode))
        return {};
    return QByteArray::number(quint64(info.st_dev)) + ':' + QByteArray::number(quint64(info.st_ino));
}

} // namespace

EditorSession::EditorSession(EditorPane *editor, QObject *parent)
    : QObject(parent)
    , m_editor(editor)
    , m_autosaveTimer(new QTimer(this))
{
    m_autosaveTimer->setSingleShot(true);
    m_autosaveTimer->setInterval(AutosaveDelayMs);
    connect(m_autosaveTimer, &QTimer::timeout, this, &EditorSession::autosaveInBackground);
    m_backgroundSave.setObjectName(u"autosaveWatcher"_s); // for bench_editor's list of GUI-thread events
    connect(&m_backgroundSave, &QFutureWatcher<Written>::finished, this, &EditorSession::finishBackgroundSave);
    connect(editor, &EditorPane::edited, m_autosaveTimer, qOverload<>(&QTimer::start));
    connect(editor, &EditorPane::reloadTheirsRequested, this, &EditorSession::reloadTheirs);
    connect(editor, &EditorPane::saveMineAsCopyRequested, this, &EditorSession::saveMineAsCopy);
    m_focusConnection = connect(qApp, &QApplication::focusChanged, this, [this](QWidget *old, QWidget *now) {
        if (m_editor && old && m_editor->isAncestorOf(old) && !(now && m_editor->isAncestorOf(now)))
            autosave();
    });
}

EditorSession::~EditorSession()
{
    // The write has copies of all it needs; it is let finish, not cut off.
    m_backgroundSave.waitForFinished();
}

void EditorSession::setLibrary(Library *library)
{
    finishBackgroundSave();
    m_library = library;
    // Taken as the window opens it: a file moved or replaced later is not
    // the window's library, whatever its path. None for a team library (its
    // server session holds the story's lock and the password) or one in
    // memory: the window's own connection saves those.
    m_libraryFile = library && !library->isTeamLibrary() && library->path() != u":memory:"_s
        ? fileIdentity(library->path())
        : QByteArray();
}

Library *EditorSession::library() const
{
    return m_library;
}

EditorPane *EditorSession::editor() const
{
    return m_editor;
}

QString EditorSession::errorString() const
{
    return m_errorString;
}

bool EditorSession::isAutosavePending() const
{
    return m_autosaveTimer->isActive() || m_backgroundPending;
}

bool EditorSession::hasConflict() const
{
    return m_editor && m_editor->hasConflict();
}

void EditorSession::stop()
{
    m_autosaveTimer->stop();
    // Written, but not shown: the window is being taken apart.
    m_backgroundSave.waitForFinished();
    m_backgroundPending = false;
    disconnect(m_focusConnection);
    if (m_editor)
        m_editor->disconnect(m_autosaveTimer);
}

bool EditorSession::autosave()
{
    m_autosaveTimer->stop();
    if (hasConflict())
        return false;
    return save(Revision::Kind::Autosave);
}

bool EditorSession::save(Revision::Kind kind)
{
    finishBackgroundSave();
    if (!m_library || !m_editor || !m_editor->isModified())
        return true;
    m_autosaveTimer->stop();
    Written written;
    written.story = m_editor->story();
    StoryRepository repository(m_library);
    written.result = repository.save(written.story, kind);
    written.error = repository.errorString();
    return applyResult(written, kind);
}

void EditorSession::autosaveInBackground()
{
    if (m_backgroundPending) {
        // One write at a time: this pause's turn comes after it.
        m_autosaveTimer->start();
        return;
    }
    m_autosaveTimer->stop();
    if (!m_library || !m_editor || hasConflict() || !m_editor->isModified())
        return;
    // A second connection to the same file, when the window's library is
    // one and its path still names it (m_libraryFile).
    const QString path = m_library->path();
    if (m_libraryFile.isEmpty() || fileIdentity(path) != m_libraryFile) {
        autosave();
        return;
    }
    // Writing a story (its row, revision and search copy in one transaction)
    // takes 5-10 ms for a 20,000-word body, and longer on a busy disk: on the
    // GUI thread that kept frames waiting in the pause (bench_editor). The
    // worker gets copies; the result comes back here (finishBackgroundSave).
    m_backgroundPending = true;
    m_backgroundSave.setFuture(QtConcurrent::run([path, file = m_libraryFile, actor = m_library->actor(), story = m_editor->story()]() mutable {
        Written written;
        written.story = std::move(story);
        Library library;
        library.setActor(actor);
        // Only the file the window has open, known before and after opening
        // it (a library moved away, or another put in its place, since): the
        // window's own connection saves to any other, as it did before.
        if (fileIdentity(path) != file || !library.open(path) || fileIdentity(path) != file || library.isNew()) {
            written.otherFile = true;
            return written;
        }
        StoryRepository repository(&library);
        written.result = repository.save(written.story, Revision::Kind::Autosave);
        written.error = repository.errorString();
        // The pages written go into the library file here as well (a
        // checkpoint that waits for no one). Left in the write-ahead log,
        // they made whichever commit took it past SQLite's 1000 pages copy
        // megabytes, and that was often the GUI thread's (a lock's heartbeat:
        // 12 ms in bench_editor).
        if (written.result == StoryRepository::SaveResult::Saved)
            library.writeLogBack();
        return written;
    }));
}

void EditorSession::finishBackgroundSave()
{
    if (!m_backgroundPending)
        return;
    m_backgroundSave.waitForFinished();
    m_backgroundPending = false;
    const Written written = m_backgroundSave.result();
    // Every way to another story or library saves first, which waits here,
    // so the editor still shows the story written, at the version it was.
    if (!m_editor || !m_library)
        return;
    const Story shown = m_editor->story();
    if (shown.id != written.story.id
        || (written.result == StoryRepository::SaveResult::Saved && shown.rowVersion + 1 != written.story.rowVersion))
        return;
    // Written nowhere: the window's own connection saves, to the file it has.
    if (written.otherFile) {
        autosave();
        return;
    }
    // The worker's connection told no one; the window's lists listen here.
    if (written.result == StoryRepository::SaveResult::Saved)
        Q_EMIT m_library->storiesChanged();
    applyResult(written, Revision::Kind::Autosave);
}

bool EditorSession::applyResult(const Written &written, Revision::Kind kind)
{
    switch (written.result) {
    case StoryRepository::SaveResult::Saved:
        m_editor->markSaved(written.story);
        if (kind == Revision::Kind::Autosave)
            Q_EMIT statusMessage(tr("Autosaved."), 1500);
        else
            Q_EMIT statusMessage(tr("Saved \"%1\".").arg(written.story.headline), 3000);
        Q_EMIT titleChanged();
        return true;
    case StoryRepository::SaveResult::Conflict:
        // Not a dialog: an autosave must not interrupt typing, and the bar
        // stays until the user picks a way out. Nothing is overwritten.
        m_errorString = written.error;
        m_editor->showConflict(tr("Someone else saved this story while you were editing it. Your text is kept here "
                                  "and has not been saved over theirs."));
        Q_EMIT saveFailed(m_errorString);
        Q_EMIT statusMessage(tr("Not saved: the story changed elsewhere."), 10000);
        return false;
    case StoryRepository::SaveResult::Failed:
    case StoryRepository::SaveResult::NotAllowed:
        m_errorString = written.error;
        Q_EMIT saveFailed(m_errorString);
        if (kind == Revision::Kind::Autosave)
            Q_EMIT statusMessage(tr("Autosave failed: %1").arg(m_errorString), 15000);
        else
            Q_EMIT errorOccurred(tr("Cannot save"), m_errorString);
        return false;
    }
    return false;
}

void EditorSession::reloadTheirs()
{
    finishBackgroundSave();
    if (!m_library || !m_editor || !m_editor->hasStory())
        return;
    const Story mine = m_editor->story();
    StoryRepository repository(m_library);
    const std::optional<Story> theirs = repository.load(mine.id);
    if (!theirs) {
        fail(tr("Cannot reload the story"), repository.errorString());
        return;
    }
    QGuiApplication::clipboard()->setText(mine.headline + u"\n\n"_s + mine.body);
    m_editor->setStory(*theirs);
    Q_EMIT titleChanged();
    Q_EMIT statusMessage(tr("Reloaded the saved story; your version is on the clipboard."), 10000);
}

void EditorSession::saveMineAsCopy()
{
    finishBackgroundSave();
    if (!m_library || !m_editor || !m_editor->hasStory())
        return;
    const Story mine = m_editor->story();
    StoryRepository repository(m_library);
    // Theirs first: when it cannot be read, no copy is made and my text
    // stays in the editor for another try.
    const std::optional<Story> theirs = repository.load(mine.id);
    const std::optional<Story> copy
        = theirs ? repository.create(mine.newDraftCopy(tr("%1 (my version)").arg(mine.headline))) : std::nullopt;
    if (!copy) {
        fail(tr("Cannot save your version as a copy"), repository.errorString());
        return;
    }
    // Theirs stays as it is; the editor moves on to the copy with my text.
    m_editor->setStory(*theirs);
    Q_EMIT openStoryRequested(copy->id);
    Q_EMIT statusMessage(tr("Saved your version as \"%1\".").arg(copy->headline), 10000);
}

void EditorSession::fail(const QString &title, const QString &message)
{
    m_errorString = message;
    Q_EMIT errorOccurred(title, message);
}
