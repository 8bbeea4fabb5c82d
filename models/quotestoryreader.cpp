// SPDX-License-Identifier: MIT
#include "quotestoryreader.h"

#include <QCoreApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Quotes {

void StoryReader::addFinding(Finding::Kind kind, Finding::Severity severity, const QString &message, TextRange range)
{
    m_analysis.findings.append({kind, severity, message, range, m_paragraph});
}

void StoryReader::spoke(int speaker)
{
    m_spokeLast.removeOne(speaker);
    m_spokeLast.append(speaker);
}

int StoryReader::resolvePronoun(const QString &pronoun)
{
    // The most recent speaker who is not known by another pronoun. "They" may
    // be a group as well as a person, so it teaches nothing.
    for (auto it = m_spokeLast.crbegin(); it != m_spokeLast.crend(); ++it) {
        QString &known = m_pronouns[*it];
        if (known.isEmpty() || known == pronoun) {
            if (pronoun != u"they")
                known = pronoun;
            return *it;
        }
    }
    return -1;
}

int StoryReader::resolveName(const Reference &ref, qsizetype offset, bool mayCreate)
{
    if (ref.surname.isEmpty())
        return -1;
    const QList<int> namesakes = m_bySurname.value(ref.surname);
    const QStringView firstName = QStringView(ref.fullName).split(u' ').constFirst();
    const bool fullName = ref.fullName.contains(u' ');
    for (auto it = namesakes.crbegin(); it != namesakes.crend(); ++it) {
        Speaker &known = m_analysis.speakers[*it];
        if (!fullName || known.fullName.isEmpty() || QStringView(known.fullName).split(u' ').constFirst() == firstName) {
            // Learn what the first reference left out.
            if (known.fullName.isEmpty() && fullName)
                known.fullName = ref.fullName;
            if (known.title.isEmpty())
                known.title = ref.title;
            return *it;
        }
    }
    if (!mayCreate && !ref.hasTitle)
        return -1;
    Speaker speaker;
    speaker.name = ref.surname;
    speaker.fullName = fullName ? ref.fullName : QString();
    speaker.title = ref.title;
    speaker.firstReference = ref.text;
    speaker.firstReferenceRange = {offset + ref.range.offset, ref.range.length};
    m_analysis.speakers.append(speaker);
    m_pronouns.append(QString());
    const int index = int(m_analysis.speakers.size()) - 1;
    m_bySurname[ref.surname].append(index);
    return index;
}

int StoryReader::resolve(const Reference &ref, qsizetype offset, bool mayCreate)
{
    switch (ref.kind) {
    case Reference::Kind::None:
        return -1;
    case Reference::Kind::Pronoun:
        return resolvePronoun(ref.text.toLower());
    case Reference::Kind::Name:
        return resolveName(ref, offset, mayCreate);
    case Reference::Kind::Description: {
        const QString key = ref.text.toLower();
        if (const auto it = m_byDescription.constFind(key); it != m_byDescription.cend())
            return *it;
        if (!mayCreate)
            return -1;
        m_analysis.speakers.append(Speaker{.name = ref.text, .firstReference = ref.text, .firstReferenceRange = {offset + ref.range.offset, ref.range.length}});
        m_pronouns.append(QString());
        const int index = int(m_analysis.speakers.size()) - 1;
        m_byDescription.insert(key, index);
        return index;
    }
    }
    return -1;
}

void StoryReader::paragraph(const ParagraphScan &scan, QStringView text, qsizetype offset)
{
    m_paragraph = int(m_analysis.paragraphs.size());
    m_analysis.paragraphs.append({offset, text.size()});
    const auto absolute = [offset](TextRange range) { return TextRange{offset + range.offset, range.length}; };

    // AP: a quote that runs on into the next paragraph is not closed, and the
    // next paragraph opens with a quotation mark.
    const int continued = m_openQuotation;
    const bool continues = continued >= 0 && scan.opensWithMark;
    if (continued >= 0 && !continues) {
        if (scan.leadingStrayClose) {
            const RawQuote &first = scan.quotes.constFirst();
            addFinding(Finding::Kind::ContinuationMarks, Finding::Severity::Warning,
                       QCoreApplication::translate("QuoteAnalyzer", "This paragraph continues the quotation from the paragraph before, so it must open with a quotation mark."),
                       absolute({first.start, first.end - first.start}));
        } else {
            const Quotation &open = m_analysis.quotations.at(continued);
            --m_paragraph;
            addFinding(Finding::Kind::UnbalancedQuotes, Finding::Severity::Warning,
                       QCoreApplication::translate("QuoteAnalyzer", "This quotation is never closed. If it continues in the next paragraph, open that paragraph with a quotation mark."),
                       open.range);
            ++m_paragraph;
        }
    } else if (continued < 0 && scan.leadingStrayClose) {
        const RawQuote &first = scan.quotes.constFirst();
        addFinding(Finding::Kind::UnbalancedQuotes, Finding::Severity::Warning,
                   QCoreApplication::translate("QuoteAnalyzer", "This closing quotation mark has no opening mark before it."), absolute({first.close, 1}));
    }
    for (const LocalFinding &finding : scan.findings)
        addFinding(finding.kind, finding.severity, finding.message, absolute(finding.range));

    const int firstQuotation = int(m_analysis.quotations.size());
    const int previousLast = firstQuotation - 1;
    const bool previousClosedAtEnd = continued < 0 && previousLast >= 0 && m_analysis.quotations.at(previousLast).paragraph == m_paragraph - 1
                                     && m_analysis.quotations.at(previousLast).range.end() >= m_analysis.paragraphs.at(m_paragraph - 1).end() - 1;
    for (const Event &event : scan.events) {
        if (event.kind != Event::Kind::Quote) {
            const Reference &ref = scan.references.at(event.index);
            const int speaker = resolve(ref, offset, event.kind == Event::Kind::Speech || ref.hasTitle);
            if (speaker >= 0 && event.kind == Event::Kind::Speech)
                spoke(speaker);
            continue;
        }
        const RawQuote &raw = scan.quotes.at(event.index);
        Quotation quotation;
        quotation.text = text.sliced(raw.innerStart, raw.innerEnd - raw.innerStart).toString();
        quotation.range = absolute({raw.start, raw.end - raw.start});
        quotation.paragraph = m_paragraph;
        quotation.partial = raw.partial;
        quotation.verb = raw.verb;
        quotation.listener = raw.listener;
        if (raw.attributionRange.length > 0)
            quotation.attributionRange = absolute(raw.attributionRange);
        const int index = int(m_analysis.quotations.size());
        const bool continuesParagraph = event.index == 0 && continued >= 0 && (continues || scan.leadingStrayClose);
        if (continuesParagraph)
            m_continues.insert(index, continued);
        int speaker = -1;
        if (raw.form != Quotation::Attribution::None) {
            speaker = resolve(raw.speaker, offset, true);
            quotation.attribution = raw.form;
            quotation.speakerAsWritten = raw.speaker.text;
            if (speaker < 0)
                m_missing.insert(index, Missing::Pronoun);
        } else if (!raw.partial || raw.resumes) {
            int before = -1;
            if (continuesParagraph) {
                before = continued;
            } else {
                for (int q = index - 1; q >= firstQuotation; --q) {
                    if (m_analysis.quotations.at(q).speaker >= 0) {
                        before = q;
                        break;
                    }
                }
            }
            if (before >= 0) {
                speaker = m_analysis.quotations.at(before).speaker;
                quotation.attribution = Quotation::Attribution::SameSpeaker;
            } else {
                m_missing.insert(index, event.index == 0 && previousClosedAtEnd ? Missing::ClosedBefore : Missing::Attribution);
            }
        } else {
            for (const Reference &subject : raw.subjects) {
                speaker = resolve(subject, offset, false);
                if (speaker >= 0) {
                    quotation.attribution = Quotation::Attribution::SentenceSubject;
                    quotation.speakerAsWritten = subject.text;
                    break;
                }
            }
            if (speaker < 0)
                m_missing.insert(index, Missing::Subject);
        }
        quotation.speaker = speaker;
        if (speaker >= 0) {
            spoke(speaker);
            // A multi-paragraph quote attributed only in a later paragraph.
            for (int q = index; m_continues.contains(q);) {
                q = m_continues.value(q);
                if (m_analysis.quotations.at(q).speaker >= 0)
                    break;
                m_analysis.quotations[q].speaker = speaker;
                m_analysis.quotations[q].attribution = Quotation::Attribution::SameSpeaker;
                m_missing.remove(q);
            }
        }
        m_analysis.quotations.append(quotation);
    }
    m_openQuotation = scan.endsOpen ? int(m_analysis.quotations.size()) - 1 : -1;
}

Analysis StoryReader::finish()
{
    if (m_openQuotation >= 0) {
        const Quotation &open = m_analysis.quotations.at(m_openQuotation);
        m_paragraph = open.paragraph;
        addFinding(Finding::Kind::UnbalancedQuotes, Finding::Severity::Warning, QCoreApplication::translate("QuoteAnalyzer", "This quotation is never closed."), open.range);
    }
    for (int index = 0; index < m_analysis.quotations.size(); ++index) {
        const Quotation &quotation = m_analysis.quotations.at(index);
        if (quotation.speaker >= 0) {
            ++m_analysis.speakers[quotation.speaker].quotations;
            continue;
        }
        QString message;
        switch (m_missing.value(index, Missing::Attribution)) {
        case Missing::Attribution:
            message = QCoreApplication::translate("QuoteAnalyzer", "No one is named as saying this quotation.");
            break;
        case Missing::Pronoun:
            message = QCoreApplication::translate("QuoteAnalyzer", "“%1” has no named speaker before it to refer to.").arg(quotation.speakerAsWritten);
            break;
        case Missing::Subject:
            message = QCoreApplication::translate("QuoteAnalyzer", "No one is named as saying this partial quotation: name the speaker in its sentence.");
            break;
        case Missing::ClosedBefore:
            message = QCoreApplication::translate("QuoteAnalyzer",
                                                  "No one is named as saying this quotation. If it continues the quotation of "
                                                  "the paragraph before, AP leaves the closing mark off that paragraph; "
                                                  "otherwise attribute it.");
            break;
        }
        m_paragraph = quotation.paragraph;
        addFinding(Finding::Kind::NoSpeaker, Finding::Severity::Warning, message, quotation.range);
    }
    std::stable_sort(m_analysis.findings.begin(), m_analysis.findings.end(), [](const Finding &a, const Finding &b) {
        return a.range.offset < b.range.offset;
    });
    return std::move(m_analysis);
}

} // namespace Quotes
