// SPDX-License-Identifier: MIT
// libFuzzer target for the Markdown import path. Whatever bytes a .md file
// holds go through StoryMarkdown::parse() and importText() (yaml-cpp, our
// front matter reader) into a fresh in-memory library, and what imports is
// rendered as the export renders it (cmark-gfm, the figures and pull quotes),
// checked by the export gate and the body's checkers, and dumped and parsed
// again. A crash, a sanitizer report, a refusal without a message, a page
// with a script or an event-handler attribute of the story's making, or a
// dump that does not read back as the story it came from is a finding.
#include "articlerenderer.h"
#include "library.h"
#include "people.h"
#include "photorepository.h"
#include "quoteanalyzer.h"
#include "storyexporter.h"
#include "storymarkdown.h"
#include "textstats.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QDir>

#include <cstdint>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace {

// A folder that does not exist: every photo comes in without its image, and
// nothing on this machine is read whatever a photo's `file` says.
QString imagesFolder;

void check(bool condition, const char *what)
{
    if (!condition) {
        std::fprintf(stderr, "fuzz_storymarkdown: %s\n", what);
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    // QtSql loads its SQLite driver as a plugin, which needs an application.
    // Never destroyed: the process ends in libFuzzer, and destroying it
    // among the exit handlers, after Qt's own statics, crashes.
    new QCoreApplication(*argc, *argv);
    QStandardPaths::setTestModeEnabled(true);
    imagesFolder = QDir::temp().filePath(u"newsdesk-fuzz-%1/no-images"_s.arg(QCoreApplication::applicationPid()));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));

    const StoryMarkdown::ParseResult parsed = StoryMarkdown::parse(text);
    check(parsed.document || !parsed.error.isEmpty(), "parse refused without a message");

    Library library;
    check(library.openInMemory(), "cannot open an in-memory library");
    PeopleRepository people(&library);
    check(people.add(Person{.name = u"Eve Editor"_s, .role = PersonRole::Editor}).has_value(), "cannot add the editor");
    library.setActor(u"Eve Editor"_s);

    const StoryMarkdown::ImportResult imported = StoryMarkdown::importText(&library, text, imagesFolder);
    if (!imported.story) {
        check(!imported.error.isEmpty(), "import refused without a message");
        return 0;
    }
    const Story &story = *imported.story;
    const QList<Photo> photos = PhotoRepository(&library).photosOfStory(story.id);

    ArticleRenderer::Options options;
    options.imageLinks = ArticleRenderer::Options::ImageLinks::ExportFiles;
    options.stylesheet = ArticleRenderer::Options::Stylesheet::Linked;
    const QString page = ArticleRenderer::articleDocument(story, photos, options);
    check(page.startsWith(u"<!DOCTYPE html>"_s) && page.endsWith(u"</html>\n"_s), "the page is not a whole document");
    // The only script is the JSON-LD block, and no element the story made
    // carries an event handler.
    check(page.count(u"<script"_s, Qt::CaseInsensitive) == 1, "the page has a script of the story's making");
    // Attribute values are quoted and text never holds a raw quote (both are
    // escaped), so with the quoted values taken out only names are left.
    static const QRegularExpression quoted(u"\"[^\"]*\""_s);
    static const QRegularExpression handler(u"<[a-z][^>]*[\\s/]on[a-z]+\\s*="_s, QRegularExpression::CaseInsensitiveOption);
    const QString unquoted = QString(page).replace(quoted, u"\"\""_s);
    if (const QRegularExpressionMatch match = handler.match(unquoted); match.hasMatch()) {
        std::fprintf(stderr, "%s\n", qPrintable(unquoted.mid(qMax<qsizetype>(0, match.capturedStart() - 200), 400)));
        check(false, "the page has an event-handler attribute");
    }

    StoryExporter::gateFindings(story, photos);
    TextStats::of(story.body);
    Quotes::analyze(story.body);

    // What was imported dumps to a file that reads back as the same story.
    const QString dumped = StoryMarkdown::dump(story, photos);
    const StoryMarkdown::ParseResult again = StoryMarkdown::parse(dumped);
    check(again.document.has_value(), "a dump does not parse");
    const Story &back = again.document->story;
    check(back.headline == story.headline && back.dek == story.dek && back.byline == story.byline
              && back.dateline == story.dateline && back.body == story.body && back.correctionNote == story.correctionNote,
          "a dump does not read back as the story");
    check(again.document->photos.size() == photos.size(), "a dump does not read back with the same photos");
    for (qsizetype i = 0; i < photos.size(); ++i) {
        const Photo &photo = again.document->photos.at(i);
        check(photo.virin == photos.at(i).virin && photo.caption == photos.at(i).caption
                  && photo.altText == photos.at(i).altText && photo.title == photos.at(i).title,
              "a dump does not read back with the same photo fields");
    }
    return 0;
}
