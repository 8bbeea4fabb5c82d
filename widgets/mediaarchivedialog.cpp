// SPDX-License-Identifier: MIT
#include "mediaarchivedialog.h"

#include "library.h"
#include "photorepository.h"
#include "textsafety.h"

#include <QDialogButtonBox>
#include <QImage>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPixmap>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
constexpr int PhotoIdRole = Qt::UserRole + 1;
constexpr int CaptionRole = Qt::UserRole + 2;
constexpr int DetailsRole = Qt::UserRole + 3;
} // namespace

MediaArchiveDialog::MediaArchiveDialog(Library *library, bool canPlace, QWidget *parent)
    : QDialog(parent)
    , m_library(library)
    , m_canPlace(canPlace)
    , m_search(new QLineEdit(this))
    , m_results(new QListWidget(this))
    , m_details(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_place(new QPushButton(tr("&Place in Story"), this))
    , m_searchTimer(new QTimer(this))
{
    setObjectName(u"mediaArchiveDialog"_s);
    setWindowTitle(tr("Media Archive"));
    resize(900, 640);

    m_search->setObjectName(u"archiveSearch"_s);
    m_search->setPlaceholderText(tr("VIRIN, photographer, date (2025-03-06), place, keyword or caption words"));
    m_search->setClearButtonEnabled(true);
    m_results->setObjectName(u"archiveResults"_s);
    m_results->setViewMode(QListView::IconMode);
    m_results->setIconSize(QSize(160, 120));
    m_results->setGridSize(QSize(190, 180));
    m_results->setResizeMode(QListView::Adjust);
    m_results->setMovement(QListView::Static);
    m_results->setWordWrap(true);
    m_results->setUniformItemSizes(true);
    m_results->setSelectionMode(QAbstractItemView::SingleSelection);
    m_details->setObjectName(u"archiveDetails"_s);
    m_details->setTextFormat(Qt::PlainText);
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setObjectName(u"archiveSummary"_s);
    m_place->setObjectName(u"archivePlace"_s);
    m_place->setEnabled(false);
    m_place->setToolTip(canPlace ? tr("Puts a copy of the photo in the story you are editing; its caption starts pending.")
                                 : tr("Open a story to place photos in it."));
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(200);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_place, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_summary);
    layout->addWidget(m_results, 1);
    layout->addWidget(m_details);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_searchTimer, &QTimer::timeout, this, &MediaArchiveDialog::searchNow);
    connect(m_results, &QListWidget::currentItemChanged, this, &MediaArchiveDialog::updateDetails);
    // Return on a photo places it (the filter: a list view lets Return go on
    // to the dialog's default button, which would place it twice), as does
    // a double click.
    connect(m_results, &QListWidget::itemDoubleClicked, this, &MediaArchiveDialog::place);
    m_results->installEventFilter(this);
    m_place->setAutoDefault(false);
    connect(m_place, &QPushButton::clicked, this, &MediaArchiveDialog::place);
    // Down from the search field goes to the photos, as in a file dialog.
    m_search->installEventFilter(this);
    setFocusProxy(m_search);

    searchNow();
}

QLineEdit *MediaArchiveDialog::searchField() const { return m_search; }
QListWidget *MediaArchiveDialog::results() const { return m_results; }
QPushButton *MediaArchiveDialog::placeButton() const { return m_place; }
QLabel *MediaArchiveDialog::summaryLabel() const { return m_summary; }

QList<qint64> MediaArchiveDialog::shownPhotoIds() const
{
    QList<qint64> ids;
    for (int row = 0; row < m_results->count(); ++row)
        ids << m_results->item(row)->data(PhotoIdRole).toLongLong();
    return ids;
}

void MediaArchiveDialog::searchNow()
{
    m_searchTimer->stop();
    PhotoRepository repository(m_library);
    const std::optional<QList<Photo>> found = repository.search(m_search->text(), shownLimit + 1);
    m_results->clear();
    if (!found) {
        m_summary->setText(repository.errorString());
        updateDetails();
        return;
    }
    const QLocale locale;
    for (const Photo &photo : found->mid(0, shownLimit)) {
        QStringList line{photo.virin.isEmpty() ? photo.fileName : photo.virin};
        if (!photo.photographer.isEmpty())
            line << photo.photographer;
        if (photo.dateShot.isValid())
            line << photo.dateShot.toString(Qt::ISODate);
        auto *item = new QListWidgetItem(line.join(u'\n'), m_results);
        const QImage thumbnail = QImage::fromData(repository.thumbnail(photo.id));
        if (!thumbnail.isNull())
            item->setIcon(QIcon(QPixmap::fromImage(thumbnail)));
        item->setData(PhotoIdRole, photo.id);
        item->setData(CaptionRole, photo.caption);
        QStringList place;
        for (const QString &part : {photo.sublocation, photo.city, photo.state, photo.country}) {
            if (!part.isEmpty())
                place << part;
        }
        item->setData(DetailsRole, tr("%1\nPlace: %2 · Keywords: %3 · Caption %4")
                                       .arg(photo.caption, place.join(u", "_s), photo.keywords.join(u", "_s),
                                            captionApprovalLabel(photo.approval)));
        // A tooltip is rich text when it looks like markup: shown as typed.
        item->setToolTip(TextSafety::asRichText(photo.caption));
    }
    const bool more = found->size() > shownLimit;
    if (m_search->text().trimmed().isEmpty())
        m_summary->setText(more ? tr("The newest %1 photos of the library.").arg(shownLimit)
                                : tr("Photos in the library: %1.").arg(found->size()));
    else if (found->isEmpty())
        m_summary->setText(tr("No photo matches \"%1\".").arg(m_search->text()));
    else
        m_summary->setText(more ? tr("The best %1 matches; type more to narrow them.").arg(shownLimit)
                                : tr("Photos that match: %1.").arg(found->size()));
    if (m_results->count() > 0)
        m_results->setCurrentRow(0);
    updateDetails();
}

bool MediaArchiveDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_results && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            place();
            return true;
        }
    }
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if ((key == Qt::Key_Down || key == Qt::Key_Return || key == Qt::Key_Enter) && m_results->count() > 0) {
            if (m_searchTimer->isActive())
                searchNow();
            m_results->setFocus();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void MediaArchiveDialog::updateDetails()
{
    const QListWidgetItem *item = m_results->currentItem();
    m_details->setText(item ? item->data(DetailsRole).toString() : QString());
    m_place->setEnabled(m_canPlace && item);
}

void MediaArchiveDialog::place()
{
    const QListWidgetItem *item = m_results->currentItem();
    if (!m_canPlace || !item)
        return;
    Q_EMIT placeRequested(item->data(PhotoIdRole).toLongLong());
}
