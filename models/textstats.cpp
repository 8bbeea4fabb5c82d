// SPDX-License-Identifier: MIT
#include "textstats.h"

#include <QHash>

#include <unicode/ubrk.h>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace MarkdownProse {

namespace {

bool isBlank(QStringView line)
{
    for (QChar c : line) {
        if (!c.isSpace())
            return false;
    }
    return true;
}

// Columns of leading indentation, a tab counting to the next multiple of 4.
int indentOf(QStringView line, qsizetype *firstNonSpace = nullptr)
{
    int columns = 0;
    qsizetype i = 0;
    for (; i < line.size(); ++i) {
        if (line[i] == u' ')
            ++columns;
        else if (line[i] == u'\t')
            columns += 4 - columns % 4;
        else
            break;
    }
    if (firstNonSpace)
        *firstNonSpace = i;
    return columns;
}

qsizetype runOf(QStringView text, qsizetype from, QChar c)
{
    qsizetype end = from;
    while (end < text.size() && text[end] == c)
        ++end;
    return end - from;
}

struct Fence {
    QChar mark;
    qsizetype length = 0;
};

Fence fenceOpening(QStringView line)
{
    qsizetype at = 0;
    if (indentOf(line, &at) > 3 || at >= line.size())
        return {};
    const QChar mark = line[at];
    if (mark != u'`' && mark != u'~')
        return {};
    const qsizetype length = runOf(line, at, mark);
    if (length < 3)
        return {};
    // A backtick fence's info string may not hold a backtick (it would be a code span).
    if (mark == u'`' && line.sliced(at + length).contains(u'`'))
        return {};
    return {mark, length};
}

bool closesFence(QStringView line, const Fence &fence)
{
    qsizetype at = 0;
    if (indentOf(line, &at) > 3)
        return false;
    const qsizetype length = runOf(line, at, fence.mark);
    return length >= fence.length && isBlank(line.sliced(at + length));
}

int atxLevel(QStringView line)
{
    qsizetype at = 0;
    if (indentOf(line, &at) > 3)
        return 0;
    const qsizetype hashes = runOf(line, at, u'#');
    if (hashes < 1 || hashes > 6)
        return 0;
    if (at + hashes < line.size() && line[at + hashes] != u' ' && line[at + hashes] != u'\t')
        return 0;
    return int(hashes);
}

// A line of three or more of the same -, * or _, spaces allowed between.
bool isThematicBreak(QStringView line)
{
    qsizetype at = 0;
    if (indentOf(line, &at) > 3 || at >= line.size())
        return false;
    const QChar mark = line[at];
    if (mark != u'-' && mark != u'*' && mark != u'_')
        return false;
    int count = 0;
    for (QChar c : line.sliced(at)) {
        if (c == mark)
            ++count;
        else if (c != u' ' && c != u'\t')
            return false;
    }
    return count >= 3;
}

int setextLevel(QStringView line)
{
    qsizetype at = 0;
    if (indentOf(line, &at) > 3 || at >= line.size())
        return 0;
    const QChar mark = line[at];
    if (mark != u'=' && mark != u'-')
        return 0;
    const qsizetype length = runOf(line, at, mark);
    if (!isBlank(line.sliced(at + length)))
        return 0;
    return mark == u'=' ? 1 : 2;
}

bool startsListItem(QStringView line)
{
    qsizetype at = 0;
    indentOf(line, &at);
    if (at >= line.size())
        return false;
    const auto spaceOrEndAt = [&](qsizetype i) { return i >= line.size() || line[i] == u' ' || line[i] == u'\t'; };
    const QChar c = line[at];
    if (c == u'-' || c == u'*' || c == u'+')
        return spaceOrEndAt(at + 1);
    qsizetype digits = 0;
    while (at + digits < line.size() && line[at + digits].isDigit() && digits < 10)
        ++digits;
    if (digits == 0 || digits > 9 || at + digits >= line.size())
        return false;
    const QChar delimiter = line[at + digits];
    return (delimiter == u'.' || delimiter == u')') && spaceOrEndAt(at + digits + 1);
}

bool isAsciiPunctuation(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 0x21 && u <= 0x2f) || (u >= 0x3a && u <= 0x40) || (u >= 0x5b && u <= 0x60) || (u >= 0x7b && u <= 0x7e);
}

// What scanInline looks up in a text: where each code span, bracket and
// parenthesis closes, and the next '>' or "-->". Found in one pass each, so
// that the scan stays linear: searching afresh from every opener made a
// paragraph of a million unclosed [ (or of links nested a million deep) take
// hours, and searching inside each link's text again for nested ones was
// quadratic too.
class InlineIndex
{
public:
    explicit InlineIndex(QStringView text)
        : m_text(text)
    {
        for (qsizetype i = 0; i < text.size();) {
            if (text[i] != u'`') {
                ++i;
                continue;
            }
            const qsizetype run = runOf(text, i, u'`');
            m_backtickRuns[run].append(i);
            i += run;
        }
        // A bracket closes the last one still open, skipping escaped
        // characters and, for square brackets, code spans; which is the same
        // as counting the nesting depth from each opener.
        QList<qsizetype> squares;
        QList<qsizetype> parens;
        for (qsizetype i = 0; i < text.size(); ++i) {
            const QChar c = text[i];
            if (c == u'\\') {
                ++i;
            } else if (c == u'(') {
                parens.append(i);
            } else if (c == u')') {
                if (!parens.isEmpty())
                    m_closingParen.insert(parens.takeLast(), i);
            }
        }
        for (qsizetype i = 0; i < text.size(); ++i) {
            const QChar c = text[i];
            if (c == u'\\') {
                ++i;
            } else if (c == u'`') {
                const qsizetype run = runOf(text, i, u'`');
                const qsizetype close = closingBackticks(i + run, run, text.size());
                i = close < 0 ? i + run - 1 : close + run - 1;
            } else if (c == u'[') {
                squares.append(i);
            } else if (c == u']') {
                if (!squares.isEmpty())
                    m_closingSquare.insert(squares.takeLast(), i);
            }
        }
    }

    // The start of the backtick run of exactly length that closes a code span
    // opened before from and ends before limit, or -1.
    qsizetype closingBackticks(qsizetype from, qsizetype length, qsizetype limit) const
    {
        const auto found = m_backtickRuns.constFind(length);
        if (found == m_backtickRuns.cend())
            return -1;
        const auto at = std::lower_bound(found->cbegin(), found->cend(), from);
        return at != found->cend() && *at + length <= limit ? *at : -1;
    }

    // The bracket that closes the one at open before limit, or -1.
    qsizetype closingBracket(qsizetype open, qsizetype limit) const
    {
        const qsizetype close = (m_text[open] == u'(' ? m_closingParen : m_closingSquare).value(open, -1);
        return close < limit ? close : -1;
    }

    // The first needle at or after from that ends before limit, or -1. Calls
    // come with from never decreasing, so one search serves all of them until
    // the scan passes what it found.
    qsizetype next(QStringView needle, qsizetype from, qsizetype limit)
    {
        Search &search = needle.size() == 1 ? m_greaterThan : m_commentEnd;
        if (!search.done || from < search.from || (search.at >= 0 && search.at < from)) {
            search = {true, from, m_text.indexOf(needle, from)};
        }
        return search.at >= 0 && search.at + needle.size() <= limit ? search.at : -1;
    }

private:
    struct Search {
        bool done = false;
        qsizetype from = 0;
        qsizetype at = -1;
    };
    QStringView m_text;
    QHash<qsizetype, QList<qsizetype>> m_backtickRuns; // by length, in order
    QHash<qsizetype, qsizetype> m_closingSquare;
    QHash<qsizetype, qsizetype> m_closingParen;
    Search m_greaterThan;
    Search m_commentEnd;
};

bool startsUrl(QStringView text)
{
    static const QLatin1StringView schemes[] = {"https://"_L1, "http://"_L1, "ftp://"_L1, "www."_L1, "mailto:"_L1};
    for (QLatin1StringView scheme : schemes) {
        if (text.startsWith(scheme, Qt::CaseInsensitive) && text.size() > scheme.size())
            return true;
    }
    return false;
}

bool canPrecedeUrl(QChar c)
{
    return c.isSpace() || u"([<*_\"'\u201C\u2018"_s.contains(c);
}

// The spans of text that are not prose. A link's text is prose that may hold
// spans of its own (and links, as deep as the writer nests them), so it is
// scanned as a level of its own; the levels are a list, not a recursion, so no
// depth of nesting can overflow the stack.
void scanInline(QStringView text, Completeness completeness, QList<Span> *spans)
{
    const bool typing = completeness == Completeness::BeingTyped;
    InlineIndex index(text);
    // A link whose text is being scanned: where its markup closes, and the
    // level around it.
    struct Link {
        qsizetype close = 0; // its ]
        qsizetype end = 0; // after its destination or label
        qsizetype outerStart = 0;
        qsizetype outerEnd = 0;
    };
    QList<Link> links;
    qsizetype levelStart = 0;
    qsizetype n = text.size(); // the end of the level being scanned
    const auto add = [&](Span::Kind kind, qsizetype from, qsizetype to) { spans->append({kind, from, to - from}); };
    for (qsizetype i = 0;;) {
        if (i >= n) {
            if (links.isEmpty())
                return;
            const Link link = links.takeLast();
            add(Span::Kind::LinkMarkup, link.close, link.end);
            i = link.end;
            levelStart = link.outerStart;
            n = link.outerEnd;
            continue;
        }
        const QChar c = text[i];
        if (c == u'\\' && i + 1 < n && isAsciiPunctuation(text[i + 1])) {
            add(Span::Kind::Escape, i, i + 2);
            i += 2;
        } else if (c == u'`') {
            const qsizetype run = qMin(runOf(text, i, u'`'), n - i);
            const qsizetype close = index.closingBackticks(i + run, run, n);
            if (close >= 0) {
                add(Span::Kind::CodeSpan, i, close + run);
                i = close + run;
            } else if (typing) {
                add(Span::Kind::CodeSpan, i, n);
                i = n;
            } else {
                i += run;
            }
        } else if (c == u'[' || (c == u'!' && i + 1 < n && text[i + 1] == u'[')) {
            const bool image = c == u'!';
            const qsizetype open = image ? i + 1 : i;
            const qsizetype close = index.closingBracket(open, n);
            if (close < 0) {
                // A link's text being typed is prose; an image's alt text is not.
                if (image && typing) {
                    add(Span::Kind::Image, i, n);
                    i = n;
                    continue;
                }
                ++i;
                continue;
            }
            qsizetype end = -1;
            if (close + 1 < n && (text[close + 1] == u'(' || text[close + 1] == u'['))
                end = index.closingBracket(close + 1, n);
            else if (!image) {
                // [text] alone is a shortcut reference or, in a quotation, an
                // editorial insertion: prose either way.
                ++i;
                continue;
            }
            const bool unclosedTarget = end < 0 && close + 1 < n && (text[close + 1] == u'(' || text[close + 1] == u'[');
            if (unclosedTarget && !typing) {
                ++i;
                continue;
            }
            end = end < 0 ? (unclosedTarget ? n : close + 1) : end + 1;
            if (image) {
                add(Span::Kind::Image, i, end);
                i = end;
            } else {
                add(Span::Kind::LinkMarkup, i, i + 1);
                links.append({close, end, levelStart, n});
                levelStart = open + 1;
                n = close;
                i = open + 1;
            }
        } else if (c == u'<' && i + 1 < n && (text[i + 1].isLetter() || text[i + 1] == u'/' || text[i + 1] == u'!' || text[i + 1] == u'?')) {
            const bool comment = text.sliced(i, n - i).startsWith(u"<!--");
            qsizetype close = comment ? index.next(u"-->", i + 4, n) : index.next(u">", i + 1, n);
            if (close < 0 && !typing) {
                ++i;
                continue;
            }
            close = close < 0 ? n : close + (comment ? 3 : 1);
            const QStringView inside = text.sliced(i + 1, qMax<qsizetype>(0, close - i - 2));
            const bool autolink = !comment && !inside.contains(u' ') && (inside.contains(u':') || inside.contains(u'@'));
            add(autolink ? Span::Kind::Autolink : Span::Kind::HtmlTag, i, close);
            i = close;
        } else if ((i == levelStart || canPrecedeUrl(text[i - 1])) && (c == u'h' || c == u'w' || c == u'f' || c == u'm' || c == u'H' || c == u'W')
                   && startsUrl(text.sliced(i, n - i))) {
            qsizetype end = i;
            while (end < n && !text[end].isSpace())
                ++end;
            // Sentence punctuation and closing marks after a URL are not part of
            // it, unless the URL is still being typed and they may be inside it.
            while (!typing && end > i && u".,;:!?)]*_\"'\u201D\u2019"_s.contains(text[end - 1]))
                --end;
            add(Span::Kind::BareUrl, i, end);
            i = end;
        } else {
            ++i;
        }
    }
}

} // namespace

QList<Block> blocks(QStringView text)
{
    QList<Block> result;
    enum class State { None, Paragraph, Fenced, Indented } state = State::None;
    Block current;
    Fence fence;
    const auto finish = [&]() {
        if (state != State::None)
            result.append(current);
        state = State::None;
    };
    const auto start = [&](State newState, Block::Type type, qsizetype offset, qsizetype length) {
        finish();
        state = newState;
        current = Block{.type = type, .offset = offset, .length = length};
    };
    for (qsizetype lineStart = 0; lineStart <= text.size();) {
        qsizetype lineEnd = text.indexOf(u'\n', lineStart);
        if (lineEnd < 0)
            lineEnd = text.size();
        qsizetype contentEnd = lineEnd;
        if (contentEnd > lineStart && text[contentEnd - 1] == u'\r')
            --contentEnd;
        const QStringView line = text.sliced(lineStart, contentEnd - lineStart);
        const auto extend = [&]() { current.length = contentEnd - current.offset; };

        if (state == State::Fenced) {
            extend();
            if (closesFence(line, fence))
                finish();
        } else if (isBlank(line)) {
            finish();
        } else if (const Fence opening = fenceOpening(line); opening.length > 0) {
            start(State::Fenced, Block::Type::Code, lineStart, line.size());
            fence = opening;
        } else if (state != State::Paragraph && indentOf(line) >= 4) {
            if (state == State::Indented)
                extend();
            else
                start(State::Indented, Block::Type::Code, lineStart, line.size());
        } else if (const int level = atxLevel(line); level > 0) {
            start(State::None, Block::Type::Heading, lineStart, line.size());
            current.headingLevel = level;
            result.append(current);
        } else if (const int setext = state == State::Paragraph ? setextLevel(line) : 0; setext > 0) {
            current.type = Block::Type::Heading;
            current.headingLevel = setext;
            current.underlineLength = contentEnd - (current.offset + current.length);
            extend();
            finish();
        } else if (isThematicBreak(line)) {
            start(State::None, Block::Type::ThematicBreak, lineStart, line.size());
            result.append(current);
        } else if (state == State::Paragraph && !startsListItem(line)) {
            extend();
        } else {
            start(State::Paragraph, Block::Type::Paragraph, lineStart, line.size());
        }
        lineStart = lineEnd + 1;
    }
    finish();
    return result;
}

QList<Span> literalSpans(QStringView block, Completeness completeness)
{
    QList<Span> spans;
    scanInline(block, completeness, &spans);
    return spans;
}

bool isLiteralAt(QStringView text, qsizetype position)
{
    // The paragraph holding position starts after the last blank line before it
    // and ends at the next; code blocks need the whole text before it.
    for (const Block &block : blocks(text)) {
        if (block.offset > position)
            return false;
        if (position >= block.offset + block.length)
            continue;
        if (block.type == Block::Type::Code)
            return true;
        const QStringView inside = text.sliced(block.offset, block.length);
        for (const Span &span : literalSpans(inside, Completeness::BeingTyped)) {
            if (span.offset > position - block.offset)
                return false;
            if (position - block.offset < span.end())
                return true;
        }
        return false;
    }
    return false;
}

} // namespace MarkdownProse

namespace {

using MarkdownProse::Block;
using MarkdownProse::Span;

// Leading container markers of a paragraph line: indentation, block quote >s,
// a list marker and a task box.
qsizetype containerPrefix(QStringView line)
{
    qsizetype i = 0;
    const auto skipSpaces = [&]() {
        while (i < line.size() && (line[i] == u' ' || line[i] == u'\t'))
            ++i;
    };
    skipSpaces();
    while (i < line.size() && line[i] == u'>') {
        ++i;
        skipSpaces();
    }
    if (MarkdownProse::startsListItem(line.sliced(i))) {
        while (i < line.size() && line[i] != u' ' && line[i] != u'\t')
            ++i;
        skipSpaces();
        const QStringView rest = line.sliced(i);
        if (rest.startsWith(u"[ ]") || rest.startsWith(u"[x]") || rest.startsWith(u"[X]")) {
            i += 3;
            skipSpaces();
        }
    }
    return i;
}

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
        case Span::Kind::CodeSpan: {
            const qsizetype ticks = MarkdownProse::runOf(literal, 0, u'`');
            QStringView code = literal.sliced(ticks, literal.size() - 2 * ticks);
            if (code.size() >= 2 && code.front() == u' ' && code.back() == u' ')
                code = code.sliced(1, code.size() - 2);
            out.append(code);
            break;
        }
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
    case Block::Type::Code: {
        QStringList lines = block.toString().split(u'\n');
        if (MarkdownProse::fenceOpening(lines.constFirst()).length > 0) {
            const MarkdownProse::Fence fence = MarkdownProse::fenceOpening(lines.constFirst());
            lines.removeFirst();
            if (!lines.isEmpty() && MarkdownProse::closesFence(lines.constLast(), fence))
                lines.removeLast();
        } else {
            for (QString &line : lines) {
                qsizetype at = 0;
                MarkdownProse::indentOf(line, &at);
                line.remove(0, qMin<qsizetype>(at, 4));
            }
        }
        return lines.join(u'\n');
    }
    case Block::Type::Heading: {
        QStringView line = block.trimmed();
        if (line.startsWith(u'#')) {
            line = line.sliced(MarkdownProse::runOf(line, 0, u'#')).trimmed();
            // An optional closing sequence of #s after a space.
            qsizetype end = line.size();
            while (end > 0 && line[end - 1] == u'#')
                --end;
            if (end == 0 || line[end - 1] == u' ')
                line = line.first(end).trimmed();
        }
        return inlineProse(line, urls);
    }
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
        joined.append(line.sliced(containerPrefix(line)));
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
