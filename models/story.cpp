// SPDX-License-Identifier: MIT
#include "story.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

QString bodyLengthProblem(const QString &body)
{
    if (body.size() <= MaxStoryBodyLength)
        return {};
    return QCoreApplication::translate("Story", "The body has %1 characters; Newsdesk keeps and renders at most %2. "
                                                "Split the story or shorten it.")
        .arg(body.size())
        .arg(MaxStoryBodyLength);
}

QString storyStatusKey(StoryStatus status)
{
    switch (status) {
    case StoryStatus::Draft:
        return u"draft"_s;
    case StoryStatus::InReview:
        return u"in_review"_s;
    case StoryStatus::Approved:
        return u"approved"_s;
    case StoryStatus::Published:
        return u"published"_s;
    case StoryStatus::Archived:
        return u"archived"_s;
    }
    return {};
}

std::optional<StoryStatus> storyStatusFromKey(QStringView key)
{
    for (StoryStatus status : allStoryStatuses()) {
        if (key == storyStatusKey(status))
            return status;
    }
    return std::nullopt;
}

QString storyStatusLabel(StoryStatus status)
{
    switch (status) {
    case StoryStatus::Draft:
        return QCoreApplication::translate("Story", "Draft");
    case StoryStatus::InReview:
        return QCoreApplication::translate("Story", "In review");
    case StoryStatus::Approved:
        return QCoreApplication::translate("Story", "Approved");
    case StoryStatus::Published:
        return QCoreApplication::translate("Story", "Published");
    case StoryStatus::Archived:
        return QCoreApplication::translate("Story", "Archived");
    }
    return {};
}

QList<StoryStatus> allStoryStatuses()
{
    return {StoryStatus::Draft, StoryStatus::InReview, StoryStatus::Approved, StoryStatus::Published,
            StoryStatus::Archived};
}

bool Story::sameContent(const Story &other) const
{
    return changedStoryFields(*this, other).isEmpty() && embargoUntil == other.embargoUntil;
}

Story Story::newDraftCopy(const QString &copyHeadline) const
{
    Story copy;
    for (StoryField field : storyFields())
        storyFieldText(copy, field) = storyFieldText(*this, field);
    copy.headline = copyHeadline;
    copy.embargoUntil = embargoUntil;
    return copy;
}

QList<StoryField> storyFields()
{
    return {StoryField::Headline, StoryField::Dek,  StoryField::Byline,
            StoryField::Dateline, StoryField::Body, StoryField::CorrectionNote};
}

QString storyFieldLabel(StoryField field)
{
    switch (field) {
    case StoryField::Headline:
        return QCoreApplication::translate("Story", "Headline");
    case StoryField::Dek:
        return QCoreApplication::translate("Story", "Dek");
    case StoryField::Byline:
        return QCoreApplication::translate("Story", "Byline");
    case StoryField::Dateline:
        return QCoreApplication::translate("Story", "Dateline");
    case StoryField::Body:
        return QCoreApplication::translate("Story", "Body");
    case StoryField::CorrectionNote:
        return QCoreApplication::translate("Story", "Correction note");
    }
    return {};
}

QList<StoryField> changedStoryFields(const Story &before, const Story &after)
{
    QList<StoryField> changed;
    for (const StoryField field : storyFields()) {
        if (storyFieldText(before, field) != storyFieldText(after, field))
            changed << field;
    }
    return changed;
}

QString slugFromHeadline(const QString &headline)
{
    // Decompose so that "é" becomes "e" plus a mark we then drop.
    const QString decomposed = headline.normalized(QString::NormalizationForm_KD).toLower();
    QString slug;
    slug.reserve(decomposed.size());
    bool pendingHyphen = false;
    for (const QChar c : decomposed) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9')) {
            if (pendingHyphen && !slug.isEmpty())
                slug += u'-';
            pendingHyphen = false;
            slug += c;
        } else if (c == u'.' || c == u'\'' || c == u'’' || c.category() == QChar::Mark_NonSpacing) {
            // "U.K." reads as "uk", "Ukraine's" as "ukraines".
        } else {
            pendingHyphen = true;
        }
        if (slug.size() >= 80)
            break;
    }
    while (slug.endsWith(u'-'))
        slug.chop(1);
    if (slug.isEmpty())
        return u"story"_s;
    // All digits would read as a story id wherever a story is named by id or
    // slug (`--story 1`), so such a slug gets a word in front.
    if (std::all_of(slug.cbegin(), slug.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; }))
        return u"story-"_s + slug;
    return slug;
}

QString slugPattern()
{
    return u"^[a-z0-9]+(-[a-z0-9]+)*$"_s;
}

bool isSlug(QStringView text)
{
    // Anchored at the very end: the pattern's "$" alone also matches before
    // a last line break, which PostgreSQL's "~" (and a file name) does not.
    static const QRegularExpression shape(QRegularExpression::anchoredPattern(slugPattern()));
    return text.size() <= MaxSlugLength && shape.matchView(text).hasMatch();
}

QString fileNameOfStory(const Story &story)
{
    return isSlug(story.slug) ? story.slug : u"story-%1"_s.arg(story.id);
}
