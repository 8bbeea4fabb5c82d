// SPDX-License-Identifier: MIT
#include "typography.h"

#include "textstats.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Typography {

namespace {

constexpr char16_t LeftDouble = u'\u201C';
constexpr char16_t RightDouble = u'\u201D';
constexpr char16_t LeftSingle = u'\u2018';
constexpr char16_t RightSingle = u'\u2019';
constexpr char16_t EmDash = u'\u2014';
constexpr char16_t Ellipsis = u'\u2026';

bool isEmphasis(QChar c)
{
    return c == u'*' || c == u'_' || c == u'~';
}

// The character before position, looking through emphasis markers so that
// **"Quote"** opens; a null QChar at the start of the text.
QChar characterBefore(QStringView text, qsizetype position)
{
    qsizetype i = position - 1;
    while (i >= 0 && isEmphasis(text[i]))
        --i;
    return i < 0 ? QChar() : text[i];
}

bool opensAfter(QChar c)
{
    return c.isNull() || c.isSpace() || u"([{<\u201C\u2018\u2014\u2013-/"_s.contains(c);
}

// Words that start with an apostrophe for letters left out.
bool isElision(QStringView word)
{
    static const QStringView words[] = {u"em", u"til", u"tis", u"twas", u"cause", u"bout", u"n", u"nuff"};
    return std::any_of(std::begin(words), std::end(words), [word](QStringView w) { return word.compare(w, Qt::CaseInsensitive) == 0; });
}

// True when a single quote before position starts ’90s, ’em, ’n’ rather than a quotation.
bool startsElision(QStringView text, qsizetype position)
{
    if (position < text.size() && text[position].isDigit())
        return true;
    qsizetype end = position;
    while (end < text.size() && text[end].isLetter())
        ++end;
    return end > position && isElision(text.sliced(position, end - position)) && (end == text.size() || !text[end].isLetterOrNumber());
}

// `--` at first is a dash unless it is Markdown: a thematic break, a setext
// underline, a table's delimiter row, a front matter fence or an HTML comment.
bool dashesConvert(QStringView text, qsizetype first)
{
    if (first > 0 && (text[first - 1] == u'-' || text[first - 1] == u'!'))
        return false;
    qsizetype lineStart = first;
    while (lineStart > 0 && text[lineStart - 1] != u'\n')
        --lineStart;
    const QStringView before = text.sliced(lineStart, first - lineStart);
    return !std::all_of(before.begin(), before.end(), [](QChar c) { return c == u' ' || c == u'\t' || c == u'|' || c == u':' || c == u'-'; });
}

std::optional<Replacement> unlessLiteral(QStringView text, qsizetype position, Replacement replacement)
{
    if (MarkdownProse::isLiteralAt(text, position))
        return std::nullopt;
    return replacement;
}

} // namespace

std::optional<Replacement> afterTyping(QStringView text, qsizetype cursor)
{
    if (cursor <= 0 || cursor > text.size())
        return std::nullopt;
    const qsizetype typed = cursor - 1;
    const QChar c = text[typed];
    if (c == u'"') {
        const QChar mark = opensAfter(characterBefore(text, typed)) ? LeftDouble : RightDouble;
        return unlessLiteral(text, typed, {typed, 1, QString(mark)});
    }
    if (c == u'\'') {
        const QChar before = characterBefore(text, typed);
        if (before.isLetterOrNumber()) {
            // rock ‘n' roll: the quote before the n was an apostrophe too.
            if (typed >= 2 && (before == u'n' || before == u'N') && text[typed - 1] == before && text[typed - 2] == LeftSingle
                && opensAfter(characterBefore(text, typed - 2)))
                return unlessLiteral(text, typed, {typed - 2, 3, QString(RightSingle) + before + QChar(RightSingle)});
            return unlessLiteral(text, typed, {typed, 1, QString(RightSingle)});
        }
        return unlessLiteral(text, typed, {typed, 1, QString(opensAfter(before) ? LeftSingle : RightSingle)});
    }
    if (c == u'-' && typed >= 1 && text[typed - 1] == u'-' && dashesConvert(text, typed - 1))
        return unlessLiteral(text, typed, {typed - 1, 2, QString(EmDash)});
    if (c == u'.' && typed >= 2 && text[typed - 1] == u'.' && text[typed - 2] == u'.' && (typed < 3 || text[typed - 3] != u'.'))
        return unlessLiteral(text, typed, {typed - 2, 3, QString(Ellipsis)});
    if (c.isDigit()) {
        // ‘9 → ’9: a year shortened (’90s), not a quotation.
        if (typed >= 1 && text[typed - 1] == LeftSingle && opensAfter(characterBefore(text, typed - 1)))
            return unlessLiteral(text, typed - 1, {typed - 1, 1, QString(RightSingle)});
        return std::nullopt;
    }
    if (!c.isLetter()) {
        // A word just ended: ‘em, ‘til, ‘n were apostrophes.
        qsizetype start = typed;
        while (start > 0 && text[start - 1].isLetter())
            --start;
        if (start < typed && start >= 1 && text[start - 1] == LeftSingle && opensAfter(characterBefore(text, start - 1))
            && isElision(text.sliced(start, typed - start)))
            return unlessLiteral(text, start - 1, {start - 1, 1, QString(RightSingle)});
    }
    return std::nullopt;
}

QList<Replacement> conversions(QStringView text)
{
    // What is not prose, in order.
    struct Range {
        qsizetype start;
        qsizetype end;
    };
    QList<Range> literal;
    for (const MarkdownProse::Block &block : MarkdownProse::blocks(text)) {
        const qsizetype blockEnd = block.offset + block.length;
        if (block.type == MarkdownProse::Block::Type::Code || block.type == MarkdownProse::Block::Type::ThematicBreak) {
            literal.append({block.offset, blockEnd});
            continue;
        }
        const QStringView inside = text.sliced(block.offset, block.length - block.underlineLength);
        for (const MarkdownProse::Span &span : MarkdownProse::literalSpans(inside))
            literal.append({block.offset + span.offset, block.offset + span.end()});
        if (block.underlineLength > 0)
            literal.append({blockEnd - block.underlineLength, blockEnd});
    }

    QList<Replacement> out;
    const qsizetype n = text.size();
    qsizetype next = 0; // the first literal range not yet passed
    QChar last; // the last character before i, as converted, emphasis markers skipped
    const auto isLiteral = [&](qsizetype i) {
        while (next < literal.size() && literal[next].end <= i)
            ++next;
        return next < literal.size() && literal[next].start <= i;
    };
    for (qsizetype i = 0; i < n;) {
        if (isLiteral(i)) {
            const qsizetype end = literal[next].end;
            last = characterBefore(text, end);
            i = end;
            continue;
        }
        const QChar c = text[i];
        QChar replacement;
        qsizetype length = 1;
        if (c == u'"') {
            const bool closesBeforeSpace = i + 1 >= n || text[i + 1].isSpace();
            replacement = opensAfter(last) && !closesBeforeSpace ? LeftDouble : RightDouble;
        } else if (c == u'\'') {
            if (last.isLetterOrNumber() || !opensAfter(last) || startsElision(text, i + 1))
                replacement = RightSingle;
            else
                replacement = LeftSingle;
        } else if (c == u'-' && i + 1 < n && text[i + 1] == u'-' && (i + 2 >= n || text[i + 2] != u'-') && dashesConvert(text, i) && !isLiteral(i + 1)) {
            replacement = EmDash;
            length = 2;
        } else if (c == u'.' && i + 2 < n && text[i + 1] == u'.' && text[i + 2] == u'.' && (i + 3 >= n || text[i + 3] != u'.') && (i == 0 || text[i - 1] != u'.')
                   && !isLiteral(i + 2)) {
            replacement = Ellipsis;
            length = 3;
        }
        if (!replacement.isNull()) {
            out.append({i, length, QString(replacement)});
            last = replacement;
        } else if (!isEmphasis(c)) {
            last = c;
        }
        i += length;
    }
    return out;
}

QString applied(QStringView text, const QList<Replacement> &replacements)
{
    QString out;
    out.reserve(text.size());
    qsizetype at = 0;
    for (const Replacement &replacement : replacements) {
        out.append(text.sliced(at, replacement.offset - at));
        out.append(replacement.text);
        at = replacement.offset + replacement.length;
    }
    out.append(text.sliced(at));
    return out;
}

QString converted(QStringView text)
{
    return applied(text, conversions(text));
}

} // namespace Typography
