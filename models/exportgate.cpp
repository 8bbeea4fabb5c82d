// SPDX-License-Identifier: MIT
#include "exportgate.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ExportGate", text);
}

// A URL as a finding shows it: no control, format (bidi) or unassigned
// characters, which a terminal or a dialog would act on, and short.
QString shownUrl(const QString &url)
{
    constexpr qsizetype limit = 60;
    QString shown;
    for (const char32_t c : url.toUcs4()) {
        switch (QChar::category(c)) {
        case QChar::Other_Control:
        case QChar::Other_Format:
        case QChar::Other_Surrogate:
        case QChar::Other_PrivateUse:
        case QChar::Other_NotAssigned:
            shown += QChar::ReplacementCharacter;
            break;
        default:
            shown += QString::fromUcs4(&c, 1);
        }
    }
    // An inline image carries its whole file: its type says enough.
    if (shown.startsWith(u"data:"_s, Qt::CaseInsensitive))
        shown = shown.left(shown.indexOf(QRegularExpression(u"[;,]"_s)));
    return shown.size() > limit ? shown.left(limit - 1) + u'…' : shown;
}

StoryFinding finding(QStringView code, const QString &subject, const QString &message)
{
    return {StoryFinding::Severity::Error, code.toString(), subject, message};
}

// The gate's finding on an image of the body that is not a placed photo.
StoryFinding unreviewedImage(const BodyImages::UnplacedImage &image)
{
    const QString where = image.line > 0 ? tr("Line %1 of the body").arg(image.line) : tr("The body");
    // The placement's own scheme, spelled as the renderer reads it.
    if (image.url.startsWith(u"photo:"_s)) {
        const QString virin = shownUrl(image.url.mid(6).trimmed());
        return finding(GateFinding::ImageNotReviewed, virin,
                       tr("%1 shows photo %2 inside a sentence, link, list, table or quote, where it is not published as "
                          "a reviewed photo; place it as ![](photo:%2) in a paragraph of its own.")
                           .arg(where, virin));
    }
    return finding(GateFinding::ImageNotReviewed, u"story"_s,
                   tr("%1 shows an image (%2) that nobody reviewed; only the story's photos, placed as ![](photo:VIRIN) "
                      "in a paragraph of their own, are published.")
                       .arg(where, shownUrl(image.url)));
}

} // namespace

QString findingSeverityKey(StoryFinding::Severity severity)
{
    switch (severity) {
    case StoryFinding::Severity::Error:
        return u"error"_s;
    case StoryFinding::Severity::Warning:
        return u"warning"_s;
    case StoryFinding::Severity::Info:
        return u"info"_s;
    }
    return {};
}

namespace ExportGate {

QString photoSubject(const Photo &photo)
{
    return photo.virin.isEmpty() ? tr("photo %1").arg(photo.id) : photo.virin;
}

QList<StoryFinding> findings(const Story &story, const BodyImages &body, const QDateTime &now)
{
    QList<StoryFinding> found;
    if (story.embargoUntil.isValid() && now < story.embargoUntil) {
        found << finding(GateFinding::StoryEmbargoed, u"story"_s,
                         tr("The story is under embargo until %1 UTC.")
                             .arg(story.embargoUntil.toUTC().toString(u"yyyy-MM-dd HH:mm"_s)));
    }
    if (story.status != StoryStatus::Approved && story.status != StoryStatus::Published) {
        found << finding(GateFinding::StoryNotApproved, u"story"_s,
                         tr("The story is not approved (it is %1).").arg(storyStatusLabel(story.status)));
    }
    for (const Photo &photo : body.placedPhotos) {
        const QString subject = photoSubject(photo);
        if (photo.approval != CaptionApproval::Approved) {
            found << finding(GateFinding::CaptionNotApproved, subject,
                             photo.approval == CaptionApproval::ChangesRequested
                                 ? tr("Photo %1: changes were requested on its caption.").arg(subject)
                                 : tr("Photo %1: its caption is pending approval.").arg(subject));
        }
        if (altTextMissing(photo)) {
            found << finding(GateFinding::AltTextMissing, subject,
                             tr("Photo %1 has no alt text; write it, or mark the photo decorative if it adds nothing a "
                                "reader who cannot see it would miss.")
                                 .arg(subject));
        }
        if (photo.releaseState != ReleaseState::Released) {
            found << finding(GateFinding::PhotoNotReleased, subject,
                             tr("Photo %1 is not released (%2).").arg(subject, releaseStateLabel(photo.releaseState)));
        }
    }
    for (const QString &virin : body.unknownPlacements) {
        found << finding(GateFinding::PhotoNotInStory, virin,
                         tr("The body places photo %1, which the story does not have.").arg(virin));
    }
    // What is published is what was reviewed: any other image went through
    // no caption approval or release (the renderer prints its description,
    // never the image, so even an override cannot publish it).
    for (const BodyImages::UnplacedImage &image : body.unplacedImages)
        found << unreviewedImage(image);
    return found;
}

Decision decide(std::optional<PersonRole> role, const Story &story, const BodyImages &body, const QString &overrideReason,
                const QDateTime &now)
{
    Decision decision;
    decision.findings = findings(story, body, now);
    decision.override = Workflow::checkExportOverride(role);
    if (!decision.blocked()) {
        decision.allowed = true;
    } else if (!overrideReason.trimmed().isEmpty()) {
        decision.allowed = decision.override.allowed;
        decision.overridden = decision.allowed;
        decision.reason = decision.override.reason;
    }
    return decision;
}

} // namespace ExportGate
