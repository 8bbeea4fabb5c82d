// SPDX-License-Identifier: MIT
#pragma once

#include "exportgate.h"
#include "photo.h"
#include "story.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace ArticleRendering {
struct ParsedBody; // a cmark document and the HTML our custom nodes stand for
}

// Turns a story into publication HTML. The live preview and the export use
// this one renderer, so the preview shows exactly what will be published.
//
// Markdown conventions on top of CommonMark and GitHub's tables,
// strikethrough and autolinks:
// - a paragraph that is only ![](photo:VIRIN) places that photo as a <figure>;
// - a block quote whose last line starts with an em dash (or "--") is a pull
//   quote, and that line names the speaker:
//       > We want to work together to achieve peace.
//       > — Pete Hegseth, Defense Secretary
//   It renders as <figure class="quote"><blockquote class="pull-quote">…
//   </blockquote><figcaption>— <span class="speaker">…</span></figcaption>
//   </figure>: HTML puts a quotation's attribution outside the blockquote.
// Raw HTML in the source is never passed through, and no image but a placed
// photo: any other image shows as its description (see unplacedImages()).
class ArticleRenderer
{
public:
    struct Options
    {
        // How an <img> names a photo's image: the preview uses the app's own
        // scheme, the export a relative file name.
        enum class ImageLinks { LibraryScheme, ExportFiles };
        ImageLinks imageLinks = ImageLinks::LibraryScheme;
        // data-sourcepos on blocks, for preview scroll sync.
        bool sourcePositions = false;
        // The document's stylesheet: inline (the preview, "Copy HTML" of a
        // whole page) or a link to stylesheetFileName() beside the page (the
        // export writes that file).
        enum class Stylesheet { Inline, Linked };
        Stylesheet stylesheet = Stylesheet::Inline;
        QString language = QStringLiteral("en");
        // Where the page will be published. When set, og:url, the canonical
        // link and image URLs in the metadata are absolute, as Open Graph
        // readers want; when empty they stay relative to the page.
        QUrl publicationUrl;
        // The publishing organisation, for schema.org (also the author when
        // the story has no byline), e.g. "U.S. Department of Defense".
        QString publisher;
        // The publication date of a story not published yet (export: now);
        // a published story's own date (Story::publishedAt) comes first.
        // With neither, the page has no publication date.
        QDateTime publishedAt;
        // Export file names by photo id (exportImageNames()); the functions
        // given a story's photos fill it in when it is empty.
        QHash<qint64, QString> imageNames;
    };

    // One top-level block of the body, for a preview that replaces only the
    // blocks that changed. key is derived from the block's HTML (plus an
    // occurrence number for identical blocks), so it survives edits elsewhere,
    // including lines added above it; firstLine/lastLine (1-based, inclusive)
    // say where it is in the Markdown now. html never carries data-sourcepos,
    // so a shift in lines does not change it.
    struct Block
    {
        QString key;
        QString html;
        int firstLine = 0;
        int lastLine = 0;
    };

    // What a preview must do to turn the blocks it shows into the new ones:
    // keep the nodes whose key is still in order, create the ones in html
    // (keyed by their new key), drop the keys in removed, and arrange all in
    // order. lines gives every block's current source range.
    struct BlockPatch
    {
        QStringList order;
        QHash<QString, QString> html; // only blocks that are new
        QStringList removed;
        QHash<QString, std::pair<int, int>> lines;
        bool isEmpty() const { return html.isEmpty() && removed.isEmpty(); }
    };

    // The story body (Markdown) as an HTML fragment. Raw HTML in the source is
    // never passed through. A paragraph that is only ![](photo:VIRIN) becomes
    // the photo's <figure>.
    static QString bodyHtml(const QString &markdown, const QList<Photo> &photos, const Options &options);

    // The body as top-level blocks (the story's dateline opens the first
    // paragraph, as in articleFragment()).
    static QList<Block> bodyBlocks(const Story &story, const QList<Photo> &photos, const Options &options);

    // The blocks of the last bodyBlocks() call given it, by their Markdown,
    // for the next call to reuse instead of rendering them again: typing
    // changes one block of hundreds. The whole body is still parsed each
    // time, so a block is where and what the parse says; only the HTML of a
    // top-level block whose source is unchanged byte for byte is reused, and
    // only of one whose HTML depends on nothing outside it: no image or
    // photo placement, no link at all when the body has a reference
    // definition, not the dateline's paragraph. For one caller at a time.
    class BlockCache
    {
    public:
        qsizetype size() const { return m_blocks.size(); }

    private:
        friend class ArticleRenderer;
        struct Rendered
        {
            QString html;
            QString hash;
        };
        QHash<QByteArray, Rendered> m_blocks;
    };
    static QList<Block> bodyBlocks(const Story &story, const QList<Photo> &photos, const Options &options, BlockCache *cache);
    static BlockPatch blockPatch(const QList<Block> &shown, const QList<Block> &wanted);

    // The <figure> for one photo: image with alt text; caption holding title,
    // caption, "Credit: …" and "VIRIN: …", as defense.gov lays them out.
    static QString figureHtml(const Photo &photo, const Options &options);

    // The article's <header>: headline, dek and byline (the preview replaces
    // it on its own, apart from the body's blocks).
    static QString headerHtml(const Story &story);

    // The correction note as the article prints it at its end (the preview
    // shows it on its own, after the body's blocks); empty without a note.
    static QString correctionHtml(const Story &story);

    // Just the <article> element (header, body and correction note), for pasting into a
    // site's content management system ("Copy HTML").
    static QString articleFragment(const Story &story, const QList<Photo> &photos, const Options &options);

    // A complete HTML5 document for the story: language, title, description,
    // Open Graph tags, a schema.org NewsArticle JSON-LD block and the article.
    static QString articleDocument(const Story &story, const QList<Photo> &photos, const Options &options);

    // The photos the body places, in the order it places them, each once.
    static QList<Photo> placedPhotos(const QString &markdown, const QList<Photo> &photos);
    // The VIRINs of ![](photo:VIRIN) paragraphs that name no photo of the story.
    static QStringList unknownPlacements(const QString &markdown, const QList<Photo> &photos);

    // An image of the body that is not a placement, which the renderer shows
    // as its description and the export gate names (image-not-reviewed).
    using UnplacedImage = BodyImages::UnplacedImage;
    // The body's unplaced images, in reading order; an image inside another
    // image's description is part of that one.
    static QList<UnplacedImage> unplacedImages(const QString &markdown);

    // All three of the above from one parse: what the export gate
    // (ExportGate in models/, which cannot parse Markdown) is given.
    static BodyImages bodyImages(const QString &markdown, const QList<Photo> &photos);

    // A story with its body parsed once. One export reads everything it
    // needs of the body from this one cmark document: what the body places
    // and shows (for the gate and the photos to write), the page's
    // description and the article itself, instead of parsing the body for
    // each. Rendering consumes the document (our figures and pull quotes
    // replace its nodes), so rendering twice parses again; not for sharing
    // between threads.
    class ParsedStory
    {
    public:
        ParsedStory(const Story &story, const QList<Photo> &photos);
        ~ParsedStory();
        ParsedStory(ParsedStory &&) noexcept;
        ParsedStory &operator=(ParsedStory &&) noexcept;

        const Story &story() const { return m_story; }
        const QList<Photo> &photos() const { return m_photos; }
        const BodyImages &images() const { return m_images; }
        // description(story()), read from the same document.
        const QString &description() const { return m_description; }

    private:
        friend class ArticleRenderer;
        ParsedStory(const Story &story, const QList<Photo> &photos, bool sourcePositions);
        // The parsed body for one rendering: this one's, the first time and
        // when parsed with the same source positions; a new parse otherwise.
        std::unique_ptr<ArticleRendering::ParsedBody> takeBody(bool sourcePositions) const;

        Story m_story;
        QList<Photo> m_photos;
        BodyImages m_images;
        QString m_description;
        bool m_sourcePositions = false;
        mutable std::unique_ptr<ArticleRendering::ParsedBody> m_body;
    };
    // The article without its <header> and <article> element: the body
    // (the dateline opening its first paragraph) and the correction note, for
    // formats that carry headline, dek and byline in fields of their own (an
    // IPTC ninjs body).
    static QString articleBody(const ParsedStory &parsed, const Options &options);
    static QString articleBody(const Story &story, const QList<Photo> &photos, const Options &options);
    // articleFragment() and articleDocument() of a story already parsed.
    static QString articleFragment(const ParsedStory &parsed, const Options &options);
    static QString articleDocument(const ParsedStory &parsed, const Options &options);

    // The page description: the dek, or else the start of the first
    // paragraph as plain text, cut at a word near 160 characters.
    static QString description(const Story &story);

    // The schema.org NewsArticle JSON-LD for the story, as compact JSON that
    // is safe inside a <script> element (no "<" in it).
    static QString jsonLd(const Story &story, const QList<Photo> &photos, const Options &options);

    // Where the image of photo is found under options.
    static QString imageUrl(const Photo &photo, const Options &options);
    // The file name of a photo's web rendition in an export: "VIRIN.jpg" for
    // a VIRIN of capitals, digits and hyphens, otherwise "photo_ID.jpg"; safe
    // as a file name whatever the VIRIN field holds, and never the name of
    // another photo's file, even on a file system that ignores case.
    static QString exportImageName(const Photo &photo);
    // exportImageName() for each of photos (by id), made unique: the second
    // photo with one VIRIN (by id) gets "VIRIN.2.jpg", and so on. The same
    // photos give the same names, in any order.
    static QHash<qint64, QString> exportImageNames(const QList<Photo> &photos);

    // The article stylesheet and the name the export gives its file.
    static QString stylesheet();
    static QString stylesheetFileName();

private:
    static QString jsonLdOf(const Story &story, const QList<Photo> &placed, const QString &summary, const Options &options);
};
