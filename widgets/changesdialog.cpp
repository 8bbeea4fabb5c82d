// SPDX-License-Identifier: MIT
#include "changesdialog.h"

#include "diffdocument.h"
#include "revisiondiff.h"

#include <QDialogButtonBox>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ChangesDialog::ChangesDialog(const Story &story, const std::optional<Revision> &approved, QWidget *parent)
    : QDialog(parent)
    , m_browser(new QTextBrowser(this))
{
    setObjectName(u"changesDialog"_s);
    setWindowTitle(tr("Changes Since the Last Approval"));
    m_browser->setObjectName(u"changesDiff"_s);
    if (approved) {
        m_browser->setHtml(u"<p>"_s + tr("Approved by %1 at %2.").arg(approved->createdBy, approved->createdAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s)).toHtmlEscaped()
                           + u"</p>"_s
                           + diffDocument(RevisionDiff::storyText(*approved), RevisionDiff::storyText(story)));
    } else {
        m_browser->setPlainText(tr("This story has not been approved before."));
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_browser);
    layout->addWidget(buttons);
    resize(760, 560);
}

QString ChangesDialog::shownText() const
{
    return m_browser->toPlainText();
}
