// SPDX-License-Identifier: MIT
#pragma once

// The story list's search as a user meets it: the ranked page and the
// highlighted passages of the rows a view shows (about 25), timed per term,
// for bench_library and bench_team alike.

#include "benchfigures.h"
#include "storylistmodel.h"

#include <QElapsedTimer>
#include <QHash>
#include <QStringList>

#include <algorithm>
#include <cstdio>

namespace BenchFigures {

// Every term, rounds times, on a fresh list of library; with
// NEWSDESK_BENCH_VERBOSE set, each term's median and max after label (which
// terms make the tail).
inline QList<double> timeListSearch(Library &library, const QStringList &terms, int rounds, const char *label)
{
    QList<double> times;
    QHash<QString, QList<double>> perTerm;
    StoryListModel model(&library);
    for (int round = 0; round < rounds; ++round) {
        for (const QString &term : terms) {
            QElapsedTimer timer;
            timer.start();
            model.setSearchText(term);
            for (int row = 0; row < std::min(25, model.rowCount()); ++row)
                model.index(row).data(StoryListModel::SnippetRole);
            times << msSince(timer);
            perTerm[term] << times.last();
        }
    }
    if (!qEnvironmentVariableIsEmpty("NEWSDESK_BENCH_VERBOSE")) {
        for (const QString &term : terms)
            std::printf("%s %-19s median %7.2f ms   max %7.2f ms\n", label, qPrintable(term), figures(perTerm.value(term)).median,
                        figures(perTerm.value(term)).max);
    }
    return times;
}

} // namespace BenchFigures
