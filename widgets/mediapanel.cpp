// SPDX-License-Identifier: MIT
#include "mediapanel.h"

#include "library.h"
#include "photofieldseditor.h"
#include "photoform.h"
#include "photolistmodel.h"
#include "photorepository.h"
#include "phototemplatedialogs.h"
#include "phototemplates.h"
#include "prompter.h"

#include <QAction>
#include <QActionGroup>
#include <QPointer>
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
#include <QMenu>
#include <QToolButton>
#include <QMimeData>
#include <QMimeDatabase>
#include <QPainter>
#include <QPixmap>
#include <QPixmapCache>
#include <QPushButton>
#include <QDrag>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QResizeEvent>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>

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

// One batch edit or template applied to a selection, as one undo step. It is
// made after the change is stored (MediaPanel::applyToPhotos), so its first
// redo does nothing. Undo and redo write only what the change wrote, and
// only while those fields still hold what it left (PhotoBatch::undo): a
// later edit by anyone is never written over. An undo does not bring back a
// caption decision the change voided; an editor decides again.
class PhotoBatchCommand : public QUndoCommand
{
public:
    PhotoBatchCommand(Library *library, MediaPanel *panel, const QList<PhotoBatch::Change> &changes, const QString &text)
        : QUndoCommand(text)
        , m_library(library)
        , m_panel(panel)
        , m_changes(changes)
    {
    }

    void undo() override { run(&PhotoBatch::undo); }
    void redo() override
    {
        if (m_stored) {
            m_stored = false;
            return;
        }
        run(&PhotoBatch::redo);
    }

private:
    using Step = std::optional<QList<PhotoBatch::Change>> (*)(PhotoRepository &, const QList<PhotoBatch::Change> &, QString *);
    void run(Step step)
    {
        QString error;
        PhotoRepository repository(m_library);
        if (!m_library || !step(repository, m_changes, &error)) {
            // Nothing was changed; the step cannot be taken again.
            setObsolete(true);
            Q_EMIT m_panel->errorOccurred(error.isEmpty() ? MediaPanel::tr("The library is closed.") : error);
        }
    }

    QPointer<Library> m_library;
    MediaPanel *m_panel;
    QList<PhotoBatch::Change> m_changes;
    bool m_stored = true;
};

// A new order of the story's photos (dragged, or Ctrl+Up/Down), as one undo
// step. Made after the order is stored, so its first redo does nothing.
// Undo and redo put the order back only while it is still the one they
// left: an order changed since (on another desk, or photos added) is never
// written over, and the step is dropped, saying why.
class PhotoOrderCommand : public QUndoCommand
{
public:
    PhotoOrderCommand(MediaPanel *panel, const QList<qint64> &before, const QList<qint64> &after, const QString &text)
        : QUndoCommand(text)
        , m_panel(panel)
        , m_before(before)
        , m_after(after)
    {
    }

    void undo() override { run(m_after, m_before); }
    void redo() override
    {
        if (m_stored) {
            m_stored = false;
            return;
        }
        run(m_before, m_after);
    }

private:
    void run(const QList<qint64> &expected, const QList<qint64> &wanted)
    {
        if (!m_panel->restorePhotoOrder(expected, wanted))
            setObsolete(true);
    }

    MediaPanel *m_panel;
    QList<qint64> m_before;
    QList<qint64> m_after;
    bool m_stored = true;
};

// What a photo dragged in the grid carries: which photos, of which story,
// from which grid. Only that grid takes it, as a new order of the story's
// photos; anything else dropped on it (image files) goes to the panel.
const auto photoDragFormat = u"application/x-newsdesk-photo-order"_s;

// The grid of the story's photos. Dragging photos to another place reorders
// them: QListView's own moves in icon mode place items by pixel positions
// and count a drop between two cells as one after the last photo, so the
// grid starts the drag and takes the drop itself, and the new place is where
// the pointer is in reading order (before a photo when on its left half,
// after it on its right half).
class PhotoGridView : public QListView
{
public:
    using Drop = std::function<void(const QList<qint64> &photoIds, int row)>;
    PhotoGridView(QWidget *parent)
        : QListView(parent)
    {
    }

    void setStory(std::function<qint64()> storyId, std::function<QList<qint64>()> selected, Drop drop)
    {
        m_storyId = std::move(storyId);
        m_selected = std::move(selected);
        m_drop = std::move(drop);
    }

    // The row before which photos dropped at pos land (rowCount(): after the last).
    int dropRow(QPoint pos) const
    {
        const int rows = model()->rowCount();
        for (int row = 0; row < rows; ++row) {
            const QRect rect = visualRect(model()->index(row, 0));
            if (pos.y() < rect.top() || (pos.y() <= rect.bottom() && pos.x() < rect.center().x()))
                return row;
        }
        return rows;
    }

    QMimeData *photoMimeData(const QList<qint64> &photoIds) const
    {
        QJsonArray ids;
        for (const qint64 id : photoIds)
            ids.append(id);
        const QJsonObject drag{{u"pid"_s, QCoreApplication::applicationPid()},
                               {u"grid"_s, QString::number(quintptr(this))},
                               {u"story"_s, m_storyId ? m_storyId() : 0},
                               {u"photos"_s, ids}};
        auto *mime = new QMimeData;
        mime->setData(photoDragFormat, QJsonDocument(drag).toJson(QJsonDocument::Compact));
        return mime;
    }

    // The photos mime carries when it comes from this grid and its story; else none.
    QList<qint64> ownPhotos(const QMimeData *mime) const
    {
        if (!mime || !mime->hasFormat(photoDragFormat) || !m_storyId)
            return {};
        const QJsonObject drag = QJsonDocument::fromJson(mime->data(photoDragFormat)).object();
        if (drag.value(u"pid"_s).toInteger() != QCoreApplication::applicationPid()
            || drag.value(u"grid"_s).toString() != QString::number(quintptr(this))
            || drag.value(u"story"_s).toInteger() != m_storyId())
            return {};
        QList<qint64> ids;
        for (const QJsonValue &id : drag.value(u"photos"_s).toArray())
            ids << id.toInteger();
        return ids;
    }

protected:
    void startDrag(Qt::DropActions) override
    {
        const QList<qint64> ids = m_selected ? m_selected() : QList<qint64>();
        if (ids.isEmpty())
            return;
        auto *drag = new QDrag(this);
        drag->setMimeData(photoMimeData(ids));
        const QPixmap thumbnail = currentIndex().data(Qt::DecorationRole).value<QPixmap>();
        if (!thumbnail.isNull())
            drag->setPixmap(thumbnail.scaledToWidth(96, Qt::SmoothTransformation));
        // The drop stored the new order; there is nothing to remove here.
        drag->exec(Qt::MoveAction);
        setDropRow(-1);
    }

    void dragEnterEvent(QDragEnterEvent *event) override
    {
        if (ownPhotos(event->mimeData()).isEmpty())
            return QListView::dragEnterEvent(event);
        event->setDropAction(Qt::MoveAction);
        event->accept();
    }

    void dragMoveEvent(QDragMoveEvent *event) override
    {
        if (ownPhotos(event->mimeData()).isEmpty())
            return QListView::dragMoveEvent(event);
        setDropRow(dropRow(event->position().toPoint()));
        event->setDropAction(Qt::MoveAction);
        event->accept();
    }

    void dragLeaveEvent(QDragLeaveEvent *event) override
    {
        setDropRow(-1);
        QListView::dragLeaveEvent(event);
    }

    void dropEvent(QDropEvent *event) override
    {
        const QList<qint64> ids = ownPhotos(event->mimeData());
        if (ids.isEmpty())
            return QListView::dropEvent(event);
        const int row = dropRow(event->position().toPoint());
        setDropRow(-1);
        event->setDropAction(Qt::MoveAction);
        event->accept();
        if (m_drop)
            m_drop(ids, row);
    }

    void paintEvent(QPaintEvent *event) override
    {
        QListView::paintEvent(event);
        if (m_dropRow < 0 || model()->rowCount() == 0)
            return;
        // Where the photos will land: a bar before that photo (after the last).
        const bool atEnd = m_dropRow >= model()->rowCount();
        const QRect rect = visualRect(model()->index(atEnd ? model()->rowCount() - 1 : m_dropRow, 0));
        const int x = atEnd ? rect.right() + spacing() + 2 : rect.left() - spacing() - 2;
        QPainter painter(viewport());
        painter.fillRect(QRect(x - 1, rect.top(), 3, rect.height()), palette().color(QPalette::Highlight));
    }

private:
    void setDropRow(int row)
    {
        if (row == m_dropRow)
            return;
        m_dropRow = row;
        viewport()->update();
    }

    std::function<qint64()> m_storyId;
    std::function<QList<qint64>()> m_selected;
    Drop m_drop;
    int m_dropRow = -1;
};

} // namespace

MediaPanel::MediaPanel(PhotoListModel *model, Library *library, Prompter &prompter, QWidget *parent)
    : QWidget(parent)
    , m_library(library)
    , m_model(model)
    , m_view(new PhotoGridView(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_formArea(nullptr)
    , m_form(new PhotoForm(library, prompter, this))
    , m_forms(new QStackedWidget(this))
    , m_batchPage(new QWidget(this))
    , m_batchHeading(new QLabel(this))
    , m_batch(new PhotoFieldsEditor(PhotoBatch::editableFields(), this))
    , m_batchApply(new QPushButton(this))
    , m_undo(new QUndoStack(this))
    , m_prompter(prompter)
    , m_templates(new QToolButton(this))
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
    // A grid: rows of thumbnails that wrap into as many columns as the panel
    // gives the list, laid out again as it is resized (Adjust).
    m_view->setViewMode(QListView::IconMode);
    m_view->setFlow(QListView::LeftToRight);
    m_view->setWrapping(true);
    m_view->setResizeMode(QListView::Adjust);
    m_view->setIconSize(QSize(160, 107));
    m_view->setGridSize(QSize(176, 150));
    m_view->setWordWrap(true);
    m_view->setUniformItemSizes(true);
    // At least one column beside the scroll bar.
    m_view->setMinimumWidth(m_view->gridSize().width() + m_view->verticalScrollBar()->sizeHint().width()
                            + 2 * m_view->frameWidth());
    // Several at once for the batch form: Shift/Ctrl+click, Ctrl+A.
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    // Dragged to another place, photos take it (PhotoGridView); image files
    // dropped on the grid go to the panel.
    m_view->setMovement(QListView::Static); // (which turns dragging off: on again below)
    m_view->setDragDropMode(QAbstractItemView::DragDrop);
    m_view->viewport()->setAcceptDrops(true);
    m_view->setDropIndicatorShown(false);
    static_cast<PhotoGridView *>(m_view)->setStory([this] { return m_model->storyId(); },
                                                   [this] { return selectedPhotoIds(); },
                                                   [this](const QList<qint64> &ids, int row) { movePhotos(ids, row); });
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
    buttons->addWidget(m_templates);
    buttons->addStretch(1);

    // The batch form: what the selected photos share, "(mixed)" where they
    // differ; only the fields typed into are applied.
    m_batchPage->setObjectName(u"batchForm"_s);
    m_batchHeading->setObjectName(u"batchHeading"_s);
    m_batchHeading->setWordWrap(true);
    m_batch->setObjectName(u"batchFields"_s);
    m_batchApply->setObjectName(u"batchApply"_s);
    m_batchApply->setEnabled(false);
    auto *batchButtons = new QHBoxLayout;
    batchButtons->addWidget(m_batchApply);
    batchButtons->addStretch(1);
    auto *batchLayout = new QVBoxLayout(m_batchPage);
    batchLayout->setContentsMargins(0, 0, 0, 0);
    batchLayout->addWidget(m_batchHeading);
    batchLayout->addWidget(m_batch);
    batchLayout->addLayout(batchButtons);
    batchLayout->addStretch(1);
    connect(m_batch, &PhotoFieldsEditor::edited, this, [this] { m_batchApply->setEnabled(!m_batch->edits().isEmpty()); });
    connect(m_batchApply, &QPushButton::clicked, this, &MediaPanel::applyBatch);
    // Return in a one-line field applies, as in a dialog.
    connect(m_batch, &PhotoFieldsEditor::submitted, this, [this] {
        if (m_batchApply->isEnabled())
            applyBatch();
    });
    m_forms->addWidget(m_form);
    m_forms->addWidget(m_batchPage);

    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_forms);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    // The form scrolls down, never sideways (the ends of its fields out of
    // sight): the panel is at least as wide as the form with its labels
    // above the fields, as its rows stack when narrow.
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(m_form->minimumSizeHint().width() + scroll->verticalScrollBar()->sizeHint().width());

    // Buttons across the top; the grid beside the form, so the form has the
    // height it needs. The splitter gives either the room the user wants;
    // room the panel gains is shared by both.
    m_splitter->setObjectName(u"mediaSplitter"_s);
    m_splitter->addWidget(m_view);
    m_splitter->addWidget(scroll);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);
    m_formArea = scroll;
    // The default split follows the panel's width until the user drags the
    // handle (a split set otherwise shows when it differs from the default's).
    m_splitter->installEventFilter(this);
    connect(m_splitter, &QSplitter::splitterMoved, this, [this] { m_splitFollowsDefault = false; });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_summary);
    layout->addWidget(m_splitter, 1);

    // Templates: apply to the selection, manage, and the one new photos get.
    m_templates->setObjectName(u"templates"_s);
    m_templates->setText(tr("&Templates"));
    m_templates->setIcon(QIcon::fromTheme(u"document-properties"_s));
    m_templates->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_templates->setPopupMode(QToolButton::InstantPopup);
    auto *templateMenu = new QMenu(m_templates);
    templateMenu->setObjectName(u"templateMenu"_s);
    m_templates->setMenu(templateMenu);
    connect(templateMenu, &QMenu::aboutToShow, this, [this, templateMenu] {
        templateMenu->clear();
        for (QActionGroup *old : templateMenu->findChildren<QActionGroup *>(Qt::FindDirectChildrenOnly))
            delete old;
        QAction *apply = templateMenu->addAction(tr("&Apply Template to Selection…"), this, &MediaPanel::applyTemplate);
        apply->setObjectName(u"applyTemplateAction"_s);
        apply->setEnabled(!selectedPhotoIds().isEmpty());
        QAction *manage = templateMenu->addAction(tr("&Manage Templates…"), this, &MediaPanel::manageTemplates);
        manage->setObjectName(u"manageTemplatesAction"_s);
        templateMenu->addSection(tr("For photos added next"));
        auto *group = new QActionGroup(templateMenu);
        QList<std::pair<qint64, QString>> choices{{0, tr("No template")}};
        if (m_library) {
            for (const PhotoTemplate &each : PhotoTemplateRepository(m_library).list())
                choices.append({each.id, each.name});
        }
        for (const auto &[id, name] : std::as_const(choices)) {
            QAction *choice = templateMenu->addAction(name);
            choice->setObjectName(u"importTemplate-%1"_s.arg(id));
            choice->setCheckable(true);
            choice->setChecked(id == m_importTemplateId);
            group->addAction(choice);
            connect(choice, &QAction::triggered, this, [this, id] { setImportTemplate(id); });
        }
    });
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
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MediaPanel::updateForms);
    connect(m_form, &PhotoForm::errorOccurred, this, &MediaPanel::errorOccurred);
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        // Another story (or library): its photos are not the steps' photos.
        m_undo->clear();
        if (!m_library)
            m_importTemplateId = 0;
        m_form->clear();
        if (m_model->rowCount() > 0)
            m_view->setCurrentIndex(m_view->model()->index(0, 0));
        updateButtons();
    });
    // A batch edit, its undo or another desk changed a shown photo: show it as
    // stored, unless the user is typing in it (their save meets the change).
    connect(model, &QAbstractItemModel::dataChanged, this, [this] {
        if (isBatchShown()) {
            if (m_batch->edits().isEmpty())
                updateForms();
            return;
        }
        const int row = m_model->rowOfPhoto(currentPhotoId());
        if (row >= 0 && m_form->hasPhoto() && !m_form->isModified()
            && m_model->photoAt(row).rowVersion != m_form->photo().rowVersion)
            m_form->setPhoto(m_model->photoAt(row));
    });
    connect(model, &QAbstractItemModel::rowsInserted, this, &MediaPanel::updateButtons);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &MediaPanel::updateButtons);
    connect(model, &PhotoListModel::errorOccurred, this, &MediaPanel::errorOccurred);

    auto *pasteAction = new QAction(tr("Paste Image"), this);
    pasteAction->setShortcut(QKeySequence::Paste);
    pasteAction->setShortcutContext(Qt::WidgetShortcut);
    m_view->addAction(pasteAction);
    connect(pasteAction, &QAction::triggered, this, &MediaPanel::paste);
    // The list's own undo: batch edits and templates, in its context menu;
    // Ctrl+Z and Ctrl+Shift+Z in the list (eventFilter) take it over from the
    // window's Edit ▸ Undo, as a text field takes it for its text.
    QAction *undo = m_undo->createUndoAction(this);
    undo->setObjectName(u"undoBatch"_s);
    QAction *redo = m_undo->createRedoAction(this);
    redo->setObjectName(u"redoBatch"_s);
    m_view->addAction(undo);
    m_view->addAction(redo);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    updateButtons();
    updateForms();
}

QListView *MediaPanel::view() const
{
    return m_view;
}

QByteArray MediaPanel::saveLayout() const
{
    if (m_splitFollowsDefault && m_splitter->sizes() == m_defaultSizes)
        return {};
    return m_splitter->saveState();
}

bool MediaPanel::restoreLayout(const QByteArray &state)
{
    if (state.isEmpty()) {
        m_splitFollowsDefault = true;
        followDefaultSplit(m_splitter->width());
        return true;
    }
    if (!m_splitter->restoreState(state))
        return false;
    m_splitFollowsDefault = false;
    return true;
}

QList<int> MediaPanel::defaultSplit(int width) const
{
    // The grid's width for n columns: its cells, its frame and room for the
    // scroll bar, which comes as soon as the photos outgrow the height (or
    // the last column would wrap under the others then).
    const int cell = m_view->gridSize().width();
    // (QListView lays a wrapping grid out as if it were there already, and
    // wraps before a cell that would end exactly at the edge: one pixel more).
    const int chrome = 2 * m_view->frameWidth() + m_view->verticalScrollBar()->sizeHint().width() + 1;
    const int available = width - m_splitter->handleWidth();
    const int formMinimum = std::max(m_formArea->minimumWidth(), m_formArea->minimumSizeHint().width());
    const int formWanted =
        std::max(formMinimum, m_forms->sizeHint().width() + m_formArea->verticalScrollBar()->sizeHint().width());
    // As many columns as leave the form the width it asks for; two when
    // that is fewer and the form still has its minimum beside them.
    int columns = std::max(0, (available - formWanted - chrome) / cell);
    if (columns < 2)
        columns = std::clamp((available - formMinimum - chrome) / cell, 0, 2);
    if (columns < 1)
        return {};
    const int grid = chrome + columns * cell;
    return {grid, available - grid};
}

void MediaPanel::followDefaultSplit(int width)
{
    if (!m_splitFollowsDefault || width <= 0)
        return;
    const QList<int> sizes = defaultSplit(width);
    if (sizes.isEmpty())
        return;
    m_splitter->setSizes(sizes);
    m_defaultSizes = m_splitter->sizes();
}

PhotoFieldsEditor *MediaPanel::batchEditor() const
{
    return m_batch;
}

QPushButton *MediaPanel::batchApplyButton() const
{
    return m_batchApply;
}

QUndoStack *MediaPanel::undoStack() const
{
    return m_undo;
}

bool MediaPanel::isBatchShown() const
{
    return m_forms->currentWidget() == m_batchPage;
}

QList<qint64> MediaPanel::selectedPhotoIds() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<qint64> ids;
    for (const QModelIndex &index : std::as_const(rows))
        ids << index.data(PhotoListModel::IdRole).toLongLong();
    return ids;
}

void MediaPanel::updateForms()
{
    const QList<qint64> ids = selectedPhotoIds();
    if (ids.size() < 2) {
        m_forms->setCurrentWidget(m_form);
        // Back from the batch: the form shows the photo as stored now.
        const int row = m_model->rowOfPhoto(currentPhotoId());
        if (row >= 0 && m_form->hasPhoto() && !m_form->isModified()
            && m_model->photoAt(row).rowVersion != m_form->photo().rowVersion)
            m_form->setPhoto(m_model->photoAt(row));
        return;
    }
    // What the single form holds is stored before the batch takes over.
    if (m_form->isModified())
        m_form->save();
    QList<Photo> photos;
    for (const qint64 id : ids) {
        const int row = m_model->rowOfPhoto(id);
        if (row >= 0)
            photos << m_model->photoAt(row);
    }
    QMap<PhotoField, std::optional<QString>> values;
    for (const PhotoField field : m_batch->fields())
        values.insert(field, PhotoBatch::sharedText(photos, field));
    m_batch->setValues(values);
    const int count = int(photos.size());
    m_batchHeading->setText(tr("%n photo(s) selected. Fields that differ show “%1” and stay as they are unless you "
                               "type in them; Apply sets what you typed on every one.",
                               nullptr, count)
                                .arg(PhotoFieldsEditor::mixedText()));
    m_batchApply->setText(tr("&Apply to %n Photo(s)", nullptr, count));
    m_batchApply->setEnabled(false);
    m_forms->setCurrentWidget(m_batchPage);
}

bool MediaPanel::applyBatch()
{
    const QString problem = m_batch->problem();
    if (!problem.isEmpty()) {
        Q_EMIT errorOccurred(problem);
        return false;
    }
    const QList<qint64> ids = selectedPhotoIds();
    if (!applyToPhotos(ids, m_batch->edits(), tr("Edit %n Photo(s)", nullptr, int(ids.size()))))
        return false;
    updateForms();
    return true;
}

bool MediaPanel::applyToPhotos(const QList<qint64> &photoIds, const PhotoBatch::Edits &edits, const QString &what)
{
    if (!m_library || photoIds.isEmpty() || edits.isEmpty())
        return false;
    // The single form's pending edits first, so that they are not lost or
    // written over the batch's afterwards.
    if (m_form->isModified() && !m_form->save())
        return false;
    PhotoRepository repository(m_library);
    QString error;
    const std::optional<QList<PhotoBatch::Change>> changes = PhotoBatch::applyToAll(repository, photoIds, edits, &error);
    if (!changes) {
        Q_EMIT errorOccurred(error);
        return false;
    }
    if (!changes->isEmpty())
        m_undo->push(new PhotoBatchCommand(m_library, this, *changes, what));
    // The single form shows the stored photo again.
    if (const int row = m_model->rowOfPhoto(currentPhotoId()); row >= 0 && !isBatchShown())
        m_form->setPhoto(m_model->photoAt(row));
    return true;
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
    // The row before which the photo lands.
    if (!movePhotos({id}, delta > 0 ? target + 1 : target))
        return false;
    return selectPhoto(id);
}

QMimeData *MediaPanel::dragData(const QList<qint64> &photoIds) const
{
    return static_cast<PhotoGridView *>(m_view)->photoMimeData(photoIds);
}

QList<qint64> MediaPanel::photoOrder() const
{
    QList<qint64> ids;
    for (int row = 0; row < m_model->rowCount(); ++row)
        ids << m_model->photoAt(row).id;
    return ids;
}

bool MediaPanel::movePhotos(const QList<qint64> &photoIds, int row)
{
    const QList<qint64> before = photoOrder();
    if (!m_library || photoIds.isEmpty() || row < 0 || row > before.size())
        return false;
    // The photos land, in the story's order, before the first photo at or
    // after row that is not one of them.
    QList<qint64> moving;
    for (const qint64 id : before) {
        if (photoIds.contains(id))
            moving << id;
    }
    if (moving.size() != QSet<qint64>(photoIds.cbegin(), photoIds.cend()).size())
        return false; // not all of them are this story's (any more)
    qint64 landBefore = 0;
    for (int i = row; i < before.size() && landBefore == 0; ++i) {
        if (!moving.contains(before.at(i)))
            landBefore = before.at(i);
    }
    QList<qint64> after = before;
    after.removeIf([&moving](qint64 id) { return moving.contains(id); });
    const qsizetype at = landBefore == 0 ? after.size() : after.indexOf(landBefore);
    for (qsizetype i = 0; i < moving.size(); ++i)
        after.insert(at + i, moving.at(i));
    if (after == before)
        return true;
    if (!storePhotoOrder(after))
        return false;
    m_undo->push(new PhotoOrderCommand(this, before, after, tr("Move %n Photo(s)", nullptr, int(moving.size()))));
    return true;
}

bool MediaPanel::storePhotoOrder(const QList<qint64> &order)
{
    // The single form's pending edits first: the list is read again below.
    if (m_form->isModified() && !m_form->save())
        return false;
    PhotoRepository repository(m_library);
    if (!repository.reorder(m_model->storyId(), order)) {
        Q_EMIT errorOccurred(repository.errorString());
        return false;
    }
    // The model follows the stored order row by row: the selection and the
    // current photo move with their photos.
    m_model->refresh();
    return true;
}

bool MediaPanel::restorePhotoOrder(const QList<qint64> &expected, const QList<qint64> &wanted)
{
    if (!m_library) {
        Q_EMIT errorOccurred(tr("The library is closed."));
        return false;
    }
    // The order as stored now, not as this desk last heard of it.
    QList<qint64> stored;
    for (const Photo &photo : PhotoRepository(m_library).photosOfStory(m_model->storyId()))
        stored << photo.id;
    if (stored != expected) {
        Q_EMIT errorOccurred(tr("The story's photos were added, removed or moved since; their order is left as it is now."));
        return false;
    }
    return storePhotoOrder(wanted);
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
    QString summary = count == 0 ? tr("No photos") : tr("%1 of %n caption(s) approved", nullptr, count).arg(approved);
    // Which template the next photos get, so that nobody forgets it is on.
    if (const std::optional<PhotoTemplate> chosen = importTemplate())
        summary += u' ' + tr("New photos get the template “%1”.").arg(chosen->name);
    m_summary->setText(summary);
    m_templates->setToolTip(tr("Metadata templates: apply one to the selected photos, manage them, or choose one for the "
                               "photos you add next"));
}

QToolButton *MediaPanel::templatesButton() const
{
    return m_templates;
}

bool MediaPanel::applyTemplate()
{
    if (!m_library)
        return false;
    const QList<qint64> ids = selectedPhotoIds();
    if (ids.isEmpty())
        return false;
    PhotoTemplateRepository repository(m_library);
    const QList<PhotoTemplate> templates = repository.list();
    if (templates.isEmpty()) {
        if (!repository.errorString().isEmpty()) {
            Q_EMIT errorOccurred(repository.errorString());
            return false;
        }
        m_prompter.tell(this, Prompter::Severity::Information, tr("Apply Template"),
                        tr("This library has no metadata templates yet. Make one with Templates ▸ Manage Templates…"));
        return false;
    }
    ApplyTemplateDialog dialog(templates, int(ids.size()), this);
    if (m_prompter.run(&dialog) != QDialog::Accepted)
        return false;
    const PhotoBatch::Edits edits = dialog.tickedFields();
    if (edits.isEmpty())
        return false;
    if (!applyToPhotos(ids, edits, tr("Apply Template “%1”").arg(dialog.chosen().name)))
        return false;
    updateForms();
    return true;
}

void MediaPanel::manageTemplates()
{
    if (!m_library)
        return;
    TemplateManagerDialog dialog(m_library, m_prompter, this);
    m_prompter.run(&dialog);
    updateButtons(); // the template for new photos may be gone or renamed
}

std::optional<PhotoTemplate> MediaPanel::importTemplate() const
{
    if (!m_library || m_importTemplateId <= 0)
        return std::nullopt;
    return PhotoTemplateRepository(m_library).load(m_importTemplateId);
}

void MediaPanel::setImportTemplate(qint64 templateId)
{
    m_importTemplateId = templateId;
    updateButtons();
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
    if (watched == m_splitter && event->type() == QEvent::Resize) {
        // A split set by other means than the handle (restored, or by a
        // program) is the user's too: the default no longer moves it.
        if (!m_defaultSizes.isEmpty() && m_splitter->sizes() != m_defaultSizes)
            m_splitFollowsDefault = false;
        followDefaultSplit(static_cast<QResizeEvent *>(event)->size().width());
        return false;
    }
    if (watched == m_view && (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress)) {
        auto *key = static_cast<QKeyEvent *>(event);
        const bool undo = key->matches(QKeySequence::Undo);
        const bool redo = key->matches(QKeySequence::Redo);
        if (undo || redo) {
            if (event->type() == QEvent::ShortcutOverride) {
                event->accept(); // delivered to the list as a key press
            } else if (undo) {
                m_undo->undo();
            } else {
                m_undo->redo();
            }
            return true;
        }
    }
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->modifiers() == Qt::ControlModifier && (key->key() == Qt::Key_Up || key->key() == Qt::Key_Down)) {
            moveCurrent(key->key() == Qt::Key_Up ? -1 : 1);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}
