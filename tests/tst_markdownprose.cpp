// SPDX-License-Identifier: MIT
// MarkdownProse reads a body line by line, without a syntax tree, for the
// word count, the outline, typography and the quote analysis. cmark-gfm, which
// renders the article, is the judge of what the body is: here both read the
// sample story and a few thousand generated documents, and must find the same
// paragraphs, headings (level and text) and code. Only this test links cmark;
// the models library does not.
#include "markdownprose.h"
#include "textstats.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using MarkdownProse::Block;

namespace {

// What either reader found, as lines of the body (1-based, as cmark counts).
struct Found {
    QStringList paragraphs; // "3-4"
    QStringList headings; // "3-4 h2 The text"
    QStringList code; // "3-4"
    QStringList codeSpans; // the code, in order

    QString describe() const
    {
        return u"paragraphs: %1\nheadings: %2\ncode blocks: %3\ncode spans: %4"_s.arg(paragraphs.join(u", "_s), headings.join(u" | "_s),
                                                                                      code.join(u", "_s), codeSpans.join(u" | "_s));
    }
};

QString lines(int first, int last)
{
    return u"%1-%2"_s.arg(first).arg(last);
}

// CommonMark's code span content: line endings as spaces, and one space off
// each end when both ends have one and it is not all spaces.
QString normalizedCode(QString code)
{
    code.replace(u'\n', u' ');
    if (code.size() >= 2 && code.front() == u' ' && code.back() == u' ' && !code.trimmed().isEmpty())
        code = code.sliced(1, code.size() - 2);
    return code;
}

struct NodeDeleter {
    void operator()(cmark_node *node) const { cmark_node_free(node); }
};
struct ParserDeleter {
    void operator()(cmark_parser *parser) const { cmark_parser_free(parser); }
};

// The text of a heading as the article shows it (ArticleRenderer's plain
// text): text and code, a line break as a space; no raw HTML.
QString headingText(cmark_node *heading)
{
    QString text;
    cmark_iter *iterator = cmark_iter_new(heading);
    for (cmark_event_type event; (event = cmark_iter_next(iterator)) != CMARK_EVENT_DONE;) {
        cmark_node *node = cmark_iter_get_node(iterator);
        if (event != CMARK_EVENT_ENTER)
            continue;
        switch (cmark_node_get_type(node)) {
        case CMARK_NODE_IMAGE:
            // Deliberate: an image's description is no prose to MarkdownProse.
            // The only images an article publishes are photos placed on a
            // paragraph of their own, whose text is the figure's, not the
            // body's; any other image blocks the export (image-not-reviewed).
            cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT);
            break;
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
            text += QString::fromUtf8(cmark_node_get_literal(node));
            break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            text += u' ';
            break;
        default:
            break;
        }
    }
    cmark_iter_free(iterator);
    return text.simplified();
}

// What cmark-gfm finds, parsed as ArticleRenderer parses a body.
Found cmarkFinds(const QString &markdown)
{
    cmark_gfm_core_extensions_ensure_registered();
    const std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SOURCEPOS));
    for (const char *name : {"table", "strikethrough", "autolink"})
        cmark_parser_attach_syntax_extension(parser.get(), cmark_find_syntax_extension(name));
    const QByteArray utf8 = markdown.toUtf8();
    cmark_parser_feed(parser.get(), utf8.constData(), size_t(utf8.size()));
    const std::unique_ptr<cmark_node, NodeDeleter> document(cmark_parser_finish(parser.get()));

    const QStringList sourceLines = markdown.split(u'\n');
    Found found;
    cmark_iter *iterator = cmark_iter_new(document.get());
    for (cmark_event_type event; (event = cmark_iter_next(iterator)) != CMARK_EVENT_DONE;) {
        if (event != CMARK_EVENT_ENTER)
            continue;
        cmark_node *node = cmark_iter_get_node(iterator);
        // cmark counts the blank lines after a setext heading or an indented
        // code block into its end; MarkdownProse ends a block on its last line.
        int end = cmark_node_get_end_line(node);
        while (end > cmark_node_get_start_line(node) && end <= sourceLines.size() && sourceLines.at(end - 1).trimmed().isEmpty())
            --end;
        // And an HTML block on the last line of a body without a line
        // break after it ends, to cmark, on the line before.
        const QString where = lines(cmark_node_get_start_line(node), std::max(end, cmark_node_get_start_line(node)));
        const QLatin1StringView type(cmark_node_get_type_string(node));
        switch (cmark_node_get_type(node)) {
        case CMARK_NODE_PARAGRAPH:
            found.paragraphs << where;
            break;
        case CMARK_NODE_HEADING:
            found.headings << u"%1 h%2 %3"_s.arg(where).arg(cmark_node_get_heading_level(node)).arg(headingText(node));
            break;
        case CMARK_NODE_CODE_BLOCK:
            found.code << where;
            break;
        case CMARK_NODE_CODE:
            found.codeSpans << normalizedCode(QString::fromUtf8(cmark_node_get_literal(node)));
            break;
        default:
            // A table is a paragraph of prose to the scanner: its cells are
            // what a reader reads, its pipes and delimiter row are not words.
            if (type == "table"_L1)
                found.paragraphs << where;
            // A known difference: MarkdownProse has no HTML blocks and reads
            // one as a paragraph (its tags as literal spans, the text between
            // them as prose), though the article drops raw HTML.
            if (cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK)
                found.paragraphs << where;
            break;
        }
    }
    cmark_iter_free(iterator);
    return found;
}

// The line (1-based) of position in text.
int lineAt(const QString &text, qsizetype position)
{
    return int(QStringView(text).first(position).count(u'\n')) + 1;
}

// What MarkdownProse finds; headings as TextStats shows them in the outline.
Found scannerFinds(const QString &markdown)
{
    Found found;
    const QList<TextStats::Heading> outline = TextStats::of(markdown).outline();
    qsizetype heading = 0;
    for (const Block &block : MarkdownProse::blocks(markdown)) {
        const QString where = lines(lineAt(markdown, block.offset), lineAt(markdown, block.offset + block.length));
        switch (block.type) {
        case Block::Type::Paragraph:
            found.paragraphs << where;
            break;
        case Block::Type::Heading: {
            const TextStats::Heading &entry = outline.at(heading++);
            found.headings << u"%1 h%2 %3"_s.arg(where).arg(entry.level).arg(entry.text);
            break;
        }
        case Block::Type::Code:
            found.code << where;
            continue;
        case Block::Type::ThematicBreak:
            continue;
        }
        QStringView text = QStringView(markdown).sliced(block.offset, block.length);
        if (block.underlineLength > 0)
            text.chop(block.underlineLength);
        for (const MarkdownProse::Span &span : MarkdownProse::literalSpans(text)) {
            if (span.kind == MarkdownProse::Span::Kind::CodeSpan)
                found.codeSpans << normalizedCode(MarkdownProse::codeSpanText(text.sliced(span.offset, span.length)).toString());
        }
    }
    return found;
}

// A generator of Markdown documents from the constructs a story body uses.
class Composer
{
public:
    explicit Composer(quint32 seed)
        : m_random(seed)
    {
    }

    QString document()
    {
        QString out;
        for (int i = 0, count = 1 + pick(6); i < count; ++i) {
            if (!out.isEmpty())
                out += u"\n\n"_s;
            out += block().first;
        }
        return out + (pick(2) ? u"\n"_s : QString());
    }

private:
    int pick(int n) { return int(m_random.bounded(n)); }
    template<typename T>
    const T &oneOf(const QList<T> &list) { return list.at(pick(int(list.size()))); }

    QString word()
    {
        static const QStringList words = {u"Hegseth"_s, u"said"_s, u"the"_s, u"allies"_s, u"U.K."_s, u"Ukraine's"_s,
                                          u"laser-focused"_s, u"2025"_s, u"peace"_s, u"NATO"_s, u"moment"_s, u"Q&A"_s};
        return oneOf(words);
    }

    // A run of inline content on one line.
    QString inlineText()
    {
        QStringList parts;
        const int count = 1 + pick(6);
        for (int i = 0; i < count; ++i) {
            switch (pick(15)) {
            case 0:
                parts << u"*%1*"_s.arg(word());
                break;
            case 1:
                parts << u"**%1 %2**"_s.arg(word(), word());
                break;
            case 2:
                parts << u"`%1`"_s.arg(oneOf(QStringList{u"code"_s, u"a * b"_s, u"x_y"_s, u" spaced "_s, u"say \"hi\""_s}));
                break;
            case 3:
                parts << u"``%1``"_s.arg(oneOf(QStringList{u"a ` tick"_s, u" `lead"_s, u"plain"_s}));
                break;
            case 4:
                parts << u"[%1](https://www.defense.gov/News/ \"%2\")"_s.arg(word(), word());
                break;
            case 5:
                parts << u"![%1](https://example.com/a.jpg)"_s.arg(word());
                break;
            case 6:
                parts << u"<https://www.defense.gov/>"_s;
                break;
            case 7:
                parts << u"www.example.com/page"_s;
                break;
            case 8:
                parts << u"~~%1~~"_s.arg(word());
                break;
            case 9:
                parts << u"\\*not emphasis\\*"_s;
                break;
            case 10:
                parts << u"\"%1 %2,\" %3 said"_s.arg(word(), word(), word());
                break;
            case 11:
                parts << u"_%1_"_s.arg(word());
                break;
            case 12:
                // A known difference: MarkdownProse leaves entities as written,
                // so a heading's outline shows "&amp;" where the page shows
                // "&". Entities go only into paragraphs here.
                if (!m_inHeading)
                    parts << oneOf(QStringList{u"&amp;"_s, u"&copy;"_s, u"&#8212;"_s, u"&#x201C;"_s, u"&nbsp;"_s});
                break;
            default:
                parts << word();
                break;
            }
        }
        return parts.join(u' ');
    }

    QString paragraphLines(int count, const QString &prefix = {})
    {
        QStringList out;
        for (int i = 0; i < count; ++i) {
            QString line = prefix + inlineText();
            // GFM's autolinks take a backslash after www.… into the address,
            // which MarkdownProse ends at the backslash of a hard break.
            if (line.endsWith(u"/page"_s))
                line += u" today"_s;
            if (i + 1 < count) {
                // A hard line break, either way.
                switch (pick(4)) {
                case 0:
                    line += u"  "_s;
                    break;
                case 1:
                    line += u'\\';
                    break;
                default:
                    break;
                }
            }
            out << line;
        }
        return out.join(u'\n');
    }

    enum class Kind { Other, IndentedCode, List };
    std::pair<QString, Kind> block()
    {
        switch (pick(13)) {
        case 0: {
            const int level = 1 + pick(6);
            m_inHeading = true;
            const QString text = inlineText();
            m_inHeading = false;
            return {QString(level, u'#') + u' ' + text + (pick(4) == 0 ? u" "_s + QString(1 + pick(3), u'#') : QString()), Kind::Other};
        }
        case 1: {
            m_inHeading = true;
            const QString text = paragraphLines(1 + pick(2));
            m_inHeading = false;
            return {text + u'\n' + (pick(2) ? u"==="_s : u"---"_s), Kind::Other};
        }
        case 2: {
            const QString fence = pick(2) ? u"```"_s : u"~~~"_s;
            return {fence + oneOf(QStringList{QString(), u"cpp"_s, u"markdown"_s}) + u'\n' + paragraphLines(1 + pick(3)) + u'\n' + fence, Kind::Other};
        }
        case 3: {
            QStringList chunks;
            for (int i = 0, n = 1 + pick(2); i < n; ++i)
                chunks << u"    "_s + paragraphLines(1 + pick(3)).replace(u'\n', u"\n    "_s);
            return {chunks.join(u"\n\n"_s), Kind::IndentedCode};
        }
        case 4:
            return {paragraphLines(1 + pick(3), u"> "_s), Kind::Other};
        case 5: {
            QStringList items;
            const bool ordered = pick(2);
            for (int i = 0, n = 1 + pick(4); i < n; ++i)
                items << (ordered ? u"%1. "_s.arg(i + 1) : u"- "_s) + inlineText();
            return {items.join(u'\n'), Kind::List};
        }
        case 6:
            return {oneOf(QStringList{u"***"_s, u"---"_s, u"___"_s, u"- - -"_s}), Kind::Other};
        case 7:
            return {u"| %1 | %2 |\n| --- | --- |\n| %3 | %4 |"_s.arg(word(), word(), inlineText(), word()), Kind::Other};
        case 8:
            return {u"![](photo:250306-D-PM193-1268K)"_s, Kind::Other};
        case 9:
            return {oneOf(QStringList{u"<div class=\"note\">\n%1 %2\n</div>"_s.arg(word(), word()), u"<!-- for the desk -->"_s}), Kind::Other};
        default:
            return {paragraphLines(1 + pick(3)), Kind::Other};
        }
    }

    QRandomGenerator m_random;
    bool m_inHeading = false;
};

QString sampleBody()
{
    QFile file(QStringLiteral(NEWSDESK_SOURCE_DIR) + u"/resources/samples/hegseth-healey/story.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QJsonObject story = QJsonDocument::fromJson(file.readAll()).object();
    QStringList blocks;
    const QJsonArray photos = story.value(u"photos"_s).toArray();
    const QJsonArray paragraphs = story.value(u"paragraphs"_s).toArray();
    for (qsizetype i = 0; i < paragraphs.size(); ++i) {
        blocks << paragraphs.at(i).toString();
        for (const QJsonValue &photo : photos) {
            if (photo[u"after_paragraph"_s].toInt() == i + 1)
                blocks << u"![](photo:%1)"_s.arg(photo[u"virin"_s].toString());
        }
    }
    return blocks.join(u"\n\n"_s) + u'\n';
}

} // namespace

class TestMarkdownProse : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sampleStory();
    void constructs_data();
    void constructs();
    void generatedCorpus();
};

void TestMarkdownProse::sampleStory()
{
    const QString body = sampleBody();
    QVERIFY(body.size() > 2500);
    const Found cmark = cmarkFinds(body);
    const Found scanner = scannerFinds(body);
    QVERIFY(cmark.paragraphs.size() > 10);
    QCOMPARE(scanner.paragraphs, cmark.paragraphs);
    QCOMPARE(scanner.headings, cmark.headings);
    QCOMPARE(scanner.code, cmark.code);
    QCOMPARE(scanner.codeSpans, cmark.codeSpans);
}

void TestMarkdownProse::constructs_data()
{
    QTest::addColumn<QString>("markdown");
    QTest::newRow("paragraphs") << u"One\ntwo\n\nThree"_s;
    QTest::newRow("--- under a list item is a thematic break") << u"- item\n---\n\nText"_s;
    QTest::newRow("--- under a block quote is a thematic break") << u"> quote\n---"_s;
    QTest::newRow("=== under a block quote is text") << u"> quote\n==="_s;
    QTest::newRow("a block quote interrupts a paragraph") << u"Paragraph\n> quote\nlazy"_s;
    QTest::newRow("a line of only > ends a block quote paragraph") << u"> one\n>\n> two"_s;
    QTest::newRow("a deeper block quote interrupts one") << u"> one\n>> two\n> lazy"_s;
    QTest::newRow("indented code goes on over blank lines") << u"    one\n\n    two\n\nText"_s;
    QTest::newRow("an item's second paragraph is no code") << u"- item\n\n    more\n\nText"_s;
    QTest::newRow("code inside a list item") << u"1. item\n\n       code\n\nText"_s;
    QTest::newRow("a nested item's paragraph") << u"- outer\n  - inner\n\n      more\n\nText"_s;
    QTest::newRow("a line back at the margin ends the list") << u"- item\n\nText\n\n    code"_s;
    QTest::newRow("setext heading with a hard break") << u"Two \\\nlines `code`\n==="_s;
    QTest::newRow("setext heading starting with #") << u"#5 story\n---"_s;
    QTest::newRow("ATX heading with closing #s") << u"## Title ##\n\n# Q&A #5"_s;
}

void TestMarkdownProse::constructs()
{
    QFETCH(QString, markdown);
    const Found cmark = cmarkFinds(markdown);
    const Found scanner = scannerFinds(markdown);
    QCOMPARE(scanner.describe(), cmark.describe());
}

void TestMarkdownProse::generatedCorpus()
{
    Composer composer(20250306);
    int differ = 0;
    for (int i = 0; i < 3000; ++i) {
        const QString markdown = composer.document();
        const QString cmark = cmarkFinds(markdown).describe();
        const QString scanner = scannerFinds(markdown).describe();
        if (cmark != scanner) {
            if (++differ <= 5)
                qWarning().noquote() << "DOCUMENT\n" << markdown << "\nCMARK\n" << cmark << "\nSCANNER\n" << scanner;
        }
    }
    QCOMPARE(differ, 0);
}

QTEST_GUILESS_MAIN(TestMarkdownProse)
#include "tst_markdownprose.moc"
