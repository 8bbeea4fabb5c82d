// SPDX-License-Identifier: MIT
#include "articlerenderer.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestArticleRenderer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void placedPhotoBecomesFigure();
    void unknownPhotoStaysAnImage();
    void rawHtmlIsNeverPassedThrough_data();
    void rawHtmlIsNeverPassedThrough();
    void figureTextIsEscaped();
    void documentHasTitleAndLanguage();

private:
    static Photo samplePhoto();
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

void TestArticleRenderer::unknownPhotoStaysAnImage()
{
    const QString html = ArticleRenderer::bodyHtml(u"![](photo:NOPE)"_s, {samplePhoto()}, {});
    QVERIFY(!html.contains(u"<figure"_s));
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

QTEST_GUILESS_MAIN(TestArticleRenderer)
#include "tst_articlerenderer.moc"
