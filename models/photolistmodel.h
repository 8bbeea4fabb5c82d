// SPDX-License-Identifier: MIT
#pragma once

#include "photo.h"

#include <QAbstractListModel>
#include <QPointer>

class Library;

// The photos of one story, in their order in the story.
class PhotoListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        VirinRole,
        TitleRole,
        CaptionRole,
        ApprovalRole,      // CaptionApproval as int
        ApprovalLabelRole,
        ReleaseRole,       // ReleaseState as int
        ThumbnailRole,     // encoded image bytes (the view decodes them)
        PhotoRole,         // the whole Photo
    };
    Q_ENUM(Role)

    explicit PhotoListModel(Library *library, QObject *parent = nullptr);

    void setStory(qint64 storyId);
    qint64 storyId() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    Qt::DropActions supportedDropActions() const override;

    Photo photoAt(int row) const;
    int rowOfPhoto(qint64 photoId) const;

    // Re-reads the story's photos and applies the difference row by row.
    void refresh();

    QString errorString() const;

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    QPointer<Library> m_library;
    qint64 m_storyId = 0;
    QList<Photo> m_photos;
    QHash<qint64, QByteArray> m_thumbnails;
    QString m_errorString;
};
