// SPDX-License-Identifier: MIT
#include "revisiondiff.h"

#include <QHash>

#include <dtl/dtl.hpp>

#include <vector>

using namespace Qt::StringLiterals;

namespace RevisionDiff {

QStringList tokenize(const QString &text)
{
    QStringList tokens;
    qsizetype i = 0;
    const qsizetype n = text.size();
    auto isWordChar = [](QChar c) {
        return c.isLetterOrNumber() || c.category() == QChar::Mark_NonSpacing || c == u'\'' || c == u'’';
    };
    while (i < n) {
        const qsizetype start = i;
        const QChar c = text.at(i);
        if (c.isSpace()) {
            while (i < n && text.at(i).isSpace())
                ++i;
        } else if (isWordChar(c)) {
            while (i < n && (isWordChar(text.at(i)) || text.at(i).isSurrogate()))
                ++i;
        } else if (c.isHighSurrogate() && i + 1 < n) {
            i += 2; // an emoji or other astral character is one unit
        } else {
            ++i;
        }
        tokens << text.mid(start, i - start);
    }
    return tokens;
}

QList<DiffSegment> compareWords(const QString &before, const QString &after)
{
    const QStringList a = tokenize(before);
    const QStringList b = tokenize(after);
    // Compare small integers rather than strings: one id per distinct token.
    QHash<QString, int> ids;
    auto intern = [&ids](const QStringList &tokens) {
        std::vector<int> out;
        out.reserve(size_t(tokens.size()));
        for (const QString &token : tokens) {
            auto it = ids.constFind(token);
            if (it == ids.constEnd())
                it = ids.insert(token, int(ids.size()));
            out.push_back(*it);
        }
        return out;
    };
    const std::vector<int> left = intern(a);
    const std::vector<int> right = intern(b);

    dtl::Diff<int, std::vector<int>> diff(left, right);
    diff.compose();
    const auto sequence = diff.getSes().getSequence();

    QList<DiffSegment> segments;
    auto append = [&segments](DiffSegment::Kind kind, const QString &text) {
        if (!segments.isEmpty() && segments.last().kind == kind)
            segments.last().text += text;
        else
            segments.append(DiffSegment{kind, text});
    };
    for (const auto &[element, info] : sequence) {
        switch (info.type) {
        case dtl::SES_COMMON:
            append(DiffSegment::Kind::Same, a.at(info.beforeIdx - 1));
            break;
        case dtl::SES_DELETE:
            append(DiffSegment::Kind::Deleted, a.at(info.beforeIdx - 1));
            break;
        case dtl::SES_ADD:
            append(DiffSegment::Kind::Inserted, b.at(info.afterIdx - 1));
            break;
        }
    }
    return segments;
}

QString toHtml(const QList<DiffSegment> &segments)
{
    QString html;
    for (const DiffSegment &segment : segments) {
        const QString text = segment.text.toHtmlEscaped();
        switch (segment.kind) {
        case DiffSegment::Kind::Same:
            html += text;
            break;
        case DiffSegment::Kind::Inserted:
            html += u"<ins>"_s + text + u"</ins>"_s;
            break;
        case DiffSegment::Kind::Deleted:
            html += u"<del>"_s + text + u"</del>"_s;
            break;
        }
    }
    return html;
}

Counts countWords(const QList<DiffSegment> &segments)
{
    Counts counts;
    for (const DiffSegment &segment : segments) {
        if (segment.kind == DiffSegment::Kind::Same)
            continue;
        int words = 0;
        for (const QString &token : tokenize(segment.text)) {
            if (!token.at(0).isSpace() && token.at(0).isLetterOrNumber())
                ++words;
        }
        (segment.kind == DiffSegment::Kind::Inserted ? counts.inserted : counts.deleted) += words;
    }
    return counts;
}

} // namespace RevisionDiff
