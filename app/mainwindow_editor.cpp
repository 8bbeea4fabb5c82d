// SPDX-License-Identifier: MIT
// The main window's part in editing the body: the editor's commands,
// autosave, accepted names and what happens when another process saved the
// story first. Kept apart from mainwindow.cpp so the window's composition
// stays short.
#include "mainwindow.h"

#include "editorpane.h"
#include "findreplacebar.h"
#include "library.h"
#include "markdowneditor.h"
#include "spellchecker.h"
#include "storylistpanel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

using namespace Qt::StringLiterals;

namespace {
// A pause this long in typing saves; shorter would write a revision per word,
// longer risks more text in a crash. The save itself takes about a millisecond.
constexpr int AutosaveDelayMs = 1500;
} // namespace

void MainWindow::createEditorActions(QMenu *edit)
{
    MarkdownEditor *body = m_editor->bodyEditor();

    QAction *find = edit->addAction(QIcon::fromTheme(u"edit-find"_s), tr("&Find…"), this, [this] {
        m_findBar->show();
        m_findReplace->open();
    });
    find->setObjectName(u"actionFind"_s);
    find->setShortcut(QKeySequence::Find);
    QAction *replace = edit->addAction(QIcon::fromTheme(u"edit-find-replace"_s), tr("&Replace…"), this, [this] {
        m_findBar->show();
        m_findReplace->open();
        m_findReplace->replaceField()->setFocus();
    });
    replace->setObjectName(u"actionReplace"_s);
    replace->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    QAction *findNext = edit->addAction(tr("Find &Next"), m_findReplace, &FindReplaceBar::findNext);
    findNext->setShortcut(QKeySequence::FindNext);
    QAction *findPrevious = edit->addAction(tr("Find Pre&vious"), m_findReplace, &FindReplaceBar::findPrevious);
    findPrevious->setShortcut(QKeySequence::FindPrevious);
    QAction *closeFind = new QAction(this);
    closeFind->setShortcut(Qt::Key_Escape);
    closeFind->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_findBar->addAction(closeFind);
    connect(closeFind, &QAction::triggered, m_findReplace, &FindReplaceBar::close);

    edit->addSeparator();
    QAction *typography = edit->addAction(tr("&Typography as You Type"));
    typography->setObjectName(u"actionTypography"_s);
    typography->setCheckable(true);
    typography->setToolTip(tr("Curly quotes, em dashes and ellipses as you type"));
    typography->setChecked(QSettings().value(u"editor/typography"_s, true).toBool());
    body->setTypographyEnabled(typography->isChecked());
    connect(typography, &QAction::toggled, this, [body](bool on) {
        body->setTypographyEnabled(on);
        QSettings().setValue(u"editor/typography"_s, on);
    });
    QAction *convert = edit->addAction(tr("&Convert Typography"), this, [this, body] {
        const int count = body->convertTypography();
        statusBar()->showMessage(tr("Converted %n mark(s).", nullptr, count), 4000);
    });
    convert->setObjectName(u"actionConvertTypography"_s);
    convert->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    QAction *pullQuote = edit->addAction(tr("Insert &Pull Quote"), this, [this] {
        if (!m_editor->insertPullQuote())
            statusBar()->showMessage(tr("Put the cursor in a quotation first."), 4000);
    });
    pullQuote->setObjectName(u"actionInsertPullQuote"_s);
    pullQuote->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Q));

    m_autosaveTimer->setSingleShot(true);
    m_autosaveTimer->setInterval(AutosaveDelayMs);
    connect(m_autosaveTimer, &QTimer::timeout, this, &MainWindow::autosave);
    connect(m_editor, &EditorPane::edited, m_autosaveTimer, qOverload<>(&QTimer::start));
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *old, QWidget *now) {
        if (old && m_editor->isAncestorOf(old) && !(now && m_editor->isAncestorOf(now)))
            autosave();
    });
    connect(m_editor, &EditorPane::reloadTheirsRequested, this, &MainWindow::reloadTheirs);
    connect(m_editor, &EditorPane::saveMineAsCopyRequested, this, &MainWindow::saveMineAsCopy);
    connect(m_editor, &EditorPane::storyLoaded, this, &MainWindow::loadAcceptedNames);
    connect(body, &MarkdownEditor::acceptNameRequested, this, [this](const QString &name) {
        if (!m_library || !m_editor->hasStory())
            return;
        StoryRepository repository(m_library);
        if (!repository.addAcceptedName(currentStoryId(), name))
            showError(tr("Cannot add the name"), repository.errorString());
        else
            statusBar()->showMessage(tr("\"%1\" is accepted in this story.").arg(name), 4000);
    });
}

bool MainWindow::autosave()
{
    m_autosaveTimer->stop();
    if (m_editor->hasConflict())
        return false;
    return saveStory(Revision::Kind::Autosave);
}

FindReplaceBar *MainWindow::findReplaceBar() const
{
    return m_findReplace;
}

bool MainWindow::saveStory(Revision::Kind kind)
{
    if (!m_library || !m_editor->isModified())
        return true;
    m_autosaveTimer->stop();
    Story story = m_editor->story();
    StoryRepository repository(m_library);
    switch (repository.save(story, kind)) {
    case StoryRepository::SaveResult::Saved:
        m_editor->markSaved(story);
        if (kind == Revision::Kind::Autosave)
            statusBar()->showMessage(tr("Autosaved."), 1500);
        else
            statusBar()->showMessage(tr("Saved \"%1\".").arg(story.headline), 3000);
        updateTitle();
        return true;
    case StoryRepository::SaveResult::Conflict:
        // Not a dialog: an autosave must not interrupt typing, and the bar
        // stays until the user picks a way out. Nothing is overwritten.
        m_errorString = repository.errorString();
        m_editor->showConflict(tr("Someone else saved this story while you were editing it. Your text is kept here "
                                  "and has not been saved over theirs."));
        statusBar()->showMessage(tr("Not saved: the story changed elsewhere."), 10000);
        return false;
    case StoryRepository::SaveResult::Failed:
    case StoryRepository::SaveResult::NotAllowed:
        if (kind == Revision::Kind::Autosave) {
            m_errorString = repository.errorString();
            statusBar()->showMessage(tr("Autosave failed: %1").arg(m_errorString), 15000);
        } else {
            showError(tr("Cannot save"), repository.errorString());
        }
        return false;
    }
    return false;
}

void MainWindow::reloadTheirs()
{
    if (!m_library || !m_editor->hasStory())
        return;
    const Story mine = m_editor->story();
    StoryRepository repository(m_library);
    const std::optional<Story> theirs = repository.load(mine.id);
    if (!theirs) {
        showError(tr("Cannot reload the story"), repository.errorString());
        return;
    }
    QString text = mine.headline + u"\n\n"_s + mine.body;
    QGuiApplication::clipboard()->setText(text);
    m_editor->setStory(*theirs);
    schedulePreview();
    updateTitle();
    statusBar()->showMessage(tr("Reloaded the saved story; your version is on the clipboard."), 10000);
}

void MainWindow::saveMineAsCopy()
{
    if (!m_library || !m_editor->hasStory())
        return;
    Story mine = m_editor->story();
    StoryRepository repository(m_library);
    const std::optional<Story> theirs = repository.load(mine.id);
    mine.headline = tr("%1 (my version)").arg(mine.headline);
    mine.id = 0;
    mine.slug.clear();
    mine.rowVersion = 0;
    const std::optional<Story> copy = repository.create(mine);
    if (!copy || !theirs) {
        showError(tr("Cannot save your version as a copy"), repository.errorString());
        return;
    }
    // Theirs stays as it is; the editor moves to the copy with your text.
    m_editor->setStory(*theirs);
    openStory(copy->id);
    statusBar()->showMessage(tr("Saved your version as \"%1\".").arg(copy->headline), 10000);
}

void MainWindow::loadAcceptedNames()
{
    SpellChecker *spelling = m_editor->bodyEditor()->spellChecker();
    if (!m_library || !m_editor->hasStory()) {
        spelling->setAcceptedNames({});
        return;
    }
    StoryRepository repository(m_library);
    const std::optional<QStringList> names = repository.acceptedNames(currentStoryId());
    spelling->setAcceptedNames(names.value_or(QStringList()));
}
