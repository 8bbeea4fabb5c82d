// SPDX-License-Identifier: MIT
// The editorial workflow driven through the real window, offscreen: a writer
// drafts and submits the sample story, an editor requests changes, approves
// the captions and the story, publishes and exports it; a story another
// process is editing opens read-only until that process is killed.
#include "application.h"
#include "exportdialog.h"
#include "comments.h"
#include "editorpane.h"
#include "library.h"
#include "lockholder.h"
#include "mainwindow.h"
#include "markdowneditor.h"
#include "mediapanel.h"
#include "people.h"
#include "photoform.h"
#include "photolistmodel.h"
#include "photorepository.h"
#include "previewpane.h"
#include "storylocks.h"
#include "storyrepository.h"
#include "scriptedprompter.h"
#include "windowtestfixture.h"
#include "workflowcontroller.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QProcess>
#include <QPushButton>
#include <QTest>
#include <QTextBrowser>
#include <QTimer>
#include <QWebEnginePage>
#include <QWebEngineView>

#include <cstdio>
#include <memory>

#include <pwd.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

// The account this test runs as, read without Newsdesk's help.
QString accountName()
{
    const passwd *entry = getpwuid(getuid());
    return entry && entry->pw_name ? QString::fromLocal8Bit(entry->pw_name) : QString();
}

// Answers the dialog named objectName with answer(dialog) when the window runs
// it through its prompter (a ScriptedPrompter in every test window).
template<typename Dialog>
void answerDialog(MainWindow *window, const QString &objectName, std::function<void(Dialog *)> answer)
{
    auto *prompter = dynamic_cast<ScriptedPrompter *>(&window->prompter());
    QVERIFY2(prompter, "the test window has no ScriptedPrompter");
    prompter->dialogs.insert(objectName, [objectName, answer](QDialog *dialog) {
        auto *typed = qobject_cast<Dialog *>(dialog);
        if (!typed) {
            qWarning("%s is not the kind of dialog the test expected", qPrintable(objectName));
            return int(QDialog::Rejected);
        }
        answer(typed);
        return dialog->result();
    });
}

} // namespace

class TestWorkflowWindow : public QObject, private WindowTestFixture
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void writerSubmitsEditorReviewsPublishesAndExports();
    void storyOpenElsewhereIsReadOnlyUntilItsHolderDies();
    void editorTakesAStoryOverFromALiveDesk();
    void correctionShowsChangesSinceApproval();
    void firstStartAsksWhoIsWorking();
    void accountLoginNamesThePerson();

private:
    // Opens the sample library with Eve Editor (first person) and Walt Writer,
    // added through Preferences.
    void setUpDesk(MainWindow &window);
};

void TestWorkflowWindow::initTestCase()
{
    setUpSettings();
}

void TestWorkflowWindow::init()
{
    startFresh();
}

void TestWorkflowWindow::setUpDesk(MainWindow &window)
{
    QVERIFY2(window.openLibrary(libraryPath()), qPrintable(window.errorString()));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    WorkflowController *workflow = window.workflow();
    // Without dialogs nobody is set up yet: nothing may move.
    QVERIFY(workflow->personLabel()->text().endsWith(u"not in this library"_s));
    QVERIFY(!workflow->action(WorkflowAction::Submit)->isEnabled());
    QVERIFY(workflow->addPerson(Person{.name = u"Eve Editor"_s, .title = u"Managing Editor"_s, .role = PersonRole::Writer}));
    QCOMPARE(workflow->personLabel()->text(), u"Eve Editor · Editor"_s); // the first person is an editor

    // The editor adds the writer in Preferences.
    answerDialog<QDialog>(&window, u"preferencesDialog"_s, [](QDialog *dialog) {
        QTest::keyClicks(dialog->findChild<QLineEdit *>(u"peopleNewName"_s), u"Walt Writer"_s);
        QTest::keyClicks(dialog->findChild<QLineEdit *>(u"peopleNewTitle"_s), u"Public Affairs Specialist"_s);
        QTest::keyClicks(dialog->findChild<QLineEdit *>(u"peopleNewLogin"_s), u"walt"_s);
        QCOMPARE(dialog->findChild<QComboBox *>(u"peopleNewRole"_s)->currentText(), u"Writer"_s);
        dialog->findChild<QPushButton *>(u"peopleAdd"_s)->click();
        QCOMPARE(dialog->findChild<QComboBox *>(u"peopleCurrent"_s)->count(), 2);
        dialog->reject();
    });
    window.findChild<QAction *>(u"actionPreferences"_s)->trigger();
    const std::optional<Person> walt = PeopleRepository(window.library()).findByName(u"Walt Writer"_s);
    QVERIFY(walt);
    QCOMPARE(walt->role, PersonRole::Writer);
    QCOMPARE(walt->title, u"Public Affairs Specialist"_s);
    QCOMPARE(walt->login, u"walt"_s);
}

void TestWorkflowWindow::writerSubmitsEditorReviewsPublishesAndExports()
{
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    setUpDesk(window);
    WorkflowController *workflow = window.workflow();
    QAction *submit = window.findChild<QAction *>(u"actionSubmitForReview"_s);
    QAction *requestChanges = window.findChild<QAction *>(u"actionRequestChanges"_s);
    QAction *approve = window.findChild<QAction *>(u"actionApproveStory"_s);
    QAction *publish = window.findChild<QAction *>(u"actionPublishStory"_s);
    const qint64 id = window.currentStoryId();
    StoryRepository stories(window.library());
    auto status = [&] { return stories.load(id)->status; };
    QCOMPARE(status(), StoryStatus::Draft);

    // The writer drafts and submits.
    QVERIFY(workflow->setCurrentPerson(u"Walt Writer"_s));
    QCOMPARE(workflow->personLabel()->text(), u"Walt Writer · Writer"_s);
    MarkdownEditor *body = window.editor()->bodyEditor();
    typeAtEnd(body, u" The ministers met for an hour."_s);
    QVERIFY(!approve->isEnabled());
    QVERIFY(!workflow->takeAction(WorkflowAction::Approve)); // refused in models/, not only greyed out
    QCOMPARE(status(), StoryStatus::Draft);
    QVERIFY(submit->isEnabled());
    submit->trigger();
    QCOMPARE(status(), StoryStatus::InReview);
    QVERIFY(stories.load(id)->body.endsWith(u"The ministers met for an hour."_s)); // saved on the way
    QVERIFY(!submit->isEnabled());
    QVERIFY(workflow->reviewCountLabel()->text().startsWith(u"Review: 1 story · 3 captions"_s));

    // The editor sends it back with a comment.
    QVERIFY(workflow->setCurrentPerson(u"Eve Editor"_s));
    QVERIFY(requestChanges->isEnabled());
    prompter.texts << u"Say how long they met in the lede."_s;
    requestChanges->trigger();
    QCOMPARE(prompter.count(u"askText"_s), 1);
    QCOMPARE(prompter.asked.constLast().title, u"Request Changes"_s);
    QCOMPARE(status(), StoryStatus::Draft);
    QCOMPARE(CommentRepository(window.library()).comments(u"story"_s, id).constLast().body, u"Say how long they met in the lede."_s);

    // The writer revises and submits again.
    QVERIFY(workflow->setCurrentPerson(u"Walt Writer"_s));
    QVERIFY(!window.editor()->bodyEditor()->isReadOnly());
    window.editor()->dekField()->setFocus();
    window.editor()->dekField()->end(false);
    QTest::keyClicks(window.editor()->dekField(), u" They met for an hour."_s);
    submit->trigger();
    QCOMPARE(status(), StoryStatus::InReview);

    // The editor releases and approves each caption in the media panel...
    QVERIFY(workflow->setCurrentPerson(u"Eve Editor"_s));
    MediaPanel *media = window.mediaPanel();
    PhotoForm *form = media->form();
    PhotoRepository photos(window.library());
    for (const Photo &photo : photos.photosOfStory(id)) {
        QVERIFY(media->selectPhoto(photo.id));
        auto *release = form->findChild<QComboBox *>(u"releaseState"_s);
        release->setCurrentIndex(release->findData(int(ReleaseState::Released)));
        auto *approveCaption = form->findChild<QPushButton *>(u"approveCaption"_s);
        QTRY_VERIFY(approveCaption->isEnabled());
        approveCaption->click();
        QTRY_COMPARE(photos.load(photo.id)->approval, CaptionApproval::Approved);
        QCOMPARE(photos.load(photo.id)->releaseState, ReleaseState::Released);
    }
    QTRY_VERIFY(workflow->reviewCountLabel()->text().startsWith(u"Review: 1 story · 0 captions"_s));

    // ...approves the story, publishes and exports it.
    QVERIFY(approve->isEnabled());
    approve->trigger();
    QCOMPARE(status(), StoryStatus::Approved);
    QVERIFY(!body->isReadOnly()); // the editor may still touch up an approved story
    QVERIFY(workflow->setCurrentPerson(u"Walt Writer"_s));
    QVERIFY(body->isReadOnly()); // the writer may not: it would go out unreviewed
    QVERIFY(workflow->setCurrentPerson(u"Eve Editor"_s));
    QVERIFY(publish->isEnabled());
    publish->trigger();
    QCOMPARE(status(), StoryStatus::Published);
    QVERIFY(body->isReadOnly()); // published text changes only through a correction
    const QString target = filePath(u"published"_s);
    answerDialog<ExportDialog>(&window, u"exportDialog"_s, [target](ExportDialog *dialog) {
        dialog->setFolder(target);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"exportButton"_s), Qt::LeftButton);
        // The export runs on its worker; the dialog closes itself when it is written.
        QTRY_COMPARE_WITH_TIMEOUT(dialog->result(), int(QDialog::Accepted), 30000);
    });
    window.findChild<QAction *>(u"actionExport"_s)->trigger();
    QFile index(QDir(target).filePath(u"index.html"_s));
    QVERIFY2(index.open(QIODevice::ReadOnly), qPrintable(window.errorString()));
    const QString html = QString::fromUtf8(index.readAll());
    QVERIFY(html.contains(u"The ministers met for an hour."_s));
    QVERIFY(html.contains(u"They met for an hour."_s));

    QStringList trail;
    for (const AuditEntry &entry : window.library()->auditTrail(u"story"_s, id)) {
        if (entry.action != u"save"_s && entry.action != u"create"_s)
            trail << entry.actor + u": "_s + entry.action;
    }
    QCOMPARE(trail, (QStringList{u"Walt Writer: submit"_s, u"Eve Editor: request-changes"_s, u"Walt Writer: submit"_s,
                                 u"Eve Editor: approve"_s, u"Eve Editor: publish"_s, u"Eve Editor: export"_s}));
}

void TestWorkflowWindow::storyOpenElsewhereIsReadOnlyUntilItsHolderDies()
{
    {
        ScriptedPrompter prompter;
        MainWindow window(&prompter);
        setUpDesk(window);
    } // the window gave its lock back when it closed
    QProcess child;
    LockHolder::start(child, libraryPath());
    if (QTest::currentTestFailed())
        return;

    ScriptedPrompter prompter;

    MainWindow window(&prompter);
    QVERIFY(window.openLibrary(libraryPath()));
    window.show();
    QCOMPARE(window.workflow()->currentPerson(), u"Eve Editor"_s); // remembered for this library
    QCOMPARE(window.currentStoryId(), 1);
    QVERIFY(window.workflow()->isReadOnly());
    QCOMPARE(window.workflow()->lockHolder(), u"Walt Writer"_s);
    QVERIFY(window.editor()->bodyEditor()->isReadOnly());
    QVERIFY(window.editor()->headlineField()->isReadOnly());
    QVERIFY(!window.findChild<QAction *>(u"actionSubmitForReview"_s)->isEnabled());

    child.kill(); // SIGKILL: the lock stays on file
    QVERIFY(child.waitForFinished());
    QVERIFY(window.openStory(0));
    QVERIFY(window.openStory(1));
    QVERIFY(!window.workflow()->isReadOnly());
    QVERIFY(!window.editor()->bodyEditor()->isReadOnly());
    QCOMPARE(StoryLocks(window.library()).lockOf(1)->holder, u"Eve Editor"_s);
}

// Review ▸ Take Over Editing…: an editor takes a story from a desk that is
// alive and holds it, after saying yes; the audit log names who had it.
void TestWorkflowWindow::editorTakesAStoryOverFromALiveDesk()
{
    {
        ScriptedPrompter prompter;
        MainWindow window(&prompter);
        setUpDesk(window);
    }
    QProcess child;
    LockHolder::start(child, libraryPath());
    if (QTest::currentTestFailed())
        return;
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    QVERIFY(window.openLibrary(libraryPath()));
    window.show();
    QCOMPARE(window.currentStoryId(), 1);
    QVERIFY(window.workflow()->isReadOnly());
    auto *takeOver = window.findChild<QAction *>(u"actionTakeOver"_s);
    QVERIFY(takeOver && takeOver->isEnabled());
    // Cancelled: nothing changes.
    takeOver->trigger();
    QCOMPARE(prompter.asked.constLast().title, u"Take Over Editing"_s);
    QVERIFY(prompter.asked.constLast().message.contains(u"Walt Writer has"_s));
    QVERIFY(window.workflow()->isReadOnly());
    prompter.choices << 0; // Take Over
    takeOver->trigger();
    QVERIFY(!window.workflow()->isReadOnly());
    QVERIFY(!window.editor()->bodyEditor()->isReadOnly());
    QVERIFY(!takeOver->isEnabled());
    QCOMPARE(StoryLocks(window.library()).lockOf(1)->holder, u"Eve Editor"_s);
    const AuditEntry last = window.library()->auditTrail(u"story"_s, 1).constLast();
    QCOMPARE(last.action, u"lock-taken-over"_s);
    QCOMPARE(last.actor, u"Eve Editor"_s);
    QVERIFY2(last.detail.startsWith(u"from Walt Writer on "_s), qPrintable(last.detail));
    child.kill();
    QVERIFY(child.waitForFinished());
    settlePreview(window);
}

void TestWorkflowWindow::correctionShowsChangesSinceApproval()
{
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    setUpDesk(window);
    WorkflowController *workflow = window.workflow();
    QLineEdit *note = window.editor()->correctionNoteField();
    QVERIFY(note);
    QVERIFY(!note->isVisible()); // a story never published has no note to show
    QVERIFY(workflow->takeAction(WorkflowAction::Submit));
    QVERIFY(workflow->takeAction(WorkflowAction::Approve));
    QVERIFY(workflow->takeAction(WorkflowAction::Publish));
    prompter.texts << u"An earlier version gave the wrong date."_s;
    window.findChild<QAction *>(u"actionCorrectStory"_s)->trigger();
    QCOMPARE(prompter.asked.constLast().title, u"Start a Correction"_s);
    QCOMPARE(window.editor()->story().status, StoryStatus::Draft);
    QCOMPARE(window.editor()->story().correctionNote, u"An earlier version gave the wrong date."_s);
    // The note the page prints is in sight, editable like the dek.
    QVERIFY(note->isVisible());
    QVERIFY(!note->isReadOnly());
    QCOMPARE(note->text(), u"An earlier version gave the wrong date."_s);

    MarkdownEditor *body = window.editor()->bodyEditor();
    typeAtEnd(body, u" Corrected sentence."_s);
    note->setFocus();
    note->end(false);
    QTest::keyClicks(note, u" It was March 6."_s);
    const QString edited = u"An earlier version gave the wrong date. It was March 6."_s;
    QCOMPARE(window.editor()->story().correctionNote, edited);
    // Autosaved like the other fields, into a revision of its own.
    StoryRepository stories(window.library());
    QTRY_COMPARE(stories.load(window.currentStoryId())->correctionNote, edited);
    QCOMPARE(stories.revisions(window.currentStoryId()).constFirst().correctionNote, edited);

    // The preview shows it where the page prints it, after the body.
    QTRY_VERIFY_WITH_TIMEOUT(window.preview()->view(), 30000);
    auto *view = qobject_cast<QWebEngineView *>(window.preview()->view());
    QVERIFY(view);
    auto text = std::make_shared<QString>();
    auto asking = std::make_shared<bool>(false);
    QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                 if (!*asking) {
                                     *asking = true;
                                     view->page()->toPlainText([text, asking](const QString &t) {
                                         *text = t;
                                         *asking = false;
                                     });
                                 }
                                 return text->trimmed().endsWith(u"Correction: "_s + edited);
                             }()),
                             30000);
    QVERIFY(text->indexOf(u"Corrected sentence."_s) < text->indexOf(u"Correction: "_s));

    QVERIFY(window.saveCurrentStory());
    QString shown;
    prompter.dialogs[u"changesDialog"_s] = [&shown](QDialog *dialog) {
        shown = dialog->findChild<QTextBrowser *>(u"changesDiff"_s)->toPlainText();
        return int(QDialog::Rejected);
    };
    window.findChild<QAction *>(u"actionChangesSinceApproval"_s)->trigger();
    QVERIFY2(shown.contains(u"Corrected sentence."_s), qPrintable(shown));
    QVERIFY2(shown.contains(u"Correction: "_s + edited), qPrintable(shown));
    // Two words in the body, and the note with its label.
    QVERIFY2(shown.contains(u"14 words added, 0 words removed"_s), qPrintable(shown));

    // A writer may not change the note of the story once it is approved again.
    QVERIFY(workflow->takeAction(WorkflowAction::Submit));
    QVERIFY(workflow->takeAction(WorkflowAction::Approve));
    QVERIFY(workflow->setCurrentPerson(u"Walt Writer"_s));
    QVERIFY(note->isReadOnly());
    settlePreview(window);
}

void TestWorkflowWindow::firstStartAsksWhoIsWorking()
{
    ScriptedPrompter prompter;
    prompter.dialogs[u"identityDialog"_s] = [](QDialog *dialog) {
        auto *name = dialog->findChild<QLineEdit *>(u"identityName"_s);
        name->clear();
        QTest::keyClicks(name, u"Eve Editor"_s);
        QTest::keyClicks(dialog->findChild<QLineEdit *>(u"identityTitle"_s), u"Managing Editor"_s);
        return int(QDialog::Accepted);
    };
    MainWindow window(&prompter);
    QVERIFY(window.openLibrary(libraryPath()));
    QCOMPARE(prompter.count(u"run"_s), 0); // the question comes once the window is up
    window.show();
    QTRY_COMPARE(window.library()->actor(), u"Eve Editor"_s);
    QCOMPARE(prompter.count(u"run"_s), 1);
    const std::optional<Person> eve = PeopleRepository(window.library()).findByName(u"Eve Editor"_s);
    QVERIFY(eve);
    QCOMPARE(eve->role, PersonRole::Editor);
    QCOMPARE(eve->title, u"Managing Editor"_s);
    // Whoever starts the library is known by this account on the command line.
    QVERIFY(!accountName().isEmpty());
    QCOMPARE(eve->login, accountName());
    QCOMPARE(window.library()->actor(), u"Eve Editor"_s);
    QCOMPARE(window.workflow()->personLabel()->text(), u"Eve Editor · Editor"_s);

    // Next time, no question: the identity is remembered for this library.
    ScriptedPrompter againPrompter;
    MainWindow again(&againPrompter);
    QVERIFY(again.openLibrary(libraryPath()));
    QCOMPARE(again.library()->actor(), u"Eve Editor"_s);
}

// With nobody remembered for the library, the window starts as the person
// this account is (as the command line does); an editor edits the logins in
// Preferences.
void TestWorkflowWindow::accountLoginNamesThePerson()
{
    {
        ScriptedPrompter prompter;
        MainWindow window(&prompter);
        setUpDesk(window);
        // Eve (the first person, added without the dialog) gets this account.
        answerDialog<QDialog>(&window, u"preferencesDialog"_s, [](QDialog *dialog) {
            const QList<QLineEdit *> logins = dialog->findChildren<QLineEdit *>(u"peopleLogin"_s);
            QCOMPARE(logins.size(), 2);
            QLineEdit *eve = logins.at(0)->text().isEmpty() ? logins.at(0) : logins.at(1);
            eve->setFocus();
            QTest::keyClicks(eve, accountName());
            QTest::keyClick(eve, Qt::Key_Return);
            dialog->reject();
        });
        window.findChild<QAction *>(u"actionPreferences"_s)->trigger();
        QCOMPARE(PeopleRepository(window.library()).findByName(u"Eve Editor"_s)->login, accountName());
        QVERIFY(window.workflow()->setCurrentPerson(u"Walt Writer"_s));
    }
    QSettings().clear(); // nobody remembered
    ScriptedPrompter againPrompter;
    MainWindow again(&againPrompter);
    QVERIFY(again.openLibrary(libraryPath()));
    QCOMPARE(again.library()->actor(), u"Eve Editor"_s);
    QCOMPARE(again.workflow()->personLabel()->text(), u"Eve Editor · Editor"_s);
}

int main(int argc, char **argv)
{
    if (argc == 3 && qstrcmp(argv[1], "--hold-lock") == 0) {
        QCoreApplication app(argc, argv);
        return LockHolder::holdForever(QString::fromLocal8Bit(argv[2]));
    }
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    Newsdesk::setApplicationIdentity();
    QCoreApplication::setApplicationName(u"NewsdeskTest"_s);
    TestWorkflowWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_workflowwindow.moc"
