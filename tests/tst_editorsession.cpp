// SPDX-License-Identifier: MIT
// The open story kept safe without a main window: an EditorSession over a real
// EditorPane, offscreen, typed into as a user types, against a library file
// that a second connection (another Newsdesk) saves to as well.
#include "editorpane.h"
#include "editorsession.h"
#include "library.h"
#include "markdowneditor.h"
#include "people.h"
#include "samplelibrary.h"
#include "storyrepository.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QVBoxLayout>

#include <memory>

using namespace Qt::StringLiterals;

// Another Newsdesk on the same library file, holding its write lock from
// the start until commit().
class OtherNewsdesk
{
public:
    explicit OtherNewsdesk(const QString &path)
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(u"QSQLITE"_s, name());
        database.setDatabaseName(path);
        m_locked = database.open() && QSqlQuery(database).exec(u"BEGIN IMMEDIATE"_s);
    }
    ~OtherNewsdesk()
    {
        QSqlDatabase::database(name(), false).close();
        QSqlDatabase::removeDatabase(name());
    }
    bool holdsTheWriteLock() const { return m_locked; }
    bool commit() const { return QSqlQuery(QSqlDatabase::database(name(), false)).exec(u"COMMIT"_s); }

private:
    static QString name() { return u"otherNewsdesk"_s; }
    bool m_locked = false;
};

class TestEditorSession : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void autosavesAfterAPauseInTyping();
    void autosavesWhenTheFocusLeavesTheEditor();
    void autosaveWaitsForTheLibraryOffTheGuiThread();
    void saveByHandWaitsForTheAutosaveBeingWritten();
    void autosaveGoesToTheWindowsLibraryWhenItsFileMoves_data();
    void autosaveGoesToTheWindowsLibraryWhenItsFileMoves();
    void savesByHandAsASaveRevision();
    void conflictKeepsBothVersions();
    void reloadTheirsPutsMineOnTheClipboard();
    void saveMineAsCopyMakesADraftAndLeavesTheirs_data();
    void saveMineAsCopyMakesADraftAndLeavesTheirs();
    void failedSaveLosesNothing_data();
    void failedSaveLosesNothing();

private:
    // The editor open on the library's sample story, as the window shows it.
    void openEditor();
    // Types text at the end of the body, as a user would.
    void type(const QString &text);
    // Another Newsdesk saves the story first, adding "Their paragraph.".
    void theySave();
    // Types a paragraph and autosaves it into the conflict theySave() made.
    void makeConflict();
    Story stored();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Library> m_library;
    std::unique_ptr<QWidget> m_window; // the editor and a field beside it
    EditorPane *m_editor = nullptr;
    QLineEdit *m_elsewhere = nullptr;
    std::unique_ptr<EditorSession> m_session;
    Story m_story;
};

void TestEditorSession::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestEditorSession::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_library = std::make_unique<Library>();
    QString error;
    const std::optional<Story> story = SampleLibrary::open(m_library.get(), m_dir->filePath(u"lib.newsdesk"_s), &error);
    QVERIFY2(story, qPrintable(error));
    m_story = *story;
}

void TestEditorSession::cleanup()
{
    m_session.reset(); // before the editor it works on
    m_window.reset();
    m_library.reset();
    m_dir.reset();
}

void TestEditorSession::openEditor()
{
    m_window = std::make_unique<QWidget>();
    m_editor = new EditorPane(m_window.get());
    m_elsewhere = new QLineEdit(m_window.get());
    auto *layout = new QVBoxLayout(m_window.get());
    layout->addWidget(m_editor);
    layout->addWidget(m_elsewhere);
    m_session = std::make_unique<EditorSession>(m_editor);
    m_session->setLibrary(m_library.get());
    m_editor->setStory(*StoryRepository(m_library.get()).load(m_story.id));
    m_window->resize(900, 700);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestEditorSession::type(const QString &text)
{
    MarkdownEditor *body = m_editor->bodyEditor();
    body->setFocus();
    body->moveCursor(QTextCursor::End);
    QTest::keyClicks(body, text);
}

void TestEditorSession::theySave()
{
    Library other;
    QVERIFY(other.open(m_library->path()));
    other.setActor(m_library->actor());
    StoryRepository theirRepository(&other);
    Story theirs = *theirRepository.load(m_story.id);
    theirs.body += u"\n\nTheir paragraph."_s;
    QCOMPARE(theirRepository.save(theirs), StoryRepository::SaveResult::Saved);
}

void TestEditorSession::makeConflict()
{
    theySave();
    if (QTest::currentTestFailed())
        return;
    type(u" My sentence."_s);
    QVERIFY(!m_session->autosave());
    QVERIFY(m_session->hasConflict());
}

Story TestEditorSession::stored()
{
    return *StoryRepository(m_library.get()).load(m_story.id);
}

void TestEditorSession::autosavesAfterAPauseInTyping()
{
    openEditor();
    if (QTest::currentTestFailed())
        return;
    QSignalSpy messages(m_session.get(), &EditorSession::statusMessage);
    QSignalSpy titles(m_session.get(), &EditorSession::titleChanged);
    type(u" Autosaved words."_s);
    // Not per keystroke: right after typing, the library has the old text.
    QVERIFY(m_session->isAutosavePending());
    QVERIFY(!stored().body.endsWith(u"Autosaved words."_s));
    // Written, and then the editor told.
    QTRY_VERIFY_WITH_TIMEOUT(!m_session->isAutosavePending(), 10000);
    QVERIFY(stored().body.endsWith(u"Autosaved words."_s));
    QCOMPARE(StoryRepository(m_library.get()).revisions(m_story.id).constFirst().kind, Revision::Kind::Autosave);
    QVERIFY(!m_editor->isModified());
    QCOMPARE(messages.constLast().at(0).toString(), u"Autosaved."_s);
    QVERIFY(!titles.isEmpty());
}

void TestEditorSession::autosaveWaitsForTheLibraryOffTheGuiThread()
{
    openEditor();
    if (QTest::currentTestFailed())
        return;
    // Another Newsdesk holds the library's write lock through the pause.
    OtherNewsdesk other(m_library->path());
    QVERIFY(other.holdsTheWriteLock());
    QSignalSpy messages(m_session.get(), &EditorSession::statusMessage);
    QSignalSpy changed(m_library.get(), &Library::storiesChanged);
    type(u" Written after the lock."_s);
    // Past the pause: the autosave waits for the lock on a connection of its
    // own, and the window goes on handling events meanwhile (written on the
    // GUI thread, it held the window until the lock's timeout and failed).
    QTest::qWait(EditorSession::AutosaveDelayMs + 1000);
    QVERIFY(m_session->isAutosavePending());
    QVERIFY(messages.isEmpty());
    QVERIFY(other.commit());
    QTRY_VERIFY_WITH_TIMEOUT(!m_session->isAutosavePending(), 10000);
    QVERIFY(stored().body.endsWith(u"Written after the lock."_s));
    QCOMPARE(StoryRepository(m_library.get()).revisions(m_story.id).constFirst().kind, Revision::Kind::Autosave);
    QVERIFY(!m_editor->isModified());
    QCOMPARE(messages.constLast().at(0).toString(), u"Autosaved."_s);
    // The window's story list and review queue listen to the window's library.
    QCOMPARE(changed.size(), 1);
}

void TestEditorSession::saveByHandWaitsForTheAutosaveBeingWritten()
{
    openEditor();
    if (QTest::currentTestFailed())
        return;
    OtherNewsdesk other(m_library->path());
    QVERIFY(other.holdsTheWriteLock());
    type(u" Autosaved first."_s);
    QTest::qWait(EditorSession::AutosaveDelayMs + 500);
    QVERIFY(m_session->isAutosavePending());
    type(u" Then saved by hand."_s);
    QVERIFY(other.commit());
    // The save by hand comes after the autosave's write and builds on it:
    // not a conflict with our own autosave.
    QVERIFY2(m_session->save(), qPrintable(m_session->errorString()));
    QVERIFY(!m_session->hasConflict());
    QVERIFY(!m_session->isAutosavePending());
    QVERIFY(stored().body.endsWith(u"Autosaved first. Then saved by hand."_s));
    const QList<Revision> revisions = StoryRepository(m_library.get()).revisions(m_story.id);
    QCOMPARE(revisions.at(0).kind, Revision::Kind::Save);
    QCOMPARE(revisions.at(1).kind, Revision::Kind::Autosave);
    QVERIFY(!m_editor->isModified());
}

void TestEditorSession::autosaveGoesToTheWindowsLibraryWhenItsFileMoves_data()
{
    QTest::addColumn<bool>("replaced");
    QTest::newRow("moved away") << false;
    // Another library with the same story at the same version takes its name.
    QTest::newRow("replaced by a copy") << true;
}

void TestEditorSession::autosaveGoesToTheWindowsLibraryWhenItsFileMoves()
{
    QFETCH(bool, replaced);
    openEditor();
    if (QTest::currentTestFailed())
        return;
    const QString path = m_library->path();
    const QString copy = m_dir->filePath(u"copy.newsdesk"_s);
    {
        QSqlDatabase raw = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"copier"_s);
        raw.setDatabaseName(path);
        QVERIFY(raw.open());
        QSqlQuery query(raw);
        QVERIFY2(query.exec(u"VACUUM INTO '%1'"_s.arg(copy)), qPrintable(query.lastError().text()));
    }
    QSqlDatabase::removeDatabase(u"copier"_s);
    // The window's connection keeps the file it opened (and its log) under
    // any name, as it did before autosaves had a connection of their own.
    for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s})
        QVERIFY(QFile::rename(path + suffix, m_dir->filePath(u"moved.newsdesk"_s) + suffix));
    if (replaced)
        QVERIFY(QFile::rename(copy, path));
    QSignalSpy failed(m_session.get(), &EditorSession::saveFailed);
    type(u" Kept in the open library."_s);
    QTRY_VERIFY_WITH_TIMEOUT(!m_session->isAutosavePending(), 10000);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.constFirst().at(0).toString()));
    QVERIFY(!m_editor->isModified());
    QVERIFY(stored().body.endsWith(u"Kept in the open library."_s));
    if (replaced) {
        Library other;
        QVERIFY(other.open(path));
        QVERIFY(!StoryRepository(&other).load(m_story.id)->body.contains(u"Kept in the open library."_s));
    }
}

void TestEditorSession::autosavesWhenTheFocusLeavesTheEditor()
{
    openEditor();
    if (QTest::currentTestFailed())
        return;
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    type(u" Before the focus moved."_s);
    QTRY_VERIFY(m_editor->bodyEditor()->hasFocus());
    m_elsewhere->setFocus();
    // At once, not after the pause.
    QVERIFY(stored().body.endsWith(u"Before the focus moved."_s));
    QVERIFY(!m_session->isAutosavePending());
}

void TestEditorSession::savesByHandAsASaveRevision()
{
    openEditor();
    if (QTest::currentTestFailed())
        return;
    QSignalSpy messages(m_session.get(), &EditorSession::statusMessage);
    QVERIFY(m_session->save()); // nothing to save yet
    QVERIFY(messages.isEmpty());
    type(u" Saved words."_s);
    QVERIFY(m_session->save());
    QVERIFY(stored().body.endsWith(u"Saved words."_s));
    QCOMPARE(StoryRepository(m_library.get()).revisions(m_story.id).constFirst().kind, Revision::Kind::Save);
    QVERIFY(!m_session->isAutosavePending());
    QCOMPARE(messages.constLast().at(0).toString(), u"Saved \"%1\"."_s.arg(m_story.headline));
}

void TestEditorSession::conflictKeepsBothVersions()
{
    openEditor();
    if (QTest::currentTestFailed())
        return;
    QSignalSpy failed(m_session.get(), &EditorSession::saveFailed);
    QSignalSpy errors(m_session.get(), &EditorSession::errorOccurred);
    makeConflict();
    if (QTest::currentTestFailed())
        return;
    QVERIFY(m_editor->findChild<QWidget *>(u"conflictBar"_s)->isVisible());
    QCOMPARE(failed.size(), 1);
    QVERIFY(errors.isEmpty()); // a bar, not a message to acknowledge while typing
    QVERIFY(stored().body.endsWith(u"Their paragraph."_s));
    QVERIFY(m_editor->bodyEditor()->toPlainText().endsWith(u"My sentence."_s));
    QVERIFY(m_editor->isModified());
    // Typing on does not save over theirs, after the pause or by autosave.
    type(u" More."_s);
    QVERIFY(m_session->isAutosavePending());
    QTRY_VERIFY_WITH_TIMEOUT(!m_session->isAutosavePending(), 10000);
    QVERIFY(!m_session->autosave());
    QVERIFY(stored().body.endsWith(u"Their paragraph."_s));
    QVERIFY(m_editor->bodyEditor()->toPlainText().endsWith(u"My sentence. More."_s));
    // Saving by hand is refused the same way.
    QVERIFY(!m_session->save());
    QVERIFY(stored().body.endsWith(u"Their paragraph."_s));
    QVERIFY(m_session->hasConflict());
}

void TestEditorSession::reloadTheirsPutsMineOnTheClipboard()
{
    openEditor();
    if (QTest::currentTestFailed())
        return;
    makeConflict();
    if (QTest::currentTestFailed())
        return;
    const QString mine = m_editor->bodyEditor()->toPlainText();
    QSignalSpy opened(m_session.get(), &EditorSession::openStoryRequested);
    m_editor->findChild<QPushButton *>(u"reloadTheirs"_s)->click();
    QVERIFY(!m_session->hasConflict());
    QVERIFY(!m_editor->isModified());
    QVERIFY(m_editor->bodyEditor()->toPlainText().endsWith(u"Their paragraph."_s));
    QCOMPARE(m_editor->story().id, m_story.id);
    QCOMPARE(QGuiApplication::clipboard()->text(), m_story.headline + u"\n\n"_s + mine);
    QVERIFY(opened.isEmpty());
    QVERIFY(stored().body.endsWith(u"Their paragraph."_s));
    QCOMPARE(StoryRepository(m_library.get()).count(), 1);
}

void TestEditorSession::saveMineAsCopyMakesADraftAndLeavesTheirs_data()
{
    QTest::addColumn<bool>("approved");
    QTest::newRow("a draft") << false;
    // Issue 12: the copy was created Approved, with no approval in the audit log.
    QTest::newRow("an approved story") << true;
}

void TestEditorSession::saveMineAsCopyMakesADraftAndLeavesTheirs()
{
    QFETCH(bool, approved);
    QString error;
    if (approved)
        QVERIFY2(SampleLibrary::clearForPublication(m_library.get(), m_story, &error), qPrintable(error));
    const StoryStatus status = stored().status;
    QCOMPARE(status, approved ? StoryStatus::Approved : StoryStatus::Draft);
    openEditor();
    if (QTest::currentTestFailed())
        return;
    makeConflict();
    if (QTest::currentTestFailed())
        return;
    const Story mine = m_editor->story();
    QSignalSpy opened(m_session.get(), &EditorSession::openStoryRequested);
    QSignalSpy errors(m_session.get(), &EditorSession::errorOccurred);
    m_editor->findChild<QPushButton *>(u"saveMineAsCopy"_s)->click();
    QVERIFY2(errors.isEmpty(), errors.isEmpty() ? "" : qPrintable(errors.first().at(1).toString()));
    QCOMPARE(opened.size(), 1);
    const qint64 copyId = opened.first().at(0).toLongLong();
    QVERIFY(copyId != m_story.id);

    StoryRepository repository(m_library.get());
    const Story copy = *repository.load(copyId);
    QCOMPARE(copy.status, StoryStatus::Draft);
    QCOMPARE(copy.headline, mine.headline + u" (my version)"_s);
    QCOMPARE(copy.body, mine.body);
    QVERIFY(!copy.publishedAt.isValid());
    QStringList trail;
    for (const AuditEntry &entry : m_library->auditTrail(u"story"_s, copyId))
        trail << entry.action;
    QCOMPARE(trail, QStringList{u"create"_s});
    // Theirs is as they saved it, and the editor shows it until the copy is opened.
    const Story theirs = stored();
    QCOMPARE(theirs.status, status);
    QVERIFY(theirs.body.endsWith(u"Their paragraph."_s));
    QVERIFY(!m_session->hasConflict());
    QCOMPARE(m_editor->story().id, m_story.id);
    QVERIFY(!m_editor->isModified());
}

void TestEditorSession::failedSaveLosesNothing_data()
{
    QTest::addColumn<bool>("byHand");
    QTest::addColumn<bool>("notAllowed");
    QTest::newRow("by hand, the database refuses") << true << false;
    QTest::newRow("autosave, the database refuses") << false << false;
    QTest::newRow("by hand, a writer on an approved story") << true << true;
    QTest::newRow("autosave, a writer on an approved story") << false << true;
}

void TestEditorSession::failedSaveLosesNothing()
{
    QFETCH(bool, byHand);
    QFETCH(bool, notAllowed);
    const QString editor = m_library->actor();
    QString error;
    if (notAllowed) {
        QVERIFY2(SampleLibrary::clearForPublication(m_library.get(), m_story, &error), qPrintable(error));
        QVERIFY(PeopleRepository(m_library.get()).add(Person{.name = u"Walt Writer"_s, .role = PersonRole::Writer}));
    }
    openEditor();
    if (QTest::currentTestFailed())
        return;
    const Story before = stored();
    QSqlQuery refuse(m_library->database());
    if (notAllowed)
        m_library->setActor(u"Walt Writer"_s);
    else
        QVERIFY2(refuse.exec(u"CREATE TRIGGER refuse_saves BEFORE UPDATE ON stories "
                             "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"_s),
                 qPrintable(refuse.lastError().text()));

    QSignalSpy failed(m_session.get(), &EditorSession::saveFailed);
    QSignalSpy errors(m_session.get(), &EditorSession::errorOccurred);
    QSignalSpy messages(m_session.get(), &EditorSession::statusMessage);
    type(u" Words that must not be lost."_s);
    QVERIFY(!(byHand ? m_session->save() : m_session->autosave()));
    QCOMPARE(failed.size(), 1);
    QVERIFY(!m_session->errorString().isEmpty());
    if (byHand) {
        // Said to the user, who must acknowledge it.
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().at(0).toString(), u"Cannot save"_s);
        QCOMPARE(errors.first().at(1).toString(), m_session->errorString());
    } else {
        // An autosave does not interrupt typing: the status bar says it.
        QVERIFY(errors.isEmpty());
        QCOMPARE(messages.constLast().at(0).toString(), u"Autosave failed: "_s + m_session->errorString());
    }
    // Nothing lost, nothing written, and no conflict where there is none.
    QVERIFY(m_editor->isModified());
    QVERIFY(m_editor->bodyEditor()->toPlainText().endsWith(u"Words that must not be lost."_s));
    QVERIFY(!m_session->hasConflict());
    QCOMPARE(stored().body, before.body);
    QCOMPARE(stored().rowVersion, before.rowVersion);

    // Once the cause is gone, the same text saves.
    if (notAllowed)
        m_library->setActor(editor);
    else
        QVERIFY(refuse.exec(u"DROP TRIGGER refuse_saves"_s));
    QVERIFY2(m_session->save(), qPrintable(m_session->errorString()));
    QVERIFY(stored().body.endsWith(u"Words that must not be lost."_s));
}

QTEST_MAIN(TestEditorSession)
#include "tst_editorsession.moc"
