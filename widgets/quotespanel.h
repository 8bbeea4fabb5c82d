// SPDX-License-Identifier: MIT
#pragma once

#include "quoteanalyzer.h"

#include <QWidget>

class QTreeWidget;
class QTreeWidgetItem;

// Every quotation of the body with its speaker and how the speaker was found,
// then what needs the editor's eye (unbalanced marks, no speaker, quotes split
// across paragraphs) and, as information, bracketed insertions. Clicking a row
// asks the editor to select that text.
class QuotesPanel : public QWidget
{
    Q_OBJECT
public:
    explicit QuotesPanel(QWidget *parent = nullptr);

    void setAnalysis(const Quotes::Analysis &analysis);
    const Quotes::Analysis &analysis() const;
    QTreeWidget *view() const;

    // The quotation whose range holds position, or none.
    std::optional<Quotes::Quotation> quotationAt(qsizetype position) const;

    static QString attributionLabel(Quotes::Quotation::Attribution attribution);

Q_SIGNALS:
    void rangeActivated(qsizetype offset, qsizetype length);

private:
    Quotes::Analysis m_analysis;
    QTreeWidget *m_view;
    QTreeWidgetItem *m_quotations;
    QTreeWidgetItem *m_findings;
};
