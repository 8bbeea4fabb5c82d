// SPDX-License-Identifier: MIT
#include "mediapanel.h"

#include "photoform.h"
#include "photolistmodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QIdentityProxyModel>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QMimeData>
#include <QMimeDatabase>
#include <QPainter>
#include <QPixmap>
#include <QPixmapCache>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

// Thumbnails as icons, with the caption state shown as a coloured corner.
class ThumbnailProxy : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role == Qt::DisplayRole) {
            return u"%1\n%2"_s.arg(QIdentityProxyModel::data(index, role).toString(),
                                   index.data(PhotoListModel::ApprovalLabelRole).toString());
        }
        if (role != Qt::DecorationRole)
            return QIdentityProxyModel::data(index, role);
        const int approval = index.data(PhotoListModel::ApprovalRole).toInt();
        const QString key = u"newsdesk-thumb-%1-%2"_s.arg(index.data(PhotoListModel::IdRole).toLongLong()).arg(approval);
        QPixmap pixmap;
        if (!QPixmapCache::find(key, &pixmap)) {
            pixmap.loadFromData(index.data(PhotoListModel::ThumbnailRole).toByteArray());
            if (pixmap.isNull()) {
                pixmap = QPixmap(160, 107);
                pixmap.fill(Qt::lightGray);
            }
            pixmap = pixmap.scaled(160, 107, Qt::KeepAspectRatio, Qt::SmoothTransformation);
            QPainter painter(&pixmap);
            const QColor mark = approval == int(CaptionApproval::Approved) ? QColor(0x2e, 0x7d, 0x32)
                : approval == int(CaptionApproval::ChangesRequested)       ? QColor(0xc6, 0x28, 0x28)
                                                                           : QColor(0xb2, 0x6a, 0x00);
            painter.setPen(Qt::NoPen);
            painter.setBrush(mark);
            painter.drawEllipse(QRect(pixmap.width() - 20, 6, 14, 14));
            QPixmapCache::insert(key, pixmap);
        }
        return pixmap;
    }
};

} // namespace

MediaPanel::MediaPanel(PhotoListModel *model, Library *library, Prompter &prompter, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_view(new QListView(this))
    , m_form(new PhotoForm(library, prompter, this))
    , m_summary(new QLabel(this))
    , m_add(new QPushButton(QIcon::fromTheme(u"list-add"_s), tr("&Add Photos…"), this))
    , m_insert(new QPushButton(QIcon::fromTheme(u"insert-image"_s), tr("&Insert in Story"), this))
    , m_remove(new QPushButton(QIcon::fromTheme(u"list-remove"_s), tr("Re&move"), this))
{
    setObjectName(u"mediaPanel"_s);
    setAcceptDrops(true);
    auto *proxy = new ThumbnailProxy(this);
    proxy->setSourceModel(model);
    m_view->setObjectName(u"photoList"_s);
    m_view->setModel(proxy);
    m_view->setViewMode(QListView::IconMode);
    m_view->setFlow(QListView::TopToBottom);
    m_view->setWrapping(false);
    m_view->setIconSize(QSize(160, 107));
    m_view->setGridSize(QSize(176, 150));
    m_view->setMinimumWidth(196);
    m_view->setMaximumWidth(230);
    m_view->setWordWrap(true);
    m_view->setUniformItemSizes(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setMovement(QListView::Snap);
    m_view->setDragDropMode(QAbstractItemView::InternalMove);
    m_view->setDefaultDropAction(Qt::MoveAction);
    m_view->installEventFilter(this);
    m_view->setToolTip(tr("Drag to reorder (or Ctrl+Up/Down). Drop image files here, or paste an image."));

    // The summary has a line of its own under the buttons, and wraps when the
    // panel is narrow: a translation may be much longer than English.
    m_summary->setWordWrap(true);
    m_summary->setObjectName(u"approvalSummary"_s);
    m_add->setObjectName(u"addPhotos"_s);
    m_insert->setObjectName(u"insertPhoto"_s);
    m_remove->setObjectName(u"removePhoto"_s);
    m_insert->setToolTip(tr("Place the selected photo in the story at the cursor"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_insert);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // The form scrolls down, never sideways (the ends of its fields out of
    // sight): the panel is at least as wide as the form with its labels
    // above the fields, as its rows stack when narrow.
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(m_form->minimumSizeHint().width() + scroll->verticalScrollBar()->sizeHint().width());

    // Buttons across the top; thumbnails in a column beside the form, so the
    // form has the height it needs.
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(u"mediaSplitter"_s);
    splitter->addWidget(m_view);
    splitter->addWidget(scroll);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_summary);
    layout->addWidget(splitter, 1);

    connect(m_add, &QPushButton::clicked, this, &MediaPanel::addPhotosRequested);
    connect(m_insert, &QPushButton::clicked, this, [this] {
        const QString virin = m_form->photo().virin;
        if (!virin.isEmpty())
            Q_EMIT insertIntoBodyRequested(virin);
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        if (currentPhotoId() > 0)
            Q_EMIT removeFromStoryRequested(currentPhotoId());
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        const qint64 id = currentPhotoId();
        const int row = m_model->rowOfPhoto(id);
        if (row >= 0)
            m_form->setPhoto(m_model->photoAt(row));
        else
            m_form->clear();
        updateButtons();
        Q_EMIT currentPhotoChanged(id);
    });
    connect(m_form, &PhotoForm::errorOccurred, this, &MediaPanel::errorOccurred);
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        m_form->clear();
        if (m_model->rowCount() > 0)
            m_view->setCurrentIndex(m_view->model()->index(0, 0));
        updateButtons();
    });
    connect(model, &QAbstractItemModel::rowsInserted, this, &MediaPanel::updateButtons);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &MediaPanel::updateButtons);
    connect(model, &PhotoListModel::errorOccurred, this, &MediaPanel::errorOccurred);

    auto *pasteAction = new QAction(tr("Paste Image"), this);
    pasteAction->setShortcut(QKeySequence::Paste);
    pasteAction->setShortcutContext(Qt::WidgetShortcut);
    m_view->addAction(pasteAction);
    connect(pasteAction, &QAction::triggered, this, &MediaPanel::paste);
    updateButtons();
}

QListView *MediaPanel::view() const
{
    return m_view;
}

PhotoForm *MediaPanel::form() const
{
    return m_form;
}

qint64 MediaPanel::currentPhotoId() const
{
    return m_view->currentIndex().data(PhotoListModel::IdRole).toLongLong();
}

bool MediaPanel::selectPhoto(qint64 photoId)
{
    const int row = m_model->rowOfPhoto(photoId);
    if (row < 0)
        return false;
    m_view->setCurrentIndex(m_view->model()->index(row, 0));
    return true;
}

bool MediaPanel::moveCurrent(int delta)
{
    const int row = m_view->currentIndex().row();
    const int target = row + delta;
    if (row < 0 || target < 0 || target >= m_model->rowCount())
        return false;
    const qint64 id = currentPhotoId();
    // moveRows' destination is the row before which the photo lands.
    if (!m_model->moveRows({}, row, 1, {}, delta > 0 ? target + 1 : target))
        return false;
    return selectPhoto(id);
}

void MediaPanel::updateButtons()
{
    const bool selected = m_view->currentIndex().isValid();
    m_insert->setEnabled(selected);
    m_remove->setEnabled(selected);
    m_add->setEnabled(m_model->storyId() > 0);
    const int count = m_model->rowCount();
    int approved = 0;
    for (int row = 0; row < count; ++row) {
        if (m_model->photoAt(row).approval == CaptionApproval::Approved)
            ++approved;
    }
    m_summary->setText(count == 0 ? tr("No photos") : tr("%1 of %n caption(s) approved", nullptr, count).arg(approved));
}

QStringList MediaPanel::imageFiles(const QList<QUrl> &urls)
{
    QStringList files;
    const QMimeDatabase mimeDatabase;
    for (const QUrl &url : urls) {
        if (!url.isLocalFile())
            continue;
        const QString path = url.toLocalFile();
        if (QFileInfo(path).isFile() && mimeDatabase.mimeTypeForFile(path).name().startsWith(u"image/"_s))
            files << path;
    }
    return files;
}

void MediaPanel::dragEnterEvent(QDragEnterEvent *event)
{
    if (m_model->storyId() > 0 && event->mimeData()->hasUrls() && !imageFiles(event->mimeData()->urls()).isEmpty())
        event->acceptProposedAction();
}

void MediaPanel::dropEvent(QDropEvent *event)
{
    const QStringList files = imageFiles(event->mimeData()->urls());
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    Q_EMIT photosOffered(files, QImage());
}

void MediaPanel::paste()
{
    if (m_model->storyId() <= 0)
        return;
    const QMimeData *mime = QApplication::clipboard()->mimeData();
    if (!mime)
        return;
    const QStringList files = mime->hasUrls() ? imageFiles(mime->urls()) : QStringList();
    if (!files.isEmpty()) {
        Q_EMIT photosOffered(files, QImage());
    } else if (mime->hasImage()) {
        Q_EMIT photosOffered({}, qvariant_cast<QImage>(mime->imageData()));
    }
}

bool MediaPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->modifiers() == Qt::ControlModifier && (key->key() == Qt::Key_Up || key->key() == Qt::Key_Down)) {
            moveCurrent(key->key() == Qt::Key_Up ? -1 : 1);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}
