// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QList>
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

    // The same published texts (storyFields()) and embargo.
    bool sameContent(const Story &other) const;

    // A new story made from this one (Story ▸ Duplicate, "save mine as a
    // copy" after a conflict), to be created under headline: the same texts,
    // correction note and embargo, but no id, slug, version or history of its
    // own, and a Draft whatever this one's status. Nobody has reviewed the
    // copy, so it carries no approval or publication, and anyone may start it.
    Story newDraftCopy(const QString &headline) const;
};
Q_DECLARE_METATYPE(Story)

// A text of a story that its page publishes: the header, the body and, at the
// end, the correction note (ArticleRenderer prints each, its JSON-LD the
// headline, dek and byline). The one list of what the story's approval
// covers: an edit of any of them is an edit of approved text
// (Workflow::checkTextEdit, checked by StoryRepository::save), a revision
// keeps them all, and the history and "changes since the last approval"
// compare them all.
enum class StoryField { Headline, Dek, Byline, Dateline, Body, CorrectionNote };
// In the order the page shows them.
QList<StoryField> storyFields();
QString storyFieldLabel(StoryField field); // for people: "Correction note"

// The field's text in a Story or a Revision, which name their texts alike.
template <typename Texts>
auto &storyFieldText(Texts &texts, StoryField field)
{
    switch (field) {
    case StoryField::Headline:
        return texts.headline;
    case StoryField::Dek:
        return texts.dek;
    case StoryField::Byline:
        return texts.byline;
    case StoryField::Dateline:
        return texts.dateline;
    case StoryField::Body:
        return texts.body;
    case StoryField::CorrectionNote:
        return texts.correctionNote;
    }
    Q_UNREACHABLE_RETURN(texts.body);
}

// The published texts that differ between before and after.
QList<StoryField> changedStoryFields(const Story &before, const Story &after);
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
// digits and hyphens ("Hegseth, U.K. Counterpart…" → "hegseth-uk-counterpart…"),
// never all digits ("1" → "story-1"), so that no slug reads as a story id.
QString slugFromHeadline(const QString &headline);

// The shape of every slug the library has made (slugFromHeadline, then
// "-2", "-3" … for a taken one): ASCII lower-case letters and digits in
// groups joined by single hyphens, at most MaxSlugLength characters. All
// digits is a slug too: libraries from before slugFromHeadline put a word in
// front of one keep theirs, as they are in published addresses. A slug names
// export folders and files and goes into the article's address, so one that
// is not (a hand-edited library file; on a team library the server refuses
// it, PostgresDialect::slugCheck) is never used as one: see fileNameOfStory.
inline constexpr qsizetype MaxSlugLength = 120;
bool isSlug(QStringView text);
// isSlug's shape as a regular expression (POSIX ERE and PCRE alike), for the
// team library's CHECK.
QString slugPattern();
// The name of a file or folder made for the story: its slug, or "story-ID"
// when it has none that isSlug.
QString fileNameOfStory(const Story &story);
