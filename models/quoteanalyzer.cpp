// SPDX-License-Identifier: MIT
#include "quoteanalyzer.h"

#include "markdownprose.h"
#include "quoteparagraphreader.h"
#include "quotestoryreader.h"

#include <QHash>

#include <optional>

using namespace Qt::StringLiterals;

namespace Quotes {

namespace {

// The paragraphs of body a quote can be in, each read on its own by
// ParagraphReader (through scanOf, which may reuse an earlier reading), then
// together by StoryReader.
template<typename ScanOf>
Analysis analyzeWith(const QString &body, ScanOf scanOf)
{
    StoryReader story;
    for (const MarkdownProse::Block &block : MarkdownProse::blocks(body)) {
        if (block.type != MarkdownProse::Block::Type::Paragraph)
            continue;
        const QString text = body.sliced(block.offset, block.length);
        const ParagraphScan &scan = scanOf(text);
        if (!scan.imageOnly)
            story.paragraph(scan, text, block.offset);
    }
    return story.finish();
}

} // namespace

QString Analysis::speakerName(const Quotation &quotation) const
{
    return quotation.speaker >= 0 && quotation.speaker < speakers.size() ? speakers.at(quotation.speaker).name : QString();
}

void completeSpeakers(Analysis &analysis, const QStringList &knownNames)
{
    for (Speaker &speaker : analysis.speakers) {
        if ((!speaker.fullName.isEmpty() && !speaker.title.isEmpty()) || speaker.name.isEmpty())
            continue;
        std::optional<Speaker> match;
        bool ambiguous = false;
        for (const QString &known : knownNames) {
            const qsizetype before = known.size() - speaker.name.size() - 1;
            if (!known.endsWith(speaker.name) || before < 0 || known.at(before) != u' ')
                continue;
            // The known name read as a sentence's subject, as the story's own
            // first reference would be read: its title and full name.
            const Analysis read = analyze(known + u" said."_s);
            if (read.speakers.size() != 1 || read.speakers.constFirst().name != speaker.name)
                continue;
            const Speaker &candidate = read.speakers.constFirst();
            if (!speaker.fullName.isEmpty() && candidate.fullName != speaker.fullName)
                continue;
            if (match && (match->fullName != candidate.fullName || match->title != candidate.title))
                ambiguous = true;
            match = candidate;
        }
        if (!match || ambiguous)
            continue;
        if (speaker.fullName.isEmpty())
            speaker.fullName = match->fullName;
        if (speaker.title.isEmpty())
            speaker.title = match->title;
    }
}

Analysis analyze(const QString &body)
{
    ParagraphScan scan;
    return analyzeWith(body, [&scan](const QString &text) -> const ParagraphScan & {
        scan = readParagraph(text);
        return scan;
    });
}

} // namespace Quotes

struct QuoteAnalyzer::Private {
    // Paragraph text → what it says on its own. Only the paragraphs of the
    // latest analysis are kept.
    QHash<QString, Quotes::ParagraphScan> scans;
};

QuoteAnalyzer::QuoteAnalyzer()
    : d(std::make_unique<Private>())
{
}

QuoteAnalyzer::~QuoteAnalyzer() = default;

Quotes::Analysis QuoteAnalyzer::analyze(const QString &body)
{
    QHash<QString, Quotes::ParagraphScan> kept;
    Quotes::Analysis analysis = Quotes::analyzeWith(body, [&](const QString &text) -> const Quotes::ParagraphScan & {
        if (const auto it = kept.constFind(text); it != kept.cend())
            return *it;
        auto known = d->scans.find(text);
        if (known == d->scans.end())
            return *kept.insert(text, Quotes::readParagraph(text));
        return *kept.insert(text, std::move(*known));
    });
    d->scans = std::move(kept);
    return analysis;
}
