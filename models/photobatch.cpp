// SPDX-License-Identifier: MIT
#include "photobatch.h"

#include "photorepository.h"

#include <QCoreApplication>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("PhotoBatch", text);
}

} // namespace

namespace PhotoBatch {

QList<PhotoField> editableFields()
{
    QList<PhotoField> fields = reviewedPhotoFields();
    fields.removeAll(PhotoField::Virin);
    return fields;
}

std::optional<QString> sharedText(const QList<Photo> &photos, PhotoField field)
{
    if (photos.isEmpty())
        return QString();
    const QString first = photoFieldText(photos.constFirst(), field);
    for (const Photo &photo : photos) {
        if (photoFieldText(photo, field) != first)
            return std::nullopt;
    }
    return first;
}

Photo applied(Photo photo, const Edits &edits)
{
    for (auto it = edits.cbegin(); it != edits.cend(); ++it)
        setPhotoFieldText(photo, it.key(), it.value());
    return photo;
}

std::optional<QList<Change>> apply(PhotoRepository &repository, const QList<PhotoEdits> &edits, QString *errorString)
{
    QList<Photo> photos;
    QList<Change> changes;
    for (const PhotoEdits &each : edits) {
        const qint64 photoId = each.photoId;
        const Edits &photoEdits = each.edits;
        const std::optional<Photo> stored = repository.load(photoId);
        if (!stored) {
            *errorString = repository.errorString();
            return std::nullopt;
        }
        for (auto it = each.expected.cbegin(); it != each.expected.cend(); ++it) {
            if (photoFieldText(*stored, it.key()) != it.value()) {
                *errorString = tr("%1 of photo %2 was changed since (by %3); nothing was changed.")
                                   .arg(photoFieldLabel(it.key()),
                                        stored->virin.isEmpty() ? QString::number(stored->id) : stored->virin,
                                        stored->updatedBy);
                return std::nullopt;
            }
        }
        Photo edited = applied(*stored, photoEdits);
        Change change{photoId, {}, {}};
        // Compared as the library keeps them (an empty keyword is none).
        for (auto it = photoEdits.cbegin(); it != photoEdits.cend(); ++it) {
            const QString before = photoFieldText(*stored, it.key());
            const QString after = photoFieldText(edited, it.key());
            if (before != after) {
                change.before.insert(it.key(), before);
                change.after.insert(it.key(), after);
            }
        }
        if (change.after.isEmpty())
            continue;
        photos << edited;
        changes << change;
    }
    if (photos.isEmpty())
        return changes;
    if (repository.saveAll(photos) != PhotoRepository::SaveResult::Saved) {
        *errorString = repository.errorString();
        return std::nullopt;
    }
    // As stored: the library keeps text clean (textsafety.h), and undo
    // checks against what it holds.
    for (qsizetype i = 0; i < changes.size(); ++i) {
        for (auto it = changes[i].after.begin(); it != changes[i].after.end(); ++it)
            it.value() = photoFieldText(photos.at(i), it.key());
    }
    return changes;
}

std::optional<QList<Change>> applyToAll(PhotoRepository &repository, const QList<qint64> &photoIds, const Edits &edits,
                                        QString *errorString)
{
    QList<PhotoEdits> each;
    for (const qint64 id : photoIds)
        each.append({id, edits, {}});
    return apply(repository, each, errorString);
}

std::optional<QList<Change>> undo(PhotoRepository &repository, const QList<Change> &changes, QString *errorString)
{
    QList<PhotoEdits> each;
    for (const Change &change : changes)
        each.append({change.photoId, change.before, change.after});
    return apply(repository, each, errorString);
}

std::optional<QList<Change>> redo(PhotoRepository &repository, const QList<Change> &changes, QString *errorString)
{
    QList<PhotoEdits> each;
    for (const Change &change : changes)
        each.append({change.photoId, change.after, change.before});
    return apply(repository, each, errorString);
}

} // namespace PhotoBatch
