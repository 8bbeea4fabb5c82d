// SPDX-License-Identifier: MIT
#pragma once

#include "photobatch.h"

#include <QFutureWatcher>
#include <QImage>
#include <QObject>
#include <QPointer>
#include <QSize>
#include <QStringList>

class Library;

// One image read for import: its bytes, metadata and thumbnail, or why not.
struct PhotoImportItem
{
    QString source; // file path, or a description of a pasted image
    QByteArray data;
    QString mimeType;
    QSize pixelSize;
    QByteArray thumbnail;
    Photo metadata;
    QString imageHash;   // set once a worker has stored the bytes in the library
    QString errorString; // empty when it can be added
    QStringList notes;
};

// Adds photos to a story: reading files, their embedded metadata (Exiv2) and
// making thumbnails happen on worker threads; only the library writes happen
// on the caller's thread, one photo at a time as each is ready, so the window
// stays responsive for hundreds of photos. Bad files are skipped with a
// reason; the rest go in.
class PhotoImporter : public QObject
{
    Q_OBJECT
public:
    PhotoImporter(Library *library, qint64 storyId, QObject *parent = nullptr);
    ~PhotoImporter() override;

    // Fields set on every photo as it comes in (a metadata template's
    // filled fields, PhotoTemplate::filledFields()), over what its file says.
    void setTemplate(const PhotoBatch::Edits &fields);

    void start(const QStringList &files);
    // A pasted image, stored as PNG (lossless; the export makes JPEG renditions).
    void startWithImage(const QImage &image);
    void cancel();
    bool isRunning() const;

    // The formats DVIDS and the web take: JPEG first, then PNG, TIFF, WebP.
    static QStringList acceptedMimeTypes();
    // Reads one file into an item (ImageFile::read's checks: a regular file
    // within the size limit, of an accepted type); runs on a worker thread.
    static PhotoImportItem readFile(const QString &path);
    // Stores item's image in the library at libraryPath through the calling
    // (worker) thread's own connection, so that the big write and any WAL
    // checkpoint it triggers stay off the window's thread.
    static void storeImage(PhotoImportItem &item, const QString &libraryPath);
    static PhotoImportItem fromImage(const QImage &image);

    QList<qint64> addedPhotoIds() const;
    QStringList problems() const;
    // What the readers noticed that needs no action (no embedded metadata …).
    QStringList notes() const;

Q_SIGNALS:
    void progress(int done, int total);
    void photoAdded(qint64 photoId);
    // All done (or cancelled): how many went in, and what went wrong.
    void finished(int added, const QStringList &problems);

private:
    void store(const PhotoImportItem &item);

    QPointer<Library> m_library;
    qint64 m_storyId;
    QFutureWatcher<PhotoImportItem> m_watcher;
    PhotoBatch::Edits m_template;
    QList<qint64> m_added;
    QStringList m_problems;
    QStringList m_notes;
    int m_total = 0;
};
