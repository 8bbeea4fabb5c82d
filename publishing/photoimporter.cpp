// SPDX-License-Identifier: MIT
#include "photoimporter.h"

#include "imagefile.h"
#include "library.h"
#include "librarysetup.h"
#include "photometadata.h"
#include "photorepository.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QtConcurrent>

using namespace Qt::StringLiterals;

PhotoImporter::PhotoImporter(Library *library, qint64 storyId, QObject *parent)
    : QObject(parent)
    , m_library(library)
    , m_storyId(storyId)
{
    connect(&m_watcher, &QFutureWatcher<PhotoImportItem>::resultReadyAt, this, [this](int index) {
        store(m_watcher.resultAt(index));
        Q_EMIT progress(int(m_added.size() + m_problems.size()), m_total);
    });
    connect(&m_watcher, &QFutureWatcher<PhotoImportItem>::finished, this, [this] {
        if (m_watcher.isCanceled())
            m_problems << tr("Import cancelled; %n photo(s) had been added.", nullptr, int(m_added.size()));
        Q_EMIT finished(int(m_added.size()), m_problems);
    });
}

PhotoImporter::~PhotoImporter()
{
    // Workers must not outlive the importer.
    m_watcher.cancel();
    m_watcher.waitForFinished();
}

QStringList PhotoImporter::acceptedMimeTypes()
{
    return ImageFile::acceptedMimeTypes();
}

PhotoImportItem PhotoImporter::readFile(const QString &path)
{
    PhotoImportItem item;
    item.source = path;
    const QFileInfo info(path);
    // A regular file, within the size limit, of an accepted type by content:
    // the same check the Markdown import makes on the files a story names.
    ImageFile::Result read = ImageFile::read(path);
    if (!read.errorString.isEmpty()) {
        item.errorString = read.errorString;
        return item;
    }
    item.data = std::move(read.data);
    item.mimeType = read.mimeType;
    item.thumbnail = LibrarySetup::makeThumbnail(item.data, &item.pixelSize);
    if (item.thumbnail.isEmpty()) {
        // The header gave a size but the pixels would not decode: too big to
        // decode in memory, or cut off.
        item.errorString = item.pixelSize.isValid()
            ? tr("%1 (%2 × %3 pixels) cannot be decoded: it is damaged, truncated or too large to open.")
                  .arg(info.fileName())
                  .arg(item.pixelSize.width())
                  .arg(item.pixelSize.height())
            : tr("%1 cannot be decoded: the image is damaged or truncated.").arg(info.fileName());
        item.data.clear();
        return item;
    }
    const PhotoMetadata::ReadResult metadata = PhotoMetadata::read(item.data);
    if (metadata.ok) {
        item.metadata = metadata.photo;
        for (const QString &note : metadata.notes)
            item.notes << info.fileName() + u": "_s + note;
    } else {
        // The picture is fine; only its metadata is unreadable.
        item.notes << tr("%1: embedded metadata could not be read (%2); fill in the fields by hand.")
                          .arg(info.fileName(), metadata.errorString);
    }
    item.metadata.fileName = info.fileName();
    return item;
}

PhotoImportItem PhotoImporter::fromImage(const QImage &image)
{
    PhotoImportItem item;
    item.source = tr("pasted image");
    if (image.isNull()) {
        item.errorString = tr("The clipboard holds no image.");
        return item;
    }
    QBuffer buffer(&item.data);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    item.mimeType = u"image/png"_s;
    item.thumbnail = LibrarySetup::makeThumbnail(item.data, &item.pixelSize);
    item.metadata.fileName = u"pasted-%1.png"_s.arg(QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s));
    return item;
}

void PhotoImporter::storeImage(PhotoImportItem &item, const QString &libraryPath)
{
    if (!item.errorString.isEmpty() || libraryPath.isEmpty() || libraryPath == u":memory:"_s)
        return;
    Library library;
    if (!library.open(libraryPath))
        return; // the window's thread stores it then
    PhotoRepository repository(&library);
    if (const std::optional<QString> hash = repository.storeImage(item.data, item.mimeType, item.pixelSize)) {
        item.imageHash = *hash;
        item.data.clear(); // no need to carry the bytes to the window's thread
    }
}

void PhotoImporter::setTemplate(const PhotoBatch::Edits &fields)
{
    m_template = fields;
}

void PhotoImporter::start(const QStringList &files)
{
    m_total = int(files.size());
    Q_EMIT progress(0, m_total);
    const QString libraryPath = m_library ? m_library->path() : QString();
    m_watcher.setFuture(QtConcurrent::mapped(files, [libraryPath](const QString &path) {
        PhotoImportItem item = readFile(path);
        storeImage(item, libraryPath);
        return item;
    }));
}

void PhotoImporter::startWithImage(const QImage &image)
{
    m_total = 1;
    Q_EMIT progress(0, m_total);
    m_watcher.setFuture(QtConcurrent::run([image] { return fromImage(image); }));
}

void PhotoImporter::cancel()
{
    m_watcher.cancel();
}

bool PhotoImporter::isRunning() const
{
    return m_watcher.isRunning();
}

void PhotoImporter::store(const PhotoImportItem &item)
{
    if (!item.errorString.isEmpty()) {
        m_problems << item.errorString;
        return;
    }
    m_notes << item.notes;
    if (!m_library) {
        m_problems << tr("The library was closed; %1 was not added.").arg(item.source);
        return;
    }
    PhotoRepository repository(m_library);
    std::optional<Photo> photo;
    const Photo metadata = PhotoBatch::applied(item.metadata, m_template);
    if (!item.imageHash.isEmpty()) {
        Photo stored = metadata;
        stored.imageHash = item.imageHash;
        photo = repository.addForStoredImage(stored, item.thumbnail);
    } else {
        photo = repository.add(metadata, item.data, item.mimeType, item.pixelSize, item.thumbnail);
    }
    if (!photo || !repository.attach(m_storyId, photo->id)) {
        m_problems << tr("%1 was not added: %2").arg(item.source, repository.errorString());
        return;
    }
    m_added << photo->id;
    Q_EMIT photoAdded(photo->id);
}

QList<qint64> PhotoImporter::addedPhotoIds() const
{
    return m_added;
}

QStringList PhotoImporter::problems() const
{
    return m_problems;
}

QStringList PhotoImporter::notes() const
{
    return m_notes;
}
