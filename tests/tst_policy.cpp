// SPDX-License-Identifier: MIT
// The editorial rules as models/ states them, driven directly, one table
// each: the export gate and its override, the decisions only editors take,
// who may create a story in which status, what an import may bring in, and
// which fields an approval covers.
// Nothing here parses Markdown or opens a library: the window, the command
// line and import all ask these functions, so these rows are the rules.
#include "captionchecker.h"
#include "exportgate.h"
#include "photo.h"
#include "story.h"
#include "workflow.h"

#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <optional>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(StoryStatus)
Q_DECLARE_METATYPE(CaptionApproval)
Q_DECLARE_METATYPE(ReleaseState)
Q_DECLARE_METATYPE(std::optional<PhotoField>)
Q_DECLARE_METATYPE(std::optional<StoryField>)

namespace {

enum class Who { Writer, Editor, Stranger };
const QList<Who> everyone = {Who::Writer, Who::Editor, Who::Stranger};

QString whoKey(Who who)
{
    switch (who) {
    case Who::Writer:
        return u"writer"_s;
    case Who::Editor:
        return u"editor"_s;
    case Who::Stranger:
        return u"stranger"_s;
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

// Statuses a story may start in without review, written out.
bool unreviewed(StoryStatus status)
{
    return status == StoryStatus::Draft || status == StoryStatus::InReview;
}

const QDateTime now(QDate(2025, 3, 6), QTime(14, 0), QTimeZone::UTC);
const QString placedVirin = u"250306-D-PM193-1268"_s;

// An approved story that places one approved, released photo: what the gate
// clears. Each row of the gate's table changes one thing of it.
Story clearedStory()
{
    return Story{.id = 7, .slug = u"hegseth-healey"_s, .headline = u"Hegseth, Healey Meet"_s, .status = StoryStatus::Approved};
}

Photo clearedPhoto()
{
    Photo photo;
    photo.id = 12;
    photo.virin = placedVirin;
    photo.caption = u"Defense Secretary Pete Hegseth meets U.K. Defence Secretary John Healey."_s;
    photo.altText = u"Two men shake hands in a hallway."_s;
    photo.approval = CaptionApproval::Approved;
    photo.releaseState = ReleaseState::Released;
    return photo;
}

// The decisions only an editor of the library takes.
struct EditorDecision
{
    const char *name;
    Workflow::Verdict (*check)(std::optional<PersonRole>);
};
const QList<EditorDecision> editorDecisions = {
    {"override the export gate", &Workflow::checkExportOverride},
    {"decide on a caption", &Workflow::checkCaptionDecision},
    {"change where stories are published", &Workflow::checkPublicationSettings},
    {"manage the library's people", &Workflow::checkManagePeople},
    {"change or delete a glossary entry", &Workflow::checkGlossaryChange},
    {"take a story over from another desk", &Workflow::checkTakeOver},
};

// How a photo differs from another in one field, and the field of a caption
// approval that covers it (none: the approval does not cover it). Written out
// from what the export publishes (the figure, the JSON-LD, the IPTC and XMP
// of the rendition), not taken from reviewedPhotoFields().
struct PhotoChange
{
    const char *name;
    void (*change)(Photo &);
    std::optional<PhotoField> covered;
};
const QList<PhotoChange> photoChanges = {
    {"VIRIN", [](Photo &p) { p.virin = u"250306-D-PM193-1269"_s; }, PhotoField::Virin},
    {"title", [](Photo &p) { p.title = u"Allies"_s; }, PhotoField::Title},
    {"caption", [](Photo &p) { p.caption += u" Again."_s; }, PhotoField::Caption},
    {"alt text", [](Photo &p) { p.altText = u"Two men shake hands."_s; }, PhotoField::AltText},
    {"credit", [](Photo &p) { p.credit = u"Navy Petty Officer 1st Class Alexander Kubitza, DOD"_s; }, PhotoField::Credit},
    {"photographer", [](Photo &p) { p.photographer = u"Alexander Kubitza"_s; }, PhotoField::Photographer},
    {"unit", [](Photo &p) { p.unit = u"Office of the Secretary of Defense"_s; }, PhotoField::Unit},
    {"operation", [](Photo &p) { p.operation = u"Bilateral meeting"_s; }, PhotoField::Operation},
    {"date shot", [](Photo &p) { p.dateShot = QDate(2025, 3, 6); }, PhotoField::DateShot},
    {"city", [](Photo &p) { p.city = u"Washington"_s; }, PhotoField::City},
    {"sublocation", [](Photo &p) { p.sublocation = u"The Pentagon"_s; }, PhotoField::Sublocation},
    {"state", [](Photo &p) { p.state = u"District of Columbia"_s; }, PhotoField::State},
    {"country", [](Photo &p) { p.country = u"United States"_s; }, PhotoField::Country},
    {"country code", [](Photo &p) { p.countryCode = u"USA"_s; }, PhotoField::CountryCode},
    {"keywords", [](Photo &p) { p.keywords = {u"Hegseth"_s, u"Healey"_s}; }, PhotoField::Keywords},
    {"release state", [](Photo &p) { p.releaseState = ReleaseState::NotReleased; }, PhotoField::ReleaseState},
    {"release authority", [](Photo &p) { p.releaseAuthority = u"OSD Public Affairs"_s; }, PhotoField::ReleaseAuthority},
    {"caption writer", [](Photo &p) { p.captionWriter = u"Jim Garamone"_s; }, PhotoField::CaptionWriter},
    // Embedded in the rendition's XMP (Location Shown, Creator Contact Info).
    {"command shown", [](Photo &p) { p.commandShown = u"USEUCOM"_s; }, PhotoField::CommandShown},
    {"photographer's e-mail", [](Photo &p) { p.creatorEmail = u"a.kubitza@example.mil"_s; }, PhotoField::CreatorEmail},
    {"photographer's phone", [](Photo &p) { p.creatorPhone = u"703-555-0100"_s; }, PhotoField::CreatorPhone},
    // The page's alt="" instead of the alt text.
    {"decorative", [](Photo &p) { p.decorative = true; }, PhotoField::Decorative},
    // Not published, or the decision itself: an edit of these keeps the approval.
    {"file name", [](Photo &p) { p.fileName = u"renamed.jpg"_s; }, std::nullopt},
    {"image", [](Photo &p) { p.imageHash = u"0123abcd"_s; }, std::nullopt},
    {"approval", [](Photo &p) { p.approval = CaptionApproval::ChangesRequested; }, std::nullopt},
    {"row version", [](Photo &p) { ++p.rowVersion; }, std::nullopt},
    {"updated by", [](Photo &p) { p.updatedBy = u"Eve Editor"_s; }, std::nullopt},
};

struct StoryChange
{
    const char *name;
    void (*change)(Story &);
    std::optional<StoryField> covered;
};
// The texts the page prints, written out; the rest is workflow and
// bookkeeping that a story's approval does not cover.
const QList<StoryChange> storyChanges = {
    {"headline", [](Story &s) { s.headline += u"!"_s; }, StoryField::Headline},
    {"dek", [](Story &s) { s.dek = u"The two leaders met at the Pentagon."_s; }, StoryField::Dek},
    {"byline", [](Story &s) { s.byline = u"By Jim Garamone"_s; }, StoryField::Byline},
    {"dateline", [](Story &s) { s.dateline = u"WASHINGTON —"_s; }, StoryField::Dateline},
    {"body", [](Story &s) { s.body = u"Defense Secretary Pete Hegseth hosted his counterpart."_s; }, StoryField::Body},
    {"correction note", [](Story &s) { s.correctionNote = u"An earlier version misstated a title."_s; }, StoryField::CorrectionNote},
    {"slug", [](Story &s) { s.slug = u"another-slug"_s; }, std::nullopt},
    {"status", [](Story &s) { s.status = StoryStatus::Published; }, std::nullopt},
    {"embargo", [](Story &s) { s.embargoUntil = now; }, std::nullopt},
    {"publication date", [](Story &s) { s.publishedAt = now; }, std::nullopt},
    {"row version", [](Story &s) { ++s.rowVersion; }, std::nullopt},
};

} // namespace

class TestPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void gate_data();
    void gate();
    void gateWantsAltTextOrDecorative_data();
    void gateWantsAltTextOrDecorative();
    void gateSaysWhichCaptionDecision_data();
    void gateSaysWhichCaptionDecision();
    void overrideByRole_data();
    void overrideByRole();
    void editorsOnly_data();
    void editorsOnly();
    void createByRoleAndStatus_data();
    void createByRoleAndStatus();
    void importedStoryByRole_data();
    void importedStoryByRole();
    void importedPhotoByRole_data();
    void importedPhotoByRole();
    void captionApprovalCovers_data();
    void captionApprovalCovers();
    void storyApprovalCovers_data();
    void storyApprovalCovers();
    void everyApprovedFieldHasARow();
};

void TestPolicy::gate_data()
{
    QTest::addColumn<StoryStatus>("status");
    QTest::addColumn<int>("embargoMinutes"); // from now; 0: no embargo
    QTest::addColumn<CaptionApproval>("approval");
    QTest::addColumn<ReleaseState>("release");
    QTest::addColumn<QStringList>("unknownPlacements");
    QTest::addColumn<QStringList>("unplacedImages");
    QTest::addColumn<QStringList>("codes");    // the findings, in order
    QTest::addColumn<QStringList>("subjects"); // of each finding

    const auto approved = CaptionApproval::Approved;
    const auto released = ReleaseState::Released;
    const QString story = u"story"_s;
    QTest::newRow("cleared: approved, approved caption, released photo")
        << StoryStatus::Approved << 0 << approved << released << QStringList() << QStringList() << QStringList() << QStringList();
    QTest::newRow("a published story is cleared too")
        << StoryStatus::Published << 0 << approved << released << QStringList() << QStringList() << QStringList() << QStringList();
    for (StoryStatus status : {StoryStatus::Draft, StoryStatus::InReview, StoryStatus::Archived}) {
        QTest::newRow(qPrintable(u"story not approved: %1"_s.arg(storyStatusKey(status))))
            << status << 0 << approved << released << QStringList() << QStringList() << QStringList{u"story-not-approved"_s}
            << QStringList{story};
    }
    QTest::newRow("embargo an hour ahead") << StoryStatus::Approved << 60 << approved << released << QStringList()
                                           << QStringList() << QStringList{u"story-embargoed"_s} << QStringList{story};
    QTest::newRow("embargo a minute ahead") << StoryStatus::Approved << 1 << approved << released << QStringList()
                                            << QStringList() << QStringList{u"story-embargoed"_s} << QStringList{story};
    QTest::newRow("embargo over a minute ago")
        << StoryStatus::Approved << -1 << approved << released << QStringList() << QStringList() << QStringList() << QStringList();
    QTest::newRow("caption pending") << StoryStatus::Approved << 0 << CaptionApproval::Pending << released << QStringList()
                                     << QStringList() << QStringList{u"caption-not-approved"_s} << QStringList{placedVirin};
    QTest::newRow("changes requested on the caption")
        << StoryStatus::Approved << 0 << CaptionApproval::ChangesRequested << released << QStringList() << QStringList()
        << QStringList{u"caption-not-approved"_s} << QStringList{placedVirin};
    QTest::newRow("photo not reviewed for release")
        << StoryStatus::Approved << 0 << approved << ReleaseState::NotReviewed << QStringList() << QStringList()
        << QStringList{u"photo-not-released"_s} << QStringList{placedVirin};
    QTest::newRow("photo not released") << StoryStatus::Approved << 0 << approved << ReleaseState::NotReleased
                                        << QStringList() << QStringList() << QStringList{u"photo-not-released"_s}
                                        << QStringList{placedVirin};
    QTest::newRow("placement of a photo the story lacks")
        << StoryStatus::Approved << 0 << approved << released << QStringList{u"250306-D-PM193-9999"_s} << QStringList()
        << QStringList{u"photo-not-in-story"_s} << QStringList{u"250306-D-PM193-9999"_s};
    QTest::newRow("image from an address") << StoryStatus::Approved << 0 << approved << released << QStringList()
                                           << QStringList{u"https://example.com/x.png"_s}
                                           << QStringList{u"image-not-reviewed"_s} << QStringList{story};
    QTest::newRow("data: image") << StoryStatus::Approved << 0 << approved << released << QStringList()
                                 << QStringList{u"data:image/png;base64,iVBORw0KGgo="_s}
                                 << QStringList{u"image-not-reviewed"_s} << QStringList{story};
    QTest::newRow("photo: image inside a sentence")
        << StoryStatus::Approved << 0 << approved << released << QStringList() << QStringList{u"photo:"_s + placedVirin}
        << QStringList{u"image-not-reviewed"_s} << QStringList{placedVirin};
    QTest::newRow("everything at once, in the gate's order")
        << StoryStatus::Draft << 60 << CaptionApproval::Pending << ReleaseState::NotReleased
        << QStringList{u"250306-D-PM193-9999"_s} << QStringList{u"https://example.com/x.png"_s}
        << QStringList{u"story-embargoed"_s, u"story-not-approved"_s, u"caption-not-approved"_s, u"photo-not-released"_s,
                       u"photo-not-in-story"_s, u"image-not-reviewed"_s}
        << QStringList{story, story, placedVirin, placedVirin, u"250306-D-PM193-9999"_s, story};
}

void TestPolicy::gate()
{
    QFETCH(StoryStatus, status);
    QFETCH(int, embargoMinutes);
    QFETCH(CaptionApproval, approval);
    QFETCH(ReleaseState, release);
    QFETCH(QStringList, unknownPlacements);
    QFETCH(QStringList, unplacedImages);
    QFETCH(QStringList, codes);
    QFETCH(QStringList, subjects);
    Story story = clearedStory();
    story.status = status;
    if (embargoMinutes != 0)
        story.embargoUntil = now.addSecs(embargoMinutes * 60);
    Photo photo = clearedPhoto();
    photo.approval = approval;
    photo.releaseState = release;
    BodyImages body;
    body.placedPhotos = {photo};
    body.unknownPlacements = unknownPlacements;
    for (const QString &url : std::as_const(unplacedImages))
        body.unplacedImages << BodyImages::UnplacedImage{url, 3};

    QStringList foundCodes;
    QStringList foundSubjects;
    const QList<StoryFinding> findings = ExportGate::findings(story, body, now);
    for (const StoryFinding &finding : findings) {
        foundCodes << finding.code;
        foundSubjects << finding.subject;
        QCOMPARE(finding.severity, StoryFinding::Severity::Error);
        QVERIFY(!finding.message.isEmpty());
    }
    QCOMPARE(foundCodes, codes);
    QCOMPARE(foundSubjects, subjects);

}

// alt="" only on purpose: a placed photo without alt text is held back
// unless it is marked decorative (altTextMissing(), the caption checker's
// alt-missing and the renderer's alt say the same).
void TestPolicy::gateWantsAltTextOrDecorative_data()
{
    QTest::addColumn<QString>("altText");
    QTest::addColumn<bool>("decorative");
    QTest::addColumn<QStringList>("codes");
    QTest::newRow("alt text") << u"Two men shake hands."_s << false << QStringList();
    QTest::newRow("no alt text") << QString() << false << QStringList{u"alt-text-missing"_s};
    QTest::newRow("blank alt text") << u" \t"_s << false << QStringList{u"alt-text-missing"_s};
    QTest::newRow("decorative, no alt text") << QString() << true << QStringList();
    QTest::newRow("decorative, text kept") << u"Two men shake hands."_s << true << QStringList();
}

void TestPolicy::gateWantsAltTextOrDecorative()
{
    QFETCH(QString, altText);
    QFETCH(bool, decorative);
    QFETCH(QStringList, codes);
    Photo photo = clearedPhoto();
    photo.altText = altText;
    photo.decorative = decorative;
    BodyImages body;
    body.placedPhotos = {photo};
    QStringList found;
    for (const StoryFinding &finding : ExportGate::findings(clearedStory(), body, now)) {
        found << finding.code;
        QCOMPARE(finding.subject, placedVirin);
    }
    QCOMPARE(found, codes);
    QCOMPARE(altTextMissing(photo), !codes.isEmpty());
    const QList<CaptionFinding> findings = CaptionChecker::check(photo);
    const bool checkerSaysMissing = std::any_of(findings.cbegin(), findings.cend(),
                                                [](const CaptionFinding &f) { return f.rule == u"alt-missing"_s; });
    QCOMPARE(checkerSaysMissing, !codes.isEmpty());
}

void TestPolicy::gateSaysWhichCaptionDecision_data()
{
    QTest::addColumn<CaptionApproval>("approval");
    QTest::addColumn<QString>("says");
    QTest::newRow("pending") << CaptionApproval::Pending << u"pending approval"_s;
    QTest::newRow("changes requested") << CaptionApproval::ChangesRequested << u"changes were requested"_s;
}

void TestPolicy::gateSaysWhichCaptionDecision()
{
    QFETCH(CaptionApproval, approval);
    QFETCH(QString, says);
    Photo photo = clearedPhoto();
    photo.approval = approval;
    const QList<StoryFinding> findings = ExportGate::findings(clearedStory(), BodyImages{.placedPhotos = {photo}}, now);
    QCOMPARE(findings.size(), 1);
    QVERIFY2(findings.constFirst().message.contains(says), qPrintable(findings.constFirst().message));
}

void TestPolicy::overrideByRole_data()
{
    QTest::addColumn<int>("who");
    QTest::addColumn<bool>("blocked");
    QTest::addColumn<QString>("overrideReason");
    QTest::addColumn<bool>("allowed");
    QTest::addColumn<bool>("overridden");
    QTest::addColumn<bool>("refused"); // an override asked for and refused, saying why
    const QList<std::pair<QString, QString>> reasons = {
        {u"no reason"_s, QString()},
        {u"a blank reason"_s, u" \t"_s},
        {u"a reason"_s, u"The Secretary's office cleared it by phone."_s},
    };
    for (Who who : everyone) {
        for (bool blocked : {false, true}) {
            for (const auto &[reasonName, reason] : reasons) {
                const bool editor = who == Who::Editor;
                const bool asked = !reason.trimmed().isEmpty();
                const bool allowed = !blocked || (asked && editor);
                QTest::newRow(qPrintable(u"%1, %2 story, %3"_s.arg(whoKey(who), blocked ? u"blocked"_s : u"cleared"_s, reasonName)))
                    << int(who) << blocked << reason << allowed << (blocked && asked && editor) << (blocked && asked && !editor);
            }
        }
    }
}

// The one question the exporter, the export dialog and the command line ask:
// the gate and, when it blocks, the override.
void TestPolicy::overrideByRole()
{
    QFETCH(int, who);
    QFETCH(bool, blocked);
    QFETCH(QString, overrideReason);
    QFETCH(bool, allowed);
    QFETCH(bool, overridden);
    QFETCH(bool, refused);
    Story story = clearedStory();
    if (blocked)
        story.status = StoryStatus::InReview;
    const ExportGate::Decision decision =
        ExportGate::decide(roleOf(Who(who)), story, BodyImages{.placedPhotos = {clearedPhoto()}}, overrideReason, now);
    QCOMPARE(decision.blocked(), blocked);
    QCOMPARE(decision.findings.size(), blocked ? 1 : 0);
    QCOMPARE(decision.allowed, allowed);
    QCOMPARE(decision.overridden, overridden);
    QCOMPARE(!decision.reason.isEmpty(), refused);
    // Whether an override would be allowed, for the dialog to offer or explain.
    QCOMPARE(decision.override.allowed, Who(who) == Who::Editor);
    QCOMPARE(decision.override.reason.isEmpty(), Who(who) == Who::Editor);
    if (refused)
        QCOMPARE(decision.reason, decision.override.reason);
}

void TestPolicy::editorsOnly_data()
{
    QTest::addColumn<int>("decision");
    QTest::addColumn<int>("who");
    QTest::addColumn<bool>("allowed");
    for (qsizetype i = 0; i < editorDecisions.size(); ++i) {
        for (Who who : everyone) {
            const bool allowed = who == Who::Editor;
            QTest::newRow(qPrintable(u"%1 %2 %3"_s.arg(whoKey(who), allowed ? u"may"_s : u"may not"_s,
                                                    QString::fromLatin1(editorDecisions.at(i).name))))
                << int(i) << int(who) << allowed;
        }
    }
}

// The window offers these and the repositories (and the exporter) refuse
// them by the same function; a refusal says why.
void TestPolicy::editorsOnly()
{
    QFETCH(int, decision);
    QFETCH(int, who);
    QFETCH(bool, allowed);
    const Workflow::Verdict verdict = editorDecisions.at(decision).check(roleOf(Who(who)));
    QCOMPARE(verdict.allowed, allowed);
    QCOMPARE(verdict.reason.isEmpty(), allowed);
}

void TestPolicy::createByRoleAndStatus_data()
{
    QTest::addColumn<int>("who");
    QTest::addColumn<StoryStatus>("status");
    QTest::addColumn<bool>("allowed");
    for (Who who : everyone) {
        for (StoryStatus status : allStoryStatuses()) {
            const bool allowed = who == Who::Editor || unreviewed(status);
            QTest::newRow(qPrintable(u"%1 %2 create a story %3"_s.arg(whoKey(who), allowed ? u"may"_s : u"may not"_s,
                                                                       storyStatusKey(status))))
                << int(who) << status << allowed;
        }
    }
}

// A new story, a duplicate, a copy saved after a conflict and an import all
// start in the status they are given only if the person could have brought a
// story there (StoryRepository::create applies it; tst_workflow checks that).
void TestPolicy::createByRoleAndStatus()
{
    QFETCH(int, who);
    QFETCH(StoryStatus, status);
    QFETCH(bool, allowed);
    const Workflow::Verdict verdict = Workflow::checkCreate(roleOf(Who(who)), status);
    QCOMPARE(verdict.allowed, allowed);
    QCOMPARE(verdict.reason.isEmpty(), allowed);
    if (!allowed)
        QVERIFY2(verdict.reason.contains(storyStatusLabel(status).toLower()), qPrintable(verdict.reason));
}

void TestPolicy::importedStoryByRole_data()
{
    QTest::addColumn<int>("who");
    QTest::addColumn<StoryStatus>("status");
    QTest::addColumn<StoryStatus>("expected");
    QTest::addColumn<QStringList>("fields"); // named in the notes
    for (Who who : everyone) {
        for (StoryStatus status : allStoryStatuses()) {
            const bool editor = who == Who::Editor;
            const StoryStatus expected = editor || unreviewed(status) ? status : StoryStatus::InReview;
            QStringList fields;
            if (!editor) {
                if (expected != status)
                    fields << u"status"_s;
                fields << u"published_at"_s << u"embargo_until"_s;
            }
            QTest::newRow(qPrintable(u"%1 imports a story %2"_s.arg(whoKey(who), storyStatusKey(status))))
                << int(who) << status << expected << fields;
        }
    }
}

// What a story file brings in, by who imports it: the status only as far as
// the importer could have moved it, the publication date only with an
// editor, the embargo always (it only holds the story back).
void TestPolicy::importedStoryByRole()
{
    QFETCH(int, who);
    QFETCH(StoryStatus, status);
    QFETCH(StoryStatus, expected);
    QFETCH(QStringList, fields);
    Story story{.headline = u"Imported"_s, .status = status};
    const QDateTime embargo(QDate(2099, 1, 1), QTime(12, 0), QTimeZone::UTC);
    const QDateTime published(QDate(2025, 3, 6), QTime(15, 0), QTimeZone::UTC);
    story.embargoUntil = embargo;
    story.publishedAt = published;
    const QList<Workflow::ImportNote> notes = Workflow::admitImportedStory(roleOf(Who(who)), story);
    QCOMPARE(story.status, expected);
    QCOMPARE(story.embargoUntil, embargo);
    QCOMPARE(story.publishedAt, Who(who) == Who::Editor ? published : QDateTime());
    QStringList named;
    for (const Workflow::ImportNote &note : notes) {
        named << note.field;
        QVERIFY2(note.message.startsWith(note.field + u": "_s), qPrintable(note.message));
    }
    QCOMPARE(named, fields);
    // Whatever comes through, the library lets this person create.
    QVERIFY(Workflow::checkCreate(roleOf(Who(who)), story.status).allowed);
}

void TestPolicy::importedPhotoByRole_data()
{
    QTest::addColumn<int>("who");
    QTest::addColumn<CaptionApproval>("approval");
    QTest::addColumn<ReleaseState>("release");
    QTest::addColumn<CaptionApproval>("expectedApproval");
    QTest::addColumn<ReleaseState>("expectedRelease");
    QTest::addColumn<QStringList>("fields");
    const QList<CaptionApproval> approvals = {CaptionApproval::Pending, CaptionApproval::Approved, CaptionApproval::ChangesRequested};
    const QList<ReleaseState> releases = {ReleaseState::NotReviewed, ReleaseState::Released, ReleaseState::NotReleased};
    for (Who who : everyone) {
        for (CaptionApproval approval : approvals) {
            for (ReleaseState release : releases) {
                const bool editor = who == Who::Editor;
                const CaptionApproval expectedApproval = editor ? approval : CaptionApproval::Pending;
                const ReleaseState expectedRelease = !editor && release == ReleaseState::Released ? ReleaseState::NotReviewed : release;
                QStringList fields;
                if (expectedApproval != approval)
                    fields << u"approval"_s;
                if (expectedRelease != release)
                    fields << u"release"_s;
                QTest::newRow(qPrintable(u"%1 imports a caption %2, release %3"_s.arg(whoKey(who), captionApprovalKey(approval),
                                                                                        releaseStateKey(release))))
                    << int(who) << approval << release << expectedApproval << expectedRelease << fields;
            }
        }
    }
}

// Caption decisions are an editor's; a release is the release authority's,
// which only an editor records; "not released" only holds a photo back.
void TestPolicy::importedPhotoByRole()
{
    QFETCH(int, who);
    QFETCH(CaptionApproval, approval);
    QFETCH(ReleaseState, release);
    QFETCH(CaptionApproval, expectedApproval);
    QFETCH(ReleaseState, expectedRelease);
    QFETCH(QStringList, fields);
    Photo photo;
    photo.approval = approval;
    photo.releaseState = release;
    photo.releaseAuthority = u"OSD Public Affairs"_s;
    QStringList named;
    for (const Workflow::ImportNote &note : Workflow::admitImportedPhoto(roleOf(Who(who)), photo)) {
        named << note.field;
        QVERIFY2(note.message.startsWith(note.field + u": "_s), qPrintable(note.message));
    }
    QCOMPARE(photo.approval, expectedApproval);
    QCOMPARE(photo.releaseState, expectedRelease);
    QCOMPARE(photo.releaseAuthority, u"OSD Public Affairs"_s);
    QCOMPARE(named, fields);
}

void TestPolicy::captionApprovalCovers_data()
{
    QTest::addColumn<int>("change");
    QTest::addColumn<std::optional<PhotoField>>("covered");
    for (qsizetype i = 0; i < photoChanges.size(); ++i) {
        const PhotoChange &change = photoChanges.at(i);
        QTest::newRow(qPrintable(u"%1 %2"_s.arg(QString::fromLatin1(change.name),
                                                change.covered ? u"resets the approval"_s : u"keeps the approval"_s)))
            << int(i) << change.covered;
    }
}

// A caption approval covers every field the export publishes: an edit of one
// of them is an edit of what the editor saw (PhotoRepository::save returns
// the photo to pending, and the form names the field).
void TestPolicy::captionApprovalCovers()
{
    QFETCH(int, change);
    QFETCH(std::optional<PhotoField>, covered);
    const Photo before = clearedPhoto();
    Photo after = before;
    photoChanges.at(change).change(after);
    QCOMPARE(changedReviewedFields(before, after), covered ? QList<PhotoField>{*covered} : QList<PhotoField>());
}

// Every field the approval covers has a row above, so a field added to it
// (or dropped from it) shows here.
void TestPolicy::everyApprovedFieldHasARow()
{
    QList<PhotoField> photoRows;
    for (const PhotoChange &row : photoChanges) {
        if (row.covered)
            photoRows << *row.covered;
    }
    QList<PhotoField> reviewed = reviewedPhotoFields();
    std::sort(photoRows.begin(), photoRows.end());
    std::sort(reviewed.begin(), reviewed.end());
    QCOMPARE(photoRows, reviewed);

    QList<StoryField> storyRows;
    for (const StoryChange &row : storyChanges) {
        if (row.covered)
            storyRows << *row.covered;
    }
    QList<StoryField> approved = storyFields();
    std::sort(storyRows.begin(), storyRows.end());
    std::sort(approved.begin(), approved.end());
    QCOMPARE(storyRows, approved);
}

void TestPolicy::storyApprovalCovers_data()
{
    QTest::addColumn<int>("change");
    QTest::addColumn<std::optional<StoryField>>("covered");
    for (qsizetype i = 0; i < storyChanges.size(); ++i) {
        const StoryChange &change = storyChanges.at(i);
        QTest::newRow(qPrintable(u"%1 %2"_s.arg(QString::fromLatin1(change.name),
                                                change.covered ? u"is approved text"_s : u"is not approved text"_s)))
            << int(i) << change.covered;
    }
}

// A story's approval covers the texts its page prints: an edit of one is an
// edit of approved text (Workflow::checkTextEdit), kept in every revision
// and compared in the history and "changes since the last approval".
void TestPolicy::storyApprovalCovers()
{
    QFETCH(int, change);
    QFETCH(std::optional<StoryField>, covered);
    const Story before = clearedStory();
    Story after = before;
    storyChanges.at(change).change(after);
    QCOMPARE(changedStoryFields(before, after), covered ? QList<StoryField>{*covered} : QList<StoryField>());
}

QTEST_GUILESS_MAIN(TestPolicy)
#include "tst_policy.moc"
