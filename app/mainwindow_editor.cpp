// SPDX-License-Identifier: MIT
// The main window's part in editing the body: the editor's commands,
// accepted names, and showing what the editor session (saving, autosave,
// conflicts with another process) reports. Kept apart from mainwindow.cpp so
// the window's composition stays short.
#include "mainwindow.h"

#include "codeexpander.h"
#include "editorpane.h"
#include "editorsession.h"
#include "findreplacebar.h"
#include "glossary.h"
#include "glossarydialog.h"
#include "library.h"
#include "markdowneditor.h"
#include "mediaarchivedialog.h"
#include "photorepository.h"
#include "prompter.h"
#include "spellchecker.h"
#include "storylistpanel.h"

#include <QAction>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>

using namespace Qt::StringLiterals;

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

    connect(m_session, &EditorSession::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(m_session, &EditorSession::titleChanged, this, &MainWindow::updateTitle);
    connect(m_session, &EditorSession::errorOccurred, this, &MainWindow::showError);
    connect(m_session, &EditorSession::saveFailed, this, [this](const QString &why) { m_errorString = why; });
    connect(m_session, &EditorSession::openStoryRequested, this, &MainWindow::openStory);
    // Read again as each story opens, so what other processes on a library
    // file added counts too (a team library says so at once: openLibrary).
    connect(m_editor, &EditorPane::storyLoaded, this, &MainWindow::loadGlossary);
    connect(body, &MarkdownEditor::acceptNameRequested, this, [this](const QString &name) {
        if (!m_library)
            return;
        GlossaryRepository repository(m_library);
        if (!repository.addName(name))
            showError(tr("Cannot add the name"), repository.errorString());
        else
            statusBar()->showMessage(tr("\"%1\" is in the library's glossary: it counts as spelled right in every story.").arg(name), 4000);
        loadGlossary();
    });

    m_codeExpander->attach(body);
    connect(m_codeExpander, &CodeExpander::expanded, this, [this](const QString &code) {
        statusBar()->showMessage(tr("Expanded =%1=; Ctrl+Z gives the code back.").arg(code), 4000);
    });
    QAction *glossary = edit->addAction(tr("&Glossary…"), this, &MainWindow::showGlossary);
    glossary->setObjectName(u"actionGlossary"_s);
    glossary->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_G));
}

CodeExpander *MainWindow::codeExpander() const
{
    return m_codeExpander;
}

void MainWindow::showGlossary()
{
    if (!m_library)
        return;
    GlossaryDialog dialog(m_library, this);
    connect(&dialog, &GlossaryDialog::glossaryChanged, this, &MainWindow::loadGlossary);
    m_prompter->run(&dialog);
}

bool MainWindow::autosave()
{
    return m_session->autosave();
}

EditorSession *MainWindow::editorSession() const
{
    return m_session;
}

FindReplaceBar *MainWindow::findReplaceBar() const
{
    return m_findReplace;
}

void MainWindow::showMediaArchive()
{
    if (!m_library)
        return;
    MediaArchiveDialog dialog(m_library, m_editor->hasStory(), this);
    connect(&dialog, &MediaArchiveDialog::placeRequested, this, [this](qint64 photoId) {
        PhotoRepository repository(m_library);
        const std::optional<Photo> placed = repository.placeCopy(photoId, currentStoryId());
        if (!placed) {
            showError(tr("Cannot place the photo"), repository.errorString());
            return;
        }
        statusBar()->showMessage(tr("Placed %1 in this story; its caption awaits approval here.")
                                     .arg(placed->virin.isEmpty() ? placed->fileName : placed->virin),
                                 6000);
        schedulePreview();
    });
    m_prompter->run(&dialog);
}

void MainWindow::loadGlossary()
{
    SpellChecker *spelling = m_editor->bodyEditor()->spellChecker();
    QList<GlossaryEntry> entries;
    if (m_library) {
        GlossaryRepository repository(m_library);
        const std::optional<QList<GlossaryEntry>> read = repository.entries();
        if (!read)
            statusBar()->showMessage(repository.errorString(), 10000);
        entries = read.value_or(QList<GlossaryEntry>());
    }
    spelling->setAcceptedNames(Glossary::words(entries));
    m_codeExpander->setCodes(Glossary::codes(entries));
    m_editor->setKnownNames(Glossary::names(entries));
}
