// SPDX-License-Identifier: MIT
#include "captionreviewdialog.h"

#include "captionchecker.h"
#include "comments.h"
#include "library.h"
#include "librarysetup.h"
#include "people.h"
#include "photo.h"
#include "photorepository.h"
#include "prompter.h"
#include "revisiondiff.h"
#include "workflow.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPixmap>
#include <QPushButton>
#include <QSet>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace {

QString paragraph(const QString &text)
{
    return u"<p>"_s + text.toHtmlEscaped().replace(u'\n', u"<br>"_s) + u"</p>"_s;
}

QString heading(const QString &text)
{
    return u"<h3>"_s + text.toHtmlEscaped() + u"</h3>"_s;
}

// A field as a reader of the review sees it: keywords on one line, the
// release state and the decorative mark in words.
QString shownField(const Photo &photo, PhotoField field)
{
    switch (field) {
    case PhotoField::Keywords:
        return photo.keywords.join(u"; "_s);
    case PhotoField::ReleaseState:
        return releaseStateLabel(photo.releaseState);
    case PhotoField::Decorative:
        return photo.decorative ? CaptionReviewDialog::tr("Decorative: published with empty alt text") : QString();
    default:
        return photoFieldText(photo, field);
    }
}

// Deletions struck through and insertions underlined, as well as coloured,
// so the difference does not rest on colour alone.
QString diffStyle()
{
    return u"<style>del { background: #f6c6c6; text-decoration: line-through; } "
           "ins { background: #c8f0c8; text-decoration: underline; }</style>"_s;
}

} // namespace

CaptionReviewDialog::CaptionReviewDialog(Library *library, Prompter &prompter, QWidget *parent)
    : QDialog(parent)
    , m_library(library)
    , m_prompter(prompter)
    , m_list(new QListWidget(this))
    , m_thumbnail(new QLabel(this))
    , m_position(new QLabel(this))
    , m_details(new QTextBrowser(this))
    , m_reason(new QLabel(this))
{
    setObjectName(u"captionReviewDialog"_s);
    setWindowTitle(tr("Review Captions"));
    m_list->setObjectName(u"captionReviewList"_s);
    m_thumbnail->setObjectName(u"captionReviewThumbnail"_s);
    m_thumbnail->setFixedSize(240, 180);
    m_thumbnail->setAlignment(Qt::AlignCenter);
    m_position->setObjectName(u"captionReviewPosition"_s);
    m_position->setWordWrap(true);
    m_details->setObjectName(u"captionReviewDetails"_s);
    m_details->setOpenLinks(false);
    m_reason->setObjectName(u"captionReviewReason"_s);
    m_reason->setWordWrap(true);

    // The dialog's own keys (WidgetWithChildrenShortcut): they work wherever
    // the focus is in it, and never in the window behind.
    const auto makeAction = [this](const QString &name, const QString &text, const QList<QKeySequence> &keys) {
        auto *action = new QAction(text, this);
        action->setObjectName(name);
        action->setShortcuts(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
        return action;
    };
    m_approve = makeAction(u"actionCaptionApprove"_s, tr("&Approve"),
                           {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_requestChanges = makeAction(u"actionCaptionRequestChanges"_s, tr("Request &Changes…"),
                                  {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return),
                                   QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Enter)});
    m_next = makeAction(u"actionCaptionNext"_s, tr("&Next"), {QKeySequence(Qt::Key_J), QKeySequence(Qt::ALT | Qt::Key_Down)});
    m_previous = makeAction(u"actionCaptionPrevious"_s, tr("&Previous"), {QKeySequence(Qt::Key_K), QKeySequence(Qt::ALT | Qt::Key_Up)});
    connect(m_approve, &QAction::triggered, this, [this] { decide(true); });
    connect(m_requestChanges, &QAction::triggered, this, [this] { decide(false); });
    connect(m_next, &QAction::triggered, this, [this] { move(1); });
    connect(m_previous, &QAction::triggered, this, [this] { move(-1); });

    m_approveButton = new QPushButton(tr("Approve (Ctrl+Return)"), this);
    m_approveButton->setObjectName(u"captionReviewApprove"_s);
    m_approveButton->setAutoDefault(false);
    connect(m_approveButton, &QPushButton::clicked, m_approve, &QAction::trigger);
    m_requestButton = new QPushButton(tr("Request Changes… (Ctrl+Shift+Return)"), this);
    m_requestButton->setObjectName(u"captionReviewRequestChanges"_s);
    m_requestButton->setAutoDefault(false);
    connect(m_requestButton, &QPushButton::clicked, m_requestChanges, &QAction::trigger);
    auto *previousButton = new QPushButton(tr("Previous (K)"), this);
    previousButton->setAutoDefault(false);
    connect(previousButton, &QPushButton::clicked, m_previous, &QAction::trigger);
    auto *nextButton = new QPushButton(tr("Next (J)"), this);
    nextButton->setAutoDefault(false);
    connect(nextButton, &QPushButton::clicked, m_next, &QAction::trigger);
    connect(m_previous, &QAction::changed, previousButton, [this, previousButton] { previousButton->setEnabled(m_previous->isEnabled()); });
    connect(m_next, &QAction::changed, nextButton, [this, nextButton] { nextButton->setEnabled(m_next->isEnabled()); });

    connect(m_list, &QListWidget::currentRowChanged, this, &CaptionReviewDialog::showCurrent);
    // Other desks' photos and decisions (a team library's live updates, or
    // this window's own media panel): the list follows them.
    connect(m_library, &Library::photosChanged, this, [this] { refresh(true); });

    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    close->button(QDialogButtonBox::Close)->setAutoDefault(false);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *top = new QHBoxLayout;
    top->addWidget(m_thumbnail);
    top->addWidget(m_position, 1);
    auto *current = new QVBoxLayout;
    current->addLayout(top);
    current->addWidget(m_details, 1);
    current->addWidget(m_reason);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_approveButton);
    buttons->addWidget(m_requestButton);
    buttons->addStretch();
    buttons->addWidget(previousButton);
    buttons->addWidget(nextButton);
    current->addLayout(buttons);
    auto *columns = new QHBoxLayout;
    columns->addWidget(m_list, 1);
    columns->addLayout(current, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(close);
    resize(1100, 680);

    refresh();
}

QList<qint64> CaptionReviewDialog::photoIds() const
{
    QList<qint64> ids;
    for (int row = 0; row < m_list->count(); ++row)
        ids << m_list->item(row)->data(Qt::UserRole).toLongLong();
    return ids;
}

qint64 CaptionReviewDialog::currentPhotoId() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toLongLong() : 0;
}

QString CaptionReviewDialog::shownText() const
{
    return m_position->text() + u'\n' + m_details->toPlainText();
}

QAction *CaptionReviewDialog::approveAction() const
{
    return m_approve;
}

QAction *CaptionReviewDialog::requestChangesAction() const
{
    return m_requestChanges;
}

QAction *CaptionReviewDialog::nextAction() const
{
    return m_next;
}

QAction *CaptionReviewDialog::previousAction() const
{
    return m_previous;
}

void CaptionReviewDialog::refresh(bool following)
{
    const qint64 keep = currentPhotoId();
    QString error;
    const ReviewQueue queue = ReviewQueue::load(m_library, &error);
    PhotoRepository photos(m_library);
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    QSet<qint64> listed;
    for (const ReviewQueue::CaptionItem &item : queue.captions) {
        if (listed.contains(item.photoId))
            continue;
        const std::optional<Photo> photo = photos.load(item.photoId);
        // Changes requested: the writer's turn; an edit brings it back as pending.
        if (!photo || photo->approval != CaptionApproval::Pending)
            continue;
        listed.insert(item.photoId);
        const QString name = item.virin.isEmpty() ? tr("photo %1").arg(item.photoId) : item.virin;
        auto *row = new QListWidgetItem(tr("%1 · %2").arg(name, item.headline), m_list);
        row->setData(Qt::UserRole, item.photoId);
        row->setToolTip(item.resetDetail);
    }
    int row = 0;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(Qt::UserRole).toLongLong() == keep)
            row = i;
    }
    if (m_list->count() > 0)
        m_list->setCurrentRow(row);
    if (!error.isEmpty())
        m_reason->setText(error);
    // The caption on screen stays as it was shown while it is still waiting,
    // even if another desk changed it meanwhile: deciding on it is then
    // refused as a conflict and the new text shown (decide()), so nobody
    // approves a text that changed under their eyes.
    if (!following || currentPhotoId() != keep || keep == 0)
        showCurrent();
}

void CaptionReviewDialog::move(int step)
{
    const int row = m_list->currentRow() + step;
    if (row >= 0 && row < m_list->count())
        m_list->setCurrentRow(row);
}

void CaptionReviewDialog::showCurrent()
{
    const Workflow::Verdict verdict = Workflow::checkCaptionDecision(PeopleRepository(m_library).roleOfActor());
    const qint64 id = currentPhotoId();
    PhotoRepository photos(m_library);
    const std::optional<Photo> photo = id ? photos.load(id) : std::nullopt;
    m_shownVersion = photo ? photo->rowVersion : 0;
    const int row = m_list->currentRow();
    m_next->setEnabled(row >= 0 && row + 1 < m_list->count());
    m_previous->setEnabled(row > 0);
    m_mayDecide = photo && verdict.allowed;
    m_currentHash = photo ? photo->imageHash : QString();
    setImageShown(false);
    const QString reason = verdict.allowed ? QString() : verdict.reason;
    m_approveButton->setToolTip(reason);
    m_requestButton->setToolTip(reason);
    m_reason->setText(reason);
    m_reason->setVisible(!reason.isEmpty());

    if (!photo) {
        m_thumbnail->clear();
        m_position->setText(m_list->count() == 0 ? tr("No captions are waiting for a decision.") : QString());
        m_details->setHtml(paragraph(tr("Every caption in the library has been decided. Captions come back here when "
                                        "a photo is added or a reviewed field is edited.")));
        return;
    }

    // The photo as it will be published, from its image: a stored thumbnail
    // is whatever the desk that added the photo sent (over psql, anything),
    // and an approval must not be given to a picture that is not the one
    // published.
    showImage(photo->imageHash);
    m_position->setText(tr("Caption %1 of %2: %3").arg(row + 1).arg(m_list->count()).arg(m_list->currentItem()->text()));

    QString html = diffStyle() + u"<p style=\"font-size: large\">"_s + photo->caption.toHtmlEscaped() + u"</p>"_s;

    // The caption checker's findings.
    html += heading(tr("Findings"));
    const QList<CaptionFinding> findings = CaptionChecker::check(*photo);
    if (findings.isEmpty()) {
        html += paragraph(tr("The caption checker finds nothing."));
    } else {
        html += u"<ul>"_s;
        for (const CaptionFinding &finding : findings) {
            const QString severity = finding.severity == CaptionFinding::Severity::Error ? tr("Error") : tr("Warning");
            html += u"<li>"_s + tr("%1: %2").arg(severity, finding.message).toHtmlEscaped() + u"</li>"_s;
        }
        html += u"</ul>"_s;
    }

    // What changed since the last decision, field by field.
    html += heading(tr("Changes since the last decision"));
    const QList<CaptionDecision> decisions = photos.captionDecisions(photo->id);
    if (decisions.isEmpty()) {
        html += paragraph(tr("First review: no decision was made on this photo before."));
    } else {
        const CaptionDecision &last = decisions.constFirst();
        html += paragraph(tr("%1 by %2 at %3.")
                              .arg(captionApprovalLabel(last.decision), last.decidedBy,
                                   last.decidedAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s)));
        if (!last.comment.isEmpty())
            html += paragraph(tr("Comment: %1").arg(last.comment));
        // A decision from before libraries recorded every field saw only these two.
        const QList<PhotoField> compared = last.reviewedRecorded ? reviewedPhotoFields()
                                                                 : QList<PhotoField>{PhotoField::Caption, PhotoField::AltText};
        int changed = 0;
        for (const PhotoField field : compared) {
            const QString before = shownField(last.reviewed, field);
            const QString after = shownField(*photo, field);
            if (before == after)
                continue;
            ++changed;
            html += u"<p><b>"_s + photoFieldLabel(field).toHtmlEscaped() + u"</b>: "_s
                + RevisionDiff::toHtml(RevisionDiff::compareWords(before, after)) + u"</p>"_s;
        }
        if (changed == 0)
            html += paragraph(tr("No reviewed field changed since."));
    }

    // The other reviewed fields as they are now.
    html += heading(tr("Reviewed fields"));
    html += u"<table>"_s;
    for (const PhotoField field : reviewedPhotoFields()) {
        const QString text = shownField(*photo, field);
        if (field == PhotoField::Caption || text.isEmpty())
            continue;
        html += u"<tr><td><b>"_s + photoFieldLabel(field).toHtmlEscaped() + u"</b></td><td>"_s + text.toHtmlEscaped()
            + u"</td></tr>"_s;
    }
    html += u"</table>"_s;
    m_details->setHtml(html);
}

void CaptionReviewDialog::setImageShown(bool shown)
{
    m_imageShown = shown;
    const bool enabled = m_mayDecide && m_imageShown;
    m_approve->setEnabled(enabled);
    m_requestChanges->setEnabled(enabled);
    m_approveButton->setEnabled(enabled);
    m_requestButton->setEnabled(enabled);
}

void CaptionReviewDialog::showImage(const QString &hash)
{
    if (const QImage *cached = m_images.object(hash)) {
        if (cached->isNull())
            m_thumbnail->setText(tr("The image cannot be shown"));
        else
            m_thumbnail->setPixmap(QPixmap::fromImage(*cached));
        setImageShown(true);
        QTimer::singleShot(0, this, &CaptionReviewDialog::decodeNextAhead);
        return;
    }
    m_thumbnail->setText(tr("Loading the photo…"));
    if (QString error; !startDecoding(hash, &error)) {
        m_thumbnail->setText(tr("The image is missing: %1").arg(error));
        setImageShown(true);
    }
}

bool CaptionReviewDialog::startDecoding(const QString &hash, QString *error)
{
    if (m_decoding.contains(hash))
        return true;
    PhotoRepository photos(m_library);
    const std::optional<StoredImage> image = photos.image(hash);
    if (!image) {
        if (error)
            *error = photos.errorString();
        return false;
    }
    decode(hash, image->data);
    return true;
}

void CaptionReviewDialog::decode(const QString &hash, const QByteArray &data)
{
    m_decoding << hash;
    const QSize box = m_thumbnail->size();
    // The result is taken up on this dialog's thread, as an event of its own
    // even when the decoding is done before the watcher is given it (so what
    // the dialog shows changes only between events), and dropped with the
    // watcher once the dialog is gone.
    auto *watcher = new QFutureWatcher<QImage>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, hash] {
        imageDecoded(hash, watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([data, box] {
        const QImage decoded = LibrarySetup::decodeToFit(data, box);
        return decoded.isNull() ? decoded : decoded.scaled(box, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    }));
}

void CaptionReviewDialog::imageDecoded(const QString &hash, const QImage &image)
{
    m_decoding.removeAll(hash);
    m_images.insert(hash, new QImage(image));
    if (hash == m_currentHash && !m_imageShown)
        showImage(hash);
}

// While the editor reads this caption, the next one's photo is decoded.
void CaptionReviewDialog::decodeNextAhead()
{
    const int row = m_list->currentRow() + 1;
    if (!m_imageShown || row <= 0 || row >= m_list->count())
        return;
    PhotoRepository photos(m_library);
    const std::optional<Photo> next = photos.load(m_list->item(row)->data(Qt::UserRole).toLongLong());
    // One that cannot be read says so when it is shown.
    if (next && !m_images.contains(next->imageHash))
        startDecoding(next->imageHash);
}

void CaptionReviewDialog::decide(bool approve)
{
    const qint64 id = currentPhotoId();
    if (!id)
        return;
    QString comment;
    if (!approve) {
        comment = m_prompter.askText(this, tr("Request Changes"), tr("What should the writer change in this caption?"), {}, true)
                      .value_or(QString())
                      .trimmed();
        if (comment.isEmpty())
            return;
    }
    PhotoRepository photos(m_library);
    std::optional<Photo> photo = photos.load(id);
    if (!photo)
        return;
    // The version on screen, not the stored one: if another desk changed
    // the photo since it was shown, the repository refuses (a conflict) and
    // the editor is shown what it is now.
    photo->rowVersion = m_shownVersion;
    const QList<qint64> before = photoIds();
    const PhotoRepository::SaveResult result =
        photos.decideCaption(*photo, approve ? CaptionApproval::Approved : CaptionApproval::ChangesRequested, comment);
    if (result != PhotoRepository::SaveResult::Saved) {
        m_prompter.tell(this, Prompter::Severity::Warning, approve ? tr("Cannot approve the caption") : tr("Cannot request changes"),
                        photos.errorString());
        if (result == PhotoRepository::SaveResult::Conflict)
            showCurrent();
        return;
    }
    // On to the caption after this one that still waits, else the one before.
    refresh();
    const QList<qint64> waiting = photoIds();
    const qsizetype at = before.indexOf(id);
    QList<qint64> order = before.mid(at + 1);
    for (qsizetype i = at - 1; i >= 0; --i)
        order << before.at(i);
    for (const qint64 next : order) {
        const qsizetype row = waiting.indexOf(next);
        if (row >= 0) {
            m_list->setCurrentRow(int(row));
            break;
        }
    }
    m_list->setFocus();
}
