// SPDX-License-Identifier: MIT
#include "storylistdelegate.h"

#include "storylistmodel.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QPainter>
#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace {

constexpr int margin = 4;

QFont detailFont(const QFont &base)
{
    QFont font = base;
    font.setPointSizeF(base.pointSizeF() * 0.9);
    return font;
}

QString whenText(const QDateTime &updated)
{
    const QDateTime local = updated.toLocalTime();
    if (local.date() == QDate::currentDate())
        return local.toString(u"HH:mm"_s);
    if (local.date().year() == QDate::currentDate().year())
        return QLocale().toString(local.date(), u"MMM d"_s);
    return QLocale().toString(local.date(), QLocale::ShortFormat);
}

} // namespace

QString StoryListDelegate::detailHtml(const QModelIndex &index)
{
    const QString snippet = index.data(StoryListModel::SnippetRole).toString();
    if (!snippet.isEmpty())
        return snippet;
    return QStringList{index.data(StoryListModel::StatusLabelRole).toString(),
                       whenText(index.data(StoryListModel::UpdatedAtRole).toDateTime()),
                       index.data(StoryListModel::UpdatedByRole).toString()}
        .join(u" · "_s)
        .toHtmlEscaped();
}

QSize StoryListDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    Q_UNUSED(index)
    const QFontMetrics headline(option.font);
    const QFontMetrics detail(detailFont(option.font));
    return {option.rect.width() > 0 ? option.rect.width() : 200, 2 * margin + headline.height() + detailLines * detail.lineSpacing() + 2};
}

void StoryListDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString headline = opt.text;
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = opt.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
    const QColor text = opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    QColor quiet = text;
    quiet.setAlphaF(0.7f);
    const QRect area = opt.rect.adjusted(margin, margin, -margin, -margin);

    painter->save();
    QFont bold = opt.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(text);
    const QFontMetrics boldMetrics(bold);
    painter->drawText(QRect(area.left(), area.top(), area.width(), boldMetrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      boldMetrics.elidedText(headline, Qt::ElideRight, area.width()));

    // The passage is rich text (the searched words in bold), laid out in at
    // most detailLines lines and clipped there.
    QTextDocument detail;
    detail.setDocumentMargin(0);
    detail.setDefaultFont(detailFont(opt.font));
    detail.setTextWidth(area.width());
    detail.setHtml(detailHtml(index));
    const QFontMetrics detailMetrics(detail.defaultFont());
    const QRect detailRect(area.left(), area.top() + boldMetrics.height() + 2, area.width(), detailLines * detailMetrics.lineSpacing());
    painter->translate(detailRect.topLeft());
    painter->setClipRect(QRect(QPoint(0, 0), detailRect.size()));
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette = opt.palette;
    context.palette.setColor(QPalette::Text, quiet);
    detail.documentLayout()->draw(painter, context);
    painter->restore();
}
