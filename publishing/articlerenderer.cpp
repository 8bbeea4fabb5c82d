// SPDX-License-Identifier: MIT
#include "articlerenderer.h"

#include "textsafety.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <memory>
#include <tuple>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

constexpr QStringView photoScheme = u"photo:";

struct NodeDeleter
{
    void operator()(cmark_node *node) const { cmark_node_free(node); }
};
struct ParserDeleter
{
    void operator()(cmark_parser *parser) const { cmark_parser_free(parser); }
};
struct IterDeleter
{
    void operator()(cmark_iter *iter) const { cmark_iter_free(iter); }
};

void attachExtensions(cmark_parser *parser)
{
    cmark_gfm_core_extensions_ensure_registered();
    for (const char *name : {"table", "strikethrough", "autolink"}) {
        if (cmark_syntax_extension *extension = cmark_find_syntax_extension(name))
            cmark_parser_attach_syntax_extension(parser, extension);
    }
}

// Text from a library file as HTML text or attribute value. The file may have
// been written by anyone with write access to it, so what the repositories
// would have removed is removed here too.
QString safeText(const QString &text)
{
    return TextSafety::clean(text, TextSafety::Lines::Multi);
}

QString escaped(const QString &text)
{
    return safeText(text).toHtmlEscaped();
}

QString literalOf(cmark_node *node)
{
    const char *literal = cmark_node_get_literal(node);
    return literal ? QString::fromUtf8(literal) : QString();
}

// The text a reader sees in an inline subtree, without markup. Walked with
// cmark's iterator, not by recursion: a body may nest emphasis or images a
// million deep, and each level of recursion costs stack.
QString plainText(cmark_node *node)
{
    QString text;
    cmark_iter *iterator = cmark_iter_new(node);
    for (cmark_event_type event; (event = cmark_iter_next(iterator)) != CMARK_EVENT_DONE;) {
        cmark_node *current = cmark_iter_get_node(iterator);
        if (event != CMARK_EVENT_ENTER || current == node)
            continue;
        switch (cmark_node_get_type(current)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
            text += literalOf(current);
            break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            text += u' ';
            break;
        default:
            break; // raw HTML is never shown; containers give their children's text
        }
    }
    cmark_iter_free(iterator);
    return text;
}

// The VIRIN named by a paragraph that holds nothing but ![…](photo:VIRIN).
std::optional<QString> placementIn(cmark_node *paragraph)
{
    if (cmark_node_get_type(paragraph) != CMARK_NODE_PARAGRAPH)
        return std::nullopt;
    cmark_node *child = cmark_node_first_child(paragraph);
    if (!child || cmark_node_next(child) || cmark_node_get_type(child) != CMARK_NODE_IMAGE)
        return std::nullopt;
    const QString url = QString::fromUtf8(cmark_node_get_url(child));
    if (!url.startsWith(photoScheme))
        return std::nullopt;
    return url.mid(photoScheme.size()).trimmed();
}

// The images in document, outermost only (an image inside another's
// description is part of that one's alt text), in reading order. With
// skipPlacements, top-level placement paragraphs are left out whole.
// Iterative, so deep nesting costs no stack.
QList<cmark_node *> imagesIn(cmark_node *document, bool skipPlacements)
{
    QList<cmark_node *> images;
    const std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(document));
    for (cmark_event_type event; (event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
        if (event != CMARK_EVENT_ENTER)
            continue;
        cmark_node *node = cmark_iter_get_node(iter.get());
        const bool placement = skipPlacements && cmark_node_parent(node) == document && placementIn(node);
        if (placement || cmark_node_get_type(node) == CMARK_NODE_IMAGE) {
            if (!placement)
                images << node;
            cmark_iter_reset(iter.get(), node, CMARK_EVENT_EXIT); // not into its children
        }
    }
    return images;
}

// The first source line cmark knows for node or its nearest ancestor (inline
// nodes may have none).
int sourceLineOf(cmark_node *node)
{
    for (; node; node = cmark_node_parent(node)) {
        if (const int line = cmark_node_get_start_line(node); line > 0)
            return line;
    }
    return 0;
}

QString sourcePosAttribute(cmark_node *node)
{
    return u" data-sourcepos=\"%1:%2-%3:%4\""_s.arg(cmark_node_get_start_line(node))
        .arg(cmark_node_get_start_column(node))
        .arg(cmark_node_get_end_line(node))
        .arg(cmark_node_get_end_column(node));
}

// The img's alt: empty only for a photo marked decorative (on purpose: screen
// readers pass over it). A photo that lacks alt text without being decorative
// is held back by the export gate (altTextMissing()); the preview still shows
// it, with its title (or VIRIN) as alt, so that nothing says alt="" by accident.
QString imageAlt(const Photo &photo)
{
    if (photo.decorative)
        return {};
    if (!altTextMissing(photo))
        return photo.altText;
    if (!photo.title.trimmed().isEmpty())
        return photo.title;
    // In the page's language, as the rest of what the renderer writes.
    return u"Photo "_s + photo.virin;
}

QString figureHtmlWith(const Photo &photo, const ArticleRenderer::Options &options, const QString &extraAttributes)
{
    QString html = u"<figure class=\"photo\" id=\"photo-%1\"%2>\n"_s.arg(escaped(photo.virin), extraAttributes);
    html += u"<img src=\"%1\" alt=\"%2\" loading=\"lazy\">\n"_s.arg(escaped(ArticleRenderer::imageUrl(photo, options)),
                                                                 escaped(imageAlt(photo)));
    html += u"<figcaption>\n"_s;
    if (!photo.title.isEmpty())
        html += u"<span class=\"photo-title\">%1</span>\n"_s.arg(escaped(photo.title));
    if (!photo.caption.isEmpty())
        html += u"<span class=\"photo-caption\">%1</span>\n"_s.arg(escaped(photo.caption));
    if (!photo.credit.isEmpty())
        html += u"<span class=\"photo-credit\">Credit: %1</span>\n"_s.arg(escaped(photo.credit));
    if (!photo.virin.isEmpty())
        html += u"<span class=\"photo-virin\">VIRIN: %1</span>\n"_s.arg(escaped(photo.virin));
    html += u"</figcaption>\n</figure>\n"_s;
    return html;
}

// "— Speaker", "―Speaker" or "-- Speaker": the speaker, or nothing.
std::optional<QString> attribution(const QString &line)
{
    static const QRegularExpression pattern(u"^\\s*(?:\\x{2014}|\\x{2015}|--)\\s*(\\S.*)$"_s);
    const QRegularExpressionMatch match = pattern.match(line);
    if (!match.hasMatch())
        return std::nullopt;
    return match.captured(1).trimmed();
}

// The speaker of a pull quote, taken out of the block quote; nothing when the
// quote has no attribution line (then it stays a plain block quote).
std::optional<QString> takeSpeaker(cmark_node *quote)
{
    cmark_node *last = cmark_node_last_child(quote);
    if (!last || cmark_node_get_type(last) != CMARK_NODE_PARAGRAPH)
        return std::nullopt;
    // The attribution as its own paragraph after a blank "> " line.
    if (cmark_node_previous(last)) {
        const std::optional<QString> speaker = attribution(plainText(last));
        cmark_node *first = cmark_node_first_child(last);
        if (speaker && first && cmark_node_get_type(first) == CMARK_NODE_TEXT && attribution(literalOf(first))) {
            cmark_node_free(last); // unlinks it too
            return speaker;
        }
    }
    // The attribution as the paragraph's last line.
    cmark_node *lineBreak = nullptr;
    for (cmark_node *child = cmark_node_last_child(last); child; child = cmark_node_previous(child)) {
        const cmark_node_type type = cmark_node_get_type(child);
        if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
            lineBreak = child;
            break;
        }
    }
    if (!lineBreak)
        return std::nullopt;
    cmark_node *first = cmark_node_next(lineBreak);
    if (!first || cmark_node_get_type(first) != CMARK_NODE_TEXT || !attribution(literalOf(first)))
        return std::nullopt;
    QString line;
    for (cmark_node *node = first; node; node = cmark_node_next(node)) {
        const cmark_node_type type = cmark_node_get_type(node);
        line += (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) ? literalOf(node) : plainText(node);
    }
    const std::optional<QString> speaker = attribution(line);
    if (!speaker)
        return std::nullopt;
    while (cmark_node *node = cmark_node_next(lineBreak))
        cmark_node_free(node);
    cmark_node_free(lineBreak);
    return speaker;
}

// What cmark writes for one of our custom nodes: "<newsdesk-splice N>",
// replaced by our HTML after rendering. cmark never writes that itself: raw
// HTML from the source is dropped (no CMARK_OPT_UNSAFE) and every "<" in text,
// code, link targets and titles is escaped.
constexpr QStringView spliceOpening = u"<newsdesk-splice ";

} // namespace

namespace ArticleRendering {

// The body parsed, with photo paragraphs, pull quotes and the dateline turned
// into our own HTML. That HTML never passes through cmark: cmark's custom
// nodes take C strings, which a U+0000 in a caption would cut short, leaving
// an attribute open for the Markdown after it to fill. The custom nodes carry
// only a token (spliceToken()), and render() puts our QString HTML in its
// place.
struct ParsedBody
{
    int cmarkOptions = 0;
    std::unique_ptr<cmark_parser, ParserDeleter> parser;
    std::unique_ptr<cmark_node, NodeDeleter> document;
    // Source lines of the top-level nodes we made (cmark gives them none).
    QHash<cmark_node *, std::pair<int, int>> lines;
    // Our HTML, by the number in its token.
    QStringList splices;
    // What the parser read (UTF-8, cleaned), and the top-level paragraph
    // that the dateline opens.
    QByteArray source;
    cmark_node *datelineParagraph = nullptr;

    std::pair<int, int> linesOf(cmark_node *node) const
    {
        return lines.value(node, {cmark_node_get_start_line(node), cmark_node_get_end_line(node)});
    }

    // The token that stands for html in cmark's output. A final line break
    // stays with the token, so cmark lays out the lines around it as it
    // would around html itself.
    QByteArray spliceToken(QString html)
    {
        const bool lineBreak = html.endsWith(u'\n');
        if (lineBreak)
            html.chop(1);
        const QByteArray token = spliceOpening.toUtf8() + QByteArray::number(splices.size()) + '>';
        splices << html;
        return lineBreak ? token + '\n' : token;
    }

    QString render(cmark_node *node) const
    {
        char *html = cmark_render_html(node, cmarkOptions, cmark_parser_get_syntax_extensions(parser.get()));
        const QString rendered = QString::fromUtf8(html);
        cmark_get_default_mem_allocator()->free(html);
        QString result;
        result.reserve(rendered.size());
        qsizetype from = 0;
        for (qsizetype at = rendered.indexOf(spliceOpening); at >= 0; at = rendered.indexOf(spliceOpening, from)) {
            const qsizetype numberStart = at + spliceOpening.size();
            const qsizetype close = rendered.indexOf(u'>', numberStart);
            bool isNumber = false;
            const qsizetype number = close < 0 ? -1 : QStringView(rendered).mid(numberStart, close - numberStart).toLongLong(&isNumber);
            result += QStringView(rendered).mid(from, at - from);
            if (isNumber && number >= 0 && number < splices.size()) {
                result += splices.at(number);
                from = close + 1;
            } else {
                from = numberStart; // not ours; cannot happen, see spliceOpening
                result += spliceOpening.toString().toHtmlEscaped();
            }
        }
        result += QStringView(rendered).mid(from);
        return result;
    }
};

} // namespace ArticleRendering

namespace {

using ArticleRendering::ParsedBody;

// Replaces node by a custom block that writes before and after around
// node's children.
cmark_node *wrapInCustomBlock(ParsedBody &parsed, cmark_node *node, const QString &before, const QString &after)
{
    cmark_node *wrapper = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
    cmark_node_set_on_enter(wrapper, parsed.spliceToken(before).constData());
    cmark_node_set_on_exit(wrapper, parsed.spliceToken(after).constData());
    while (cmark_node *child = cmark_node_first_child(node))
        cmark_node_append_child(wrapper, child);
    cmark_node_replace(node, wrapper);
    return wrapper;
}

std::unique_ptr<ParsedBody> parseMarkdown(const QString &markdown, bool sourcePositions)
{
    auto parsed = std::make_unique<ParsedBody>();
    // No CMARK_OPT_UNSAFE: raw HTML and javascript: links are dropped. Table
    // alignment as style attributes, since HTML5 has no align attribute.
    parsed->cmarkOptions = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES;
    if (sourcePositions)
        parsed->cmarkOptions |= CMARK_OPT_SOURCEPOS;
    parsed->parser.reset(cmark_parser_new(parsed->cmarkOptions));
    attachExtensions(parsed->parser.get());
    // A body longer than a story may hold (a library written by other means)
    // renders as nothing: the commands, the export and the preview refuse
    // it with bodyLengthProblem()'s reason before they get here. cmark passes
    // control characters in text through to the HTML, so they go first.
    const QByteArray utf8 = bodyLengthProblem(markdown).isEmpty() ? safeText(markdown).toUtf8() : QByteArray();
    cmark_parser_feed(parsed->parser.get(), utf8.constData(), size_t(utf8.size()));
    parsed->source = utf8;
    parsed->document.reset(cmark_parser_finish(parsed->parser.get()));
    cmark_consolidate_text_nodes(parsed->document.get());
    return parsed;
}

// Turns a parsed body into what the page shows: photo paragraphs into
// figures, pull quotes, the dateline, unplaced images into their text.
void shapeBody(ParsedBody *parsed, const QString &dateline, const QList<Photo> &photos, const ArticleRenderer::Options &options)
{
    QHash<QString, const Photo *> byVirin;
    for (const Photo &photo : photos)
        byVirin.insert(photo.virin, &photo);

    QList<cmark_node *> topLevel;
    for (cmark_node *node = cmark_node_first_child(parsed->document.get()); node; node = cmark_node_next(node))
        topLevel << node;

    bool datelinePlaced = dateline.trimmed().isEmpty();
    for (cmark_node *node : std::as_const(topLevel)) {
        const std::pair<int, int> lines{cmark_node_get_start_line(node), cmark_node_get_end_line(node)};
        const QString position = options.sourcePositions ? sourcePosAttribute(node) : QString();
        if (const std::optional<QString> virin = placementIn(node)) {
            if (const Photo *photo = byVirin.value(*virin, nullptr)) {
                cmark_node *figure = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
                cmark_node_set_on_enter(figure, parsed->spliceToken(figureHtmlWith(*photo, options, position)).constData());
                cmark_node_set_on_exit(figure, "");
                cmark_node_replace(node, figure);
                cmark_node_free(node);
                parsed->lines.insert(figure, lines);
                continue;
            }
        }
        const cmark_node_type type = cmark_node_get_type(node);
        if (type == CMARK_NODE_BLOCK_QUOTE) {
            if (const std::optional<QString> speaker = takeSpeaker(node)) {
                cmark_node *quote = wrapInCustomBlock(
                    *parsed, node, u"<figure class=\"quote\"%1>\n<blockquote class=\"pull-quote\">\n"_s.arg(position),
                    u"</blockquote>\n<figcaption>— <span class=\"speaker\">%1</span></figcaption>\n</figure>\n"_s.arg(
                        escaped(*speaker)));
                cmark_node_free(node);
                parsed->lines.insert(quote, lines);
            }
        } else if (type == CMARK_NODE_PARAGRAPH && !datelinePlaced) {
            // The dateline opens the story's first paragraph: "WASHINGTON — …".
            cmark_node *span = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
            cmark_node_set_on_enter(
                span, parsed->spliceToken(u"<span class=\"dateline\">%1</span> "_s.arg(escaped(dateline.trimmed()))).constData());
            cmark_node_set_on_exit(span, "");
            cmark_node_prepend_child(node, span);
            parsed->datelineParagraph = node;
            datelinePlaced = true;
        }
    }
    // Every image left is not a placed photo of the story: an address
    // anywhere, data:, or photo: inside a sentence, link, list, table or
    // quote. Nobody reviewed it, so no <img> goes out for it, not even in an
    // export an editor overrides; the reader gets its description as text
    // (the gate names each one: unplacedImages()).
    for (cmark_node *image : imagesIn(parsed->document.get(), false)) {
        cmark_node *text = cmark_node_new(CMARK_NODE_TEXT);
        cmark_node_set_literal(text, plainText(image).toUtf8().constData());
        cmark_node_replace(image, text);
        cmark_node_free(image);
    }
}

std::unique_ptr<ParsedBody> parseBody(const QString &markdown, const QString &dateline, const QList<Photo> &photos,
                                      const ArticleRenderer::Options &options)
{
    std::unique_ptr<ParsedBody> parsed = parseMarkdown(markdown, options.sourcePositions);
    shapeBody(parsed.get(), dateline, photos, options);
    return parsed;
}

// The story's photos that the top-level placements of document name, in
// order, each once.
QList<Photo> placedIn(cmark_node *document, const QList<Photo> &photos)
{
    QHash<QString, const Photo *> byVirin;
    for (const Photo &photo : photos)
        byVirin.insert(photo.virin, &photo);
    QList<Photo> placed;
    QSet<qint64> seen;
    for (cmark_node *node = cmark_node_first_child(document); node; node = cmark_node_next(node)) {
        const std::optional<QString> virin = placementIn(node);
        const Photo *photo = virin ? byVirin.value(*virin, nullptr) : nullptr;
        if (photo && !seen.contains(photo->id)) {
            seen.insert(photo->id);
            placed << *photo;
        }
    }
    return placed;
}

QStringList unknownPlacementsIn(cmark_node *document, const QList<Photo> &photos)
{
    QSet<QString> known;
    for (const Photo &photo : photos)
        known.insert(photo.virin);
    QStringList unknown;
    for (cmark_node *node = cmark_node_first_child(document); node; node = cmark_node_next(node)) {
        const std::optional<QString> virin = placementIn(node);
        if (virin && !known.contains(*virin) && !unknown.contains(*virin))
            unknown << *virin;
    }
    return unknown;
}

QList<ArticleRenderer::UnplacedImage> unplacedImagesIn(cmark_node *document)
{
    QList<ArticleRenderer::UnplacedImage> images;
    for (cmark_node *image : imagesIn(document, true))
        images << ArticleRenderer::UnplacedImage{QString::fromUtf8(cmark_node_get_url(image)), sourceLineOf(image)};
    return images;
}

// ArticleRenderer::description() of story, whose body document holds.
QString descriptionIn(const Story &story, cmark_node *document)
{
    if (!story.dek.trimmed().isEmpty())
        return story.dek.trimmed();
    for (cmark_node *node = cmark_node_first_child(document); node; node = cmark_node_next(node)) {
        if (cmark_node_get_type(node) != CMARK_NODE_PARAGRAPH || placementIn(node))
            continue;
        const QString text = plainText(node).simplified();
        if (text.isEmpty())
            continue;
        constexpr qsizetype limit = 160;
        if (text.size() <= limit)
            return text;
        qsizetype cut = text.lastIndexOf(u' ', limit);
        if (cut < limit / 2)
            cut = limit;
        QString shortened = text.left(cut);
        while (!shortened.isEmpty() && (shortened.back().isPunct() || shortened.back().isSpace()))
            shortened.chop(1);
        return shortened + u'…';
    }
    return story.headline.trimmed();
}

// The <article> of story, whose body parsed holds (and shapeBody() changes).
QString articleFragmentOf(const Story &story, const QList<Photo> &photos, ParsedBody *parsed, const ArticleRenderer::Options &options)
{
    QString html = u"<article>\n"_s + ArticleRenderer::headerHtml(story);
    shapeBody(parsed, story.dateline, photos, options);
    html += parsed->render(parsed->document.get());
    html += ArticleRenderer::correctionHtml(story);
    html += u"</article>\n"_s;
    return html;
}

QString hashKey(const QString &html)
{
    return QString::fromLatin1(QCryptographicHash::hash(html.toUtf8(), QCryptographicHash::Md5).toHex().left(16));
}

QString byPerson(const QString &byline)
{
    QString name = byline.trimmed();
    if (name.startsWith(u"By "_s, Qt::CaseInsensitive))
        name = name.mid(3).trimmed();
    return name;
}

// Open Graph and schema.org readers want absolute URLs; without a publication
// URL the relative ones are the best we know.
QDateTime publicationDate(const Story &story, const ArticleRenderer::Options &options)
{
    return story.publishedAt.isValid() ? story.publishedAt : options.publishedAt;
}

QString publishedUrl(const QString &relative, const ArticleRenderer::Options &options)
{
    if (!options.publicationUrl.isValid() || options.publicationUrl.isEmpty())
        return relative;
    return options.publicationUrl.resolved(QUrl(relative)).toString(QUrl::FullyEncoded);
}

// options with the export names of photos filled in, unless given.
ArticleRenderer::Options withImageNames(const ArticleRenderer::Options &options, const QList<Photo> &photos)
{
    ArticleRenderer::Options named = options;
    if (named.imageNames.isEmpty())
        named.imageNames = ArticleRenderer::exportImageNames(photos);
    return named;
}

QString isoDate(const QDateTime &when)
{
    return when.toUTC().toString(Qt::ISODate);
}

} // namespace

QString ArticleRenderer::exportImageName(const Photo &photo)
{
    // A VIRIN is capitals, digits and hyphens; anything else in the field (a
    // slash, a leading dot, lower case) must not become a path, nor a name
    // that differs from another only in case. No such name holds "_" or ".",
    // so "photo_ID" and exportImageNames()' "NAME.N" cannot meet one.
    static const QRegularExpression virinShaped(u"^[A-Z0-9][A-Z0-9-]{0,99}$"_s);
    const QString base = virinShaped.match(photo.virin).hasMatch() ? photo.virin : u"photo_%1"_s.arg(photo.id);
    return base + u".jpg"_s;
}

QHash<qint64, QString> ArticleRenderer::exportImageNames(const QList<Photo> &photos)
{
    QList<const Photo *> byId;
    for (const Photo &photo : photos)
        byId << &photo;
    std::stable_sort(byId.begin(), byId.end(), [](const Photo *a, const Photo *b) { return a->id < b->id; });
    QHash<qint64, QString> names;
    QHash<QString, int> uses;
    for (const Photo *photo : std::as_const(byId)) {
        if (names.contains(photo->id))
            continue;
        const QString name = exportImageName(*photo);
        const int use = ++uses[name];
        names.insert(photo->id, use == 1 ? name : u"%1.%2.jpg"_s.arg(name.chopped(4)).arg(use));
    }
    return names;
}

QString ArticleRenderer::imageUrl(const Photo &photo, const Options &options)
{
    switch (options.imageLinks) {
    case Options::ImageLinks::LibraryScheme:
        return u"newsdesk-image:/%1"_s.arg(photo.imageHash);
    case Options::ImageLinks::ExportFiles:
        return u"images/"_s + options.imageNames.value(photo.id, exportImageName(photo));
    }
    return {};
}

QString ArticleRenderer::figureHtml(const Photo &photo, const Options &options)
{
    return figureHtmlWith(photo, options, {});
}

QString ArticleRenderer::bodyHtml(const QString &markdown, const QList<Photo> &photos, const Options &given)
{
    const Options options = withImageNames(given, photos);
    const std::unique_ptr<ParsedBody> parsed = parseBody(markdown, {}, photos, options);
    return parsed->render(parsed->document.get());
}

QList<ArticleRenderer::Block> ArticleRenderer::bodyBlocks(const Story &story, const QList<Photo> &photos,
                                                          const Options &options)
{
    return bodyBlocks(story, photos, options, nullptr);
}

QList<ArticleRenderer::Block> ArticleRenderer::bodyBlocks(const Story &story, const QList<Photo> &photos,
                                                          const Options &options, BlockCache *cache)
{
    Options blockOptions = withImageNames(options, photos);
    blockOptions.sourcePositions = false;
    const std::unique_ptr<ParsedBody> parsed = parseBody(story.body, story.dateline, photos, blockOptions);
    // Where each line starts in what the parser read (lines are 1-based).
    QList<qsizetype> lineStarts{0};
    if (cache) {
        for (qsizetype at = parsed->source.indexOf('\n'); at >= 0; at = parsed->source.indexOf('\n', at + 1))
            lineStarts << at + 1;
    }
    // A reference definition ("[label]: destination") needs "]:"; with none
    // in the body, a link's HTML depends only on its own block.
    const bool referencesPossible = parsed->source.contains("]:");
    const auto lineStart = [&](int line) {
        return line >= 1 && line <= lineStarts.size() ? lineStarts.at(line - 1) : parsed->source.size();
    };
    QHash<QByteArray, BlockCache::Rendered> kept;
    QList<Block> blocks;
    QHash<QString, int> occurrences;
    for (cmark_node *node = cmark_node_first_child(parsed->document.get()); node; node = cmark_node_next(node)) {
        Block block;
        std::tie(block.firstLine, block.lastLine) = parsed->linesOf(node);
        // The block's source runs to where the next block starts, so that
        // every byte of the body is in some block's: a change anywhere
        // changes some block's source, or where blocks start.
        QByteArray source;
        if (cache && node != parsed->datelineParagraph) {
            cmark_node *next = cmark_node_next(node);
            const qsizetype from = lineStart(block.firstLine);
            const qsizetype to = next ? lineStart(parsed->linesOf(next).first) : parsed->source.size();
            const QByteArrayView slice = from < to ? QByteArrayView(parsed->source).sliced(from, to - from) : QByteArrayView();
            if (!slice.isEmpty() && !slice.contains("![") && (!referencesPossible || !slice.contains('[')))
                source = slice.toByteArray();
        }
        const BlockCache::Rendered *known = nullptr;
        if (!source.isEmpty()) {
            if (const auto found = cache->m_blocks.constFind(source); found != cache->m_blocks.cend())
                known = &*found;
        }
        QString hash;
        if (known) {
            block.html = known->html;
            hash = known->hash;
        } else {
            block.html = parsed->render(node);
            hash = hashKey(block.html);
        }
        if (!source.isEmpty())
            kept.insert(source, {block.html, hash});
        const int occurrence = ++occurrences[hash];
        block.key = occurrence == 1 ? hash : u"%1-%2"_s.arg(hash).arg(occurrence);
        blocks << block;
    }
    // Only the blocks of this body are kept.
    if (cache)
        cache->m_blocks = std::move(kept);
    return blocks;
}

ArticleRenderer::BlockPatch ArticleRenderer::blockPatch(const QList<Block> &shown, const QList<Block> &wanted)
{
    BlockPatch patch;
    QSet<QString> shownKeys;
    for (const Block &block : shown)
        shownKeys.insert(block.key);
    QSet<QString> wantedKeys;
    for (const Block &block : wanted) {
        wantedKeys.insert(block.key);
        patch.order << block.key;
        patch.lines.insert(block.key, {block.firstLine, block.lastLine});
        if (!shownKeys.contains(block.key))
            patch.html.insert(block.key, block.html);
    }
    for (const Block &block : shown) {
        if (!wantedKeys.contains(block.key))
            patch.removed << block.key;
    }
    return patch;
}

QList<Photo> ArticleRenderer::placedPhotos(const QString &markdown, const QList<Photo> &photos)
{
    return placedIn(parseMarkdown(markdown, false)->document.get(), photos);
}

QStringList ArticleRenderer::unknownPlacements(const QString &markdown, const QList<Photo> &photos)
{
    return unknownPlacementsIn(parseMarkdown(markdown, false)->document.get(), photos);
}

QList<ArticleRenderer::UnplacedImage> ArticleRenderer::unplacedImages(const QString &markdown)
{
    return unplacedImagesIn(parseMarkdown(markdown, false)->document.get());
}

BodyImages ArticleRenderer::bodyImages(const QString &markdown, const QList<Photo> &photos)
{
    const std::unique_ptr<ParsedBody> parsed = parseMarkdown(markdown, false);
    cmark_node *document = parsed->document.get();
    return {placedIn(document, photos), unknownPlacementsIn(document, photos), unplacedImagesIn(document)};
}

ArticleRenderer::ParsedStory::ParsedStory(const Story &story, const QList<Photo> &photos)
    : ParsedStory(story, photos, false)
{
}

ArticleRenderer::ParsedStory::ParsedStory(const Story &story, const QList<Photo> &photos, bool sourcePositions)
    : m_story(story)
    , m_photos(photos)
    , m_sourcePositions(sourcePositions)
    , m_body(parseMarkdown(story.body, sourcePositions))
{
    // Read before rendering changes the document.
    cmark_node *document = m_body->document.get();
    m_images = {placedIn(document, photos), unknownPlacementsIn(document, photos), unplacedImagesIn(document)};
    m_description = descriptionIn(story, document);
}

ArticleRenderer::ParsedStory::~ParsedStory() = default;
ArticleRenderer::ParsedStory::ParsedStory(ParsedStory &&) noexcept = default;
ArticleRenderer::ParsedStory &ArticleRenderer::ParsedStory::operator=(ParsedStory &&) noexcept = default;

std::unique_ptr<ParsedBody> ArticleRenderer::ParsedStory::takeBody(bool sourcePositions) const
{
    if (m_body && sourcePositions == m_sourcePositions)
        return std::move(m_body);
    return parseMarkdown(m_story.body, sourcePositions);
}

QString ArticleRenderer::description(const Story &story)
{
    if (!story.dek.trimmed().isEmpty())
        return story.dek.trimmed();
    return descriptionIn(story, parseMarkdown(story.body, false)->document.get());
}

QString ArticleRenderer::jsonLd(const Story &story, const QList<Photo> &photos, const Options &given)
{
    const Options options = withImageNames(given, photos);
    const ParsedStory parsed(story, photos);
    return jsonLdOf(story, parsed.images().placedPhotos, parsed.description(), options);
}

// jsonLd() for photos already known to be the placed ones, and the description.
QString ArticleRenderer::jsonLdOf(const Story &story, const QList<Photo> &placed, const QString &summary, const Options &options)
{
    QJsonObject article{
        {u"@context"_s, u"https://schema.org"_s},
        {u"@type"_s, u"NewsArticle"_s},
        {u"headline"_s, safeText(story.headline)},
        {u"description"_s, safeText(summary)},
        {u"inLanguage"_s, safeText(options.language)},
    };
    const QDateTime published = publicationDate(story, options);
    if (published.isValid())
        article.insert(u"datePublished"_s, isoDate(published));
    const QDateTime modified = story.updatedAt.isValid() ? story.updatedAt : published;
    if (modified.isValid())
        article.insert(u"dateModified"_s, isoDate(modified));
    QJsonObject publisher;
    if (!options.publisher.isEmpty())
        publisher = QJsonObject{{u"@type"_s, u"Organization"_s}, {u"name"_s, safeText(options.publisher)}};
    if (!byPerson(story.byline).isEmpty())
        article.insert(u"author"_s, QJsonArray{QJsonObject{{u"@type"_s, u"Person"_s}, {u"name"_s, safeText(byPerson(story.byline))}}});
    else if (!publisher.isEmpty())
        article.insert(u"author"_s, QJsonArray{publisher});
    if (!publisher.isEmpty())
        article.insert(u"publisher"_s, publisher);
    if (options.publicationUrl.isValid() && !options.publicationUrl.isEmpty()) {
        article.insert(u"url"_s, options.publicationUrl.toString(QUrl::FullyEncoded));
        article.insert(u"mainEntityOfPage"_s, options.publicationUrl.toString(QUrl::FullyEncoded));
    }
    QJsonArray images;
    for (const Photo &photo : placed) {
        QJsonObject image{{u"@type"_s, u"ImageObject"_s}, {u"url"_s, publishedUrl(imageUrl(photo, options), options)}};
        if (!photo.title.isEmpty())
            image.insert(u"name"_s, safeText(photo.title));
        if (!photo.caption.isEmpty())
            image.insert(u"caption"_s, safeText(photo.caption));
        if (!photo.credit.isEmpty())
            image.insert(u"creditText"_s, safeText(photo.credit));
        if (!photo.virin.isEmpty())
            image.insert(u"identifier"_s, safeText(photo.virin));
        images.append(image);
    }
    if (!images.isEmpty())
        article.insert(u"image"_s, images);

    // JSON allows "\u003c" for "<", so no text in it can close the <script>
    // element or open a comment in it.
    QString json = QString::fromUtf8(QJsonDocument(article).toJson(QJsonDocument::Compact));
    json.replace(u'<', u"\\u003c"_s);
    json.replace(u'>', u"\\u003e"_s);
    json.replace(u'&', u"\\u0026"_s);
    return json;
}

QString ArticleRenderer::headerHtml(const Story &story)
{
    QString html = u"<header>\n"_s;
    html += u"<h1>%1</h1>\n"_s.arg(escaped(story.headline));
    if (!story.dek.isEmpty())
        html += u"<p class=\"dek\">%1</p>\n"_s.arg(escaped(story.dek));
    if (!story.byline.isEmpty())
        html += u"<p class=\"byline\">%1</p>\n"_s.arg(escaped(story.byline));
    html += u"</header>\n"_s;
    return html;
}

QString ArticleRenderer::articleFragment(const Story &story, const QList<Photo> &photos, const Options &given)
{
    const Options options = withImageNames(given, photos);
    const std::unique_ptr<ParsedBody> parsed = parseMarkdown(story.body, options.sourcePositions);
    return articleFragmentOf(story, photos, parsed.get(), options);
}

QString ArticleRenderer::articleFragment(const ParsedStory &parsed, const Options &given)
{
    const Options options = withImageNames(given, parsed.photos());
    const std::unique_ptr<ParsedBody> body = parsed.takeBody(options.sourcePositions);
    return articleFragmentOf(parsed.story(), parsed.photos(), body.get(), options);
}

QString ArticleRenderer::articleBody(const ParsedStory &parsed, const Options &given)
{
    const Options options = withImageNames(given, parsed.photos());
    const std::unique_ptr<ParsedBody> body = parsed.takeBody(options.sourcePositions);
    shapeBody(body.get(), parsed.story().dateline, parsed.photos(), options);
    return body->render(body->document.get()) + correctionHtml(parsed.story());
}

QString ArticleRenderer::articleBody(const Story &story, const QList<Photo> &photos, const Options &options)
{
    return articleBody(ParsedStory(story, photos), options);
}

QString ArticleRenderer::correctionHtml(const Story &story)
{
    // A corrected story says so where readers finish it, as newsrooms do.
    if (story.correctionNote.trimmed().isEmpty())
        return {};
    return u"<p class=\"correction\"><strong>Correction:</strong> %1</p>\n"_s.arg(escaped(story.correctionNote.trimmed()));
}

QString ArticleRenderer::articleDocument(const Story &story, const QList<Photo> &photos, const Options &options)
{
    return articleDocument(ParsedStory(story, photos, options.sourcePositions), options);
}

QString ArticleRenderer::articleDocument(const ParsedStory &parsed, const Options &given)
{
    const Story &story = parsed.story();
    const QList<Photo> &photos = parsed.photos();
    const Options options = withImageNames(given, photos);
    const QString summary = parsed.description();
    QString html = u"<!DOCTYPE html>\n<html lang=\"%1\">\n"
                   "<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"_s.arg(escaped(options.language));
    html += u"<title>%1</title>\n"_s.arg(escaped(story.headline));
    html += u"<meta name=\"description\" content=\"%1\">\n"_s.arg(escaped(summary));
    auto property = [&html](const QString &name, const QString &content) {
        html += u"<meta property=\"%1\" content=\"%2\">\n"_s.arg(name, escaped(content));
    };
    property(u"og:type"_s, u"article"_s);
    property(u"og:title"_s, story.headline);
    property(u"og:description"_s, summary);
    if (options.publicationUrl.isValid() && !options.publicationUrl.isEmpty()) {
        property(u"og:url"_s, options.publicationUrl.toString(QUrl::FullyEncoded));
        html += u"<link rel=\"canonical\" href=\"%1\">\n"_s.arg(escaped(options.publicationUrl.toString(QUrl::FullyEncoded)));
    }
    const QList<Photo> &placed = parsed.images().placedPhotos;
    if (!placed.isEmpty()) {
        property(u"og:image"_s, publishedUrl(imageUrl(placed.constFirst(), options), options));
        if (!placed.constFirst().decorative && !altTextMissing(placed.constFirst()))
            property(u"og:image:alt"_s, placed.constFirst().altText);
    }
    const QDateTime published = publicationDate(story, options);
    if (published.isValid())
        property(u"article:published_time"_s, isoDate(published));
    if (story.updatedAt.isValid())
        property(u"article:modified_time"_s, isoDate(story.updatedAt));
    switch (options.stylesheet) {
    case Options::Stylesheet::Inline:
        html += u"<style>\n%1</style>\n"_s.arg(stylesheet());
        break;
    case Options::Stylesheet::Linked:
        html += u"<link rel=\"stylesheet\" href=\"%1\">\n"_s.arg(stylesheetFileName());
        break;
    }
    html += u"<script type=\"application/ld+json\">%1</script>\n"_s.arg(jsonLdOf(story, placed, summary, options));
    html += u"</head>\n<body>\n<main>\n"_s;
    html += articleFragment(parsed, options);
    html += u"</main>\n</body>\n</html>\n"_s;
    return html;
}

QString ArticleRenderer::stylesheet()
{
    // Read once: the preview renders on every pause in typing.
    static const QString css = [] {
        QFile styleFile(u":/templates/article.css"_s);
        return styleFile.open(QIODevice::ReadOnly) ? QString::fromUtf8(styleFile.readAll()) : QString();
    }();
    return css;
}

QString ArticleRenderer::stylesheetFileName()
{
    return u"article.css"_s;
}
