// SPDX-License-Identifier: MIT
#pragma once

#include <QChar>
#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class Library;
class PhotoRepository;
struct Photo;

// How a VIRIN measures up to DoD Instruction 5040.02 and what is published.
// Warning means "seen in published data, accept it, but look again".
enum class VirinStatus { Valid, Warning, Invalid };
QString virinStatusKey(VirinStatus status); // "valid", "warning", "invalid"

// One remark about a VIRIN, in words an editor understands.
struct VirinMessage
{
    VirinStatus severity = VirinStatus::Warning; // Warning or Invalid
    QString text;
};

// A Visual Information Record Identification Number, YYMMDD-S-VVVVV-NNNN[-CC],
// taken apart (see DOMAIN.md). parse() never fails: it fills in every field it
// can read and explains everything it cannot, so the media form can show the
// verdict as the user types.
struct Virin
{
    QString text;       // as given
    QString dateText;   // "250306"
    QDate date;         // null when dateText is not a calendar date
    QChar service;      // 'D'
    QString serviceName; // "Department of Defense"; empty for an unknown letter
    QString visionId;   // "PM193"
    QString sequence;   // "1268": scene digit + order acquired
    QString suffix;     // "K": the trailing capital seen on defense.gov
    QString country;    // "GB": foreign photographers only
    VirinStatus status = VirinStatus::Invalid;
    QList<VirinMessage> messages;

    static Virin parse(const QString &text);

    bool isUsable() const { return status != VirinStatus::Invalid; }
    QStringList messageTexts() const;
    // The VIRIN rebuilt from its fields, "250306-D-PM193-1268K"; the canonical
    // spelling two VIRINs are compared by.
    QString normalized() const;

    // The service letters DOMAIN.md lists, and their names.
    static QString serviceNameOf(QChar letter);
    static QString serviceLetters(); // "ACDFGHJLMNOSXZ"
    // The VISION ID the guidance says to use rather than make one up.
    static QString placeholderVisionId() { return QStringLiteral("ZZ999"); }
};

// Cross-checks between a VIRIN and the rest of a photo's record. Each returns
// an empty string when the two agree (or when there is nothing to compare),
// otherwise a message for the editor.
namespace VirinChecks {

// The VIRIN date against the date shot (IPTC Date Created).
QString againstDateShot(const Virin &virin, QDate dateShot);
// The VIRIN date against the caption's date that says when
// (CaptionChecker::findWhen(): "March 6, 2025", "Aug. 11, 2020"; later
// background dates are not compared). A caption without a date is the caption
// checker's business, not a VIRIN mismatch.
QString againstCaption(const Virin &virin, const QString &caption);
// The file name should carry the VIRIN: "250306-D-PM193-1268K.jpg". Any
// extension, and a trailing " (2)" or "_edit" style decoration after the VIRIN,
// are tolerated; another VIRIN or none at all is not.
QString againstFileName(const Virin &virin, const QString &fileName);
// Other photos in the library that carry the same VIRIN (ownPhotoId, the photo
// being checked, does not count). Empty text when there is none. On a database
// error the message says so.
QString duplicateInLibrary(const Virin &virin, PhotoRepository &photos, qint64 ownPhotoId);
// All of the above that apply to photo, in that order.
QStringList forPhoto(const Photo &photo, PhotoRepository *photos = nullptr);

} // namespace VirinChecks

// The next VIRIN nobody has used yet for a photographer on a day. Among
// existingVirins, those with the same date, service and VISION ID count; the
// suggestion's sequence is one past the highest order taken in the scene (x001
// when there is none). scene is 1-9; 0 means "the highest scene already used
// that day, or 1". A suffix or country on an existing VIRIN does not free its
// sequence. country is added as "-CC" when given. nullopt when the fields are
// unusable, or the scene is full (999 taken) and no later scene is free.
std::optional<QString> suggestNextVirin(const QString &visionId, QDate date, QChar service,
                                        const QStringList &existingVirins, int scene = 0,
                                        const QString &country = {});
// The VIRINs in the library that begin with prefix ("250306-D-PM193-"), for
// suggestNextVirin(). A read-only query; an empty list on a database error.
QStringList virinsInLibrary(Library *library, const QString &prefix);
