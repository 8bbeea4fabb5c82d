// SPDX-License-Identifier: MIT
#include "quoteanalyzer.h"
#include "quotewords.h"
#include "typography.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QDir>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Quotes::Finding;
using Quotes::Quotation;
using Attribution = Quotation::Attribution;

namespace {

QJsonObject sampleStory()
{
    QFile file(QStringLiteral(NEWSDESK_SOURCE_DIR) + u"/resources/samples/hegseth-healey/story.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

// The sample's paragraphs joined by blank lines; with photos, each photo's
// ![](photo:VIRIN) block follows its paragraph, as in a new library.
QString sampleBody(bool withPhotos)
{
    const QJsonObject story = sampleStory();
    const QJsonArray paragraphs = story.value(u"paragraphs"_s).toArray();
    const QJsonArray photos = story.value(u"photos"_s).toArray();
    QStringList blocks;
    for (qsizetype i = 0; i < paragraphs.size(); ++i) {
        blocks << paragraphs.at(i).toString();
        for (const QJsonValue &photo : photos) {
            if (withPhotos && photo[u"after_paragraph"_s].toInt() == i + 1)
                blocks << u"![](photo:%1)"_s.arg(photo[u"virin"_s].toString());
        }
    }
    return blocks.join(u"\n\n"_s) + u'\n';
}

QList<Finding> findingsOf(const Quotes::Analysis &analysis, Finding::Kind kind)
{
    QList<Finding> found;
    for (const Finding &finding : analysis.findings) {
        if (finding.kind == kind)
            found << finding;
    }
    return found;
}

QString describe(const Quotes::Analysis &analysis)
{
    QString out;
    for (const Quotation &q : analysis.quotations)
        out += u"\n  [%1] %2 <- %3 (%4)"_s.arg(q.paragraph).arg(q.text.left(30), analysis.speakerName(q)).arg(int(q.attribution));
    for (const Finding &f : analysis.findings)
        out += u"\n  finding %1 in %2: %3"_s.arg(int(f.kind)).arg(f.paragraph).arg(f.message);
    return out;
}

} // namespace

class TestQuoteAnalyzer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void knownNamesCompleteSpeakers_data();
    void knownNamesCompleteSpeakers();
    void sampleStory_data();
    void sampleStory();
    void attribution_data();
    void attribution();
    void findings_data();
    void findings();
    void firstReferenceKeepsFullNameAndTitle();
    void ignoresMarksInMarkdownSyntax_data();
    void ignoresMarksInMarkdownSyntax();
    void analyzerReusesParagraphsAndAgreesWithFreshAnalysis();
    void anyTextGivesRangesInsideTheBody();
    void everyWordListLoads_data();
    void everyWordListLoads();
    void wordListsAreTheFilesInTheSource();
    void badWordListIsAnError_data();
    void badWordListIsAnError();
    void wordFromEachListDrivesTheAnalysis_data();
    void wordFromEachListDrivesTheAnalysis();
};

void TestQuoteAnalyzer::sampleStory_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<bool>("curly");
    const QString straight = sampleBody(false);
    QVERIFY(straight.size() > 2500);
    QTest::newRow("straight quotes, as typed") << straight << false;
    QTest::newRow("curly quotes") << Typography::converted(straight) << true;
    QTest::newRow("with the photo blocks of a new library") << sampleBody(true) << false;
    QTest::newRow("curly, with photo blocks") << Typography::converted(sampleBody(true)) << true;
}

void TestQuoteAnalyzer::sampleStory()
{
    QFETCH(QString, body);
    QFETCH(bool, curly);
    const Quotes::Analysis analysis = Quotes::analyze(body);

    struct Expected {
        int paragraph;
        QString opening;
        QString speaker;
        Attribution attribution;
        QString verb;
        QString listener;
    };
    const QList<Expected> expected = {
        {1, u"We are in the middle of a dynamic"_s, u"Hegseth"_s, Attribution::SpeakerVerb, u"told"_s, u"Healey"_s},
        {2, u"U.K. leadership is absolutely critical"_s, u"Hegseth"_s, Attribution::Pronoun, u"added"_s, {}},
        {4, u"meet the moment"_s, u"Hegseth"_s, Attribution::SentenceSubject, {}, {}},
        {4, u"imperative."_s, u"Hegseth"_s, Attribution::SentenceSubject, {}, {}},
        {5, u"We want to work together"_s, u"Hegseth"_s, Attribution::SpeakerVerb, u"said"_s, {}},
        {8, u"You challenged us to step up"_s, u"Healey"_s, Attribution::SpeakerVerb, u"told"_s, u"Hegseth"_s},
        {9, u"I'm here today"_s, u"Healey"_s, Attribution::Pronoun, u"added"_s, {}},
        {10, u"on pause"_s, u"Hegseth"_s, Attribution::SentenceSubject, {}, {}},
        {11, u"The president is [closely watching]"_s, u"Hegseth"_s, Attribution::Pronoun, u"said"_s, {}},
        {12, u"voicing the same narrative"_s, u"Hegseth"_s, Attribution::SentenceSubject, {}, {}},
        {13, u"Our president is interested in peace,"_s, u"Hegseth"_s, Attribution::SpeakerVerb, u"said"_s, {}},
        {14, u"And I can tell you, from being behind the scenes, "_s, u"Hegseth"_s, Attribution::Pronoun, u"continued"_s, {}},
        {14, u"And we're closer today"_s, u"Hegseth"_s, Attribution::SameSpeaker, {}, {}},
    };
    QVERIFY2(analysis.quotations.size() == expected.size(), qPrintable(describe(analysis)));
    QCOMPARE(analysis.paragraphs.size(), 15);
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const Quotation &quotation = analysis.quotations.at(i);
        const Expected &want = expected.at(i);
        const QString opening = curly ? Typography::converted(want.opening) : want.opening;
        QVERIFY2(quotation.text.startsWith(opening), qPrintable(u"%1: %2"_s.arg(i).arg(quotation.text)));
        QCOMPARE(quotation.paragraph, want.paragraph);
        QCOMPARE(analysis.speakerName(quotation), want.speaker);
        QCOMPARE(quotation.attribution, want.attribution);
        QCOMPARE(quotation.verb, want.verb);
        QCOMPARE(quotation.listener, want.listener);
        // The range selects the quotation with its marks in the body.
        const QString selected = body.sliced(quotation.range.offset, quotation.range.length);
        QCOMPARE(selected.sliced(1, selected.size() - 2), quotation.text);
        QCOMPARE(selected.front(), curly ? u'\u201C' : u'"');
        QCOMPARE(selected.back(), curly ? u'\u201D' : u'"');
    }
    QCOMPARE(analysis.quotations.at(0).speakerAsWritten, u"Hegseth"_s);
    QCOMPARE(analysis.quotations.at(1).speakerAsWritten, u"he"_s);
    QCOMPARE(body.sliced(analysis.quotations.at(0).attributionRange.offset, analysis.quotations.at(0).attributionRange.length),
             u"Hegseth told Healey"_s);

    QCOMPARE(analysis.speakers.size(), 3);
    QCOMPARE(analysis.speakers.at(0).name, u"Hegseth"_s);
    QCOMPARE(analysis.speakers.at(0).firstReference, u"Defense Secretary Pete Hegseth"_s);
    QCOMPARE(analysis.speakers.at(0).fullName, u"Pete Hegseth"_s);
    QCOMPARE(analysis.speakers.at(0).title, u"Defense Secretary"_s);
    QCOMPARE(analysis.speakers.at(0).firstReferenceRange.offset, 0);
    QCOMPARE(analysis.speakers.at(0).quotations, 11);
    QCOMPARE(analysis.speakers.at(1).firstReference, u"British Defense Secretary John Healey"_s);
    QCOMPARE(analysis.speakers.at(1).quotations, 2);
    QCOMPARE(analysis.speakers.at(2).firstReference, u"British Prime Minister Keir Starmer"_s);
    QCOMPARE(analysis.speakers.at(2).quotations, 0);

    // Exactly one unbalanced mark: the stray one before "that [Trump]" in the last paragraph.
    const QList<Finding> unbalanced = findingsOf(analysis, Finding::Kind::UnbalancedQuotes);
    QVERIFY2(unbalanced.size() == 1, qPrintable(describe(analysis)));
    QCOMPARE(unbalanced.at(0).paragraph, 14);
    QCOMPARE(unbalanced.at(0).range.offset, body.indexOf(u"that [Trump]") - 1);
    QCOMPARE(unbalanced.at(0).range.length, 1);
    QCOMPARE(unbalanced.at(0).severity, Finding::Severity::Warning);

    const QList<Finding> insertions = findingsOf(analysis, Finding::Kind::EditorialInsertion);
    const QStringList expectedInsertions = {u"[in Europe]"_s, u"[Donald J.]"_s, u"[and]"_s, u"[closely watching]"_s, u"[Trump]"_s};
    QCOMPARE(insertions.size(), expectedInsertions.size());
    for (qsizetype i = 0; i < insertions.size(); ++i) {
        QCOMPARE(body.sliced(insertions.at(i).range.offset, insertions.at(i).range.length), expectedInsertions.at(i));
        QCOMPARE(insertions.at(i).severity, Finding::Severity::Info);
    }
    QVERIFY2(findingsOf(analysis, Finding::Kind::NoSpeaker).isEmpty(), qPrintable(describe(analysis)));
    QVERIFY(findingsOf(analysis, Finding::Kind::ContinuationMarks).isEmpty());
}

void TestQuoteAnalyzer::attribution_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<int>("quotation");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("speaker");
    QTest::addColumn<Attribution>("attribution");
    QTest::addColumn<QString>("verb");
    QTest::addColumn<QString>("listener");

    const QString intro = u"Defense Secretary Pete Hegseth met Army Gen. Laura Potter at the Pentagon.\n\n"_s;
    QTest::newRow("name then said") << u"\"We will not back down,\" Hegseth said."_s << 0 << u"We will not back down,"_s
                                    << u"Hegseth"_s << Attribution::SpeakerVerb << u"said"_s << QString();
    QTest::newRow("said then name with title") << u"\"The alliance is strong,\" said NATO Secretary General Mark Rutte."_s << 0
                                               << u"The alliance is strong,"_s << u"Rutte"_s << Attribution::VerbSpeaker << u"said"_s << QString();
    QTest::newRow("told names the listener") << u"\"You have done just that,\" Hegseth told Healey."_s << 0 << u"You have done just that,"_s
                                             << u"Hegseth"_s << Attribution::SpeakerVerb << u"told"_s << u"Healey"_s;
    QTest::newRow("adverb before the verb") << u"\"We are ready,\" Healey later said."_s << 0 << u"We are ready,"_s << u"Healey"_s
                                            << Attribution::SpeakerVerb << u"said"_s << QString();
    QTest::newRow("appositive between name and verb")
        << u"\"We are ready,\" Healey, the British defense secretary, said."_s << 0 << u"We are ready,"_s << u"Healey"_s
        << Attribution::SpeakerVerb << u"said"_s << QString();
    QTest::newRow("question mark before the attribution") << u"\"Are we ready?\" Healey asked."_s << 0 << u"Are we ready?"_s << u"Healey"_s
                                                          << Attribution::SpeakerVerb << u"asked"_s << QString();
    QTest::newRow("introduced with a colon") << u"Hegseth told reporters: \"We are closer than ever.\""_s << 0 << u"We are closer than ever."_s
                                             << u"Hegseth"_s << Attribution::SpeakerVerb << u"told"_s << u"reporters"_s;
    QTest::newRow("introduced with a comma") << u"Hegseth said, \"We are closer than ever.\""_s << 0 << u"We are closer than ever."_s
                                             << u"Hegseth"_s << Attribution::SpeakerVerb << u"said"_s << QString();
    QTest::newRow("according to") << u"\"The talks continue,\" according to Healey."_s << 0 << u"The talks continue,"_s << u"Healey"_s
                                  << Attribution::VerbSpeaker << u"according to"_s << QString();
    QTest::newRow("unnamed spokesman") << u"\"No decision has been made,\" a Pentagon spokesman said."_s << 0
                                       << u"No decision has been made,"_s << u"a Pentagon spokesman"_s << Attribution::SpeakerVerb
                                       << u"said"_s << QString();
    QTest::newRow("he resolves to the last named speaker")
        << intro + u"\"We will,\" Hegseth said.\n\n\"And we must,\" he added."_s << 1 << u"And we must,"_s << u"Hegseth"_s
        << Attribution::Pronoun << u"added"_s << QString();
    QTest::newRow("a listener is not the last speaker")
        << u"\"We will,\" Hegseth told Healey.\n\n\"And we must,\" he added."_s << 1 << u"And we must,"_s << u"Hegseth"_s
        << Attribution::Pronoun << u"added"_s << QString();
    QTest::newRow("narrative speech makes the last speaker")
        << intro + u"\"We will,\" Hegseth said.\n\nPotter said the Army is ready.\n\n\"We are,\" she added."_s << 1 << u"We are,"_s
        << u"Potter"_s << Attribution::Pronoun << u"added"_s << QString();
    QTest::newRow("she skips a speaker already known as he")
        << intro + u"\"One,\" Potter said. \"Two,\" Hegseth said.\n\n\"Three,\" he added. \"Four,\" she said."_s << 3 << u"Four,"_s
        << u"Potter"_s << Attribution::Pronoun << u"said"_s << QString();
    QTest::newRow("quote after an attributed one in its paragraph")
        << u"\"We will,\" Hegseth said. \"And we must.\""_s << 1 << u"And we must."_s << u"Hegseth"_s << Attribution::SameSpeaker << QString()
        << QString();
    QTest::newRow("partial quote: the sentence's subject")
        << intro + u"Hegseth first called on European nations to \"meet the moment.\""_s << 0 << u"meet the moment."_s << u"Hegseth"_s
        << Attribution::SentenceSubject << QString() << QString();
    QTest::newRow("partial quote: subject is not a listener")
        << intro + u"Potter told Hegseth that the Army must \"move faster.\""_s << 0 << u"move faster."_s << u"Potter"_s
        << Attribution::SentenceSubject << QString() << QString();
    QTest::newRow("partial quote: a country is not a person")
        << intro + u"Hegseth rejected claims that the U.S. is \"voicing the same narrative\" as Russia."_s << 0
        << u"voicing the same narrative"_s << u"Hegseth"_s << Attribution::SentenceSubject << QString() << QString();
    QTest::newRow("partial quote: a pronoun subject") << intro + u"\"We will,\" Hegseth said.\n\nHe called it \"a turning point.\""_s << 1
                                                      << u"a turning point."_s << u"Hegseth"_s << Attribution::SentenceSubject << QString()
                                                      << QString();
    QTest::newRow("continued paragraph, AP style")
        << u"\"We will work together,\" Hegseth said. \"Europe has to lead.\n\n\"And we will support it.\""_s << 2
        << u"And we will support it."_s << u"Hegseth"_s << Attribution::SameSpeaker << QString() << QString();
    QTest::newRow("multi-paragraph quote attributed in its second paragraph")
        << u"\"Europe has to lead.\n\n\"And we will support it,\" Hegseth said."_s << 0 << u"Europe has to lead."_s << u"Hegseth"_s
        << Attribution::SameSpeaker << QString() << QString();
    QTest::newRow("title and name after the quote")
        << u"\"It's a great day for the country,\" President Donald Trump told reporters at the White House on Monday."_s << 0
        << u"It's a great day for the country,"_s << u"Trump"_s << Attribution::SpeakerVerb << u"told"_s << u"reporters"_s;
    QTest::newRow("appositive before an introduced quote")
        << u"Trump, speaking to reporters aboard Air Force One, said, \"We're going to have a deal.\""_s << 0
        << u"We're going to have a deal."_s << u"Trump"_s << Attribution::SpeakerVerb << u"said"_s << QString();
    QTest::newRow("senator with party and state")
        << u"\"I think it's a mistake,\" Sen. Lindsey Graham, R-S.C., said in an interview."_s << 0 << u"I think it's a mistake,"_s
        << u"Graham"_s << Attribution::SpeakerVerb << u"said"_s << QString();
    QTest::newRow("said before a representative with party and state")
        << u"\"We're not going to stand by,\" said Rep. Adam Smith, D-Wash., the ranking member."_s << 0
        << u"We're not going to stand by,"_s << u"Smith"_s << Attribution::VerbSpeaker << u"said"_s << QString();
    QTest::newRow("asked one official") << u"\"Why now?\" asked one official."_s << 0 << u"Why now?"_s << u"one official"_s
                                        << Attribution::VerbSpeaker << u"asked"_s << QString();
    QTest::newRow("ministry statement") << u"\"We will respond,\" the ministry said in a statement."_s << 0 << u"We will respond,"_s
                                        << u"the ministry"_s << Attribution::SpeakerVerb << u"said"_s << QString();
    QTest::newRow("quote resumes after its attribution") << u"\"We will fight,\" Hegseth said, \"and we will win.\""_s << 1
                                                         << u"and we will win."_s << u"Hegseth"_s << Attribution::SameSpeaker << QString()
                                                         << QString();
    QTest::newRow("curly marks") << u"\u201CWe\u2019re \u2018very\u2019 ready,\u201D Healey said."_s << 0
                                 << u"We\u2019re \u2018very\u2019 ready,"_s << u"Healey"_s << Attribution::SpeakerVerb << u"said"_s << QString();
    QTest::newRow("nested quotation inside curly marks")
        << u"\u201CHe told me, \u2018Go,\u2019 and I went,\u201D Healey said."_s << 0 << u"He told me, \u2018Go,\u2019 and I went,"_s
        << u"Healey"_s << Attribution::SpeakerVerb << u"said"_s << QString();
    QTest::newRow("in a block quote") << u"> \"We are ready,\" Healey said."_s << 0 << u"We are ready,"_s << u"Healey"_s
                                      << Attribution::SpeakerVerb << u"said"_s << QString();
    QTest::newRow("in a list item") << u"- \"We are ready,\" Healey said.\n- \"So are we,\" Hegseth said."_s << 1 << u"So are we,"_s
                                    << u"Hegseth"_s << Attribution::SpeakerVerb << u"said"_s << QString();
}

void TestQuoteAnalyzer::attribution()
{
    QFETCH(QString, body);
    QFETCH(int, quotation);
    QFETCH(QString, text);
    QFETCH(QString, speaker);
    QFETCH(Attribution, attribution);
    QFETCH(QString, verb);
    QFETCH(QString, listener);

    const Quotes::Analysis analysis = Quotes::analyze(body);
    QVERIFY2(quotation < analysis.quotations.size(), qPrintable(describe(analysis)));
    const Quotation &found = analysis.quotations.at(quotation);
    QCOMPARE(found.text, text);
    QVERIFY2(analysis.speakerName(found) == speaker, qPrintable(describe(analysis)));
    QCOMPARE(found.attribution, attribution);
    QCOMPARE(found.verb, verb);
    QCOMPARE(found.listener, listener);
    QVERIFY2(findingsOf(analysis, Finding::Kind::NoSpeaker).isEmpty(), qPrintable(describe(analysis)));
    QVERIFY2(findingsOf(analysis, Finding::Kind::UnbalancedQuotes).isEmpty(), qPrintable(describe(analysis)));
}

void TestQuoteAnalyzer::findings_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QList<Finding::Kind>>("kinds");
    QTest::addColumn<QList<int>>("paragraphs");
    QTest::addColumn<QString>("selected"); // what the first finding selects

    using K = Finding::Kind;
    QTest::newRow("balanced paragraph has none") << u"\"We will,\" Hegseth said."_s << QList<K>{} << QList<int>{} << QString();
    QTest::newRow("quotation nobody said") << u"The room was quiet.\n\n\"We will never stop.\""_s << QList<K>{K::NoSpeaker} << QList<int>{1}
                                           << u"\"We will never stop.\""_s;
    QTest::newRow("pronoun with nobody before it") << u"\"We will,\" he said."_s << QList<K>{K::NoSpeaker} << QList<int>{0}
                                                   << u"\"We will,\""_s;
    QTest::newRow("scare quotes with no one in the sentence")
        << u"The so-called \"peace dividend\" never came."_s << QList<K>{K::NoSpeaker} << QList<int>{0} << u"\"peace dividend\""_s;
    QTest::newRow("mark opening inside an open quote")
        << u"\"And I can tell you, \"that it works,\" Hegseth said."_s << QList<K>{K::UnbalancedQuotes} << QList<int>{0}
        << u"\""_s;
    QTest::newRow("closing mark without an opening one") << u"\"We will,\" Hegseth said, and left.\""_s << QList<K>{K::UnbalancedQuotes}
                                                         << QList<int>{0} << u"\""_s;
    QTest::newRow("quote never closed, next paragraph narrative")
        << u"\"We will,\" Hegseth said. \"Europe has to lead.\n\nHealey agreed."_s << QList<K>{K::UnbalancedQuotes} << QList<int>{0}
        << u"\"Europe has to lead."_s;
    QTest::newRow("quote never closed at the end") << u"\"We will,\" Hegseth said. \"Europe has to lead."_s
                                                   << QList<K>{K::UnbalancedQuotes} << QList<int>{0} << u"\"Europe has to lead."_s;
    QTest::newRow("continued paragraph without its opening mark")
        << u"\"We will work together,\" Hegseth said. \"Europe has to lead.\n\nAnd we will support it.\""_s
        << QList<K>{K::ContinuationMarks} << QList<int>{1} << u"And we will support it.\""_s;
    QTest::newRow("continued paragraph with its opening mark")
        << u"\"We will work together,\" Hegseth said. \"Europe has to lead.\n\n\"And we will support it.\""_s << QList<K>{} << QList<int>{}
        << QString();
    QTest::newRow("previous paragraph closed what the next one continues")
        << u"Hegseth said: \"Europe has to lead.\"\n\n\"And we will support it.\""_s << QList<K>{K::NoSpeaker} << QList<int>{1}
        << u"\"And we will support it.\""_s;
    QTest::newRow("editorial insertion is information")
        << u"\"We support [the] plan,\" Healey said."_s << QList<K>{K::EditorialInsertion} << QList<int>{0} << u"[the]"_s;
    QTest::newRow("a link in a quotation is no insertion")
        << u"\"Read [the report](https://defense.gov) and [decide],\" Healey said."_s << QList<K>{K::EditorialInsertion} << QList<int>{0}
        << u"[decide]"_s;
    QTest::newRow("brackets outside quotations are no insertion") << u"Healey [spoke] first."_s << QList<K>{} << QList<int>{} << QString();
    QTest::newRow("curly marks unbalanced") << u"\u201CWe will,\u201D Hegseth said. \u201CAnd we \u201Cmust,\u201D he added."_s
                                            << QList<K>{K::UnbalancedQuotes} << QList<int>{0} << u"\u201C"_s;
}

void TestQuoteAnalyzer::findings()
{
    QFETCH(QString, body);
    QFETCH(QList<Finding::Kind>, kinds);
    QFETCH(QList<int>, paragraphs);
    QFETCH(QString, selected);

    const Quotes::Analysis analysis = Quotes::analyze(body);
    QList<Finding::Kind> foundKinds;
    QList<int> foundParagraphs;
    for (const Finding &finding : analysis.findings) {
        foundKinds << finding.kind;
        foundParagraphs << finding.paragraph;
        QVERIFY(!finding.message.isEmpty());
    }
    QVERIFY2(foundKinds == kinds, qPrintable(describe(analysis)));
    QCOMPARE(foundParagraphs, paragraphs);
    if (!analysis.findings.isEmpty())
        QCOMPARE(body.sliced(analysis.findings.at(0).range.offset, analysis.findings.at(0).range.length), selected);
}

void TestQuoteAnalyzer::firstReferenceKeepsFullNameAndTitle()
{
    const QString body = u"Secretary of Defense Pete Hegseth spoke with Chairman of the Joint Chiefs of Staff Air Force Gen. Dan Caine.\n\n"
                         u"\"We are ready,\" Caine said. \"So am I,\" Hegseth said.\n\n"
                         u"\"Good,\" said John Smith, a veteran."_s;
    const Quotes::Analysis analysis = Quotes::analyze(body);
    QCOMPARE(analysis.speakers.size(), 3);
    QCOMPARE(analysis.speakers.at(0).firstReference, u"Secretary of Defense Pete Hegseth"_s);
    QCOMPARE(analysis.speakers.at(0).title, u"Secretary of Defense"_s);
    QCOMPARE(analysis.speakers.at(0).fullName, u"Pete Hegseth"_s);
    QCOMPARE(analysis.speakers.at(1).firstReference, u"Chairman of the Joint Chiefs of Staff Air Force Gen. Dan Caine"_s);
    QCOMPARE(analysis.speakers.at(1).fullName, u"Dan Caine"_s);
    QCOMPARE(analysis.speakers.at(1).name, u"Caine"_s);
    QCOMPARE(body.sliced(analysis.speakers.at(1).firstReferenceRange.offset, analysis.speakers.at(1).firstReferenceRange.length),
             analysis.speakers.at(1).firstReference);
    // Named without a title: the name as written is the first reference.
    QCOMPARE(analysis.speakers.at(2).firstReference, u"John Smith"_s);
    QCOMPARE(analysis.speakers.at(2).name, u"Smith"_s);
    QCOMPARE(analysis.quotations.size(), 3);
    QCOMPARE(analysis.speakerName(analysis.quotations.at(0)), u"Caine"_s);
    QCOMPARE(analysis.speakerName(analysis.quotations.at(1)), u"Hegseth"_s);
    QCOMPARE(analysis.speakerName(analysis.quotations.at(2)), u"Smith"_s);
}

void TestQuoteAnalyzer::ignoresMarksInMarkdownSyntax_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QString>("text"); // of the one quotation left, or empty for none

    QTest::newRow("code span") << u"Type `\"quoted\"` to search. \"Fine,\" Healey said."_s << u"Fine,"_s;
    QTest::newRow("fenced code block") << u"```\nprint(\"hello\n```\n\n\"Fine,\" Healey said."_s << u"Fine,"_s;
    QTest::newRow("indented code block") << u"Intro.\n\n    say \"hello\n\n\"Fine,\" Healey said."_s << u"Fine,"_s;
    QTest::newRow("image alt and title") << u"![A \"soldier\"](photo:250306-D-PM193-1268K \"The \\\"title\\\"\")\n\n\"Fine,\" Healey said."_s
                                         << u"Fine,"_s;
    QTest::newRow("photo block between paragraphs") << u"\"Fine,\" Healey said.\n\n![](photo:250306-D-PM193-1268K)"_s << u"Fine,"_s;
    QTest::newRow("link title") << u"See [DoD](https://defense.gov \"Department of Defense\"). \"Fine,\" Healey said."_s << u"Fine,"_s;
    QTest::newRow("HTML attribute") << u"<span class=\"dateline\">WASHINGTON</span> \"Fine,\" Healey said."_s << u"Fine,"_s;
    QTest::newRow("heading") << u"# \"Meet the moment\"\n\n\"Fine,\" Healey said."_s << u"Fine,"_s;
}

void TestQuoteAnalyzer::ignoresMarksInMarkdownSyntax()
{
    QFETCH(QString, body);
    QFETCH(QString, text);
    const Quotes::Analysis analysis = Quotes::analyze(body);
    QVERIFY2(analysis.quotations.size() == 1, qPrintable(describe(analysis)));
    QCOMPARE(analysis.quotations.at(0).text, text);
    QVERIFY2(analysis.findings.isEmpty(), qPrintable(describe(analysis)));
}

void TestQuoteAnalyzer::analyzerReusesParagraphsAndAgreesWithFreshAnalysis()
{
    QuoteAnalyzer analyzer;
    QString body = sampleBody(true);
    const Quotes::Analysis first = analyzer.analyze(body);
    QCOMPARE(first.quotations, Quotes::analyze(body).quotations);

    // Close the stray quote of the last paragraph, as an editor would: one
    // paragraph changes, the rest come from the analyzer's memory.
    const qsizetype stray = body.indexOf(u"\"that [Trump]");
    body.remove(stray, 1);
    const Quotes::Analysis edited = analyzer.analyze(body);
    const Quotes::Analysis fresh = Quotes::analyze(body);
    QCOMPARE(edited.quotations, fresh.quotations);
    QCOMPARE(edited.speakers, fresh.speakers);
    QCOMPARE(edited.findings, fresh.findings);
    QVERIFY(findingsOf(edited, Finding::Kind::UnbalancedQuotes).isEmpty());
    QCOMPARE(edited.quotations.size(), first.quotations.size());

    // A paragraph added before the others shifts every offset.
    body.prepend(u"\"Welcome,\" Healey said.\n\n"_s);
    const Quotes::Analysis shifted = analyzer.analyze(body);
    QCOMPARE(shifted.quotations, Quotes::analyze(body).quotations);
    QCOMPARE(shifted.quotations.size(), first.quotations.size() + 1);
}

// The analysis runs on whatever is typed, half-finished Markdown included.
void TestQuoteAnalyzer::anyTextGivesRangesInsideTheBody()
{
    const QString alphabet = u"aZ He said told  ,.:;!?\"\u201C\u201D'\u2019[]()!`<>-*_#>\n\n\\0"_s;
    QRandomGenerator random(4);
    QuoteAnalyzer analyzer;
    for (int round = 0; round < 3000; ++round) {
        QString body;
        const int length = random.bounded(1, 160);
        for (int i = 0; i < length; ++i)
            body.append(alphabet.at(random.bounded(int(alphabet.size()))));
        const Quotes::Analysis analysis = analyzer.analyze(body);
        const auto inside = [&](Quotes::TextRange range) { return range.offset >= 0 && range.length >= 0 && range.end() <= body.size(); };
        for (const Quotation &quotation : analysis.quotations) {
            QVERIFY2(inside(quotation.range), qPrintable(body));
            QVERIFY2(inside(quotation.attributionRange), qPrintable(body));
            QVERIFY(quotation.paragraph >= 0 && quotation.paragraph < analysis.paragraphs.size());
            QVERIFY(quotation.speaker >= -1 && quotation.speaker < analysis.speakers.size());
        }
        for (const Finding &finding : analysis.findings) {
            QVERIFY2(inside(finding.range), qPrintable(body));
            QVERIFY(finding.paragraph >= 0 && finding.paragraph < analysis.paragraphs.size());
        }
        for (const Quotes::Speaker &speaker : analysis.speakers)
            QVERIFY2(inside(speaker.firstReferenceRange), qPrintable(body));
    }
}

void TestQuoteAnalyzer::everyWordListLoads_data()
{
    QTest::addColumn<QString>("name");
    for (const QString &name : Quotes::WordLists::names())
        QTest::newRow(qPrintable(name)) << name;
}

// A list that did not load would leave the analysis silently blind (no speech
// verbs: no attributions), so each is read here, from the resources the
// models library carries.
void TestQuoteAnalyzer::everyWordListLoads()
{
    QFETCH(QString, name);
    QString error;
    const std::optional<QStringList> words = Quotes::WordLists::read(Quotes::WordLists::path(name), &error);
    QVERIFY2(words, qPrintable(error));
    QVERIFY(!words->isEmpty());
}

// Every file in models/wordlists is a list the analyzer loads, and the other
// way round: a list added to the folder but not to the resources or to
// WordLists would never be read.
void TestQuoteAnalyzer::wordListsAreTheFilesInTheSource()
{
    const QDir source(QStringLiteral(NEWSDESK_SOURCE_DIR) + u"/models/wordlists"_s);
    QStringList files = source.entryList({u"*.txt"_s}, QDir::Files);
    for (QString &file : files)
        file.chop(4);
    QStringList names = Quotes::WordLists::names();
    names.sort();
    files.sort();
    QVERIFY(!files.isEmpty());
    QCOMPARE(names, files);
    const Quotes::WordLists &lists = Quotes::wordLists();
    for (const Quotes::WordSet *set : {&lists.speechVerbs, &lists.listenerVerbs, &lists.adverbs, &lists.auxiliaries, &lists.titleWords,
                                       &lists.organisationWords, &lists.sentenceWords, &lists.pronouns, &lists.determiners,
                                       &lists.titleConnectors, &lists.nameParticles, &lists.nameSuffixes, &lists.abbreviations})
        QVERIFY(!set->isEmpty());
}

void TestQuoteAnalyzer::badWordListIsAnError_data()
{
    QTest::addColumn<QByteArray>("contents"); // empty: no file at all
    QTest::addColumn<QString>("error");
    QTest::newRow("missing file") << QByteArray() << u"No such file"_s;
    QTest::newRow("only comments and blank lines") << QByteArray("# a list\n\n   # more\n") << u"holds no words"_s;
    QTest::newRow("not UTF-8") << QByteArray("said\n\xff\xfe\n") << u"not UTF-8"_s;
    QTest::newRow("a phrase the reader could never match") << QByteArray("said\npointed out\n") << u":2: \"pointed out\" is not a single word"_s;
    QTest::newRow("a control character") << QByteArray("said\nto\x01ld\n") << u"is not a single word"_s;
}

void TestQuoteAnalyzer::badWordListIsAnError()
{
    QFETCH(QByteArray, contents);
    QFETCH(QString, error);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"list.txt"_s);
    if (!contents.isEmpty()) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(contents), contents.size());
    }
    QString message;
    QVERIFY(!Quotes::WordLists::read(path, &message));
    QVERIFY2(message.contains(error) && message.contains(path), qPrintable(message));
}

void TestQuoteAnalyzer::wordFromEachListDrivesTheAnalysis_data()
{
    // One row per list: a body whose last quotation is read differently with a
    // word of the list in it than with a word of the same shape that is not.
    QTest::addColumn<QString>("list");
    QTest::addColumn<QString>("body"); // %1: the word
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("expected"); // speaker|full name|title|verb|listener
    QTest::addColumn<QString>("other");
    QTest::addColumn<QString>("expectedWithOther");
    const QString introduction = u"Defense Secretary Pete Hegseth met British Defense Secretary John Healey.\n\n"_s;
    QTest::newRow("speech verb") << u"speech-verbs"_s << u"\"We will win,\" Hegseth %1."_s << u"quipped"_s
                                 << u"Hegseth|||quipped|"_s << u"laughed"_s << u"||||"_s;
    QTest::newRow("listener verb") << u"listener-verbs"_s << u"\"We will win,\" Hegseth %1 Healey."_s << u"urged"_s
                                   << u"Hegseth|||urged|Healey"_s << u"quipped"_s << u"Hegseth|||quipped|"_s;
    QTest::newRow("adverb") << u"adverbs"_s << u"\"We will win,\" Hegseth %1 said."_s << u"again"_s << u"Hegseth|||said|"_s
                            << u"soon"_s << u"||||"_s;
    QTest::newRow("auxiliary") << u"auxiliaries"_s << introduction + u"Healey %1 Hegseth's plan to \"meet the moment.\""_s << u"saw"_s
                               << u"Healey|John Healey|British Defense Secretary||"_s << u"and"_s
                               << u"Hegseth|Pete Hegseth|Defense Secretary||"_s;
    QTest::newRow("title word") << u"title-words"_s << u"\"We will win,\" said %1 Pete Hegseth."_s << u"Ambassador"_s
                                << u"Hegseth|Pete Hegseth|Ambassador|said|"_s << u"Friend"_s << u"Hegseth|Friend Pete Hegseth||said|"_s;
    QTest::newRow("organisation word") << u"organisation-words"_s << u"\"We will win,\" said Secretary of %1 Pete Hegseth."_s
                                       << u"Treasury"_s << u"Hegseth|Pete Hegseth|Secretary of Treasury|said|"_s << u"Mars"_s
                                       << u"Hegseth|Mars Pete Hegseth|Secretary of|said|"_s;
    QTest::newRow("sentence word") << u"sentence-words"_s << u"%1 Hegseth said, \"We will win.\""_s << u"Meanwhile"_s
                                   << u"Hegseth|||said|"_s << u"Chef"_s << u"Hegseth|Chef Hegseth||said|"_s;
    QTest::newRow("pronoun") << u"pronouns"_s << u"\"We are ready,\" Hegseth said.\n\n\"We will win,\" %1 added."_s << u"she"_s
                             << u"Hegseth|||added|"_s << u"it"_s << u"||||"_s;
    QTest::newRow("determiner") << u"determiners"_s << u"\"We will win,\" %1 official said."_s << u"another"_s
                                << u"another official|||said|"_s << u"every"_s << u"||||"_s;
    QTest::newRow("title connector") << u"title-connectors"_s << u"\"We will win,\" said Secretary %1 the Navy John Phelan."_s
                                     << u"of"_s << u"Phelan|John Phelan|Secretary of the Navy|said|"_s << u"at"_s << u"|||said|"_s;
    QTest::newRow("name particle") << u"name-particles"_s << u"\"We will win,\" said Commission President Ursula %1 Leyen."_s
                                   << u"von"_s << u"Leyen|Ursula von Leyen|Commission President|said|"_s << u"zu"_s
                                   << u"Ursula||Commission President|said|"_s;
    QTest::newRow("name suffix") << u"name-suffixes"_s << u"\"We will win,\" said Gen. John Smith %1."_s << u"III"_s
                                 << u"Smith|John Smith III|Gen.|said|"_s << u"Kim"_s << u"Kim|John Smith Kim|Gen.|said|"_s;
    QTest::newRow("abbreviation") << u"abbreviations"_s << introduction + u"Hegseth visited %1. Bragg to \"meet the moment.\""_s
                                  << u"Ft"_s << u"Hegseth|Pete Hegseth|Defense Secretary||"_s << u"Xy"_s << u"||||"_s;
}

void TestQuoteAnalyzer::wordFromEachListDrivesTheAnalysis()
{
    QFETCH(QString, list);
    QFETCH(QString, body);
    QFETCH(QString, word);
    QFETCH(QString, expected);
    QFETCH(QString, other);
    QFETCH(QString, expectedWithOther);
    QString error;
    const std::optional<QStringList> words = Quotes::WordLists::read(Quotes::WordLists::path(list), &error);
    QVERIFY2(words, qPrintable(error));
    QVERIFY(words->contains(word));
    QVERIFY(!words->contains(other));
    const auto lastQuotation = [](const QString &text) {
        const Quotes::Analysis analysis = Quotes::analyze(text);
        if (analysis.quotations.isEmpty())
            return u"no quotation"_s;
        const Quotation &quotation = analysis.quotations.constLast();
        if (quotation.speaker < 0)
            return u"|||%1|%2"_s.arg(quotation.verb, quotation.listener);
        const Quotes::Speaker &speaker = analysis.speakers.at(quotation.speaker);
        return QStringList{speaker.name, speaker.fullName, speaker.title, quotation.verb, quotation.listener}.join(u'|');
    };
    QCOMPARE(lastQuotation(body.arg(word)), expected);
    QCOMPARE(lastQuotation(body.arg(other)), expectedWithOther);
}

void TestQuoteAnalyzer::knownNamesCompleteSpeakers_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<QStringList>("known");
    QTest::addColumn<QString>("fullName"); // empty: as the story has it
    QTest::addColumn<QString>("title");

    const QString caine = u"Chairman of the Joint Chiefs of Staff Gen. Dan Caine"_s;
    const QString bare = u"\"We are ready,\" Caine said."_s;
    QTest::newRow("a surname the glossary completes") << bare << QStringList{caine} << u"Dan Caine"_s
                                                      << u"Chairman of the Joint Chiefs of Staff Gen."_s;
    QTest::newRow("nothing known") << bare << QStringList{} << QString() << QString();
    QTest::newRow("a known name of another surname") << bare << QStringList{u"Gen. Dan Kane"_s} << QString() << QString();
    QTest::newRow("a surname only inside a known name") << bare << QStringList{u"Caine Street Bridge"_s} << QString()
                                                        << QString();
    QTest::newRow("two known people of that surname") << bare << QStringList{caine, u"Navy Adm. Ann Caine"_s} << QString()
                                                      << QString();
    QTest::newRow("the story's own first reference stands")
        << u"Army Gen. Dan Caine spoke. \"We are ready,\" Caine said."_s << QStringList{caine} << QString() << QString();
}

void TestQuoteAnalyzer::knownNamesCompleteSpeakers()
{
    QFETCH(QString, body);
    QFETCH(QStringList, known);
    QFETCH(QString, fullName);
    QFETCH(QString, title);
    Quotes::Analysis analysis = Quotes::analyze(body);
    QCOMPARE(analysis.speakers.size(), 1);
    const Quotes::Speaker before = analysis.speakers.constFirst();
    Quotes::completeSpeakers(analysis, known);
    const Quotes::Speaker &speaker = analysis.speakers.constFirst();
    QCOMPARE(speaker.name, u"Caine"_s);
    QCOMPARE(speaker.fullName, fullName.isEmpty() ? before.fullName : fullName);
    QCOMPARE(speaker.title, title.isEmpty() ? before.title : title);
}

QTEST_GUILESS_MAIN(TestQuoteAnalyzer)
#include "tst_quoteanalyzer.moc"
