// SPDX-License-Identifier: MIT
#include "historydialog.h"

#include "diffdocument.h"
#include "revisiondiff.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

// How a revision came to be, for people (revisionKindKey() is the stored key).
static QString revisionKindLabel(Revision::Kind kind)
{
    switch (kind) {
    case Revision::Kind::Save:
        return HistoryDialog::tr("save");
    case Revision::Kind::Autosave:
        return HistoryDialog::tr("autosave");
    case Revision::Kind::Restore:
        return HistoryDialog::tr("restore");
    case Revision::Kind::Import:
        return HistoryDialog::tr("import");
    }
    return {};
}

HistoryDialog::HistoryDialog(const Story &story, const QList<Revision> &revisions, bool canRestore, QWidget *parent)
    : QDialog(parent)
    , m_revisions(revisions)
    , m_list(new QListWidget(this))
    , m_base(new QComboBox(this))
    , m_browser(new QTextBrowser(this))
{
    setObjectName(u"historyDialog"_s);
    setWindowTitle(tr("History of \"%1\"").arg(story.headline));
    m_list->setObjectName(u"historyRevisions"_s);
    m_base->setObjectName(u"historyBase"_s);
    for (const Revision &revision : m_revisions) {
        const QString line = tr("%1 · %2 · %3 (%4)")
                                 .arg(revision.createdAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s), revision.createdBy,
                                      revisionKindLabel(revision.kind), storyStatusLabel(revision.status));
        auto *item = new QListWidgetItem(line, m_list);
        item->setData(Qt::UserRole, revision.id);
        m_base->addItem(line, revision.id);
    }
    m_browser->setObjectName(u"historyDiff"_s);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        // By default each revision is compared with the one before it.
        if (row >= 0)
            m_base->setCurrentIndex(qMin(row + 1, int(m_revisions.size()) - 1));
        showDiff();
    });
    connect(m_base, &QComboBox::currentIndexChanged, this, &HistoryDialog::showDiff);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_restore = buttons->addButton(tr("&Restore This Revision"), QDialogButtonBox::ActionRole);
    m_restore->setObjectName(u"historyRestore"_s);
    m_restore->setEnabled(canRestore);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_restore, &QPushButton::clicked, this, &HistoryDialog::restoreShown);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_list);
    auto *lower = new QWidget(splitter);
    auto *lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    auto *baseRow = new QFormLayout;
    baseRow->addRow(tr("Compared &with:"), m_base);
    lowerLayout->addLayout(baseRow);
    lowerLayout->addWidget(m_browser);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);
    layout->addWidget(buttons);
    resize(800, 640);
    if (!m_revisions.isEmpty())
        m_list->setCurrentRow(0);
}

QStringList HistoryDialog::revisionLines() const
{
    QStringList lines;
    for (int row = 0; row < m_list->count(); ++row)
        lines << m_list->item(row)->text();
    return lines;
}

void HistoryDialog::showRevision(int row)
{
    m_list->setCurrentRow(row);
}

int HistoryDialog::shownRevision() const
{
    return m_list->currentRow();
}

void HistoryDialog::compareWith(int row)
{
    m_base->setCurrentIndex(row);
}

int HistoryDialog::comparedWith() const
{
    return m_base->currentIndex();
}

QString HistoryDialog::diffText() const
{
    return m_browser->toPlainText();
}

void HistoryDialog::restoreShown()
{
    const int row = m_list->currentRow();
    if (row < 0 || !m_restore->isEnabled())
        return;
    Q_EMIT restoreRequested(m_revisions.at(row).id);
}

void HistoryDialog::showDiff()
{
    const int row = m_list->currentRow();
    const int baseRow = m_base->currentIndex();
    if (row < 0 || baseRow < 0)
        return;
    m_browser->setHtml(diffDocument(RevisionDiff::storyText(m_revisions.at(baseRow)), RevisionDiff::storyText(m_revisions.at(row))));
}
