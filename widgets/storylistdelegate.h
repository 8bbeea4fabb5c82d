// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

// Draws a story list row as a mail client draws a message: the headline in
// bold on the first line, and under it either the matching passage with the
// searched words in bold (while searching) or the story's status, when it
// last changed and by whom.
class StoryListDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    // Lines under the headline: the passage gets two, the status line one.
    static constexpr int detailLines = 2;

    // What the row shows under its headline, as HTML (only <b> marks).
    static QString detailHtml(const QModelIndex &index);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};
