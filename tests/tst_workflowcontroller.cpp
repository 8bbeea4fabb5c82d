// SPDX-License-Identifier: MIT
// The workflow controller without the main window: a plain widget for its
// parent, a double for the window (WorkflowHost) and the scripted prompter
// for the user. What it asks, what it saves, and what it tells the window.
#include "comments.h"
#include "embargodialog.h"
#include "historydialog.h"
#include "identitydialog.h"
#include "library.h"
#include "people.h"
#include "scriptedprompter.h"
#include "storylocks.h"
#include "storyrepository.h"
#include "workflowcontroller.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QTreeWidget>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace {

// The window as the controller sees it: an open story, whether its texts
// may be edited, and the saves and reloads asked of it.
class HostDouble : public WorkflowHost
{
public:
    std::optional<Story> story;
    bool saveSucceeds = true;
    int saves = 0;
    QList<Story> shown;
    std::optional<bool> editable;
    qint64 photoId = 0;

    std::optional<Story> openStory() const override { return story; }
    bool saveOpenStory() override
    {
        ++saves;
        return saveSucceeds;
    }
    void showStory(const Story &saved) override
    {
        story = saved;
        shown << saved;
    }
    void setStoryEditable(bool value) override { editable = value; }
    qint64 selectedPhotoId() const override { return photoId; }
};

} // namespace

class TestWorkflowController : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void approveAsksNothing();
    void requestChangesAsksForAComment_data();
    void requestChangesAsksForAComment();
    void nothingHappensWhenTheStoryCannotBeSaved();
    void editabilityFollowsRoleAndStatus();
    void refusalIsToldOnlyOverAShownWindow();
    void queueEntryAsksTheWindowToOpenIt();
    void embargoIsSetThroughItsDialog_data();
    void embargoIsSetThroughItsDialog();
    void historyRestoresTheChosenRevision();
    void nobodyKnownAsksWhoIsWorking();

private:
    // The controller over the library with Eve Editor and Walt Writer, the
    // story open in the host, Eve working.
    void openDesk();
    Story load() { return *StoryRepository(m_library.get()).load(m_storyId); }
    QAction *menuAction(const QString &name) const { return m_parent->findChild<QAction *>(name); }

    QTemporaryDir m_settings;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Library> m_library;
    std::unique_ptr<QWidget> m_parent;
    std::unique_ptr<ScriptedPrompter> m_prompter;
    std::unique_ptr<HostDouble> m_host;
    std::unique_ptr<WorkflowController> m_workflow;
    qint64 m_storyId = 0;
};

void TestWorkflowController::initTestCase()
{
    // The controller remembers who works on a library in QSettings.
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
}

void TestWorkflowController::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    m_library = std::make_unique<Library>();
    QVERIFY(m_library->open(m_dir->filePath(u"desk.newsdesk"_s)));
    m_parent = std::make_unique<QWidget>();
    m_prompter = std::make_unique<ScriptedPrompter>();
    m_host = std::make_unique<HostDouble>();
    m_workflow = std::make_unique<WorkflowController>(*m_host, *m_prompter, m_parent.get());
}

void TestWorkflowController::cleanup()
{
    m_workflow.reset(); // before the host, the prompter and the parent it was given
    m_host.reset();
    m_prompter.reset();
    m_parent.reset();
    m_library.reset();
}

void TestWorkflowController::openDesk()
{
    PeopleRepository people(m_library.get());
    QVERIFY(people.add(Person{.name = u"Eve Editor"_s}));
    m_library->setActor(u"Eve Editor"_s);
    QVERIFY(people.add(Person{.name = u"Walt Writer"_s, .role = PersonRole::Writer}));
    const std::optional<Story> story =
        StoryRepository(m_library.get()).create(Story{.headline = u"Ministers meet"_s, .body = u"The ministers met."_s});
    QVERIFY(story);
    m_storyId = story->id;
    m_workflow->setLibrary(m_library.get());
    QVERIFY(m_workflow->setCurrentPerson(u"Eve Editor"_s));
    m_host->story = story;
    m_workflow->storyOpened(m_storyId);
    QCOMPARE(StoryLocks(m_library.get()).lockOf(m_storyId)->holder, u"Eve Editor"_s);
}

void TestWorkflowController::approveAsksNothing()
{
    openDesk();
    QVERIFY(m_workflow->takeAction(WorkflowAction::Submit));
    QSignalSpy status(m_workflow.get(), &WorkflowController::statusMessage);
    QVERIFY(menuAction(u"actionApproveStory"_s)->isEnabled());
    menuAction(u"actionApproveStory"_s)->trigger();
    QCOMPARE(load().status, StoryStatus::Approved);
    QVERIFY(m_prompter->asked.isEmpty());
    QCOMPARE(m_host->saves, 2); // the open text saved before each action
    QCOMPARE(m_host->shown.size(), 2);
    QCOMPARE(m_host->shown.constLast().status, StoryStatus::Approved);
    QCOMPARE(status.size(), 1);
    QCOMPARE(status.constFirst().constFirst().toString(), u"\"Ministers meet\" is now approved."_s);
}

void TestWorkflowController::requestChangesAsksForAComment_data()
{
    QTest::addColumn<bool>("cancelled");
    QTest::addColumn<QString>("answer");
    QTest::addColumn<bool>("sentBack");
    QTest::newRow("answered") << false << u"  Say how long they met.\n"_s << true;
    QTest::newRow("cancelled") << true << QString() << false;
    QTest::newRow("answered with nothing") << false << u" \n "_s << false;
}

void TestWorkflowController::requestChangesAsksForAComment()
{
    QFETCH(bool, cancelled);
    QFETCH(QString, answer);
    QFETCH(bool, sentBack);
    openDesk();
    QVERIFY(m_workflow->takeAction(WorkflowAction::Submit));
    QSignalSpy status(m_workflow.get(), &WorkflowController::statusMessage);
    m_prompter->texts << (cancelled ? std::nullopt : std::optional<QString>(answer));
    menuAction(u"actionRequestChanges"_s)->trigger();
    QCOMPARE(m_prompter->count(u"askText"_s), 1);
    QCOMPARE(m_prompter->asked.constFirst().title, u"Request Changes"_s);
    QCOMPARE(m_prompter->asked.constFirst().message, u"What should the writer change?"_s);
    const QList<ReviewComment> comments = CommentRepository(m_library.get()).comments(u"story"_s, m_storyId);
    if (sentBack) {
        QCOMPARE(load().status, StoryStatus::Draft);
        QCOMPARE(comments.size(), 1);
        QCOMPARE(comments.constFirst().body, u"Say how long they met."_s); // trimmed
        QCOMPARE(m_host->shown.size(), 2);
        QCOMPARE(m_host->shown.constLast().status, StoryStatus::Draft);
    } else {
        QCOMPARE(load().status, StoryStatus::InReview);
        QVERIFY(comments.isEmpty());
        QCOMPARE(m_host->shown.size(), 1); // only the submit's
        QCOMPARE(status.size(), 0); // not even tried
        QVERIFY(m_workflow->errorString().isEmpty());
    }
    // A comment given with the action: nothing to ask.
    if (!sentBack) {
        QVERIFY(m_workflow->takeAction(WorkflowAction::RequestChanges, u"Name the ministers."_s));
        QCOMPARE(m_prompter->count(u"askText"_s), 1);
        QCOMPARE(load().status, StoryStatus::Draft);
    }
}

void TestWorkflowController::nothingHappensWhenTheStoryCannotBeSaved()
{
    openDesk();
    m_host->saveSucceeds = false;
    QVERIFY(!m_workflow->takeAction(WorkflowAction::Submit));
    QCOMPARE(m_host->saves, 1);
    QCOMPARE(load().status, StoryStatus::Draft);
    QVERIFY(m_host->shown.isEmpty());
    QVERIFY(m_prompter->asked.isEmpty()); // the window has said why
}

void TestWorkflowController::editabilityFollowsRoleAndStatus()
{
    openDesk();
    QCOMPARE(m_host->editable, std::optional<bool>(true));
    QVERIFY(m_workflow->takeAction(WorkflowAction::Submit));
    QVERIFY(m_workflow->takeAction(WorkflowAction::Approve));
    QCOMPARE(m_host->editable, std::optional<bool>(true)); // the editor may touch it up
    QVERIFY(m_workflow->setCurrentPerson(u"Walt Writer"_s));
    QCOMPARE(m_host->editable, std::optional<bool>(false)); // the writer may not
    QVERIFY(!menuAction(u"actionApproveStory"_s)->isEnabled());
    QVERIFY(m_workflow->setCurrentPerson(u"Eve Editor"_s));
    QVERIFY(m_workflow->takeAction(WorkflowAction::Publish));
    QCOMPARE(m_host->editable, std::optional<bool>(false)); // published: only through a correction
    // The window reports an edit: the actions follow the open story's status.
    m_host->story = std::nullopt;
    m_workflow->openStoryEdited();
    QVERIFY(!menuAction(u"actionCorrectStory"_s)->isEnabled());
}

void TestWorkflowController::refusalIsToldOnlyOverAShownWindow()
{
    openDesk();
    QVERIFY(m_workflow->setCurrentPerson(u"Walt Writer"_s));
    QVERIFY(m_workflow->takeAction(WorkflowAction::Submit));
    QSignalSpy status(m_workflow.get(), &WorkflowController::statusMessage);
    QVERIFY(!m_workflow->takeAction(WorkflowAction::Approve)); // refused in models/
    QCOMPARE(status.size(), 1);
    QCOMPARE(status.constFirst().constFirst().toString(), m_workflow->errorString());
    QCOMPARE(m_prompter->count(u"tell"_s), 0);

    m_parent->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_parent.get()));
    QVERIFY(!m_workflow->takeAction(WorkflowAction::Approve));
    QCOMPARE(m_prompter->count(u"tell"_s), 1);
    QCOMPARE(m_prompter->asked.constLast().message, m_workflow->errorString());
    QCOMPARE(load().status, StoryStatus::InReview);
}

void TestWorkflowController::queueEntryAsksTheWindowToOpenIt()
{
    openDesk();
    QVERIFY(m_workflow->takeAction(WorkflowAction::Submit));
    QVERIFY(m_workflow->reviewCountLabel()->text().startsWith(u"Review: 1 story · 0 captions"_s));
    QTreeWidget *queue = m_workflow->reviewQueueView();
    const QList<QTreeWidgetItem *> rows = queue->findItems(u"Ministers meet"_s, Qt::MatchExactly | Qt::MatchRecursive);
    QCOMPARE(rows.size(), 1);
    QSignalSpy story(m_workflow.get(), &WorkflowController::storyRequested);
    QSignalSpy photo(m_workflow.get(), &WorkflowController::photoRequested);
    Q_EMIT queue->itemActivated(rows.constFirst(), 0);
    QCOMPARE(story.size(), 1);
    QCOMPARE(story.constFirst().constFirst().toLongLong(), m_storyId);
    QCOMPARE(photo.size(), 0); // a story, not a caption
}

void TestWorkflowController::embargoIsSetThroughItsDialog_data()
{
    QTest::addColumn<bool>("accepted");
    QTest::newRow("accepted") << true;
    QTest::newRow("cancelled") << false;
}

void TestWorkflowController::embargoIsSetThroughItsDialog()
{
    QFETCH(bool, accepted);
    openDesk();
    const QDateTime until(QDate(2031, 6, 1), QTime(13, 30), QTimeZone::UTC);
    m_prompter->dialogs[u"embargoDialog"_s] = [until, accepted](QDialog *dialog) {
        auto *embargo = qobject_cast<EmbargoDialog *>(dialog);
        if (!embargo)
            return int(QDialog::Rejected);
        embargo->setEmbargoUntil(until);
        return int(accepted ? QDialog::Accepted : QDialog::Rejected);
    };
    menuAction(u"actionEmbargo"_s)->trigger();
    QCOMPARE(m_prompter->count(u"run"_s), 1);
    QCOMPARE(m_host->saves, 1); // the text saved before the embargo
    if (accepted) {
        QCOMPARE(load().embargoUntil, until);
        QCOMPARE(m_host->shown.size(), 1);
        QCOMPARE(m_host->shown.constFirst().embargoUntil, until);
        QCOMPARE(m_library->auditTrail(u"story"_s, m_storyId).constLast().action, u"embargo"_s);
    } else {
        QVERIFY(!load().embargoUntil.isValid());
        QVERIFY(m_host->shown.isEmpty());
    }
}

void TestWorkflowController::historyRestoresTheChosenRevision()
{
    openDesk();
    StoryRepository stories(m_library.get());
    Story edited = load();
    edited.body = u"The ministers met for an hour."_s;
    QCOMPARE(stories.save(edited), StoryRepository::SaveResult::Saved);
    m_host->story = edited;
    m_prompter->dialogs[u"historyDialog"_s] = [](QDialog *dialog) {
        auto *history = qobject_cast<HistoryDialog *>(dialog);
        if (!history)
            return int(QDialog::Rejected);
        history->showRevision(int(history->revisionLines().size()) - 1); // the first text
        history->restoreShown();
        return dialog->result();
    };
    menuAction(u"actionStoryHistory"_s)->trigger();
    QCOMPARE(m_prompter->count(u"run"_s), 1);
    QCOMPARE(load().body, u"The ministers met."_s);
    QCOMPARE(m_host->shown.size(), 1);
    QCOMPARE(m_host->shown.constFirst().body, u"The ministers met."_s);
}

void TestWorkflowController::nobodyKnownAsksWhoIsWorking()
{
    // Dismissed (the scripted prompter's default): nobody is added.
    m_workflow->setLibrary(m_library.get());
    QCOMPARE(m_prompter->count(u"run"_s), 0); // asked once the event loop runs
    QTRY_COMPARE(m_prompter->count(u"run"_s), 1);
    QCOMPARE(m_prompter->asked.constFirst().title, u"identityDialog"_s);
    QVERIFY(PeopleRepository(m_library.get()).all().isEmpty());
    QVERIFY(m_workflow->personLabel()->text().endsWith(u"not in this library"_s));

    // Answered: the first person, an editor.
    m_prompter->dialogs[u"identityDialog"_s] = [](QDialog *dialog) {
        auto *identity = qobject_cast<IdentityDialog *>(dialog);
        if (!identity || !identity->asksForFirstPerson())
            return int(QDialog::Rejected);
        identity->setName(u"Eve Editor"_s);
        identity->setTitle(u"Managing Editor"_s);
        return int(QDialog::Accepted);
    };
    m_workflow->setLibrary(m_library.get());
    QTRY_COMPARE(m_prompter->count(u"run"_s), 2);
    QCOMPARE(m_workflow->currentPerson(), u"Eve Editor"_s);
    QCOMPARE(PeopleRepository(m_library.get()).findByName(u"Eve Editor"_s)->role, PersonRole::Editor);
    QCOMPARE(m_workflow->personLabel()->text(), u"Eve Editor · Editor"_s);
}

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"NewsdeskTest"_s);
    TestWorkflowController test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_workflowcontroller.moc"
