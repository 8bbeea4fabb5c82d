// SPDX-License-Identifier: MIT
#include "photoform.h"

#include "captionchecker.h"
#include "dvidsreadiness.h"
#include "iptclimits.h"
#include "library.h"
#include "people.h"
#include "photorepository.h"
#include "prompter.h"
#include "virin.h"
#include "workflow.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

// Colours that read on light and dark palettes alike.
const QString errorColor = u"#c62828"_s;
const QString warningColor = u"#b26a00"_s;
const QString okColor = u"#2e7d32"_s;

} // namespace

PhotoForm::PhotoForm(Library *library, Prompter &prompter, QWidget *parent)
    : QWidget(parent)
    , m_library(library)
    , m_prompter(prompter)
    , m_layout(new QFormLayout)
    , m_dateShot(new QDateEdit(this))
    , m_release(new QComboBox(this))
    , m_decorative(new QCheckBox(tr("D&ecorative: publish with empty alt text"), this))
    , m_commandShown(new QComboBox(this))
    , m_virinVerdict(new QLabel(this))
    , m_findings(new QListWidget(this))
    , m_approval(new QLabel(this))
    , m_approve(new QPushButton(tr("&Approve Caption"), this))
    , m_requestChanges(new QPushButton(tr("Request &Changes…"), this))
    , m_saveTimer(new QTimer(this))
{
    setObjectName(u"photoForm"_s);
    m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // When the panel is narrow (a 1366 px screen, a longer translation) a
    // label goes above its field rather than squeezing it.
    m_layout->setRowWrapPolicy(QFormLayout::WrapLongRows);

    QLineEdit *virin = addLine(u"virin"_s, tr("&VIRIN:"), u"250306-D-PM193-1268"_s);
    // A whole VIRIN, with a trailing letter and a country, is read at a
    // glance: wider than a line's usual width of 17 'x' in most fonts.
    virin->setMinimumWidth(virin->sizeHint().width() - 17 * virin->fontMetrics().horizontalAdvance(u'x')
                           + virin->fontMetrics().horizontalAdvance(u"250306-D-PM193-1268K-GB"_s));
    // The next free sequence for the photographer and day, from the library.
    auto *suggest = new QPushButton(tr("Next Free"), this);
    suggest->setObjectName(u"suggestVirin"_s);
    suggest->setToolTip(tr("Fill in the next VIRIN not yet used in this library for the VISION ID, service and date "
                           "typed (or the date shot)"));
    m_rows.value(u"virin"_s)->addWidget(suggest);
    connect(suggest, &QPushButton::clicked, this, &PhotoForm::suggestVirin);
    m_virinVerdict->setObjectName(u"virinVerdict"_s);
    m_virinVerdict->setWordWrap(true);
    m_layout->addRow(QString(), m_virinVerdict);
    addLine(u"title"_s, tr("&Title:"));
    addText(u"caption"_s, tr("Ca&ption:"), 4);
    addText(u"altText"_s, tr("A&lt text:"), 2);
    m_decorative->setObjectName(u"decorative"_s);
    m_decorative->setToolTip(tr("The image adds nothing a reader who cannot see it would miss: it is published with "
                                "alt=\"\" and screen readers pass over it. Any other photo needs alt text."));
    m_fields.insert(u"decorative"_s, m_decorative);
    m_layout->addRow(QString(), m_decorative);
    connect(m_decorative, &QCheckBox::toggled, this, &PhotoForm::edited);
    addLine(u"credit"_s, tr("C&redit:"), tr("Navy Petty Officer 1st Class Alexander Kubitza, DOD"));
    addLine(u"photographer"_s, tr("P&hotographer:"), tr("rank and full name"));
    addLine(u"unit"_s, tr("&Unit:"), tr("the photographer's home unit"));
    addLine(u"creatorEmail"_s, tr("Photographer's e-ma&il:"), tr("work address, .mil or .gov"));
    addLine(u"creatorPhone"_s, tr("Photo&grapher's phone:"), tr("work phone"));
    addLine(u"operation"_s, tr("&Operation:"), tr("operation or exercise"));

    m_dateShot->setObjectName(u"dateShot"_s);
    m_dateShot->setCalendarPopup(true);
    m_dateShot->setDisplayFormat(u"yyyy-MM-dd"_s);
    m_dateShot->setMinimumDate(QDate(1900, 1, 1));
    m_dateShot->setSpecialValueText(tr("not set"));
    m_fields.insert(u"dateShot"_s, m_dateShot);
    m_layout->addRow(tr("Date &shot:"), m_dateShot);
    connect(m_dateShot, &QDateEdit::dateChanged, this, &PhotoForm::edited);

    addLine(u"city"_s, tr("Cit&y:"));
    addLine(u"sublocation"_s, tr("Su&b-location:"), tr("base or facility"));
    addLine(u"state"_s, tr("St&ate:"));
    addLine(u"country"_s, tr("Cou&ntry:"));
    addLine(u"countryCode"_s, tr("Country co&de:"), u"USA"_s);
    m_commandShown->setObjectName(u"commandShown"_s);
    m_commandShown->addItem(tr("none"), QString());
    for (const QString &command : combatantCommands())
        m_commandShown->addItem(command, command);
    m_commandShown->setToolTip(tr("The geographic combatant command where the photo was taken (DVIDS's Command Shown)"));
    m_fields.insert(u"commandShown"_s, m_commandShown);
    m_layout->addRow(tr("Co&mmand shown:"), m_commandShown);
    connect(m_commandShown, &QComboBox::currentIndexChanged, this, &PhotoForm::edited);
    addLine(u"keywords"_s, tr("&Keywords:"), tr("comma-separated, at most six"));

    m_release->setObjectName(u"releaseState"_s);
    for (ReleaseState state : {ReleaseState::NotReviewed, ReleaseState::Released, ReleaseState::NotReleased})
        m_release->addItem(releaseStateLabel(state), int(state));
    m_fields.insert(u"releaseState"_s, m_release);
    m_layout->addRow(tr("Re&lease:"), m_release);
    connect(m_release, &QComboBox::currentIndexChanged, this, &PhotoForm::edited);
    addLine(u"releaseAuthority"_s, tr("Release a&uthority:"), tr("name, rank, unit, phone, email — or the reason"));
    addLine(u"captionWriter"_s, tr("Caption &writer:"));

    m_findings->setObjectName(u"photoFindings"_s);
    m_findings->setMaximumHeight(110);
    m_findings->setWordWrap(true);

    m_approval->setObjectName(u"approvalState"_s);
    m_approval->setWordWrap(true);
    m_approval->setTextFormat(Qt::PlainText); // quotes an editor's comment
    m_approve->setObjectName(u"approveCaption"_s);
    m_requestChanges->setObjectName(u"requestChanges"_s);
    connect(m_approve, &QPushButton::clicked, this, [this] { decide(CaptionApproval::Approved); });
    connect(m_requestChanges, &QPushButton::clicked, this, [this] {
        const std::optional<QString> comment = m_prompter.askText(this, tr("Request Changes"),
                                                                  tr("What should the writer change?"), QString(), true);
        if (comment)
            decide(CaptionApproval::ChangesRequested, *comment);
    });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_approve);
    buttons->addWidget(m_requestChanges);
    buttons->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_layout);
    layout->addWidget(new QLabel(tr("Checks:"), this));
    layout->addWidget(m_findings);
    layout->addWidget(m_approval);
    layout->addLayout(buttons);
    layout->addStretch();

    // Save a moment after typing stops, never on every keystroke.
    if (library)
        connect(library, &Library::actorChanged, this, &PhotoForm::updateApproval);
    m_saveTimer->setSingleShot(true);
    m_saveTimer->setInterval(800);
    connect(m_saveTimer, &QTimer::timeout, this, &PhotoForm::save);
    clear();
}

PhotoForm::~PhotoForm()
{
    // Nothing typed is lost when the panel goes away.
    if (m_library && isModified())
        save();
}

QLineEdit *PhotoForm::addLine(const QString &name, const QString &label, const QString &placeholder)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    // Never squeezed below a readable width (a whole VIRIN); a narrow panel
    // puts the label above the field instead.
    edit->setMinimumWidth(edit->sizeHint().width());
    m_fields.insert(name, edit);
    connect(edit, &QLineEdit::textEdited, this, &PhotoForm::edited);
    connect(edit, &QLineEdit::editingFinished, this, [this] {
        if (isModified())
            save();
    });
    auto *row = new QHBoxLayout;
    row->addWidget(edit, 1);
    m_rows.insert(name, row);
    auto *column = new QVBoxLayout;
    column->addLayout(row);
    if (IptcLimits::maxBytes(name) > 0 || name == u"keywords"_s) {
        auto *counter = new QLabel(this);
        counter->setObjectName(name + u"Counter"_s);
        counter->setMinimumWidth(fontMetrics().horizontalAdvance(u"2000/2000 B"_s));
        counter->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_counters.insert(name, counter);
        row->addWidget(counter);
        // What IPTC would cut, under the field, only while something would be.
        auto *cut = new QLabel(this);
        cut->setObjectName(name + u"Cut"_s);
        cut->setWordWrap(true);
        cut->hide();
        m_cutNotices.insert(name, cut);
        column->addWidget(cut);
    }
    auto *caption = new QLabel(label, this);
    caption->setBuddy(edit);
    m_layout->addRow(caption, column);
    return edit;
}

QPlainTextEdit *PhotoForm::addText(const QString &name, const QString &label, int lines)
{
    auto *edit = new QPlainTextEdit(this);
    edit->setObjectName(name);
    edit->setTabChangesFocus(true);
    edit->setFixedHeight(edit->fontMetrics().lineSpacing() * lines + 12);
    m_fields.insert(name, edit);
    connect(edit, &QPlainTextEdit::textChanged, this, &PhotoForm::edited);
    auto *column = new QVBoxLayout;
    column->addWidget(edit);
    auto *counter = new QLabel(this);
    counter->setObjectName(name + u"Counter"_s);
    counter->setWordWrap(true);
    m_counters.insert(name, counter);
    column->addWidget(counter);
    auto *caption = new QLabel(label, this);
    caption->setBuddy(edit);
    m_layout->addRow(caption, column);
    return edit;
}

QString PhotoForm::text(const QString &name) const
{
    QWidget *widget = m_fields.value(name);
    if (auto *line = qobject_cast<QLineEdit *>(widget))
        return line->text();
    if (auto *plain = qobject_cast<QPlainTextEdit *>(widget))
        return plain->toPlainText();
    return {};
}

void PhotoForm::setPhoto(const Photo &photo)
{
    if (m_hasPhoto && photo.id != m_photo.id && isModified())
        save();
    load(photo);
}

void PhotoForm::load(const Photo &photo)
{
    m_loading = true;
    m_photo = photo;
    m_hasPhoto = true;
    auto set = [this](const QString &name, const QString &value) {
        QWidget *widget = m_fields.value(name);
        if (auto *line = qobject_cast<QLineEdit *>(widget)) {
            line->setText(value);
            line->setCursorPosition(0);
        } else if (auto *plain = qobject_cast<QPlainTextEdit *>(widget)) {
            plain->setPlainText(value);
        }
    };
    set(u"virin"_s, photo.virin);
    set(u"title"_s, photo.title);
    set(u"caption"_s, photo.caption);
    set(u"altText"_s, photo.altText);
    m_decorative->setChecked(photo.decorative);
    set(u"creatorEmail"_s, photo.creatorEmail);
    set(u"creatorPhone"_s, photo.creatorPhone);
    set(u"credit"_s, photo.credit);
    set(u"photographer"_s, photo.photographer);
    set(u"unit"_s, photo.unit);
    set(u"operation"_s, photo.operation);
    m_dateShot->setDate(photo.dateShot.isValid() ? photo.dateShot : m_dateShot->minimumDate());
    set(u"city"_s, photo.city);
    set(u"sublocation"_s, photo.sublocation);
    set(u"state"_s, photo.state);
    set(u"country"_s, photo.country);
    set(u"countryCode"_s, photo.countryCode);
    // A value from elsewhere that is no command of the list still shows.
    if (m_commandShown->findData(photo.commandShown) < 0)
        m_commandShown->addItem(photo.commandShown, photo.commandShown);
    m_commandShown->setCurrentIndex(m_commandShown->findData(photo.commandShown));
    set(u"keywords"_s, photo.keywords.join(u", "_s));
    m_release->setCurrentIndex(m_release->findData(int(photo.releaseState)));
    set(u"releaseAuthority"_s, photo.releaseAuthority);
    set(u"captionWriter"_s, photo.captionWriter);
    m_loading = false;
    setEnabled(true);
    updateCounters();
    updateChecks();
    updateApproval();
}

void PhotoForm::clear()
{
    m_loading = true;
    m_hasPhoto = false;
    m_photo = Photo();
    for (QWidget *widget : std::as_const(m_fields)) {
        if (auto *line = qobject_cast<QLineEdit *>(widget))
            line->clear();
        else if (auto *plain = qobject_cast<QPlainTextEdit *>(widget))
            plain->clear();
    }
    m_dateShot->setDate(m_dateShot->minimumDate());
    m_decorative->setChecked(false);
    m_commandShown->setCurrentIndex(0);
    m_findings->clear();
    m_virinVerdict->clear();
    m_approval->setText(tr("Select a photo to see and edit its caption."));
    m_loading = false;
    setEnabled(false);
}

bool PhotoForm::hasPhoto() const
{
    return m_hasPhoto;
}

Photo PhotoForm::photo() const
{
    Photo edited = m_photo;
    edited.virin = text(u"virin"_s).trimmed();
    edited.title = text(u"title"_s);
    edited.caption = text(u"caption"_s);
    edited.altText = text(u"altText"_s);
    edited.decorative = m_decorative->isChecked();
    edited.creatorEmail = text(u"creatorEmail"_s);
    edited.creatorPhone = text(u"creatorPhone"_s);
    edited.commandShown = m_commandShown->currentData().toString();
    edited.credit = text(u"credit"_s);
    edited.photographer = text(u"photographer"_s);
    edited.unit = text(u"unit"_s);
    edited.operation = text(u"operation"_s);
    edited.dateShot = m_dateShot->date() == m_dateShot->minimumDate() ? QDate() : m_dateShot->date();
    edited.city = text(u"city"_s);
    edited.sublocation = text(u"sublocation"_s);
    edited.state = text(u"state"_s);
    edited.country = text(u"country"_s);
    edited.countryCode = text(u"countryCode"_s);
    edited.keywords.clear();
    const QStringList keywords = text(u"keywords"_s).split(u',', Qt::SkipEmptyParts);
    for (const QString &keyword : keywords) {
        if (!keyword.trimmed().isEmpty())
            edited.keywords << keyword.trimmed();
    }
    edited.releaseState = ReleaseState(m_release->currentData().toInt());
    edited.releaseAuthority = text(u"releaseAuthority"_s);
    edited.captionWriter = text(u"captionWriter"_s);
    return edited;
}

bool PhotoForm::isModified() const
{
    if (!m_hasPhoto)
        return false;
    // Every field the form edits is one a caption decision covers.
    return !changedReviewedFields(m_photo, photo()).isEmpty();
}

void PhotoForm::edited()
{
    if (m_loading)
        return;
    updateCounters();
    updateChecks();
    m_saveTimer->start();
}

bool PhotoForm::save()
{
    m_saveTimer->stop();
    if (!m_library || !isModified())
        return true;
    Photo edited = photo();
    PhotoRepository repository(m_library);
    const PhotoRepository::SaveResult result = repository.save(edited);
    if (result != PhotoRepository::SaveResult::Saved) {
        Q_EMIT errorOccurred(repository.errorString());
        return false;
    }
    // Keep the fields as typed (the user may have typed on); move the baseline.
    m_photo = edited;
    updateApproval();
    Q_EMIT saved(edited);
    return true;
}

void PhotoForm::updateCounters()
{
    for (auto it = m_counters.cbegin(); it != m_counters.cend(); ++it) {
        const QString &name = it.key();
        QLabel *counter = it.value();
        if (name == u"keywords"_s) {
            const Photo now = photo();
            const int count = int(now.keywords.size());
            QStringList tooLong;
            for (const QString &keyword : now.keywords) {
                if (IptcLimits::utf8Bytes(keyword) > IptcLimits::maxBytes(name))
                    tooLong << keyword;
            }
            const bool over = count > IptcLimits::maxKeywords || !tooLong.isEmpty();
            counter->setText(u"<span style=\"color:%1\">%2/%3</span>"_s.arg(over ? errorColor : QString(), QString::number(count),
                                                                                QString::number(IptcLimits::maxKeywords)));
            counter->setToolTip(tooLong.isEmpty() ? tr("At most %1 keywords; not the photographer's name or the place.").arg(IptcLimits::maxKeywords)
                                                  : tr("Longer than %1 bytes: %2").arg(IptcLimits::maxBytes(name)).arg(tooLong.join(u", "_s)));
            continue;
        }
        const QString value = text(name);
        const int limit = IptcLimits::maxBytes(name);
        if (limit <= 0) {
            // XMP-only fields (alt text) have no byte limit; show characters.
            counter->setText(tr("%n character(s)", nullptr, int(value.size())));
            continue;
        }
        const qsizetype bytes = IptcLimits::utf8Bytes(value);
        const bool over = bytes > limit;
        counter->setText(u"<span style=\"color:%1\">%2/%3 B</span>"_s.arg(over ? errorColor : QString()).arg(bytes).arg(limit));
        QString notice;
        if (over) {
            const QString kept = IptcLimits::fitting(value, limit);
            notice = u"<span style=\"color:%1\">"_s.arg(errorColor)
                + tr("IPTC keeps only %1 bytes; this would be cut: “%2”").arg(limit).arg(value.mid(kept.size()).toHtmlEscaped())
                + u"</span>"_s;
        }
        // Multi-line fields show the notice in their counter line.
        if (QLabel *cut = m_cutNotices.value(name)) {
            cut->setText(notice);
            cut->setVisible(over);
        } else if (over) {
            counter->setText(counter->text() + u' ' + notice);
        }
        counter->setToolTip(tr("IPTC %1 holds at most %2 bytes of UTF-8; DoD ingest cuts the rest silently.")
                                .arg(IptcLimits::fieldFor(name)->name)
                                .arg(limit));
    }
}

void PhotoForm::updateChecks()
{
    if (!m_hasPhoto)
        return;
    const Photo now = photo();
    const Virin virin = Virin::parse(now.virin);
    QString verdict;
    QString color = okColor;
    if (now.virin.isEmpty()) {
        verdict = tr("No VIRIN yet.");
        color = warningColor;
    } else if (virin.status == VirinStatus::Valid) {
        verdict = tr("Valid: %1, %2, VISION ID %3").arg(virin.serviceName, QLocale().toString(virin.date, QLocale::ShortFormat), virin.visionId);
    } else {
        color = virin.status == VirinStatus::Invalid ? errorColor : warningColor;
        verdict = (virin.status == VirinStatus::Invalid ? tr("Invalid: ") : tr("Accepted with a warning: ")) + virin.messageTexts().join(u' ');
    }
    m_virinVerdict->setText(u"<span style=\"color:%1\">%2</span>"_s.arg(color, verdict.toHtmlEscaped()));

    m_findings->clear();
    if (!now.virin.isEmpty()) {
        std::optional<PhotoRepository> repository;
        if (m_library)
            repository.emplace(m_library);
        const QStringList crossChecks = VirinChecks::forPhoto(now, repository ? &*repository : nullptr);
        for (const QString &message : crossChecks) {
            auto *item = new QListWidgetItem(tr("VIRIN: %1").arg(message), m_findings);
            item->setForeground(QColor(warningColor));
        }
    }
    const QList<CaptionFinding> findings = CaptionChecker::check(now);
    for (const CaptionFinding &finding : findings) {
        auto *item = new QListWidgetItem(finding.message, m_findings);
        item->setData(Qt::UserRole, finding.rule);
        item->setToolTip(finding.rule);
        item->setForeground(QColor(finding.severity == CaptionFinding::Severity::Error ? errorColor : warningColor));
    }
    // What DVIDS would refuse: warnings, since DVIDS is not the web export.
    // A missing caption is left to the caption checker's line above.
    const QList<CaptionFinding> dvidsFindings = DvidsReadiness::check(now, findings);
    for (const CaptionFinding &finding : dvidsFindings) {
        auto *item = new QListWidgetItem(finding.message, m_findings);
        item->setData(Qt::UserRole, finding.rule);
        item->setToolTip(finding.rule);
        item->setForeground(QColor(warningColor));
    }
    if (m_findings->count() == 0)
        new QListWidgetItem(tr("No problems found."), m_findings);
}

void PhotoForm::updateApproval()
{
    if (!m_hasPhoto || !m_library)
        return;
    PhotoRepository repository(m_library);
    const QList<CaptionDecision> decisions = repository.captionDecisions(m_photo.id);
    QString text;
    switch (m_photo.approval) {
    case CaptionApproval::Pending:
        text = tr("Caption pending review.");
        if (!decisions.isEmpty()) {
            // What changed since the editor decided: the decision keeps what
            // it saw (an old one only the caption and alt text).
            const CaptionDecision &last = decisions.first();
            QStringList changed;
            for (const PhotoField field : changedReviewedFields(last.reviewed, m_photo)) {
                if (last.reviewedRecorded || field == PhotoField::Caption || field == PhotoField::AltText)
                    changed << photoFieldLabel(field);
            }
            const QString decision = captionApprovalLabel(last.decision).toLower();
            text += u' '
                + (changed.isEmpty() ? tr("Last decision (%1 by %2) was about earlier text.").arg(decision, last.decidedBy)
                                     : tr("Last decision (%1 by %2) was reset: %3 changed since.")
                                           .arg(decision, last.decidedBy, changed.join(u", "_s)));
        }
        break;
    case CaptionApproval::Approved:
    case CaptionApproval::ChangesRequested:
        if (!decisions.isEmpty()) {
            const CaptionDecision &last = decisions.first();
            text = tr("%1 by %2, %3.").arg(captionApprovalLabel(last.decision), last.decidedBy,
                                             QLocale().toString(last.decidedAt.toLocalTime(), QLocale::ShortFormat));
            if (!last.comment.isEmpty())
                text += u' ' + tr("Comment: %1").arg(last.comment);
        } else {
            text = captionApprovalLabel(m_photo.approval);
        }
        break;
    }
    m_approval->setText(text);
    const Workflow::Verdict mayDecide = Workflow::checkCaptionDecision(PeopleRepository(m_library).roleOfActor());
    const bool editor = mayDecide.allowed;
    m_approve->setEnabled(editor && m_photo.approval != CaptionApproval::Approved);
    m_requestChanges->setEnabled(editor);
    const QString why = mayDecide.reason;
    m_approve->setToolTip(why);
    m_requestChanges->setToolTip(why);
}

bool PhotoForm::suggestVirin()
{
    if (!m_hasPhoto || !m_library)
        return false;
    const Photo now = photo();
    const Virin typed = Virin::parse(now.virin);
    const QDate date = typed.date.isValid() ? typed.date : now.dateShot;
    if (typed.visionId.isEmpty() || typed.service.isNull() || !date.isValid()) {
        Q_EMIT errorOccurred(tr("Type at least the date, service and VISION ID (\"250306-D-PM193\") or set the date shot "
                                "to get the next free VIRIN."));
        return false;
    }
    const QString prefix = u"%1-%2-%3-"_s.arg(date.toString(u"yyMMdd"_s)).arg(typed.service).arg(typed.visionId);
    QStringList taken = virinsInLibrary(m_library, prefix);
    taken.removeAll(m_photo.virin); // this photo's own VIRIN is not someone else's
    const std::optional<QString> next = suggestNextVirin(typed.visionId, date, typed.service, taken, 0, typed.country);
    if (!next) {
        Q_EMIT errorOccurred(tr("No free VIRIN is left for %1 on that day.").arg(typed.visionId));
        return false;
    }
    auto *field = qobject_cast<QLineEdit *>(m_fields.value(u"virin"_s));
    field->setText(*next);
    edited();
    return true;
}

bool PhotoForm::decide(CaptionApproval decision, const QString &comment)
{
    if (!m_hasPhoto || !m_library)
        return false;
    // The decision is about what is stored, so store the edits first.
    if (!save())
        return false;
    PhotoRepository repository(m_library);
    Photo current = m_photo;
    if (repository.decideCaption(current, decision, comment) != PhotoRepository::SaveResult::Saved) {
        Q_EMIT errorOccurred(repository.errorString());
        return false;
    }
    m_photo.approval = current.approval;
    m_photo.rowVersion = current.rowVersion;
    updateApproval();
    Q_EMIT saved(m_photo);
    return true;
}

QWidget *PhotoForm::field(const QString &name) const
{
    return m_fields.value(name);
}

QLabel *PhotoForm::counter(const QString &name) const
{
    return m_counters.value(name);
}

QLabel *PhotoForm::cutNotice(const QString &name) const
{
    return m_cutNotices.value(name);
}

QLabel *PhotoForm::virinVerdict() const
{
    return m_virinVerdict;
}

QListWidget *PhotoForm::findings() const
{
    return m_findings;
}

QPushButton *PhotoForm::approveButton() const
{
    return m_approve;
}

QPushButton *PhotoForm::requestChangesButton() const
{
    return m_requestChanges;
}

QLabel *PhotoForm::approvalLabel() const
{
    return m_approval;
}
