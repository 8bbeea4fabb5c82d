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

} // namespace MarkdownProse

// Word count, character count, reading time and outline of a Markdown body,
// counting what a reader sees: no Markdown syntax, no image targets or link
// destinations, no HTML tags.
//
// Words are ICU word-boundary segments holding a letter or a digit (UAX #29):
// "U.K." and "Ukraine's" are one word each, "elected—in" is two. Unlike ICU,
// parts joined by a hyphen, ampersand or slash with no space ("laser-focused",
// "Q&A", "and/or") count as one word, as word processors and copy desks count
// them. A bare URL is one word.
class TextStats
{
public:
    // Adult silent reading of non-fiction runs at about 238 words a minute
    // (Brysbaert 2019, a meta-analysis of 190 studies); news text with names and
    // figures reads a little slower, so 230.
    static constexpr int WordsPerMinute = 230;

    struct Heading {
        int level = 0; // 1–6
        QString text; // without the #s or the inline markup
        qsizetype offset = 0; // of the heading's line in the body
        friend bool operator==(const Heading &, const Heading &) = default;
    };

    static TextStats of(QStringView markdown);

    int words() const { return m_words; }
    // Characters as a reader counts them (grapheme clusters), line breaks excluded.
    int characters() const { return m_characters; }
    int charactersWithoutSpaces() const { return m_charactersWithoutSpaces; }
    // At WordsPerMinute, rounded up to the second; 0 for no words.
    int readingTimeSeconds() const;
    // Rounded up to the minute, as a status bar shows it; 0 for no words.
    int readingTimeMinutes() const;
    const QList<Heading> &outline() const { return m_outline; }

    // The text a reader sees of one block (a setext heading without its
    // underline), with the Markdown syntax removed.
    static QString proseOf(QStringView block, MarkdownProse::Block::Type type);

private:
    int m_words = 0;
    int m_characters = 0;
    int m_charactersWithoutSpaces = 0;
    QList<Heading> m_outline;
};
