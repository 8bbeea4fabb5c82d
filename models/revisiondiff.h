// SPDX-License-Identifier: MIT
#pragma once

#include "story.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

// A word-by-word comparison of two texts, for revision history and "changes
// since the last approval". Words, runs of white space and single
// punctuation marks are the units, so a changed comma shows as one change.
struct DiffSegment
{
    enum class Kind { Same, Inserted, Deleted };
    Kind kind = Kind::Same;
    QString text;
    bool operator==(const DiffSegment &) const = default;
};

namespace RevisionDiff {

// Segments that turn `before` into `after`: Same and Deleted pieces spell
// `before`, Same and Inserted pieces spell `after`. Neighbouring pieces of
// one kind are merged.
QList<DiffSegment> compareWords(const QString &before, const QString &after);

// The segments as HTML, deletions in <del> and insertions in <ins>.
QString toHtml(const QList<DiffSegment> &segments);

// How many words were inserted and deleted.
struct Counts
{
    int inserted = 0;
    int deleted = 0;
};
Counts countWords(const QList<DiffSegment> &segments);

QStringList tokenize(const QString &text);

// A story's published texts (a Story's or a Revision's, storyFields()) as one
// text to compare: headline, dek, byline and dateline a line each, the body
// after a blank line, and the correction note at the end as the page prints
// it ("Correction: …"), when there is one.
template <typename Texts>
QString storyText(const Texts &texts)
{
    QString text;
    for (const StoryField field : storyFields()) {
        const QString &value = storyFieldText(texts, field);
        switch (field) {
        case StoryField::Body:
            text += QLatin1Char('\n') + value + QLatin1Char('\n');
            break;
        case StoryField::CorrectionNote:
            if (!value.isEmpty())
                text += QLatin1Char('\n') + QCoreApplication::translate("RevisionDiff", "Correction:") + QLatin1Char(' ')
                    + value + QLatin1Char('\n');
            break;
        default:
            text += value + QLatin1Char('\n');
        }
    }
    return text;
}

} // namespace RevisionDiff
