// SPDX-License-Identifier: MIT
#pragma once

// The first of the quote analyzer's two readers: what one paragraph says on
// its own, read without the rest of the story (so an editor re-reads only the
// paragraphs that changed): its quotation marks and quotes, the names, titles
// and pronouns in it, and the attribution phrases that tie a quote to one of
// them. Who a name or pronoun is, and quotes that run across paragraphs, are
// the StoryReader's (quotestoryreader.h). Internal to QuoteAnalyzer.

#include "quoteanalyzer.h"

#include <QList>
#include <QString>
#include <QStringView>

namespace Quotes {

// A reference to a person as read in one paragraph, before the story-wide
// pass decides who it is.
struct Reference {
    enum class Kind : quint8 { None, Name, Pronoun, Description };
    Kind kind = Kind::None;
    TextRange range; // relative to the paragraph
    QString text; // as written
    // For a name: the parts of "British Defense Secretary John Healey".
    QString title; // "British Defense Secretary"
    QString fullName; // "John Healey"
    QString surname; // "Healey"
    bool hasTitle = false;
    bool isValid() const { return kind != Kind::None; }
};

struct RawQuote {
    qsizetype open = -1; // the opening mark; -1 when the paragraph continues a quote without one
    qsizetype close = -1; // the closing mark; -1 when the quote runs to the paragraph's end
    qsizetype start = 0; // range, relative to the paragraph
    qsizetype end = 0;
    qsizetype innerStart = 0;
    qsizetype innerEnd = 0;
    bool partial = false;
    // Resumes after the attribution that interrupted the quote before it:
    // "We will fight," Hegseth said, "and we will win."
    bool resumes = false;
    Quotation::Attribution form = Quotation::Attribution::None;
    Reference speaker;
    QString verb;
    QString listener;
    TextRange attributionRange;
    QList<Reference> subjects; // for a partial quote: who its sentence's subject may be, best first
};

struct LocalFinding {
    Finding::Kind kind;
    Finding::Severity severity;
    QString message;
    TextRange range;
};

struct Event {
    enum class Kind : quint8 { Mention, Speech, Quote };
    qsizetype at = 0;
    Kind kind = Kind::Mention;
    int index = 0; // into references or quotes
};

// What one paragraph says on its own; offsets relative to it.
struct ParagraphScan {
    bool imageOnly = false;
    QList<RawQuote> quotes;
    QList<Reference> references;
    QList<Event> events;
    QList<LocalFinding> findings;
    bool opensWithMark = false; // its first quote opens at its first character (a continuation)
    bool leadingStrayClose = false; // its first mark closes a quote it never opened
    bool endsOpen = false; // its last quote is not closed
};

// Reads one paragraph (a Markdown paragraph, list item or block quote
// paragraph, as MarkdownProse finds them); offsets in the result are relative
// to text.
ParagraphScan readParagraph(QStringView text);

} // namespace Quotes
