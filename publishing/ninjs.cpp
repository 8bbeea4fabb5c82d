// SPDX-License-Identifier: MIT
#include "ninjs.h"

#include "imagefile.h"
#include "textsafety.h"
#include "textstats.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Ninjs", text);
}

// Library text as it may go out: what a repository would have removed is
// removed here too (a library file may have been written by other means).
QString safe(const QString &text)
{
    return TextSafety::clean(text, TextSafety::Lines::Multi);
}

QString isoTime(const QDateTime &when)
{
    return when.toUTC().toString(Qt::ISODate);
}

QJsonArray valueList(const QString &role, const QString &value, const QString &contentType = {})
{
    QJsonObject entry{{u"role"_s, role}, {u"value"_s, safe(value)}};
    if (!contentType.isEmpty())
        entry.insert(u"contentType"_s, contentType);
    return QJsonArray{entry};
}

// "WASHINGTON —" as a place: "WASHINGTON".
QString placeOf(const QString &dateline)
{
    static const QRegularExpression dash(u"\\s*(?:\\x{2014}|\\x{2013}|--|-)\\s*$"_s);
    return safe(dateline).trimmed().remove(dash);
}

QString storyUri(const Story &story, const ArticleRenderer::Options &render)
{
    if (render.publicationUrl.isValid() && !render.publicationUrl.isEmpty())
        return render.publicationUrl.toString(QUrl::FullyEncoded);
    return u"urn:newsdesk:story:"_s + QString::fromLatin1(QUrl::toPercentEncoding(story.slug));
}

QString photoUri(const Photo &photo)
{
    return photo.virin.isEmpty() ? u"urn:newsdesk:photo:%1"_s.arg(photo.id)
                                 : u"urn:newsdesk:virin:"_s + QString::fromLatin1(QUrl::toPercentEncoding(safe(photo.virin)));
}

QJsonObject pictureItem(const Photo &photo, const Ninjs::Rendition &rendition, const QString &language)
{
    QJsonObject picture{{u"uri"_s, photoUri(photo)},
                        {u"name"_s, safe(photo.virin.isEmpty() ? photo.title : photo.virin)},
                        {u"rel"_s, u"photo"_s},
                        {u"type"_s, u"picture"_s},
                        {u"language"_s, language}};
    if (picture.value(u"name"_s).toString().isEmpty())
        picture.insert(u"name"_s, u"photo %1"_s.arg(photo.id));
    if (!photo.title.isEmpty())
        picture.insert(u"headlines"_s, valueList(u"main"_s, photo.title));
    QJsonArray descriptions;
    if (!photo.caption.isEmpty())
        descriptions.append(QJsonObject{{u"role"_s, u"caption"_s}, {u"contentType"_s, u"text/plain"_s}, {u"value"_s, safe(photo.caption)}});
    // A decorative photo's alt is empty on purpose, as its page's alt="".
    if (photo.decorative || !photo.altText.isEmpty())
        descriptions.append(QJsonObject{{u"role"_s, u"alt"_s},
                                        {u"contentType"_s, u"text/plain"_s},
                                        {u"value"_s, photo.decorative ? QString() : safe(photo.altText)}});
    if (!descriptions.isEmpty())
        picture.insert(u"descriptions"_s, descriptions);
    if (!photo.credit.isEmpty())
        picture.insert(u"by"_s, safe(photo.credit));
    if (!photo.photographer.isEmpty()) {
        QJsonObject photographer{{u"name"_s, safe(photo.photographer)}, {u"rel"_s, u"photographer"_s}};
        // IPTC Creator Contact Info, as ninjs's contact methods.
        QJsonArray contact;
        if (!photo.creatorEmail.isEmpty())
            contact.append(QJsonObject{{u"type"_s, u"email"_s}, {u"role"_s, u"work"_s}, {u"value"_s, safe(photo.creatorEmail)}});
        if (!photo.creatorPhone.isEmpty())
            contact.append(QJsonObject{{u"type"_s, u"phone"_s}, {u"role"_s, u"work"_s}, {u"value"_s, safe(photo.creatorPhone)}});
        if (!contact.isEmpty())
            photographer.insert(u"contactInfo"_s, contact);
        picture.insert(u"people"_s, QJsonArray{photographer});
    }
    // DVIDS's Command Shown: the place (a combatant command's area) shown.
    if (!photo.commandShown.isEmpty())
        picture.insert(u"places"_s, QJsonArray{QJsonObject{{u"name"_s, safe(photo.commandShown)}, {u"rel"_s, u"command-shown"_s}}});
    if (!photo.virin.isEmpty())
        picture.insert(u"altIds"_s, QJsonArray{QJsonObject{{u"role"_s, u"virin"_s}, {u"value"_s, safe(photo.virin)}}});
    QJsonObject web{{u"name"_s, u"web"_s}, {u"href"_s, rendition.href}, {u"contentType"_s, u"image/jpeg"_s}};
    if (rendition.pixelSize.isValid()) {
        web.insert(u"width"_s, rendition.pixelSize.width());
        web.insert(u"height"_s, rendition.pixelSize.height());
    }
    if (rendition.bytes > 0)
        web.insert(u"sizeInBytes"_s, rendition.bytes);
    picture.insert(u"renditions"_s, QJsonArray{web});
    return picture;
}

} // namespace

namespace Ninjs {

QString standardVersion()
{
    return u"3.1"_s;
}

QString schemaUri()
{
    return u"http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#"_s;
}

QString ninjsFileName()
{
    return u"ninjs.json"_s;
}

QJsonObject item(const ArticleRenderer::ParsedStory &parsed, const WriteOptions &options)
{
    const Story &story = parsed.story();
    const ArticleRenderer::Options &render = options.render;
    QJsonObject item{
        {u"standard"_s, QJsonObject{{u"name"_s, u"ninjs"_s}, {u"version"_s, standardVersion()}, {u"schema"_s, schemaUri()}}},
        {u"uri"_s, storyUri(story, render)},
        {u"type"_s, u"text"_s},
        {u"representationType"_s, u"full"_s},
        {u"version"_s, QString::number(story.rowVersion)},
        {u"language"_s, safe(render.language)},
    };
    if (story.createdAt.isValid()) {
        item.insert(u"firstCreated"_s, isoTime(story.createdAt));
        item.insert(u"contentCreated"_s, isoTime(story.createdAt));
    }
    if (story.updatedAt.isValid())
        item.insert(u"versionCreated"_s, isoTime(story.updatedAt));
    // Only an embargo holds a story back downstream; an archived story is put
    // away on the desk, not retracted, so nothing here says "canceled".
    const bool embargoed = story.embargoUntil.isValid() && story.embargoUntil > QDateTime::currentDateTimeUtc();
    item.insert(u"pubStatus"_s, embargoed ? u"withheld"_s : u"usable"_s);
    if (story.embargoUntil.isValid())
        item.insert(u"embargoedUntil"_s, isoTime(story.embargoUntil));
    item.insert(u"headlines"_s, valueList(u"main"_s, story.headline, u"text/plain"_s));
    if (!story.slug.isEmpty())
        item.insert(u"slugline"_s, safe(story.slug));
    if (!story.byline.trimmed().isEmpty())
        item.insert(u"by"_s, safe(story.byline));
    if (!placeOf(story.dateline).isEmpty())
        item.insert(u"located"_s, placeOf(story.dateline));
    if (!story.dek.isEmpty())
        item.insert(u"descriptions"_s, valueList(u"summary"_s, story.dek, u"text/plain"_s));

    // What a reader reads in the body: the text, its dateline and the
    // correction note; never the figures' captions (ninjs counts without them).
    const TextStats counts =
        TextStats::of(QString(safe(story.dateline) + u"\n\n"_s + safe(story.body) + u"\n\n"_s + safe(story.correctionNote)));
    QJsonObject body{{u"role"_s, u"main"_s},
                     {u"contentType"_s, u"text/html"_s},
                     {u"wordCount"_s, counts.words()},
                     {u"charCount"_s, counts.characters()},
                     {u"value"_s, ArticleRenderer::articleBody(parsed, render)}};
    item.insert(u"bodies"_s, QJsonArray{body});
    if (!options.settings.copyrightNotice.trimmed().isEmpty())
        item.insert(u"copyrightNotice"_s, safe(options.settings.copyrightNotice.trimmed()));
    if (!options.settings.usageTerms.trimmed().isEmpty())
        item.insert(u"usageTerms"_s, safe(options.settings.usageTerms.trimmed()));

    QJsonArray associations;
    QSet<qint64> seen;
    for (const Photo &photo : parsed.images().placedPhotos) {
        if (seen.contains(photo.id))
            continue;
        seen.insert(photo.id);
        Rendition rendition = options.renditions.value(photo.id);
        if (rendition.href.isEmpty())
            rendition.href = ArticleRenderer::imageUrl(photo, render);
        associations.append(pictureItem(photo, rendition, safe(render.language)));
    }
    if (!associations.isEmpty())
        item.insert(u"associations"_s, associations);
    return item;
}

QByteArray toJson(const QJsonObject &item)
{
    return QJsonDocument(item).toJson(QJsonDocument::Indented);
}

bool looksLikeJson(const QByteArray &data)
{
    QByteArrayView view(data);
    if (view.startsWith("\xEF\xBB\xBF"))
        view = view.sliced(3);
    for (const char c : view) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
        return c == '{' || c == '[';
    }
    return false;
}

} // namespace Ninjs

// ---- HTML back to Markdown -------------------------------------------------
//
// The body's HTML is read by a strict reader of what cmark-gfm and
// ArticleRenderer write: elements that are all closed and properly nested
// (img, br and hr void), attributes in double quotes, the five entities cmark
// uses and numeric ones. Anything else is refused, not repaired: import takes
// back what Newsdesk exported, and a general HTML parser's repairs (and its
// recursive tree, which a deeply nested file would overflow) would only
// produce HTML the check at the end refuses anyway. The tree is kept flat
// with an explicit depth limit, so no input nests the reader's stack.

namespace {

constexpr int maxHtmlDepth = 512;

struct HtmlNode
{
    QString tag; // empty for text
    QString text;
    QHash<QString, QString> attributes;
    QList<int> children;
};

const QSet<QString> &knownTags()
{
    // What cmark-gfm writes (no raw HTML, no task lists) and our figures and spans.
    static const QSet<QString> tags{
        u"p"_s, u"h1"_s, u"h2"_s, u"h3"_s, u"h4"_s, u"h5"_s, u"h6"_s, u"blockquote"_s, u"ul"_s, u"ol"_s, u"li"_s,
        u"pre"_s, u"code"_s, u"em"_s, u"strong"_s, u"del"_s, u"a"_s, u"br"_s, u"hr"_s, u"table"_s, u"thead"_s,
        u"tbody"_s, u"tr"_s, u"th"_s, u"td"_s, u"figure"_s, u"figcaption"_s, u"img"_s, u"span"_s};
    return tags;
}

QStringView omittedHtml()
{
    return u"<!-- raw HTML omitted -->";
}

bool isVoid(const QString &tag)
{
    return tag == u"img"_s || tag == u"br"_s || tag == u"hr"_s;
}

class HtmlReader
{
public:
    explicit HtmlReader(const QString &html)
        : m_html(html)
    {
    }

    // Node 0 is the root; empty with error() on anything but our HTML.
    std::optional<QList<HtmlNode>> read()
    {
        m_nodes = {HtmlNode{u"#root"_s, {}, {}, {}}};
        QList<int> open{0};
        while (m_at < m_html.size() && m_error.isEmpty()) {
            if (m_html.at(m_at) != u'<') {
                const qsizetype end = m_html.indexOf(u'<', m_at);
                const QString text = decode(QStringView(m_html).mid(m_at, (end < 0 ? m_html.size() : end) - m_at));
                m_at = end < 0 ? m_html.size() : end;
                addChild(open.last(), HtmlNode{{}, text, {}, {}});
                continue;
            }
            // What cmark writes for raw HTML in the Markdown, which it never
            // passes through.
            if (QStringView(m_html).mid(m_at).startsWith(omittedHtml())) {
                m_at += omittedHtml().size();
                addChild(open.last(), HtmlNode{u"#omitted"_s, {}, {}, {}});
                continue;
            }
            ++m_at;
            const bool closing = m_at < m_html.size() && m_html.at(m_at) == u'/';
            if (closing)
                ++m_at;
            const QString tag = name();
            if (tag.isEmpty() || !knownTags().contains(tag)) {
                fail(tr("it holds markup Newsdesk does not write (near character %1)").arg(m_at));
                break;
            }
            if (closing) {
                if (!expect(u">"_s))
                    break;
                if (open.size() < 2 || m_nodes.at(open.last()).tag != tag) {
                    fail(tr("its </%1> closes nothing open (near character %2)").arg(tag).arg(m_at));
                    break;
                }
                open.removeLast();
                continue;
            }
            HtmlNode node{tag, {}, {}, {}};
            bool selfClosed = false;
            while (m_error.isEmpty()) {
                skipSpace();
                if (m_html.mid(m_at, 2) == u"/>"_s) {
                    m_at += 2;
                    selfClosed = true;
                    break;
                }
                if (m_html.mid(m_at, 1) == u">"_s) {
                    ++m_at;
                    break;
                }
                const QString attribute = name();
                if (attribute.isEmpty() || !expect(u"=\""_s)) {
                    fail(tr("an attribute of <%1> is not written as Newsdesk writes it (near character %2)").arg(tag).arg(m_at));
                    break;
                }
                const qsizetype end = m_html.indexOf(u'"', m_at);
                if (end < 0) {
                    fail(tr("an attribute of <%1> is not closed").arg(tag));
                    break;
                }
                node.attributes.insert(attribute, decode(QStringView(m_html).mid(m_at, end - m_at)));
                m_at = end + 1;
            }
            if (!m_error.isEmpty())
                break;
            const int index = addChild(open.last(), node);
            if (!isVoid(tag) && !selfClosed) {
                open << index;
                if (open.size() > maxHtmlDepth) {
                    fail(tr("it nests elements more than %1 deep").arg(maxHtmlDepth));
                    break;
                }
            }
        }
        if (m_error.isEmpty() && open.size() > 1)
            fail(tr("its <%1> is never closed").arg(m_nodes.at(open.last()).tag));
        if (!m_error.isEmpty())
            return std::nullopt;
        return m_nodes;
    }

    QString error() const { return m_error; }

private:
    int addChild(int parent, HtmlNode node)
    {
        m_nodes << std::move(node);
        const int index = int(m_nodes.size() - 1);
        m_nodes[parent].children << index;
        return index;
    }

    QString name()
    {
        const qsizetype start = m_at;
        while (m_at < m_html.size()) {
            const QChar c = m_html.at(m_at);
            if (!((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-'))
                break;
            ++m_at;
        }
        return m_html.mid(start, m_at - start);
    }

    void skipSpace()
    {
        while (m_at < m_html.size() && (m_html.at(m_at) == u' ' || m_html.at(m_at) == u'\n'))
            ++m_at;
    }

    bool expect(const QString &text)
    {
        if (QStringView(m_html).mid(m_at, text.size()) != text) {
            fail(tr("expected %1 near character %2").arg(text).arg(m_at));
            return false;
        }
        m_at += text.size();
        return true;
    }

    QString decode(QStringView text)
    {
        QString decoded;
        decoded.reserve(text.size());
        for (qsizetype i = 0; i < text.size(); ++i) {
            if (text.at(i) == u'>') {
                fail(tr("it holds a '>' outside markup (near character %1)").arg(m_at));
                return {};
            }
            if (text.at(i) != u'&') {
                decoded += text.at(i);
                continue;
            }
            const qsizetype end = text.indexOf(u';', i);
            const QStringView entity = end < 0 ? QStringView() : text.mid(i + 1, end - i - 1);
            static const QHash<QString, QChar> named{{u"amp"_s, u'&'}, {u"lt"_s, u'<'}, {u"gt"_s, u'>'}, {u"quot"_s, u'"'}, {u"apos"_s, u'\''}};
            if (named.contains(entity.toString())) {
                decoded += named.value(entity.toString());
            } else if (entity.startsWith(u'#') && entity.size() > 1 && entity.size() <= 8) {
                bool ok = false;
                const bool hex = entity.size() > 2 && (entity.at(1) == u'x' || entity.at(1) == u'X');
                const uint code = entity.mid(hex ? 2 : 1).toUInt(&ok, hex ? 16 : 10);
                if (!ok || code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
                    fail(tr("it holds a character reference that is not a character (&%1;)").arg(entity.toString()));
                    return {};
                }
                decoded += QString::fromUcs4(reinterpret_cast<const char32_t *>(&code), 1);
            } else {
                fail(tr("it holds an '&' that is not an entity Newsdesk writes (near character %1)").arg(m_at));
                return {};
            }
            i = end;
        }
        return decoded;
    }

    void fail(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = message;
    }

    const QString &m_html;
    qsizetype m_at = 0;
    QList<HtmlNode> m_nodes;
    QString m_error;
};

// Markdown that reads as exactly text: every character Markdown could take
// for syntax is escaped where it could. The check after conversion catches
// whatever this misses, refusing rather than changing the story.
QString escapedText(const QString &text, bool atLineStart)
{
    QString out;
    out.reserve(text.size() + text.size() / 8);
    bool lineStart = atLineStart;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'\n') {
            out += c;
            lineStart = true;
            continue;
        }
        static const QString always = u"\\`*_[]<>|~&#"_s;
        static const QString atStart = u"-+="_s;
        // "!" before a link would make it an image.
        if (always.contains(c) || (lineStart && atStart.contains(c)) || (c == u'!' && i == text.size() - 1))
            out += u'\\';
        else if (lineStart && c.isDigit()) {
            qsizetype end = i;
            while (end < text.size() && text.at(end).isDigit())
                ++end;
            if (end < text.size() && (text.at(end) == u'.' || text.at(end) == u')')) {
                out += text.mid(i, end - i) + u'\\' + text.at(end);
                i = end;
                lineStart = false;
                continue;
            }
        }
        out += c;
        lineStart = false;
    }
    return out;
}

QString prefixed(const QString &markdown, const QString &first, const QString &rest)
{
    QStringList lines = markdown.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &prefix = i == 0 ? first : rest;
        lines[i] = lines.at(i).isEmpty() ? QStringView(prefix).trimmed().toString() : prefix + lines.at(i);
    }
    return lines.join(u'\n');
}

qsizetype longestRun(const QString &text, QChar c)
{
    qsizetype longest = 0, run = 0;
    for (const QChar x : text) {
        run = x == c ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return longest;
}

class MarkdownWriter
{
public:
    MarkdownWriter(const QList<HtmlNode> &nodes, const QHash<QString, QString> &hrefToVirin)
        : m_nodes(nodes)
        , m_hrefToVirin(hrefToVirin)
    {
    }

    std::optional<Ninjs::Body> body()
    {
        Ninjs::Body body;
        QList<int> blocks = blockChildren(0);
        // The correction note closes the article.
        if (!blocks.isEmpty() && isCorrection(blocks.last())) {
            const HtmlNode &note = m_nodes.at(blocks.takeLast());
            body.correctionNote = textOf(note.children.mid(1)).trimmed();
        }
        // The dateline opens the first paragraph.
        for (int block : std::as_const(blocks)) {
            const HtmlNode &node = m_nodes.at(block);
            if (node.tag != u"p"_s)
                continue;
            if (!node.children.isEmpty() && m_nodes.at(node.children.first()).tag == u"span"_s
                && m_nodes.at(node.children.first()).attributes.value(u"class"_s) == u"dateline"_s) {
                m_datelineNode = node.children.first();
                body.dateline = textOf(m_nodes.at(m_datelineNode).children);
            }
            break;
        }
        body.markdown = blocksOf(blocks);
        if (!m_error.isEmpty())
            return std::nullopt;
        if (!body.markdown.isEmpty())
            body.markdown += u'\n';
        return body;
    }

    QString error() const { return m_error; }

private:
    void fail(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = message;
    }

    bool isBlank(int index) const
    {
        const HtmlNode &node = m_nodes.at(index);
        return node.tag.isEmpty() && node.text.trimmed().isEmpty();
    }

    // The element children of a container of blocks (the white space between
    // them is cmark's layout).
    QList<int> blockChildren(int parent)
    {
        QList<int> blocks;
        for (int child : m_nodes.at(parent).children) {
            if (isBlank(child))
                continue;
            if (m_nodes.at(child).tag.isEmpty())
                fail(tr("it holds text outside a paragraph"));
            blocks << child;
        }
        return blocks;
    }

    bool isCorrection(int index) const
    {
        const HtmlNode &node = m_nodes.at(index);
        return node.tag == u"p"_s && node.attributes.value(u"class"_s) == u"correction"_s && !node.children.isEmpty()
            && m_nodes.at(node.children.first()).tag == u"strong"_s;
    }

    QString textOf(const QList<int> &children) const
    {
        QString text;
        for (int child : children) {
            const HtmlNode &node = m_nodes.at(child);
            text += node.tag.isEmpty() ? node.text : textOf(node.children);
        }
        return text;
    }

    QString blocksOf(const QList<int> &blocks)
    {
        QStringList out;
        QString lastList;
        for (int block : blocks) {
            const HtmlNode &node = m_nodes.at(block);
            // Two lists in a row are two lists only with different markers.
            if (node.tag == u"ul"_s || node.tag == u"ol"_s)
                lastList = (lastList == u"-"_s || lastList == u"."_s) ? (node.tag == u"ul"_s ? u"*"_s : u")"_s)
                                                                       : (node.tag == u"ul"_s ? u"-"_s : u"."_s);
            else
                lastList.clear();
            out << blockOf(block, lastList);
        }
        return out.join(u"\n\n"_s);
    }

    QString blockOf(int index, const QString &marker)
    {
        const HtmlNode &node = m_nodes.at(index);
        const QString &tag = node.tag;
        if (tag == u"p"_s)
            return inlinesOf(node.children);
        if (tag.size() == 2 && tag.at(0) == u'h' && tag.at(1) >= u'1' && tag.at(1) <= u'6')
            return QString(tag.at(1).digitValue(), u'#') + u' ' + inlinesOf(node.children, false);
        if (tag == u"blockquote"_s)
            return prefixed(blocksOf(blockChildren(index)), u"> "_s, u"> "_s);
        if (tag == u"hr"_s)
            return u"***"_s;
        if (tag == u"#omitted"_s)
            return u"<div>"_s; // an HTML block, omitted again

        if (tag == u"ul"_s || tag == u"ol"_s)
            return listOf(index, marker);
        if (tag == u"pre"_s)
            return codeBlockOf(index);
        if (tag == u"table"_s)
            return tableOf(index);
        if (tag == u"figure"_s)
            return figureOf(index);
        fail(tr("it holds a <%1> where Newsdesk writes none").arg(tag));
        return {};
    }

    QString listOf(int index, const QString &marker)
    {
        const HtmlNode &node = m_nodes.at(index);
        const bool ordered = node.tag == u"ol"_s;
        int number = ordered ? node.attributes.value(u"start"_s, u"1"_s).toInt() : 0;
        QList<int> items = blockChildren(index);
        bool loose = false;
        for (int item : std::as_const(items)) {
            if (m_nodes.at(item).tag != u"li"_s) {
                fail(tr("a list holds a <%1>").arg(m_nodes.at(item).tag));
                return {};
            }
            for (int child : m_nodes.at(item).children)
                loose |= m_nodes.at(child).tag == u"p"_s;
        }
        QStringList out;
        for (int item : std::as_const(items)) {
            const QString bullet = ordered ? QString(QString::number(number++) + marker + u' ') : QString(marker + u' ');
            out << prefixed(itemOf(item), bullet, QString(bullet.size(), u' '));
        }
        return out.join(loose ? u"\n\n"_s : u"\n"_s);
    }

    // A list item: in a tight list its first text is not in a <p>.
    QString itemOf(int index)
    {
        QStringList parts;
        QList<int> inlineRun;
        const auto flush = [&] {
            while (!inlineRun.isEmpty() && isBlank(inlineRun.last()))
                inlineRun.removeLast();
            while (!inlineRun.isEmpty() && isBlank(inlineRun.first()))
                inlineRun.removeFirst();
            if (!inlineRun.isEmpty()) {
                // The line break before a nested block is cmark's layout.
                QString text = inlinesOf(inlineRun);
                while (text.endsWith(u'\n') && !text.endsWith(u"\\\n"_s))
                    text.chop(1);
                parts << text;
            }
            inlineRun.clear();
        };
        QString separator = u"\n"_s;
        for (int child : m_nodes.at(index).children) {
            const QString &tag = m_nodes.at(child).tag;
            static const QSet<QString> blockTags{u"p"_s, u"ul"_s, u"ol"_s, u"blockquote"_s, u"pre"_s, u"hr"_s, u"table"_s,
                                                 u"h1"_s, u"h2"_s, u"h3"_s, u"h4"_s, u"h5"_s, u"h6"_s};
            if (blockTags.contains(tag)) {
                flush();
                if (tag == u"p"_s)
                    separator = u"\n\n"_s;
                parts << blockOf(child, tag == u"ul"_s ? u"-"_s : (tag == u"ol"_s ? u"."_s : QString()));
            } else {
                inlineRun << child;
            }
        }
        flush();
        return parts.join(separator);
    }

    QString codeBlockOf(int index)
    {
        const HtmlNode &pre = m_nodes.at(index);
        if (pre.children.size() != 1 || m_nodes.at(pre.children.first()).tag != u"code"_s) {
            fail(tr("a <pre> holds something other than <code>"));
            return {};
        }
        const HtmlNode &code = m_nodes.at(pre.children.first());
        QString language = code.attributes.value(u"class"_s);
        if (!language.isEmpty() && !language.startsWith(u"language-"_s)) {
            fail(tr("a code block has a class Newsdesk does not write"));
            return {};
        }
        language = language.mid(9);
        QString content = textOf(code.children);
        const QString fence(std::max<qsizetype>(3, longestRun(content, u'`') + 1), u'`');
        if (!content.isEmpty() && !content.endsWith(u'\n'))
            content += u'\n';
        return fence + language + u'\n' + content + fence;
    }

    QString tableOf(int index)
    {
        QList<QStringList> rows;
        QStringList alignments;
        for (int section : blockChildren(index)) {
            const bool head = m_nodes.at(section).tag == u"thead"_s;
            if (!head && m_nodes.at(section).tag != u"tbody"_s) {
                fail(tr("a table holds a <%1>").arg(m_nodes.at(section).tag));
                return {};
            }
            for (int row : blockChildren(section)) {
                QStringList cells;
                for (int cell : blockChildren(row)) {
                    const HtmlNode &node = m_nodes.at(cell);
                    cells << inlinesOf(node.children, false).replace(u"\n"_s, u" "_s);
                    if (head) {
                        const QString style = node.attributes.value(u"style"_s);
                        alignments << (style == u"text-align: left"_s     ? u":--"_s
                                           : style == u"text-align: center"_s ? u":-:"_s
                                           : style == u"text-align: right"_s  ? u"--:"_s
                                                                              : u"---"_s);
                    }
                }
                rows << cells;
            }
        }
        if (rows.isEmpty())
            return {};
        QStringList lines;
        lines << u"| "_s + rows.first().join(u" | "_s) + u" |"_s;
        lines << u"| "_s + alignments.join(u" | "_s) + u" |"_s;
        for (qsizetype i = 1; i < rows.size(); ++i)
            lines << u"| "_s + rows.at(i).join(u" | "_s) + u" |"_s;
        return lines.join(u'\n');
    }

    QString figureOf(int index)
    {
        const HtmlNode &figure = m_nodes.at(index);
        const QString kind = figure.attributes.value(u"class"_s);
        const QList<int> parts = blockChildren(index);
        if (kind == u"photo"_s) {
            for (int part : parts) {
                const HtmlNode &node = m_nodes.at(part);
                if (node.tag != u"img"_s)
                    continue;
                const QString src = node.attributes.value(u"src"_s);
                if (!m_hrefToVirin.contains(src)) {
                    fail(tr("the body shows the image %1, which no association of the document describes").arg(src));
                    return {};
                }
                return u"![](photo:"_s + m_hrefToVirin.value(src) + u')';
            }
        } else if (kind == u"quote"_s && parts.size() == 2 && m_nodes.at(parts.at(0)).tag == u"blockquote"_s
                   && m_nodes.at(parts.at(1)).tag == u"figcaption"_s) {
            QString speaker = textOf(m_nodes.at(parts.at(1)).children).trimmed();
            if (speaker.startsWith(u'—'))
                speaker = speaker.mid(1).trimmed();
            const QString quote = blocksOf(blockChildren(parts.at(0)));
            return prefixed(quote + u"\n\n— "_s + escapedText(speaker, false), u"> "_s, u"> "_s);
        }
        fail(tr("it holds a figure Newsdesk does not write"));
        return {};
    }

    // A link GFM's autolink extension made from an address in the text:
    // its text is the address, or the address without "http://" or "mailto:".
    bool isAutolink(const HtmlNode &link) const
    {
        if (link.attributes.contains(u"title"_s) || link.children.size() != 1 || !m_nodes.at(link.children.first()).tag.isEmpty())
            return false;
        static const QRegularExpression plain(u"^[A-Za-z0-9./:?=%#+@-]+$"_s);
        const QString text = m_nodes.at(link.children.first()).text;
        const QString href = link.attributes.value(u"href"_s);
        return plain.match(text).hasMatch()
            && (href == text || href == u"http://"_s + text || href == u"mailto:"_s + text);
    }

    QString inlinesOf(const QList<int> &children, bool paragraph = true)
    {
        QString out;
        bool lineStart = true;
        bool afterBreak = false;
        for (int child : children) {
            const HtmlNode &node = m_nodes.at(child);
            QString piece;
            const bool wasAfterBreak = std::exchange(afterBreak, false);
            if (child == m_datelineNode)
                continue;
            if (node.tag.isEmpty()) {
                QString text = node.text;
                // After the dateline, cmark's text starts with the space between.
                if (out.isEmpty() && m_datelineNode >= 0 && paragraph && text.startsWith(u' ')
                    && children.contains(m_datelineNode))
                    text = text.mid(1);
                // cmark writes a line break after <br />; the Markdown has one.
                if (wasAfterBreak && text.startsWith(u'\n'))
                    text = text.mid(1);
                piece = escapedText(text, lineStart);
            } else if (node.tag == u"em"_s) {
                piece = u"*"_s + inlinesOf(node.children, false) + u"*"_s;
            } else if (node.tag == u"strong"_s) {
                piece = u"**"_s + inlinesOf(node.children, false) + u"**"_s;
            } else if (node.tag == u"del"_s) {
                piece = u"~~"_s + inlinesOf(node.children, false) + u"~~"_s;
            } else if (node.tag == u"br"_s) {
                piece = u"\\\n"_s;
                afterBreak = true;
            } else if (node.tag == u"#omitted"_s) {
                piece = u"<span>"_s; // raw HTML, omitted again
            } else if (node.tag == u"code"_s) {
                const QString code = textOf(node.children);
                const QString fence(longestRun(code, u'`') + 1, u'`');
                const bool pad = code.startsWith(u'`') || code.endsWith(u'`')
                    || (code.startsWith(u' ') && code.endsWith(u' ') && !code.trimmed().isEmpty());
                piece = fence + (pad ? u" "_s : QString()) + code + (pad ? u" "_s : QString()) + fence;
            } else if (node.tag == u"a"_s && isAutolink(node)) {
                // As GFM's autolinks write it: the address itself.
                piece = textOf(node.children);
            } else if (node.tag == u"a"_s) {
                QString href = node.attributes.value(u"href"_s);
                href.replace(u"\\"_s, u"\\\\"_s).replace(u"&"_s, u"\\&"_s);
                href.replace(u"<"_s, u"%3C"_s).replace(u">"_s, u"%3E"_s).replace(u"\n"_s, u"%0A"_s);
                QString title;
                if (node.attributes.contains(u"title"_s)) {
                    QString value = node.attributes.value(u"title"_s);
                    value.replace(u"\\"_s, u"\\\\"_s).replace(u"\""_s, u"\\\""_s);
                    title = u" \""_s + value + u'"';
                }
                piece = u"["_s + inlinesOf(node.children, false) + u"](<"_s + href + u'>' + title + u')';
            } else {
                fail(tr("it holds a <%1> inside text").arg(node.tag));
                return {};
            }
            out += piece;
            lineStart = out.endsWith(u'\n');
        }
        return out;
    }

    const QList<HtmlNode> &m_nodes;
    const QHash<QString, QString> &m_hrefToVirin;
    int m_datelineNode = -1;
    QString m_error;
};

} // namespace

namespace Ninjs {

std::optional<Body> bodyFromHtml(const QString &html, const QHash<QString, QString> &hrefToVirin, QString *error)
{
    HtmlReader reader(html);
    const std::optional<QList<HtmlNode>> nodes = reader.read();
    if (!nodes) {
        *error = reader.error();
        return std::nullopt;
    }
    MarkdownWriter writer(*nodes, hrefToVirin);
    std::optional<Body> body = writer.body();
    if (!body)
        *error = writer.error();
    return body;
}

} // namespace Ninjs

// ---- Reading a ninjs document ----------------------------------------------

namespace {

// Reads fields of one JSON object, failing with a message that names the
// field on a wrong type.
class FieldReader
{
public:
    explicit FieldReader(QString *error)
        : m_error(error)
    {
    }

    QString text(const QJsonObject &object, const QString &key, const QString &where)
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined() || value.isNull())
            return {};
        if (!value.isString()) {
            fail(tr("%1'%2' must be a text").arg(where, key));
            return {};
        }
        return value.toString();
    }

    QJsonArray list(const QJsonObject &object, const QString &key, const QString &where)
    {
        const QJsonValue value = object.value(key);
        if (value.isUndefined() || value.isNull())
            return {};
        if (!value.isArray()) {
            fail(tr("%1'%2' must be a list").arg(where, key));
            return {};
        }
        return value.toArray();
    }

    QJsonObject objectAt(const QJsonArray &array, qsizetype i, const QString &key, const QString &where)
    {
        if (!array.at(i).isObject()) {
            fail(tr("%1'%2' must be a list of objects").arg(where, key));
            return {};
        }
        return array.at(i).toObject();
    }

    // The value of the entry with role, else of the first entry.
    QString roleValue(const QJsonObject &object, const QString &key, const QString &role, const QString &where)
    {
        const QJsonArray entries = list(object, key, where);
        QString first;
        for (qsizetype i = 0; i < entries.size() && ok(); ++i) {
            const QJsonObject entry = objectAt(entries, i, key, where);
            const QString value = text(entry, u"value"_s, where + key + u": "_s);
            if (i == 0)
                first = value;
            if (text(entry, u"role"_s, where + key + u": "_s) == role)
                return value;
        }
        return role == u"main"_s ? first : QString();
    }

    QDateTime time(const QJsonObject &object, const QString &key, const QString &where)
    {
        const QString value = text(object, key, where);
        if (value.isEmpty())
            return {};
        const QDateTime when = QDateTime::fromString(value, Qt::ISODateWithMs);
        if (!when.isValid()) {
            fail(tr("%1'%2' is not a date and time like 2025-03-06T15:00:00Z").arg(where, key));
            return {};
        }
        return when.toUTC();
    }

    void fail(const QString &message)
    {
        if (m_error->isEmpty())
            *m_error = message;
    }
    bool ok() const { return m_error->isEmpty(); }

private:
    QString *m_error;
};

} // namespace

namespace Ninjs {

ReadResult read(const QByteArray &json)
{
    ReadResult result;
    QJsonParseError parseError;
    const QJsonDocument parsed = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.error = tr("the file is not valid JSON: %1 at byte %2").arg(parseError.errorString()).arg(parseError.offset);
        return result;
    }
    if (!parsed.isObject()) {
        result.error = tr("the file is JSON, but not a ninjs news item (an object)");
        return result;
    }
    const QJsonObject root = parsed.object();
    FieldReader reader(&result.error);
    const QString where;
    const QString uri = reader.text(root, u"uri"_s, where);
    if (reader.ok() && uri.isEmpty())
        reader.fail(tr("the document has no 'uri', which every ninjs news item has"));
    const QJsonValue standard = root.value(u"standard"_s);
    if (reader.ok() && standard.isObject()) {
        const QString version = reader.text(standard.toObject(), u"version"_s, u"standard: "_s);
        if (!version.isEmpty() && !version.startsWith(u"3."_s))
            reader.fail(tr("the document is ninjs %1; Newsdesk reads ninjs 3").arg(version));
    }
    const QString type = reader.text(root, u"type"_s, where);
    if (reader.ok() && !type.isEmpty() && type != u"text"_s)
        reader.fail(tr("the document is a ninjs '%1' item; Newsdesk imports stories ('text')").arg(type));
    if (!reader.ok())
        return result;

    StoryMarkdown::Document document;
    Story &story = document.story;
    story.headline = reader.roleValue(root, u"headlines"_s, u"main"_s, where);
    story.dek = reader.roleValue(root, u"descriptions"_s, u"summary"_s, where);
    story.byline = reader.text(root, u"by"_s, where);
    story.slug = reader.text(root, u"slugline"_s, where);
    story.embargoUntil = reader.time(root, u"embargoedUntil"_s, where);
    const QString located = reader.text(root, u"located"_s, where);
    story.status = StoryStatus::Draft;

    // The pictures, by the href of their web rendition.
    QHash<QString, QString> hrefToVirin;
    const QJsonArray associations = reader.list(root, u"associations"_s, where);
    for (qsizetype i = 0; i < associations.size() && reader.ok(); ++i) {
        const QJsonObject association = reader.objectAt(associations, i, u"associations"_s, where);
        const QString at = tr("association %1: ").arg(i + 1);
        if (!reader.ok())
            break;
        if (reader.text(association, u"type"_s, at) != u"picture"_s) {
            result.warnings << tr("%1not a picture; left out").arg(at);
            continue;
        }
        Photo photo;
        photo.title = reader.roleValue(association, u"headlines"_s, u"main"_s, at);
        photo.caption = reader.roleValue(association, u"descriptions"_s, u"caption"_s, at);
        photo.altText = reader.roleValue(association, u"descriptions"_s, u"alt"_s, at);
        // An alt description that is there and empty: decorative, on purpose.
        const QJsonArray descriptions = reader.list(association, u"descriptions"_s, at);
        for (qsizetype d = 0; d < descriptions.size() && reader.ok(); ++d) {
            const QJsonObject description = reader.objectAt(descriptions, d, u"descriptions"_s, at);
            if (reader.text(description, u"role"_s, at) == u"alt"_s && reader.text(description, u"value"_s, at).isEmpty())
                photo.decorative = true;
        }
        photo.credit = reader.text(association, u"by"_s, at);
        const QJsonArray people = reader.list(association, u"people"_s, at);
        for (qsizetype p = 0; p < people.size() && reader.ok(); ++p) {
            const QJsonObject person = reader.objectAt(people, p, u"people"_s, at);
            if (reader.text(person, u"rel"_s, at) != u"photographer"_s || !photo.photographer.isEmpty())
                continue;
            photo.photographer = reader.text(person, u"name"_s, at);
            const QJsonArray contact = reader.list(person, u"contactInfo"_s, at);
            for (qsizetype c = 0; c < contact.size() && reader.ok(); ++c) {
                const QJsonObject method = reader.objectAt(contact, c, u"contactInfo"_s, at);
                const QString kind = reader.text(method, u"type"_s, at);
                if (kind == u"email"_s && photo.creatorEmail.isEmpty())
                    photo.creatorEmail = reader.text(method, u"value"_s, at);
                else if (kind == u"phone"_s && photo.creatorPhone.isEmpty())
                    photo.creatorPhone = reader.text(method, u"value"_s, at);
            }
        }
        const QJsonArray places = reader.list(association, u"places"_s, at);
        for (qsizetype p = 0; p < places.size() && reader.ok(); ++p) {
            const QJsonObject place = reader.objectAt(places, p, u"places"_s, at);
            if (reader.text(place, u"rel"_s, at) == u"command-shown"_s && photo.commandShown.isEmpty())
                photo.commandShown = reader.text(place, u"name"_s, at);
        }
        const QJsonArray altIds = reader.list(association, u"altIds"_s, at);
        for (qsizetype a = 0; a < altIds.size() && reader.ok(); ++a) {
            const QJsonObject altId = reader.objectAt(altIds, a, u"altIds"_s, at);
            if (reader.text(altId, u"role"_s, at) == u"virin"_s && photo.virin.isEmpty())
                photo.virin = reader.text(altId, u"value"_s, at);
        }
        const QJsonArray renditions = reader.list(association, u"renditions"_s, at);
        QString href;
        for (qsizetype r = 0; r < renditions.size() && reader.ok() && href.isEmpty(); ++r)
            href = reader.text(reader.objectAt(renditions, r, u"renditions"_s, at), u"href"_s, at);
        if (!reader.ok())
            break;
        // Only a file beside the document can be read (importDocument() keeps
        // it inside the document's folder); an address is not fetched.
        if (!href.isEmpty() && !QUrl(href).scheme().isEmpty()) {
            result.warnings << tr("%1its rendition %2 is not a file beside the document; imported without its image").arg(at, href);
            photo.fileName.clear();
        } else {
            photo.fileName = href;
        }
        if (!href.isEmpty())
            hrefToVirin.insert(href, photo.virin);
        document.photos << photo;
    }
    if (!reader.ok())
        return result;

    // The body: our HTML, back to Markdown, or nothing.
    const QJsonArray bodies = reader.list(root, u"bodies"_s, where);
    QString html;
    bool haveHtml = false;
    for (qsizetype i = 0; i < bodies.size() && reader.ok() && !haveHtml; ++i) {
        const QJsonObject body = reader.objectAt(bodies, i, u"bodies"_s, where);
        const QString contentType = reader.text(body, u"contentType"_s, u"bodies: "_s);
        if (contentType == u"text/html"_s || contentType == u"application/xhtml+xml"_s) {
            html = reader.text(body, u"value"_s, u"bodies: "_s);
            haveHtml = true;
        }
    }
    if (!reader.ok())
        return result;
    if (!bodies.isEmpty() && !haveHtml) {
        result.error = tr("the document's body is not HTML; Newsdesk imports the HTML body its own ninjs export writes");
        return result;
    }
    // A body holds at most MaxStoryBodyLength characters of Markdown; its HTML
    // a few times that.
    if (html.size() > 8 * MaxStoryBodyLength) {
        result.error = tr("the document's body is %1 characters long, longer than any story Newsdesk writes").arg(html.size());
        return result;
    }
    // HTML that says what a library could not hold (a NUL, a bidi override)
    // is cleaned first, as the other fields are below.
    TextSafety::Changes htmlChanges;
    html = TextSafety::clean(html, TextSafety::Lines::Multi, &htmlChanges);
    if (htmlChanges.any())
        result.warnings << tr("body: %1").arg(htmlChanges.description());
    QString bodyError;
    const std::optional<Body> body = bodyFromHtml(html, hrefToVirin, &bodyError);
    if (!body) {
        result.error = tr("the document's body is not HTML as Newsdesk writes it, so it cannot come back as the story's "
                          "Markdown: %1")
                           .arg(bodyError);
        return result;
    }
    story.body = body->markdown;
    // The dateline as the body prints it ("located" drops its dash); only a
    // document without a body has nothing but "located".
    story.dateline = html.isEmpty() ? located : body->dateline;
    story.correctionNote = body->correctionNote;

    result.warnings << StoryMarkdown::makeSafe(document);
    if (story.headline.trimmed().isEmpty()) {
        result.error = tr("the document has no headline");
        return result;
    }
    if (const QString problem = bodyLengthProblem(story.body); !problem.isEmpty()) {
        result.error = problem;
        return result;
    }

    // Faithful or not at all: the Markdown must render to the very HTML the
    // document holds (photos named by their renditions, as exported).
    QList<Photo> photos = document.photos;
    ArticleRenderer::Options render;
    render.imageLinks = ArticleRenderer::Options::ImageLinks::ExportFiles;
    for (qsizetype i = 0; i < photos.size(); ++i) {
        photos[i].id = i + 1;
        const QString href = photos.at(i).fileName;
        render.imageNames.insert(photos.at(i).id, href.startsWith(u"images/"_s) ? href.mid(7) : href);
    }
    if (!html.isEmpty() && ArticleRenderer::articleBody(story, photos, render) != html) {
        result.error = tr("the document's body is not HTML as Newsdesk writes it: the story made from it would not "
                          "publish the same text, so it is not imported");
        return result;
    }
    result.document = document;
    return result;
}

StoryMarkdown::ImportResult importData(Library *library, const QByteArray &json, const QString &baseDirectory)
{
    ReadResult read = Ninjs::read(json);
    if (!read.document) {
        StoryMarkdown::ImportResult result;
        result.error = read.error;
        result.warnings = read.warnings;
        return result;
    }
    StoryMarkdown::ImportResult result = StoryMarkdown::importDocument(library, std::move(*read.document), baseDirectory);
    result.warnings = read.warnings + result.warnings;
    return result;
}

StoryMarkdown::ImportResult importStoryFile(Library *library, const QString &path)
{
    // As StoryMarkdown::importFile() reads: a regular file of bounded size.
    constexpr qint64 maxStoryFileBytes = 16LL * 1024 * 1024;
    const ImageFile::Result read = ImageFile::readDocument(path, maxStoryFileBytes);
    if (!read.errorString.isEmpty()) {
        StoryMarkdown::ImportResult result;
        result.error = read.errorString;
        return result;
    }
    const QString folder = QFileInfo(path).absolutePath();
    if (looksLikeJson(read.data))
        return importData(library, read.data, folder);
    return StoryMarkdown::importText(library, QString::fromUtf8(read.data), folder);
}

} // namespace Ninjs
