// SPDX-License-Identifier: MIT
// Rendering and export figures: a 20,000-word story with 30 photos rendered
// as the preview and the export render it, its body split into blocks for the
// preview's partial updates, its export refused by the gate, and the sample
// story exported whole. Prints median and 95th percentile; asserts nothing.

#include "articlerenderer.h"
#include "benchstory.h"
#include "storyexporter.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace Bench;

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

    QList<Photo> storyPhotos;
    int words = 0;
    std::optional<Story> story = createLongStory(&library, *sample, &storyPhotos, &words, &error);
    if (!story) {
        std::fprintf(stderr, "bench_render: %s\n", qPrintable(error));
        return 1;
    }
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
    // The long story is a draft: the export reads its body for the gate and
    // stops there, writing nothing.
    bool refused = true;
    print("export of the long story, refused by the gate", measure(60, [&] {
              refused = refused && !exporter.exportStory(*story, dir.filePath(u"export/long"_s)).blockingReasons.isEmpty();
          }));
    const QString target = dir.filePath(u"export/sample"_s);
    bool exportedOk = true;
    print("export of the sample story (3 photos, replace)", measure(20, [&] {
              exportedOk = exportedOk && exporter.exportStory(*sample, target).success;
          }));
    if (!refused || QFileInfo::exists(dir.filePath(u"export/long"_s))) {
        std::fprintf(stderr, "bench_render: the long story was not refused\n");
        return 1;
    }
    if (!exportedOk) {
        std::fprintf(stderr, "bench_render: the sample story did not export\n");
        return 1;
    }
    return 0;
}
