// SPDX-License-Identifier: MIT
// The live preview's figures: from the moment a render of an edited story is
// requested until the page's DOM shows it (the page patched over QWebChannel),
// for single keystrokes in a 20,000-word story with 30 photos. The deliberate
// pause after typing is not counted: the clock starts when the window asks
// the preview for the edited story. Prints median, 95th percentile and max;
// asserts nothing. Runs offscreen with Qt WebEngine.

#include "articlerenderer.h"
#include "benchstory.h"
#include "previewdocument.h"
#include "previewpane.h"
#include "textsafety.h"

#include <QApplication>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdio>
#include <ctime>

#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace Bench;

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    // ./dev bench runs as root in the build root, where Chromium's sandbox
    // refuses to start (the tests set the same).
    if (::geteuid() == 0 && !qEnvironmentVariableIsSet("QTWEBENGINE_DISABLE_SANDBOX"))
        qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1");
    if (!qEnvironmentVariableIsSet("QTWEBENGINE_CHROMIUM_FLAGS"))
        qputenv("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu");
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir dir;
    Library library;
    QString error;
    std::optional<Story> sample = SampleLibrary::open(&library, dir.filePath(u"bench.newsdesk"_s), &error);
    QList<Photo> photos;
    int words = 0;
    std::optional<Story> story = sample ? createLongStory(&library, *sample, &photos, &words, &error) : std::nullopt;
    if (!story) {
        std::fprintf(stderr, "bench_preview: cannot prepare the story: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("story: %d words, %lld photos\n", words, qlonglong(photos.size()));

    PreviewPane pane;
    pane.setImageProvider([&library](const QString &hash) -> std::optional<PreviewPane::Image> {
        const std::optional<StoredImage> image = PhotoRepository(&library).image(hash);
        if (!image)
            return std::nullopt;
        return PreviewPane::Image{image->data, image->mimeType.toLatin1()};
    });
    pane.resize(900, 1000);
    pane.show();
    int shown = 0;
    QObject::connect(&pane, &PreviewPane::contentShown, &pane, [&shown](int revision) { shown = revision; });
    auto waitUntilShown = [&](int seconds) {
        QElapsedTimer timer;
        timer.start();
        while (!(shown == pane.revision() && shown > 0 && pane.revision() > 0) && timer.elapsed() < seconds * 1000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
        return shown == pane.revision();
    };

    QElapsedTimer first;
    first.start();
    pane.showStory(*story, photos);
    if (!waitUntilShown(60)) {
        std::fprintf(stderr, "bench_preview: the page never showed the story\n");
        return 1;
    }
    std::printf("first load of the page with the whole story: %.1f ms\n", double(first.nsecsElapsed()) / 1e6);

    // Keystrokes spread through the story, each waited for before the next.
    constexpr int edits = 100;
    QList<double> milliseconds;
    // Where the time goes: until the pane publishes the render to the page
    // (render off the GUI thread, patch), and from there until the page
    // reports its DOM patched (QWebChannel both ways, the page's script).
    QList<double> untilPublished;
    QList<double> pageRoundTrip;
    QElapsedTimer timer;
    qint64 published = 0;
    QObject::connect(pane.findChild<PreviewDocument *>(), &PreviewDocument::contentChanged, &pane,
                     [&] { published = timer.nsecsElapsed(); });
    Story edited = *story;
    quint32 seed = 6;
    for (int i = 0; i < edits; ++i) {
        seed = seed * 1664525u + 1013904223u;
        // Inside a word of some paragraph: find a letter near a random place.
        qsizetype at = qsizetype(seed % quint32(edited.body.size()));
        while (at < edited.body.size() && !edited.body.at(at).isLetter())
            ++at;
        edited.body.insert(at, u'x');
        const int before = pane.revision();
        timer.start();
        pane.showStory(edited, photos);
        QElapsedTimer limit;
        limit.start();
        while (!(pane.revision() > before && shown == pane.revision()) && limit.elapsed() < 30000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
        const qint64 done = timer.nsecsElapsed();
        milliseconds << double(done) / 1e6;
        untilPublished << double(published) / 1e6;
        pageRoundTrip << double(done - published) / 1e6;
    }
    print("edit -> preview DOM updated (keystroke, 20k words)", figuresOf(milliseconds));
    print("  of which render and patch, until published", figuresOf(untilPublished));
    print("  of which the page's round trip", figuresOf(pageRoundTrip));

    ArticleRenderer::Options options;
    print("render of the preview's blocks (off the GUI thread)",
          measure(60, [&] { ArticleRenderer::bodyBlocks(edited, photos, options); }));
    // The same in CPU time of the thread, which other processes on a busy
    // machine do not inflate: the render from scratch, and as the pane runs
    // it, a keystroke's render with the blocks of the one before kept.
    const auto cpuTime = [](int runs, const std::function<void()> &work) {
        work();
        QList<double> samples;
        for (int i = 0; i < runs; ++i) {
            timespec start{};
            timespec end{};
            ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start);
            work();
            ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end);
            samples << double(end.tv_sec - start.tv_sec) * 1e3 + double(end.tv_nsec - start.tv_nsec) / 1e6;
        }
        return figuresOf(samples);
    };
    print("  CPU time, every block rendered", cpuTime(60, [&] { ArticleRenderer::bodyBlocks(edited, photos, options); }));
    ArticleRenderer::BlockCache cache;
    print("  CPU time, a keystroke, unchanged blocks kept", cpuTime(60, [&] {
              seed = seed * 1664525u + 1013904223u;
              qsizetype at = qsizetype(seed % quint32(edited.body.size()));
              while (at < edited.body.size() && !edited.body.at(at).isLetter())
                  ++at;
              edited.body.insert(at, u'x');
              ArticleRenderer::bodyBlocks(edited, photos, options, &cache);
          }));
    print("  of which cleaning the body's text", cpuTime(60, [&] { TextSafety::clean(edited.body, TextSafety::Lines::Multi); }));
    return 0;
}
