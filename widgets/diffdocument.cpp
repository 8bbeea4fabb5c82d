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
        + u"<p><b>%1</b></p>"_s.arg(QObject::tr("%n word(s) added", nullptr, int(counts.inserted)) + u", "_s
                                    + QObject::tr("%n word(s) removed", nullptr, int(counts.deleted)))
        + u"<div style=\"white-space: pre-wrap\">"_s + RevisionDiff::toHtml(diff) + u"</div>"_s;
}
