// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class PhotoListModel;
class QLabel;
class QListView;

// The photos of the open story with their VIRIN and caption approval state.
class MediaPanel : public QWidget
{
    Q_OBJECT
public:
    explicit MediaPanel(PhotoListModel *model, QWidget *parent = nullptr);

    QListView *view() const;
    qint64 currentPhotoId() const;

Q_SIGNALS:
    void currentPhotoChanged(qint64 photoId);

private:
    void updateDetails();

    PhotoListModel *m_model;
    QListView *m_view;
    QLabel *m_details;
};
