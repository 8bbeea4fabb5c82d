// SPDX-License-Identifier: MIT
#pragma once

#include <QDate>
#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

// Release state of a photo, as IPTC Special Instructions carries it.
enum class ReleaseState { NotReviewed, Released, NotReleased };
QString releaseStateKey(ReleaseState state);
std::optional<ReleaseState> releaseStateFromKey(QStringView key);
QString releaseStateLabel(ReleaseState state);

// An editor's verdict on a caption and its alt text.
enum class CaptionApproval { Pending, Approved, ChangesRequested };
QString captionApprovalKey(CaptionApproval state);
std::optional<CaptionApproval> captionApprovalFromKey(QStringView key);
QString captionApprovalLabel(CaptionApproval state);

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
    CaptionApproval approval = CaptionApproval::Pending;
    QDateTime createdAt;
    QDateTime updatedAt;
    QString updatedBy;
    qint64 rowVersion = 0;
};
Q_DECLARE_METATYPE(Photo)
