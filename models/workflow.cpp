// SPDX-License-Identifier: MIT
#include "workflow.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Workflow", text);
}

using Rule = Workflow::TransitionRule;

// A decision editors take and nobody else: allowed, or why not.
Workflow::Verdict editorsOnly(std::optional<PersonRole> role, const QString &reason)
{
    Workflow::Verdict verdict;
    if (role == PersonRole::Editor)
        verdict.allowed = true;
    else
        verdict.reason = reason;
    return verdict;
}

const QList<Rule> &rules()
{
    static const QList<Rule> table = {
        {WorkflowAction::Submit, {StoryStatus::Draft}, StoryStatus::InReview, true},
        {WorkflowAction::RequestChanges, {StoryStatus::InReview, StoryStatus::Approved}, StoryStatus::Draft, false},
        {WorkflowAction::Approve, {StoryStatus::InReview}, StoryStatus::Approved, false},
        {WorkflowAction::Publish, {StoryStatus::Approved}, StoryStatus::Published, false},
        {WorkflowAction::Correct, {StoryStatus::Published}, StoryStatus::Draft, true},
        {WorkflowAction::Archive,
         {StoryStatus::Draft, StoryStatus::InReview, StoryStatus::Approved, StoryStatus::Published},
         StoryStatus::Archived,
         false},
        {WorkflowAction::Unarchive, {StoryStatus::Archived}, StoryStatus::Draft, false},
    };
    return table;
}

} // namespace

QString workflowActionKey(WorkflowAction action)
{
    switch (action) {
    case WorkflowAction::Submit:
        return u"submit"_s;
    case WorkflowAction::RequestChanges:
        return u"request-changes"_s;
    case WorkflowAction::Approve:
        return u"approve"_s;
    case WorkflowAction::Publish:
        return u"publish"_s;
    case WorkflowAction::Correct:
        return u"correct"_s;
    case WorkflowAction::Archive:
        return u"archive"_s;
    case WorkflowAction::Unarchive:
        return u"unarchive"_s;
    }
    return {};
}

QString workflowActionLabel(WorkflowAction action)
{
    switch (action) {
    case WorkflowAction::Submit:
        return tr("Submit for review");
    case WorkflowAction::RequestChanges:
        return tr("Request changes");
    case WorkflowAction::Approve:
        return tr("Approve");
    case WorkflowAction::Publish:
        return tr("Publish");
    case WorkflowAction::Correct:
        return tr("Correct");
    case WorkflowAction::Archive:
        return tr("Archive");
    case WorkflowAction::Unarchive:
        return tr("Unarchive");
    }
    return {};
}

QList<WorkflowAction> allWorkflowActions()
{
    QList<WorkflowAction> actions;
    for (const Rule &rule : rules())
        actions << rule.action;
    return actions;
}

namespace Workflow {

const QList<TransitionRule> &transitionRules()
{
    return rules();
}

bool needsComment(WorkflowAction action)
{
    return action == WorkflowAction::RequestChanges || action == WorkflowAction::Correct;
}

Verdict checkTextEdit(std::optional<PersonRole> role, StoryStatus status)
{
    Verdict verdict;
    verdict.to = status;
    if (status == StoryStatus::Published)
        verdict.reason = tr("The story is published; start a correction (Review menu) to change it.");
    else if (status == StoryStatus::Approved && role != PersonRole::Editor)
        verdict.reason = tr("The story is approved; only an editor changes it now, or sends it back with Request Changes.");
    else
        verdict.allowed = true;
    return verdict;
}

Verdict checkPlacement(std::optional<PersonRole> role, StoryStatus status)
{
    Verdict verdict = checkTextEdit(role, status);
    if (!verdict.allowed) {
        verdict.reason = status == StoryStatus::Published
            ? tr("The story is published; start a correction (Review menu) to change its photos.")
            : tr("The story is approved; only an editor changes its photos now, or sends it back with Request Changes.");
    }
    return verdict;
}

Verdict checkTakeOver(std::optional<PersonRole> role)
{
    Verdict verdict;
    verdict.allowed = role == PersonRole::Editor;
    if (!verdict.allowed)
        verdict.reason = tr("Only an editor can take a story over from the desk that has it open.");
    return verdict;
}

Verdict checkExportOverride(std::optional<PersonRole> role)
{
    Verdict verdict;
    if (!role)
        verdict.reason = tr("You are not among this library's people; an editor can add you in Preferences.");
    else if (*role != PersonRole::Editor)
        verdict.reason = tr("Only an editor of this library may export a story that is not cleared for publication.");
    else
        verdict.allowed = true;
    return verdict;
}

Verdict checkCaptionDecision(std::optional<PersonRole> role)
{
    return editorsOnly(role, tr("Only an editor can approve captions."));
}

Verdict checkPublicationSettings(std::optional<PersonRole> role)
{
    return editorsOnly(role, tr("Only an editor may change where the library's stories are published."));
}

Verdict checkGlossaryChange(std::optional<PersonRole> role)
{
    return editorsOnly(role, tr("Only an editor may change or delete a glossary entry; anyone may add one."));
}

Verdict checkManagePeople(std::optional<PersonRole> role)
{
    return editorsOnly(role, tr("Only an editor may add people or change their roles and logins."));
}

Verdict checkPhotoTemplates(std::optional<PersonRole> role)
{
    Verdict verdict;
    if (role)
        verdict.allowed = true;
    else
        verdict.reason = tr("Only the library's people may create or change its metadata templates.");
    return verdict;
}

Verdict checkCreate(std::optional<PersonRole> role, StoryStatus status)
{
    Verdict verdict;
    verdict.to = status;
    if (status == StoryStatus::Draft || status == StoryStatus::InReview || role == PersonRole::Editor)
        verdict.allowed = true;
    else
        verdict.reason = tr("Only an editor may add a story that is %1: it has not been reviewed here.")
                             .arg(storyStatusLabel(status).toLower());
    return verdict;
}

Verdict checkDelete(std::optional<PersonRole> role, StoryStatus status)
{
    Verdict verdict;
    verdict.to = status;
    if (checkCreate(role, status).allowed)
        verdict.allowed = true;
    else
        verdict.reason = tr("Only an editor may delete a story that is %1; archive it instead.").arg(storyStatusLabel(status).toLower());
    return verdict;
}

QList<ImportNote> admitImportedStory(std::optional<PersonRole> role, Story &story)
{
    QList<ImportNote> notes;
    if (role == PersonRole::Editor)
        return notes;
    if (!checkCreate(role, story.status).allowed) {
        notes << ImportNote{u"status"_s,
                            tr("status: the story comes in as In review, not %1: only an editor may bring in a story "
                               "that is approved, published or archived.")
                                .arg(storyStatusLabel(story.status))};
        story.status = StoryStatus::InReview;
    }
    if (story.publishedAt.isValid()) {
        notes << ImportNote{u"published_at"_s,
                            tr("published_at: left out (%1): only a published story has a publication date, and only "
                               "an editor may bring one in.")
                                .arg(story.publishedAt.toUTC().toString(Qt::ISODate))};
        story.publishedAt = QDateTime();
    }
    if (story.embargoUntil.isValid())
        notes << ImportNote{u"embargo_until"_s,
                            tr("embargo_until: kept; the story cannot be exported before %1 UTC (Review ▸ Embargo… "
                               "changes it).")
                                .arg(story.embargoUntil.toUTC().toString(u"yyyy-MM-dd HH:mm"_s))};
    return notes;
}

QList<ImportNote> admitImportedPhoto(std::optional<PersonRole> role, Photo &photo)
{
    QList<ImportNote> notes;
    if (role == PersonRole::Editor)
        return notes;
    if (photo.approval != CaptionApproval::Pending) {
        notes << ImportNote{u"approval"_s,
                            tr("approval: the caption comes in as pending, not %1: only an editor decides on captions.")
                                .arg(captionApprovalLabel(photo.approval).toLower())};
        photo.approval = CaptionApproval::Pending;
    }
    if (photo.releaseState == ReleaseState::Released) {
        notes << ImportNote{u"release"_s,
                            tr("release: the photo comes in as not reviewed, not released: release is the release "
                               "authority's decision, which an editor records.")};
        photo.releaseState = ReleaseState::NotReviewed;
    }
    return notes;
}

Verdict check(std::optional<PersonRole> role, StoryStatus from, WorkflowAction action, const QString &comment)
{
    Verdict verdict;
    const auto rule = std::find_if(rules().cbegin(), rules().cend(), [action](const Rule &r) { return r.action == action; });
    if (rule == rules().cend()) {
        verdict.reason = tr("Unknown action.");
        return verdict;
    }
    verdict.to = rule->to;
    if (!role) {
        verdict.reason = tr("You are not among this library's people; an editor can add you in Preferences.");
        return verdict;
    }
    if (*role != PersonRole::Editor && !rule->writerMay) {
        verdict.reason = tr("Only an editor may %1 a story.").arg(workflowActionLabel(action).toLower());
        return verdict;
    }
    if (!rule->from.contains(from)) {
        verdict.reason = tr("A story that is %1 cannot be given \"%2\".").arg(storyStatusLabel(from).toLower(), workflowActionLabel(action));
        return verdict;
    }
    if (needsComment(action) && comment.trimmed().isEmpty()) {
        verdict.reason = action == WorkflowAction::Correct ? tr("A correction needs a note saying what was corrected.")
                                                           : tr("Requesting changes needs a comment saying what to change.");
        return verdict;
    }
    verdict.allowed = true;
    return verdict;
}

} // namespace Workflow
