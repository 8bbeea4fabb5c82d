// SPDX-License-Identifier: MIT
// The editorial workflow as models/ enforces it: who may move a story where,
// what the audit log keeps, changes since the last approval on the sample
// story's own paragraphs, corrections and the embargo gate. On both engines
// (tests/testlibraries.h): on a team library the server enforces the same
// rules (tst_teamlibrary tries a raw connection); old SQLite formats and a
// file's people are TestWorkflowOnFile's.
#include "comments.h"
#include "library.h"
#include "librarysetup.h"
#include "people.h"
#include "photometadata.h"
#include "revisiondiff.h"
#include "samplelibrary.h"
#include "samplestory.h"
#include "sqldialect.h"
#include "storyexporter.h"
#include "storyrepository.h"
#include "testlibraries.h"
#include "workflow.h"

#include <QFile>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <functional>
#include <pwd.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(StoryStatus)
Q_DECLARE_METATYPE(WorkflowAction)

namespace {

enum class Who { Writer, Editor, Stranger };

// The transitions the issue allows, written out rather than taken from
// Workflow's own table: (action, from, to, may a writer).
struct Allowed
{
    WorkflowAction action;
    StoryStatus from;
    StoryStatus to;
    bool writer;
};
const QList<Allowed> allowedTransitions = {
    {WorkflowAction::Submit, StoryStatus::Draft, StoryStatus::InReview, true},
    {WorkflowAction::RequestChanges, StoryStatus::InReview, StoryStatus::Draft, false},
    {WorkflowAction::RequestChanges, StoryStatus::Approved, StoryStatus::Draft, false},
    {WorkflowAction::Approve, StoryStatus::InReview, StoryStatus::Approved, false},
    {WorkflowAction::Publish, StoryStatus::Approved, StoryStatus::Published, false},
    {WorkflowAction::Correct, StoryStatus::Published, StoryStatus::Draft, true},
    {WorkflowAction::Archive, StoryStatus::Draft, StoryStatus::Archived, false},
    {WorkflowAction::Archive, StoryStatus::InReview, StoryStatus::Archived, false},
    {WorkflowAction::Archive, StoryStatus::Approved, StoryStatus::Archived, false},
    {WorkflowAction::Archive, StoryStatus::Published, StoryStatus::Archived, false},
    {WorkflowAction::Unarchive, StoryStatus::Archived, StoryStatus::Draft, false},
};

QString whoName(Who who)
{
    switch (who) {
    case Who::Writer:
        return u"Walt Writer"_s;
    case Who::Editor:
        return u"Eve Editor"_s;
    case Who::Stranger:
        return u"Sam Stranger"_s;
    }
    return {};
}

std::optional<PersonRole> roleOf(Who who)
{
    switch (who) {
    case Who::Writer:
        return PersonRole::Writer;
    case Who::Editor:
        return PersonRole::Editor;
    case Who::Stranger:
        return std::nullopt;
    }
    return std::nullopt;
}

const QList<Who> everyone = {Who::Writer, Who::Editor, Who::Stranger};

// Who acts in the tests on this engine: a team library knows only its
// people (a stranger cannot even connect, tst_teamlibrary), so the stranger
// acts on files only.
QList<Who> actors()
{
    return TestLibraries::onPostgres() ? QList<Who>{Who::Writer, Who::Editor} : everyone;
}

// Statuses a story may start in without review, written out.
bool unreviewed(StoryStatus status)
{
    return status == StoryStatus::Draft || status == StoryStatus::InReview;
}

} // namespace

// The library both test classes share: Eve Editor and Walt Writer, Eve
// acting. No test functions of its own (QTest would run them in both classes).
class WorkflowFixture : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

protected:
    // Acts as who from now on (TestLibraries::actAs); false, and a warning
    // saying why, when that fails.
    bool actAs(Who who);
    // The sample story, as a new library gets it, imported into the
    // test's library by Eve Editor.
    std::optional<Story> importSample(QString *error);

    std::unique_ptr<QTemporaryDir> m_dir; // files: exports, old formats
    std::unique_ptr<TestLibraries> m_libraries;
    std::unique_ptr<Library> m_library;
};

class TestWorkflow : public WorkflowFixture
{
    Q_OBJECT
private Q_SLOTS:
    void everyTransitionForEveryRole_data();
    void everyTransitionForEveryRole();
    void commentIsRequired_data();
    void commentIsRequired();
    void saveCannotChangeTheStatus();
    void textEditsByStatusAndRole_data();
    void textEditsByStatusAndRole();
    void everyPublishedTextIsApprovedText_data();
    void everyPublishedTextIsApprovedText();
    void staleCopyIsAConflict();
    void auditTrailRecordsWhoWhatAndWhy();
    void changesSinceLastApprovalOnSampleParagraphs();
    void correctionNoteIsPrintedAndNeedsReapproval();
    void embargoBlocksExportUntilItsTime_data();
    void embargoBlocksExportUntilItsTime();
    void embargoOverrideIsAudited();
    void onlyEditorsManagePeople();
    void reviewQueueCountsStoriesAndCaptions();
    void commentsOnStoryAndPhoto();
    void exportOverrideByRole_data();
    void exportOverrideByRole();
    void createByRoleAndStatus_data();
    void createByRoleAndStatus();
    void actorNeverComesFromTheEnvironment();
};

// What only a file has: its older formats and their migration, and people
// kept by the library itself (a team library's are login roles that its
// administrator adds: TeamSetup, tst_teamlibrary).
class TestWorkflowOnFile : public WorkflowFixture
{
    Q_OBJECT
private Q_SLOTS:
    void everyOldFormatIsFrozen();
    void oldLibraryIsMigrated_data();
    void oldLibraryIsMigrated();
    void loginsNamePeople();
    void versionFourLibraryGetsLogins();
};

void WorkflowFixture::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void WorkflowFixture::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_libraries = std::make_unique<TestLibraries>();
    m_library = std::make_unique<Library>();
    QVERIFY2(m_libraries->open(*m_library, u"Eve Editor"_s, PersonRole::Editor), qPrintable(m_libraries->errorString()));
    QVERIFY2(m_libraries->addPerson(*m_library, u"Walt Writer"_s, PersonRole::Writer), qPrintable(m_libraries->errorString()));
}

void WorkflowFixture::cleanup()
{
    m_library.reset();
    m_libraries.reset();
    m_dir.reset();
}

bool WorkflowFixture::actAs(Who who)
{
    if (m_libraries->actAs(*m_library, whoName(who), roleOf(who)))
        return true;
    qWarning("cannot act as %s: %s", qPrintable(whoName(who)), qPrintable(m_libraries->errorString()));
    return false;
}

std::optional<Story> WorkflowFixture::importSample(QString *error)
{
    const auto keywords = [](const QByteArray &image) { return PhotoMetadata::read(image).photo.keywords; };
    return SampleStory::import(m_library.get(), SampleStory::resourceDirectory(), &LibrarySetup::makeThumbnail, error, keywords);
}

void TestWorkflow::everyTransitionForEveryRole_data()
{
    QTest::addColumn<int>("who");
    QTest::addColumn<StoryStatus>("from");
    QTest::addColumn<WorkflowAction>("action");
    QTest::addColumn<bool>("allowed");
    QTest::addColumn<StoryStatus>("to");
    for (Who who : actors()) {
        for (StoryStatus from : allStoryStatuses()) {
            for (WorkflowAction action : allWorkflowActions()) {
                bool allowed = false;
                StoryStatus to = from;
                for (const Allowed &rule : allowedTransitions) {
                    if (rule.action == action && rule.from == from
                        && (who == Who::Editor || (who == Who::Writer && rule.writer))) {
                        allowed = true;
                        to = rule.to;
                    }
                }
                const QString name = u"%1 %2 %3 a %4 story"_s.arg(whoName(who).section(u' ', 0, 0),
                                                                  allowed ? u"may"_s : u"may not"_s,
                                                                  workflowActionKey(action), storyStatusKey(from));
                QTest::newRow(qPrintable(name)) << int(who) << from << action << allowed << to;
            }
        }
    }
}

void TestWorkflow::everyTransitionForEveryRole()
{
    QFETCH(int, who);
    QFETCH(StoryStatus, from);
    QFETCH(WorkflowAction, action);
    QFETCH(bool, allowed);
    QFETCH(StoryStatus, to);
    StoryRepository stories(m_library.get());
    Story story = *stories.create(Story{.headline = u"Pentagon briefing"_s, .status = from});
    const qint64 auditBefore = m_library->auditTrail(u"story"_s, story.id).size();
    QVERIFY(actAs(Who(who)));

    const StoryRepository::SaveResult result = stories.transition(story, action, u"Because the desk says so."_s);
    const Story stored = *stories.load(story.id);
    if (allowed) {
        QCOMPARE(result, StoryRepository::SaveResult::Saved);
        QCOMPARE(stored.status, to);
        QCOMPARE(story.status, to);
        const AuditEntry last = m_library->auditTrail(u"story"_s, story.id).constLast();
        QCOMPARE(last.action, workflowActionKey(action));
        QCOMPARE(last.actor, whoName(Who(who)));
    } else {
        QCOMPARE(result, StoryRepository::SaveResult::NotAllowed);
        QVERIFY(!stories.errorString().isEmpty());
        QCOMPARE(stored.status, from);
        QCOMPARE(story.status, from);
        QCOMPARE(m_library->auditTrail(u"story"_s, story.id).size(), auditBefore);
    }
}

void TestWorkflow::commentIsRequired_data()
{
    QTest::addColumn<StoryStatus>("from");
    QTest::addColumn<WorkflowAction>("action");
    QTest::newRow("request changes without a comment") << StoryStatus::InReview << WorkflowAction::RequestChanges;
    QTest::newRow("correction without a note") << StoryStatus::Published << WorkflowAction::Correct;
}

void TestWorkflow::commentIsRequired()
{
    QFETCH(StoryStatus, from);
    QFETCH(WorkflowAction, action);
    StoryRepository stories(m_library.get());
    Story story = *stories.create(Story{.headline = u"Pentagon briefing"_s, .status = from});
    QCOMPARE(stories.transition(story, action, u"   "_s), StoryRepository::SaveResult::NotAllowed);
    QCOMPARE(stories.load(story.id)->status, from);
}

void TestWorkflow::saveCannotChangeTheStatus()
{
    StoryRepository stories(m_library.get());
    QVERIFY(actAs(Who::Writer));
    Story story = *stories.create(Story{.headline = u"Pentagon briefing"_s});
    story.status = StoryStatus::Published;
    story.body = u"Edited."_s;
    QCOMPARE(stories.save(story), StoryRepository::SaveResult::Saved);
    QCOMPARE(stories.load(story.id)->status, StoryStatus::Draft);
    QCOMPARE(story.status, StoryStatus::Draft);
}

void TestWorkflow::textEditsByStatusAndRole_data()
{
    QTest::addColumn<int>("who");
    QTest::addColumn<StoryStatus>("status");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("writer edits a draft") << int(Who::Writer) << StoryStatus::Draft << true;
    QTest::newRow("writer edits a story in review") << int(Who::Writer) << StoryStatus::InReview << true;
    QTest::newRow("writer may not edit an approved story") << int(Who::Writer) << StoryStatus::Approved << false;
    QTest::newRow("editor edits an approved story") << int(Who::Editor) << StoryStatus::Approved << true;
    QTest::newRow("writer may not edit a published story") << int(Who::Writer) << StoryStatus::Published << false;
    QTest::newRow("editor may not edit a published story without a correction")
        << int(Who::Editor) << StoryStatus::Published << false;
    QTest::newRow("editor edits an archived story") << int(Who::Editor) << StoryStatus::Archived << true;
}

void TestWorkflow::textEditsByStatusAndRole()
{
    QFETCH(int, who);
    QFETCH(StoryStatus, status);
    QFETCH(bool, allowed);
    StoryRepository stories(m_library.get());
    Story story = *stories.create(Story{.headline = u"Pentagon briefing"_s, .body = u"First text."_s, .status = status});
    QVERIFY(actAs(Who(who)));
    story.body = u"Second text."_s;
    QCOMPARE(stories.save(story), allowed ? StoryRepository::SaveResult::Saved : StoryRepository::SaveResult::NotAllowed);
    QCOMPARE(stories.load(story.id)->body, allowed ? u"Second text."_s : u"First text."_s);
    // The embargo is not the text: it may be set whatever the status.
    Story embargoed = *stories.load(story.id);
    embargoed.embargoUntil = QDateTime(QDate(2099, 1, 1), QTime(0, 0), QTimeZone::UTC);
    QCOMPARE(stories.save(embargoed), StoryRepository::SaveResult::Saved);
}

void TestWorkflow::everyPublishedTextIsApprovedText_data()
{
    // Every text the exported page prints, written out rather than taken
    // from storyFields(): an edit of any of them after approval is an edit of
    // approved text, which only an editor makes (a published story only
    // through a correction).
    using Edit = std::function<void(Story &)>;
    QTest::addColumn<int>("who");
    QTest::addColumn<StoryStatus>("status");
    QTest::addColumn<Edit>("edit");
    QTest::addColumn<bool>("allowed");
    const QList<std::pair<const char *, Edit>> edits{
        {"headline", [](Story &s) { s.headline = u"A new headline"_s; }},
        {"dek", [](Story &s) { s.dek = u"A new dek."_s; }},
        {"byline", [](Story &s) { s.byline = u"By Someone Else"_s; }},
        {"dateline", [](Story &s) { s.dateline = u"KYIV, Ukraine —"_s; }},
        {"body", [](Story &s) { s.body = u"A new body."_s; }},
        {"correction note", [](Story &s) { s.correctionNote = u"An earlier version misstated the date."_s; }},
    };
    for (const auto &[field, edit] : edits) {
        QTest::addRow("writer may not change the %s of an approved story", field)
            << int(Who::Writer) << StoryStatus::Approved << edit << false;
        QTest::addRow("editor changes the %s of an approved story", field)
            << int(Who::Editor) << StoryStatus::Approved << edit << true;
        QTest::addRow("editor may not change the %s of a published story", field)
            << int(Who::Editor) << StoryStatus::Published << edit << false;
        QTest::addRow("writer changes the %s of a draft", field) << int(Who::Writer) << StoryStatus::Draft << edit << true;
    }
}

void TestWorkflow::everyPublishedTextIsApprovedText()
{
    QFETCH(int, who);
    QFETCH(StoryStatus, status);
    QFETCH(std::function<void(Story &)>, edit);
    QFETCH(bool, allowed);
    StoryRepository stories(m_library.get());
    const Story created = *stories.create(Story{.headline = u"Pentagon briefing"_s, .dek = u"The dek."_s, .byline = u"By Walt Writer"_s,
                                                .dateline = u"WASHINGTON —"_s, .body = u"First text."_s, .status = status,
                                                .correctionNote = u"An earlier version misspelled a name."_s});
    QVERIFY(actAs(Who(who)));
    Story story = created;
    edit(story);
    QCOMPARE(stories.save(story), allowed ? StoryRepository::SaveResult::Saved : StoryRepository::SaveResult::NotAllowed);
    const auto texts = [](const Story &s) { return QStringList{s.headline, s.dek, s.byline, s.dateline, s.body, s.correctionNote}; };
    const Story stored = *stories.load(created.id);
    QCOMPARE(texts(stored), texts(allowed ? story : created));
    QCOMPARE(stored.status, status);
}

void TestWorkflow::staleCopyIsAConflict()
{
    StoryRepository stories(m_library.get());
    Story story = *stories.create(Story{.headline = u"Pentagon briefing"_s});
    Story other = story;
    other.body = u"Someone else saved."_s;
    QCOMPARE(stories.save(other), StoryRepository::SaveResult::Saved);
    QCOMPARE(stories.transition(story, WorkflowAction::Submit), StoryRepository::SaveResult::Conflict);
    QCOMPARE(stories.load(story.id)->status, StoryStatus::Draft);
}

void TestWorkflow::auditTrailRecordsWhoWhatAndWhy()
{
    StoryRepository stories(m_library.get());
    QVERIFY(actAs(Who::Writer));
    Story story = *stories.create(Story{.headline = u"Pentagon briefing"_s});
    QCOMPARE(stories.transition(story, WorkflowAction::Submit), StoryRepository::SaveResult::Saved);
    QVERIFY(actAs(Who::Editor));
    QCOMPARE(stories.transition(story, WorkflowAction::RequestChanges, u"Attribute the second quote."_s),
             StoryRepository::SaveResult::Saved);
    QVERIFY(actAs(Who::Writer));
    QCOMPARE(stories.transition(story, WorkflowAction::Submit), StoryRepository::SaveResult::Saved);
    QVERIFY(actAs(Who::Editor));
    QCOMPARE(stories.transition(story, WorkflowAction::Approve), StoryRepository::SaveResult::Saved);
    QCOMPARE(stories.transition(story, WorkflowAction::Publish), StoryRepository::SaveResult::Saved);

    QStringList lines;
    for (const AuditEntry &entry : m_library->auditTrail(u"story"_s, story.id)) {
        if (entry.action != u"create"_s)
            lines << entry.actor + u": "_s + entry.action + u" "_s + entry.detail;
    }
    QCOMPARE(lines, (QStringList{
                        u"Walt Writer: submit draft → in_review"_s,
                        u"Eve Editor: request-changes in_review → draft: Attribute the second quote."_s,
                        u"Walt Writer: submit draft → in_review"_s,
                        u"Eve Editor: approve in_review → approved"_s,
                        u"Eve Editor: publish approved → published"_s,
                    }));
    // The request is also a comment the writer sees on the story.
    const QList<ReviewComment> comments = CommentRepository(m_library.get()).comments(u"story"_s, story.id);
    QCOMPARE(comments.size(), 1);
    QCOMPARE(comments.first().body, u"Attribute the second quote."_s);
    QCOMPARE(comments.first().author, u"Eve Editor"_s);
    // Each transition is a revision of its own, with the status it made.
    QCOMPARE(stories.revisions(story.id).first().status, StoryStatus::Published);
}

void TestWorkflow::changesSinceLastApprovalOnSampleParagraphs()
{
    Library &library = *m_library;
    QString error;
    std::optional<Story> story = importSample(&error);
    QVERIFY2(story, qPrintable(error));
    StoryRepository stories(&library);
    QVERIFY(!stories.lastApprovedRevision(story->id));
    QVERIFY2(SampleLibrary::clearForPublication(&library, *story, &error), qPrintable(error));
    const QString approvedBody = story->body;

    // The writer changes the second paragraph's quotation after approval.
    QStringList paragraphs = story->body.split(u"\n\n"_s);
    const qsizetype quote = paragraphs.indexOf(QRegularExpression(u".*dynamic security environment.*"_s, QRegularExpression::DotMatchesEverythingOption));
    QVERIFY(quote >= 0 && quote + 1 < paragraphs.size());
    QVERIFY(paragraphs.at(quote + 1).startsWith(u"\"U.K. leadership is absolutely critical"_s));
    paragraphs[quote].replace(u"dynamic security environment"_s, u"fast-changing security environment"_s);
    paragraphs[quote + 1] = paragraphs.at(quote + 1) + u" Healey agreed."_s;
    story->body = paragraphs.join(u"\n\n"_s);
    QCOMPARE(stories.transition(*story, WorkflowAction::RequestChanges, u"Check the quote against the transcript."_s),
             StoryRepository::SaveResult::Saved);
    QCOMPARE(stories.save(*story), StoryRepository::SaveResult::Saved);

    const std::optional<Revision> approved = stories.lastApprovedRevision(story->id);
    QVERIFY(approved);
    QCOMPARE(approved->body, approvedBody);
    const QList<DiffSegment> diff = RevisionDiff::compareWords(approved->body, story->body);
    QList<DiffSegment> changes;
    for (const DiffSegment &segment : diff) {
        if (segment.kind != DiffSegment::Kind::Same)
            changes << segment;
    }
    QStringList shown;
    for (const DiffSegment &segment : changes)
        shown << (segment.kind == DiffSegment::Kind::Inserted ? u"+"_s : u"-"_s) + segment.text;
    // One replaced word in the quote and one added sentence: nothing else of
    // the long article is reported.
    QCOMPARE(shown, (QStringList{u"+fast-changing"_s, u"-dynamic"_s, u"+ Healey agreed."_s}));
    const QString html = RevisionDiff::toHtml(diff);
    QVERIFY(html.contains(u"<del>dynamic</del>"_s));
    QVERIFY(html.contains(u"<ins>fast-changing</ins>"_s));
}

void TestWorkflow::correctionNoteIsPrintedAndNeedsReapproval()
{
    Library &library = *m_library;
    QString error;
    std::optional<Story> story = importSample(&error);
    QVERIFY2(story, qPrintable(error));
    QVERIFY2(SampleLibrary::clearForPublication(&library, *story, &error), qPrintable(error));
    StoryRepository stories(&library);
    QVERIFY(!story->publishedAt.isValid());
    QCOMPARE(stories.transition(*story, WorkflowAction::Publish), StoryRepository::SaveResult::Saved);
    const QDateTime firstPublished = stories.load(story->id)->publishedAt;
    QVERIFY(firstPublished.isValid());
    QCOMPARE(story->publishedAt, firstPublished);

    const QString note = u"An earlier version misstated Healey's title."_s;
    QCOMPARE(stories.transition(*story, WorkflowAction::Correct, note), StoryRepository::SaveResult::Saved);
    QCOMPARE(story->status, StoryStatus::Draft);
    QCOMPARE(stories.load(story->id)->correctionNote, note);
    // The note is new text for the editor to approve: the changes since the
    // last approval show it, as the page will print it.
    const std::optional<Revision> lastApproved = stories.lastApprovedRevision(story->id);
    QVERIFY(lastApproved);
    QVERIFY(lastApproved->correctionNote.isEmpty());
    QString inserted;
    for (const DiffSegment &segment : RevisionDiff::compareWords(RevisionDiff::storyText(*lastApproved),
                                                                 RevisionDiff::storyText(*stories.load(story->id)))) {
        QVERIFY(segment.kind != DiffSegment::Kind::Deleted || segment.text.trimmed().isEmpty());
        if (segment.kind == DiffSegment::Kind::Inserted)
            inserted += segment.text;
    }
    QCOMPARE(inserted.trimmed(), u"Correction: "_s + note);
    QCOMPARE(stories.revisions(story->id).constFirst().correctionNote, note);
    const QList<Photo> photos = PhotoRepository(&library).photosOfStory(story->id);
    // Not exportable until approved again.
    QVERIFY(!StoryExporter::gateFindings(*stories.load(story->id), photos).isEmpty());
    QCOMPARE(stories.transition(*story, WorkflowAction::Submit), StoryRepository::SaveResult::Saved);
    QCOMPARE(stories.transition(*story, WorkflowAction::Approve), StoryRepository::SaveResult::Saved);
    const Story approved = *stories.load(story->id);
    QVERIFY(StoryExporter::gateFindings(approved, photos).isEmpty());

    const QString html = ArticleRenderer::articleFragment(approved, photos, {});
    const qsizetype correction = html.indexOf(u"<p class=\"correction\"><strong>Correction:</strong> An earlier version "
                                              "misstated Healey's title.</p>"_s);
    QVERIFY2(correction > 0, qPrintable(html.right(400)));
    // At the end of the article, after the last paragraph.
    QVERIFY(correction > html.lastIndexOf(u"</p>"_s, correction - 1) && html.indexOf(u"</article>"_s) > correction);

    // Republished, the corrected article keeps its first publication date.
    QTest::qWait(5); // so that "now" differs from the first publication
    QCOMPARE(stories.transition(*story, WorkflowAction::Publish), StoryRepository::SaveResult::Saved);
    QCOMPARE(stories.load(story->id)->publishedAt, firstPublished);
    QVERIFY(stories.load(story->id)->updatedAt > firstPublished);
}

void TestWorkflow::embargoBlocksExportUntilItsTime_data()
{
    QTest::addColumn<int>("minutesUntilEmbargo");
    QTest::addColumn<bool>("blocked");
    QTest::newRow("an hour before the embargo") << 60 << true;
    QTest::newRow("a minute before the embargo") << 1 << true;
    QTest::newRow("a minute after the embargo") << -1 << false;
    QTest::newRow("no embargo") << 0 << false;
}

void TestWorkflow::embargoBlocksExportUntilItsTime()
{
    QFETCH(int, minutesUntilEmbargo);
    QFETCH(bool, blocked);
    Library &library = *m_library;
    QString error;
    std::optional<Story> story = importSample(&error);
    QVERIFY2(story, qPrintable(error));
    QVERIFY2(SampleLibrary::clearForPublication(&library, *story, &error), qPrintable(error));
    const QDateTime now = QDateTime(QDate(2025, 3, 6), QTime(14, 0), QTimeZone::UTC);
    if (minutesUntilEmbargo != 0)
        story->embargoUntil = now.addSecs(minutesUntilEmbargo * 60);
    StoryRepository stories(&library);
    QCOMPARE(stories.save(*story), StoryRepository::SaveResult::Saved);
    const Story stored = *stories.load(story->id);
    QCOMPARE(stored.embargoUntil, story->embargoUntil);

    const QList<StoryFinding> findings = StoryExporter::gateFindings(stored, PhotoRepository(&library).photosOfStory(stored.id), now);
    QCOMPARE(findings.size(), blocked ? 1 : 0);
    if (blocked) {
        QCOMPARE(findings.first().code, u"story-embargoed"_s);
        QVERIFY(findings.first().message.contains(stored.embargoUntil.toString(u"yyyy-MM-dd HH:mm"_s)));
    }
}

void TestWorkflow::embargoOverrideIsAudited()
{
    Library &library = *m_library;
    QString error;
    std::optional<Story> story = importSample(&error);
    QVERIFY2(story, qPrintable(error));
    QVERIFY2(SampleLibrary::clearForPublication(&library, *story, &error), qPrintable(error));
    story->embargoUntil = QDateTime::currentDateTimeUtc().addDays(1);
    StoryRepository stories(&library);
    QCOMPARE(stories.save(*story), StoryRepository::SaveResult::Saved);

    StoryExporter exporter(&library);
    const QString target = m_dir->filePath(u"out"_s);
    StoryExporter::Result refused = exporter.exportStory(*story, target);
    QVERIFY(!refused.success);
    QCOMPARE(refused.blockingReasons.size(), 1);
    QVERIFY(refused.blockingReasons.first().startsWith(u"The story is under embargo until"_s));
    QVERIFY(!QFileInfo::exists(target));

    StoryExporter::Options options;
    options.overrideReason = u"Embargo lifted early by the press desk."_s;
    const StoryExporter::Result overridden = exporter.exportStory(*story, target, options);
    QVERIFY2(overridden.success, qPrintable(overridden.errorMessage));
    QVERIFY(overridden.overridden);
    bool audited = false;
    for (const AuditEntry &entry : library.auditTrail(u"story"_s, story->id))
        audited |= entry.action == u"export-override"_s && entry.detail.contains(u"Embargo lifted early"_s);
    QVERIFY(audited);
}

void TestWorkflow::onlyEditorsManagePeople()
{
    PeopleRepository people(m_library.get());
    QVERIFY(actAs(Who::Writer));
    QVERIFY(!people.add(Person{.name = u"Pat Newcomer"_s}));
    const qint64 walt = people.findByName(u"Walt Writer"_s)->id;
    QVERIFY(!people.setRole(walt, PersonRole::Editor));
    QCOMPARE(people.findByName(u"Walt Writer"_s)->role, PersonRole::Writer);

    QVERIFY(actAs(Who::Editor));
    if (TestLibraries::onPostgres()) {
        // A team library's people are login roles: its administrator adds
        // them and changes their roles (newsdesk people add), which an
        // editor's connection has not the rights to do.
        QVERIFY(!people.add(Person{.name = u"Pat Newcomer"_s, .title = u"Public Affairs Specialist"_s}));
        QVERIFY2(people.errorString().contains(u"newsdesk people add"_s), qPrintable(people.errorString()));
        QVERIFY(!people.findByName(u"Pat Newcomer"_s));
        QVERIFY(!people.setRole(walt, PersonRole::Editor));
        QCOMPARE(people.findByName(u"Walt Writer"_s)->role, PersonRole::Writer);
        QCOMPARE(people.roleOfActor(), PersonRole::Editor);
        return;
    }
    QVERIFY(people.add(Person{.name = u"Pat Newcomer"_s, .title = u"Public Affairs Specialist"_s}));
    QCOMPARE(people.findByName(u"Pat Newcomer"_s)->role, PersonRole::Writer);
    QVERIFY(people.setRole(walt, PersonRole::Editor));
    // The last editor stays one: Eve demotes Walt, then cannot demote herself.
    QVERIFY(people.setRole(walt, PersonRole::Writer));
    QVERIFY(!people.setRole(people.findByName(u"Eve Editor"_s)->id, PersonRole::Writer));
    QCOMPARE(people.roleOfActor(), PersonRole::Editor);
}

void TestWorkflow::reviewQueueCountsStoriesAndCaptions()
{
    Library &library = *m_library;
    QString error;
    std::optional<Story> story = importSample(&error);
    QVERIFY2(story, qPrintable(error));
    ReviewQueue queue = ReviewQueue::load(&library, &error);
    QCOMPARE(queue.stories.size(), 0);
    QCOMPARE(queue.captions.size(), 3);
    QCOMPARE(StoryRepository(&library).transition(*story, WorkflowAction::Submit), StoryRepository::SaveResult::Saved);
    PhotoRepository photos(&library);
    Photo first = photos.photosOfStory(story->id).first();
    QCOMPARE(photos.decideCaption(first, CaptionApproval::Approved), PhotoRepository::SaveResult::Saved);

    queue = ReviewQueue::load(&library, &error);
    QCOMPARE(queue.stories.size(), 1);
    QCOMPARE(queue.stories.first().storyId, story->id);
    QCOMPARE(queue.captions.size(), 2);
    for (const ReviewQueue::CaptionItem &item : queue.captions)
        QVERIFY(item.photoId != first.id);
}

void TestWorkflow::commentsOnStoryAndPhoto()
{
    StoryRepository stories(m_library.get());
    const Story story = *stories.create(Story{.headline = u"Pentagon briefing"_s});
    CommentRepository comments(m_library.get());
    QVERIFY(actAs(Who::Writer));
    QVERIFY(comments.add(u"story"_s, story.id, u"Ready when you are."_s));
    QVERIFY(actAs(Who::Editor));
    QVERIFY(comments.add(u"photo"_s, 7, u"Crop tighter."_s));
    QVERIFY(!comments.add(u"story"_s, story.id, u"  "_s));
    // Someone not among the people comments on a file only: a team
    // library does not let them connect (tst_teamlibrary).
    if (actors().contains(Who::Stranger)) {
        QVERIFY(actAs(Who::Stranger));
        QVERIFY(!comments.add(u"story"_s, story.id, u"Drive-by."_s));
    }

    const QList<ReviewComment> onStory = comments.comments(u"story"_s, story.id);
    QCOMPARE(onStory.size(), 1);
    QCOMPARE(onStory.first().author, u"Walt Writer"_s);
    QCOMPARE(comments.comments(u"photo"_s, 7).first().body, u"Crop tighter."_s);
}

// Old libraries are built from their schemas as they were (tests/data/
// schema-vN.sql, frozen when format N+1 came), not from today's migrations:
// an edit to an old migration must not change the fixture that checks it.
static QString frozenSchemaPath(int version)
{
    return QStringLiteral(NEWSDESK_SOURCE_DIR "/tests/data/schema-v%1.sql").arg(version);
}

// The schema as SQLite keeps it, for comparing two libraries' structure
// (whitespace aside: the frozen files are laid out for reading).
static QStringList schemaOf(const QSqlDatabase &db)
{
    QStringList schema;
    QSqlQuery query(db);
    if (!query.exec(u"SELECT type, name, sql FROM sqlite_master ORDER BY type, name"_s))
        return {u"error: "_s + query.lastError().text()};
    while (query.next())
        schema << query.value(0).toString() + u' ' + query.value(1).toString() + u": "_s + query.value(2).toString().simplified();
    return schema;
}

// The statements of a frozen schema file, comments left out.
static QStringList frozenSchemaStatements(int version)
{
    QFile schemaFile(frozenSchemaPath(version));
    if (!schemaFile.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    QString schema;
    for (const QString &line : QString::fromUtf8(schemaFile.readAll()).split(u'\n')) {
        if (!line.startsWith(u"--"_s))
            schema += line + u'\n';
    }
    QStringList statements;
    for (const QString &statement : schema.split(u";\n"_s, Qt::SkipEmptyParts)) {
        if (!statement.trimmed().isEmpty())
            statements << statement;
    }
    return statements;
}

void TestWorkflowOnFile::everyOldFormatIsFrozen()
{
    // Raising currentSchemaVersion makes the format before it old: freeze it
    // (dump its schema into tests/data) in the same change.
    for (int version = 1; version < SqlDialect::currentSchemaVersion; ++version)
        QVERIFY2(QFile::exists(frozenSchemaPath(version)),
                 qPrintable(u"library format %1 has no frozen schema at %2"_s.arg(version).arg(frozenSchemaPath(version))));
}

void TestWorkflowOnFile::oldLibraryIsMigrated_data()
{
    QTest::addColumn<int>("version");
    for (int version = 1; version < SqlDialect::currentSchemaVersion; ++version)
        QTest::addRow("format %d", version) << version;
}

void TestWorkflowOnFile::oldLibraryIsMigrated()
{
    QFETCH(int, version);
    const QStringList statements = frozenSchemaStatements(version);
    QVERIFY2(statements.size() > 10, qPrintable(frozenSchemaPath(version)));
    const QString path = m_dir->filePath(u"old.newsdesk"_s);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"old"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        for (const QString &statement : statements)
            QVERIFY2(query.exec(statement), qPrintable(statement + u'\n' + query.lastError().text()));
        QVERIFY(query.exec(u"INSERT INTO stories (slug, headline, created_at, updated_at) VALUES ('old', 'Old story', "
                           "'2025-03-06T00:00:00.000Z', '2025-03-06T00:00:00.000Z')"_s));
        // A story published before libraries kept the date (format 3): the
        // audit log has it.
        QVERIFY(query.exec(u"INSERT INTO stories (slug, headline, status, created_at, updated_at) VALUES ('out', "
                           "'Published story', 'published', '2025-03-01T00:00:00.000Z', '2025-03-09T00:00:00.000Z')"_s));
        QVERIFY(query.exec(u"INSERT INTO audit_log (at, actor, action, entity, entity_id) SELECT "
                           "'2025-03-06T15:00:00.000Z', 'Ed', 'publish', 'story', id FROM stories WHERE slug = 'out'"_s));
        if (version >= 3)
            QVERIFY(query.exec(u"UPDATE stories SET published_at = '2025-03-06T15:00:00.000Z' WHERE slug = 'out'"_s));
        QVERIFY(query.exec(u"PRAGMA user_version = %1"_s.arg(version)));
        QVERIFY(query.exec(u"PRAGMA application_id = %1"_s.arg(SqlDialect::applicationId)));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"old"_s);
    Library library;
    QVERIFY2(library.open(path), qPrintable(library.errorString()));
    QCOMPARE(library.schemaVersion(), SqlDialect::currentSchemaVersion);
    const Story story = *StoryRepository(&library).loadBySlug(u"old"_s);
    QCOMPARE(story.headline, u"Old story"_s);
    QVERIFY(story.correctionNote.isEmpty());
    QVERIFY(!story.embargoUntil.isValid());
    QVERIFY(!story.publishedAt.isValid());
    QCOMPARE(StoryRepository(&library).loadBySlug(u"out"_s)->publishedAt,
             QDateTime(QDate(2025, 3, 6), QTime(15, 0), QTimeZone::UTC));

    // The migrated library has exactly the structure of a new one.
    Library fresh;
    QVERIFY(fresh.open(m_dir->filePath(u"new.newsdesk"_s)));
    QCOMPARE(schemaOf(library.database()), schemaOf(fresh.database()));
}

void TestWorkflow::exportOverrideByRole_data()
{
    QTest::addColumn<int>("who");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("a writer may not override the gate") << int(Who::Writer) << false;
    QTest::newRow("an editor may override the gate") << int(Who::Editor) << true;
    if (actors().contains(Who::Stranger))
        QTest::newRow("a stranger may not override the gate") << int(Who::Stranger) << false;
}

// The rule, and StoryExporter keeping it whoever calls it (the dialog and
// the command line ask the same rule first).
void TestWorkflow::exportOverrideByRole()
{
    QFETCH(int, who);
    QFETCH(bool, allowed);
    const Workflow::Verdict verdict = Workflow::checkExportOverride(roleOf(Who(who)));
    QCOMPARE(verdict.allowed, allowed);
    QCOMPARE(verdict.reason.isEmpty(), allowed);

    Library &library = *m_library;
    QString error;
    std::optional<Story> story = importSample(&error);
    QVERIFY2(story, qPrintable(error));
    QVERIFY(actAs(Who(who)));
    StoryExporter::Options options;
    options.overrideReason = u"The Secretary's office cleared it by phone."_s;
    const QString target = m_dir->filePath(u"out"_s);
    const StoryExporter::Result result = StoryExporter(&library).exportStory(*story, target, options);
    QVERIFY(!result.blockingReasons.isEmpty()); // the sample is a draft
    QCOMPARE(result.success, allowed);
    QCOMPARE(result.overridden, allowed);
    QCOMPARE(QFileInfo::exists(target), allowed);
    if (!allowed)
        QCOMPARE(result.errorMessage, verdict.reason);
    bool audited = false;
    for (const AuditEntry &entry : library.auditTrail(u"story"_s, story->id))
        audited |= entry.action == u"export-override"_s;
    QCOMPARE(audited, allowed);
}

void TestWorkflow::createByRoleAndStatus_data()
{
    QTest::addColumn<int>("who");
    QTest::addColumn<StoryStatus>("status");
    QTest::addColumn<bool>("allowed");
    for (Who who : actors()) {
        for (StoryStatus status : allStoryStatuses()) {
            const bool allowed = who == Who::Editor || unreviewed(status);
            QTest::newRow(qPrintable(u"%1 %2 create a story %3"_s.arg(whoName(who).section(u' ', 0, 0),
                                                                       allowed ? u"may"_s : u"may not"_s,
                                                                       storyStatusKey(status))))
                << int(who) << status << allowed;
        }
    }
}

void TestWorkflow::createByRoleAndStatus()
{
    QFETCH(int, who);
    QFETCH(StoryStatus, status);
    QFETCH(bool, allowed);
    QCOMPARE(Workflow::checkCreate(roleOf(Who(who)), status).allowed, allowed);
    QVERIFY(actAs(Who(who)));
    StoryRepository stories(m_library.get());
    const qint64 auditBefore = m_library->auditTrail().size();
    const std::optional<Story> created = stories.create(Story{.headline = u"Pentagon briefing"_s, .status = status});
    QCOMPARE(created.has_value(), allowed);
    QCOMPARE(stories.count(), allowed ? 1 : 0);
    if (allowed) {
        QCOMPARE(stories.load(created->id)->status, status);
    } else {
        QVERIFY(stories.errorString().contains(storyStatusLabel(status).toLower()));
        QCOMPARE(m_library->auditTrail().size(), auditBefore);
    }
}

// An account's login names its person; a name stands in only for a login
// nobody has, so people from before logins are still found.
void TestWorkflowOnFile::loginsNamePeople()
{
    PeopleRepository people(m_library.get());
    // Whom a login names, or "" for nobody.
    auto named = [&people](const QString &login) {
        const std::optional<Person> person = people.findByLogin(login);
        return person ? person->name : QString();
    };
    QVERIFY(people.add(Person{.name = u"jdoe"_s, .role = PersonRole::Writer}));
    QCOMPARE(named(u"eve"_s), QString());
    QCOMPARE(named(QString()), QString());
    QCOMPARE(named(u"jdoe"_s), u"jdoe"_s); // by name, without a login

    const qint64 eve = people.findByName(u"Eve Editor"_s)->id;
    QVERIFY2(people.setLogin(eve, u"  eve "_s), qPrintable(people.errorString()));
    QCOMPARE(named(u"eve"_s), u"Eve Editor"_s);
    QCOMPARE(people.findByName(u"Eve Editor"_s)->login, u"eve"_s);
    // A person's own login beats someone else's name.
    QVERIFY(people.setLogin(eve, u"jdoe"_s));
    QCOMPARE(named(u"jdoe"_s), u"Eve Editor"_s);
    // A person with a login of their own is not found by their name.
    const qint64 jdoe = people.findByName(u"jdoe"_s)->id;
    QVERIFY(people.setLogin(eve, u"eve"_s));
    QVERIFY(people.setLogin(jdoe, u"john"_s));
    QCOMPARE(named(u"jdoe"_s), QString());
    QCOMPARE(named(u"john"_s), u"jdoe"_s);

    // One login, one person; one word; editors only.
    QVERIFY(!people.setLogin(jdoe, u"eve"_s));
    QVERIFY(people.errorString().contains(u"Eve Editor already has the login eve"_s));
    QVERIFY(!people.add(Person{.name = u"Other Eve"_s, .login = u"eve"_s}));
    QVERIFY(!people.setLogin(jdoe, u"john doe"_s));
    QVERIFY(!people.setLogin(jdoe, u"jo\u202Ehn"_s));
    QCOMPARE(people.findByName(u"jdoe"_s)->login, u"john"_s);
    QVERIFY(actAs(Who::Writer));
    QVERIFY(!people.setLogin(people.findByName(u"Walt Writer"_s)->id, u"walt"_s));
    QVERIFY(people.findByName(u"Walt Writer"_s)->login.isEmpty());
    QVERIFY(actAs(Who::Editor));
    QVERIFY(people.add(Person{.name = u"Wes Writer"_s, .login = u"wes"_s}));
    QCOMPARE(people.findByLogin(u"wes"_s).value_or(Person{}).role, PersonRole::Writer);
    QCOMPARE(named(u"wes"_s), u"Wes Writer"_s);
    QVERIFY(people.setLogin(jdoe, QString()));
    QCOMPARE(named(u"jdoe"_s), u"jdoe"_s);
}

// Who works is never taken from USER or LOGNAME, which anyone can set.
void TestWorkflow::actorNeverComesFromTheEnvironment()
{
    const passwd *entry = getpwuid(getuid());
    QVERIFY2(entry && entry->pw_name, "the test's user id has no account name");
    const QString account = QString::fromLocal8Bit(entry->pw_name);
    const QByteArray user = qgetenv("USER");
    const QByteArray logname = qgetenv("LOGNAME");
    auto restore = qScopeGuard([&] {
        qputenv("USER", user);
        qputenv("LOGNAME", logname);
    });
    qputenv("USER", "Eve Editor");
    qputenv("LOGNAME", "Eve Editor");
    QCOMPARE(operatingSystemLogin(), account);
    QCOMPARE(Library().actor(), account);
}

// A library from before logins opens, its people keep their names and roles
// and are found by name until they get a login.
void TestWorkflowOnFile::versionFourLibraryGetsLogins()
{
    const QString path = m_dir->filePath(u"v4.newsdesk"_s);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v4"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        // The whole schema as format 4 had it, frozen in tests/data.
        const QStringList statements = frozenSchemaStatements(4);
        QVERIFY2(statements.size() > 10, qPrintable(frozenSchemaPath(4)));
        for (const QString &statement : statements)
            QVERIFY2(query.exec(statement), qPrintable(statement + u'\n' + query.lastError().text()));
        QVERIFY(query.exec(u"INSERT INTO people (name, role, created_at) VALUES ('root', 'editor', '2025-03-06T00:00:00.000Z'), "
                           "('Walt Writer', 'writer', '2025-03-06T00:00:00.000Z')"_s));
        QVERIFY(query.exec(u"PRAGMA user_version = 4"_s));
        QVERIFY(query.exec(u"PRAGMA application_id = %1"_s.arg(SqlDialect::applicationId)));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"v4"_s);
    Library library;
    QVERIFY2(library.open(path), qPrintable(library.errorString()));
    QCOMPARE(library.schemaVersion(), SqlDialect::currentSchemaVersion);
    PeopleRepository people(&library);
    QCOMPARE(people.all().size(), 2);
    QVERIFY(people.findByName(u"Walt Writer"_s)->login.isEmpty());
    QCOMPARE(people.findByLogin(u"root"_s).value_or(Person{.role = PersonRole::Writer}).role, PersonRole::Editor);
    library.setActor(u"root"_s);
    QVERIFY2(people.setLogin(people.findByName(u"Walt Writer"_s)->id, u"walt"_s), qPrintable(people.errorString()));
    QCOMPARE(people.findByLogin(u"walt"_s).value_or(Person{}).name, u"Walt Writer"_s);
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    TestWorkflow bothEngines;
    TestWorkflowOnFile onFile;
    return TestLibraries::exec(&bothEngines, &onFile, argc, argv);
}
#include "tst_workflow.moc"
