// SPDX-License-Identifier: MIT
#pragma once

#include "photo.h"

#include <QList>
#include <QString>

// The IPTC IIM datasets Newsdesk writes and their byte limits (DOMAIN.md).
// DoD ingest systems silently cut IIM text past its limit, so the limits
// belong in the editor as the user types; this table lives in models/ so that
// the media panel (widgets/) and the metadata writer (app/) share it.
struct IimField
{
    QString photoField; // the Photo member it holds: "virin", "caption" …
    int record = 2;     // 2:05 is record 2, dataset 5
    int dataset = 0;
    QString name;       // "Object Name", as IPTC names it
    int maxBytes = 0;   // UTF-8 bytes
    bool repeatable = false; // keywords: the limit is per keyword
};

namespace IptcLimits {

// In DOMAIN.md's order. The caption's limit holds the caption with its credit
// line; the release authority shares Special Instructions with the release
// state's word ("Released: …").
const QList<IimField> &fields();
// The field that holds photoField, or nullptr when no IIM dataset does (alt
// text, the operation: those live in XMP only).
const IimField *fieldFor(QStringView photoField);
// maxBytes of photoField's dataset; 0 when there is none.
int maxBytes(QStringView photoField);

// DVIDS and DOMAIN.md: at most six keywords.
inline constexpr int maxKeywords = 6;

qsizetype utf8Bytes(QStringView text);
// The longest start of text that fits maxBytes of UTF-8, cut between
// characters (never inside one, nor between a surrogate pair). What DoD ingest
// keeps; text.mid(result.size()) is what it would drop.
QString fitting(const QString &text, int maxBytes);

// IPTC Special Instructions for a release state: "Released",
// "Released: Maj. Jane Doe, 1st MARDIV PAO, 555-0100", "Not Released: FOUO
// until the operation ends", "Not Reviewed".
QString specialInstructions(ReleaseState state, const QString &authority);
// The reverse: "Released" → Released, "Not Released" or "FOUO" → NotReleased,
// anything else NotReviewed. authority gets the text after the state's words
// (with a separating ":", ",", "-", "by" … dropped). recognized is false when
// the text names no state (then authority is empty).
ReleaseState releaseFromInstructions(const QString &instructions, QString *authority = nullptr,
                                     bool *recognized = nullptr);

} // namespace IptcLimits
