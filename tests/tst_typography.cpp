// SPDX-License-Identifier: MIT
#include "typography.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using Typography::Replacement;

namespace {

// Types text one character at a time at the end, applying each conversion as
// an editor would.
QString typed(const QString &text)
{
    QString document;
    for (QChar c : text) {
        document.append(c);
        if (const auto replacement = Typography::afterTyping(document, document.size()))
            document.replace(replacement->offset, replacement->length, replacement->text);
    }
    return document;
}

QString sampleBody()
{
    QFile file(QStringLiteral(NEWSDESK_SOURCE_DIR) + u"/resources/samples/hegseth-healey/story.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList paragraphs;
    for (const QJsonValue &paragraph : QJsonDocument::fromJson(file.readAll()).object().value(u"paragraphs"_s).toArray())
        paragraphs << paragraph.toString();
    return paragraphs.join(u"\n\n"_s);
}

} // namespace

class TestTypography : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void afterTyping_data();
    void afterTyping();
    void replacementIsTheRangeToReplace();
    void conversions_data();
    void conversions();
    void typingGivesWhatConversionGives_data();
    void typingGivesWhatConversionGives();
    void anyTextGivesRangesInsideIt();
};

void TestTypography::afterTyping_data()
{
    // before: the text with ‸ where the cursor is, just after the typed character.
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after"); // the text once the replacement is applied

    QTest::newRow("double quote at the start opens") << u"\"\u2038"_s << u"\u201C"_s;
    QTest::newRow("double quote after a space opens") << u"said \"\u2038"_s << u"said \u201C"_s;
    QTest::newRow("double quote after a word closes") << u"\u201CHi\"\u2038"_s << u"\u201CHi\u201D"_s;
    QTest::newRow("double quote after a period closes") << u"\u201CGo.\"\u2038"_s << u"\u201CGo.\u201D"_s;
    QTest::newRow("double quote after an opening bracket opens") << u"(\"\u2038"_s << u"(\u201C"_s;
    QTest::newRow("double quote after an em dash opens") << u"word\u2014\"\u2038"_s << u"word\u2014\u201C"_s;
    QTest::newRow("double quote after a new line opens") << u"Intro.\n\n\"\u2038"_s << u"Intro.\n\n\u201C"_s;
    QTest::newRow("double quote after emphasis markers opens") << u"**\"\u2038"_s << u"**\u201C"_s;
    QTest::newRow("nested: single after opening double opens") << u"\u201C'\u2038"_s << u"\u201C\u2018"_s;
    QTest::newRow("nested: double after closing single closes") << u"\u201CHe said \u2018no\u2019\"\u2038"_s
                                                                << u"\u201CHe said \u2018no\u2019\u201D"_s;
    QTest::newRow("nested: double after opening single opens") << u"\u2018\"\u2038"_s << u"\u2018\u201C"_s;
    QTest::newRow("apostrophe inside a word") << u"it'\u2038"_s << u"it\u2019"_s;
    QTest::newRow("apostrophe after a plural") << u"soldiers'\u2038"_s << u"soldiers\u2019"_s;
    QTest::newRow("single quote after a space opens") << u"said '\u2038"_s << u"said \u2018"_s;
    QTest::newRow("single quote after a comma closes") << u"\u2018no,'\u2038"_s << u"\u2018no,\u2019"_s;
    QTest::newRow("digit after an opening single: year elision") << u"the \u20189\u2038"_s << u"the \u20199"_s;
    QTest::newRow("word end after 'em: elision") << u"catch \u2018em \u2038"_s << u"catch \u2019em "_s;
    QTest::newRow("word end after 'til: elision") << u"\u2018til,\u2038"_s << u"\u2019til,"_s;
    QTest::newRow("rock 'n' roll") << u"rock \u2018n'\u2038"_s << u"rock \u2019n\u2019"_s;
    QTest::newRow("word end after a quoted word: no change") << u"\u2018yes \u2038"_s << u"\u2018yes "_s;
    QTest::newRow("two hyphens make an em dash") << u"word--\u2038"_s << u"word\u2014"_s;
    QTest::newRow("spaced hyphens make a spaced em dash") << u"word --\u2038"_s << u"word \u2014"_s;
    QTest::newRow("three dots make an ellipsis") << u"wait...\u2038"_s << u"wait\u2026"_s;
    QTest::newRow("quote inside link text converts") << u"[He said \"\u2038"_s << u"[He said \u201C"_s;
    QTest::newRow("quote after a closed code span converts") << u"`x` \"\u2038"_s << u"`x` \u201C"_s;

    QTest::newRow("left alone: a letter") << u"a\u2038"_s << u"a"_s;
    QTest::newRow("left alone: four dots") << u"wait....\u2038"_s << u"wait...."_s;
    QTest::newRow("left alone: three hyphens") << u"word\u2014-\u2038"_s << u"word\u2014-"_s;
    QTest::newRow("left alone: code span being typed") << u"Run `it'\u2038"_s << u"Run `it'"_s;
    QTest::newRow("left alone: in a closed code span") << u"Run `say \"\u2038x` now"_s << u"Run `say \"x` now"_s;
    QTest::newRow("left alone: fenced code block") << u"```\nsay \"\u2038"_s << u"```\nsay \""_s;
    QTest::newRow("left alone: link destination") << u"[DoD](https://defense.gov/a--\u2038"_s << u"[DoD](https://defense.gov/a--"_s;
    QTest::newRow("left alone: link title") << u"[DoD](https://defense.gov \"\u2038"_s << u"[DoD](https://defense.gov \""_s;
    QTest::newRow("left alone: photo target") << u"![](photo:250306-D--\u2038"_s << u"![](photo:250306-D--"_s;
    QTest::newRow("left alone: image alt being typed") << u"![The \"\u2038"_s << u"![The \""_s;
    QTest::newRow("left alone: bare URL") << u"see https://example.com/it'\u2038"_s << u"see https://example.com/it'"_s;
    QTest::newRow("left alone: autolink") << u"<https://example.com/a--\u2038"_s << u"<https://example.com/a--"_s;
    QTest::newRow("left alone: HTML attribute") << u"<span class=\"\u2038"_s << u"<span class=\""_s;
    QTest::newRow("left alone: HTML comment") << u"<!--\u2038"_s << u"<!--"_s;
    QTest::newRow("left alone: escaped quote") << u"\\\"\u2038"_s << u"\\\""_s;
    QTest::newRow("left alone: thematic break") << u"Text\n\n--\u2038"_s << u"Text\n\n--"_s;
    QTest::newRow("left alone: table delimiter row") << u"| a | b |\n| --\u2038"_s << u"| a | b |\n| --"_s;
}

void TestTypography::afterTyping()
{
    QFETCH(QString, before);
    QFETCH(QString, after);
    const qsizetype cursor = before.indexOf(u'\u2038');
    QVERIFY(cursor >= 0);
    QString text = before;
    text.remove(cursor, 1);
    if (const auto replacement = Typography::afterTyping(text, cursor)) {
        // The replacement ends at the cursor or before it: the typing stays.
        QVERIFY(replacement->offset + replacement->length <= cursor);
        text.replace(replacement->offset, replacement->length, replacement->text);
    }
    QCOMPARE(text, after);
}

void TestTypography::replacementIsTheRangeToReplace()
{
    QCOMPARE(Typography::afterTyping(u"a--", 3), (Replacement{1, 2, u"\u2014"_s}));
    QCOMPARE(Typography::afterTyping(u"rock \u2018n'", 8), (Replacement{5, 3, u"\u2019n\u2019"_s}));
    QCOMPARE(Typography::afterTyping(u"\"abc", 1), (Replacement{0, 1, u"\u201C"_s}));
    QCOMPARE(Typography::afterTyping(u"abc", 0), std::nullopt);
    QCOMPARE(Typography::afterTyping(u"abc", 4), std::nullopt);
    QCOMPARE(Typography::conversions(u"a--b... \"c\""),
             (QList<Replacement>{{1, 2, u"\u2014"_s}, {4, 3, u"\u2026"_s}, {8, 1, u"\u201C"_s}, {10, 1, u"\u201D"_s}}));
}

void TestTypography::conversions_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("nested quotes") << u"\"He said 'no' to me,\" she said."_s
                                   << u"\u201CHe said \u2018no\u2019 to me,\u201D she said."_s;
    QTest::newRow("apostrophes at word start") << u"'Tis the '90s, rock 'n' roll, catch 'em."_s
                                               << u"\u2019Tis the \u201990s, rock \u2019n\u2019 roll, catch \u2019em."_s;
    QTest::newRow("apostrophes inside and after words") << u"It's the soldiers' gear."_s << u"It\u2019s the soldiers\u2019 gear."_s;
    QTest::newRow("quotes after an opening bracket and a dash") << u"(\"Quoted\") and --\"quoted\""_s
                                                                << u"(\u201CQuoted\u201D) and \u2014\u201Cquoted\u201D"_s;
    QTest::newRow("quote before a space closes") << u"He said \"no\" and \" left"_s << u"He said \u201Cno\u201D and \u201D left"_s;
    QTest::newRow("em dash and ellipsis") << u"Wait... no--yes."_s << u"Wait\u2026 no\u2014yes."_s;
    QTest::newRow("emphasis around a quotation") << u"*\"Yes,\"* he said."_s << u"*\u201CYes,\u201D* he said."_s;
    QTest::newRow("code span left alone") << u"Run `echo \"it's\"` -- now"_s << u"Run `echo \"it's\"` \u2014 now"_s;
    QTest::newRow("fenced code left alone") << u"```\nsay \"it's\" -- ok\n```\n\n\"Yes\""_s
                                            << u"```\nsay \"it's\" -- ok\n```\n\n\u201CYes\u201D"_s;
    QTest::newRow("link text converted, destination and title left alone")
        << u"[\"It's\" here](https://x.com/it's--fine \"Title's\")"_s << u"[\u201CIt\u2019s\u201D here](https://x.com/it's--fine \"Title's\")"_s;
    QTest::newRow("photo target left alone") << u"![](photo:250306-D-PM193-1268K)"_s << u"![](photo:250306-D-PM193-1268K)"_s;
    QTest::newRow("image with alt text left alone") << u"![Hegseth's \"walk\"](photo:250306-D-PM193-1268K \"it's\")"_s
                                                    << u"![Hegseth's \"walk\"](photo:250306-D-PM193-1268K \"it's\")"_s;
    QTest::newRow("bare URL left alone") << u"see https://x.com/a--b's now"_s << u"see https://x.com/a--b's now"_s;
    QTest::newRow("HTML comment left alone") << u"<!-- note -- here -->"_s << u"<!-- note -- here -->"_s;
    QTest::newRow("escaped quote left alone") << u"\\\"literal\\\""_s << u"\\\"literal\\\""_s;
    QTest::newRow("thematic break and table left alone") << u"Intro\n\n---\n\n| a | b |\n|--|--|"_s << u"Intro\n\n---\n\n| a | b |\n|--|--|"_s;
    QTest::newRow("setext underline left alone") << u"Title\n--"_s << u"Title\n--"_s;
}

void TestTypography::conversions()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(Typography::converted(text), expected);
}

void TestTypography::typingGivesWhatConversionGives_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("straightMarksLeft"); // in Markdown syntax
    QTest::newRow("nested quotes") << u"\"She said 'no,' then left,\" he added."_s << 0;
    QTest::newRow("apostrophes and elisions") << u"It's the '90s -- rock 'n' roll... 'Tis true, catch 'em."_s << 0;
    QTest::newRow("brackets and emphasis") << u"(\"Quoted\") and **\"bold\"** words."_s << 0;
    QTest::newRow("markdown left alone") << u"See [\"it\"](https://x.com/a--b \"t\") and `c--d` and ![](photo:250306-D-PM193-1268K)."_s
                                         << 2;
    const QString sample = sampleBody();
    QVERIFY(!sample.isEmpty());
    QTest::newRow("the sample story") << sample << 0;
}

void TestTypography::typingGivesWhatConversionGives()
{
    QFETCH(QString, text);
    QFETCH(int, straightMarksLeft);
    const QString result = typed(text);
    QCOMPARE(result, Typography::converted(text));
    QCOMPARE(result.count(u'"'), straightMarksLeft);
}

// Typography runs on every keystroke, half-finished Markdown included.
void TestTypography::anyTextGivesRangesInsideIt()
{
    const QString alphabet = u"a1 .-\"'\u2018\u201C[]()!`<>*_|:\n\\"_s;
    QRandomGenerator random(4);
    for (int round = 0; round < 2000; ++round) {
        QString text;
        const int length = random.bounded(1, 80);
        for (int i = 0; i < length; ++i)
            text.append(alphabet.at(random.bounded(int(alphabet.size()))));
        for (qsizetype cursor = 0; cursor <= text.size(); ++cursor) {
            if (const auto replacement = Typography::afterTyping(text, cursor))
                QVERIFY2(replacement->offset >= 0 && replacement->offset + replacement->length <= cursor, qPrintable(text));
        }
        qsizetype end = 0;
        for (const Replacement &replacement : Typography::conversions(text)) {
            QVERIFY2(replacement.offset >= end && replacement.length > 0, qPrintable(text));
            end = replacement.offset + replacement.length;
        }
        QVERIFY(end <= text.size());
    }
}

QTEST_GUILESS_MAIN(TestTypography)
#include "tst_typography.moc"
