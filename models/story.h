// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

// Where a story stands in the desk's workflow.
enum class StoryStatus { Draft, InReview, Approved, Published, Archived };

QString storyStatusKey(StoryStatus status);          // as stored: "in_review"
std::optional<StoryStatus> storyStatusFromKey(QStringView key);
QString storyStatusLabel(StoryStatus status);        // for people: "In review"
QList<StoryStatus> allStoryStatuses();

struct Story
{
    qint64 id = 0;
    QString slug;
    QString headline;
    QString dek;
    QString byline;
    QString dateline;
    QString body; // Markdown source
    StoryStatus status = StoryStatus::Draft;
    // Printed at the end of a corrected article ("Correction: …"); set when a
    // published story is reopened for correction.
    QString correctionNote;
    // Export for publication refuses before this time (UTC); invalid: none.
    QDateTime embargoUntil;
    QDateTime createdAt;
    QString createdBy;
    // When the story was first published (UTC); invalid: never.
    QDateTime publishedAt;
    QDateTime updatedAt;
    QString updatedBy;
    // Incremented by every save; a save against an older version is a conflict.
    qint64 rowVersion = 0;

    bool sameContent(const Story &other) const
    {
        return headline == other.headline && dek == other.dek && byline == other.byline
            && dateline == other.dateline && body == other.body && correctionNote == other.correctionNote
            && embargoUntil == other.embargoUntil;
    }
};
Q_DECLARE_METATYPE(Story)

// The longest body Newsdesk keeps, edits and renders, in characters: several
// times the longest briefing transcript, and a bound on the time and memory
// that parsing, laying out and checking a body may take (cmark-gfm needs
// about a kilobyte per nested element, Qt's text layout slows down sharply on
// long unbroken lines). A longer body is refused with bodyLengthProblem()'s
// sentence wherever one arrives or is about to be rendered.
inline constexpr qsizetype MaxStoryBodyLength = 500'000;
// Empty for a body within MaxStoryBodyLength, otherwise why it is refused.
QString bodyLengthProblem(const QString &body);

// A URL- and file-safe name made from a headline: lower-case ASCII letters,
// digits and hyphens ("Hegseth, U.K. Counterpart…" → "hegseth-uk-counterpart…").
QString slugFromHeadline(const QString &headline);
