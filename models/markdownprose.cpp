// SPDX-License-Identifier: MIT
#include "markdownprose.h"

#include <QHash>

#include <algorithm>

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

// The column where a list item's text starts when line opens one (marker,
// then one to four spaces; more, and the text is indented code inside the
// item, which starts one column after the marker), else -1. Lines of the item
// after the first belong to it when indented at least that far.
int listItemContentColumn(QStringView line)
{
    qsizetype at = 0;
    const int indent = indentOf(line, &at);
    if (at >= line.size())
        return -1;
    const auto spaceOrEndAt = [&](qsizetype i) { return i >= line.size() || line[i] == u' ' || line[i] == u'\t'; };
    qsizetype markerEnd = -1;
    const QChar c = line[at];
    if (c == u'-' || c == u'*' || c == u'+') {
        if (spaceOrEndAt(at + 1))
            markerEnd = at + 1;
    } else {
        qsizetype digits = 0;
        while (at + digits < line.size() && line[at + digits].isDigit() && digits < 10)
            ++digits;
        if (digits > 0 && digits <= 9 && at + digits < line.size()) {
            const QChar delimiter = line[at + digits];
            if ((delimiter == u'.' || delimiter == u')') && spaceOrEndAt(at + digits + 1))
                markerEnd = at + digits + 1;
        }
    }
    if (markerEnd < 0)
        return -1;
    const int markerColumn = indent + int(markerEnd - at);
    qsizetype text = 0;
    const int spaces = indentOf(line.sliced(markerEnd), &text);
    if (markerEnd + text >= line.size() || spaces > 4)
        return markerColumn + 1;
    return markerColumn + spaces;
}

bool startsListItem(QStringView line)
{
    return listItemContentColumn(line) >= 0;
}

// The number of block quote markers (>) that open line; *contentStart is
// where the text after them (and the one space each may take) starts.
int quoteDepth(QStringView line, qsizetype *contentStart)
{
    int depth = 0;
    qsizetype at = 0;
    for (;;) {
        qsizetype marker = 0;
        if (indentOf(line.sliced(at), &marker) > 3 || at + marker >= line.size() || line[at + marker] != u'>')
            break;
        at += marker + 1;
        if (at < line.size() && (line[at] == u' ' || line[at] == u'\t'))
            ++at;
        ++depth;
    }
    *contentStart = at;
    return depth;
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
    // The paragraph being read: how many block quotes hold it, and whether it
    // is a list item's. A setext underline under a paragraph in a container
    // is no underline (CommonMark: "===" there is lazy continuation text and
    // "---" a thematic break).
    int paragraphQuotes = 0;
    bool paragraphInContainer = false;
    // The text columns of the open list items, outermost first
    // (listItemContentColumn); indented code inside an item starts four
    // columns past its text.
    QList<int> listColumns;
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
            lineStart = lineEnd + 1;
            continue;
        }
        qsizetype afterQuotes = 0;
        const int quotes = quoteDepth(line, &afterQuotes);
        const QStringView inner = line.sliced(afterQuotes);
        // An indented code block goes on over blank lines, up to the next line
        // that is not indented code.
        if (state == State::Indented && isBlank(line)) {
            lineStart = lineEnd + 1;
            continue;
        }
        // A line of only >s ends a block quote's paragraph as a blank line does.
        if (isBlank(inner)) {
            finish();
            lineStart = lineEnd + 1;
            continue;
        }
        // "- - -" is a thematic break, not an item.
        const int itemColumn = isThematicBreak(inner) ? -1 : listItemContentColumn(inner);
        const bool listItem = itemColumn >= 0;
        const bool lazy = state == State::Paragraph && !listItem && quotes <= paragraphQuotes;
        // The list items this line is inside (outside block quotes, which
        // this scanner does not nest lists in): a line indented less than an
        // item's text ends that item, unless it lazily continues a paragraph.
        const int indent = indentOf(line);
        if (quotes == 0 && !lazy) {
            while (!listColumns.isEmpty() && indent < listColumns.constLast())
                listColumns.removeLast();
        }
        const int codeIndent = (quotes == 0 && !listColumns.isEmpty() ? listColumns.constLast() : 0) + 4;
        if (quotes == 0 && listItem && indent < codeIndent)
            listColumns.append(itemColumn);
        if (const Fence opening = fenceOpening(line); opening.length > 0) {
            start(State::Fenced, Block::Type::Code, lineStart, line.size());
            fence = opening;
        } else if (state != State::Paragraph && indent >= codeIndent) {
            if (state == State::Indented)
                extend();
            else
                start(State::Indented, Block::Type::Code, lineStart, line.size());
        } else if (const int level = atxLevel(line); level > 0) {
            start(State::None, Block::Type::Heading, lineStart, line.size());
            current.headingLevel = level;
            result.append(current);
        } else if (const int setext = state == State::Paragraph && !paragraphInContainer ? setextLevel(line) : 0; setext > 0) {
            current.type = Block::Type::Heading;
            current.headingLevel = setext;
            current.underlineLength = contentEnd - (current.offset + current.length);
            extend();
            finish();
        } else if (isThematicBreak(line)) {
            start(State::None, Block::Type::ThematicBreak, lineStart, line.size());
            result.append(current);
        } else if (lazy) {
            // A deeper > opens a block quote, which interrupts a paragraph.
            extend();
        } else {
            start(State::Paragraph, Block::Type::Paragraph, lineStart, line.size());
            paragraphQuotes = quotes;
            paragraphInContainer = quotes > 0 || listItem;
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


QString codeText(QStringView block)
{
    QStringList lines = block.toString().split(u'\n');
    if (const Fence fence = fenceOpening(lines.constFirst()); fence.length > 0) {
        lines.removeFirst();
        if (!lines.isEmpty() && closesFence(lines.constLast(), fence))
            lines.removeLast();
    } else {
        for (QString &line : lines) {
            qsizetype at = 0;
            indentOf(line, &at);
            line.remove(0, qMin<qsizetype>(at, 4));
        }
    }
    return lines.join(u'\n');
}

int atxHeadingLevel(QStringView line)
{
    return atxLevel(line);
}

QStringView headingText(QStringView block)
{
    QStringView line = block.trimmed();
    if (atxLevel(block) > 0) {
        line = line.sliced(runOf(line, 0, u'#')).trimmed();
        // An optional closing sequence of #s after a space.
        qsizetype end = line.size();
        while (end > 0 && line[end - 1] == u'#')
            --end;
        if (end == 0 || line[end - 1] == u' ')
            line = line.first(end).trimmed();
    }
    return line;
}

qsizetype containerPrefixLength(QStringView line)
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
    if (startsListItem(line.sliced(i))) {
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

QStringView codeSpanText(QStringView span)
{
    const qsizetype ticks = runOf(span, 0, u'`');
    QStringView code = span.sliced(ticks, span.size() - 2 * ticks);
    if (code.size() >= 2 && code.front() == u' ' && code.back() == u' ')
        code = code.sliced(1, code.size() - 2);
    return code;
}

} // namespace MarkdownProse
