// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

// The quotations of a Markdown story body and who said them, read the way a
// wire editor reads copy (AP style).
//
// How a quotation gets its speaker, in this order:
// - an attribution phrase after it: "…," Hegseth said / Hegseth told Healey /
//   he added / said Defense Secretary Pete Hegseth / according to Hegseth;
// - an attribution phrase introducing it: Hegseth said, "…" / He told reporters: "…";
// - a quote that opens a sentence without one belongs to the attributed quote
//   before it in the paragraph ("…," he continued. "…"), or, as the first quote
//   of a paragraph, to the quote the paragraph before left open (AP's
//   multi-paragraph quote);
// - a partial quote inside a sentence of narrative (called on European nations
//   to "meet the moment") belongs to the subject of that sentence: the person
//   nearest before it who is followed by a verb (Hegseth first called …), or
//   else the person nearest before it in the sentence. Only people the story
//   has named count, so in "the U.S. is "voicing the same narrative"" the
//   subject is not "U.S.".
// - he, she and they resolve to the most recent named speaker not already known
//   by another pronoun. A speaker is whoever a quotation or a speech verb in
//   the narrative (Healey said the U.K. will …) was attributed to; a person only
//   mentioned or spoken to (told Healey) is not.
//
// People: a run of capitalised words with a title before the name (Defense
// Secretary Pete Hegseth, Secretary of Defense Pete Hegseth, Army Gen. Dan
// Caine) introduces a person; a later surname (Hegseth) refers to the latest
// person of that surname. The first reference keeps its full written form.
//
// What is ignored: quotation marks in code blocks, code spans, images, link
// destinations and titles, autolinks, HTML tags and bare URLs; headings
// (headlines are not quotations); single quotation marks (nested quotes stay
// part of the quotation that holds them). Blocks that hold only images are not
// paragraphs.
namespace Quotes {

struct TextRange {
    qsizetype offset = 0;
    qsizetype length = 0;
    qsizetype end() const { return offset + length; }
    friend bool operator==(const TextRange &, const TextRange &) = default;
};

struct Quotation {
    enum class Attribution {
        None,
        SpeakerVerb, // "Hegseth said", "Hegseth told Healey", "Healey added", "Hegseth said, "…""
        VerbSpeaker, // "said Hegseth", "according to Hegseth"
        Pronoun, // "he added": the most recent named speaker
        SentenceSubject, // a partial quote: the subject of its sentence
        SameSpeaker, // follows an attributed quote in its paragraph, or continues the previous paragraph's
    };

    QString text; // between the marks
    TextRange range; // marks included; one that is never closed runs to its paragraph's end
    int paragraph = -1; // see Analysis::paragraphs
    bool partial = false; // a fragment inside a sentence of narrative
    int speaker = -1; // index in Analysis::speakers, -1 for none
    QString speakerAsWritten; // "Hegseth", "he", "British Defense Secretary John Healey"
    Attribution attribution = Attribution::None;
    QString verb; // "said", "told", "added"; empty for a partial or continued quote
    QString listener; // "Healey" in "Hegseth told Healey"
    TextRange attributionRange; // the words that name the speaker and the verb
    friend bool operator==(const Quotation &, const Quotation &) = default;
};

// A person (or an organisation, or "a Pentagon spokesman") the story quotes or
// names with a title.
struct Speaker {
    QString name; // how later references name them: the surname, "Hegseth"
    QString fullName; // "Pete Hegseth"; empty when the story never gave it
    QString title; // "Defense Secretary"
    QString firstReference; // as first written: "Defense Secretary Pete Hegseth"
    TextRange firstReferenceRange;
    int quotations = 0;
    friend bool operator==(const Speaker &, const Speaker &) = default;
};

struct Finding {
    enum class Kind {
        UnbalancedQuotes, // a mark without its partner in a paragraph
        NoSpeaker, // a quotation nobody is attributed
        EditorialInsertion, // [in Europe] inside a quotation; listed, not an error
        ContinuationMarks, // a quote continued across paragraphs with the wrong marks
    };
    enum class Severity { Info, Warning };

    Kind kind = Kind::UnbalancedQuotes;
    Severity severity = Severity::Warning;
    QString message;
    TextRange range; // what to select in the editor
    int paragraph = -1;
    friend bool operator==(const Finding &, const Finding &) = default;
};

struct Analysis {
    QList<Quotation> quotations; // in text order
    QList<Speaker> speakers; // in order of first reference
    QList<Finding> findings; // in text order
    // The paragraphs, in order; Quotation::paragraph and Finding::paragraph
    // index this. Code blocks, headings, thematic breaks and blocks that hold
    // only images are not paragraphs.
    QList<TextRange> paragraphs;

    // The speaker's name, or an empty string.
    QString speakerName(const Quotation &quotation) const;
};

// One analysis of the whole body. For an editor, QuoteAnalyzer reuses the work.
Analysis analyze(const QString &body);

// Fills in the full name and title of each speaker the story gives only in
// part ("Caine said" with no first reference) from names the library knows
// (its glossary: "Chairman of the Joint Chiefs of Staff Gen. Dan Caine"),
// read as the story's own first reference would be. A surname that more than
// one known name ends with is left as the story wrote it.
void completeSpeakers(Analysis &analysis, const QStringList &knownNames);

} // namespace Quotes

// Analyses the body of a story again and again as it is edited: each paragraph
// is read on its own and the result kept while its text is unchanged, so only
// the combining pass (speakers, pronouns, quotes across paragraphs) runs over
// the whole body.
class QuoteAnalyzer
{
public:
    QuoteAnalyzer();
    ~QuoteAnalyzer();
    QuoteAnalyzer(const QuoteAnalyzer &) = delete;
    QuoteAnalyzer &operator=(const QuoteAnalyzer &) = delete;

    Quotes::Analysis analyze(const QString &body);

private:
    struct Private;
    std::unique_ptr<Private> d;
};
