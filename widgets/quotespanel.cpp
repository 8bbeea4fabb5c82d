// SPDX-License-Identifier: MIT
#include "quotespanel.h"

#include "textsafety.h"

#include <QHeaderView>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <utility>

using namespace Qt::StringLiterals;

namespace {
QString elided(const QString &text)
{
    constexpr int maximum = 80;
    const QString simple = text.simplified();
    return simple.size() > maximum ? simple.left(maximum - 1) + u'…' : simple;
}
} // namespace

QuotesPanel::QuotesPanel(QWidget *parent)
    : QWidget(parent)
    , m_view(new QTreeWidget(this))
    , m_quotations(new QTreeWidgetItem)
    , m_findings(new QTreeWidgetItem)
{
    setObjectName(u"quotesPanel"_s);
    m_view->setObjectName(u"quotesView"_s);
    m_view->setColumnCount(3);
    m_view->setHeaderLabels({tr("Quotation"), tr("Speaker"), tr("How found")});
    m_view->setRootIsDecorated(true);
    m_view->setUniformRowHeights(true);
    // The panel is narrow: the quotation gets most of it, the rest scrolls,
    // and each row's tooltip says it all.
    m_view->header()->setStretchLastSection(false);
    m_view->setColumnWidth(0, 240);
    m_view->setColumnWidth(1, 120);
    m_view->setColumnWidth(2, 200);
    m_view->addTopLevelItem(m_quotations);
    m_view->addTopLevelItem(m_findings);
    m_quotations->setFirstColumnSpanned(true);
    m_findings->setFirstColumnSpanned(true);
    m_quotations->setExpanded(true);
    m_findings->setExpanded(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    connect(m_view, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        // Where a row points is the analysis's, row for row, not the item's:
        // an edit moves every quotation after it, and rewriting hundreds of
        // rows' data after each pause cost the GUI thread more than the rest
        // of the update (bench_editor).
        const QTreeWidgetItem *group = item->parent();
        const qsizetype row = group ? group->indexOfChild(item) : -1;
        if (group == m_quotations && row >= 0 && row < m_analysis.quotations.size())
            Q_EMIT rangeActivated(m_analysis.quotations.at(row).range.offset, m_analysis.quotations.at(row).range.length);
        else if (group == m_findings && row >= 0 && row < m_analysis.findings.size())
            Q_EMIT rangeActivated(m_analysis.findings.at(row).range.offset, m_analysis.findings.at(row).range.length);
    });
    connect(m_view, &QTreeWidget::itemActivated, m_view, &QTreeWidget::itemClicked);
    setAnalysis({});
}

QString QuotesPanel::attributionLabel(Quotes::Quotation::Attribution attribution)
{
    using A = Quotes::Quotation::Attribution;
    switch (attribution) {
    case A::None:
        return tr("not found");
    case A::SpeakerVerb:
        return tr("\"X said\"");
    case A::VerbSpeaker:
        return tr("\"said X\"");
    case A::Pronoun:
        return tr("pronoun → last speaker");
    case A::SentenceSubject:
        return tr("subject of the sentence");
    case A::SameSpeaker:
        return tr("continues the quote before");
    }
    return {};
}

namespace {

// What a quotation's row shows, which an edit elsewhere leaves alone: typing
// before a quotation moves its range and nothing else.
bool sameRow(const Quotes::Quotation &a, const Quotes::Analysis &inA, const Quotes::Quotation &b, const Quotes::Analysis &inB)
{
    if (a.text != b.text || a.attribution != b.attribution || a.speakerAsWritten != b.speakerAsWritten || a.verb != b.verb)
        return false;
    const Quotes::Speaker *speakerA = a.speaker >= 0 ? &inA.speakers.at(a.speaker) : nullptr;
    const Quotes::Speaker *speakerB = b.speaker >= 0 ? &inB.speakers.at(b.speaker) : nullptr;
    if (!speakerA || !speakerB)
        return speakerA == speakerB;
    return speakerA->name == speakerB->name && speakerA->fullName == speakerB->fullName
        && speakerA->firstReference == speakerB->firstReference;
}

} // namespace

void QuotesPanel::setAnalysis(const Quotes::Analysis &analysis)
{
    if (analysis.quotations == m_analysis.quotations && analysis.findings == m_analysis.findings
        && analysis.speakers == m_analysis.speakers && m_quotations->childCount() == analysis.quotations.size())
        return;
    const Quotes::Analysis shown = std::exchange(m_analysis, analysis);
    // Called after every pause in typing, on the GUI thread: reuse the rows,
    // which costs far less than building hundreds of items again and keeps
    // the scroll, and leave a row whose text is unchanged alone (where it
    // points is m_analysis's).
    m_view->setUpdatesEnabled(false);
    const auto resize = [](QTreeWidgetItem *parent, qsizetype count) {
        while (parent->childCount() > count)
            delete parent->takeChild(parent->childCount() - 1);
        QList<QTreeWidgetItem *> added;
        for (qsizetype i = parent->childCount(); i < count; ++i)
            added << new QTreeWidgetItem;
        parent->addChildren(added);
    };
    const qsizetype shownQuotations = std::min(shown.quotations.size(), qsizetype(m_quotations->childCount()));
    resize(m_quotations, analysis.quotations.size());
    for (qsizetype i = 0; i < analysis.quotations.size(); ++i) {
        const Quotes::Quotation &quotation = analysis.quotations.at(i);
        QTreeWidgetItem *item = m_quotations->child(int(i));
        if (i < shownQuotations && sameRow(shown.quotations.at(i), shown, quotation, analysis))
            continue;
        item->setText(0, u"“"_s + elided(quotation.text) + u"”"_s);
        const Quotes::Speaker *speaker = quotation.speaker >= 0 ? &analysis.speakers.at(quotation.speaker) : nullptr;
        item->setText(1, speaker ? (speaker->fullName.isEmpty() ? speaker->name : speaker->fullName) : tr("(none)"));
        // Tooltips are rich text when they look like markup; the body's text is not.
        item->setToolTip(1, speaker ? TextSafety::asRichText(tr("First reference: %1").arg(speaker->firstReference)) : QString());
        QString how = attributionLabel(quotation.attribution);
        if (!quotation.speakerAsWritten.isEmpty() && quotation.attribution != Quotes::Quotation::Attribution::SameSpeaker
            && quotation.attribution != Quotes::Quotation::Attribution::SentenceSubject)
            how = (quotation.verb.isEmpty() ? quotation.speakerAsWritten : quotation.speakerAsWritten + u' ' + quotation.verb)
                + u" — "_s + how;
        item->setText(2, how);
        item->setToolTip(0, TextSafety::asRichText(u"“"_s + quotation.text + u"”\n— "_s + item->text(1) + u" ("_s + how + u')'));
    }
    m_quotations->setText(0, tr("Quotations (%1)").arg(analysis.quotations.size()));

    const qsizetype shownFindings = std::min(shown.findings.size(), qsizetype(m_findings->childCount()));
    resize(m_findings, analysis.findings.size());
    int warnings = 0;
    for (qsizetype i = 0; i < analysis.findings.size(); ++i) {
        const Quotes::Finding &finding = analysis.findings.at(i);
        QTreeWidgetItem *item = m_findings->child(int(i));
        const bool warning = finding.severity == Quotes::Finding::Severity::Warning;
        warnings += warning ? 1 : 0;
        if (i < shownFindings && shown.findings.at(i).message == finding.message
            && shown.findings.at(i).severity == finding.severity)
            continue;
        item->setIcon(0, style()->standardIcon(warning ? QStyle::SP_MessageBoxWarning : QStyle::SP_MessageBoxInformation));
        item->setText(0, finding.message);
        item->setToolTip(0, TextSafety::asRichText(finding.message));
        item->setFirstColumnSpanned(true);
    }
    m_findings->setText(0, tr("Findings (%1 to check, %2 for information)").arg(warnings).arg(analysis.findings.size() - warnings));
    m_view->setUpdatesEnabled(true);
}

const Quotes::Analysis &QuotesPanel::analysis() const
{
    return m_analysis;
}

QTreeWidget *QuotesPanel::view() const
{
    return m_view;
}

std::optional<Quotes::Quotation> QuotesPanel::quotationAt(qsizetype position) const
{
    for (const Quotes::Quotation &quotation : m_analysis.quotations) {
        if (position >= quotation.range.offset && position <= quotation.range.end())
            return quotation;
    }
    return std::nullopt;
}
