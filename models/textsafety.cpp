// SPDX-License-Identifier: MIT
#include "textsafety.h"

#include "people.h"
#include "photo.h"
#include "publicationsettings.h"
#include "story.h"

#include <QCoreApplication>
#include <QStringList>

#include <optional>

using namespace Qt::StringLiterals;

namespace TextSafety {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("TextSafety", text, disambiguation, n);
}

bool isBidiControl(char32_t c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

// The marks do not reorder stored text, so library text may hold them (Arabic
// and Hebrew need them), but a terminal line shows them escaped: on a
// terminal that does bidi they still move what follows.
bool isBidiMark(char32_t c)
{
    return c == 0x200E || c == 0x200F || c == 0x061C;
}

// The code point of text that starts at i, moving i to its last code unit;
// nullopt for a lone surrogate (broken UTF-16), which stays one unit.
std::optional<char32_t> codePointAt(QStringView text, qsizetype &i)
{
    const QChar unit = text.at(i);
    if (unit.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
        return QChar::surrogateToUcs4(unit, text.at(++i));
    if (unit.isSurrogate())
        return std::nullopt;
    return unit.unicode();
}

void appendCodePoint(QString &result, char32_t c)
{
    if (QChar::requiresSurrogates(c)) {
        result += QChar::highSurrogate(c);
        result += QChar::lowSurrogate(c);
    } else {
        result += QChar(char16_t(c));
    }
}

void cleanField(QString &text, const char *name, Lines lines, QList<FieldChange> &changed)
{
    Changes changes;
    text = clean(text, lines, &changes);
    if (changes.any())
        changed << FieldChange{QString::fromLatin1(name), changes};
}

// A text member of Record, the name its front matter gives it (for
// messages), its column in the library, and its kind of line.
template <typename Record>
struct TextField
{
    QString Record::*member;
    const char *field;
    const char *column;
    Lines lines;
};

constexpr TextField<Story> storyFields[] = {
    {&Story::slug, "slug", "slug", Lines::Single},
    {&Story::headline, "headline", "headline", Lines::Single},
    {&Story::dek, "dek", "dek", Lines::Single},
    {&Story::byline, "byline", "byline", Lines::Single},
    {&Story::dateline, "dateline", "dateline", Lines::Single},
    {&Story::body, "body", "body", Lines::Multi},
    {&Story::correctionNote, "correction_note", "correction_note", Lines::Multi},
};

// The keywords, a list, are cleaned apart (see cleanPhoto).
constexpr TextField<Photo> photoFields[] = {
    {&Photo::fileName, "file", "file_name", Lines::Single},
    {&Photo::virin, "virin", "virin", Lines::Single},
    {&Photo::title, "title", "title", Lines::Single},
    {&Photo::caption, "caption", "caption", Lines::Multi},
    {&Photo::altText, "alt", "alt_text", Lines::Single},
    {&Photo::credit, "credit", "credit", Lines::Single},
    {&Photo::photographer, "photographer", "photographer", Lines::Single},
    {&Photo::unit, "unit", "unit", Lines::Single},
    {&Photo::operation, "operation", "operation", Lines::Single},
    {&Photo::city, "location.city", "city", Lines::Single},
    {&Photo::sublocation, "location.sublocation", "sublocation", Lines::Single},
    {&Photo::state, "location.state", "state", Lines::Single},
    {&Photo::country, "location.country", "country", Lines::Single},
    {&Photo::countryCode, "location.country_code", "country_code", Lines::Single},
    {&Photo::releaseAuthority, "release.authority", "release_authority", Lines::Single},
    {&Photo::captionWriter, "caption_writer", "caption_writer", Lines::Single},
    {&Photo::commandShown, "command_shown", "command_shown", Lines::Single},
    {&Photo::creatorEmail, "creator.email", "creator_email", Lines::Single},
    {&Photo::creatorPhone, "creator.phone", "creator_phone", Lines::Single},
};

template <typename Record, std::size_t count>
void cleanFields(Record &record, const TextField<Record> (&fields)[count], QList<FieldChange> &changed)
{
    for (const TextField<Record> &field : fields)
        cleanField(record.*field.member, field.field, field.lines, changed);
}

template <typename Record, std::size_t count>
QList<Column> columnsOf(const TextField<Record> (&fields)[count])
{
    QList<Column> columns;
    for (const TextField<Record> &field : fields)
        columns << Column{QString::fromLatin1(field.column), field.lines};
    return columns;
}

} // namespace

Changes &Changes::operator+=(const Changes &other)
{
    removed += other.removed;
    brokenReplaced += other.brokenReplaced;
    lineBreaks += other.lineBreaks;
    return *this;
}

QString Changes::description() const
{
    // Plurals with %n: English's forms come from newsdesk_en.ts
    // (Translations::install()), every other language's from its own.
    // TextSafety::tr: lupdate would file a plain tr() here under Changes.
    QStringList parts;
    if (removed > 0)
        parts << TextSafety::tr("%n control character(s) removed", nullptr, int(removed));
    if (brokenReplaced > 0)
        parts << TextSafety::tr("%n broken character(s) replaced by U+FFFD", nullptr, int(brokenReplaced));
    if (lineBreaks > 0)
        parts << TextSafety::tr("%n line break(s) replaced by space(s)", nullptr, int(lineBreaks));
    return parts.join(u", "_s);
}

bool isForbidden(char32_t c)
{
    if (c < 0x20)
        return c != u'\t' && c != u'\n' && c != u'\r';
    if (c >= 0x7F && c <= 0x9F)
        return true;
    if (isBidiControl(c))
        return true;
    if (c > 0x10FFFF)
        return true;
    return QChar::isNonCharacter(c);
}

QString clean(QStringView text, Lines lines, Changes *changes)
{
    Changes counted;
    QString result;
    result.reserve(text.size());
    const qsizetype size = text.size();
    // What is kept goes over in runs, not a character at a time: the live
    // preview cleans a whole story body on every render (bench_preview).
    qsizetype kept = 0; // where the run kept as it is starts
    for (qsizetype i = 0; i < size; ++i) {
        const qsizetype at = i;
        const std::optional<char32_t> decoded = codePointAt(text, i);
        if (decoded && (*decoded == u'\n' ? lines == Lines::Multi : *decoded != u'\r' && !isForbidden(*decoded)))
            continue;
        result += text.sliced(kept, at - kept);
        if (!decoded) {
            result += QChar::ReplacementCharacter;
            ++counted.brokenReplaced;
        } else if (const char32_t c = *decoded; c == u'\r' || c == u'\n') {
            // CRLF is one line break.
            if (c == u'\r' && i + 1 < size && text.at(i + 1) == u'\n')
                ++i;
            if (lines == Lines::Multi) {
                result += u'\n';
            } else {
                result += u' ';
                ++counted.lineBreaks;
            }
        } else {
            ++counted.removed; // forbidden
        }
        kept = i + 1;
    }
    result += text.sliced(kept);
    if (changes)
        *changes += counted;
    return result;
}

bool isClean(QStringView text, Lines lines)
{
    return clean(text, lines) == text;
}

QList<FieldChange> cleanStory(Story &story)
{
    QList<FieldChange> changed;
    cleanFields(story, storyFields, changed);
    return changed;
}

QList<FieldChange> cleanPhoto(Photo &photo)
{
    QList<FieldChange> changed;
    cleanFields(photo, photoFields, changed);
    // One keyword per entry: the library keeps them one a line, so a line
    // break inside one would split it.
    Changes keywords;
    for (QString &keyword : photo.keywords)
        keyword = clean(keyword, Lines::Single, &keywords);
    if (keywords.any())
        changed << FieldChange{u"keywords"_s, keywords};
    return changed;
}

QList<Column> storyColumns()
{
    return columnsOf(storyFields);
}

QList<Column> photoColumns()
{
    // Keywords are kept one a line, each a single-line text.
    return columnsOf(photoFields) << Column{u"keywords"_s, Lines::Multi};
}

QList<FieldChange> cleanPerson(Person &person)
{
    QList<FieldChange> changed;
    cleanField(person.name, "name", Lines::Single, changed);
    cleanField(person.title, "title", Lines::Single, changed);
    return changed;
}

QList<FieldChange> cleanPublicationSettings(PublicationSettings &settings)
{
    QList<FieldChange> changed;
    cleanField(settings.publisher, "publisher", Lines::Single, changed);
    cleanField(settings.articleUrlTemplate, "article_url_template", Lines::Single, changed);
    cleanField(settings.copyrightNotice, "copyright_notice", Lines::Single, changed);
    cleanField(settings.usageTerms, "usage_terms", Lines::Single, changed);
    return changed;
}

bool needsTerminalEscape(char32_t c)
{
    // Line and paragraph separators: a terminal may start a line there.
    return c < 0x20 || isForbidden(c) || isBidiMark(c) || c == 0x2028 || c == 0x2029;
}

QString forTerminal(QStringView text)
{
    QString result;
    result.reserve(text.size());
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size; ++i) {
        const std::optional<char32_t> decoded = codePointAt(text, i);
        if (!decoded) {
            result += u"\\u%1"_s.arg(uint(text.at(i).unicode()), 4, 16, QLatin1Char('0'));
            continue;
        }
        const char32_t c = *decoded;
        switch (c) {
        case u'\t':
            result += u"\\t"_s;
            continue;
        case u'\n':
            result += u"\\n"_s;
            continue;
        case u'\r':
            result += u"\\r"_s;
            continue;
        default:
            break;
        }
        if (c <= 0xFF && needsTerminalEscape(c)) {
            result += u"\\x%1"_s.arg(uint(c), 2, 16, QLatin1Char('0'));
        } else if (needsTerminalEscape(c)) {
            result += c > 0xFFFF ? u"\\U%1"_s.arg(uint(c), 8, 16, QLatin1Char('0')) : u"\\u%1"_s.arg(uint(c), 4, 16, QLatin1Char('0'));
        } else {
            appendCodePoint(result, c);
        }
    }
    return result;
}

QString asRichText(const QString &text)
{
    // Always rich (it opens with a tag), so Qt never guesses; white-space
    // pre-wrap keeps runs of spaces and the line breaks of the text.
    QString escaped = text.toHtmlEscaped();
    escaped.replace(u'\n', u"<br>"_s);
    return u"<p style=\"white-space:pre-wrap\">"_s + escaped + u"</p>"_s;
}

} // namespace TextSafety
