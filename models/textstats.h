// SPDX-License-Identifier: MIT
#pragma once

#include "markdownprose.h"

#include <QList>
#include <QString>
#include <QStringView>


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
