// SPDX-License-Identifier: MIT
#pragma once

#include "articlerenderer.h"
#include "photo.h"
#include "publicationsettings.h"
#include "storymarkdown.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QSize>
#include <QString>

#include <optional>

class Library;

// A story as an IPTC ninjs 3.1 news item (JSON), the format wire services,
// newsroom systems and archives exchange (https://iptc.org/standards/ninjs/),
// and back.
//
// Out (StoryExporter with Format::Ninjs writes it as ninjsFileName() beside
// the photos' web renditions in images/, as the HTML export writes them):
//   standard        {name: ninjs, version: 3.1, schema: the 3.1 schema's URI}
//   uri             the article address (Preferences ▸ Publication), else
//                   urn:newsdesk:story:SLUG
//   type            text; version: the story's row version
//   firstCreated, contentCreated   when the story was created
//   versionCreated  when it was last changed
//   pubStatus       withheld while an embargo holds, otherwise usable (the
//                   workflow has no withdrawn or killed status: an archived
//                   story is put away, not retracted, so never canceled)
//   embargoedUntil  the embargo; language: the page's
//   headlines       [{role: main, value: headline}]; slugline: the slug
//   by              the byline; located: the dateline without its dash
//   descriptions    [{role: summary, value: dek}] when there is a dek
//   bodies          [{role: main, contentType: text/html, wordCount,
//                   charCount, value}]: ArticleRenderer::articleBody(), the
//                   export's article without its header
//   copyrightNotice, usageTerms   the library's publication settings
//   associations    one picture per placed photo: name, uri, type picture,
//                   headlines (title), descriptions (caption, alt text), by
//                   (credit), people (photographer), altIds (role virin),
//                   renditions [{name: web, href: images/NAME.jpg, …}]
//
// In: read() takes such a document back to a story and its photos. The
// body's HTML becomes Markdown again only when it is HTML as Newsdesk writes
// it: the Markdown made from it must render to exactly the same HTML, or the
// document is refused, saying so. Nothing is lost or guessed.
namespace Ninjs {

// The ninjs version written, and the schema it is valid against.
QString standardVersion();
QString schemaUri();
// The document's name in an export folder.
QString ninjsFileName();

// A photo's web rendition as the export wrote it.
struct Rendition
{
    QString href; // relative to the document: "images/VIRIN.jpg"
    QSize pixelSize;
    qint64 bytes = 0;
};

struct WriteOptions
{
    // As for the HTML export (ExportFiles image links, the image names).
    ArticleRenderer::Options render;
    PublicationSettings settings;
    QHash<qint64, Rendition> renditions; // by photo id
};

// The news item for a story parsed once (its body is rendered here: a
// ParsedStory renders once).
QJsonObject item(const ArticleRenderer::ParsedStory &parsed, const WriteOptions &options);
QByteArray toJson(const QJsonObject &item);

// True when data starts as JSON does, with an object or an array (after white
// space and a byte order mark): what import takes for ninjs rather than
// Markdown (front matter starts with "---").
bool looksLikeJson(const QByteArray &data);

struct ReadResult
{
    std::optional<StoryMarkdown::Document> document; // photos' fileName: the rendition's href
    QString error;
    QStringList warnings;
};
ReadResult read(const QByteArray &json);

// The HTML of a body as ArticleRenderer::articleBody() writes it, back as the
// story's body, dateline and correction note; hrefToVirin names the photos
// its figures show. Empty with *error when it is not such HTML.
struct Body
{
    QString markdown;
    QString dateline;
    QString correctionNote;
};
std::optional<Body> bodyFromHtml(const QString &html, const QHash<QString, QString> &hrefToVirin, QString *error);

// Imports a ninjs document (its file in baseDirectory) as a new story, as
// StoryMarkdown::importDocument() imports: a Draft, its photos' images read
// from the renditions' files beside the document when they are there.
StoryMarkdown::ImportResult importData(Library *library, const QByteArray &json, const QString &baseDirectory);

// A story file of either kind: ninjs when its content is JSON, otherwise
// Markdown with front matter. Read as StoryMarkdown::importFile() reads.
StoryMarkdown::ImportResult importStoryFile(Library *library, const QString &path);

} // namespace Ninjs
