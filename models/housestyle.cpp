// SPDX-License-Identifier: MIT
#include "housestyle.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace HouseStyle {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("HouseStyle", text);
}

// Capitals only, with enough letters to be shouting rather than an acronym.
bool isAllCaps(const QString &text)
{
    int letters = 0;
    for (const QChar c : text) {
        if (c.isLetter()) {
            if (c.isLower())
                return false;
            ++letters;
        }
    }
    return letters > 4;
}

} // namespace

QStringList headlineHints(const QString &headline)
{
    QStringList hints;
    const QString text = headline.trimmed();
    if (text.isEmpty())
        return {tr("A story needs a headline.")};
    if (text.size() > HeadlineMaxLength)
        hints << tr("Headline is %1 characters; keep it within %2.").arg(text.size()).arg(HeadlineMaxLength);
    if (text.endsWith(u'.') && !text.endsWith(u"..."_s))
        hints << tr("Headlines take no full stop.");
    if (isAllCaps(text))
        hints << tr("Headline is in capitals; use headline case.");
    if (text.contains(u"  "_s))
        hints << tr("Headline has a double space.");
    return hints;
}

QStringList dekHints(const QString &dek)
{
    QStringList hints;
    const QString text = dek.trimmed();
    if (text.isEmpty())
        return hints;
    if (text.size() > DekMaxLength)
        hints << tr("Dek is %1 characters; keep it within %2.").arg(text.size()).arg(DekMaxLength);
    static const QRegularExpression sentenceEnd(u"[.?!][\"”’)]*$"_s);
    if (!sentenceEnd.match(text).hasMatch())
        hints << tr("A dek is a sentence: end it with a full stop.");
    return hints;
}

QStringList bylineHints(const QString &byline)
{
    QStringList hints;
    const QString text = byline.trimmed();
    if (text.isEmpty())
        return hints;
    if (!text.startsWith(u"By "_s))
        hints << tr("Bylines read \"By First Last\".");
    if (isAllCaps(text))
        hints << tr("Byline is in capitals.");
    if (text.endsWith(u'.'))
        hints << tr("Bylines take no full stop.");
    return hints;
}

QStringList datelineHints(const QString &dateline)
{
    QStringList hints;
    const QString text = dateline.trimmed();
    if (text.isEmpty())
        return hints;
    if (text.endsWith(u"--"_s) || text.endsWith(u" -"_s) || text.endsWith(u'–'))
        hints << tr("A dateline ends with an em dash (—).");
    else if (!text.endsWith(u'—'))
        hints << tr("A dateline ends with an em dash: \"WASHINGTON —\".");
    static const QRegularExpression form(u"^[A-Z][A-Z .'-]*(, [A-Z][\\w.' ]*)? ?[—–-]+$"_s);
    if (!form.match(text).hasMatch())
        hints << tr("Datelines give the city in capitals: \"WASHINGTON —\", \"KYIV, Ukraine —\".");
    return hints;
}

} // namespace HouseStyle
