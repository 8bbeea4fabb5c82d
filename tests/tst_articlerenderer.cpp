// SPDX-License-Identifier: MIT
#include "articlerenderer.h"
#include "library.h"
#include "photorepository.h"
#include "samplestory.h"
#include "storyrepository.h"
#include "textsafety.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

class TestArticleRenderer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void placedPhotoBecomesFigure();
    void unknownPhotoIsNoImage();
    void emptyAltOnlyForDecorativePhotos_data();
    void emptyAltOnlyForDecorativePhotos();
    void unplacedImagesShowTheirDescription_data();
    void unplacedImagesShowTheirDescription();
    void correctionNoteEndsTheArticle();
    void rawHtmlIsNeverPassedThrough_data();
    void rawHtmlIsNeverPassedThrough();
    void figureTextIsEscaped();
    void nulInTextCannotOpenAnAttribute_data();
    void nulInTextCannotOpenAnAttribute();
    void controlCharactersNeverReachThePage();
    void documentHasTitleAndLanguage();
    void tablesAlignWithStyleNotObsoleteAttributes();
    void pullQuoteNamesItsSpeaker_data();
    void pullQuoteNamesItsSpeaker();
    void blockQuoteWithoutAttributionStaysPlain_data();
    void blockQuoteWithoutAttributionStaysPlain();
    void pullQuoteSpeakerIsEscaped();
    void datelineOpensFirstParagraph();
    void datelineFollowsSourcePositions();
    void documentCarriesOpenGraphAndDescription();
    void descriptionFallsBackToFirstParagraph();
    void jsonLdDescribesNewsArticle();
    void jsonLdCannotCloseItsScript_data();
    void jsonLdCannotCloseItsScript();
    void publicationUrlMakesMetadataAbsolute();
    void stylesheetIsLinkedForExport();
    void fragmentIsJustTheArticle();
    void exportImageNamesAreSafeFileNames_data();
    void exportImageNamesAreSafeFileNames();
    void exportImageNamesAreUniquePerStory();
    void blocksJoinToTheRenderedBody();
    void blockKeysSurviveLinesAddedAbove();
    void editedBlockAloneGetsANewKey();
    void identicalBlocksGetDistinctKeys();
    void cachedBlocksMatchAFreshRender();
    void blockPatchCarriesOnlyNewBlocks();
    void sampleStoryReadsLikeTheOriginalPage();

private:
    static Photo samplePhoto();
    static Story storyWithBody(const QString &body);
    static QJsonObject jsonLdOf(const QString &html);
};

Photo TestArticleRenderer::samplePhoto()
{
    Photo photo;
    photo.virin = u"250306-D-PM193-1268K"_s;
    photo.imageHash = u"abc123"_s;
    photo.altText = u"Two men in business suits are smiling while walking down a hallway."_s;
    photo.title = u"Hegseth and Healey"_s;
    photo.caption = u"Defense Secretary Pete Hegseth walks with British Defense Secretary John Healey prior to a bilateral exchange at the Pentagon, March 6, 2025."_s;
    photo.credit = u"Navy Petty Officer 1st Class Alexander Kubitza, DOD"_s;
    return photo;
}

void TestArticleRenderer::placedPhotoBecomesFigure()
{
    const QString html = ArticleRenderer::bodyHtml(u"First.\n\n![](photo:250306-D-PM193-1268K)\n\nSecond."_s,
                                                   {samplePhoto()}, {});
    QVERIFY(html.contains(u"<figure class=\"photo\" id=\"photo-250306-D-PM193-1268K\">"_s));
    QVERIFY(html.contains(u"<img src=\"newsdesk-image:/abc123\" alt=\"Two men in business suits are smiling while walking down a hallway.\""_s));
    QVERIFY(html.contains(u"<span class=\"photo-credit\">Credit: Navy Petty Officer 1st Class Alexander Kubitza, DOD</span>"_s));
    QVERIFY(html.contains(u"<span class=\"photo-virin\">VIRIN: 250306-D-PM193-1268K</span>"_s));
    // The figure stands between the paragraphs, not inside one.
    QVERIFY(html.indexOf(u"<p>First.</p>"_s) < html.indexOf(u"<figure"_s));
    QVERIFY(html.indexOf(u"</figure>"_s) < html.indexOf(u"<p>Second.</p>"_s));
    QVERIFY(!html.contains(u"<p><img"_s));

    ArticleRenderer::Options exportOptions;
    exportOptions.imageLinks = ArticleRenderer::Options::ImageLinks::ExportFiles;
    QVERIFY(ArticleRenderer::bodyHtml(u"![](photo:250306-D-PM193-1268K)"_s, {samplePhoto()}, exportOptions)
                .contains(u"src=\"images/250306-D-PM193-1268K.jpg\""_s));
}

void TestArticleRenderer::emptyAltOnlyForDecorativePhotos_data()
{
    QTest::addColumn<bool>("decorative");
    QTest::addColumn<QString>("altText");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("alt");
    const QString text = u"Two men walking."_s;
    QTest::newRow("alt text") << false << text << u"Hegseth and Healey"_s << text;
    QTest::newRow("decorative: empty on purpose") << true << QString() << u"Hegseth and Healey"_s << QString();
    QTest::newRow("decorative with text kept: still empty") << true << text << u"Hegseth and Healey"_s << QString();
    // Held back by the gate; never alt="" by accident in the preview either.
    QTest::newRow("no alt text, not decorative: the title") << false << QString() << u"Hegseth and Healey"_s
                                                            << u"Hegseth and Healey"_s;
    QTest::newRow("no alt text, no title: the VIRIN") << false << u" "_s << QString() << u"Photo 250306-D-PM193-1268K"_s;
}

void TestArticleRenderer::emptyAltOnlyForDecorativePhotos()
{
    QFETCH(bool, decorative);
    QFETCH(QString, altText);
    QFETCH(QString, title);
    QFETCH(QString, alt);
    Photo photo = samplePhoto();
    photo.decorative = decorative;
    photo.altText = altText;
    photo.title = title;
    const Story story = storyWithBody(u"![](photo:250306-D-PM193-1268K)"_s);
    const QString html = ArticleRenderer::articleDocument(story, {photo}, {});
    static const QRegularExpression img(u"<img [^>]*alt=\"([^\"]*)\""_s);
    const QRegularExpressionMatch match = img.match(html);
    QVERIFY(match.hasMatch());
    QCOMPARE(match.captured(1), alt.toHtmlEscaped());
    // The page's social card says nothing for a decorative photo either.
    QCOMPARE(html.contains(u"og:image:alt"_s), !decorative && !altText.trimmed().isEmpty());
}

void TestArticleRenderer::unknownPhotoIsNoImage()
{
    const QString html = ArticleRenderer::bodyHtml(u"![a photo we lack](photo:NOPE)"_s, {samplePhoto()}, {});
    QVERIFY(!html.contains(u"<figure"_s));
    QVERIFY2(!html.contains(u"<img"_s), qPrintable(html));
    QVERIFY2(html.contains(u"<p>a photo we lack</p>"_s), qPrintable(html));
    // The gate reports it as a placement of a photo the story lacks, not twice.
    QVERIFY(ArticleRenderer::unplacedImages(u"![a photo we lack](photo:NOPE)"_s).isEmpty());
}

void TestArticleRenderer::unplacedImagesShowTheirDescription_data()
{
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("description"); // as the page shows it instead
    const QString virin = samplePhoto().virin;
    QTest::newRow("remote") << u"![a chart](https://example.com/chart.png)"_s << u"https://example.com/chart.png"_s
                            << u"<p>a chart</p>"_s;
    QTest::newRow("data:") << u"![a dot](data:image/png;base64,iVBORw0KGgo=)"_s << u"data:image/png;base64,iVBORw0KGgo="_s
                           << u"<p>a dot</p>"_s;
    QTest::newRow("photo: inside a sentence") << u"Here ![the secretary](photo:%1) walks."_s.arg(virin)
                                              << u"photo:%1"_s.arg(virin) << u"<p>Here the secretary walks.</p>"_s;
    QTest::newRow("photo: in a link") << u"[![the secretary](photo:%1)](https://example.com/)"_s.arg(virin)
                                      << u"photo:%1"_s.arg(virin)
                                      << u"<p><a href=\"https://example.com/\">the secretary</a></p>"_s;
    QTest::newRow("photo: in a table") << u"| a |\n|---|\n| ![in a cell](photo:%1) |"_s.arg(virin)
                                       << u"photo:%1"_s.arg(virin) << u"<td>in a cell</td>"_s;
    QTest::newRow("photo: in a list") << u"- ![listed](photo:%1)"_s.arg(virin) << u"photo:%1"_s.arg(virin)
                                      << u"<li>listed</li>"_s;
    QTest::newRow("photo: in a block quote") << u"> ![quoted](photo:%1)"_s.arg(virin) << u"photo:%1"_s.arg(virin)
                                             << u"<p>quoted</p>"_s;
    QTest::newRow("emphasis in the description") << u"![a *bold* claim](https://example.com/x.png)"_s
                                                 << u"https://example.com/x.png"_s << u"<p>a bold claim</p>"_s;
    QTest::newRow("image in an image's description") << u"![outer ![inner](https://a.example/i.png)](https://b.example/o.png)"_s
                                                     << u"https://b.example/o.png"_s << u"<p>outer inner</p>"_s;
    QTest::newRow("markup in the description is text")
        << u"![<b>&lt;script&gt;</b>](https://example.com/x.png)"_s << u"https://example.com/x.png"_s
        << u"<p>&lt;script&gt;</p>"_s;
}

void TestArticleRenderer::unplacedImagesShowTheirDescription()
{
    QFETCH(QString, markdown);
    QFETCH(QString, url);
    QFETCH(QString, description);
    for (const auto imageLinks : {ArticleRenderer::Options::ImageLinks::LibraryScheme, ArticleRenderer::Options::ImageLinks::ExportFiles}) {
        ArticleRenderer::Options options;
        options.imageLinks = imageLinks;
        const QString html = ArticleRenderer::bodyHtml(markdown, {samplePhoto()}, options);
        QVERIFY2(!html.contains(u"<img"_s), qPrintable(html));
        QVERIFY2(!html.contains(u"<figure"_s), qPrintable(html));
        QVERIFY2(html.contains(description), qPrintable(html));
    }
    const QList<ArticleRenderer::UnplacedImage> images = ArticleRenderer::unplacedImages(markdown);
    QCOMPARE(images.size(), 1);
    QCOMPARE(images.constFirst().url, url);
    // A placed photo beside it is no unplaced image.
    QCOMPARE(ArticleRenderer::unplacedImages(u"![](photo:%1)\n\n"_s.arg(samplePhoto().virin) + markdown).size(), 1);
}

void TestArticleRenderer::correctionNoteEndsTheArticle()
{
    Story story = storyWithBody(u"Text."_s);
    QVERIFY(ArticleRenderer::correctionHtml(story).isEmpty());
    story.correctionNote = u"  An earlier version <b>misstated</b> a title.  "_s;
    const QString note = u"<p class=\"correction\"><strong>Correction:</strong> An earlier version &lt;b&gt;misstated&lt;/b&gt; a title.</p>\n"_s;
    QCOMPARE(ArticleRenderer::correctionHtml(story), note);
    QVERIFY(ArticleRenderer::articleFragment(story, {}, {}).endsWith(note + u"</article>\n"_s));
}

void TestArticleRenderer::rawHtmlIsNeverPassedThrough_data()
{
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QString>("forbidden");
    QTest::newRow("script block") << u"<script>alert(1)</script>"_s << u"<script"_s;
    QTest::newRow("inline handler") << u"Hello <img src=x onerror=alert(1)>"_s << u"onerror"_s;
    QTest::newRow("javascript link") << u"[click](javascript:alert(1))"_s << u"javascript:"_s;
    QTest::newRow("iframe") << u"<iframe src=\"https://example.com\"></iframe>"_s << u"<iframe"_s;
}

void TestArticleRenderer::rawHtmlIsNeverPassedThrough()
{
    QFETCH(QString, markdown);
    QFETCH(QString, forbidden);
    const QString html = ArticleRenderer::bodyHtml(markdown, {}, {});
    QVERIFY2(!html.contains(forbidden, Qt::CaseInsensitive), qPrintable(html));
}

void TestArticleRenderer::figureTextIsEscaped()
{
    Photo photo = samplePhoto();
    photo.caption = u"Soldiers <b>cheer</b> & \"wave\""_s;
    const QString html = ArticleRenderer::figureHtml(photo, {});
    QVERIFY(html.contains(u"Soldiers &lt;b&gt;cheer&lt;/b&gt; &amp; &quot;wave&quot;"_s));
}

// Issue 11, finding 1: a U+0000 in a photo's alt text cut the figure's HTML
// where it was handed to cmark as a C string; the open alt=" swallowed the
// next block, and the link after it became an onload attribute of the <img>.
void TestArticleRenderer::nulInTextCannotOpenAnAttribute_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");
    const QString figure = u"<figure class=\"photo\" id=\"photo-250306-D-PM193-1268K\">\n"_s;
    QTest::newRow("alt") << u"alt"_s
                         << figure + u"<img src=\"newsdesk-image:/abc123\" alt=\"Two menwalking\" loading=\"lazy\">\n<figcaption>\n"_s;
    QTest::newRow("title") << u"title"_s << u"<span class=\"photo-title\">Two menwalking</span>\n<span class=\"photo-caption\">"_s;
    QTest::newRow("caption") << u"caption"_s << u"<span class=\"photo-caption\">Two menwalking</span>\n<span class=\"photo-credit\">"_s;
    QTest::newRow("credit") << u"credit"_s << u"<span class=\"photo-credit\">Credit: Two menwalking</span>\n<span class=\"photo-virin\">"_s;
    QTest::newRow("dateline") << u"dateline"_s << u"<p><span class=\"dateline\">Two menwalking</span> First paragraph.</p>"_s;
}

void TestArticleRenderer::nulInTextCannotOpenAnAttribute()
{
    QFETCH(QString, field);
    QFETCH(QString, expected);
    const QString text = u"Two men\0walking"_s;
    Photo photo = samplePhoto();
    Story story = storyWithBody(u"First paragraph.\n\n![](photo:250306-D-PM193-1268K)\n\n[more](x/onload=alert(document.domain)//)\n"_s);
    if (field == u"alt"_s)
        photo.altText = text;
    else if (field == u"title"_s)
        photo.title = text;
    else if (field == u"caption"_s)
        photo.caption = text;
    else if (field == u"credit"_s)
        photo.credit = text;
    else
        story.dateline = text;
    QString blocks;
    for (const ArticleRenderer::Block &block : ArticleRenderer::bodyBlocks(story, {photo}, {}))
        blocks += block.html;
    for (const QString &html : {ArticleRenderer::articleFragment(story, {photo}, {}), blocks}) {
        QVERIFY2(html.contains(expected), qPrintable(html));
        QVERIFY2(html.contains(u"</figcaption>\n</figure>\n<p><a href=\"x/onload=alert(document.domain)//\">more</a></p>"_s),
                 qPrintable(html));
        QVERIFY(!html.contains(QChar(0)));
    }
}

// What cmark, our own HTML and the JSON-LD would carry through as they are.
void TestArticleRenderer::controlCharactersNeverReachThePage()
{
    Photo photo = samplePhoto();
    photo.caption = u"Caption\x1b[2J \u202eevil\x85"_s;
    Story story = storyWithBody(u"Para\x07graph \x1b[31mred\x7f\r\n\r\n> Quote.\n> — Pete\x1b Hegseth\u2066\n\n"
                                u"![](photo:250306-D-PM193-1268K)\n\n`code\x01`\n"_s);
    story.headline = u"Head\x9bline\u202d"_s;
    story.dek = u"Dek\x0b"_s;
    story.byline = u"By Jane\x08 Doe"_s;
    story.correctionNote = u"Corrected\u2069."_s;
    const QString html = ArticleRenderer::articleDocument(story, {photo}, {});
    for (const QChar c : html)
        QVERIFY2(c == u'\n' || (c.unicode() >= 0x20 && !TextSafety::isForbidden(c.unicode())),
                 qPrintable(u"U+%1 in the page"_s.arg(uint(c.unicode()), 4, 16, QLatin1Char('0'))));
    QVERIFY(html.contains(u"<p>Paragraph [31mred</p>"_s));
    QVERIFY(html.contains(u"<span class=\"speaker\">Pete Hegseth</span>"_s));
    QVERIFY(html.contains(u"<span class=\"photo-caption\">Caption[2J evil</span>"_s));
    QVERIFY(html.contains(u"<h1>Headline</h1>"_s));
    QCOMPARE(jsonLdOf(html).value(u"headline"_s).toString(), u"Headline"_s);
    QCOMPARE(jsonLdOf(html).value(u"image"_s).toArray().first().toObject().value(u"caption"_s).toString(), u"Caption[2J evil"_s);
}

void TestArticleRenderer::documentHasTitleAndLanguage()
{
    Story story;
    story.headline = u"Hegseth & Healey"_s;
    story.body = u"Text with a table:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"_s;
    const QString html = ArticleRenderer::articleDocument(story, {}, {});
    QVERIFY(html.startsWith(u"<!DOCTYPE html>"_s));
    QVERIFY(html.contains(u"<html lang=\"en\">"_s));
    QVERIFY(html.contains(u"<title>Hegseth &amp; Healey</title>"_s));
    QVERIFY(html.contains(u"<h1>Hegseth &amp; Healey</h1>"_s));
    QVERIFY(html.contains(u"<table>"_s)); // GitHub tables are on
}

Story TestArticleRenderer::storyWithBody(const QString &body)
{
    Story story;
    story.headline = u"Hegseth, U.K. Counterpart Discuss Working Toward Peace in Ukraine"_s;
    story.body = body;
    return story;
}

QJsonObject TestArticleRenderer::jsonLdOf(const QString &html)
{
    static const QRegularExpression script(u"<script type=\"application/ld\\+json\">(.*?)</script>"_s,
                                           QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch match = script.match(html);
    if (!match.hasMatch())
        return {};
    return QJsonDocument::fromJson(match.captured(1).toUtf8()).object();
}

void TestArticleRenderer::tablesAlignWithStyleNotObsoleteAttributes()
{
    const QString html = ArticleRenderer::bodyHtml(u"| a | b |\n|:-:|--:|\n| 1 | 2 |\n"_s, {}, {});
    QVERIFY2(html.contains(u"style=\"text-align: center\""_s), qPrintable(html));
    QVERIFY2(!html.contains(u" align="_s), qPrintable(html));
}

void TestArticleRenderer::pullQuoteNamesItsSpeaker_data()
{
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QString>("quote");
    QTest::addColumn<QString>("speaker");
    QTest::newRow("em dash on the quote's last line")
        << u"> We want to work together to achieve peace.\n> — Pete Hegseth, Defense Secretary\n"_s
        << u"We want to work together to achieve peace."_s << u"Pete Hegseth, Defense Secretary"_s;
    QTest::newRow("attribution as a paragraph of its own")
        << u"> U.K. leadership is absolutely critical.\n>\n> — Pete Hegseth\n"_s
        << u"U.K. leadership is absolutely critical."_s << u"Pete Hegseth"_s;
    QTest::newRow("two hyphens for the dash")
        << u"> We have, we are, and we will further.\n> -- John Healey\n"_s << u"We have, we are, and we will further."_s
        << u"John Healey"_s;
    QTest::newRow("em dash without a space")
        << u"> Peace through strength.\n> —Hegseth\n"_s << u"Peace through strength."_s << u"Hegseth"_s;
}

void TestArticleRenderer::pullQuoteNamesItsSpeaker()
{
    QFETCH(QString, markdown);
    QFETCH(QString, quote);
    QFETCH(QString, speaker);
    const QString html = ArticleRenderer::bodyHtml(u"Before.\n\n"_s + markdown + u"\nAfter.\n"_s, {}, {});
    const QString expected = u"<figure class=\"quote\">\n<blockquote class=\"pull-quote\">\n<p>%1</p>\n</blockquote>\n"
                             "<figcaption>— <span class=\"speaker\">%2</span></figcaption>\n</figure>"_s.arg(quote, speaker);
    QVERIFY2(html.contains(expected), qPrintable(html));
    // The attribution line is not left inside the quotation.
    QCOMPARE(html.count(speaker), 1);
    QVERIFY(html.indexOf(u"<p>Before.</p>"_s) < html.indexOf(u"<figure"_s));
    QVERIFY(html.indexOf(u"</figure>"_s) < html.indexOf(u"<p>After.</p>"_s));
}

void TestArticleRenderer::blockQuoteWithoutAttributionStaysPlain_data()
{
    QTest::addColumn<QString>("markdown");
    QTest::newRow("no attribution line") << u"> Just a quotation.\n"_s;
    QTest::newRow("dash inside a line") << u"> Peace — in part — is near.\n"_s;
    QTest::newRow("only an attribution") << u"> — Pete Hegseth\n"_s;
}

void TestArticleRenderer::blockQuoteWithoutAttributionStaysPlain()
{
    QFETCH(QString, markdown);
    const QString html = ArticleRenderer::bodyHtml(markdown, {}, {});
    QVERIFY2(html.startsWith(u"<blockquote>\n"_s), qPrintable(html));
    QVERIFY(!html.contains(u"pull-quote"_s));
}

void TestArticleRenderer::pullQuoteSpeakerIsEscaped()
{
    const QString html = ArticleRenderer::bodyHtml(u"> Quote.\n> — Tom \"T\" Smith & Co <img src=x onerror=alert(1)>\n"_s, {}, {});
    QVERIFY2(html.contains(u"<span class=\"speaker\">Tom &quot;T&quot; Smith &amp; Co</span>"_s), qPrintable(html));
    QVERIFY2(!html.contains(u"<img"_s), qPrintable(html));
    QVERIFY2(!html.contains(u"onerror"_s), qPrintable(html));
}

void TestArticleRenderer::datelineOpensFirstParagraph()
{
    Story story = storyWithBody(u"![](photo:250306-D-PM193-1268K)\n\nDefense Secretary Pete Hegseth hosted John Healey.\n\nSecond.\n"_s);
    story.dateline = u"WASHINGTON —"_s;
    const QString html = ArticleRenderer::articleFragment(story, {samplePhoto()}, {});
    QVERIFY2(html.contains(u"<p><span class=\"dateline\">WASHINGTON —</span> Defense Secretary"_s), qPrintable(html));
    QCOMPARE(html.count(u"dateline"_s), 1);
}

void TestArticleRenderer::datelineFollowsSourcePositions()
{
    Story story = storyWithBody(u"First paragraph.\n\n![](photo:250306-D-PM193-1268K)\n"_s);
    story.dateline = u"PENTAGON —"_s;
    ArticleRenderer::Options options;
    options.sourcePositions = true;
    const QString html = ArticleRenderer::articleFragment(story, {samplePhoto()}, options);
    QVERIFY2(html.contains(u"<p data-sourcepos=\"1:1-1:16\"><span class=\"dateline\">PENTAGON —</span> First"_s), qPrintable(html));
    QVERIFY2(html.contains(u"<figure class=\"photo\" id=\"photo-250306-D-PM193-1268K\" data-sourcepos=\"3:1-3:31\">"_s),
             qPrintable(html));
}

void TestArticleRenderer::documentCarriesOpenGraphAndDescription()
{
    Story story = storyWithBody(u"Text.\n\n![](photo:250306-D-PM193-1268K)\n"_s);
    story.dek = u"Britain & NATO take the lead"_s;
    ArticleRenderer::Options options;
    options.imageLinks = ArticleRenderer::Options::ImageLinks::ExportFiles;
    const QString html = ArticleRenderer::articleDocument(story, {samplePhoto()}, options);
    QVERIFY(html.contains(u"<meta name=\"description\" content=\"Britain &amp; NATO take the lead\">"_s));
    QVERIFY(html.contains(u"<meta property=\"og:type\" content=\"article\">"_s));
    QVERIFY(html.contains(u"<meta property=\"og:title\" content=\"Hegseth, U.K. Counterpart Discuss Working Toward Peace in Ukraine\">"_s));
    QVERIFY(html.contains(u"<meta property=\"og:description\" content=\"Britain &amp; NATO take the lead\">"_s));
    QVERIFY(html.contains(u"<meta property=\"og:image\" content=\"images/250306-D-PM193-1268K.jpg\">"_s));
    QVERIFY(html.contains(u"<meta property=\"og:image:alt\" content=\"Two men in business suits"_s));
    QVERIFY(html.contains(u"<main>\n<article>"_s));
}

void TestArticleRenderer::descriptionFallsBackToFirstParagraph()
{
    // The sample story's first paragraph, 232 characters: cut at a word.
    const Story story = storyWithBody(
        u"![](photo:X)\n\nDefense Secretary Pete Hegseth hosted British Defense Secretary John Healey today for a bilateral "
        "engagement at the Pentagon, where they discussed the increased role that Britain and other NATO countries are "
        "taking toward securing peace in Ukraine.\n\nSecond paragraph.\n"_s);
    const QString description = ArticleRenderer::description(story);
    QVERIFY(description.startsWith(u"Defense Secretary Pete Hegseth hosted"_s));
    QVERIFY(description.endsWith(u'…'));
    QVERIFY2(description.size() <= 161, qPrintable(description));
    QVERIFY(!description.contains(u"  "_s));
    QCOMPARE(ArticleRenderer::description(storyWithBody(u"Short *and* `plain`.\n"_s)), u"Short and plain."_s);
}

void TestArticleRenderer::jsonLdDescribesNewsArticle()
{
    Story story = storyWithBody(u"Text.\n\n![](photo:250306-D-PM193-1268K)\n"_s);
    story.byline = u"By Jim Garamone, DOD News"_s;
    story.createdAt = QDateTime(QDate(2025, 3, 1), QTime(8, 0), QTimeZone::UTC);
    story.publishedAt = QDateTime(QDate(2025, 3, 6), QTime(15, 0), QTimeZone::UTC);
    story.updatedAt = QDateTime(QDate(2025, 3, 7), QTime(9, 30), QTimeZone::UTC);
    ArticleRenderer::Options options;
    options.imageLinks = ArticleRenderer::Options::ImageLinks::ExportFiles;
    options.publisher = u"U.S. Department of Defense"_s;
    const QJsonObject json = jsonLdOf(ArticleRenderer::articleDocument(story, {samplePhoto()}, options));
    QCOMPARE(json.value(u"@context"_s).toString(), u"https://schema.org"_s);
    QCOMPARE(json.value(u"@type"_s).toString(), u"NewsArticle"_s);
    QCOMPARE(json.value(u"headline"_s).toString(), story.headline);
    QCOMPARE(json.value(u"description"_s).toString(), u"Text."_s);
    QCOMPARE(json.value(u"datePublished"_s).toString(), u"2025-03-06T15:00:00Z"_s);
    QCOMPARE(json.value(u"dateModified"_s).toString(), u"2025-03-07T09:30:00Z"_s);
    const QJsonObject author = json.value(u"author"_s).toArray().at(0).toObject();
    QCOMPARE(author.value(u"@type"_s).toString(), u"Person"_s);
    QCOMPARE(author.value(u"name"_s).toString(), u"Jim Garamone, DOD News"_s);
    QCOMPARE(json.value(u"publisher"_s).toObject().value(u"name"_s).toString(), options.publisher);
    const QJsonObject image = json.value(u"image"_s).toArray().at(0).toObject();
    QCOMPARE(image.value(u"url"_s).toString(), u"images/250306-D-PM193-1268K.jpg"_s);
    QCOMPARE(image.value(u"caption"_s).toString(), samplePhoto().caption);
    QCOMPARE(image.value(u"creditText"_s).toString(), samplePhoto().credit);

    // Without a byline the publisher is the author.
    story.byline.clear();
    const QJsonObject unsigned_ = jsonLdOf(ArticleRenderer::articleDocument(story, {samplePhoto()}, options));
    QCOMPARE(unsigned_.value(u"author"_s).toArray().at(0).toObject().value(u"@type"_s).toString(), u"Organization"_s);

    // A story not published yet is dated by the caller (export: now), never
    // by when its draft was started; without a date there is none.
    story.publishedAt = QDateTime();
    options.publishedAt = QDateTime(QDate(2025, 3, 8), QTime(12, 0), QTimeZone::UTC);
    const QString exported = ArticleRenderer::articleDocument(story, {samplePhoto()}, options);
    QCOMPARE(jsonLdOf(exported).value(u"datePublished"_s).toString(), u"2025-03-08T12:00:00Z"_s);
    QVERIFY(exported.contains(u"content=\"2025-03-08T12:00:00Z\""_s));
    options.publishedAt = QDateTime();
    const QString undated = ArticleRenderer::articleDocument(story, {samplePhoto()}, options);
    QVERIFY(!jsonLdOf(undated).contains(u"datePublished"_s));
    QVERIFY(!undated.contains(u"article:published_time"_s));
}

void TestArticleRenderer::jsonLdCannotCloseItsScript_data()
{
    QTest::addColumn<QString>("headline");
    QTest::newRow("closing script tag") << u"Peace</script><script>alert(1)</script>"_s;
    QTest::newRow("upper-case closing tag") << u"Peace</SCRIPT ><img src=x onerror=alert(1)>"_s;
    QTest::newRow("comment opener") << u"<!-- <script> Peace"_s;
    QTest::newRow("ampersand and quotes") << u"Q&A: \"peace\" & 'talks'"_s;
}

void TestArticleRenderer::jsonLdCannotCloseItsScript()
{
    QFETCH(QString, headline);
    Story story = storyWithBody(u"Text.\n"_s);
    story.headline = headline;
    const QString jsonLd = ArticleRenderer::jsonLd(story, {}, {});
    QVERIFY2(!jsonLd.contains(u'<'), qPrintable(jsonLd));
    QVERIFY2(!jsonLd.contains(u'>'), qPrintable(jsonLd));
    // Still the same text once parsed.
    QCOMPARE(QJsonDocument::fromJson(jsonLd.toUtf8()).object().value(u"headline"_s).toString(), headline);
    const QString html = ArticleRenderer::articleDocument(story, {}, {});
    QCOMPARE(html.count(u"</script>"_s, Qt::CaseInsensitive), 1);
    QCOMPARE(jsonLdOf(html).value(u"headline"_s).toString(), headline);
}

void TestArticleRenderer::publicationUrlMakesMetadataAbsolute()
{
    ArticleRenderer::Options options;
    options.imageLinks = ArticleRenderer::Options::ImageLinks::ExportFiles;
    options.publicationUrl = QUrl(u"https://www.example.mil/News/hegseth-healey/"_s);
    const QString html = ArticleRenderer::articleDocument(storyWithBody(u"![](photo:250306-D-PM193-1268K)\n"_s),
                                                          {samplePhoto()}, options);
    QVERIFY(html.contains(u"<meta property=\"og:url\" content=\"https://www.example.mil/News/hegseth-healey/\">"_s));
    QVERIFY(html.contains(u"<link rel=\"canonical\" href=\"https://www.example.mil/News/hegseth-healey/\">"_s));
    QVERIFY(html.contains(
        u"<meta property=\"og:image\" content=\"https://www.example.mil/News/hegseth-healey/images/250306-D-PM193-1268K.jpg\">"_s));
    // The page itself still links its image relatively, so the folder works anywhere.
    QVERIFY(html.contains(u"<img src=\"images/250306-D-PM193-1268K.jpg\""_s));
}

void TestArticleRenderer::stylesheetIsLinkedForExport()
{
    ArticleRenderer::Options options;
    options.stylesheet = ArticleRenderer::Options::Stylesheet::Linked;
    const QString linked = ArticleRenderer::articleDocument(storyWithBody(u"Text.\n"_s), {}, options);
    QVERIFY(linked.contains(u"<link rel=\"stylesheet\" href=\"article.css\">"_s));
    QVERIFY(!linked.contains(u"<style>"_s));
    QCOMPARE(ArticleRenderer::stylesheetFileName(), u"article.css"_s);
    QVERIFY(ArticleRenderer::stylesheet().contains(u"figcaption"_s));
    const QString inlined = ArticleRenderer::articleDocument(storyWithBody(u"Text.\n"_s), {}, {});
    QVERIFY(inlined.contains(u"<style>\n"_s + ArticleRenderer::stylesheet()));
}

void TestArticleRenderer::fragmentIsJustTheArticle()
{
    Story story = storyWithBody(u"Text.\n\n![](photo:250306-D-PM193-1268K)\n"_s);
    story.byline = u"By Jim Garamone"_s;
    const QString fragment = ArticleRenderer::articleFragment(story, {samplePhoto()}, {});
    QVERIFY(fragment.startsWith(u"<article>\n<header>\n<h1>Hegseth, U.K. Counterpart"_s));
    QVERIFY(fragment.endsWith(u"</article>\n"_s));
    QVERIFY(fragment.contains(u"<p class=\"byline\">By Jim Garamone</p>"_s));
    QVERIFY(fragment.contains(u"<figure class=\"photo\""_s));
    QVERIFY(!fragment.contains(u"<html"_s));
    QVERIFY(!fragment.contains(u"<script"_s));
    QVERIFY(ArticleRenderer::articleDocument(story, {samplePhoto()}, {}).contains(fragment));
}

void TestArticleRenderer::exportImageNamesAreSafeFileNames_data()
{
    QTest::addColumn<QString>("virin");
    QTest::addColumn<QString>("name");
    QTest::newRow("a VIRIN names the file") << u"250306-D-PM193-1268K"_s << u"250306-D-PM193-1268K.jpg"_s;
    QTest::newRow("a slash is not a path") << u"../../etc/passwd"_s << u"photo_7.jpg"_s;
    QTest::newRow("no hidden files") << u".htaccess"_s << u"photo_7.jpg"_s;
    QTest::newRow("no VIRIN yet") << QString() << u"photo_7.jpg"_s;
    QTest::newRow("spaces are not kept") << u"250306 D"_s << u"photo_7.jpg"_s;
    QTest::newRow("lower case is not a VIRIN") << u"250306-d-pm193-1268k"_s << u"photo_7.jpg"_s;
    QTest::newRow("another photo's fallback name") << u"photo-8"_s << u"photo_7.jpg"_s;
    QTest::newRow("another photo's fallback name in capitals") << u"PHOTO_8"_s << u"photo_7.jpg"_s;
}

void TestArticleRenderer::exportImageNamesAreSafeFileNames()
{
    QFETCH(QString, virin);
    QFETCH(QString, name);
    Photo photo;
    photo.id = 7;
    photo.virin = virin;
    QCOMPARE(ArticleRenderer::exportImageName(photo), name);
}

// Names stay unique within a story's photos, also where only case differs, and
// do not depend on the order the photos come in.
void TestArticleRenderer::exportImageNamesAreUniquePerStory()
{
    QList<Photo> photos;
    const auto add = [&](qint64 id, const QString &virin) {
        Photo photo;
        photo.id = id;
        photo.virin = virin;
        photos << photo;
    };
    add(7, QString());
    add(8, u"PHOTO-7"_s);
    add(9, u"250306-D-PM193-1268K"_s);
    add(10, u"250306-D-PM193-1268K"_s);
    add(11, u"250306-D-PM193-1268K"_s);
    add(12, u"250306-D-PM193-1268K.2"_s);
    const QHash<qint64, QString> names = ArticleRenderer::exportImageNames(photos);
    QCOMPARE(names.value(7), u"photo_7.jpg"_s);
    QCOMPARE(names.value(8), u"PHOTO-7.jpg"_s);
    QCOMPARE(names.value(9), u"250306-D-PM193-1268K.jpg"_s);
    QCOMPARE(names.value(10), u"250306-D-PM193-1268K.2.jpg"_s);
    QCOMPARE(names.value(11), u"250306-D-PM193-1268K.3.jpg"_s);
    QCOMPARE(names.value(12), u"photo_12.jpg"_s);
    QSet<QString> folded;
    for (const QString &name : names)
        folded.insert(name.toLower());
    QCOMPARE(folded.size(), photos.size());
    std::reverse(photos.begin(), photos.end());
    QCOMPARE(ArticleRenderer::exportImageNames(photos), names);

    // The page links each placed photo by its own name.
    Story story;
    story.headline = u"Two"_s;
    story.body = u"![](photo:)\n\n![](photo:PHOTO-7)\n"_s;
    ArticleRenderer::Options options;
    options.imageLinks = ArticleRenderer::Options::ImageLinks::ExportFiles;
    const QString html = ArticleRenderer::articleFragment(story, photos, options);
    QVERIFY(html.contains(u"<img src=\"images/photo_7.jpg\""_s));
    QVERIFY(html.contains(u"<img src=\"images/PHOTO-7.jpg\""_s));
}

void TestArticleRenderer::blocksJoinToTheRenderedBody()
{
    Story story = storyWithBody(u"# Heading\n\nFirst.\n\n![](photo:250306-D-PM193-1268K)\n\n> Quote.\n> — Hegseth\n\n- a\n- b\n"_s);
    story.dateline = u"WASHINGTON —"_s;
    const QList<ArticleRenderer::Block> blocks = ArticleRenderer::bodyBlocks(story, {samplePhoto()}, {});
    QCOMPARE(blocks.size(), 5);
    QString joined;
    for (const ArticleRenderer::Block &block : blocks)
        joined += block.html;
    story.headline.clear();
    const QString fragment = ArticleRenderer::articleFragment(story, {samplePhoto()}, {});
    QVERIFY2(fragment.contains(joined), qPrintable(joined));
    QCOMPARE(std::pair(blocks.at(0).firstLine, blocks.at(0).lastLine), std::pair(1, 1));
    QCOMPARE(std::pair(blocks.at(2).firstLine, blocks.at(2).lastLine), std::pair(5, 5)); // the figure
    QCOMPARE(std::pair(blocks.at(3).firstLine, blocks.at(3).lastLine), std::pair(7, 8)); // the pull quote
    QCOMPARE(std::pair(blocks.at(4).firstLine, blocks.at(4).lastLine), std::pair(10, 11));
    QVERIFY(blocks.at(1).html.contains(u"dateline"_s));
    // Source positions never enter block HTML, even when asked for.
    ArticleRenderer::Options options;
    options.sourcePositions = true;
    for (const ArticleRenderer::Block &block : ArticleRenderer::bodyBlocks(story, {samplePhoto()}, options))
        QVERIFY2(!block.html.contains(u"data-sourcepos"_s), qPrintable(block.html));
}

void TestArticleRenderer::blockKeysSurviveLinesAddedAbove()
{
    const Story before = storyWithBody(u"First.\n\nSecond.\n\nThird.\n"_s);
    const Story after = storyWithBody(u"New opening.\n\nFirst.\n\nSecond.\n\nThird.\n"_s);
    const QList<ArticleRenderer::Block> old = ArticleRenderer::bodyBlocks(before, {}, {});
    const QList<ArticleRenderer::Block> now = ArticleRenderer::bodyBlocks(after, {}, {});
    QCOMPARE(now.size(), 4);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(now.at(i + 1).key, old.at(i).key);
        QCOMPARE(now.at(i + 1).firstLine, old.at(i).firstLine + 2);
    }
}

void TestArticleRenderer::editedBlockAloneGetsANewKey()
{
    const QList<ArticleRenderer::Block> old = ArticleRenderer::bodyBlocks(storyWithBody(u"First.\n\nSecond.\n\nThird.\n"_s), {}, {});
    const QList<ArticleRenderer::Block> now = ArticleRenderer::bodyBlocks(storyWithBody(u"First.\n\nSecond, edited.\n\nThird.\n"_s), {}, {});
    QCOMPARE(now.at(0).key, old.at(0).key);
    QVERIFY(now.at(1).key != old.at(1).key);
    QCOMPARE(now.at(2).key, old.at(2).key);
    // A photo's figure changes with its caption, not only with the Markdown.
    Photo photo = samplePhoto();
    const QString figureKey = ArticleRenderer::bodyBlocks(storyWithBody(u"![](photo:250306-D-PM193-1268K)\n"_s), {photo}, {}).at(0).key;
    photo.caption += u" Edited."_s;
    QVERIFY(ArticleRenderer::bodyBlocks(storyWithBody(u"![](photo:250306-D-PM193-1268K)\n"_s), {photo}, {}).at(0).key != figureKey);
}

void TestArticleRenderer::cachedBlocksMatchAFreshRender()
{
    // Each sequence is one story edited step by step, rendered with a cache
    // kept across the steps (as the preview does) and without one: the
    // blocks must be the same, whatever the edit did to the blocks around it.
    struct Step
    {
        QString body;
        QString dateline;
        QString caption;
    };
    const QString virin = samplePhoto().virin;
    const QList<QList<Step>> sequences = {
        // A reference definition changes the link of a paragraph far from it.
        {{u"See [the plan][p] now.\n\nPlain.\n\n[p]: https://a.example/\n"_s, {}, {}},
         {u"See [the plan][p] now.\n\nPlain.\n\n[p]: https://b.example/\n"_s, {}, {}},
         {u"See [the plan][p] now.\n\nPlain.\n"_s, {}, {}},
         {u"See [the plan][p] now.\n\nPlain.\n\n- [p]: not a definition\n"_s, {}, {}},
         {u"See [the plan][p] now.\n\nPlain.\n\n> [p]: https://c.example/\n"_s, {}, {}}},
        // Inline links are the block's own.
        {{u"See [the plan](https://a.example/) now.\n\nPlain.\n"_s, {}, {}},
         {u"See [the plan](https://a.example/) now.\n\nPlain, edited.\n"_s, {}, {}}},
        // A fence opened above swallows the paragraphs after it, then closes.
        {{u"One.\n\nTwo.\n\nThree.\n"_s, {}, {}},
         {u"One.\n\n```\nTwo.\n\nThree.\n"_s, {}, {}},
         {u"One.\n\n```\nTwo.\n```\n\nThree.\n"_s, {}, {}}},
        // An underline turns the paragraph above into a heading; a lazy line joins a list.
        {{u"Title\n\nText.\n\n- a\n- b\n\nAfter.\n"_s, {}, {}},
         {u"Title\n---\nText.\n\n- a\n- b\nAfter.\n"_s, {}, {}},
         {u"Title\n---\n\nText.\n\n- a\n\n- b\n\nAfter.\n"_s, {}, {}}},
        // The dateline opens whichever paragraph comes first.
        {{u"First.\n\nSecond.\n"_s, u"WASHINGTON —"_s, {}},
         {u"New.\n\nFirst.\n\nSecond.\n"_s, u"WASHINGTON —"_s, {}},
         {u"New.\n\nFirst.\n\nSecond.\n"_s, u"LONDON —"_s, {}},
         {u"First.\n\nSecond.\n"_s, {}, {}}},
        // Pull quotes, photos whose caption changes, identical blocks, tables,
        // raw HTML, control characters and CRLF.
        {{u"> Peace.\n> — Pete Hegseth\n\n![](photo:%1)\n\nSame.\n\nSame.\n"_s.arg(virin), {}, u"A."_s},
         {u"> Peace.\n> — John Healey\n\n![](photo:%1)\n\nSame.\n\nSame.\n\nSame.\n"_s.arg(virin), {}, u"B."_s},
         {u"| a | b |\n|---|---|\n| 1 | 2 |\n\n<div>\nx\n</div>\n\nOne.\r\n\r\nTwo.\u0001\r\n"_s, {}, {}},
         {u"| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n\n<div>\nx\n</div>\n\nOne.\r\n\r\nTwo.\r\n"_s, {}, {}}},
    };
    qsizetype reused = 0;
    for (const QList<Step> &sequence : sequences) {
        ArticleRenderer::BlockCache cache;
        for (const Step &step : sequence) {
            Story story = storyWithBody(step.body);
            story.dateline = step.dateline;
            Photo photo = samplePhoto();
            photo.caption = step.caption;
            const QList<ArticleRenderer::Block> fresh = ArticleRenderer::bodyBlocks(story, {photo}, {});
            reused += cache.size();
            const QList<ArticleRenderer::Block> cached = ArticleRenderer::bodyBlocks(story, {photo}, {}, &cache);
            QCOMPARE(cached.size(), fresh.size());
            for (qsizetype i = 0; i < fresh.size(); ++i) {
                QCOMPARE(cached.at(i).html, fresh.at(i).html);
                QCOMPARE(cached.at(i).key, fresh.at(i).key);
                QCOMPARE(cached.at(i).firstLine, fresh.at(i).firstLine);
                QCOMPARE(cached.at(i).lastLine, fresh.at(i).lastLine);
            }
        }
    }
    // The cache did hold blocks for the steps to reuse.
    QVERIFY(reused > 10);
}

void TestArticleRenderer::identicalBlocksGetDistinctKeys()
{
    const QList<ArticleRenderer::Block> blocks = ArticleRenderer::bodyBlocks(storyWithBody(u"Same.\n\nSame.\n\nSame.\n"_s), {}, {});
    QCOMPARE(blocks.size(), 3);
    QSet<QString> keys;
    for (const ArticleRenderer::Block &block : blocks)
        keys.insert(block.key);
    QCOMPARE(keys.size(), 3);
}

void TestArticleRenderer::blockPatchCarriesOnlyNewBlocks()
{
    const QList<ArticleRenderer::Block> shown = ArticleRenderer::bodyBlocks(storyWithBody(u"First.\n\nSecond.\n\nThird.\n"_s), {}, {});
    const QList<ArticleRenderer::Block> wanted = ArticleRenderer::bodyBlocks(storyWithBody(u"First.\n\nSecond, edited.\n\nThird.\n\nFourth.\n"_s), {}, {});
    const ArticleRenderer::BlockPatch patch = ArticleRenderer::blockPatch(shown, wanted);
    QCOMPARE(patch.order, (QStringList{wanted.at(0).key, wanted.at(1).key, wanted.at(2).key, wanted.at(3).key}));
    QCOMPARE(patch.html.size(), 2);
    QCOMPARE(patch.html.value(wanted.at(1).key), u"<p>Second, edited.</p>\n"_s);
    QCOMPARE(patch.html.value(wanted.at(3).key), u"<p>Fourth.</p>\n"_s);
    QCOMPARE(patch.removed, QStringList{shown.at(1).key});
    QCOMPARE(patch.lines.value(wanted.at(3).key), std::pair(7, 7));
    QVERIFY(ArticleRenderer::blockPatch(wanted, wanted).isEmpty());
}

void TestArticleRenderer::sampleStoryReadsLikeTheOriginalPage()
{
    // The article part of the captured page: from the headline to "Related Stories".
    QFile page(QStringLiteral(NEWSDESK_SOURCE_DIR) + u"/resources/samples/hegseth-healey/original-page.txt"_s);
    QVERIFY(page.open(QIODevice::ReadOnly));
    QStringList expected;
    bool inArticle = false;
    const QStringList lines = QString::fromUtf8(page.readAll()).split(u'\n');
    for (const QString &line : lines) {
        const QString text = line.trimmed();
        inArticle = inArticle || text.startsWith(u"Hegseth, U.K. Counterpart"_s);
        if (text == u"Related Stories"_s)
            break;
        if (inArticle && !text.isEmpty())
            expected << text;
    }
    QVERIFY(expected.size() > 20);

    Library library;
    QVERIFY(library.openInMemory());
    QString error;
    const std::optional<Story> story = SampleStory::import(&library, SampleStory::resourceDirectory(), {}, &error);
    QVERIFY2(story, qPrintable(error));
    const QString html = ArticleRenderer::articleFragment(*story, PhotoRepository(&library).photosOfStory(story->id), {});

    // What a reader sees, in order: headline, paragraphs, and for each photo its
    // alt text, title, caption, credit and VIRIN.
    static const QRegularExpression visible(
        u"<h1>(.*?)</h1>|<p>(.*?)</p>|<img [^>]*alt=\"([^\"]*)\"|<span class=\"photo-[a-z]+\">(.*?)</span>"_s);
    QStringList rendered;
    for (QRegularExpressionMatchIterator it = visible.globalMatch(html); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        QString text;
        for (int group = 1; group <= 4 && text.isEmpty(); ++group)
            text = match.captured(group);
        text.replace(u"&quot;"_s, u"\""_s).replace(u"&lt;"_s, u"<"_s).replace(u"&gt;"_s, u">"_s).replace(u"&amp;"_s, u"&"_s);
        rendered << text;
    }
    QCOMPARE(rendered, expected);
}

QTEST_GUILESS_MAIN(TestArticleRenderer)
#include "tst_articlerenderer.moc"
