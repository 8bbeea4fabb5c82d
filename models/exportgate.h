// SPDX-License-Identifier: MIT
#pragma once

#include "people.h"
#include "photo.h"
#include "story.h"
#include "workflow.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

// Something a check found in a story. The export gate gives release and
// approval findings; `newsdesk check` adds those of the other checkers
// (VIRIN, captions, quotes) in the same shape.
struct StoryFinding
{
    enum class Severity { Error, Warning, Info };
    Severity severity = Severity::Error;
    QString code;    // stable, for scripts: "story-not-approved", "photo-not-released", …
    QString subject; // "story", "library", or the photo's VIRIN (or "photo 12" without one)
    QString message; // a sentence for people
};
QString findingSeverityKey(StoryFinding::Severity severity); // "error", "warning", "info"

// The codes of the gate's findings, as scripts read them (`newsdesk check
// --json`); every one is an error.
namespace GateFinding {
inline constexpr QStringView StoryEmbargoed = u"story-embargoed";
inline constexpr QStringView StoryNotApproved = u"story-not-approved";
inline constexpr QStringView CaptionNotApproved = u"caption-not-approved";
inline constexpr QStringView PhotoNotReleased = u"photo-not-released";
inline constexpr QStringView PhotoNotInStory = u"photo-not-in-story";
inline constexpr QStringView ImageNotReviewed = u"image-not-reviewed";
// A placed photo without alt text that is not marked decorative
// (altTextMissing()): its page would say alt="" by accident.
inline constexpr QStringView AltTextMissing = u"alt-text-missing";
} // namespace GateFinding

// What a story's body shows, as the renderer reads it. models/ does not parse
// Markdown: publishing's ArticleRenderer parses the body (bodyImages(),
// ParsedStory) and hands the gate this value.
struct BodyImages
{
    // An image of the body that is not a placement (a paragraph of its own
    // that is only ![](photo:VIRIN)): one from any other address or data:,
    // or a photo: image inside a sentence, link, list, table or quote. The
    // renderer never writes an <img> for it, only its description as text.
    struct UnplacedImage
    {
        QString url;  // as written (cmark has resolved escapes and entities)
        int line = 0; // where it is in the Markdown (1-based; 0: unknown)
    };

    // The story's photos the body places, in the order it places them, each once.
    QList<Photo> placedPhotos;
    // The VIRINs of placements that name no photo of the story, each once.
    QStringList unknownPlacements;
    // Every other image, in reading order; an image inside another image's
    // description is part of that one.
    QList<UnplacedImage> unplacedImages;
};

// The publication gate and its override: what may go out, stated once for
// the exporter, the export dialog and `newsdesk check`.
namespace ExportGate {

// How findings and export errors name a photo: its VIRIN, or "photo N"
// while it has none.
QString photoSubject(const Photo &photo);

// Why the story may not be published (empty: cleared), each an error: the
// story must be Approved (or Published) and out of its embargo (before now);
// every photo the body places must have an approved caption and be
// released; a placement of a photo the story lacks blocks, and so does every
// other image in the body: what is published is what was reviewed.
QList<StoryFinding> findings(const Story &story, const BodyImages &body,
                             const QDateTime &now = QDateTime::currentDateTimeUtc());

struct Decision
{
    QList<StoryFinding> findings; // findings(): what blocks the story; empty when cleared
    // Whether this person may export the story anyway, with a reason that
    // goes into the audit log (Workflow::checkExportOverride: editors only);
    // answered whether or not the gate blocks, for the dialog to say.
    Workflow::Verdict override;
    bool allowed = false;    // the export may go ahead: cleared, or overridden
    bool overridden = false; // allowed only by the override
    // Why not, when an override was asked for and refused; empty otherwise
    // (also when the gate blocks and no override was asked for).
    QString reason;

    bool blocked() const { return !findings.isEmpty(); }
};

// The gate and the override in one: whether someone with role (nullopt: not
// among the library's people) may export story now, giving overrideReason
// (blank: no override). A cleared story needs no reason; a blocked one goes
// out only with a reason from someone who may override.
Decision decide(std::optional<PersonRole> role, const Story &story, const BodyImages &body,
                const QString &overrideReason = {}, const QDateTime &now = QDateTime::currentDateTimeUtc());

} // namespace ExportGate
