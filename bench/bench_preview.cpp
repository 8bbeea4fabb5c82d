// SPDX-License-Identifier: MIT
// The live preview's figures: from the moment a render of an edited story is
// requested until the page's DOM shows it (the page patched over QWebChannel),
// for single keystrokes in a 20,000-word story with 30 photos. The deliberate
// pause after typing is not counted: the clock starts when the window asks
// the preview for the edited story. Prints median, 95th percentile and max;
// asserts nothing. Runs offscreen with Qt WebEngine.

#include "articlerenderer.h"
#include "benchstory.h"
#include "previewpane.h"

#include <QApplication>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QWebEngineView>

#include <cstdio>

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
    PreviewPane::registerUrlSchemes();
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
        QElapsedTimer timer;
        timer.start();
        pane.showStory(edited, photos);
        QElapsedTimer limit;
        limit.start();
        while (!(pane.revision() > before && shown == pane.revision()) && limit.elapsed() < 30000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
        milliseconds << double(timer.nsecsElapsed()) / 1e6;
    }
    print("edit -> preview DOM updated (keystroke, 20k words)", figuresOf(milliseconds));

    ArticleRenderer::Options options;
    print("render of the preview's blocks (off the GUI thread)",
          measure(60, [&] { ArticleRenderer::bodyBlocks(edited, photos, options); }));
    return 0;
}
