// SPDX-License-Identifier: MIT
#include "exportdialog.h"
#include "library.h"
#include "people.h"
#include "photorepository.h"
#include "prompter.h"
#include "workflow.h"

#include <QApplication>
#include <QFutureWatcher>
#include <QPointer>
#include <QtConcurrent>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ExportDialog::ExportDialog(Library *library, const Story &story, Prompter &prompter, QWidget *parent)
    : QDialog(parent)
    , m_library(library)
    , m_prompter(prompter)
    , m_story(story)
    , m_folder(new QLineEdit(this))
    , m_format(new QComboBox(this))
    , m_blockers(new QListWidget(this))
    , m_override(new QCheckBox(tr("&Override and export anyway"), this))
    , m_reason(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setObjectName(u"exportDialog"_s);
    setWindowTitle(tr("Export \"%1\"").arg(story.headline));
    m_folder->setObjectName(u"exportFolder"_s);
    m_format->setObjectName(u"exportFormat"_s);
    m_format->addItem(tr("Web page (index.html)"), u"html"_s);
    m_format->addItem(tr("IPTC ninjs news item (ninjs.json)"), u"ninjs"_s);
    m_format->setToolTip(tr("Both write the approved photos into images/ beside it."));
    {
        const int remembered = m_format->findData(QSettings().value(u"export/format"_s, u"html"_s).toString());
        m_format->setCurrentIndex(remembered < 0 ? 0 : remembered);
    }
    m_blockers->setObjectName(u"exportBlockers"_s);
    m_override->setObjectName(u"exportOverride"_s);
    m_reason->setObjectName(u"exportOverrideReason"_s);
    m_status->setObjectName(u"exportStatus"_s);
    m_progress->setObjectName(u"exportProgress"_s);

    // A folder named after the story, beside the last export.
    const QString parentFolder = QSettings().value(u"export/lastParent"_s,
                                                   QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                     .toString();
    m_folder->setText(QDir::toNativeSeparators(QDir(parentFolder).filePath(fileNameOfStory(story))));
    auto *browse = new QToolButton(this);
    browse->setText(tr("Choose…"));
    connect(browse, &QToolButton::clicked, this, &ExportDialog::chooseFolder);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);

    const QList<Photo> photos = PhotoRepository(library).photosOfStory(story.id);
    const ExportGate::Decision gate = ExportGate::decide(PeopleRepository(library).roleOfActor(), story,
                                                         ArticleRenderer::bodyImages(story.body, photos));
    m_blocked = gate.blocked();
    for (const StoryFinding &finding : gate.findings)
        m_blockers->addItem(new QListWidgetItem(QIcon::fromTheme(u"dialog-error"_s), finding.message));
    const Workflow::Verdict &mayOverride = gate.override;
    m_mayOverride = mayOverride.allowed;

    auto *gateLabel = new QLabel(m_blocked ? tr("This story is not ready for publication:")
                                           : tr("Approved: the story and its captions are ready for publication."),
                                 this);
    gateLabel->setObjectName(u"exportGateSummary"_s);
    gateLabel->setWordWrap(true);
    // Where the page says it lives (Preferences ▸ Publication).
    ArticleRenderer::Options publication;
    StoryExporter::applyPublicationSettings(library, story, publication);
    auto *addressLabel = new QLabel(publication.publicationUrl.isEmpty()
                                        ? tr("No article address is set, so the page's links to itself stay relative "
                                             "(an editor sets one in Preferences ▸ Publication).")
                                        : tr("The page says it is published at %1.")
                                              .arg(publication.publicationUrl.toDisplayString()),
                                    this);
    addressLabel->setObjectName(u"exportAddress"_s);
    addressLabel->setWordWrap(true);
    addressLabel->setTextFormat(Qt::PlainText);
    addressLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reason->setPlaceholderText(tr("Why it must go out now (recorded in the audit log)"));
    m_override->setEnabled(m_mayOverride);
    m_reason->setEnabled(false);
    auto *overrideNote = new QLabel(m_mayOverride ? tr("As an editor you may export it anyway; your reason is recorded.")
                                                  : mayOverride.reason,
                                    this);
    overrideNote->setObjectName(u"exportOverrideNote"_s);
    overrideNote->setWordWrap(true);
    connect(m_override, &QCheckBox::toggled, this, [this](bool on) {
        m_reason->setEnabled(on);
        if (on)
            m_reason->setFocus();
        updateButtons();
    });
    connect(m_reason, &QLineEdit::textChanged, this, &ExportDialog::updateButtons);
    connect(m_folder, &QLineEdit::textChanged, this, &ExportDialog::updateButtons);

    m_status->setWordWrap(true);
    // Rich text (a failure shows in red), so every text in it is escaped: the
    // messages name folders and photos.
    m_status->setTextFormat(Qt::RichText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    m_progress->hide();

    m_exportButton = m_buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    m_exportButton->setObjectName(u"exportButton"_s);
    m_exportButton->setDefault(true);
    connect(m_exportButton, &QPushButton::clicked, this, [this] {
        if (startExport())
            m_acceptWhenExported = true;
    });
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &ExportDialog::finishExport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout;
    // A row whose field is a layout gets no buddy from QFormLayout, and a
    // label without one shows its "&" instead of underlining the key.
    auto *folderLabel = new QLabel(tr("&Folder:"), this);
    folderLabel->setBuddy(m_folder);
    form->addRow(folderLabel, folderRow);
    form->addRow(tr("F&ormat:"), m_format);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(addressLabel);
    layout->addWidget(gateLabel);
    layout->addWidget(m_blockers);
    layout->addWidget(m_override);
    layout->addWidget(m_reason);
    layout->addWidget(overrideNote);
    m_blockers->setVisible(m_blocked);
    m_override->setVisible(m_blocked);
    m_reason->setVisible(m_blocked);
    overrideNote->setVisible(m_blocked);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    resize(560, m_blocked ? 420 : 180);
    updateButtons();
}

ExportDialog::~ExportDialog()
{
    if (!m_exporting)
        return;
    m_watcher.disconnect(this);
    m_watcher.waitForFinished();
    QApplication::restoreOverrideCursor();
}

QFuture<StoryExporter::Result> ExportDialog::runExport(StoryExporter::Options options)
{
    // Photos are decoded, resized, encoded and written on a worker thread
    // with its own connection to the library; this dialog keeps painting its
    // progress and its Cancel button works meanwhile.
    const std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    const QPointer<ExportDialog> self(this);
    options.progress = [cancel, self, outer = options.progress](int done, int total) {
        QMetaObject::invokeMethod(
            qApp,
            [self, done, total] {
                if (self)
                    self->showProgress(done, total);
            },
            Qt::QueuedConnection);
        const bool goOn = !outer || outer(done, total);
        return goOn && !cancel->load();
    };
    const QString path = m_library->path();
    if (path.isEmpty() || path == u":memory:"_s) // no second connection to an in-memory library
        return QtFuture::makeReadyValueFuture(StoryExporter(m_library).exportStory(m_story, folder(), options));
    const QString actor = m_library->actor();
    // The worker gets copies of what it needs: nothing it holds dies with the
    // dialog (its progress reaches the dialog through a QPointer).
    return QtConcurrent::run([path, actor, story = m_story, target = folder(), options]() -> StoryExporter::Result {
        Library library;
        library.setActor(actor);
        if (!library.open(path)) {
            StoryExporter::Result failed;
            failed.errorMessage = library.errorString();
            return failed;
        }
        return StoryExporter(&library).exportStory(story, target, options);
    });
}

void ExportDialog::showProgress(int done, int total)
{
    if (!m_exporting || total <= 0)
        return;
    m_progress->setRange(0, total);
    m_progress->setValue(done);
    m_status->setText(tr("Writing photo %1 of %2…").arg(std::min(done + 1, total)).arg(total));
}

void ExportDialog::reject()
{
    // Cancel during an export stops it (it leaves nothing behind); the
    // dialog stays for another try.
    if (m_exporting) {
        if (m_cancel)
            m_cancel->store(true);
        m_status->setText(tr("Cancelling…"));
        return;
    }
    QDialog::reject();
}

void ExportDialog::setFolder(const QString &folder)
{
    m_folder->setText(QDir::toNativeSeparators(folder));
}

QString ExportDialog::folder() const
{
    return QDir::fromNativeSeparators(m_folder->text().trimmed());
}

void ExportDialog::setExportOptions(const StoryExporter::Options &options)
{
    m_options = options;
}

StoryExporter::Options::Format ExportDialog::format() const
{
    return m_format->currentData().toString() == u"ninjs"_s ? StoryExporter::Options::Format::Ninjs
                                                              : StoryExporter::Options::Format::Html;
}

void ExportDialog::setFormat(StoryExporter::Options::Format format)
{
    m_format->setCurrentIndex(m_format->findData(format == StoryExporter::Options::Format::Ninjs ? u"ninjs"_s : u"html"_s));
}

StoryExporter::Result ExportDialog::exportResult() const
{
    return m_result;
}

void ExportDialog::chooseFolder()
{
    const QString parentFolder
        = m_prompter.askFile(this, Prompter::FileMode::Directory, tr("Export Into"), QFileInfo(folder()).absolutePath());
    if (parentFolder.isEmpty())
        return;
    setFolder(QDir(parentFolder).filePath(QFileInfo(folder()).fileName()));
}

void ExportDialog::updateButtons()
{
    const bool overriding = m_blocked && m_override->isChecked() && !m_reason->text().trimmed().isEmpty();
    m_exportButton->setEnabled(!folder().isEmpty() && (!m_blocked || overriding));
    m_exportButton->setText(m_blocked ? tr("&Export Anyway") : tr("&Export"));
}

bool ExportDialog::startExport()
{
    if (!m_exportButton->isEnabled() || m_exporting)
        return false;
    StoryExporter::Options options = m_options;
    options.format = format();
    if (m_blocked) {
        if (!m_mayOverride)
            return false;
        options.overrideReason = m_reason->text().trimmed();
    }
    m_exporting = true;
    m_acceptWhenExported = false;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_progress->setRange(0, 0);
    m_progress->show();
    m_status->setText(tr("Exporting…"));
    m_exportButton->setEnabled(false);
    m_folder->setEnabled(false);
    m_format->setEnabled(false);
    m_override->setEnabled(false);
    m_reason->setEnabled(false);
    QApplication::setOverrideCursor(Qt::BusyCursor);
    // finishExport() takes over when the worker is done (also when it was
    // done at once: the watcher reports through the event loop either way).
    m_watcher.setFuture(runExport(options));
    return true;
}

void ExportDialog::finishExport()
{
    m_result = m_watcher.result();
    m_exporting = false;
    m_folder->setEnabled(true);
    m_format->setEnabled(true);
    m_override->setEnabled(m_mayOverride);
    m_reason->setEnabled(m_mayOverride && m_override->isChecked());
    QApplication::restoreOverrideCursor();
    m_progress->setRange(0, 1);
    m_progress->setValue(m_result.success ? 1 : 0);
    updateButtons();
    if (!m_result.success) {
        m_progress->hide();
        if (m_result.cancelled) {
            m_status->setText(m_result.errorMessage.toHtmlEscaped());
        } else {
            const QString why = m_result.errorMessage.isEmpty() ? m_result.blockingReasons.join(u'\n') : m_result.errorMessage;
            m_status->setText(u"<span style=\"color:#b00020\">%1</span>"_s.arg(tr("Export failed: %1").arg(why).toHtmlEscaped()));
        }
        Q_EMIT exportFinished(false);
        return;
    }
    QSettings().setValue(u"export/lastParent"_s, QFileInfo(folder()).absolutePath());
    QSettings().setValue(u"export/format"_s, m_format->currentData().toString());
    // The status label is rich text: every line in it is escaped.
    QStringList done{tr("Exported to %1").arg(QDir::toNativeSeparators(folder())).toHtmlEscaped()};
    for (const QString &warning : std::as_const(m_result.warnings))
        done << warning.toHtmlEscaped();
    m_status->setText(done.join(u"<br>"_s));
    if (m_acceptWhenExported)
        accept();
    Q_EMIT exportFinished(true);
}
