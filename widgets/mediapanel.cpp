// SPDX-License-Identifier: MIT
#include "mediapanel.h"

#include "photolistmodel.h"

#include <QIdentityProxyModel>
#include <QLabel>
#include <QListView>
#include <QPixmap>
#include <QPixmapCache>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

// Turns the model's encoded thumbnail bytes into icons for the view.
class ThumbnailProxy : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role != Qt::DecorationRole)
            return QIdentityProxyModel::data(index, role);
        const QString key = u"newsdesk-thumb-%1"_s.arg(index.data(PhotoListModel::IdRole).toLongLong());
        QPixmap pixmap;
        if (!QPixmapCache::find(key, &pixmap)) {
            pixmap.loadFromData(index.data(PhotoListModel::ThumbnailRole).toByteArray());
            if (!pixmap.isNull())
                QPixmapCache::insert(key, pixmap);
        }
        return pixmap.isNull() ? QVariant() : QVariant(pixmap);
    }
};

} // namespace

MediaPanel::MediaPanel(PhotoListModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_view(new QListView(this))
    , m_details(new QLabel(this))
{
    setObjectName(u"mediaPanel"_s);
    auto *proxy = new ThumbnailProxy(this);
    proxy->setSourceModel(model);
    m_view->setObjectName(u"photoList"_s);
    m_view->setModel(proxy);
    m_view->setViewMode(QListView::IconMode);
    m_view->setIconSize(QSize(160, 107));
    m_view->setGridSize(QSize(184, 150));
    m_view->setResizeMode(QListView::Adjust);
    m_view->setMovement(QListView::Static);
    m_view->setWordWrap(true);
    m_view->setUniformItemSizes(true);

    m_details->setObjectName(u"photoDetails"_s);
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::RichText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_details);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateDetails();
        Q_EMIT currentPhotoChanged(currentPhotoId());
    });
    connect(model, &QAbstractItemModel::modelReset, this, &MediaPanel::updateDetails);
    connect(model, &QAbstractItemModel::dataChanged, this, &MediaPanel::updateDetails);
    updateDetails();
}

QListView *MediaPanel::view() const
{
    return m_view;
}

qint64 MediaPanel::currentPhotoId() const
{
    return m_view->currentIndex().data(PhotoListModel::IdRole).toLongLong();
}

void MediaPanel::updateDetails()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        m_details->setText(m_model->rowCount() == 0 ? tr("This story has no photos.")
                                                    : tr("%n photo(s). Select one to see its caption.", nullptr, m_model->rowCount()));
        return;
    }
    const Photo photo = current.data(PhotoListModel::PhotoRole).value<Photo>();
    m_details->setText(tr("<b>%1</b><br>%2<br><i>Credit: %3</i><br>VIRIN: %4<br>Caption: %5 · %6")
                           .arg(photo.title.toHtmlEscaped(), photo.caption.toHtmlEscaped(), photo.credit.toHtmlEscaped(),
                                photo.virin.toHtmlEscaped(), captionApprovalLabel(photo.approval),
                                releaseStateLabel(photo.releaseState)));
}
