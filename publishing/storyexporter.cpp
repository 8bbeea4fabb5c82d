// SPDX-License-Identifier: MIT
#include "storyexporter.h"

#include "exportgate.h"
#include "library.h"
#include "ninjs.h"
#include "people.h"
#include "photometadata.h"
#include "photorepository.h"
#include "publicationsettings.h"
#include "storymarkdown.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>
#include <QPainter>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>

#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("StoryExporter", text);
}

// The files of an earlier export found in a folder, relative to it; nothing
// when the folder holds anything else.
std::optional<QStringList> earlierExportFiles(const QDir &directory)
{
    // Named as exportImageName() and exportImageNames() name them (VIRIN,
    // photo_ID, NAME.2), or as earlier versions did (photo-ID).
    static const QRegularExpression imageName(u"^[A-Za-z0-9][A-Za-z0-9._-]{0,110}\\.jpg$"_s);
    const auto regularFile = [](const QFileInfo &info) { return info.isFile() && !info.isSymLink(); };
    const QDir::Filters everything = QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot;
    QStringList files;
    for (const QFileInfo &info : directory.entryInfoList(everything)) {
        const QString entry = info.fileName();
        if ((entry == u"index.html"_s || entry == ArticleRenderer::stylesheetFileName() || entry == Ninjs::ninjsFileName())
            && regularFile(info)) {
            files << entry;
        } else if (entry == u"images"_s && info.isDir() && !info.isSymLink()) {
            for (const QFileInfo &image : QDir(info.filePath()).entryInfoList(everything)) {
                if (!regularFile(image) || !imageName.match(image.fileName()).hasMatch())
                    return std::nullopt;
                files << u"images/"_s + image.fileName();
            }
        } else {
            return std::nullopt;
        }
    }
    return files;
}

// Removes files (relative to folder), then images/ and folder itself if that
// leaves them empty: only what was checked or written, never a whole tree,
// so a file that appeared meanwhile stays, and so does its folder.
bool removeExportFiles(const QString &folder, const QStringList &files)
{
    const QDir directory(folder);
    bool removedAll = true;
    for (const QString &file : files) {
        const QFileInfo info(directory.filePath(file));
        if (info.exists() || info.isSymLink())
            removedAll &= QFile::remove(info.filePath());
    }
    if (QFileInfo(directory.filePath(u"images"_s)).isDir() && !QFileInfo(directory.filePath(u"images"_s)).isSymLink())
        removedAll &= directory.rmdir(u"images"_s);
    return QDir().rmdir(folder) && removedAll;
}

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// A folder beside the target with a name nothing else uses. Unless released
// (moved into place), what was written into it is removed, and it with it.
class StagingFolder
{
public:
    explicit StagingFolder(const QDir &parent, const QString &name, const QString &purpose)
    {
        for (int attempt = 0; attempt < 100 && m_path.isEmpty(); ++attempt) {
            const QString random = QString::number(QRandomGenerator::global()->generate(), 16);
            const QString candidate = parent.filePath(u"."_s + name + u'.' + purpose + u'-' + random);
            if (::mkdir(QFile::encodeName(candidate).constData(), 0777) == 0)
                m_path = candidate;
            else if (errno != EEXIST)
                break;
        }
        if (m_path.isEmpty())
            m_error = errno;
    }
    ~StagingFolder()
    {
        if (!m_path.isEmpty() && !m_released)
            removeExportFiles(m_path, m_written);
    }
    StagingFolder(const StagingFolder &) = delete;
    StagingFolder &operator=(const StagingFolder &) = delete;

    QString path() const { return m_path; }
    // Why the folder could not be made.
    QString errorString() const { return systemError(m_error); }
    void wrote(const QString &relative) { m_written << relative; }
    void release() { m_released = true; }

private:
    QString m_path;
    QStringList m_written;
    bool m_released = false;
    int m_error = 0;
};

bool writeFile(const QString &path, const QByteArray &data, QString *errorString)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.flush()) {
        *errorString = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    file.close();
    if (file.error() != QFileDevice::NoError) {
        *errorString = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

} // namespace

StoryExporter::StoryExporter(Library *library)
    : m_library(library)
{
}

QList<StoryFinding> StoryExporter::gateFindings(const Story &story, const QList<Photo> &storyPhotos, const QDateTime &now)
{
    return ExportGate::findings(story, ArticleRenderer::bodyImages(story.body, storyPhotos), now);
}

QByteArray StoryExporter::embedPhotoMetadata(const QByteArray &jpeg, const Photo &photo, QString *errorString)
{
    const PhotoMetadata::WriteResult written = PhotoMetadata::write(jpeg, photo);
    if (!written.ok) {
        *errorString = written.errorString;
        return {};
    }
    return written.imageData;
}

QByteArray StoryExporter::webRendition(const QByteArray &original, const Photo &photo, const Options &options,
                                       QString *errorString)
{
    QBuffer input;
    input.setData(original);
    input.open(QIODevice::ReadOnly);
    QImageReader reader(&input);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    const int limit = qMax(1, options.maxLongSide);
    // JPEG decodes straight to a reduced size, which is much faster than
    // decoding in full and scaling down.
    if (size.isValid() && qMax(size.width(), size.height()) > limit)
        reader.setScaledSize(size.scaled(limit, limit, Qt::KeepAspectRatio));
    QImage image = reader.read();
    if (image.isNull()) {
        *errorString = tr("Photo %1: its image cannot be read (%2).").arg(ExportGate::photoSubject(photo), reader.errorString());
        return {};
    }
    if (qMax(image.width(), image.height()) > limit)
        image = image.scaled(limit, limit, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    if (image.hasAlphaChannel()) {
        QImage flat(image.size(), QImage::Format_RGB32);
        flat.fill(Qt::white);
        QPainter painter(&flat);
        painter.drawImage(0, 0, image);
        painter.end();
        image = flat;
    }
    QByteArray jpeg;
    QBuffer output(&jpeg);
    output.open(QIODevice::WriteOnly);
    QImageWriter writer(&output, "jpeg");
    writer.setQuality(options.jpegQuality);
    writer.setOptimizedWrite(true);
    if (!writer.write(image)) {
        *errorString = tr("Photo %1: cannot encode its web rendition (%2).").arg(ExportGate::photoSubject(photo), writer.errorString());
        return {};
    }
    QString metadataError;
    QByteArray withMetadata = embedPhotoMetadata(jpeg, photo, &metadataError);
    if (withMetadata.isEmpty()) {
        *errorString = tr("Photo %1: cannot embed its metadata (%2).").arg(ExportGate::photoSubject(photo), metadataError);
        return {};
    }
    return withMetadata;
}

void StoryExporter::applyPublicationSettings(Library *library, const Story &story, ArticleRenderer::Options &render)
{
    const PublicationSettings settings = PublicationSettingsRepository(library).load();
    if (render.publisher.isEmpty())
        render.publisher = settings.publisher;
    if (render.publicationUrl.isEmpty())
        render.publicationUrl = settings.articleUrl(story);
}

StoryExporter::Result StoryExporter::exportStory(const Story &story, const QString &directory, const Options &options)
{
    Result result;
    // No override exports what cannot be rendered.
    if (const QString problem = bodyLengthProblem(story.body); !problem.isEmpty()) {
        result.errorMessage = problem;
        return result;
    }
    PhotoRepository photoRepository(m_library);
    const QList<Photo> storyPhotos = photoRepository.photosOfStory(story.id);
    if (!photoRepository.errorString().isEmpty()) {
        result.errorMessage = photoRepository.errorString();
        return result;
    }
    // The body is parsed once, here: the gate, the photos to write and the
    // page all read this one document.
    const ArticleRenderer::ParsedStory parsed(story, storyPhotos);
    const QString overrideReason = options.overrideReason.trimmed();
    const ExportGate::Decision gate =
        ExportGate::decide(PeopleRepository(m_library).roleOfActor(), story, parsed.images(), overrideReason);
    for (const StoryFinding &finding : gate.findings)
        result.blockingReasons << finding.message;
    if (!gate.allowed) {
        result.errorMessage = gate.reason;
        return result;
    }
    result.overridden = gate.overridden;

    // The target by its own name in its parent's real path: links among the
    // parent folders are the user's to have, a link as the target is not
    // followed (its folder would be emptied, or written through).
    const QFileInfo given(QDir::cleanPath(QDir(directory).absolutePath()));
    const QString name = given.fileName();
    if (name.isEmpty()) {
        result.errorMessage = tr("Export to a named folder, not to %1.").arg(QDir::toNativeSeparators(given.filePath()));
        return result;
    }
    const QString parentPath = given.absolutePath();
    const QFileInfo parentInfo(parentPath);
    if (parentInfo.exists() && !parentInfo.isDir()) {
        result.errorMessage = tr("%1 is a file, not a folder.").arg(QDir::toNativeSeparators(parentPath));
        return result;
    }
    if (!parentInfo.exists() && !QDir().mkpath(parentPath)) {
        const int error = errno;
        result.errorMessage = tr("Cannot create the folder %1: %2.").arg(QDir::toNativeSeparators(parentPath), systemError(error));
        return result;
    }
    QDir parent(QFileInfo(parentPath).canonicalFilePath());
    const QFileInfo target(parent.filePath(name));
    if (target.isSymLink()) {
        result.errorMessage = tr("%1 is a symbolic link. Export into a real folder; Newsdesk does not write through links.")
                                  .arg(QDir::toNativeSeparators(given.filePath()));
        return result;
    }
    if (target.exists() && !target.isDir()) {
        result.errorMessage = tr("%1 is a file, not a folder.").arg(QDir::toNativeSeparators(given.filePath()));
        return result;
    }
    if (target.isDir() && !earlierExportFiles(QDir(target.filePath()))) {
        result.errorMessage = tr("%1 holds other files. Export into a new or empty folder; Newsdesk replaces a folder only "
                                 "when it holds an earlier export (index.html, article.css, images/*.jpg) and nothing else.")
                                  .arg(QDir::toNativeSeparators(given.filePath()));
        return result;
    }

    StagingFolder staging(parent, name, u"partial"_s);
    if (staging.path().isEmpty()) {
        result.errorMessage = tr("Cannot write into %1: %2.").arg(QDir::toNativeSeparators(parent.absolutePath()), staging.errorString());
        return result;
    }
    const QDir stage(staging.path());
    QStringList written;

    ArticleRenderer::Options render = options.render;
    render.imageLinks = ArticleRenderer::Options::ImageLinks::ExportFiles;
    render.stylesheet = ArticleRenderer::Options::Stylesheet::Linked;
    render.sourcePositions = false;
    // A story exported before it is published is dated by its export.
    if (!render.publishedAt.isValid())
        render.publishedAt = QDateTime::currentDateTimeUtc();
    applyPublicationSettings(m_library, story, render);
    // One name per photo of the story, the same in the page and on disk.
    render.imageNames = ArticleRenderer::exportImageNames(storyPhotos);

    const QList<Photo> &placed = parsed.images().placedPhotos;
    if (!placed.isEmpty() && !stage.mkdir(u"images"_s)) {
        result.errorMessage = tr("Cannot create %1.").arg(QDir::toNativeSeparators(stage.filePath(u"images"_s)));
        return result;
    }
    QSet<QString> imageFiles;
    QHash<qint64, Ninjs::Rendition> renditions;
    const auto goOn = [&](int done) {
        if (!options.progress || options.progress(done, int(placed.size())))
            return true;
        result.cancelled = true;
        result.errorMessage = tr("The export was cancelled; nothing was written.");
        return false;
    };
    if (!goOn(0))
        return result;
    int done = 0;
    for (const Photo &photo : placed) {
        const QString relative = ArticleRenderer::imageUrl(photo, render);
        ++done;
        if (imageFiles.contains(relative)) {
            for (const Ninjs::Rendition &rendition : std::as_const(renditions)) {
                if (rendition.href == relative)
                    renditions.insert(photo.id, rendition);
            }
            if (!goOn(done))
                return result;
            continue;
        }
        imageFiles.insert(relative);
        if (!StoryMarkdown::photoHasImage(photo)) {
            result.errorMessage = tr("Photo %1 has no image yet; add its image before exporting.").arg(ExportGate::photoSubject(photo));
            return result;
        }
        const std::optional<StoredImage> original = photoRepository.image(photo.imageHash);
        if (!original) {
            result.errorMessage = photoRepository.errorString();
            return result;
        }
        QString error;
        const QByteArray rendition = webRendition(original->data, photo, options, &error);
        if (rendition.isEmpty() || !writeFile(stage.filePath(relative), rendition, &error)) {
            staging.wrote(relative);
            result.errorMessage = error;
            return result;
        }
        staging.wrote(relative);
        written << relative;
        QBuffer renditionBuffer;
        renditionBuffer.setData(rendition);
        renditions.insert(photo.id, Ninjs::Rendition{relative, QImageReader(&renditionBuffer).size(), rendition.size()});
        if (!goOn(done))
            return result;
    }

    QString error;
    if (options.format == Options::Format::Ninjs) {
        // The same parse as the gate and the photos above: the item's body
        // is rendered from it.
        Ninjs::WriteOptions ninjs;
        ninjs.render = render;
        ninjs.settings = PublicationSettingsRepository(m_library).load();
        ninjs.renditions = renditions;
        staging.wrote(Ninjs::ninjsFileName());
        if (!writeFile(stage.filePath(Ninjs::ninjsFileName()), Ninjs::toJson(Ninjs::item(parsed, ninjs)), &error)) {
            result.errorMessage = error;
            return result;
        }
        written << Ninjs::ninjsFileName();
    } else {
        staging.wrote(ArticleRenderer::stylesheetFileName());
        if (!writeFile(stage.filePath(ArticleRenderer::stylesheetFileName()), ArticleRenderer::stylesheet().toUtf8(), &error)) {
            result.errorMessage = error;
            return result;
        }
        written << ArticleRenderer::stylesheetFileName();
        staging.wrote(u"index.html"_s);
        if (!writeFile(stage.filePath(u"index.html"_s), ArticleRenderer::articleDocument(parsed, render).toUtf8(), &error)) {
            result.errorMessage = error;
            return result;
        }
        written << u"index.html"_s;
    }

    // An override is recorded before the export becomes visible: an export
    // that overrides the gate never exists without its reason on file.
    if (result.overridden) {
        const QString detail = tr("%1 (blocked by: %2) → %3")
                                   .arg(overrideReason, result.blockingReasons.join(u' '), QDir::toNativeSeparators(given.filePath()));
        if (!m_library->audit(u"export-override"_s, u"story"_s, story.id, detail)) {
            result.errorMessage = tr("Cannot record the override in the library's audit log, so nothing was exported.");
            return result;
        }
    }

    // Swap into place: the earlier export moves aside, the new one in, and
    // only then are the earlier one's files removed, those checked again in
    // the folder moved aside (where nothing else writes), and nothing else.
    QString previous;
    if (target.exists()) {
        StagingFolder aside(parent, name, u"previous"_s);
        if (aside.path().isEmpty() || ::rmdir(QFile::encodeName(aside.path()).constData()) != 0) {
            const QString why = aside.path().isEmpty() ? aside.errorString() : systemError(errno);
            result.errorMessage = tr("Cannot make room beside %1 to replace it: %2.").arg(QDir::toNativeSeparators(given.filePath()), why);
            return result;
        }
        aside.release();
        previous = aside.path();
        if (::rename(QFile::encodeName(target.filePath()).constData(), QFile::encodeName(previous).constData()) != 0) {
            const int renameError = errno;
            result.errorMessage = tr("Cannot move the earlier export %1 aside: %2.")
                                      .arg(QDir::toNativeSeparators(given.filePath()), systemError(renameError));
            return result;
        }
    }
    // rename(2) never follows a link in the last component of either name.
    if (::rename(QFile::encodeName(stage.path()).constData(), QFile::encodeName(target.filePath()).constData()) != 0) {
        const int renameError = errno;
        if (!previous.isEmpty())
            ::rename(QFile::encodeName(previous).constData(), QFile::encodeName(target.filePath()).constData());
        result.errorMessage = tr("Cannot move the export into place at %1: %2.")
                                  .arg(QDir::toNativeSeparators(given.filePath()), systemError(renameError));
        return result;
    }
    staging.release();
    if (!previous.isEmpty()) {
        const std::optional<QStringList> files = earlierExportFiles(QDir(previous));
        if (!files || !removeExportFiles(previous, *files))
            result.warnings << tr("The earlier export was kept in %1: it held files Newsdesk did not write.")
                                   .arg(QDir::toNativeSeparators(previous));
    }

    const QDir finalFolder(given.filePath());
    for (const QString &relative : std::as_const(written))
        result.filesWritten << finalFolder.filePath(relative);
    m_library->audit(u"export"_s, u"story"_s, story.id, QDir::toNativeSeparators(given.filePath()));
    result.success = true;
    return result;
}
