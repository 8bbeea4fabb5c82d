// SPDX-License-Identifier: MIT
#include "articlerenderer.h"

#include <QFile>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <memory>

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

void attachExtensions(cmark_parser *parser)
{
    cmark_gfm_core_extensions_ensure_registered();
    for (const char *name : {"table", "strikethrough", "autolink"}) {
        if (cmark_syntax_extension *extension = cmark_find_syntax_extension(name))
            cmark_parser_attach_syntax_extension(parser, extension);
    }
}

// The photo named by a paragraph that holds nothing but ![…](photo:VIRIN).
const Photo *placedPhoto(cmark_node *paragraph, const QHash<QString, const Photo *> &byVirin)
{
    cmark_node *child = cmark_node_first_child(paragraph);
    if (!child || cmark_node_next(child) || cmark_node_get_type(child) != CMARK_NODE_IMAGE)
        return nullptr;
    const QString url = QString::fromUtf8(cmark_node_get_url(child));
    if (!url.startsWith(photoScheme))
        return nullptr;
    return byVirin.value(url.mid(photoScheme.size()).trimmed(), nullptr);
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

QString ArticleRenderer::imageUrl(const Photo &photo, const Options &options)
{
    const QString name = photo.virin.isEmpty() ? u"photo-%1"_s.arg(photo.id) : photo.virin;
    switch (options.imageLinks) {
    case Options::ImageLinks::LibraryScheme:
        return u"newsdesk-image:/%1"_s.arg(photo.imageHash);
    case Options::ImageLinks::ExportFiles:
        return u"images/%1.jpg"_s.arg(name);
    }
    return {};
}

QString ArticleRenderer::figureHtml(const Photo &photo, const Options &options)
{
    QString html = u"<figure class=\"photo\" id=\"photo-%1\">\n"_s.arg(escaped(photo.virin));
    html += u"<img src=\"%1\" alt=\"%2\" loading=\"lazy\">\n"_s.arg(escaped(imageUrl(photo, options)), escaped(photo.altText));
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

QString ArticleRenderer::bodyHtml(const QString &markdown, const QList<Photo> &photos, const Options &options)
{
    QHash<QString, const Photo *> byVirin;
    for (const Photo &photo : photos)
        byVirin.insert(photo.virin, &photo);

    // No CMARK_OPT_UNSAFE: raw HTML and javascript: links are dropped.
    int cmarkOptions = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
    if (options.sourcePositions)
        cmarkOptions |= CMARK_OPT_SOURCEPOS;
    std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(cmarkOptions));
    attachExtensions(parser.get());
    const QByteArray utf8 = markdown.toUtf8();
    cmark_parser_feed(parser.get(), utf8.constData(), size_t(utf8.size()));
    std::unique_ptr<cmark_node, NodeDeleter> document(cmark_parser_finish(parser.get()));

    // Photo paragraphs become custom blocks whose HTML is our <figure>;
    // custom blocks are written as given, while raw HTML stays suppressed.
    QList<cmark_node *> paragraphs;
    for (cmark_node *node = cmark_node_first_child(document.get()); node; node = cmark_node_next(node)) {
        if (cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH)
            paragraphs << node;
    }
    for (cmark_node *paragraph : std::as_const(paragraphs)) {
        const Photo *photo = placedPhoto(paragraph, byVirin);
        if (!photo)
            continue;
        cmark_node *figure = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
        cmark_node_set_on_enter(figure, figureHtml(*photo, options).toUtf8().constData());
        cmark_node_set_on_exit(figure, "");
        cmark_node_replace(paragraph, figure);
        cmark_node_free(paragraph);
    }

    char *html = cmark_render_html(document.get(), cmarkOptions, cmark_parser_get_syntax_extensions(parser.get()));
    const QString result = QString::fromUtf8(html);
    cmark_get_default_mem_allocator()->free(html);
    return result;
}

QString ArticleRenderer::articleDocument(const Story &story, const QList<Photo> &photos, const Options &options)
{
    QFile styleFile(u":/templates/article.css"_s);
    const QString style = styleFile.open(QIODevice::ReadOnly) ? QString::fromUtf8(styleFile.readAll()) : QString();
    QString html = u"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"_s;
    html += u"<title>%1</title>\n"_s.arg(escaped(story.headline));
    if (!story.dek.isEmpty())
        html += u"<meta name=\"description\" content=\"%1\">\n"_s.arg(escaped(story.dek));
    html += u"<style>\n%1</style>\n</head>\n<body>\n<article>\n<header>\n"_s.arg(style);
    html += u"<h1>%1</h1>\n"_s.arg(escaped(story.headline));
    if (!story.dek.isEmpty())
        html += u"<p class=\"dek\">%1</p>\n"_s.arg(escaped(story.dek));
    if (!story.byline.isEmpty())
        html += u"<p class=\"byline\">%1</p>\n"_s.arg(escaped(story.byline));
    html += u"</header>\n"_s;
    QString body = bodyHtml(story.body, photos, options);
    if (!story.dateline.isEmpty() && body.startsWith(u"<p>"_s))
        body.insert(3, u"<span class=\"dateline\">%1</span> "_s.arg(escaped(story.dateline)));
    html += body;
    html += u"</article>\n</body>\n</html>\n"_s;
    return html;
}
