// SPDX-License-Identifier: MIT
#pragma once

#include "photo.h"

#include <QByteArray>
#include <QList>
#include <QSize>
#include <QString>

#include <optional>

class Library;
class QSqlQuery;

// The original bytes of an image as the library stores them.
struct StoredImage
{
    QString hash;
    QByteArray data;
    QString mimeType;
    QSize size;
};

// Photos, their metadata and their place in stories. Image bytes are stored
// once per content hash. Thumbnails are made by the caller (this layer has no
// image codecs) and passed in as encoded bytes.
class PhotoRepository
{
public:
    explicit PhotoRepository(Library *library);

    // Stores the image (once per content) and a photo record for it.
    std::optional<Photo> add(Photo photo, const QByteArray &imageData, const QString &mimeType, QSize pixelSize,
                             const QByteArray &thumbnail);
    std::optional<Photo> load(qint64 id);
    QList<Photo> photosOfStory(qint64 storyId);
    QList<Photo> findByVirin(const QString &virin);

    // Places a photo in a story, after the ones it has.
    bool attach(qint64 storyId, qint64 photoId);
    bool detach(qint64 storyId, qint64 photoId);
    // Sets the story's photo order to photoIds.
    bool reorder(qint64 storyId, const QList<qint64> &photoIds);

    enum class SaveResult { Saved, Conflict, Failed };
    SaveResult save(Photo &photo);

    std::optional<StoredImage> image(const QString &hash);
    QByteArray thumbnail(qint64 photoId);

    QString errorString() const;

    static QString hashOf(const QByteArray &data);

private:
    bool fail(const QSqlQuery &query, const QString &what);
    bool reindexStoriesOf(qint64 photoId);

    Library *m_library;
    QString m_errorString;
};
