// SPDX-License-Identifier: MIT
#include "librarysetup.h"

#include "photometadata.h"

#include "library.h"
#include "librarylocation.h"
#include "passwordstore.h"
#include "samplestory.h"

#include <QBuffer>
#include <QDir>
#include <QImage>
#include <QImageReader>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace LibrarySetup {

QString defaultLibraryPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)).filePath(u"Newsdesk/library.newsdesk"_s);
}

QImage decodeToFit(const QByteArray &image, QSize box, QSize *pixelSize)
{
    QBuffer buffer;
    buffer.setData(image);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (pixelSize)
        *pixelSize = size;
    // Decode at a reduced size where the format allows it (JPEG does).
    if (size.isValid())
        reader.setScaledSize(size.scaled(box, Qt::KeepAspectRatio));
    return reader.read();
}

QByteArray makeThumbnail(const QByteArray &image, QSize *pixelSize)
{
    const QImage thumbnail = decodeToFit(image, QSize(320, 320), pixelSize);
    if (thumbnail.isNull())
        return {};
    QByteArray bytes;
    QBuffer out(&bytes);
    out.open(QIODevice::WriteOnly);
    thumbnail.save(&out, "PNG");
    return bytes;
}

bool open(Library *library, const QString &location, const QString &password)
{
    if (library->open(location, password))
        return true;
    if (!password.isEmpty() || library->openError() != Library::OpenError::NeedsPassword)
        return false;
    // Nothing kept (or no store): the server's refusal stands as the reason.
    const std::optional<LibraryLocation> parsed = LibraryLocation::parse(location);
    const std::optional<QString> kept = PasswordStore::read(parsed ? parsed->toString() : location);
    return kept && library->open(location, *kept);
}

bool openWithSample(Library *library, const QString &path, QString *errorString, const QString &password)
{
    if (!open(library, path, password)) {
        if (errorString)
            *errorString = library->errorString();
        return false;
    }
    if (!library->isNew())
        return true;
    QString message;
    const auto keywords = [](const QByteArray &image) { return PhotoMetadata::read(image).photo.keywords; };
    if (!SampleStory::import(library, SampleStory::resourceDirectory(), &makeThumbnail, &message, keywords)) {
        // The library itself is fine; only the demo story is missing.
        if (errorString)
            *errorString = message;
    }
    return true;
}

} // namespace LibrarySetup
