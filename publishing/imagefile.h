// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

// Reading an image file into the library: the one check both importers make
// (PhotoImporter for files someone picks, StoryMarkdown for the files a story
// file names). Only a regular file is read: a FIFO, a device or a folder is
// refused from the opened descriptor, which is opened without blocking, so
// nothing can be swapped in between a look and the read, and nothing hangs.
// At most maxBytes are read, whatever the file claims, and only JPEG, PNG,
// TIFF and WebP are taken, judged by content, not by name.
namespace ImageFile {

// Larger files are refused before they are read into memory.
inline constexpr qint64 maxBytes = 512LL * 1024 * 1024;

// The formats DVIDS and the web take: JPEG first, then PNG, TIFF, WebP.
QStringList acceptedMimeTypes();

struct Result
{
    QByteArray data;
    QString mimeType;
    QString errorString; // empty when data holds an accepted image
    bool missing = false; // no such file (errorString says so too)
};

// Reads the file at path; a symbolic link there is followed (whoever picked
// the file chose where it leads).
Result read(const QString &path, qint64 limit = maxBytes);

// Reads a document someone picked (a story's Markdown file) under the same
// rules but for any content: only a regular file, never blocking on a FIFO,
// at most limit bytes.
Result readDocument(const QString &path, qint64 limit);

// Reads relativePath below baseDirectory, for a path a document names: a
// symbolic link at any step below baseDirectory is refused, so the document
// cannot reach a file outside its folder, nor one inside it through a link.
// relativePath must be clean (no "..", no leading "/").
Result readInside(const QString &baseDirectory, const QString &relativePath, qint64 limit = maxBytes);

} // namespace ImageFile
