// SPDX-License-Identifier: MIT
#pragma once

#include "photo.h"
#include "story.h"

#include <QHash>
#include <QList>
#include <QString>

// Turns a story into publication HTML. The live preview and the export use
// this one renderer, so the preview shows exactly what will be published.
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
    };

    // The story body (Markdown) as an HTML fragment. Raw HTML in the source is
    // never passed through. A paragraph that is only ![](photo:VIRIN) becomes
    // the photo's <figure>.
    static QString bodyHtml(const QString &markdown, const QList<Photo> &photos, const Options &options);

    // The <figure> for one photo: image with alt text; caption holding title,
    // caption, "Credit: …" and "VIRIN: …", as defense.gov lays them out.
    static QString figureHtml(const Photo &photo, const Options &options);

    // A complete HTML5 document for the story.
    static QString articleDocument(const Story &story, const QList<Photo> &photos, const Options &options);

    // Where the image of photo is found under options.
    static QString imageUrl(const Photo &photo, const Options &options);
};
