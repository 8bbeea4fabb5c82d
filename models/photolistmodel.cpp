// SPDX-License-Identifier: MIT
#include "photolistmodel.h"

#include "library.h"
#include "photorepository.h"
#include "textsafety.h"

using namespace Qt::StringLiterals;

PhotoListModel::PhotoListModel(Library *library, QObject *parent)
    : QAbstractListModel(parent)
    , m_library(library)
{
    connect(library, &Library::photosChanged, this, &PhotoListModel::refresh);
}

void PhotoListModel::setStory(qint64 storyId)
{
    if (storyId == m_storyId)
        return;
    beginResetModel();
    m_storyId = storyId;
    m_photos.clear();
    m_thumbnails.clear();
    if (m_library && storyId > 0) {
        PhotoRepository repository(m_library);
        m_photos = repository.photosOfStory(storyId);
        if (!repository.errorString().isEmpty()) {
            m_errorString = repository.errorString();
            Q_EMIT errorOccurred(m_errorString);
        }
    }
    endResetModel();
}

qint64 PhotoListModel::storyId() const
{
    return m_storyId;
}

int PhotoListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_photos.size());
}

QVariant PhotoListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Photo &photo = m_photos.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return photo.virin.isEmpty() ? photo.fileName : photo.virin;
    case Qt::ToolTipRole:
        // Escaped: a tooltip that looks like markup is shown as rich text.
        return TextSafety::asRichText(tr("%1\n%2\nCaption: %3").arg(photo.title, photo.caption, captionApprovalLabel(photo.approval)));
    case IdRole:
        return photo.id;
    case VirinRole:
        return photo.virin;
    case TitleRole:
        return photo.title;
    case CaptionRole:
        return photo.caption;
    case ApprovalRole:
        return int(photo.approval);
    case ApprovalLabelRole:
        return captionApprovalLabel(photo.approval);
    case ReleaseRole:
        return int(photo.releaseState);
    case ThumbnailRole: {
        // Thumbnails are read on first display, not with the list.
        auto it = m_thumbnails.constFind(photo.id);
        if (it == m_thumbnails.constEnd() && m_library) {
            PhotoRepository repository(m_library);
            it = const_cast<PhotoListModel *>(this)->m_thumbnails.insert(photo.id, repository.thumbnail(photo.id));
        }
        return it == m_thumbnails.constEnd() ? QVariant() : QVariant(*it);
    }
    case PhotoRole:
        return QVariant::fromValue(photo);
    default:
        return {};
    }
}

QHash<int, QByteArray> PhotoListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "photoId");
    names.insert(VirinRole, "virin");
    names.insert(TitleRole, "title");
    names.insert(CaptionRole, "caption");
    names.insert(ApprovalRole, "approval");
    names.insert(ApprovalLabelRole, "approvalLabel");
    names.insert(ReleaseRole, "release");
    names.insert(ThumbnailRole, "thumbnail");
    names.insert(PhotoRole, "photo");
    return names;
}

Qt::ItemFlags PhotoListModel::flags(const QModelIndex &index) const
{
    const Qt::ItemFlags base = QAbstractListModel::flags(index);
    return index.isValid() ? base | Qt::ItemIsDragEnabled : base | Qt::ItemIsDropEnabled;
}

Qt::DropActions PhotoListModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

Photo PhotoListModel::photoAt(int row) const
{
    return row >= 0 && row < m_photos.size() ? m_photos.at(row) : Photo();
}

int PhotoListModel::rowOfPhoto(qint64 photoId) const
{
    for (int i = 0; i < m_photos.size(); ++i) {
        if (m_photos.at(i).id == photoId)
            return i;
    }
    return -1;
}

void PhotoListModel::refresh()
{
    if (!m_library || m_storyId <= 0)
        return;
    PhotoRepository repository(m_library);
    const QList<Photo> photos = repository.photosOfStory(m_storyId);
    if (!repository.errorString().isEmpty() && photos.isEmpty()) {
        m_errorString = repository.errorString();
        Q_EMIT errorOccurred(m_errorString);
        return;
    }
    QSet<qint64> wanted;
    for (const Photo &photo : photos)
        wanted.insert(photo.id);
    for (int i = int(m_photos.size()) - 1; i >= 0; --i) {
        if (!wanted.contains(m_photos.at(i).id)) {
            beginRemoveRows({}, i, i);
            m_thumbnails.remove(m_photos.at(i).id);
            m_photos.removeAt(i);
            endRemoveRows();
        }
    }
    for (int i = 0; i < photos.size(); ++i) {
        const Photo &photo = photos.at(i);
        const int from = rowOfPhoto(photo.id);
        if (from < 0) {
            beginInsertRows({}, i, i);
            m_photos.insert(i, photo);
            endInsertRows();
            continue;
        }
        if (from != i) {
            beginMoveRows({}, from, from, {}, i);
            m_photos.move(from, i);
            endMoveRows();
        }
        if (m_photos.at(i).rowVersion != photo.rowVersion) {
            m_photos[i] = photo;
            Q_EMIT dataChanged(index(i), index(i));
        }
    }
}

QString PhotoListModel::errorString() const
{
    return m_errorString;
}
