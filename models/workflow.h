// SPDX-License-Identifier: MIT
#pragma once

#include "people.h"
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
// goes out: export for publication (StoryExporter's gate) refuses a story
// whose placed photos lack approved captions or release.
enum class WorkflowAction { Submit, RequestChanges, Approve, Publish, Correct, Archive, Unarchive };

QString workflowActionKey(WorkflowAction action); // as in the audit log: "request-changes"
QString workflowActionLabel(WorkflowAction action);
QList<WorkflowAction> allWorkflowActions();

namespace Workflow {

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

// Whether action needs a comment from the person taking it.
bool needsComment(WorkflowAction action);

} // namespace Workflow
