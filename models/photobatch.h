// SPDX-License-Identifier: MIT
#pragma once

#include "photo.h"

#include <QList>
#include <QMap>
#include <QString>

#include <optional>

class PhotoRepository;

// Editing several photos at once (the media panel's batch form, metadata
// templates): the same fields set on each, stored as one change. The rule
// that an edit voids a caption decision is PhotoRepository::save's, applied
// to every photo the change touches; nothing here restates it.
namespace PhotoBatch {

// Field → its new text, as photoFieldText() writes it (keywords one a line,
// the date as ISO 8601, the release state as its key, decorative "true").
using Edits = QMap<PhotoField, QString>;

// The fields a batch may set: every reviewed field but the VIRIN, which is
// one photo's own.
QList<PhotoField> editableFields();

// The text every photo has in field, or nullopt when they differ ("mixed").
std::optional<QString> sharedText(const QList<Photo> &photos, PhotoField field);

// photo with edits applied.
Photo applied(Photo photo, const Edits &edits);

// One photo's part of a batch change: the edited fields before and after,
// for undoing and redoing it.
struct Change
{
    qint64 photoId = 0;
    Edits before;
    Edits after;
};

// One photo's edits, and what its fields must hold for them to apply (for
// undo and redo: the change's after and before, so that nothing someone
// else changed since is written over).
struct PhotoEdits
{
    qint64 photoId = 0;
    Edits edits;
    Edits expected;
};

// Applies each photo's edits to it as the library stores it now, all in one
// transaction (PhotoRepository::saveAll), and returns what changed; photos
// the edits leave as they were are not saved and not in the list. nullopt
// when nothing was saved: *errorString says why (a photo changed elsewhere,
// a photo that is gone, a failed write).
std::optional<QList<Change>> apply(PhotoRepository &repository, const QList<PhotoEdits> &edits, QString *errorString);
// Undoing and redoing a change made by apply().
std::optional<QList<Change>> undo(PhotoRepository &repository, const QList<Change> &changes, QString *errorString);
std::optional<QList<Change>> redo(PhotoRepository &repository, const QList<Change> &changes, QString *errorString);
// The same edits for every photo of photoIds.
std::optional<QList<Change>> applyToAll(PhotoRepository &repository, const QList<qint64> &photoIds, const Edits &edits,
                                        QString *errorString);

} // namespace PhotoBatch
