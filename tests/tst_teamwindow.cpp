// SPDX-License-Identifier: MIT
// The real window on a team library (issue 13): it opens by URL as the
// login's person, its story list follows another desk's changes within a
// second, and the status bar says when it cannot hear the other desks.
#include "application.h"
#include "codeexpander.h"
#include "editorpane.h"
#include "glossary.h"
#include "markdowneditor.h"
#include "spellchecker.h"
#include "library.h"
#include "librarylocation.h"
#include "mainwindow.h"
#include "passwordstore.h"
#include "postgresserver.h"
#include "scriptedprompter.h"
#include "storylistmodel.h"
#include "storylistpanel.h"
#include "photolistmodel.h"
#include "photorepository.h"
#include "storylocks.h"
#include "storyrepository.h"
#include "workflowcontroller.h"
#include "teamsetup.h"
#include "windowtestfixture.h"

#include <QApplication>
#include <QCheckBox>
#include <QLineEdit>
#include <QSettings>
#include <QListView>
#include <QLabel>
#include <QProcess>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// The other desk, a process of its own: an editor's real window on the team
// library with the story open (so holding its lock), who approves the
// caption of its first photo when told to and then waits to be killed.
int editorDesk(const QString &url, qint64 storyId)
{
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    if (!window.openLibrary(url))
        return 3;
    window.show();
    if (!window.openStory(storyId) || window.workflow()->isReadOnly())
        return 4;
    std::fputs("holding\n", stdout);
    std::fflush(stdout);
    // Until the writer's window is up and shows the caption pending.
    char line[64];
    if (!std::fgets(line, sizeof line, stdin))
        return 6;
    PhotoRepository photos(window.library());
    Photo photo = photos.photosOfStory(storyId).value(0);
    if (photos.decideCaption(photo, CaptionApproval::Approved) != PhotoRepository::SaveResult::Saved)
        return 5;
    std::fputs("approved\n", stdout);
    std::fflush(stdout);
    return QCoreApplication::exec();
}

} // namespace

class TestTeamWindow : public QObject, public WindowTestFixture
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void windowFollowsOtherDesks();
    void glossaryFollowsOtherDesks();
    void twoDesksInTwoProcesses();
    void passwordIsAskedOnceAndKeptInTheKeyring();

private:
    PostgresServer m_server;
};

void TestTeamWindow::initTestCase()
{
    setUpSettings();
    startFresh();
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    QVERIFY2(m_server.psql(u"CREATE DATABASE newsroom"_s), qPrintable(m_server.errorString()));
    const std::optional<LibraryLocation> location = LibraryLocation::parse(m_server.url(PostgresServer::superuser(), u"newsroom"_s));
    QVERIFY(location);
    QString error;
    QVERIFY2(TeamSetup::open(*location, u"owner"_s, &error), qPrintable(error));
    QSqlDatabase owner = QSqlDatabase::database(u"owner"_s, false);
    QCOMPARE(TeamSetup::setUp(owner, &error), TeamSetup::SetupResult::Created);
    QVERIFY2(TeamSetup::addPerson(owner, u"eve"_s, u"Eve Editor"_s, PersonRole::Editor, &error), qPrintable(error));
    QVERIFY2(TeamSetup::addPerson(owner, u"walt"_s, u"Walt Writer"_s, PersonRole::Writer, &error), qPrintable(error));
}

void TestTeamWindow::cleanupTestCase()
{
    QSqlDatabase::removeDatabase(u"owner"_s);
    m_server.stop();
}

void TestTeamWindow::windowFollowsOtherDesks()
{
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    QVERIFY2(window.openLibrary(m_server.url(u"eve"_s, u"newsroom"_s)), qPrintable(window.errorString()));
    window.show();
    QVERIFY(window.library()->isTeamLibrary());
    QCOMPARE(window.library()->actor(), u"Eve Editor"_s);
    QAbstractItemModel *list = window.storyList()->view()->model();
    QCOMPARE(list->rowCount(), 0); // a team library starts empty: no sample story

    // Another desk writes a story: it is in this window's list within a second.
    Library otherDesk;
    QVERIFY2(otherDesk.open(m_server.url(u"walt"_s, u"newsroom"_s)), qPrintable(otherDesk.errorString()));
    QVERIFY(StoryRepository(&otherDesk).create(Story{.headline = u"Filed from the field"_s}));
    QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), 1, 1000);
    QCOMPARE(list->index(0, 0).data(StoryListModel::HeadlineRole).toString(), u"Filed from the field"_s);

    // The window's own line to the server drops: the status bar says so
    // until it is back, and the list catches up with what it missed.
    auto *live = window.statusBar()->findChild<QLabel *>(u"liveUpdates"_s);
    QVERIFY(live);
    QVERIFY(!live->isVisible());
    // What the status bar showed at the moment the line was lost (the
    // window's own slot runs first: it connected first).
    bool shownWhileDown = false;
    QString textWhileDown;
    connect(window.library(), &Library::liveUpdatesChanged, &window, [&](bool up) {
        if (!up) {
            shownWhileDown = live->isVisible();
            textWhileDown = live->text();
        }
    });
    // The login is refused until the other desk has filed, so that the
    // story surely falls in the gap.
    QSqlQuery kill(QSqlDatabase::database(u"owner"_s, false));
    QVERIFY(kill.exec(u"ALTER ROLE eve NOLOGIN"_s));
    auto allowLogin = qScopeGuard([] { QSqlQuery(QSqlDatabase::database(u"owner"_s, false)).exec(u"ALTER ROLE eve LOGIN"_s); });
    QVERIFY2(kill.exec(u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'eve' "
                       u"AND pid <> (SELECT pid FROM pg_stat_activity WHERE usename = 'eve' ORDER BY backend_start LIMIT 1)"_s),
             qPrintable(kill.lastError().text()));
    QTRY_VERIFY_WITH_TIMEOUT(shownWhileDown, 10000);
    QVERIFY2(textWhileDown.contains(u"reconnecting"_s), qPrintable(textWhileDown));
    QVERIFY(StoryRepository(&otherDesk).create(Story{.headline = u"Filed while the line was down"_s}));
    QVERIFY(kill.exec(u"ALTER ROLE eve LOGIN"_s));
    allowLogin.dismiss();
    QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), 2, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!live->isVisible(), 10000);
    // It says what it missed, from the audit log.
    const QString news = window.statusBar()->currentMessage();
    QVERIFY2(news.contains(u" changes by Walt Writer while this desk was not listening"_s), qPrintable(news));
    settlePreview(window);
}

// A code another desk adds to the glossary expands in this window, and its
// words count as spelled right, within a second: not at the next story.
void TestTeamWindow::glossaryFollowsOtherDesks()
{
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    QVERIFY2(window.openLibrary(m_server.url(u"eve"_s, u"newsroom"_s)), qPrintable(window.errorString()));
    window.show();
    QVERIFY(!window.codeExpander()->codes().contains(u"cno"_s));
    Library otherDesk;
    QVERIFY2(otherDesk.open(m_server.url(u"walt"_s, u"newsroom"_s)), qPrintable(otherDesk.errorString()));
    const QString expansion = u"Chief of Naval Operations Adm. Daryl Caudle"_s;
    GlossaryRepository glossary(&otherDesk);
    QVERIFY2(glossary.add(u"cno"_s, expansion), qPrintable(glossary.errorString()));
    QTRY_COMPARE_WITH_TIMEOUT(window.codeExpander()->codes().value(u"cno"_s), expansion, 1000);
    QVERIFY(window.editor()->bodyEditor()->spellChecker()->acceptedNames().contains(u"Caudle"_s));
    settlePreview(window);
}

// Two real windows in two processes: the writer's sees the editor's caption
// approval in its media panel within a second, and when the editor's
// process is killed while it holds the story, the writer can edit at once.
void TestTeamWindow::twoDesksInTwoProcesses()
{
    qint64 id = 0;
    {
        Library writer;
        QVERIFY2(writer.open(m_server.url(u"walt"_s, u"newsroom"_s)), qPrintable(writer.errorString()));
        const std::optional<Story> story = StoryRepository(&writer).create(Story{.headline = u"Two desks, one story"_s});
        QVERIFY(story);
        id = story->id;
        PhotoRepository photos(&writer);
        const std::optional<Photo> photo = photos.add(Photo{.virin = u"250306-D-PM193-1268K"_s, .caption = u"A caption."_s},
                                                      QByteArray("image"), u"image/jpeg"_s, QSize(1, 1), {});
        QVERIFY(photo && photos.attach(id, photo->id));
    }
    // The editor's desk first, so that it has the story open before the
    // writer's window (which opens the newest story) could take it.
    QProcess editor;
    editor.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    editor.start(QCoreApplication::applicationFilePath(),
                 {u"--editor-desk"_s, m_server.url(u"eve"_s, u"newsroom"_s), QString::number(id)});
    QVERIFY(editor.waitForStarted());
    QByteArray output;
    while (!output.contains("holding\n")) {
        QVERIFY2(editor.waitForReadyRead(60000),
                 qPrintable(u"the editor's desk did not start (exit code %1)"_s.arg(editor.exitCode())));
        output += editor.readAllStandardOutput();
    }
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    QVERIFY2(window.openLibrary(m_server.url(u"walt"_s, u"newsroom"_s)), qPrintable(window.errorString()));
    window.show();
    auto *photoModel = window.findChild<PhotoListModel *>();
    QVERIFY(photoModel);
    QVERIFY(window.openStory(0));
    QVERIFY(window.openStory(id));
    QVERIFY(window.workflow()->isReadOnly());
    QCOMPARE(window.workflow()->lockHolder(), u"Eve Editor"_s);
    QCOMPARE(photoModel->rowCount(), 1);
    QCOMPARE(photoModel->index(0, 0).data(PhotoListModel::ApprovalRole).toInt(), int(CaptionApproval::Pending));
    editor.write("approve\n");
    while (!output.contains("approved\n")) {
        QVERIFY2(editor.waitForReadyRead(30000), "the editor did not approve");
        output += editor.readAllStandardOutput();
    }
    QTRY_COMPARE_WITH_TIMEOUT(photoModel->index(0, 0).data(PhotoListModel::ApprovalRole).toInt(), int(CaptionApproval::Approved), 1000);

    editor.kill(); // SIGKILL, holding the lock
    QVERIFY(editor.waitForFinished());
    // The server ends the killed desk's session as its socket closes.
    QTRY_VERIFY_WITH_TIMEOUT(StoryLocks(window.library()).lockOf(id).value_or(StoryLock{}).sessionAlive == std::optional(false), 5000);
    QVERIFY(window.openStory(0));
    QVERIFY(window.openStory(id));
    QVERIFY(!window.workflow()->isReadOnly());
    QCOMPARE(StoryLocks(window.library()).lockOf(id)->holder, u"Walt Writer"_s);
    settlePreview(window);
}

// A desk whose login must give a password: the window asks for it once
// (masked, with the server's words when it refused one), keeps it in the
// desktop's keyring and never in its settings; the next window and the
// command line open the library with the kept one; when the password
// changes on the server, the window asks again and keeps the new one.
void TestTeamWindow::passwordIsAskedOnceAndKeptInTheKeyring()
{
    QSqlDatabase owner = QSqlDatabase::database(u"owner"_s, false);
    QString error;
    QVERIFY2(TeamSetup::addPerson(owner, u"kim"_s, u"Kim Writer"_s, PersonRole::Writer, &error), qPrintable(error));
    QVERIFY2(m_server.requirePassword(u"kim"_s, u"first secret"_s), qPrintable(m_server.errorString()));
    const QString url = m_server.url(u"kim"_s, u"newsroom"_s);
    const QString key = LibraryLocation::parse(url)->toString();
    QVERIFY2(PasswordStore::remove(key, &error), qPrintable(error)); // and the store is there at all
    const auto answer = [](const QString &password, bool keep, QStringList *seen = nullptr) {
        return [=](QDialog *dialog) {
            auto *line = dialog->findChild<QLineEdit *>(u"password"_s);
            auto *keepBox = dialog->findChild<QCheckBox *>(u"keepPassword"_s);
            if (!line || !keepBox || line->echoMode() != QLineEdit::Password)
                return int(QDialog::Rejected);
            if (seen) {
                for (const QLabel *label : dialog->findChildren<QLabel *>())
                    *seen << label->text();
            }
            QTest::keyClicks(line, password);
            keepBox->setChecked(keep);
            return int(QDialog::Accepted);
        };
    };
    {
        ScriptedPrompter prompter;
        prompter.dialogs.insert(u"passwordDialog"_s, answer(u"wrong"_s, true));
        MainWindow window(&prompter);
        QVERIFY(!window.openLibrary(url));
        QCOMPARE(prompter.count(u"run"_s), 3); // three tries, then it gives up
        QVERIFY(!PasswordStore::read(key)); // a refused password is not kept
    }
    {
        ScriptedPrompter prompter;
        prompter.dialogs.insert(u"passwordDialog"_s, answer(u"first secret"_s, true));
        MainWindow window(&prompter);
        QVERIFY2(window.openLibrary(url), qPrintable(window.errorString()));
        QCOMPARE(prompter.count(u"run"_s), 1);
        QCOMPARE(window.library()->actor(), u"Kim Writer"_s);
        QTRY_VERIFY_WITH_TIMEOUT(window.library()->hasLiveUpdates(), 5000);
        window.close();
    }
    QCOMPARE(PasswordStore::read(key, &error), std::optional<QString>(u"first secret"_s));
    {
        QSettings settings;
        settings.sync();
        QFile file(settings.fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("first secret"));
    }
    {
        ScriptedPrompter prompter;
        MainWindow window(&prompter);
        QVERIFY2(window.openLibrary(url), qPrintable(window.errorString()));
        QCOMPARE(prompter.count(u"run"_s), 0);
    }
    QProcess cli;
    cli.start(QStringLiteral(NEWSDESK_BINARY), {u"check"_s, u"--library"_s, url, u"--story"_s, u"no-such-story"_s});
    QVERIFY(cli.waitForFinished(60000));
    const QString cliErrors = QString::fromUtf8(cli.readAllStandardError());
    QVERIFY2(!cliErrors.contains(u"password"_s) && cliErrors.contains(u"no-such-story"_s), qPrintable(cliErrors));

    // The office changes the password: asked again, with the server's refusal.
    QVERIFY(m_server.psql(u"ALTER ROLE kim PASSWORD 'second secret'"_s));
    {
        QStringList seen;
        ScriptedPrompter prompter;
        prompter.dialogs.insert(u"passwordDialog"_s, answer(u"second secret"_s, true, &seen));
        MainWindow window(&prompter);
        QVERIFY2(window.openLibrary(url), qPrintable(window.errorString()));
        QCOMPARE(prompter.count(u"run"_s), 1);
        QVERIFY2(seen.join(u' ').contains(u"password authentication failed"_s), qPrintable(seen.join(u' ')));
    }
    QCOMPARE(PasswordStore::read(key), std::optional<QString>(u"second secret"_s));
    // Not kept when the user says so.
    QVERIFY(PasswordStore::remove(key));
    {
        ScriptedPrompter prompter;
        prompter.dialogs.insert(u"passwordDialog"_s, answer(u"second secret"_s, false));
        MainWindow window(&prompter);
        QVERIFY2(window.openLibrary(url), qPrintable(window.errorString()));
    }
    QVERIFY(!PasswordStore::read(key));
}

int main(int argc, char **argv)
{
    if (argc == 4 && qstrcmp(argv[1], "--editor-desk") == 0) {
        QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
        QApplication app(argc, argv);
        Newsdesk::setApplicationIdentity();
        QCoreApplication::setApplicationName(u"NewsdeskTestEditorDesk"_s);
        return editorDesk(QString::fromLocal8Bit(argv[2]), QByteArray(argv[3]).toLongLong());
    }
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    Newsdesk::setApplicationIdentity();
    QCoreApplication::setApplicationName(u"NewsdeskTest"_s);
    TestTeamWindow test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_teamwindow.moc"
