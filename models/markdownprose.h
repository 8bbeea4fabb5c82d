// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringView>

// Which parts of a Markdown story body are prose. TextStats counts only prose,
// QuoteAnalyzer looks for quotation marks only in prose and Typography changes
// only prose, so the three share this one scanner and agree with each other.
//
// It knows the CommonMark subset a story body uses, line by line and without a
// syntax tree: fenced and indented code blocks, ATX and setext headings,
// thematic breaks, list items and block quotes as paragraphs, and inline code
// spans, images, link destinations, autolinks, HTML tags and bare URLs. A full
// parser (cmark-gfm, which renders the article) would cost a syntax tree per
// keystroke and byte offsets to map back to the editor's QString positions.
namespace MarkdownProse {

struct Block {
    enum class Type {
        Paragraph, // a paragraph, a list item or a block quote paragraph
        Heading,
        Code, // fenced or indented; fence lines included
        ThematicBreak,
    };
    Type type = Type::Paragraph;
    qsizetype offset = 0; // first character of the block's first line
    qsizetype length = 0; // up to the end of its last line, line break excluded
    int headingLevel = 0; // 1–6 for a heading
    // For a setext heading, the underline's length plus its line break: the
    // heading's text is the block without it.
    qsizetype underlineLength = 0;
};

// The blocks of text, in order. Blank lines belong to no block.
QList<Block> blocks(QStringView text);

// How to read an opening code span, link or tag that has no end yet.
enum class Completeness {
    // The text is complete: an opener without its closer is plain text (CommonMark).
    Complete,
    // The user is typing: an opener without its closer runs to the end, so
    // typography does not change what is about to become code or a URL.
    BeingTyped,
};

struct Span {
    enum class Kind {
        CodeSpan, // `code`, backticks included
        Image, // ![alt](target "title"), all of it
        LinkMarkup, // a link's [ and its ](destination "title") or ][label]; its text is prose
        Autolink, // <https://…>
        HtmlTag, // <tag …>, </tag>, <!-- comment -->
        BareUrl, // https://…, www.…
        Escape, // a backslash and the character it escapes
    };
    Kind kind = Kind::CodeSpan;
    qsizetype offset = 0;
    qsizetype length = 0;
    qsizetype end() const { return offset + length; }
};

// The spans of one paragraph or heading that are not prose, in order, not
// overlapping; offsets relative to block.
QList<Span> literalSpans(QStringView block, Completeness completeness = Completeness::Complete);

// True when position of text lies in a code block or a literal span, reading
// text as being typed. For the character the user just typed.
bool isLiteralAt(QStringView text, qsizetype position);

// What a reader sees of a code block: its lines without the fences of a
// fenced block or the indentation of an indented one.
QString codeText(QStringView block);

// 1–6 when line is an ATX heading (## Heading), else 0.
int atxHeadingLevel(QStringView line);

// A heading's text: an ATX heading without its #s and closing sequence, a
// setext heading (given without its underline) trimmed. Inline markup stays.
QStringView headingText(QStringView block);

// The length of the container markers that open a paragraph's line:
// indentation, block quote >s, a list marker and a task box.
qsizetype containerPrefixLength(QStringView line);

// The code of a code span (backticks included in span): without the
// backticks, and without one space each side when both sides have one.
QStringView codeSpanText(QStringView span);

} // namespace MarkdownProse
