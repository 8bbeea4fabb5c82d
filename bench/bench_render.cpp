// SPDX-License-Identifier: MIT
// Rendering and export figures: a 20,000-word story with 30 photos rendered
// as the preview and the export render it, its body split into blocks for the
// preview's partial updates, and the sample story exported whole. Prints
// median and 95th percentile; asserts nothing.

#include "../tests/samplelibrary.h"
#include "articlerenderer.h"
#include "storyexporter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

using namespace Qt::StringLiterals;

namespace {

struct Figures
{
    double median = 0;
    double p95 = 0;
    int runs = 0;
};

Figures measure(int runs, const std::function<void()> &work)
{
    work(); // warm caches and lazy initialisation
    QList<double> milliseconds;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        milliseconds << double(timer.nsecsElapsed()) / 1e6;
    }
    std::sort(milliseconds.begin(), milliseconds.end());
    const auto at = [&](double quantile) {
        return milliseconds.at(std::clamp(qsizetype(std::ceil(quantile * double(runs))) - 1, qsizetype(0), milliseconds.size() - 1));
    };
    return {at(0.5), at(0.95), runs};
}

void print(const char *what, const Figures &figures)
{
    std::printf("%-52s median %8.2f ms   p95 %8.2f ms   (%d runs)\n", what, figures.median, figures.p95, figures.runs);
}

// A long story in the desk's style: quoted paragraphs, emphasis, links, a
// pull quote now and then, a table, and a photo every ten paragraphs.
QString longBody(int words, const QList<Photo> &photos, int *wordCount)
{
    static const QStringList vocabulary = QString::fromUtf8(
        "defense secretary hosted british counterpart today bilateral engagement pentagon discussed increased role "
        "britain nato countries taking toward securing peace ukraine dynamic security environment european allies "
        "leadership critical appreciate example chaired gathering contact group multinational coalition meets regularly "
        "security needs moment safeguarding continent imperative sustainable deterrence capabilities interoperability "
        "future spending largest increase cold war strengthen bond nations commitment process encouraged signs")
        .split(u' ');
    QString body;
    int written = 0;
    int paragraph = 0;
    quint32 seed = 20250306;
    auto next = [&seed] { return seed = seed * 1664525u + 1013904223u; };
    qsizetype photo = 0;
    while (written < words) {
        ++paragraph;
        QStringList sentence;
        const int length = 40 + int(next() % 40);
        for (int i = 0; i < length; ++i) {
            QString word = vocabulary.at(next() % vocabulary.size());
            if (i == 0)
                word[0] = word.at(0).toUpper();
            if (next() % 37 == 0)
                word = u"*"_s + word + u'*';
            if (next() % 91 == 0)
                word = u"[%1](https://www.defense.gov/News/)"_s.arg(word);
            sentence << word;
        }
        written += length;
        QString text = sentence.join(u' ');
        if (paragraph % 3 == 0)
            text = u"\""_s + text + u",\" Hegseth said."_s;
        if (paragraph % 29 == 0)
            body += u"> "_s + text + u"\n> — Pete Hegseth, Defense Secretary\n\n"_s;
        else
            body += text + u".\n\n"_s;
        if (paragraph == 50)
            body += u"| Country | Pledge |\n|:--|--:|\n| U.K. | 2.5 % |\n| U.S. | 3.4 % |\n\n"_s;
        if (paragraph % 10 == 0 && photo < photos.size())
            body += u"![](photo:%1)\n\n"_s.arg(photos.at(photo++).virin);
    }
    *wordCount = written;
    return body;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir dir;
    Library library;
    QString error;
    std::optional<Story> sample = SampleLibrary::open(&library, dir.filePath(u"bench.newsdesk"_s), &error);
    if (!sample || !SampleLibrary::clearForPublication(&library, *sample, &error)) {
        std::fprintf(stderr, "bench_render: cannot prepare the sample library: %s\n", qPrintable(error));
        return 1;
    }

    // Thirty photos; they share the sample's first image (render never reads
    // image bytes).
    PhotoRepository photos(&library);
    const Photo model = photos.photosOfStory(sample->id).constFirst();
    const QByteArray image = photos.image(model.imageHash)->data;
    StoryRepository stories(&library);
    std::optional<Story> story = stories.create(Story{.headline = u"A Long Story With Thirty Photos"_s, .dek = u"For the benchmark."_s});
    QList<Photo> storyPhotos;
    for (int i = 0; i < 30; ++i) {
        Photo photo = model;
        photo.virin = u"250306-D-PM193-1%1"_s.arg(i + 100);
        photo.caption = model.caption + u" Photo %1 of 30."_s.arg(i + 1);
        std::optional<Photo> added = photos.add(photo, image, u"image/jpeg"_s, QSize(), QByteArray());
        if (!added || !photos.attach(story->id, added->id)) {
            std::fprintf(stderr, "bench_render: %s\n", qPrintable(photos.errorString()));
            return 1;
        }
        storyPhotos << *added;
    }
    int words = 0;
    story->body = longBody(20000, storyPhotos, &words);
    stories.save(*story);
    std::printf("story: %d words, %lld characters of Markdown, %lld photos placed\n", words, qlonglong(story->body.size()),
                qlonglong(ArticleRenderer::placedPhotos(story->body, storyPhotos).size()));

    ArticleRenderer::Options preview; // as the preview renders: library images, inline style
    preview.sourcePositions = true;
    ArticleRenderer::Options exported;
    exported.imageLinks = ArticleRenderer::Options::ImageLinks::ExportFiles;
    exported.stylesheet = ArticleRenderer::Options::Stylesheet::Linked;
    qsizetype size = 0;
    print("render, whole page, preview options", measure(60, [&] { size = ArticleRenderer::articleDocument(*story, storyPhotos, preview).size(); }));
    print("render, whole page, export options", measure(60, [&] { ArticleRenderer::articleDocument(*story, storyPhotos, exported); }));
    print("render, body only", measure(60, [&] { ArticleRenderer::bodyHtml(story->body, storyPhotos, exported); }));
    QList<ArticleRenderer::Block> blocks;
    print("render, body as keyed blocks", measure(60, [&] { blocks = ArticleRenderer::bodyBlocks(*story, storyPhotos, preview); }));
    std::printf("  (%lld characters of HTML, %lld blocks)\n", qlonglong(size), qlonglong(blocks.size()));

    // One keystroke in the middle of the story: new blocks and the patch.
    Story edited = *story;
    edited.body.insert(edited.body.size() / 2, u'x');
    ArticleRenderer::BlockPatch patch;
    print("edit: blocks of the edited story + patch", measure(60, [&] {
              patch = ArticleRenderer::blockPatch(blocks, ArticleRenderer::bodyBlocks(edited, storyPhotos, preview));
          }));
    std::printf("  (the patch replaces %lld block(s))\n", qlonglong(patch.html.size()));

    StoryExporter exporter(&library);
    const QString target = dir.filePath(u"export/sample"_s);
    bool exportedOk = true;
    print("export of the sample story (3 photos, replace)", measure(20, [&] {
              exportedOk = exportedOk && exporter.exportStory(*sample, target).success;
          }));
    if (!exportedOk) {
        std::fprintf(stderr, "bench_render: the sample story did not export\n");
        return 1;
    }
    return 0;
}
