// SPDX-License-Identifier: MIT
// Adding 200 photos must never freeze the window: this measures how long the
// GUI event loop goes without turning while an import runs, and how long the
// import takes.
//
//   bench_import [--photos N] [--megapixels M]
#include "library.h"
#include "photoimporter.h"
#include "storyrepository.h"

#include <QGuiApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QLinearGradient>
#include <QPainter>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption photosOption(u"photos"_s, u"How many photos."_s, u"n"_s, u"200"_s);
    const QCommandLineOption sizeOption(u"megapixels"_s, u"Size of each photo."_s, u"m"_s, u"6"_s);
    parser.addOptions({photosOption, sizeOption});
    parser.process(app);
    const int count = parser.value(photosOption).toInt();
    const double megapixels = parser.value(sizeOption).toDouble();

    // Distinct JPEGs, made once and kept beside the build for the next run.
    const QString folder = u"bench-import-%1x%2"_s.arg(count).arg(megapixels);
    QDir().mkpath(folder);
    const int width = int(std::sqrt(megapixels * 1e6 * 1.5));
    const int height = width * 2 / 3;
    QStringList files;
    for (int i = 0; i < count; ++i) {
        const QString path = QDir(folder).filePath(u"250306-D-PM193-%1.jpg"_s.arg(1000 + i));
        if (!QFile::exists(path)) {
            QImage image(width, height, QImage::Format_RGB32);
            QPainter painter(&image);
            QLinearGradient gradient(0, 0, width, height);
            gradient.setColorAt(0, QColor::fromHsv((i * 37) % 360, 160, 200));
            gradient.setColorAt(1, QColor::fromHsv((i * 91) % 360, 120, 90));
            painter.fillRect(image.rect(), gradient);
            painter.setPen(Qt::white);
            painter.setFont(QFont(u"DejaVu Sans"_s, height / 12));
            painter.drawText(image.rect(), Qt::AlignCenter, QString::number(i));
            painter.end();
            image.save(path, "JPEG", 88);
        }
        files << path;
    }

    QTemporaryDir dir;
    Library library;
    if (!library.open(dir.filePath(u"import.newsdesk"_s))) {
        std::fprintf(stderr, "%s\n", qPrintable(library.errorString()));
        return 1;
    }
    const qint64 storyId = StoryRepository(&library).create(Story{.headline = u"Import benchmark"_s})->id;

    // A timer that should fire every 5 ms; the gaps between its ticks are how
    // long the window could not repaint or take input.
    QList<double> gaps;
    QElapsedTimer tick;
    QTimer heartbeat;
    heartbeat.setInterval(5);
    QObject::connect(&heartbeat, &QTimer::timeout, &app, [&] {
        gaps << double(tick.nsecsElapsed()) / 1e6;
        tick.restart();
    });

    PhotoImporter importer(&library, storyId);
    QElapsedTimer total;
    int added = 0;
    QStringList problems;
    QObject::connect(&importer, &PhotoImporter::finished, &app, [&](int n, const QStringList &p) {
        added = n;
        problems = p;
        app.quit();
    });
    total.start();
    tick.start();
    heartbeat.start();
    importer.start(files);
    app.exec();
    const double seconds = double(total.elapsed()) / 1000.0;

    std::sort(gaps.begin(), gaps.end());
    auto at = [&](double q) { return gaps.isEmpty() ? 0.0 : gaps.at(std::min<qsizetype>(gaps.size() - 1, qsizetype(q * double(gaps.size())))); };
    std::printf("imported %d of %d photos (%d x %d px JPEG) in %.2f s: %.1f photos/s\n", added, count, width, height,
                seconds, double(added) / seconds);
    std::printf("event loop gaps while importing (timer every 5 ms): median %.2f ms   p95 %.2f ms   max %.2f ms   (%lld ticks)\n",
                at(0.5), at(0.95), gaps.isEmpty() ? 0.0 : gaps.last(), qsizetype(gaps.size()));
    if (!problems.isEmpty())
        std::printf("problems: %s\n", qPrintable(problems.join(u"; "_s)));
    std::printf("notes: %lld (e.g. %s)\n", qsizetype(importer.notes().size()), qPrintable(importer.notes().value(0)));
    return added == count ? 0 : 1;
}
