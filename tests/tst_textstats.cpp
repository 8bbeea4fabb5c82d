// SPDX-License-Identifier: MIT
#include "textstats.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using Block = MarkdownProse::Block;
using Heading = TextStats::Heading;

class TestTextStats : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void words_data();
    void words();
    void characters_data();
    void characters();
    void readingTime_data();
    void readingTime();
    void outline();
    void blocks();
    void sampleStory();
};

void TestTextStats::words_data()
{
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<int>("words");

    QTest::newRow("plain words") << u"one two three"_s << 3;
    QTest::newRow("U.K. is one word") << u"the U.K. will lead"_s << 4;
    QTest::newRow("closed em dash separates words") << u"elected\u2014in part\u2014to"_s << 4;
    QTest::newRow("spaced em dash is no word") << u"elected \u2014 in part"_s << 3;
    QTest::newRow("hyphenated compound is one word") << u"laser-focused leaders"_s << 2;
    QTest::newRow("Q&A and and/or are one word each") << u"a brief Q&A and/or"_s << 4;
    QTest::newRow("apostrophes stay inside words") << u"Ukraine's we\u2019re \u201990s"_s << 3;
    QTest::newRow("numbers and ordinals") << u"20,000 troops, 1st Class"_s << 4;
    QTest::newRow("heading marks are no words") << u"# Heading here #"_s << 2;
    QTest::newRow("emphasis marks are no words") << u"**bold** and _italic_ ~~gone~~"_s << 4;
    QTest::newRow("photo target is no word") << u"![](photo:250306-D-PM193-1268K)"_s << 0;
    QTest::newRow("image alt text is no word") << u"![Two men walking](photo:250306-D-PM193-1268K)"_s << 0;
    QTest::newRow("link text counts, its URL does not") << u"[the report](https://defense.gov/News/Releases \"DoD News\")"_s << 2;
    QTest::newRow("bare URL is one word") << u"see https://defense.gov/News/Releases now"_s << 3;
    QTest::newRow("list markers are no words") << u"1. first\n2. second\n- third\n- [x] done"_s << 4;
    QTest::newRow("block quote markers are no words") << u"> quoted words\n> more"_s << 3;
    QTest::newRow("HTML tags are no words") << u"<span class=\"dateline\">WASHINGTON</span> <!-- note to editor -->"_s << 1;
    QTest::newRow("code span content counts") << u"run `make install` now"_s << 4;
    QTest::newRow("fence lines are no words") << u"```cpp\nint main\n```"_s << 2;
    QTest::newRow("thematic break is no word") << u"a\n\n---\n\nb"_s << 2;
    QTest::newRow("table pipes are no words") << u"| a | b |\n|---|---|\n| c | d |"_s << 4;
    QTest::newRow("escaped characters") << u"\\*not emphasis\\*"_s << 2;
    QTest::newRow("empty") << QString() << 0;
}

void TestTextStats::words()
{
    QFETCH(QString, markdown);
    QFETCH(int, words);
    QCOMPARE(TextStats::of(markdown).words(), words);
}

void TestTextStats::characters_data()
{
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<int>("characters");
    QTest::addColumn<int>("withoutSpaces");

    QTest::newRow("letters and a space") << u"ab cd"_s << 5 << 4;
    QTest::newRow("emphasis markers are not counted") << u"**bold**"_s << 4 << 4;
    QTest::newRow("combining accent is one character") << u"cafe\u0301"_s << 4 << 4;
    QTest::newRow("emoji sequence is one character") << u"\U0001F468\u200D\U0001F469\u200D\U0001F467"_s << 1 << 1;
    QTest::newRow("paragraph breaks are not counted") << u"a\n\nb"_s << 2 << 2;
    QTest::newRow("image is not counted") << u"![alt](photo:250306-D-PM193-1268K)"_s << 0 << 0;
    QTest::newRow("link counts its text") << u"[link](https://x.com)"_s << 4 << 4;
    QTest::newRow("heading counts its text") << u"## Title"_s << 5 << 5;
    QTest::newRow("bare URL counts as written") << u"x.com https://x.com"_s << 19 << 18;
}

void TestTextStats::characters()
{
    QFETCH(QString, markdown);
    QFETCH(int, characters);
    QFETCH(int, withoutSpaces);
    const TextStats stats = TextStats::of(markdown);
    QCOMPARE(stats.characters(), characters);
    QCOMPARE(stats.charactersWithoutSpaces(), withoutSpaces);
}

void TestTextStats::readingTime_data()
{
    QTest::addColumn<int>("words");
    QTest::addColumn<int>("seconds");
    QTest::addColumn<int>("minutes");
    QTest::newRow("nothing to read") << 0 << 0 << 0;
    QTest::newRow("one word takes a second") << 1 << 1 << 1;
    QTest::newRow("a minute at 230 words a minute") << 230 << 60 << 1;
    QTest::newRow("one word more rounds up") << 231 << 61 << 2;
    QTest::newRow("a long feature") << 2300 << 600 << 10;
}

void TestTextStats::readingTime()
{
    QFETCH(int, words);
    QFETCH(int, seconds);
    QFETCH(int, minutes);
    QStringList text;
    for (int i = 0; i < words; ++i)
        text << u"word"_s;
    const TextStats stats = TextStats::of(text.join(u' '));
    QCOMPARE(stats.words(), words);
    QCOMPARE(TextStats::WordsPerMinute, 230);
    QCOMPARE(stats.readingTimeSeconds(), seconds);
    QCOMPARE(stats.readingTimeMinutes(), minutes);
}

void TestTextStats::outline()
{
    const QString markdown = u"# Hegseth, *U.K.* Counterpart Meet #\n\nText.\n\n## [Ukraine](https://x.com) talks\n\n"
                             u"Setext title\n===\n\n```\n# not a heading\n```\n\n    # nor this\n\n####### seven is too many\n\n#nospace"_s;
    const QList<Heading> expected = {
        {1, u"Hegseth, U.K. Counterpart Meet"_s, 0},
        {2, u"Ukraine talks"_s, markdown.indexOf(u"## ")},
        {1, u"Setext title"_s, markdown.indexOf(u"Setext")},
    };
    QCOMPARE(TextStats::of(markdown).outline(), expected);
}

void TestTextStats::blocks()
{
    const QString markdown = u"Para one\nstill one\n\n# Heading\n\n```\ncode\n\nmore code\n```\n\n---\n- item a\n- item b\n\n    indented code\n\nLast"_s;
    QList<Block::Type> types;
    QStringList texts;
    for (const Block &block : MarkdownProse::blocks(markdown)) {
        types << block.type;
        texts << markdown.sliced(block.offset, block.length);
    }
    const QList<Block::Type> expectedTypes = {Block::Type::Paragraph, Block::Type::Heading,   Block::Type::Code,      Block::Type::ThematicBreak,
                                              Block::Type::Paragraph, Block::Type::Paragraph,
                                              // The last item's second paragraph, as CommonMark reads it: indented
                                              // less than four columns past the item's text.
                                              Block::Type::Paragraph, Block::Type::Paragraph};
    QCOMPARE(types, expectedTypes);
    QCOMPARE(texts,
             (QStringList{u"Para one\nstill one"_s, u"# Heading"_s, u"```\ncode\n\nmore code\n```"_s, u"---"_s, u"- item a"_s, u"- item b"_s,
                          u"    indented code"_s, u"Last"_s}));
}

void TestTextStats::sampleStory()
{
    QFile file(QStringLiteral(NEWSDESK_SOURCE_DIR) + u"/resources/samples/hegseth-healey/story.json"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject story = QJsonDocument::fromJson(file.readAll()).object();
    QStringList blocks;
    int expectedWords = 0;
    for (const QJsonValue &paragraph : story.value(u"paragraphs"_s).toArray()) {
        blocks << paragraph.toString() << u"![](photo:250306-D-PM193-1268K)"_s;
        // The sample spaces its dashes and has no hyphen joining numbers, so
        // here a word is what a space separates and holds a letter or digit.
        for (const QString &token : paragraph.toString().split(u' ', Qt::SkipEmptyParts)) {
            if (std::any_of(token.cbegin(), token.cend(), [](QChar c) { return c.isLetterOrNumber(); }))
                ++expectedWords;
        }
    }
    const TextStats stats = TextStats::of(blocks.join(u"\n\n"_s));
    QVERIFY(expectedWords > 400);
    QCOMPARE(stats.words(), expectedWords);
}

QTEST_GUILESS_MAIN(TestTextStats)
#include "tst_textstats.moc"
