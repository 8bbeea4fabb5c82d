// SPDX-License-Identifier: MIT
#include "quoteparagraphreader.h"

#include "markdownprose.h"
#include "quotewords.h"

#include <QCoreApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Quotes {

namespace {

constexpr char16_t StraightMark = u'"';
constexpr char16_t OpeningMark = u'\u201C';
constexpr char16_t ClosingMark = u'\u201D';

bool isMark(QChar c)
{
    return c == StraightMark || c == OpeningMark || c == ClosingMark;
}

const WordSet &speechVerbs()
{
    return wordLists().speechVerbs;
}

const WordSet &listenerVerbs()
{
    return wordLists().listenerVerbs;
}

const WordSet &adverbs()
{
    return wordLists().adverbs;
}

const WordSet &auxiliaries()
{
    return wordLists().auxiliaries;
}

const WordSet &titleWords()
{
    return wordLists().titleWords;
}

const WordSet &organisationWords()
{
    return wordLists().organisationWords;
}

const WordSet &sentenceWords()
{
    return wordLists().sentenceWords;
}

const WordSet &pronouns()
{
    return wordLists().pronouns;
}

const WordSet &determiners()
{
    return wordLists().determiners;
}

const WordSet &titleConnectors()
{
    return wordLists().titleConnectors;
}

const WordSet &nameParticles()
{
    return wordLists().nameParticles;
}

const WordSet &nameSuffixes()
{
    return wordLists().nameSuffixes;
}

const WordSet &abbreviations()
{
    return wordLists().abbreviations;
}

QStringView withoutPossessive(QStringView word)
{
    if (word.endsWith(u"'s") || word.endsWith(u"\u2019s"))
        return word.chopped(2);
    return word;
}

QString joinedWithSpaces(const QList<QStringView> &words)
{
    QString out;
    for (QStringView word : words) {
        if (!out.isEmpty())
            out.append(u' ');
        out.append(word);
    }
    return out;
}

// What separates a word from the one before it.
enum GapFlag : quint8 {
    Comma = 1, // , or ;
    Colon = 2,
    SentenceEnd = 4, // . ! ? … not part of an abbreviation
    QuoteMark = 8,
    OtherPunctuation = 16, // brackets, dashes, slashes, literal spans
};

struct Token {
    qsizetype start = 0;
    qsizetype end = 0;
    quint8 gapBefore = 0;
    bool inQuote = false;
};

class ParagraphReader
{
public:
    explicit ParagraphReader(QStringView text)
        : m_text(text)
    {
    }

    ParagraphScan read();

private:
    enum class Role { Open, Close, Either };
    struct Run {
        int first = 0;
        int last = 0;
    };

    QStringView word(int t) const { return m_text.sliced(m_tokens[t].start, m_tokens[t].end - m_tokens[t].start); }
    bool isLower(int t) const { return m_text[m_tokens[t].start].isLower(); }
    bool attached(int t) const { return t < m_tokens.size() && m_tokens[t].gapBefore == 0 && !m_tokens[t].inQuote; }
    bool isSpeechVerb(int t) const;
    bool isPronoun(int t) const { return pronouns().contains(word(t)); }
    bool isDeterminer(int t) const { return determiners().contains(word(t)); }
    bool isAdverb(int t) const;
    bool isVerbLike(int t) const;
    int skipAdverbs(int t) const;
    int skipAdverbsBackward(int t) const;
    int firstTokenAtOrAfter(qsizetype position) const;
    int lastTokenBefore(qsizetype position) const;

    void findMarks();
    void pairMarks();
    void tokenize();
    void findRuns();
    Reference nameReference(int first, int last) const;
    Reference referenceForward(int t, int *next) const;
    Reference referenceBackward(int t) const;
    Reference reference(Reference::Kind kind, int first, int last) const;
    bool opensSentence(qsizetype open) const;
    bool attributeAfter(RawQuote *quote);
    bool attributeBefore(RawQuote *quote);
    QString listenerAfter(int verb, int *end) const;
    void findSubjects(RawQuote *quote) const;
    void findNarrative();
    void findInsertions();
    void consume(int first, int last);

    QStringView m_text;
    QList<MarkdownProse::Span> m_spans;
    struct Mark {
        qsizetype at;
        Role role;
    };
    QList<Mark> m_marks;
    QList<Token> m_tokens;
    QList<int> m_runOf; // run index per token, -1 for none
    QList<Run> m_runs;
    QList<bool> m_consumed; // tokens that belong to an attribution phrase
    ParagraphScan m_scan;
};

bool ParagraphReader::isSpeechVerb(int t) const
{
    if (t < 0 || t >= m_tokens.size() || m_tokens[t].inQuote || !isLower(t))
        return false;
    const QStringView w = word(t);
    if (!speechVerbs().contains(w))
        return false;
    return w != u"pointed" || (attached(t + 1) && word(t + 1) == u"out");
}

bool ParagraphReader::isAdverb(int t) const
{
    if (!isLower(t))
        return false;
    const QStringView w = word(t);
    return adverbs().contains(w) || (w.size() > 4 && w.endsWith(u"ly"));
}

bool ParagraphReader::isVerbLike(int t) const
{
    if (t >= m_tokens.size() || !attached(t) || !isLower(t))
        return false;
    const QStringView w = word(t);
    return isSpeechVerb(t) || auxiliaries().contains(w) || w.endsWith(u"ed") || (w.size() > 2 && w.endsWith(u's') && !w.endsWith(u"ss"));
}

int ParagraphReader::skipAdverbs(int t) const
{
    for (int skipped = 0; skipped < 2 && t + 1 < m_tokens.size() && isAdverb(t) && attached(t + 1); ++skipped)
        ++t;
    return t;
}

int ParagraphReader::skipAdverbsBackward(int t) const
{
    for (int skipped = 0; skipped < 2 && t > 0 && isAdverb(t) && attached(t); ++skipped)
        --t;
    return t;
}

int ParagraphReader::firstTokenAtOrAfter(qsizetype position) const
{
    const auto it = std::lower_bound(m_tokens.cbegin(), m_tokens.cend(), position, [](const Token &token, qsizetype p) { return token.start < p; });
    return int(it - m_tokens.cbegin());
}

int ParagraphReader::lastTokenBefore(qsizetype position) const
{
    const auto it = std::lower_bound(m_tokens.cbegin(), m_tokens.cend(), position, [](const Token &token, qsizetype p) { return token.end <= p; });
    return int(it - m_tokens.cbegin()) - 1;
}

void ParagraphReader::findMarks()
{
    qsizetype spanIndex = 0;
    const qsizetype n = m_text.size();
    for (qsizetype i = 0; i < n; ++i) {
        while (spanIndex < m_spans.size() && m_spans[spanIndex].end() <= i)
            ++spanIndex;
        if (spanIndex < m_spans.size() && m_spans[spanIndex].offset <= i) {
            i = m_spans[spanIndex].end() - 1;
            continue;
        }
        const QChar c = m_text[i];
        if (c == OpeningMark) {
            m_marks.append({i, Role::Open});
        } else if (c == ClosingMark) {
            m_marks.append({i, Role::Close});
        } else if (c == StraightMark) {
            // A straight mark opens after a space or an opening bracket or dash
            // and closes before a space or punctuation.
            const QChar before = i > 0 ? m_text[i - 1] : QChar(u' ');
            const QChar after = i + 1 < n ? m_text[i + 1] : QChar(u' ');
            const bool opens = before.isSpace() || u"([{\u2014\u2013-/*_\u2018\u201C"_s.contains(before);
            const bool closes = after.isSpace() || u".,;:!?)]}\u2014\u2013-*_\u2026'\u2019\u201D"_s.contains(after);
            m_marks.append({i, opens == closes ? Role::Either : (opens ? Role::Open : Role::Close)});
        }
    }
}

void ParagraphReader::pairMarks()
{
    qsizetype proseStart = 0;
    while (proseStart < m_text.size() && m_text[proseStart].isSpace())
        ++proseStart;
    qsizetype proseEnd = m_text.size();
    while (proseEnd > proseStart && m_text[proseEnd - 1].isSpace())
        --proseEnd;

    qsizetype open = -1;
    bool anyMark = false;
    for (const Mark &mark : std::as_const(m_marks)) {
        const Role role = mark.role == Role::Either ? (open >= 0 ? Role::Close : Role::Open) : mark.role;
        if (role == Role::Open) {
            if (open >= 0) {
                m_scan.findings.append({Finding::Kind::UnbalancedQuotes, Finding::Severity::Warning,
                                        QCoreApplication::translate("QuoteAnalyzer", "This quotation mark opens a quote inside the quote already open: a closing mark is missing before it, or it is one too many."),
                                        {mark.at, 1}});
            } else {
                open = mark.at;
            }
        } else if (open >= 0) {
            m_scan.quotes.append(RawQuote{.open = open, .close = mark.at, .start = open, .end = mark.at + 1, .innerStart = open + 1, .innerEnd = mark.at});
            open = -1;
        } else if (!anyMark) {
            // Before any opening mark: the paragraph may continue the previous
            // paragraph's quote without opening it again. The whole-story pass decides.
            m_scan.leadingStrayClose = true;
            m_scan.quotes.append(RawQuote{.open = -1, .close = mark.at, .start = proseStart, .end = mark.at + 1, .innerStart = proseStart, .innerEnd = mark.at});
        } else {
            m_scan.findings.append({Finding::Kind::UnbalancedQuotes, Finding::Severity::Warning,
                                    QCoreApplication::translate("QuoteAnalyzer", "This closing quotation mark has no opening mark before it in the paragraph."),
                                    {mark.at, 1}});
        }
        anyMark = true;
    }
    if (open >= 0) {
        m_scan.endsOpen = true;
        m_scan.quotes.append(RawQuote{.open = open, .close = -1, .start = open, .end = proseEnd, .innerStart = open + 1, .innerEnd = proseEnd});
    }
    m_scan.opensWithMark = !m_scan.quotes.isEmpty() && m_scan.quotes.constFirst().open >= 0 && m_scan.quotes.constFirst().open == proseStart;
}

void ParagraphReader::tokenize()
{
    const qsizetype n = m_text.size();
    qsizetype spanIndex = 0;
    qsizetype quoteIndex = 0;
    quint8 gap = 0;
    for (qsizetype i = 0; i < n;) {
        while (spanIndex < m_spans.size() && m_spans[spanIndex].end() <= i)
            ++spanIndex;
        if (spanIndex < m_spans.size() && m_spans[spanIndex].offset <= i) {
            gap |= OtherPunctuation;
            i = m_spans[spanIndex].end();
            continue;
        }
        const QChar c = m_text[i];
        if (!c.isLetterOrNumber()) {
            if (c == u',' || c == u';')
                gap |= Comma;
            else if (c == u':')
                gap |= Colon;
            else if (c == u'.' || c == u'!' || c == u'?' || c == u'\u2026')
                gap |= SentenceEnd;
            else if (isMark(c))
                gap |= QuoteMark;
            else if (!c.isSpace() && c != u'*' && c != u'_')
                gap |= OtherPunctuation;
            ++i;
            continue;
        }
        const qsizetype start = i;
        bool dotted = false;
        ++i;
        while (i < n) {
            const QChar d = m_text[i];
            if (d.isLetterOrNumber()) {
                ++i;
            } else if ((d == u'\'' || d == u'\u2019' || d == u'-' || d == u'.' || d == u'&') && i + 1 < n && m_text[i + 1].isLetterOrNumber()) {
                dotted = dotted || d == u'.';
                i += 2;
            } else {
                break;
            }
        }
        // The period of an initial or abbreviation (J., U.S., Gen.) ends no sentence.
        if (i < n && m_text[i] == u'.') {
            const QStringView bare = m_text.sliced(start, i - start);
            if (dotted || (bare.size() == 1 && bare.front().isUpper()) || abbreviations().contains(bare))
                ++i;
        }
        while (quoteIndex < m_scan.quotes.size() && m_scan.quotes[quoteIndex].innerEnd <= start)
            ++quoteIndex;
        const bool inQuote = quoteIndex < m_scan.quotes.size() && m_scan.quotes[quoteIndex].innerStart <= start;
        m_tokens.append({start, i, quint8(m_tokens.isEmpty() ? 0 : gap), inQuote});
        gap = 0;
    }
    m_consumed.fill(false, m_tokens.size());
}

// Runs of capitalised words outside quotations: the names and titles.
void ParagraphReader::findRuns()
{
    m_runOf.fill(-1, m_tokens.size());
    const auto capitalised = [&](int t, bool continues) {
        const QChar first = m_text[m_tokens[t].start];
        // "1st" inside a title: Petty Officer 1st Class Alexander Kubitza.
        return first.isUpper() || (continues && first.isDigit() && word(t).size() <= 4 && word(t).back().isLetter());
    };
    bool hasTitle = false;
    Run run{-1, -1};
    const auto finish = [&]() {
        if (run.first < 0)
            return;
        while (run.first <= run.last && sentenceWords().contains(word(run.first)))
            ++run.first;
        // A run ends on a name, not on "of the".
        while (run.last >= run.first && isLower(run.last))
            --run.last;
        if (run.first <= run.last) {
            for (int t = run.first; t <= run.last; ++t)
                m_runOf[t] = int(m_runs.size());
            m_runs.append(run);
        }
        run = {-1, -1};
        hasTitle = false;
    };
    for (int t = 0; t < m_tokens.size(); ++t) {
        const Token &token = m_tokens[t];
        const bool continues = run.first >= 0 && token.gapBefore == 0 && !token.inQuote;
        if (!token.inQuote && capitalised(t, continues)) {
            if (!continues)
                finish();
            if (run.first < 0)
                run.first = t;
            run.last = t;
            hasTitle = hasTitle || titleWords().contains(word(t));
            continue;
        }
        // "Secretary of the Navy John Phelan", "Ursula von der Leyen".
        if (continues && t + 1 < m_tokens.size() && attached(t + 1)
            && ((hasTitle && titleConnectors().contains(word(t))) || nameParticles().contains(word(t)))) {
            run.last = t;
            continue;
        }
        finish();
    }
    finish();
}

Reference ParagraphReader::reference(Reference::Kind kind, int first, int last) const
{
    Reference ref;
    ref.kind = kind;
    ref.range = {m_tokens[first].start, m_tokens[last].end - m_tokens[first].start};
    ref.text = m_text.sliced(ref.range.offset, ref.range.length).toString();
    return ref;
}

// "British Defense Secretary John Healey": title "British Defense Secretary",
// name "John Healey", surname "Healey".
Reference ParagraphReader::nameReference(int first, int last) const
{
    Reference ref = reference(Reference::Kind::Name, first, last);
    int lastTitle = -1;
    for (int t = first; t <= last; ++t) {
        if (titleWords().contains(word(t)))
            lastTitle = t;
    }
    int nameStart = lastTitle + 1 > first ? lastTitle + 1 : first;
    if (lastTitle >= 0) {
        while (nameStart <= last && (organisationWords().contains(word(nameStart)) || isLower(nameStart)))
            ++nameStart;
    }
    int nameEnd = last;
    while (nameEnd > nameStart && nameSuffixes().contains(word(nameEnd)))
        --nameEnd;
    if (nameStart > nameEnd || nameEnd - nameStart > 3)
        return ref; // a title alone ("the Defense Secretary") or no name at all
    QList<QStringView> name;
    for (int t = nameStart; t <= last; ++t)
        name.append(t == last ? withoutPossessive(word(t)) : word(t));
    ref.hasTitle = lastTitle >= 0;
    ref.fullName = joinedWithSpaces(name);
    // Four capitalised words and no title name an organisation (Ukraine Defense
    // Contact Group), which is known by all of them.
    ref.surname = !ref.hasTitle && nameEnd - nameStart == 3 ? ref.fullName : withoutPossessive(word(nameEnd)).toString();
    if (ref.hasTitle)
        ref.title = m_text.sliced(m_tokens[first].start, m_tokens[nameStart - 1].end - m_tokens[first].start).toString();
    return ref;
}

// A speaker's reference starting at token t; *next is the token after it.
Reference ParagraphReader::referenceForward(int t, int *next) const
{
    if (t >= m_tokens.size() || m_tokens[t].inQuote)
        return {};
    if (isPronoun(t)) {
        *next = t + 1;
        return reference(Reference::Kind::Pronoun, t, t);
    }
    if (const int run = m_runOf[t]; run >= 0) {
        *next = m_runs[run].last + 1;
        return nameReference(t, m_runs[run].last);
    }
    if (isDeterminer(t)) {
        // "a Pentagon spokesman": up to four words, stopping at a speech verb.
        int last = t;
        while (last - t < 4 && attached(last + 1) && !isSpeechVerb(last + 1))
            ++last;
        if (last == t)
            return {};
        *next = last + 1;
        return reference(Reference::Kind::Description, t, last);
    }
    return {};
}

// A speaker's reference ending at token t.
Reference ParagraphReader::referenceBackward(int t) const
{
    if (t < 0 || m_tokens[t].inQuote)
        return {};
    if (isPronoun(t))
        return reference(Reference::Kind::Pronoun, t, t);
    if (const int run = m_runOf[t]; run >= 0)
        return m_runs[run].last == t ? nameReference(m_runs[run].first, t) : Reference{};
    if (!isLower(t) || isSpeechVerb(t))
        return {};
    for (int first = t - 1; first >= 0 && t - first <= 4 && attached(first + 1); --first) {
        if (m_tokens[first].inQuote)
            break;
        if (isDeterminer(first))
            return reference(Reference::Kind::Description, first, t);
    }
    return {};
}

QString ParagraphReader::listenerAfter(int verb, int *end) const
{
    *end = verb;
    if (!listenerVerbs().contains(word(verb)) || !attached(verb + 1))
        return {};
    int next = verb + 1;
    if (const int run = m_runOf[verb + 1]; run >= 0)
        next = m_runs[run].last;
    *end = next;
    return m_text.sliced(m_tokens[verb + 1].start, m_tokens[next].end - m_tokens[verb + 1].start).toString();
}

void ParagraphReader::consume(int first, int last)
{
    for (int t = first; t <= last; ++t)
        m_consumed[t] = true;
}

// A quote that opens a sentence, as opposed to a partial quote inside one.
bool ParagraphReader::opensSentence(qsizetype open) const
{
    qsizetype i = open - 1;
    while (i >= 0 && (m_text[i].isSpace() || m_text[i] == u'*' || m_text[i] == u'_'))
        --i;
    if (i < 0)
        return true;
    // A list or block quote marker on the paragraph's first line.
    const QStringView before = m_text.first(i + 1);
    if (!before.contains(u'\n') && std::all_of(before.begin(), before.end(), [](QChar c) { return c.isSpace() || c.isDigit() || u">-+*.)"_s.contains(c); }))
        return true;
    const QChar c = m_text[i];
    if (u".!?\u2026:"_s.contains(c))
        return true;
    return isMark(c) && i > 0 && u".!?\u2026"_s.contains(m_text[i - 1]);
}

// "…," Hegseth said / Hegseth told Healey / he added / said Hegseth / according to Hegseth.
bool ParagraphReader::attributeAfter(RawQuote *quote)
{
    if (quote->close < 0)
        return false;
    const int j = firstTokenAtOrAfter(quote->close + 1);
    if (j >= m_tokens.size() || m_tokens[j].inQuote)
        return false;
    bool comma = false;
    for (qsizetype i = quote->close + 1; i < m_tokens[j].start; ++i) {
        if (m_text[i] == u',')
            comma = true;
        else if (!m_text[i].isSpace())
            return false;
    }
    qsizetype last = quote->close - 1;
    while (last > quote->innerStart && m_text[last].isSpace())
        --last;
    // A quote that ends its sentence with a period takes no attribution after it.
    if (!comma && (last < quote->innerStart || !u",?!\u2014\u2013-\u2026"_s.contains(m_text[last])))
        return false;

    const auto accept = [&](Quotation::Attribution form, const Reference &speaker, int verb, int first, int end) {
        // "told Healey", but not "asked one official": there the speaker follows.
        int listenerEnd = verb;
        if (form == Quotation::Attribution::SpeakerVerb)
            quote->listener = listenerAfter(verb, &listenerEnd);
        end = std::max(end, listenerEnd);
        quote->form = speaker.kind == Reference::Kind::Pronoun ? Quotation::Attribution::Pronoun : form;
        quote->speaker = speaker;
        quote->verb = word(verb).toString();
        quote->attributionRange = {m_tokens[first].start, m_tokens[end].end - m_tokens[first].start};
        consume(first, end);
        return true;
    };

    // said Hegseth
    if (const int verb = skipAdverbs(j); isSpeechVerb(verb)) {
        int next = verb + 1;
        if (attached(verb + 1)) {
            if (const Reference speaker = referenceForward(verb + 1, &next); speaker.isValid())
                return accept(Quotation::Attribution::VerbSpeaker, speaker, verb, j, next - 1);
        }
    }
    // according to Hegseth
    if (word(j) == u"according" && attached(j + 1) && word(j + 1) == u"to") {
        int next = j + 2;
        if (attached(j + 2)) {
            if (const Reference speaker = referenceForward(j + 2, &next); speaker.isValid()) {
                quote->form = Quotation::Attribution::VerbSpeaker;
                quote->speaker = speaker;
                quote->verb = u"according to"_s;
                quote->attributionRange = {m_tokens[j].start, m_tokens[next - 1].end - m_tokens[j].start};
                consume(j, next - 1);
                return true;
            }
        }
    }
    // Hegseth said, Hegseth told Healey, Healey, the British defense secretary, said
    int next = j;
    const Reference speaker = referenceForward(j, &next);
    if (!speaker.isValid() || next >= m_tokens.size())
        return false;
    if (m_tokens[next].gapBefore == 0) {
        const int verb = skipAdverbs(next);
        if (isSpeechVerb(verb))
            return accept(Quotation::Attribution::SpeakerVerb, speaker, verb, j, verb);
        return false;
    }
    if (m_tokens[next].gapBefore == Comma) {
        for (int t = next + 1; t < m_tokens.size() && t - next < 15; ++t) {
            if (m_tokens[t].inQuote || (m_tokens[t].gapBefore & (SentenceEnd | QuoteMark)))
                break;
            if (m_tokens[t].gapBefore & Comma) {
                const int verb = skipAdverbs(t);
                if (isSpeechVerb(verb))
                    return accept(Quotation::Attribution::SpeakerVerb, speaker, verb, j, verb);
            }
        }
    }
    return false;
}

// Hegseth said, "…" / He told reporters: "…" / said Hegseth: "…"
bool ParagraphReader::attributeBefore(RawQuote *quote)
{
    if (quote->open < 0)
        return false;
    const int p = lastTokenBefore(quote->open);
    if (p < 0 || m_tokens[p].inQuote)
        return false;
    const QStringView between = m_text.sliced(m_tokens[p].end, quote->open - m_tokens[p].end);
    const bool introduced = between.contains(u',') || between.contains(u':') || isSpeechVerb(p) || isSpeechVerb(p - 1);
    if (!introduced || between.contains(u'.'))
        return false;
    for (int verb = p; verb >= 0 && p - verb <= 8; --verb) {
        if (m_tokens[verb].inQuote)
            return false;
        if (isSpeechVerb(verb) && !m_consumed[verb]) {
            int listenerEnd = verb;
            QString listener = listenerAfter(verb, &listenerEnd);
            const int subjectEnd = skipAdverbsBackward(verb - 1);
            Reference speaker;
            int first = verb;
            int last = listenerEnd;
            Quotation::Attribution form = Quotation::Attribution::SpeakerVerb;
            if (attached(verb) && subjectEnd >= 0) {
                speaker = referenceBackward(subjectEnd);
            } else if (m_tokens[verb].gapBefore & Comma) {
                // Trump, speaking to reporters aboard Air Force One, said, "…"
                for (int t = verb - 1; t > 0 && verb - t < 15 && !m_tokens[t].inQuote; --t) {
                    if (m_tokens[t].gapBefore & (SentenceEnd | QuoteMark))
                        break;
                    if (m_tokens[t].gapBefore & Comma) {
                        speaker = referenceBackward(t - 1);
                        break;
                    }
                }
            }
            if (speaker.isValid()) {
                first = firstTokenAtOrAfter(speaker.range.offset);
            } else if (attached(verb + 1)) {
                int next = verb + 1;
                speaker = referenceForward(verb + 1, &next);
                form = Quotation::Attribution::VerbSpeaker;
                last = std::max(last, next - 1);
                listener.clear();
            }
            if (!speaker.isValid())
                return false;
            quote->form = speaker.kind == Reference::Kind::Pronoun ? Quotation::Attribution::Pronoun : form;
            quote->speaker = speaker;
            quote->verb = word(verb).toString();
            quote->listener = listener;
            quote->attributionRange = {m_tokens[first].start, m_tokens[last].end - m_tokens[first].start};
            consume(first, last);
            return true;
        }
        if (m_tokens[verb].gapBefore & (SentenceEnd | QuoteMark))
            return false;
    }
    return false;
}

// The people in the partial quote's sentence before it: first those followed by
// a verb (the sentence's subject), nearest first; then the rest, nearest first.
void ParagraphReader::findSubjects(RawQuote *quote) const
{
    const int p = lastTokenBefore(quote->open);
    int start = p;
    while (start > 0 && !(m_tokens[start].gapBefore & SentenceEnd))
        --start;
    QList<Reference> others;
    for (int t = p; t >= start && t >= 0; --t) {
        if (m_tokens[t].inQuote)
            continue;
        Reference ref;
        int after = t + 1;
        if (isPronoun(t)) {
            ref = reference(Reference::Kind::Pronoun, t, t);
        } else if (const int run = m_runOf[t]; run >= 0 && m_runs[run].last == t) {
            ref = nameReference(m_runs[run].first, t);
        } else {
            continue;
        }
        if (after < m_tokens.size() && isVerbLike(skipAdverbs(after)) && attached(after))
            quote->subjects.append(ref);
        else
            others.append(ref);
    }
    quote->subjects.append(others);
}

// Speech verbs in the narrative (Healey said the U.K. will …) make their
// subject the latest speaker; titled names introduce people.
void ParagraphReader::findNarrative()
{
    for (const Run &run : std::as_const(m_runs)) {
        bool titled = false;
        for (int t = run.first; t <= run.last && !titled; ++t)
            titled = titleWords().contains(word(t));
        if (!titled)
            continue;
        const Reference ref = nameReference(run.first, run.last);
        if (ref.hasTitle) {
            m_scan.events.append({ref.range.offset, Event::Kind::Mention, int(m_scan.references.size())});
            m_scan.references.append(ref);
        }
    }
    for (int t = 1; t < m_tokens.size(); ++t) {
        if (m_consumed[t] || !isSpeechVerb(t) || !attached(t))
            continue;
        const Reference ref = referenceBackward(skipAdverbsBackward(t - 1));
        // "Officials said they would …": a plural "they" names no speaker.
        if (!ref.isValid() || (ref.kind == Reference::Kind::Pronoun && ref.text.compare(u"they", Qt::CaseInsensitive) == 0))
            continue;
        m_scan.events.append({ref.range.offset, Event::Kind::Speech, int(m_scan.references.size())});
        m_scan.references.append(ref);
    }
}

// [in Europe], [Donald J.]: words the writer put into a quotation. Links and
// footnotes are not insertions.
void ParagraphReader::findInsertions()
{
    for (const RawQuote &quote : std::as_const(m_scan.quotes)) {
        for (qsizetype i = quote.innerStart; i < quote.innerEnd; ++i) {
            if (m_text[i] != u'[' || (i > 0 && (m_text[i - 1] == u'!' || m_text[i - 1] == u'\\')))
                continue;
            const bool literal = std::any_of(m_spans.cbegin(), m_spans.cend(), [i](const MarkdownProse::Span &span) { return span.offset <= i && i < span.end(); });
            if (literal)
                continue;
            qsizetype close = i + 1;
            while (close < quote.innerEnd && m_text[close] != u']' && m_text[close] != u'[')
                ++close;
            if (close >= quote.innerEnd || m_text[close] != u']' || close == i + 1)
                continue;
            if (close + 1 < m_text.size() && (m_text[close + 1] == u'(' || m_text[close + 1] == u'['))
                continue;
            if (m_text[i + 1] == u'^')
                continue;
            const QStringView inserted = m_text.sliced(i, close + 1 - i);
            m_scan.findings.append({Finding::Kind::EditorialInsertion, Finding::Severity::Info,
                                    QCoreApplication::translate("QuoteAnalyzer", "Editorial insertion %1 in a quotation.").arg(inserted), {i, close + 1 - i}});
            i = close;
        }
    }
}

ParagraphScan ParagraphReader::read()
{
    m_spans = MarkdownProse::literalSpans(m_text);
    // A block of images (the photos between paragraphs) is no paragraph.
    {
        qsizetype at = 0;
        bool onlyImages = true;
        for (const MarkdownProse::Span &span : std::as_const(m_spans)) {
            if (!m_text.sliced(at, span.offset - at).trimmed().isEmpty() || span.kind != MarkdownProse::Span::Kind::Image)
                onlyImages = false;
            at = span.end();
        }
        if (onlyImages && !m_spans.isEmpty() && m_text.sliced(at).trimmed().isEmpty()) {
            m_scan.imageOnly = true;
            return m_scan;
        }
    }
    findMarks();
    pairMarks();
    tokenize();
    findRuns();
    for (int q = 0; q < m_scan.quotes.size(); ++q) {
        RawQuote &quote = m_scan.quotes[q];
        quote.partial = quote.open >= 0 && !opensSentence(quote.open);
        if (q > 0 && quote.open >= 0 && m_scan.quotes[q - 1].attributionRange.end() <= quote.open
            && m_scan.quotes[q - 1].attributionRange.offset > m_scan.quotes[q - 1].start) {
            const QStringView between = m_text.sliced(m_scan.quotes[q - 1].attributionRange.end(), quote.open - m_scan.quotes[q - 1].attributionRange.end());
            quote.resumes = std::all_of(between.begin(), between.end(), [](QChar c) { return c.isSpace() || c == u',' || c == u';' || c == u':'; });
        }
        if (!quote.resumes && !attributeAfter(&quote) && !attributeBefore(&quote) && quote.partial)
            findSubjects(&quote);
        const qsizetype at = quote.attributionRange.length > 0 ? std::min(quote.start, quote.attributionRange.offset) : quote.start;
        m_scan.events.append({at, Event::Kind::Quote, q});
    }
    findNarrative();
    findInsertions();
    std::stable_sort(m_scan.events.begin(), m_scan.events.end(), [](const Event &a, const Event &b) {
        return a.at != b.at ? a.at < b.at : a.kind < b.kind;
    });
    return m_scan;
}

} // namespace

ParagraphScan readParagraph(QStringView text)
{
    return ParagraphReader(text).read();
}

} // namespace Quotes
