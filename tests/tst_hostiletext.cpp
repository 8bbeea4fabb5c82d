// SPDX-License-Identifier: MIT
// Hostile text through the whole path a story takes to a website: every text
// field × every control character (C0, DEL, C1, U+0000, bidirectional
// controls, noncharacters, lone surrogates and broken UTF-8) × where in the
// field it sits, generated rather than picked. The pages that come out are
// read by an HTML parser (gumbo, which builds the tree as a browser does) and
// must run nothing: no event-handler attribute, no script but the JSON-LD,
// no javascript: or data: address, no element the renderer does not make.
#include "articlerenderer.h"
#include "library.h"
#include "people.h"
#include "photorepository.h"
#include "publicationsettings.h"
#include "storyexporter.h"
#include "storymarkdown.h"
#include "storyrepository.h"
#include "textsafety.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <gumbo.h>

using namespace Qt::StringLiterals;

namespace {

// A character to put into text: a code point, or bytes that are not UTF-8.
struct Character
{
    QString name;
    char32_t code = 0;
    // For broken UTF-8: the bytes a file holds instead of a code point.
    QByteArray bytes;
    bool isCodePoint() const { return bytes.isEmpty(); }
    // Text that is not a line break or TAB, which single-line fields turn
    // into spaces and multi-line ones keep: the library must drop it.
    bool isRemoved() const { return isCodePoint() && code != u'\t' && code != u'\n' && code != u'\r'; }
};

QList<Character> hostileCharacters()
{
    QList<Character> characters;
    auto add = [&characters](char32_t code) { characters << Character{u"U+%1"_s.arg(uint(code), 4, 16, QLatin1Char('0')).toUpper(), code, {}}; };
    for (char32_t c = 0x00; c <= 0x1F; ++c) // C0, U+0000 included
        add(c);
    for (char32_t c = 0x7F; c <= 0x9F; ++c) // DEL and C1
        add(c);
    for (char32_t c = 0x202A; c <= 0x202E; ++c) // embeddings and overrides
        add(c);
    for (char32_t c = 0x2066; c <= 0x2069; ++c) // isolates
        add(c);
    for (char32_t c : {0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x10FFFF}) // noncharacters
        add(c);
    // A lone surrogate as a UTF-16 library file or a careless encoder writes
    // it (CESU-8), a sequence cut short, and a byte UTF-8 never has.
    characters << Character{u"surrogate D800 as UTF-8"_s, 0, QByteArray("\xED\xA0\x80")}
               << Character{u"truncated sequence"_s, 0, QByteArray("\xC3")}
               << Character{u"byte FF"_s, 0, QByteArray("\xFF")};
    return characters;
}

// The character as text, as a library file read through SQLite would give
// it: broken UTF-8 comes out as what QString makes of it.
QString textOf(const Character &character)
{
    if (!character.isCodePoint())
        return character.bytes == QByteArray("\xED\xA0\x80") ? QString(QChar(char16_t(0xD800)))
                                                              : QString::fromUtf8(character.bytes);
    return QString::fromUcs4(&character.code, 1);
}

enum class Position { Start, Middle, End };
const QList<std::pair<const char *, Position>> positions{
    {"start", Position::Start}, {"middle", Position::Middle}, {"end", Position::End}};

template<typename Text>
Text placed(const Text &base, const Text &inserted, Position position)
{
    switch (position) {
    case Position::Start:
        return inserted + base;
    case Position::Middle:
        return base.left(base.size() / 2) + inserted + base.mid(base.size() / 2);
    case Position::End:
        return base + inserted;
    }
    return base;
}

// Text that breaks out of an attribute or into markup if escaping fails.
const QString payload = u"Text \"quoted\" <i>&amp; x\" onerror=\"alert(1)\" y=\"><img src=x onerror=alert(2)>"_s;
const QString virin = u"250306-D-PM193-1268K"_s;
// The body holds a photo followed by the link of finding 1, and a pull quote.
const QString body = u"First paragraph of the story.\n\n![](photo:250306-D-PM193-1268K)\n\n[more](x/onload=alert(document.domain)//)\n\n"
                     "> We want peace.\n> — Pete Hegseth\n"_s;

// Every text field a story, its photos and the library's publication
// settings have, by its name in the Markdown front matter.
const QStringList storyFieldKeys{u"slug"_s, u"headline"_s, u"dek"_s, u"byline"_s, u"dateline"_s, u"body"_s, u"correction_note"_s};
const QStringList photoFieldKeys{u"virin"_s,        u"title"_s,         u"caption"_s,        u"alt"_s,
                              u"credit"_s,       u"photographer"_s,  u"unit"_s,           u"operation"_s,
                              u"location.city"_s, u"location.sublocation"_s, u"location.state"_s, u"location.country"_s,
                              u"location.country_code"_s, u"keywords"_s, u"release.authority"_s, u"caption_writer"_s,
                              u"command_shown"_s, u"creator.email"_s, u"creator.phone"_s};
const QStringList settingsFieldKeys{u"publisher"_s};

QString baseOf(const QString &field)
{
    if (field == u"virin"_s)
        return virin;
    if (field == u"slug"_s)
        return u"hegseth-healey"_s;
    if (field == u"body"_s)
        return body;
    return payload;
}

struct Content
{
    Story story;
    Photo photo;
    QString publisher = u"U.S. Department of Defense"_s;
};

// A story as a hostile library could hold it: field set to value, every other
// field its ordinary base text.
Content contentWith(const QStringList &fields, const std::function<QString(const QString &field)> &value)
{
    Content content;
    auto text = [&](const QString &field) { return fields.contains(field) ? value(field) : baseOf(field); };
    Story &story = content.story;
    story.id = 1;
    story.slug = text(u"slug"_s);
    story.headline = text(u"headline"_s);
    story.dek = text(u"dek"_s);
    story.byline = text(u"byline"_s);
    story.dateline = text(u"dateline"_s);
    story.body = text(u"body"_s);
    story.correctionNote = text(u"correction_note"_s);
    story.status = StoryStatus::Approved;
    Photo &photo = content.photo;
    photo.id = 1;
    photo.imageHash = u"0123abcd"_s;
    photo.virin = text(u"virin"_s);
    photo.title = text(u"title"_s);
    photo.caption = text(u"caption"_s);
    photo.altText = text(u"alt"_s);
    photo.credit = text(u"credit"_s);
    photo.photographer = text(u"photographer"_s);
    photo.unit = text(u"unit"_s);
    photo.operation = text(u"operation"_s);
    photo.city = text(u"location.city"_s);
    photo.sublocation = text(u"location.sublocation"_s);
    photo.state = text(u"location.state"_s);
    photo.country = text(u"location.country"_s);
    photo.countryCode = text(u"location.country_code"_s);
    photo.keywords = {text(u"keywords"_s), u"second"_s};
    photo.releaseAuthority = text(u"release.authority"_s);
    photo.captionWriter = text(u"caption_writer"_s);
    photo.commandShown = text(u"command_shown"_s);
    photo.creatorEmail = text(u"creator.email"_s);
    photo.creatorPhone = text(u"creator.phone"_s);
    photo.releaseState = ReleaseState::Released;
    photo.approval = CaptionApproval::Approved;
    content.publisher = fields.contains(u"publisher"_s) ? value(u"publisher"_s) : content.publisher;
    return content;
}

// The elements our renderer writes. Anything else in a page came from text.
const QSet<QString> elementsWeWrite{u"html"_s,   u"head"_s,       u"body"_s,   u"meta"_s,       u"title"_s,  u"link"_s,
                                    u"style"_s,  u"script"_s,     u"main"_s,   u"article"_s,    u"header"_s, u"h1"_s,
                                    u"h2"_s,     u"h3"_s,         u"h4"_s,     u"h5"_s,         u"h6"_s,     u"p"_s,
                                    u"span"_s,   u"figure"_s,     u"figcaption"_s, u"img"_s,    u"blockquote"_s, u"a"_s,
                                    u"em"_s,     u"strong"_s,     u"del"_s,    u"code"_s,       u"pre"_s,    u"ul"_s,
                                    u"ol"_s,     u"li"_s,         u"table"_s,  u"thead"_s,      u"tbody"_s,  u"tr"_s,
                                    u"th"_s,     u"td"_s,         u"hr"_s,     u"br"_s};

struct PageCheck
{
    QStringList problems;
    int scripts = 0;
    int images = 0;
};

void walk(const GumboNode *node, PageCheck &check)
{
    if (node->type != GUMBO_NODE_ELEMENT)
        return;
    const GumboElement &element = node->v.element;
    const QString tag = element.tag == GUMBO_TAG_UNKNOWN ? u"(unknown)"_s : QString::fromUtf8(gumbo_normalized_tagname(element.tag));
    if (!elementsWeWrite.contains(tag) || element.tag_namespace != GUMBO_NAMESPACE_HTML)
        check.problems << u"an element <%1> the renderer does not write"_s.arg(tag);
    QHash<QString, QString> attributes;
    for (unsigned i = 0; i < element.attributes.length; ++i) {
        const auto *attribute = static_cast<const GumboAttribute *>(element.attributes.data[i]);
        const QString name = QString::fromUtf8(attribute->name).toLower();
        const QString value = QString::fromUtf8(attribute->value);
        attributes.insert(name, value);
        if (name.startsWith(u"on"_s))
            check.problems << u"an event handler %1=\"%2\" on <%3>"_s.arg(name, value, tag);
        // Browsers drop tabs and line breaks in addresses and trim the rest.
        QString address = value;
        address.remove(u'\t').remove(u'\n').remove(u'\r');
        address = address.trimmed().toLower();
        for (const QString &scheme : {u"javascript:"_s, u"data:"_s, u"vbscript:"_s}) {
            if (address.startsWith(scheme))
                check.problems << u"a %1 address in %2 on <%3>"_s.arg(scheme, name, tag);
        }
    }
    if (element.tag == GUMBO_TAG_SCRIPT) {
        ++check.scripts;
        QByteArray text;
        for (unsigned i = 0; i < element.children.length; ++i) {
            const auto *child = static_cast<const GumboNode *>(element.children.data[i]);
            if (child->type == GUMBO_NODE_TEXT)
                text += child->v.text.text;
        }
        QJsonParseError error;
        if (attributes.value(u"type"_s) != u"application/ld+json"_s || !QJsonDocument::fromJson(text, &error).isObject())
            check.problems << u"a script that is not the JSON-LD: %1"_s.arg(QString::fromUtf8(text.left(200)));
    }
    if (element.tag == GUMBO_TAG_IMG)
        ++check.images;
    for (unsigned i = 0; i < element.children.length; ++i)
        walk(static_cast<const GumboNode *>(element.children.data[i]), check);
}

// What is wrong with a page (a whole document, or an <article> fragment):
// empty when nothing is.
QStringList problemsOf(const QString &html, bool document)
{
    PageCheck check;
    for (qsizetype i = 0; i < html.size(); ++i) {
        const QChar c = html.at(i);
        if (c.isHighSurrogate() && i + 1 < html.size() && html.at(i + 1).isLowSurrogate()) {
            ++i;
            continue;
        }
        if (c.isSurrogate() || (c != u'\n' && c != u'\t' && (c.unicode() < 0x20 || TextSafety::isForbidden(c.unicode()))))
            check.problems << u"U+%1 at %2"_s.arg(uint(c.unicode()), 4, 16, QLatin1Char('0')).arg(i);
    }
    const QByteArray utf8 = html.toUtf8();
    GumboOptions options = kGumboDefaultOptions;
    if (!document)
        options.fragment_context = GUMBO_TAG_BODY;
    GumboOutput *output = gumbo_parse_with_options(&options, utf8.constData(), size_t(utf8.size()));
    walk(output->root, check);
    // A page we write parses without an error; a fragment has no doctype.
    if (document && output->errors.length > 0)
        check.problems << u"%1 HTML parse error(s)"_s.arg(output->errors.length);
    gumbo_destroy_output(&options, output);
    if (check.scripts != (document ? 1 : 0))
        check.problems << u"%1 script elements"_s.arg(check.scripts);
    if (check.images > 1)
        check.problems << u"%1 images, but the story places one photo"_s.arg(check.images);
    return check.problems;
}

QByteArray jpeg()
{
    QImage image(16, 12, QImage::Format_RGB32);
    image.fill(Qt::darkGreen);
    QByteArray data;
    QBuffer buffer(&data);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG");
    return data;
}

// The character as a YAML double-quoted string writes it; broken UTF-8 as
// its bytes (YAML's "\ud800" is refused as it should be, with the line).
QByteArray yamlEscape(const Character &character)
{
    if (!character.isCodePoint())
        return character.bytes;
    const char32_t c = character.code;
    if (c <= 0xFF)
        return "\\x" + QByteArray::number(uint(c), 16).rightJustified(2, '0');
    if (c <= 0xFFFF)
        return "\\u" + QByteArray::number(uint(c), 16).rightJustified(4, '0');
    return "\\U" + QByteArray::number(uint(c), 16).rightJustified(8, '0');
}

QByteArray rawUtf8(const Character &character)
{
    return character.isCodePoint() ? QString::fromUcs4(&character.code, 1).toUtf8() : character.bytes;
}

QByteArray quoted(const QByteArray &escapedText)
{
    return '"' + escapedText + '"';
}

// The Markdown file of a story whose every field holds the character at
// position, as a hostile or broken file would.
QByteArray markdownFile(const Character &character, Position position)
{
    auto field = [&](const QString &name) {
        QByteArray base = baseOf(name).toUtf8();
        base.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
        return quoted(placed(base, yamlEscape(character), position));
    };
    QByteArray text = "---\nnewsdesk: 1\nstatus: approved\n";
    for (const QString &name : {u"slug"_s, u"headline"_s, u"dek"_s, u"byline"_s, u"dateline"_s, u"correction_note"_s})
        text += name.toUtf8() + ": " + field(name) + '\n';
    text += "photos:\n  - file: \"photo.jpg\"\n";
    for (const QString &name : {u"virin"_s, u"title"_s, u"caption"_s, u"alt"_s, u"credit"_s, u"photographer"_s, u"unit"_s,
                                u"operation"_s, u"caption_writer"_s, u"command_shown"_s})
        text += "    " + name.toUtf8() + ": " + field(name) + '\n';
    text += "    creator: {email: " + field(u"creator.email"_s) + ", phone: " + field(u"creator.phone"_s) + "}\n";
    text += "    location: {city: " + field(u"location.city"_s) + ", sublocation: " + field(u"location.sublocation"_s)
        + ", state: " + field(u"location.state"_s) + ", country: " + field(u"location.country"_s)
        + ", country_code: " + field(u"location.country_code"_s) + "}\n";
    text += "    keywords: [" + field(u"keywords"_s) + ", \"second\"]\n";
    text += "    release: {state: released, authority: " + field(u"release.authority"_s) + "}\n";
    text += "    approval: approved\n---\n";
    text += placed(body.toUtf8(), rawUtf8(character), position);
    return text;
}

} // namespace

class TestHostileText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void renderedFieldRunsNothing_data();
    void renderedFieldRunsNothing();
    void importedAndExportedStoryRunsNothing_data();
    void importedAndExportedStoryRunsNothing();
    void checkerFindsWhatItLooksFor_data();
    void checkerFindsWhatItLooksFor();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Library> m_library;
    int m_export = 0;
};

void TestHostileText::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_library = std::make_unique<Library>();
    QVERIFY(m_library->open(m_dir.filePath(u"hostile.newsdesk"_s)));
    m_library->setActor(u"Eve Editor"_s);
    QVERIFY(PeopleRepository(m_library.get()).add(Person{.name = u"Eve Editor"_s, .role = PersonRole::Editor}));
    QFile image(m_dir.filePath(u"photo.jpg"_s));
    QVERIFY(image.open(QIODevice::WriteOnly));
    image.write(jpeg());
}

// The renderer alone, on text as a library file written by anyone may hold
// it: each field on its own, so a failure names the field.
void TestHostileText::renderedFieldRunsNothing_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("character");
    QTest::addColumn<int>("position");
    for (const QString &field : storyFieldKeys + photoFieldKeys + settingsFieldKeys) {
        for (const Character &character : hostileCharacters()) {
            for (const auto &[name, position] : positions)
                QTest::addRow("%s %s %s", qPrintable(field), qPrintable(character.name), name)
                    << field << textOf(character) << int(position);
        }
    }
}

void TestHostileText::renderedFieldRunsNothing()
{
    QFETCH(QString, field);
    QFETCH(QString, character);
    QFETCH(int, position);
    const Content content = contentWith({field}, [&](const QString &name) { return placed(baseOf(name), character, Position(position)); });
    ArticleRenderer::Options options;
    options.imageLinks = ArticleRenderer::Options::ImageLinks::ExportFiles;
    options.stylesheet = ArticleRenderer::Options::Stylesheet::Linked;
    options.publisher = content.publisher;
    options.publicationUrl = QUrl(u"https://www.defense.gov/News/Article/1/"_s);
    options.publishedAt = QDateTime(QDate(2025, 3, 6), QTime(15, 0), QTimeZone::UTC);
    QStringList problems = problemsOf(ArticleRenderer::articleDocument(content.story, {content.photo}, options), true);
    // Render --fragment and Copy HTML.
    for (const QString &problem : problemsOf(ArticleRenderer::articleFragment(content.story, {content.photo}, options), false))
        problems << u"fragment: "_s + problem;
    // The preview's blocks, with the library's own image addresses.
    ArticleRenderer::Options preview;
    preview.sourcePositions = true;
    QString blocks = ArticleRenderer::headerHtml(content.story);
    for (const ArticleRenderer::Block &block : ArticleRenderer::bodyBlocks(content.story, {content.photo}, preview))
        blocks += block.html;
    for (const QString &problem : problemsOf(blocks, false))
        problems << u"preview: "_s + problem;
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"; "_s)));
}

// Import → library → export, and the same story written into the library
// file by other means: every field at once, for each character and place.
void TestHostileText::importedAndExportedStoryRunsNothing_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("position");
    const QList<Character> characters = hostileCharacters();
    for (qsizetype i = 0; i < characters.size(); ++i) {
        for (const auto &[name, position] : positions)
            QTest::addRow("%s %s", qPrintable(characters.at(i).name), name) << int(i) << int(position);
    }
}

void TestHostileText::importedAndExportedStoryRunsNothing()
{
    QFETCH(int, index);
    QFETCH(int, position);
    const Character character = hostileCharacters().at(index);
    Library *library = m_library.get();

    PublicationSettingsRepository settings(library);
    QVERIFY2(settings.save({placed(u"U.S. Department of Defense"_s, textOf(character), Position(position)),
                            u"https://www.defense.gov/News/Article/{slug}/"_s}),
             qPrintable(settings.errorString()));

    // Import: a file is where text comes in, and where what the library will
    // not hold is reported field by field.
    const QString file = m_dir.filePath(u"story.md"_s);
    {
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(markdownFile(character, Position(position)));
    }
    const StoryMarkdown::ImportResult imported = StoryMarkdown::importFile(library, file);
    QVERIFY2(imported.story, qPrintable(imported.error));
    QCOMPARE(imported.photos.size(), 1);
    if (character.isRemoved()) {
        for (const QString &field : storyFieldKeys + photoFieldKeys) {
            const QString where = photoFieldKeys.contains(field) ? u"photo %1 %2: "_s.arg(virin, field) : field + u": "_s;
            const bool said = std::any_of(imported.warnings.cbegin(), imported.warnings.cend(), [&](const QString &warning) {
                return warning.startsWith(where) && warning.contains(u"1 control character removed"_s);
            });
            QVERIFY2(said, qPrintable(where + u" not in:\n"_s + imported.warnings.join(u'\n')));
        }
    }
    // What the library holds is clean.
    const Story story = *StoryRepository(library).load(imported.story->id);
    const Photo photo = PhotoRepository(library).photosOfStory(story.id).constFirst();
    for (const QString &text : {story.slug, story.headline, story.dek, story.byline, story.dateline, photo.virin, photo.title,
                                photo.altText, photo.credit, photo.photographer, photo.unit, photo.operation, photo.city,
                                photo.sublocation, photo.state, photo.country, photo.countryCode, photo.releaseAuthority,
                                photo.captionWriter, photo.commandShown, photo.creatorEmail, photo.creatorPhone,
                                photo.keywords.join(u' '), settings.load().publisher})
        QVERIFY2(TextSafety::isClean(text, TextSafety::Lines::Single), qPrintable(TextSafety::forTerminal(text)));
    for (const QString &text : {story.body, story.correctionNote, photo.caption})
        QVERIFY2(TextSafety::isClean(text, TextSafety::Lines::Multi), qPrintable(TextSafety::forTerminal(text)));

    auto exportAndCheck = [&](const Story &exported, const QString &what) {
        StoryExporter::Options options;
        options.overrideReason = u"hostile-text test"_s;
        const QString folder = m_dir.filePath(u"export-%1"_s.arg(++m_export));
        const StoryExporter::Result result = StoryExporter(library).exportStory(exported, folder, options);
        QVERIFY2(result.success, qPrintable(what + u": "_s + result.errorMessage));
        QFile page(QDir(folder).filePath(u"index.html"_s));
        QVERIFY(page.open(QIODevice::ReadOnly));
        const QStringList problems = problemsOf(QString::fromUtf8(page.readAll()), true);
        QVERIFY2(problems.isEmpty(), qPrintable(what + u": "_s + problems.join(u"; "_s)));
        for (const QString &name : QDir(folder + u"/images"_s).entryList(QDir::Files))
            QVERIFY2(QFileInfo(name).fileName() == name && TextSafety::isClean(name, TextSafety::Lines::Single), qPrintable(name));
        const QList<Photo> photos = PhotoRepository(library).photosOfStory(exported.id);
        ArticleRenderer::Options render;
        StoryExporter::applyPublicationSettings(library, exported, render);
        const QStringList fragment = problemsOf(ArticleRenderer::articleFragment(exported, photos, render), false);
        QVERIFY2(fragment.isEmpty(), qPrintable(what + u" fragment: "_s + fragment.join(u"; "_s)));
    };
    exportAndCheck(story, u"imported"_s);
    if (QTest::currentTestFailed())
        return;

    // The same story written into the library file by other means, which
    // keep what Newsdesk would not store (a lone surrogate too: SQLite keeps
    // the UTF-16 it is given).
    const QString hostile = textOf(character);
    const Content content = contentWith(storyFieldKeys + photoFieldKeys + settingsFieldKeys,
                                        [&](const QString &name) { return placed(baseOf(name), hostile, Position(position)); });
    QSqlQuery query(library->database());
    query.prepare(u"UPDATE stories SET slug = :slug, headline = :headline, dek = :dek, byline = :byline, "
                  "dateline = :dateline, body = :body, correction_note = :note WHERE id = :id"_s);
    // Slugs are unique in a library, and earlier rows wrote theirs.
    query.bindValue(u":slug"_s, placed(u"hegseth-healey-%1"_s.arg(story.id), hostile, Position(position)));
    query.bindValue(u":headline"_s, content.story.headline);
    query.bindValue(u":dek"_s, content.story.dek);
    query.bindValue(u":byline"_s, content.story.byline);
    query.bindValue(u":dateline"_s, content.story.dateline);
    query.bindValue(u":body"_s, content.story.body);
    query.bindValue(u":note"_s, content.story.correctionNote);
    query.bindValue(u":id"_s, story.id);
    QVERIFY(query.exec());
    query.prepare(u"UPDATE photos SET virin = :virin, title = :title, caption = :caption, alt_text = :alt, credit = :credit, "
                  "keywords = :keywords, release_authority = :authority, command_shown = :command, "
                  "creator_email = :email, creator_phone = :phone WHERE id = :id"_s);
    query.bindValue(u":command"_s, content.photo.commandShown);
    query.bindValue(u":email"_s, content.photo.creatorEmail);
    query.bindValue(u":phone"_s, content.photo.creatorPhone);
    query.bindValue(u":virin"_s, content.photo.virin);
    query.bindValue(u":title"_s, content.photo.title);
    query.bindValue(u":caption"_s, content.photo.caption);
    query.bindValue(u":alt"_s, content.photo.altText);
    query.bindValue(u":credit"_s, content.photo.credit);
    query.bindValue(u":keywords"_s, content.photo.keywords.join(u'\n'));
    query.bindValue(u":authority"_s, content.photo.releaseAuthority);
    query.bindValue(u":id"_s, photo.id);
    QVERIFY(query.exec());
    query.prepare(u"UPDATE library_settings SET value = :value WHERE key = 'publisher'"_s);
    query.bindValue(u":value"_s, content.publisher);
    QVERIFY(query.exec());
    const Story written = *StoryRepository(library).load(story.id);
    // What the file holds, as it holds it (SQLite's UTF-16 reading makes
    // something else again of a lone surrogate and a noncharacter).
    if (character.isCodePoint() && !QChar::isNonCharacter(character.code))
        QCOMPARE(written.headline, content.story.headline);
    exportAndCheck(written, u"written by other means"_s);
}

// The checker itself: each thing it looks for, found in a page that has it.
void TestHostileText::checkerFindsWhatItLooksFor_data()
{
    QTest::addColumn<QString>("html");
    QTest::addColumn<QString>("problem");
    const QString head = u"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>t</title>\n"
                         "<script type=\"application/ld+json\">{\"a\":1}</script>\n</head>\n<body>\n"_s;
    const QString tail = u"</body>\n</html>\n"_s;
    QTest::newRow("finding 1 as it was") << head + u"<img src=\"images/x.jpg\" alt=\"Two men<p><a href=\"x/onload=alert(document.domain)//\">more</a></p>"_s + tail
                                         << u"an event handler onload"_s;
    QTest::newRow("a second script") << head + u"<p>x</p><script>alert(1)</script>"_s + tail << u"2 script elements"_s;
    QTest::newRow("script typed as JSON-LD but not JSON") << head + u"<script type=\"application/ld+json\">alert(1)</script>"_s + tail
                                                         << u"a script that is not the JSON-LD"_s;
    QTest::newRow("javascript: link") << head + u"<a href=\" java\tscript:alert(1)\">x</a>"_s + tail << u"a javascript: address"_s;
    QTest::newRow("data: image") << head + u"<img src=\"DATA:image/png;base64,AA\" alt=\"\">"_s + tail << u"a data: address"_s;
    QTest::newRow("iframe") << head + u"<iframe src=\"https://example.com\"></iframe>"_s + tail << u"an element <iframe>"_s;
    QTest::newRow("svg") << head + u"<svg><a href=\"#\">x</a></svg>"_s + tail << u"an element <svg>"_s;
    QTest::newRow("NUL") << head + u"<p>a\0b</p>"_s + tail << u"U+0000"_s;
    QTest::newRow("bidi override") << head + u"<p>a\u202eb</p>"_s + tail << u"U+202e"_s;
    QTest::newRow("unclosed attribute") << head + u"<p title=\"x>y</p>"_s + tail << u"parse error"_s;
}

void TestHostileText::checkerFindsWhatItLooksFor()
{
    QFETCH(QString, html);
    QFETCH(QString, problem);
    const QStringList problems = problemsOf(html, true);
    QVERIFY2(problems.join(u"; "_s).contains(problem), qPrintable(problems.join(u"; "_s)));
    // And a page the renderer writes from ordinary text has none.
    const Content content = contentWith({}, {});
    QCOMPARE(problemsOf(ArticleRenderer::articleDocument(content.story, {content.photo}, {}), true), QStringList());
}

QTEST_GUILESS_MAIN(TestHostileText)
#include "tst_hostiletext.moc"
