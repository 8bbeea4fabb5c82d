// SPDX-License-Identifier: MIT
#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

// Release state of a photo, as IPTC Special Instructions carries it.
enum class ReleaseState { NotReviewed, Released, NotReleased };
QString releaseStateKey(ReleaseState state);
std::optional<ReleaseState> releaseStateFromKey(QStringView key);
QString releaseStateLabel(ReleaseState state);

// An editor's verdict on a photo's published fields (reviewedPhotoFields()):
// its caption, alt text and everything else the export prints or embeds.
enum class CaptionApproval { Pending, Approved, ChangesRequested };
QString captionApprovalKey(CaptionApproval state);
std::optional<CaptionApproval> captionApprovalFromKey(QStringView key);
QString captionApprovalLabel(CaptionApproval state);

// The geographic combatant commands a photo can show (DVIDS's "Command
// Shown"), as DINFOS's metadata checklist names them: "USCENTCOM" … Stored
// and embedded as these keys; commandShownFromText() also takes the short
// form DOMAIN.md uses ("CENTCOM") and any letter case.
QStringList combatantCommands();
// The key for text, or an empty string when text names none of them.
QString commandShownFromText(const QString &text);

// One photo with its DoD metadata (see DOMAIN.md for the IPTC mapping).
struct Photo
{
    qint64 id = 0;
    QString imageHash; // SHA-256 of the original bytes, key into the image store
    // The original's type as the image store has it ("image/jpeg"); empty for
    // a photo without an image. Read with the photo, never saved by it.
    QString imageMimeType;
    QString fileName;  // the name it was added under
    QString virin;
    QString title;
    QString caption;
    QString altText;
    QString credit;       // the published credit line, "Navy Petty Officer … , DOD"
    QString photographer; // IPTC By-line
    QString unit;         // IPTC By-line Title: the photographer's home unit
    QString operation;    // IPTC Headline: operation or exercise
    QDate dateShot;
    QString city;
    QString sublocation;
    QString state;
    QString country;
    QString countryCode;
    QStringList keywords;
    ReleaseState releaseState = ReleaseState::NotReviewed;
    QString releaseAuthority;
    QString captionWriter;
    QString commandShown;  // a combatantCommands() key, or empty
    QString creatorEmail;  // IPTC Creator Contact Info: work e-mail
    QString creatorPhone;  // and work phone of the photographer
    // Published with alt="" on purpose: the image adds nothing a reader who
    // cannot see it misses (a texture, a repeat of the text beside it).
    bool decorative = false;
    CaptionApproval approval = CaptionApproval::Pending;
    QDateTime createdAt;
    QDateTime updatedAt;
    QString updatedBy;
    qint64 rowVersion = 0;
};
Q_DECLARE_METATYPE(Photo)

// A field of a photo that an export publishes: in the figure (title,
// caption, alt text, credit, VIRIN), the page's JSON-LD (the same), or the
// IPTC IIM and XMP embedded in its web rendition (PhotoMetadata::write: all
// of these and the rest below). The one list of what an editor's caption
// approval covers: PhotoRepository::save returns a decided photo to pending
// when any of them changes, and a decision records what it saw of each. The
// file name and the image are not edited after a photo is added.
enum class PhotoField {
    Virin,
    Title,
    Caption,
    AltText,
    Credit,
    Photographer,
    Unit,
    Operation,
    DateShot,
    City,
    Sublocation,
    State,
    Country,
    CountryCode,
    Keywords,
    ReleaseState,
    ReleaseAuthority,
    CaptionWriter,
    CommandShown,
    CreatorEmail,
    CreatorPhone,
    Decorative,
};
QList<PhotoField> reviewedPhotoFields();
QString photoFieldKey(PhotoField field);   // stable, as the column: "alt_text", "release_state"
std::optional<PhotoField> photoFieldFromKey(QStringView key);
QString photoFieldLabel(PhotoField field); // for people: "Alt text", "Release state"
// The field as text: keywords one a line, the date shot as ISO 8601 (empty
// when not set), the release state as its key, decorative "true" or "false".
QString photoFieldText(const Photo &photo, PhotoField field);
void setPhotoFieldText(Photo &photo, PhotoField field, const QString &text);
// The reviewed fields that differ between before and after.
QList<PhotoField> changedReviewedFields(const Photo &before, const Photo &after);

// The alt-text rule, stated once for the caption checker, the export gate and
// the renderer: a decorative photo is published with alt="" on purpose; any
// other needs alt text.
bool altTextMissing(const Photo &photo);
