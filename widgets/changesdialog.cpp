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
    showChangesSinceApproval(m_browser, story, approved);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_browser);
    layout->addWidget(buttons);
    resize(760, 560);
}

void showChangesSinceApproval(QTextBrowser *browser, const Story &story, const std::optional<Revision> &approved)
{
    if (approved) {
        browser->setHtml(u"<p>"_s + ChangesDialog::tr("Approved by %1 at %2.").arg(approved->createdBy, approved->createdAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s)).toHtmlEscaped()
                         + u"</p>"_s
                         + diffDocument(RevisionDiff::storyText(*approved), RevisionDiff::storyText(story)));
    } else {
        browser->setPlainText(ChangesDialog::tr("This story has not been approved before."));
    }
}

QString ChangesDialog::shownText() const
{
    return m_browser->toPlainText();
}
