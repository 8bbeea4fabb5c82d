// SPDX-License-Identifier: MIT
#pragma once

// Medians and tails of timed samples, printed one line per measure.

#include <QElapsedTimer>
#include <QList>

#include <algorithm>
#include <cstdio>

namespace BenchFigures {

struct Figures
{
    double median = 0;
    double p95 = 0;
    double max = 0;
};

inline Figures figures(QList<double> samples)
{
    std::sort(samples.begin(), samples.end());
    if (samples.isEmpty())
        return {};
    auto at = [&](double q) { return samples.at(std::min<qsizetype>(samples.size() - 1, qsizetype(q * double(samples.size())))); };
    return {at(0.5), at(0.95), samples.last()};
}

inline void print(const char *what, const Figures &f, int runs, const char *target)
{
    std::printf("%-34s median %8.2f ms   p95 %8.2f ms   max %8.2f ms   (%d runs; target %s)\n", what, f.median, f.p95,
                f.max, runs, target);
}

inline double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace BenchFigures
