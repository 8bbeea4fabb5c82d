// SPDX-License-Identifier: MIT
#include "editorsession.h"

#include "editorpane.h"
#include "library.h"

#include <QApplication>
#include <QClipboard>
#include <QTimer>

using namespace Qt::StringLiterals;

EditorSession::EditorSession(EditorPane *editor, QObject *parent)
    : QObject(parent)
    , m_editor(editor)
    , m_autosaveTimer(new QTimer(this))
{
    m_autosaveTimer->setSingleShot(true);
    m_autosaveTimer->setInterval(AutosaveDelayMs);
    connect(m_autosaveTimer, &QTimer::timeout, this, &EditorSession::autosave);
    connect(editor, &EditorPane::edited, m_autosaveTimer, qOverload<>(&QTimer::start));
    connect(editor, &EditorPane::reloadTheirsRequested, this, &EditorSession::reloadTheirs);
    connect(editor, &EditorPane::saveMineAsCopyRequested, this, &EditorSession::saveMineAsCopy);
    m_focusConnection = connect(qApp, &QApplication::focusChanged, this, [this](QWidget *old, QWidget *now) {
        if (m_editor && old && m_editor->isAncestorOf(old) && !(now && m_editor->isAncestorOf(now)))
            autosave();
    });
}

EditorSession::~EditorSession() = default;

void EditorSession::setLibrary(Library *library)
{
    m_library = library;
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
    return m_autosaveTimer->isActive();
}

bool EditorSession::hasConflict() const
{
    return m_editor && m_editor->hasConflict();
}

void EditorSession::stop()
{
    m_autosaveTimer->stop();
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
    if (!m_library || !m_editor || !m_editor->isModified())
        return true;
    m_autosaveTimer->stop();
    Story story = m_editor->story();
    StoryRepository repository(m_library);
    switch (repository.save(story, kind)) {
    case StoryRepository::SaveResult::Saved:
        m_editor->markSaved(story);
        if (kind == Revision::Kind::Autosave)
            Q_EMIT statusMessage(tr("Autosaved."), 1500);
        else
            Q_EMIT statusMessage(tr("Saved \"%1\".").arg(story.headline), 3000);
        Q_EMIT titleChanged();
        return true;
    case StoryRepository::SaveResult::Conflict:
        // Not a dialog: an autosave must not interrupt typing, and the bar
        // stays until the user picks a way out. Nothing is overwritten.
        m_errorString = repository.errorString();
        m_editor->showConflict(tr("Someone else saved this story while you were editing it. Your text is kept here "
                                  "and has not been saved over theirs."));
        Q_EMIT saveFailed(m_errorString);
        Q_EMIT statusMessage(tr("Not saved: the story changed elsewhere."), 10000);
        return false;
    case StoryRepository::SaveResult::Failed:
    case StoryRepository::SaveResult::NotAllowed:
        m_errorString = repository.errorString();
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
