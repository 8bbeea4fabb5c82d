// SPDX-License-Identifier: MIT
#include "storymarkdown.h"

#include "articlerenderer.h"
#include "imagefile.h"
#include "library.h"
#include "librarysetup.h"
#include "people.h"
#include "photorepository.h"
#include "storyrepository.h"
#include "workflow.h"
#include "textsafety.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMimeDatabase>
#include <QSaveFile>
#include <QSet>
#include <QStringDecoder>
#include <QTemporaryFile>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <sys/stat.h>
#include <unistd.h>

#include <yaml-cpp/yaml.h>

using namespace Qt::StringLiterals;

namespace StoryMarkdown {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("StoryMarkdown", text);
}

std::string utf8(const QString &text)
{
    return text.toStdString();
}

// The text of a YAML value. QString::fromUtf8 would drop a byte order mark
// that opens the value; it is part of the text here.
QString fromUtf8(const std::string &text)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    return decoder.decode(QByteArrayView(text.data(), qsizetype(text.size())));
}

void emitQuoted(YAML::Emitter &out, const QString &value)
{
    out << YAML::DoubleQuoted << utf8(value);
}

void emitText(YAML::Emitter &out, const char *key, const QString &value)
{
    out << YAML::Key << key << YAML::Value;
    emitQuoted(out, value);
}

void emitPlain(YAML::Emitter &out, const char *key, const QString &value)
{
    out << YAML::Key << key << YAML::Value << utf8(value);
}

// One file name per photo, unique within the story ("x.jpg", "x-2.jpg"), or
// empty for a photo that has no image to write.
QStringList fileNamesFor(const QList<Photo> &photos)
{
    QStringList names;
    QSet<QString> taken;
    for (const Photo &photo : photos) {
        if (!photoHasImage(photo)) {
            names << QString();
            continue;
        }
        const QString wanted = imageFileName(photo);
        QString name = wanted;
        const QFileInfo info(wanted);
        for (int n = 2; taken.contains(name.toLower()); ++n)
            name = u"%1-%2.%3"_s.arg(info.completeBaseName()).arg(n).arg(info.suffix());
        taken.insert(name.toLower());
        names << name;
    }
    return names;
}

// Reading the front matter: every value is looked up by key, and keys we do
// not know are reported so that a typo does not lose a field silently.
class Reader
{
    Q_DECLARE_TR_FUNCTIONS(StoryMarkdown) // the context of the file's other texts
public:
    QStringList warnings;
    QString error;

    bool ok() const { return error.isEmpty(); }

    QString text(const YAML::Node &map, const char *key, const QString &where)
    {
        if (!map || !map.IsMap())
            return {};
        const YAML::Node node = map[key];
        if (!node || node.IsNull())
            return {};
        if (!node.IsScalar()) {
            fail(tr("%1: '%2' must be a text").arg(where, QLatin1StringView(key)), node);
            return {};
        }
        return fromUtf8(node.Scalar());
    }

    QStringList list(const YAML::Node &map, const char *key, const QString &where)
    {
        if (!map || !map.IsMap())
            return {};
        const YAML::Node node = map[key];
        if (!node || node.IsNull())
            return {};
        if (!node.IsSequence()) {
            fail(tr("%1: '%2' must be a list, like [\"one\", \"two\"]").arg(where, QLatin1StringView(key)), node);
            return {};
        }
        QStringList values;
        for (const YAML::Node &item : node) {
            if (!item.IsScalar()) {
                fail(tr("%1: every entry of '%2' must be a text").arg(where, QLatin1StringView(key)), item);
                return {};
            }
            values << fromUtf8(item.Scalar());
        }
        return values;
    }

    // A date and time like 2025-03-06T15:00:00Z (without an offset: local
    // time), in UTC; invalid when the key is missing or empty.
    QDateTime time(const YAML::Node &map, const char *key, const QString &where)
    {
        const QString value = text(map, key, where);
        if (value.isEmpty())
            return {};
        const QDateTime parsed = QDateTime::fromString(value, Qt::ISODate);
        if (!parsed.isValid()) {
            fail(tr("%1: %2 '%3' is not a date and time like 2025-03-06T15:00:00Z")
                     .arg(where, QString::fromLatin1(key), value),
                 map[key]);
            return {};
        }
        return parsed.toUTC();
    }

    YAML::Node map(const YAML::Node &parent, const char *key, const QString &where)
    {
        const YAML::Node node = parent[key];
        if (node && !node.IsNull() && !node.IsMap()) {
            fail(tr("%1: '%2' must be a map of fields").arg(where, QLatin1StringView(key)), node);
            return YAML::Node();
        }
        return node;
    }

    void warnUnknownKeys(const YAML::Node &map, std::initializer_list<const char *> known, const QString &where)
    {
        if (!map || !map.IsMap())
            return;
        for (const auto &entry : map) {
            const std::string key = entry.first.as<std::string>("");
            bool isKnown = false;
            for (const char *name : known)
                isKnown = isKnown || key == name;
            if (!isKnown)
                warnings << tr("%1: unknown key '%2' ignored").arg(where, QString::fromStdString(key));
        }
    }

    void fail(const QString &message, const YAML::Node &node)
    {
        if (!error.isEmpty())
            return;
        // The front matter starts on the file's second line.
        const YAML::Mark mark = node ? node.Mark() : YAML::Mark::null_mark();
        error = mark.is_null() ? message : tr("line %1: %2").arg(mark.line + 2).arg(message);
    }
};

std::optional<Photo> readPhoto(Reader &reader, const YAML::Node &node, int number)
{
    const QString where = tr("photo %1").arg(number);
    if (!node.IsMap()) {
        reader.fail(tr("%1 must be a map of fields").arg(where), node);
        return std::nullopt;
    }
    reader.warnUnknownKeys(node,
                           {"file", "virin", "title", "caption", "alt", "credit", "photographer", "unit", "operation",
                            "date_shot", "location", "keywords", "release", "caption_writer", "command_shown",
                            "creator", "decorative", "approval"},
                           where);
    Photo photo;
    photo.fileName = reader.text(node, "file", where);
    photo.virin = reader.text(node, "virin", where);
    photo.title = reader.text(node, "title", where);
    photo.caption = reader.text(node, "caption", where);
    photo.altText = reader.text(node, "alt", where);
    photo.credit = reader.text(node, "credit", where);
    photo.photographer = reader.text(node, "photographer", where);
    photo.unit = reader.text(node, "unit", where);
    photo.operation = reader.text(node, "operation", where);
    const QString dateShot = reader.text(node, "date_shot", where);
    if (!dateShot.isEmpty()) {
        photo.dateShot = QDate::fromString(dateShot, Qt::ISODate);
        if (!photo.dateShot.isValid())
            reader.fail(tr("%1: date_shot '%2' is not a date like 2025-03-06").arg(where, dateShot), node["date_shot"]);
    }
    const YAML::Node location = reader.map(node, "location", where);
    const QString locationWhere = where + u" location"_s;
    reader.warnUnknownKeys(location, {"city", "sublocation", "state", "country", "country_code"}, locationWhere);
    photo.city = reader.text(location, "city", locationWhere);
    photo.sublocation = reader.text(location, "sublocation", locationWhere);
    photo.state = reader.text(location, "state", locationWhere);
    photo.country = reader.text(location, "country", locationWhere);
    photo.countryCode = reader.text(location, "country_code", locationWhere);
    photo.keywords = reader.list(node, "keywords", where);
    const YAML::Node release = reader.map(node, "release", where);
    const QString releaseWhere = where + u" release"_s;
    reader.warnUnknownKeys(release, {"state", "authority"}, releaseWhere);
    const QString releaseKey = reader.text(release, "state", releaseWhere);
    if (!releaseKey.isEmpty()) {
        const std::optional<ReleaseState> state = releaseStateFromKey(releaseKey);
        if (!state)
            reader.fail(tr("%1: release state '%2' is not one of not_reviewed, released, not_released").arg(where, releaseKey),
                        release["state"]);
        photo.releaseState = state.value_or(ReleaseState::NotReviewed);
    }
    photo.releaseAuthority = reader.text(release, "authority", releaseWhere);
    photo.captionWriter = reader.text(node, "caption_writer", where);
    photo.commandShown = reader.text(node, "command_shown", where);
    const YAML::Node creator = reader.map(node, "creator", where);
    const QString creatorWhere = where + u" creator"_s;
    reader.warnUnknownKeys(creator, {"email", "phone"}, creatorWhere);
    photo.creatorEmail = reader.text(creator, "email", creatorWhere);
    photo.creatorPhone = reader.text(creator, "phone", creatorWhere);
    const QString decorative = reader.text(node, "decorative", where);
    if (!decorative.isEmpty() && decorative != u"true"_s && decorative != u"false"_s)
        reader.fail(tr("%1: decorative '%2' is not true or false").arg(where, decorative), node["decorative"]);
    photo.decorative = decorative == u"true"_s;
    const QString approvalKey = reader.text(node, "approval", where);
    if (!approvalKey.isEmpty()) {
        const std::optional<CaptionApproval> approval = captionApprovalFromKey(approvalKey);
        if (!approval)
            reader.fail(tr("%1: approval '%2' is not one of pending, approved, changes_requested").arg(where, approvalKey),
                        node["approval"]);
        photo.approval = approval.value_or(CaptionApproval::Pending);
    }
    if (!reader.ok())
        return std::nullopt;
    return photo;
}

// yaml-cpp keeps both entries of a key given twice and a lookup finds the
// first, so a file could say one thing to a reader and another to Newsdesk:
// every map at every level must name each key once. Walked with a list, not
// by recursion, however deep the file nests.
void refuseDuplicateKeys(Reader &reader, const YAML::Node &root)
{
    QList<YAML::Node> pending{root};
    while (!pending.isEmpty() && reader.ok()) {
        const YAML::Node node = pending.takeLast();
        if (node.IsSequence()) {
            for (const YAML::Node &item : node)
                pending << item;
        } else if (node.IsMap()) {
            QHash<QString, int> lines; // key → line of its first entry
            for (const auto &entry : node) {
                pending << entry.second;
                if (!entry.first.IsScalar())
                    continue;
                const QString key = fromUtf8(entry.first.Scalar());
                const auto first = lines.constFind(key);
                if (first != lines.constEnd()) {
                    reader.fail(tr("the key '%1' is given twice (first on line %2); give each key once")
                                    .arg(key)
                                    .arg(*first),
                                entry.first);
                    break;
                }
                lines.insert(key, entry.first.Mark().is_null() ? 0 : entry.first.Mark().line + 2);
            }
        }
    }
}

// Splits "---\nfront matter\n---\nbody" into its two parts.
std::optional<std::pair<QString, QString>> splitFrontMatter(QString text)
{
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    qsizetype lineEnd = text.indexOf(u'\n');
    if (lineEnd < 0 || QStringView(text).left(lineEnd).trimmed() != u"---")
        return std::nullopt;
    qsizetype start = lineEnd + 1;
    qsizetype position = start;
    while (position <= text.size()) {
        qsizetype next = text.indexOf(u'\n', position);
        const qsizetype end = next < 0 ? text.size() : next;
        const QStringView line = QStringView(text).mid(position, end - position);
        if (line == u"---" || line == u"..." || line == u"---\r" || line == u"...\r") {
            const QString frontMatter = text.mid(start, position - start);
            const QString body = next < 0 ? QString() : text.mid(next + 1);
            return std::pair{frontMatter, body};
        }
        if (next < 0)
            break;
        position = next + 1;
    }
    return std::nullopt;
}

// Only a path inside the story file's folder may name an image, so an
// imported file cannot pull arbitrary files into the library: the path
// relative to that folder, cleaned, or nothing. (ImageFile::readInside then
// refuses links on the way.)
std::optional<QString> imagePathInside(const QString &baseDirectory, const QString &file)
{
    if (file.isEmpty() || QDir::isAbsolutePath(file) || file.contains(u'\\'))
        return std::nullopt;
    const QString base = QDir::cleanPath(QDir(baseDirectory).absolutePath());
    const QString path = QDir::cleanPath(base + u'/' + file);
    if (!path.startsWith(base + u'/'))
        return std::nullopt;
    return path.mid(base.size() + 1);
}

} // namespace

bool photoHasImage(const Photo &photo)
{
    // A metadata-only photo is stored with the empty image.
    static const QString emptyImage = PhotoRepository::hashOf(QByteArray());
    return !photo.imageHash.isEmpty() && photo.imageHash != emptyImage;
}

QString imageFileName(const Photo &photo)
{
    const QString name = QFileInfo(photo.fileName).fileName();
    if (!name.isEmpty() && !name.startsWith(u'.') && !name.contains(u'\\') && !QFileInfo(name).suffix().isEmpty())
        return name;
    return ArticleRenderer::exportImageName(photo);
}

namespace {

// dump() with the photos' image files named files.
QString dumpNamed(const Story &givenStory, const QList<Photo> &givenPhotos, const QStringList &files)
{
    // What Newsdesk stored is clean already; a library written by other
    // means is cleaned on the way out, as the renderer does (textsafety.h).
    Story story = givenStory;
    TextSafety::cleanStory(story);
    QList<Photo> photos = givenPhotos;
    for (Photo &photo : photos)
        TextSafety::cleanPhoto(photo);
    YAML::Emitter out;
    out.SetIndent(2);
    out << YAML::BeginMap;
    out << YAML::Key << "newsdesk" << YAML::Value << formatVersion;
    emitText(out, "slug", story.slug);
    emitText(out, "headline", story.headline);
    emitText(out, "dek", story.dek);
    emitText(out, "byline", story.byline);
    emitText(out, "dateline", story.dateline);
    emitPlain(out, "status", storyStatusKey(story.status));
    // Workflow fields, only when they are set: most stories have none.
    if (!story.correctionNote.isEmpty())
        emitText(out, "correction_note", story.correctionNote);
    if (story.embargoUntil.isValid())
        emitPlain(out, "embargo_until", story.embargoUntil.toUTC().toString(Qt::ISODate));
    if (story.publishedAt.isValid())
        emitPlain(out, "published_at", story.publishedAt.toUTC().toString(Qt::ISODate));
    out << YAML::Key << "photos" << YAML::Value;
    if (photos.isEmpty()) {
        out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
    } else {
        out << YAML::BeginSeq;
        for (qsizetype i = 0; i < photos.size(); ++i) {
            const Photo &photo = photos.at(i);
            out << YAML::BeginMap;
            emitText(out, "file", files.at(i));
            emitText(out, "virin", photo.virin);
            emitText(out, "title", photo.title);
            emitText(out, "caption", photo.caption);
            emitText(out, "alt", photo.altText);
            emitText(out, "credit", photo.credit);
            emitText(out, "photographer", photo.photographer);
            emitText(out, "unit", photo.unit);
            emitText(out, "operation", photo.operation);
            emitText(out, "date_shot", photo.dateShot.isValid() ? photo.dateShot.toString(Qt::ISODate) : QString());
            out << YAML::Key << "location" << YAML::Value << YAML::BeginMap;
            emitText(out, "city", photo.city);
            emitText(out, "sublocation", photo.sublocation);
            emitText(out, "state", photo.state);
            emitText(out, "country", photo.country);
            emitText(out, "country_code", photo.countryCode);
            out << YAML::EndMap;
            out << YAML::Key << "keywords" << YAML::Value << YAML::Flow << YAML::BeginSeq;
            for (const QString &keyword : photo.keywords)
                emitQuoted(out, keyword);
            out << YAML::EndSeq;
            out << YAML::Key << "release" << YAML::Value << YAML::BeginMap;
            emitPlain(out, "state", releaseStateKey(photo.releaseState));
            emitText(out, "authority", photo.releaseAuthority);
            out << YAML::EndMap;
            emitText(out, "caption_writer", photo.captionWriter);
            // Written when set, so that files of photos without them stay as they were.
            if (!photo.commandShown.isEmpty())
                emitText(out, "command_shown", photo.commandShown);
            if (!photo.creatorEmail.isEmpty() || !photo.creatorPhone.isEmpty()) {
                out << YAML::Key << "creator" << YAML::Value << YAML::BeginMap;
                emitText(out, "email", photo.creatorEmail);
                emitText(out, "phone", photo.creatorPhone);
                out << YAML::EndMap;
            }
            if (photo.decorative)
                emitPlain(out, "decorative", u"true"_s);
            emitPlain(out, "approval", captionApprovalKey(photo.approval));
            out << YAML::EndMap;
        }
        out << YAML::EndSeq;
    }
    out << YAML::EndMap;
    return u"---\n"_s + QString::fromUtf8(out.c_str(), qsizetype(out.size())) + u"\n---\n"_s + story.body;
}

} // namespace

QString dump(const Story &story, const QList<Photo> &photos)
{
    return dumpNamed(story, photos, fileNamesFor(photos));
}

QStringList makeSafe(Document &document)
{
    QStringList warnings;
    for (const TextSafety::FieldChange &change : TextSafety::cleanStory(document.story))
        warnings << tr("%1: %2").arg(change.field, change.changes.description());
    for (qsizetype i = 0; i < document.photos.size(); ++i) {
        Photo &photo = document.photos[i];
        const QList<TextSafety::FieldChange> changes = TextSafety::cleanPhoto(photo);
        const QString name = photo.virin.isEmpty() ? tr("photo %1").arg(i + 1) : tr("photo %1").arg(photo.virin);
        for (const TextSafety::FieldChange &change : changes)
            warnings << tr("%1 %2: %3").arg(name, change.field, change.changes.description());
    }
    return warnings;
}

ParseResult parse(const QString &text)
{
    ParseResult result;
    const std::optional<std::pair<QString, QString>> parts = splitFrontMatter(text);
    if (!parts) {
        result.error = StoryMarkdown::tr("the file does not start with YAML front matter: a line '---', the story's fields, and "
                          "another line '---' before the body");
        return result;
    }
    YAML::Node root;
    try {
        root = YAML::Load(utf8(parts->first));
    } catch (const YAML::Exception &exception) {
        result.error = tr("line %1: the front matter is not valid YAML: %2")
                           .arg(exception.mark.is_null() ? 1 : exception.mark.line + 2)
                           .arg(QString::fromStdString(exception.msg));
        return result;
    }
    if (!root.IsMap()) {
        result.error = tr("the front matter must be a map of fields (headline: \"…\", status: draft, …)");
        return result;
    }

    Reader reader;
    try {
        refuseDuplicateKeys(reader, root);
        const QString where = tr("front matter");
        reader.warnUnknownKeys(root,
                               {"newsdesk", "slug", "headline", "dek", "byline", "dateline", "status", "correction_note",
                                "embargo_until", "published_at", "photos"},
                               where);
        const QString version = reader.text(root, "newsdesk", where);
        if (!version.isEmpty() && version.toInt() > formatVersion)
            reader.fail(tr("this file was written by a newer Newsdesk (format %1; this one reads %2)").arg(version).arg(formatVersion),
                        root["newsdesk"]);
        Document document;
        document.story.slug = reader.text(root, "slug", where);
        document.story.headline = reader.text(root, "headline", where);
        document.story.dek = reader.text(root, "dek", where);
        document.story.byline = reader.text(root, "byline", where);
        document.story.dateline = reader.text(root, "dateline", where);
        const QString status = reader.text(root, "status", where);
        if (!status.isEmpty()) {
            const std::optional<StoryStatus> parsed = storyStatusFromKey(status);
            if (!parsed)
                reader.fail(tr("status '%1' is not one of draft, in_review, approved, published, archived").arg(status), root["status"]);
            document.story.status = parsed.value_or(StoryStatus::Draft);
        }
        document.story.correctionNote = reader.text(root, "correction_note", where);
        document.story.embargoUntil = reader.time(root, "embargo_until", where);
        document.story.publishedAt = reader.time(root, "published_at", where);
        document.story.body = parts->second;
        const YAML::Node photos = root["photos"];
        if (photos && !photos.IsNull() && !photos.IsSequence())
            reader.fail(tr("'photos' must be a list of photos, each starting with '- '"), photos);
        if (reader.ok() && photos && photos.IsSequence()) {
            int number = 0;
            for (const YAML::Node &node : photos) {
                const std::optional<Photo> photo = readPhoto(reader, node, ++number);
                if (!photo)
                    break;
                document.photos << *photo;
            }
        }
        // The text enters the library here: say what it will not hold.
        reader.warnings << makeSafe(document);
        if (reader.ok() && document.story.headline.trimmed().isEmpty())
            reader.fail(tr("the story has no headline"), root);
        if (reader.ok())
            result.document = document;
    } catch (const YAML::Exception &exception) {
        reader.fail(QString::fromStdString(exception.msg), root);
    }
    result.error = reader.error;
    result.warnings = reader.warnings;
    return result;
}

ImportResult importText(Library *library, const QString &text, const QString &baseDirectory)
{
    ImportResult result;
    ParseResult parsed = parse(text);
    result.warnings = parsed.warnings;
    if (!parsed.document) {
        result.error = parsed.error;
        return result;
    }
    ImportResult imported = importDocument(library, std::move(*parsed.document), baseDirectory);
    imported.warnings = result.warnings + imported.warnings;
    return imported;
}

ImportResult importDocument(Library *library, Document document, const QString &baseDirectory)
{
    ImportResult result;
    // Read every image before writing anything, so a bad file changes nothing.
    struct Image
    {
        QByteArray data;
        QString mimeType;
        QSize size;
        QByteArray thumbnail;
    };
    QList<Image> images;
    for (const Photo &photo : std::as_const(document.photos)) {
        const QString name = photo.virin.isEmpty() ? photo.fileName : photo.virin;
        Image image;
        if (!photo.fileName.isEmpty()) {
            const std::optional<QString> path = imagePathInside(baseDirectory, photo.fileName);
            if (!path) {
                result.error = tr("photo %1: '%2' is not a file in the story file's folder").arg(name, photo.fileName);
                return result;
            }
            // What the photo import refuses is refused here too (a link, a
            // pipe or device, a file too large, a format not taken).
            ImageFile::Result read = ImageFile::readInside(baseDirectory, *path);
            if (!read.missing) {
                if (!read.errorString.isEmpty()) {
                    result.error = tr("photo %1: %2").arg(name, read.errorString);
                    return result;
                }
                image.data = std::move(read.data);
                image.mimeType = read.mimeType;
                image.thumbnail = LibrarySetup::makeThumbnail(image.data, &image.size);
                if (image.thumbnail.isEmpty()) {
                    result.error = tr("photo %1: %2 is not an image Newsdesk can read").arg(name, QDir::toNativeSeparators(*path));
                    return result;
                }
            }
        }
        // A photo without its image is stored with the empty image (not a
        // null one, which the image store refuses).
        if (image.data.isNull())
            image.data = QByteArray("");
        if (image.data.isEmpty())
            result.warnings << tr("photo %1: no image file %2 beside the story; imported with its metadata only")
                                   .arg(name, photo.fileName.isEmpty() ? tr("(none named)") : photo.fileName);
        images << image;
    }

    // Decisions come in only where the importer could have made them here
    // (Workflow::admitImportedStory and admitImportedPhoto).
    const std::optional<PersonRole> role = PeopleRepository(library).roleOfActor();
    Story story = document.story;
    for (const Workflow::ImportNote &note : Workflow::admitImportedStory(role, story))
        result.warnings << note.message;
    for (Photo &photo : document.photos) {
        const QString name = photo.virin.isEmpty() ? photo.fileName : photo.virin;
        for (const Workflow::ImportNote &note : Workflow::admitImportedPhoto(role, photo))
            result.warnings << tr("photo %1: %2").arg(name, note.message);
    }
    StoryRepository stories(library);
    std::optional<Story> created = stories.create(story, Revision::Kind::Import);
    if (!created) {
        result.error = stories.errorString();
        return result;
    }
    if (!story.slug.isEmpty() && created->slug != story.slug)
        result.warnings << tr("slug: the story's slug is \"%1\", not \"%2\": a slug is lower-case letters, digits and "
                              "hyphens, never only digits (that is a story's id), and unique in the library.")
                               .arg(created->slug, story.slug);
    PhotoRepository photoRepository(library);
    for (qsizetype i = 0; i < document.photos.size(); ++i) {
        Photo photo = document.photos.at(i);
        const CaptionApproval decision = photo.approval;
        photo.approval = CaptionApproval::Pending;
        const Image &image = images.at(i);
        std::optional<Photo> added = photoRepository.add(photo, image.data, image.mimeType, image.size, image.thumbnail);
        if (!added || !photoRepository.attach(created->id, added->id)) {
            result.error = photoRepository.errorString();
            stories.remove(created->id);
            return result;
        }
        // Only an editor's import still has a decision here.
        if (decision != CaptionApproval::Pending
            && photoRepository.decideCaption(*added, decision, tr("imported")) != PhotoRepository::SaveResult::Saved) {
            result.error = photoRepository.errorString();
            stories.remove(created->id);
            return result;
        }
        result.photos << *added;
    }
    library->audit(u"import"_s, u"story"_s, created->id, created->slug);
    result.story = created;
    return result;
}

ImportResult importFile(Library *library, const QString &path)
{
    // A story file is text: 16 MB is a hundred times the longest story. Read
    // like a photo file, so a FIFO or a device picked by mistake (or by
    // someone else) is refused at once instead of hanging the window.
    constexpr qint64 maxStoryFileBytes = 16LL * 1024 * 1024;
    const ImageFile::Result read = ImageFile::readDocument(path, maxStoryFileBytes);
    if (!read.errorString.isEmpty()) {
        ImportResult result;
        result.error = read.errorString;
        return result;
    }
    return importText(library, QString::fromUtf8(read.data), QFileInfo(path).absolutePath());
}

namespace {

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// What is at path, not following a link there.
enum class Entry { Missing, RegularFile, Link, Other };
Entry entryAt(const QString &path)
{
    struct stat status;
    if (::lstat(QFile::encodeName(path).constData(), &status) != 0)
        return Entry::Missing;
    if (S_ISLNK(status.st_mode))
        return Entry::Link;
    return S_ISREG(status.st_mode) ? Entry::RegularFile : Entry::Other;
}

QByteArray contentsOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Writes data to path through a new file beside it that is then given the
// name: with link(2), which fails when the name is taken (by anything, a
// dangling link too), or with rename(2) when replacing, which replaces the
// name and never writes through a link there. Nothing is left half-written.
bool writeNewFile(const QString &path, const QByteArray &data, bool replace, QString *errorString)
{
    const QFileInfo info(path);
    QTemporaryFile temporary(info.absoluteDir().filePath(u"."_s + info.fileName() + u".XXXXXX"_s));
    if (!temporary.open()) {
        *errorString = tr("cannot write in %1: %2").arg(QDir::toNativeSeparators(info.absolutePath()), temporary.errorString());
        return false;
    }
    const mode_t mask = ::umask(0);
    ::umask(mask);
    if (temporary.write(data) != data.size() || !temporary.flush() || ::fchmod(temporary.handle(), 0666 & ~mask) != 0
        || ::fsync(temporary.handle()) != 0) {
        *errorString = tr("cannot write %1: %2").arg(QDir::toNativeSeparators(path), temporary.errorString());
        return false;
    }
    const QByteArray from = QFile::encodeName(temporary.fileName());
    const QByteArray to = QFile::encodeName(path);
    if (replace ? ::rename(from.constData(), to.constData()) != 0 : ::link(from.constData(), to.constData()) != 0) {
        const int error = errno;
        *errorString = error == EEXIST ? tr("%1 already exists").arg(QDir::toNativeSeparators(path))
                                       : tr("cannot write %1: %2").arg(QDir::toNativeSeparators(path), systemError(error));
        return false;
    }
    if (replace)
        temporary.setAutoRemove(false); // renamed: its name is gone
    return true;
}

} // namespace

bool dumpToFile(Library *library, const Story &story, const QString &path, QString *errorString, ExistingFile existing)
{
    auto failed = [&](const QString &message) {
        if (errorString)
            *errorString = message;
        return false;
    };
    const QString target = QFileInfo(path).absoluteFilePath();
    const QDir directory = QFileInfo(target).absoluteDir();
    if (!directory.exists() && !QDir().mkpath(directory.absolutePath())) {
        const int error = errno;
        return failed(tr("cannot create the folder %1: %2").arg(QDir::toNativeSeparators(directory.absolutePath()), systemError(error)));
    }
    switch (entryAt(target)) {
    case Entry::Missing:
        break;
    case Entry::Link:
        return failed(tr("%1 is a symbolic link; Newsdesk does not write through links").arg(QDir::toNativeSeparators(target)));
    case Entry::Other:
        return failed(tr("%1 exists and is not a file").arg(QDir::toNativeSeparators(target)));
    case Entry::RegularFile:
        if (existing == ExistingFile::Refuse)
            return failed(tr("%1 already exists; --force replaces it").arg(QDir::toNativeSeparators(target)));
        break;
    }

    PhotoRepository photoRepository(library);
    const QList<Photo> photos = photoRepository.photosOfStory(story.id);
    QStringList files = fileNamesFor(photos);
    // Each image under its name when that is free or already holds this very
    // image; a file of that name holding anything else is someone's, and
    // kept: the image takes the next free name ("x-2.jpg") instead.
    QSet<QString> taken;
    for (const QString &file : std::as_const(files))
        taken.insert(file.toLower());
    QStringList created;
    const auto removeCreated = [&] {
        for (const QString &file : std::as_const(created))
            QFile::remove(directory.filePath(file));
    };
    for (qsizetype i = 0; i < photos.size(); ++i) {
        if (files.at(i).isEmpty())
            continue;
        const std::optional<StoredImage> image = photoRepository.image(photos.at(i).imageHash);
        if (!image) {
            removeCreated();
            return failed(photoRepository.errorString());
        }
        const QFileInfo wanted(files.at(i));
        QString name = files.at(i);
        for (int n = 2; n < 10000; ++n) {
            const Entry entry = entryAt(directory.filePath(name));
            if (entry == Entry::RegularFile && contentsOf(directory.filePath(name)) == image->data)
                break; // ours already
            if (entry == Entry::Missing) {
                QString error;
                if (writeNewFile(directory.filePath(name), image->data, false, &error)) {
                    created << name;
                    break;
                }
                if (entryAt(directory.filePath(name)) == Entry::Missing) {
                    removeCreated();
                    return failed(error);
                }
                // Taken meanwhile: try the next name.
            }
            do {
                name = u"%1-%2.%3"_s.arg(wanted.completeBaseName()).arg(n).arg(wanted.suffix());
            } while (taken.contains(name.toLower()) && ++n);
        }
        taken.insert(name.toLower());
        files[i] = name;
    }
    QString error;
    if (!writeNewFile(target, dumpNamed(story, photos, files).toUtf8(), existing == ExistingFile::Replace, &error)) {
        removeCreated();
        return failed(error);
    }
    return true;
}

} // namespace StoryMarkdown
