// SPDX-License-Identifier: MIT
// Never lose a word: the real window autosaves after a pause in typing and
// when the focus leaves the editor, survives a SIGKILL with the text up to
// its last autosave, and shows a conflict with another process instead of
// saving over it.
#include "application.h"
#include "editorpane.h"
#include "editorsession.h"
#include "findreplacebar.h"
#include "glossary.h"
#include "library.h"
#include "mainwindow.h"
#include "markdowneditor.h"
#include "previewpane.h"
#include "spellchecker.h"
#include "storylistpanel.h"
#include "storyrepository.h"
#include "scriptedprompter.h"
#include "windowtestfixture.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFileInfo>
#include <QLineEdit>
#include <QListView>
#include <QProcess>
#include <QPushButton>
#include <QTest>
#include <QToolBar>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

// The child of crashRecovery: the real window, offscreen, typing into the real
// editor; it reports each line typed and then waits to be killed.
int typeUntilKilled(const QString &libraryPath)
{
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    if (!window.openLibrary(libraryPath)) {
        std::fprintf(stderr, "cannot open %s\n", qPrintable(libraryPath));
        return 2;
    }
    window.show();
    MarkdownEditor *body = window.editor()->bodyEditor();
    body->setFocus();
    body->moveCursor(QTextCursor::End);
    QTest::keyClick(body, Qt::Key_Return);
    QTest::keyClick(body, Qt::Key_Return);
    QTest::keyClicks(body, u"Typed before the crash."_s);
    std::puts("typed");
    std::fflush(stdout);
    // Keep the event loop running: the autosave timer fires in here.
    for (;;)
        QTest::qWait(100);
}

} // namespace

class TestAutosave : public QObject, private WindowTestFixture
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void autosavesAfterPauseInTyping();
    void autosavesWhenFocusLeavesEditor();
    void crashKeepsTextUpToLastAutosave();
    void conflictIsShownNotOverwritten_data();
    void conflictIsShownNotOverwritten();
    void acceptedNamesGoIntoTheGlossary();
    void findBarOpensAndEscapeCloses();
    void typographySwitchPersists();
};

void TestAutosave::initTestCase()
{
    setUpSettings();
}

void TestAutosave::init()
{
    startFresh();
}

void TestAutosave::autosavesAfterPauseInTyping()
{
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    QVERIFY(window.openLibrary(libraryPath()));
    window.show();
    const qint64 id = window.currentStoryId();
    MarkdownEditor *body = window.editor()->bodyEditor();
    typeAtEnd(body, u" Autosaved words."_s);
    StoryRepository repository(window.library());
    // Not saved per keystroke: right after typing, the library has the old text.
    QVERIFY(!repository.load(id)->body.endsWith(u"Autosaved words."_s));
    // Written (off the GUI thread), and then the editor told.
    QTRY_VERIFY_WITH_TIMEOUT(!window.editorSession()->isAutosavePending(), 10000);
    QVERIFY(repository.load(id)->body.endsWith(u"Autosaved words."_s));
    QCOMPARE(repository.revisions(id).constFirst().kind, Revision::Kind::Autosave);
    QVERIFY(!window.editor()->isModified());

    // Typing on after the autosave keeps going into the same revision.
    const int revisions = int(repository.revisions(id).size());
    QTest::keyClicks(body, u" More."_s);
    QTRY_VERIFY_WITH_TIMEOUT(repository.load(id)->body.endsWith(u"More."_s), 10000);
    QCOMPARE(repository.revisions(id).size(), revisions);
}

void TestAutosave::autosavesWhenFocusLeavesEditor()
{
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    QVERIFY(window.openLibrary(libraryPath()));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    const qint64 id = window.currentStoryId();
    MarkdownEditor *body = window.editor()->bodyEditor();
    body->setFocus();
    QTRY_VERIFY(body->hasFocus());
    body->moveCursor(QTextCursor::End);
    QTest::keyClicks(body, u" Before the focus moved."_s);
    window.storyList()->searchField()->setFocus();
    // At once, not after the pause.
    QVERIFY(StoryRepository(window.library()).load(id)->body.endsWith(u"Before the focus moved."_s));
}

void TestAutosave::crashKeepsTextUpToLastAutosave()
{
    {
        // Create the library with its sample first, so the child only types.
        ScriptedPrompter prompter;
        MainWindow window(&prompter);
        QVERIFY(window.openLibrary(libraryPath()));
    }
    QProcess child;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    child.setProcessEnvironment(environment);
    child.start(QCoreApplication::applicationFilePath(), {u"--type-until-killed"_s, libraryPath()});
    QVERIFY(child.waitForStarted());
    QVERIFY2(child.waitForReadyRead(60000), child.readAllStandardError().constData());
    QCOMPARE(child.readLine().trimmed(), QByteArray("typed"));

    Library library;
    QVERIFY(library.open(libraryPath()));
    StoryRepository repository(&library);
    const qint64 id = 1;
    QTRY_VERIFY_WITH_TIMEOUT(repository.load(id)->body.endsWith(u"Typed before the crash."_s), 15000);
    child.kill(); // SIGKILL: no closeEvent, no last save
    QVERIFY(child.waitForFinished());
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);

    ScriptedPrompter restartedPrompter;
    MainWindow restarted(&restartedPrompter);
    QVERIFY(restarted.openLibrary(libraryPath()));
    QVERIFY(restarted.editor()->bodyEditor()->toPlainText().endsWith(u"\n\nTyped before the crash."_s));
    QCOMPARE(repository.revisions(id).constFirst().kind, Revision::Kind::Autosave);
}

void TestAutosave::conflictIsShownNotOverwritten_data()
{
    QTest::addColumn<QString>("choice");
    QTest::newRow("reload theirs, mine on the clipboard") << u"reloadTheirs"_s;
    QTest::newRow("save mine as a copy") << u"saveMineAsCopy"_s;
}

void TestAutosave::conflictIsShownNotOverwritten()
{
    QFETCH(QString, choice);
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    QVERIFY(window.openLibrary(libraryPath()));
    window.show();
    const qint64 id = window.currentStoryId();

    // Another process (another connection) saves the story first.
    Library other;
    QVERIFY(other.open(libraryPath()));
    StoryRepository theirRepository(&other);
    Story theirs = *theirRepository.load(id);
    theirs.body += u"\n\nTheir paragraph."_s;
    QCOMPARE(theirRepository.save(theirs), StoryRepository::SaveResult::Saved);

    MarkdownEditor *body = window.editor()->bodyEditor();
    body->setFocus();
    body->moveCursor(QTextCursor::End);
    QTest::keyClick(body, Qt::Key_Return);
    QTest::keyClicks(body, u"My paragraph."_s);
    QVERIFY(!window.autosave());
    QVERIFY(window.editor()->hasConflict());
    QVERIFY(window.editor()->findChild<QWidget *>(u"conflictBar"_s)->isVisible());
    StoryRepository repository(window.library());
    QVERIFY(repository.load(id)->body.endsWith(u"Their paragraph."_s));
    // The editor keeps my text, and later autosaves do not retry over theirs.
    QVERIFY(body->toPlainText().endsWith(u"My paragraph."_s));
    QVERIFY(!window.autosave());
    QVERIFY(repository.load(id)->body.endsWith(u"Their paragraph."_s));

    window.editor()->findChild<QPushButton *>(choice)->click();
    QVERIFY(!window.editor()->hasConflict());
    QVERIFY(repository.load(id)->body.endsWith(u"Their paragraph."_s));
    if (choice == u"reloadTheirs"_s) {
        QCOMPARE(window.currentStoryId(), id);
        QVERIFY(body->toPlainText().endsWith(u"Their paragraph."_s));
        QVERIFY(QGuiApplication::clipboard()->text().endsWith(u"My paragraph."_s));
    } else {
        QVERIFY(window.currentStoryId() != id);
        const Story mine = *repository.load(window.currentStoryId());
        QVERIFY(mine.body.endsWith(u"My paragraph."_s));
        QVERIFY(mine.headline.endsWith(u"(my version)"_s));
        QVERIFY(body->toPlainText().endsWith(u"My paragraph."_s));
    }
}

void TestAutosave::acceptedNamesGoIntoTheGlossary()
{
    // A name accepted in one story is the library's (issue 15): in its
    // glossary, and accepted in every story from then on.
    {
        ScriptedPrompter prompter;
        MainWindow window(&prompter);
        QVERIFY(window.openLibrary(libraryPath()));
        Q_EMIT window.editor()->bodyEditor()->acceptNameRequested(u"Healey"_s);
        QCOMPARE(Glossary::names(*GlossaryRepository(window.library()).entries()), QStringList{u"Healey"_s});
        const std::optional<Story> other = StoryRepository(window.library()).create(Story{.headline = u"Another"_s});
        QVERIFY(other);
        QVERIFY(window.openStory(other->id));
        QCOMPARE(window.editor()->bodyEditor()->spellChecker()->acceptedNames(), QStringList{u"Healey"_s});
    }
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    QVERIFY(window.openLibrary(libraryPath()));
    QCOMPARE(window.editor()->bodyEditor()->spellChecker()->acceptedNames(), QStringList{u"Healey"_s});
}

void TestAutosave::findBarOpensAndEscapeCloses()
{
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    QVERIFY(window.openLibrary(libraryPath()));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    auto *bar = window.findChild<QToolBar *>(u"findBar"_s);
    QVERIFY(bar->isHidden());
    window.findChild<QAction *>(u"actionFind"_s)->trigger();
    QVERIFY(bar->isVisible());
    QLineEdit *field = window.findReplaceBar()->findField();
    QTRY_VERIFY(field->hasFocus());
    QTest::keyClicks(field, u"Healey"_s);
    QTest::keyClick(field, Qt::Key_Return);
    QCOMPARE(window.editor()->bodyEditor()->textCursor().selectedText(), u"Healey"_s);
    QTest::keyClick(field, Qt::Key_Escape);
    QVERIFY(bar->isHidden());
    QTRY_VERIFY(window.editor()->bodyEditor()->hasFocus());
}

void TestAutosave::typographySwitchPersists()
{
    {
        ScriptedPrompter prompter;
        MainWindow window(&prompter);
        QAction *typography = window.findChild<QAction *>(u"actionTypography"_s);
        QVERIFY(typography->isChecked());
        QVERIFY(window.editor()->bodyEditor()->typographyEnabled());
        typography->trigger();
        QVERIFY(!window.editor()->bodyEditor()->typographyEnabled());
    }
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    QVERIFY(!window.findChild<QAction *>(u"actionTypography"_s)->isChecked());
    QVERIFY(!window.editor()->bodyEditor()->typographyEnabled());
}

int main(int argc, char **argv)
{
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    Newsdesk::setApplicationIdentity();
    QCoreApplication::setApplicationName(u"NewsdeskTest"_s);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() == 3 && arguments.at(1) == u"--type-until-killed"_s) {
        WindowTestFixture::useSettingsIn(QFileInfo(arguments.at(2)).absolutePath());
        return typeUntilKilled(arguments.at(2));
    }
    TestAutosave test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_autosave.moc"
