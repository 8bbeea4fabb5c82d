// SPDX-License-Identifier: MIT
#include "textstats.h"

#include <unicode/ubrk.h>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

using MarkdownProse::Block;
using MarkdownProse::Span;

bool isWordCharacter(QChar c)
{
    return c.isLetterOrNumber();
}

// Emphasis delimiters (*, _, ~) at the edge of a word are syntax; between two
// letters (snake_case) or between two spaces (2 * 3) they are text.
QString withoutEmphasis(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size();) {
        const QChar c = text[i];
        if (c != u'*' && c != u'_' && c != u'~') {
            out.append(c);
            ++i;
            continue;
        }
        qsizetype end = i;
        while (end < text.size() && text[end] == c)
            ++end;
        const bool wordBefore = i > 0 && isWordCharacter(text[i - 1]);
        const bool wordAfter = end < text.size() && isWordCharacter(text[end]);
        const bool spaceBefore = i == 0 || text[i - 1].isSpace();
        const bool spaceAfter = end == text.size() || text[end].isSpace();
        if ((wordBefore && wordAfter) || (spaceBefore && spaceAfter))
            out.append(text.sliced(i, end - i));
        i = end;
    }
    return out;
}

enum class Urls { AsWritten, AsOneWord };

QString inlineProse(QStringView text, Urls urls)
{
    QString out;
    out.reserve(text.size());
    qsizetype at = 0;
    for (const Span &span : MarkdownProse::literalSpans(text)) {
        out.append(withoutEmphasis(text.sliced(at, span.offset - at)));
        const QStringView literal = text.sliced(span.offset, span.length);
        switch (span.kind) {
        case Span::Kind::CodeSpan:
            out.append(MarkdownProse::codeSpanText(literal));
            break;
        case Span::Kind::Escape:
            out.append(literal[1]);
            break;
        case Span::Kind::BareUrl:
        case Span::Kind::Autolink: {
            const QStringView url = span.kind == Span::Kind::Autolink ? literal.sliced(1, literal.size() - 2) : literal;
            // Kept for the character count; one letter run of the same length
            // makes the word count see one word.
            out.append(urls == Urls::AsWritten ? url.toString() : QString(url.size(), u'x'));
            break;
        }
        case Span::Kind::Image:
        case Span::Kind::LinkMarkup:
        case Span::Kind::HtmlTag:
            break;
        }
        at = span.end();
    }
    out.append(withoutEmphasis(text.sliced(at)));
    return out;
}

QString visibleText(QStringView block, Block::Type type, Urls urls)
{
    switch (type) {
    case Block::Type::ThematicBreak:
        return {};
    case Block::Type::Code:
        return MarkdownProse::codeText(block);
    case Block::Type::Heading:
        // A setext heading's lines read as a paragraph's, hard breaks and all.
        if (MarkdownProse::atxHeadingLevel(block) > 0)
            return inlineProse(MarkdownProse::headingText(block), urls);
        break;
    case Block::Type::Paragraph:
        break;
    }
    QString joined;
    joined.reserve(block.size());
    for (qsizetype lineStart = 0; lineStart <= block.size();) {
        qsizetype lineEnd = block.indexOf(u'\n', lineStart);
        if (lineEnd < 0)
            lineEnd = block.size();
        QStringView line = block.sliced(lineStart, lineEnd - lineStart);
        if (line.endsWith(u'\r'))
            line.chop(1);
        if (lineStart > 0)
            joined.append(u'\n');
        joined.append(line.sliced(MarkdownProse::containerPrefixLength(line)));
        // A backslash at the end of a line is a hard line break.
        if (joined.endsWith(u'\\'))
            joined.chop(1);
        lineStart = lineEnd + 1;
    }
    return inlineProse(joined, urls);
}

struct BreakIteratorCloser {
    void operator()(UBreakIterator *iterator) const { ubrk_close(iterator); }
};
using BreakIterator = std::unique_ptr<UBreakIterator, BreakIteratorCloser>;

BreakIterator breakIterator(UBreakIteratorType type, QStringView text)
{
    UErrorCode status = U_ZERO_ERROR;
    BreakIterator iterator(ubrk_open(type, "en", reinterpret_cast<const UChar *>(text.utf16()), int32_t(text.size()), &status));
    if (U_FAILURE(status))
        return {};
    return iterator;
}

bool joinsWords(QStringView segment)
{
    return segment.size() == 1 && u"-\u2010&/"_s.contains(segment.front());
}

int countWords(QStringView text)
{
    const BreakIterator iterator = breakIterator(UBRK_WORD, text);
    if (!iterator)
        return 0;
    int words = 0;
    // The kinds of the two segments before this one, to see word-joiner-word.
    enum class Kind { Other, Word, Joiner } previous = Kind::Other, beforePrevious = Kind::Other;
    int32_t start = ubrk_first(iterator.get());
    for (int32_t end = ubrk_next(iterator.get()); end != UBRK_DONE; start = end, end = ubrk_next(iterator.get())) {
        // Rule status: 0–99 none (spaces, punctuation), 100+ numbers, letters, kana, ideographs.
        const bool word = ubrk_getRuleStatus(iterator.get()) >= UBRK_WORD_NUMBER;
        const QStringView segment = text.sliced(start, end - start);
        Kind kind = word ? Kind::Word : (joinsWords(segment) ? Kind::Joiner : Kind::Other);
        if (word && !(previous == Kind::Joiner && beforePrevious == Kind::Word))
            ++words;
        beforePrevious = previous;
        previous = kind;
    }
    return words;
}

// Characters that form a grapheme cluster of their own whatever their
// neighbours: Latin-1 and Latin Extended letters, and the General Punctuation a
// story uses (dashes, curly quotes, ellipsis). ZWJ and ZWNJ are not among them.
bool standsAlone(QChar c)
{
    const char16_t u = c.unicode();
    return u < 0x300 || (u >= 0x2010 && u <= 0x2027) || (u >= 0x2030 && u <= 0x205E);
}

// Grapheme clusters, line breaks excluded. Text made only of characters that
// stand alone is counted directly; ICU segments the rest.
void countCharacters(QStringView text, int *characters, int *withoutSpaces)
{
    const auto count = [&](QChar first) {
        if (first == u'\n' || first == u'\r')
            return;
        ++*characters;
        if (!first.isSpace())
            ++*withoutSpaces;
    };
    if (std::all_of(text.begin(), text.end(), standsAlone)) {
        for (QChar c : text)
            count(c);
        return;
    }
    const BreakIterator iterator = breakIterator(UBRK_CHARACTER, text);
    if (!iterator)
        return;
    for (int32_t start = ubrk_first(iterator.get()); ubrk_next(iterator.get()) != UBRK_DONE; start = ubrk_current(iterator.get()))
        count(text[start]);
}

} // namespace

QString TextStats::proseOf(QStringView block, MarkdownProse::Block::Type type)
{
    return visibleText(block, type, Urls::AsWritten);
}

TextStats TextStats::of(QStringView markdown)
{
    TextStats stats;
    QString prose;
    prose.reserve(markdown.size());
    for (const Block &block : MarkdownProse::blocks(markdown)) {
        QStringView source = markdown.sliced(block.offset, block.length);
        if (block.underlineLength > 0)
            source.chop(block.underlineLength);
        const QString text = visibleText(source, block.type, Urls::AsOneWord);
        if (block.type == Block::Type::Heading) {
            const QString title = visibleText(source, block.type, Urls::AsWritten).simplified();
            stats.m_outline.append({block.headingLevel, title, block.offset});
        }
        if (!prose.isEmpty())
            prose.append(u'\n');
        prose.append(text);
    }
    stats.m_words = countWords(prose);
    countCharacters(prose, &stats.m_characters, &stats.m_charactersWithoutSpaces);
    return stats;
}

int TextStats::readingTimeSeconds() const
{
    return (m_words * 60 + WordsPerMinute - 1) / WordsPerMinute;
}

int TextStats::readingTimeMinutes() const
{
    return (m_words + WordsPerMinute - 1) / WordsPerMinute;
}
