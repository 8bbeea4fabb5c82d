// SPDX-License-Identifier: MIT
#pragma once

#include "articlerenderer.h"
#include "exportgate.h"
#include "photo.h"
#include "story.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

class Library;

// Writes a story for publication: a folder with index.html, article.css and
// images/ holding a web rendition of each placed photo, all linked relatively
// (or, in the ninjs format, ninjs.json beside the same images/).
//
// The folder is written beside the target under a hidden name and moved into
// place only when complete, so a failed export leaves nothing half-written and
// an earlier export stays as it was until the new one replaces it. A target
// that holds anything but an earlier export's files is never replaced.
class StoryExporter
{
public:
    struct Options
    {
        // Exports a story the gate blocks, when the library's actor may
        // (ExportGate::decide: editors; otherwise the export is refused
        // with errorMessage saying why); recorded in the audit log as
        // "export-override". Blank means no override.
        QString overrideReason;
        int maxLongSide = 2048; // pixels, for the web renditions
        int jpegQuality = 85;
        // Publisher, publication URL and date for the page's metadata; image
        // links and the stylesheet are the export's own whatever is set here.
        ArticleRenderer::Options render;
        // Called from the exporting thread before the first photo (0, total)
        // and after each; returning false stops the export, which then
        // leaves nothing behind.
        std::function<bool(int done, int total)> progress;
        // What the folder holds besides images/: the page (index.html and
        // article.css) or an IPTC ninjs 3 news item (Ninjs::ninjsFileName(),
        // see ninjs.h). The same gate, photos and audit either way.
        enum class Format { Html, Ninjs };
        Format format = Format::Html;
    };

    struct Result
    {
        bool success = false;
        bool overridden = false;     // exported although the gate blocked it
        bool cancelled = false;      // stopped by Options::progress; nothing written
        QStringList blockingReasons; // why the gate blocked it (also when overridden)
        QString errorMessage;        // what went wrong when not blocked
        QStringList filesWritten;    // absolute paths, in the final folder
        QStringList warnings;        // after a success: what was left as it was
    };

    explicit StoryExporter(Library *library);

    // The publication gate (ExportGate::findings, in models/) on what the
    // story's body places and shows (ArticleRenderer::bodyImages()); now is
    // for tests.
    static QList<StoryFinding> gateFindings(const Story &story, const QList<Photo> &storyPhotos,
                                            const QDateTime &now = QDateTime::currentDateTimeUtc());

    // Fills in what the library's PublicationSettings say and the caller
    // left empty: the publisher and the story's absolute article address.
    static void applyPublicationSettings(Library *library, const Story &story, ArticleRenderer::Options &render);

    Result exportStory(const Story &story, const QString &directory, const Options &options);
    Result exportStory(const Story &story, const QString &directory) { return exportStory(story, directory, Options()); }

    // A JPEG for the web: at most maxLongSide pixels on the long side,
    // orientation applied, transparency flattened onto white, at quality
    // jpegQuality, with the photo's metadata embedded by embedPhotoMetadata().
    // Empty with *errorString when the original cannot be read.
    static QByteArray webRendition(const QByteArray &original, const Photo &photo, const Options &options,
                                   QString *errorString);

    // The approved metadata (IPTC IIM and XMP: VIRIN, caption with its credit
    // line, alt text, release…) written into a rendition by PhotoMetadata.
    // Re-encoding has dropped whatever the original carried, so only what the
    // library holds goes out. Empty with *errorString on failure.
    static QByteArray embedPhotoMetadata(const QByteArray &jpeg, const Photo &photo, QString *errorString);

private:
    Library *m_library;
};
