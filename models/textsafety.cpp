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
    cleanField(story.slug, "slug", Lines::Single, changed);
    cleanField(story.headline, "headline", Lines::Single, changed);
    cleanField(story.dek, "dek", Lines::Single, changed);
    cleanField(story.byline, "byline", Lines::Single, changed);
    cleanField(story.dateline, "dateline", Lines::Single, changed);
    cleanField(story.body, "body", Lines::Multi, changed);
    cleanField(story.correctionNote, "correction_note", Lines::Multi, changed);
    return changed;
}

QList<FieldChange> cleanPhoto(Photo &photo)
{
    QList<FieldChange> changed;
    cleanField(photo.fileName, "file", Lines::Single, changed);
    cleanField(photo.virin, "virin", Lines::Single, changed);
    cleanField(photo.title, "title", Lines::Single, changed);
    cleanField(photo.caption, "caption", Lines::Multi, changed);
    cleanField(photo.altText, "alt", Lines::Single, changed);
    cleanField(photo.credit, "credit", Lines::Single, changed);
    cleanField(photo.photographer, "photographer", Lines::Single, changed);
    cleanField(photo.unit, "unit", Lines::Single, changed);
    cleanField(photo.operation, "operation", Lines::Single, changed);
    cleanField(photo.city, "location.city", Lines::Single, changed);
    cleanField(photo.sublocation, "location.sublocation", Lines::Single, changed);
    cleanField(photo.state, "location.state", Lines::Single, changed);
    cleanField(photo.country, "location.country", Lines::Single, changed);
    cleanField(photo.countryCode, "location.country_code", Lines::Single, changed);
    // One keyword per entry: the library keeps them one a line, so a line
    // break inside one would split it.
    Changes keywords;
    for (QString &keyword : photo.keywords)
        keyword = clean(keyword, Lines::Single, &keywords);
    if (keywords.any())
        changed << FieldChange{u"keywords"_s, keywords};
    cleanField(photo.releaseAuthority, "release.authority", Lines::Single, changed);
    cleanField(photo.captionWriter, "caption_writer", Lines::Single, changed);
    cleanField(photo.commandShown, "command_shown", Lines::Single, changed);
    cleanField(photo.creatorEmail, "creator.email", Lines::Single, changed);
    cleanField(photo.creatorPhone, "creator.phone", Lines::Single, changed);
    return changed;
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
