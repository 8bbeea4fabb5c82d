// SPDX-License-Identifier: MIT
#pragma once

#include "photo.h"
#include "repositoryerror.h"

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

// An editor's decision on a photo, tied to the exact fields it saw.
struct CaptionDecision
{
    qint64 id = 0;
    qint64 photoId = 0;
    CaptionApproval decision = CaptionApproval::Pending;
    // The reviewed fields (reviewedPhotoFields()) as the editor saw them. A
    // decision recorded before libraries kept them all (reviewedRecorded
    // false) knows only the caption and alt text.
    Photo reviewed;
    bool reviewedRecorded = true;
    QString comment;
    QString decidedBy;
    QDateTime decidedAt;
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
    // The two halves of add(), for importers that store the (large) image
    // from a worker thread's own connection and the photo record from the
    // window's: storeImage returns the content hash to put in photo.imageHash.
    std::optional<QString> storeImage(const QByteArray &imageData, const QString &mimeType, QSize pixelSize);
    std::optional<Photo> addForStoredImage(const Photo &photo, const QByteArray &thumbnail);
    std::optional<Photo> load(qint64 id);
    QList<Photo> photosOfStory(qint64 storyId);
    QList<Photo> findByVirin(const QString &virin);
    // The media archive (issue 15): every photo of the library whose VIRIN,
    // photographer or credit, date shot (2025-03-06, 2025-03), place,
    // keywords or caption words hold every word of text (the last one as a
    // prefix), best first; with no words, the newest. At most limit photos;
    // nullopt on failure.
    std::optional<QList<Photo>> search(const QString &text, int limit);
    // Places a copy of the library's photo photoId in story storyId, after
    // its photos: a new photo record of the same image (stored once) with
    // the same metadata, its caption decision pending, since an approval is
    // of a photo in its story. Refused as attach() is.
    std::optional<Photo> placeCopy(qint64 photoId, qint64 storyId);

    // Places a photo in a story, after the ones it has. These three are
    // refused (false, errorString() says why) where the story's status keeps
    // its photos as approved (Workflow::checkPlacement).
    bool attach(qint64 storyId, qint64 photoId);
    bool detach(qint64 storyId, qint64 photoId);
    // Sets the story's photo order to photoIds.
    bool reorder(qint64 storyId, const QList<qint64> &photoIds);

    enum class SaveResult { Saved, Conflict, Failed, NotAllowed };
    // Saves the photo's metadata. An edit of any field the approval covers
    // (reviewedPhotoFields()) returns an approved (or changes-requested)
    // photo to pending, with an audit line "caption-reset" naming the fields.
    SaveResult save(Photo &photo);
    // Saves several photos as one change (a batch edit, a template): all of
    // them or, on a conflict or failure, none. Each is saved as save() does,
    // its caption decision voided by the same rule.
    SaveResult saveAll(QList<Photo> &photos);

    // Records an editor's decision on the reviewed fields as they are stored
    // now (kept with the decision). Writers (and people not in the library) are refused with
    // NotAllowed; requesting changes needs a comment.
    SaveResult decideCaption(Photo &photo, CaptionApproval decision, const QString &comment = {});
    QList<CaptionDecision> captionDecisions(qint64 photoId);

    std::optional<StoredImage> image(const QString &hash);
    QByteArray thumbnail(qint64 photoId);

    QString errorString() const;

    static QString hashOf(const QByteArray &data);

private:
    // Whether the actor may change which photos storyId shows
    // (Workflow::checkPlacement); false with the reason recorded.
    bool mayChangePlacement(qint64 storyId);
    std::optional<QString> insertImage(const QByteArray &imageData, const QString &mimeType, QSize pixelSize,
                                       const QString &name);
    std::optional<Photo> insertPhoto(Photo photo, const QByteArray &thumbnail);
    bool reindexStoriesOf(qint64 photoId);
    // save()'s work inside the caller's transaction.
    SaveResult saveInTransaction(Photo &photo, const QString &now);

    Library *m_library;
    RepositoryError m_error;
};
