// SPDX-License-Identifier: MIT
#include "quoteanalyzer.h"

#include "markdownprose.h"
#include "quoteparagraphreader.h"
#include "quotestoryreader.h"

#include <QHash>

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
