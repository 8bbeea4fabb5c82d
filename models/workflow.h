// SPDX-License-Identifier: MIT
#pragma once

#include "people.h"
#include "photo.h"
#include "story.h"

#include <QList>
#include <QString>

#include <optional>

// What someone does to move a story through the desk:
//
//   Draft ──submit──▶ In review ──approve──▶ Approved ──publish──▶ Published
//     ▲                  │                      │                     │
//     └──request changes─┴──────────────────────┘                     │
//     └────────────────────────correct (with a note)───────────────────┘
//   any but Archived ──archive──▶ Archived ──unarchive──▶ Draft
//
// Writers and editors submit and start corrections; only editors request
// changes, approve, publish, archive and unarchive. People who are not among
// the library's people do nothing.
//
// Approving the story does not require its captions to be approved: an
// editor often clears the text while photos are still being vetted, and the
// review queue lists the pending captions. What goes out is guarded where it
// goes out: export for publication (ExportGate, exportgate.h) refuses a
// story whose placed photos lack approved captions or release.
enum class WorkflowAction { Submit, RequestChanges, Approve, Publish, Correct, Archive, Unarchive };

QString workflowActionKey(WorkflowAction action); // as in the audit log: "request-changes"
QString workflowActionLabel(WorkflowAction action);
QList<WorkflowAction> allWorkflowActions();

namespace Workflow {

// One row of the transition table above: action moves a story in one of the
// from statuses to to; writerMay says whether writers may take it (editors
// always may). check() reads this table, and so does the team library's
// server (PostgresDialect derives its transition table from it), so the rule
// is stated here once.
struct TransitionRule
{
    WorkflowAction action;
    QList<StoryStatus> from;
    StoryStatus to;
    bool writerMay;
};
const QList<TransitionRule> &transitionRules();

struct Verdict
{
    bool allowed = false;
    StoryStatus to = StoryStatus::Draft;
    QString reason; // why not, for people; empty when allowed
};

// Whether someone with role (nullopt: not among the library's people) may
// take action on a story in status from, with comment (request changes and
// corrections need one).
Verdict check(std::optional<PersonRole> role, StoryStatus from, WorkflowAction action, const QString &comment = {});

// Whether someone with role may change the text of a story in status: a
// published story only through a correction, an approved one only by an
// editor (a writer's change would go out unreviewed). Drafts and stories in
// review are open to everyone (tools and tests work as people not on file).
Verdict checkTextEdit(std::optional<PersonRole> role, StoryStatus status);

// Whether someone with role may change which photos a story in status
// shows, or their order (PhotoRepository::attach, detach, reorder): the
// photos go out with the text, so what an approval covers, and the text's
// rule holds (checkTextEdit): a published story's through a correction, an
// approved one's by an editor.
Verdict checkPlacement(std::optional<PersonRole> role, StoryStatus status);

// Whether someone with role may take over the edit lock of a story another
// desk holds, live or not (StoryLocks::takeOver): editors only, and the
// audit log records it.
Verdict checkTakeOver(std::optional<PersonRole> role);

// Whether action needs a comment from the person taking it.
bool needsComment(WorkflowAction action);

// Whether someone with role may export a story that the publication gate
// (ExportGate::findings) blocks, giving a reason that goes into the audit
// log: editors only. ExportGate::decide asks this for the export dialog,
// `newsdesk export --override-reason` and StoryExporter alike.
Verdict checkExportOverride(std::optional<PersonRole> role);

// Whether someone with role may decide on a photo's caption (approve it or
// request changes, PhotoRepository::decideCaption): editors only.
Verdict checkCaptionDecision(std::optional<PersonRole> role);

// Whether someone with role may change where the library's stories are
// published (PublicationSettingsRepository::save): editors only.
Verdict checkPublicationSettings(std::optional<PersonRole> role);

// Whether someone with role may change or delete an entry of the library's
// glossary (GlossaryRepository): editors only, since an entry expands into
// every desk's captions and stories. Adding one is anyone's, as accepting a
// name for the spell check always was.
Verdict checkGlossaryChange(std::optional<PersonRole> role);

// Whether someone with role may manage the library's people (add a person
// after the first, change a role or a login; PeopleRepository): editors only.
// The first person of a library needs no one's leave and is always an editor.
Verdict checkManagePeople(std::optional<PersonRole> role);

// Whether someone with role may create, change, rename, delete and apply the
// library's metadata templates (PhotoTemplateRepository): any of its people,
// writer or editor. A template only fills in fields, as typing would, and
// the caption decisions it touches are voided as any edit voids them.
Verdict checkPhotoTemplates(std::optional<PersonRole> role);

// Whether someone with role may add a story that starts in status (a new
// story, a duplicate, an import): a draft or a story in review anyone may
// (tools and tests work as people not on file); one that is approved,
// published or archived only an editor, since it has not been through review.
Verdict checkCreate(std::optional<PersonRole> role, StoryStatus status);

// Whether someone with role may delete a story in status (Story ▸ Delete, an
// import's clean-up): what they may add, they may take back; a story that is
// approved, published or archived is part of the record, an editor's to
// remove.
Verdict checkDelete(std::optional<PersonRole> role, StoryStatus status);

// Something an import changed, or kept and the importer should know: field
// is the front matter's key ("status", "approval", "release"…), message a
// sentence for people that names it.
struct ImportNote
{
    QString field;
    QString message;
};

// What someone with role may bring into the library from a file (File ▸
// Import Markdown, `newsdesk import`): the decisions in it are kept only
// where they could have made them here. An editor's import keeps everything.
// For anyone else:
// - status: a draft and a story in review stay; any status further along
//   (approved, published, archived) comes in as in review, for an editor;
// - published_at: dropped with the published status (only a published
//   story has a publication date);
// - embargo_until: kept, with a note. It only holds the story back, anyone
//   on the desk may set one (Review ▸ Embargo…), and dropping it could let
//   the story out early; keeping it publishes nothing;
// - correction_note: kept; it is text, reviewed with the story.
// The story is changed in place; each change or kept embargo gives a note.
QList<ImportNote> admitImportedStory(std::optional<PersonRole> role, Story &story);
// The same for a photo. For anyone but an editor:
// - approval (the caption decision): pending; only editors decide captions;
// - release: `released` becomes not reviewed. Release authority rests with
//   the commander or public affairs officer, and the release state is what
//   lets a photo out; a file cannot vouch for it. The authority's text is
//   kept for the editor to check; `not_released` stays (it only holds back).
QList<ImportNote> admitImportedPhoto(std::optional<PersonRole> role, Photo &photo);

} // namespace Workflow
