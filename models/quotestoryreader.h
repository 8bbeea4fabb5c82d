// SPDX-License-Identifier: MIT
#pragma once

// The second of the quote analyzer's two readers: takes what each paragraph
// said on its own (quoteparagraphreader.h), in order, and decides who is who
// across the story: which person a surname or a pronoun refers to, whose a
// quote continued from the paragraph before is, and which quotations nobody
// is named as saying. Internal to QuoteAnalyzer.

#include "quoteanalyzer.h"
#include "quoteparagraphreader.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringView>

namespace Quotes {

// The whole-story pass: people, pronouns and quotes across paragraphs.
class StoryReader
{
public:
    void paragraph(const ParagraphScan &scan, QStringView text, qsizetype offset);
    Analysis finish();

private:
    int resolve(const Reference &ref, qsizetype offset, bool mayCreate);
    int resolveName(const Reference &ref, qsizetype offset, bool mayCreate);
    int resolvePronoun(const QString &pronoun);
    void spoke(int speaker);
    void addFinding(Finding::Kind kind, Finding::Severity severity, const QString &message, TextRange range);

    Analysis m_analysis;
    QList<QString> m_pronouns; // per speaker, once a pronoun was resolved to them
    QHash<QString, QList<int>> m_bySurname;
    QHash<QString, int> m_byDescription;
    QList<int> m_spokeLast; // speakers, most recent last
    // The previous paragraph's quote left open at its end, if any.
    int m_openQuotation = -1;
    int m_paragraph = -1;
    // Quotations with no speaker yet and why, for the messages at the end.
    enum class Missing { Attribution, Pronoun, Subject, ClosedBefore };
    QHash<int, Missing> m_missing;
    QHash<int, int> m_continues; // quotation → the one of the paragraph before it continues
};

} // namespace Quotes
