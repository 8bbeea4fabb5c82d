// SPDX-License-Identifier: MIT
#include "diffdocument.h"

#include "revisiondiff.h"

#include <QObject>

using namespace Qt::StringLiterals;

QString diffDocument(const QString &before, const QString &after)
{
    const QList<DiffSegment> diff = RevisionDiff::compareWords(before, after);
    const RevisionDiff::Counts counts = RevisionDiff::countWords(diff);
    return u"<style>ins { background: #c8f0c8; text-decoration: none; } del { background: #f6c6c6; }</style>"_s
        + u"<p><b>%1</b></p>"_s.arg((counts.inserted == 1 ? QObject::tr("1 word added") : QObject::tr("%1 words added").arg(counts.inserted))
                                    + u", "_s
                                    + (counts.deleted == 1 ? QObject::tr("1 word removed") : QObject::tr("%1 words removed").arg(counts.deleted)))
        + u"<div style=\"white-space: pre-wrap\">"_s + RevisionDiff::toHtml(diff) + u"</div>"_s;
}
