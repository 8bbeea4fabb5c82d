// SPDX-License-Identifier: MIT
#include "storycommands.h"

#include "articlerenderer.h"
#include "captionchecker.h"
#include "commandline.h"
#include "dvidsreadiness.h"
#include "exportgate.h"
#include "library.h"
#include "librarylocation.h"
#include "librarysetup.h"
#include "ninjs.h"
#include "people.h"
#include "photobatch.h"
#include "photocommands.h"
#include "photorepository.h"
#include "phototemplates.h"
#include "publicationsettings.h"
#include "quoteanalyzer.h"
#include "storymarkdown.h"
#include "storyrepository.h"
#include "virin.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTextStream>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;
using CommandLine::Invocation;
using CommandLine::parse;
using CommandLine::shown;

// Everything in namespace StoryCommands: lupdate files tr() by the namespace
// it is called in, and drops it at file scope.
namespace StoryCommands {

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("StoryCommands", text, disambiguation, n);
}

QCommandLineOption libraryOption()
{
    return QCommandLineOption(u"library"_s, tr("The library file."), tr("path"));
}

QCommandLineOption storyOption()
{
    return QCommandLineOption(u"story"_s, tr("The story, by id or slug."), tr("id|slug"));
}

// Opens an existing library (a file, or a team library's URL); never creates one.
std::unique_ptr<Library> openLibrary(const QString &name, const QString &path, QTextStream &err)
{
    QString error;
    const std::optional<LibraryLocation> location = LibraryLocation::parse(path, &error);
    if (!location) {
        err << "newsdesk " << name << ": " << shown(error) << '\n';
        return nullptr;
    }
    if (location->isTeamLibrary()) {
        auto library = std::make_unique<Library>();
        // A password the server asks for: PGPASSWORD, ~/.pgpass (libpq's) or
        // the one the window kept in the desktop's secret store.
        if (!LibrarySetup::open(library.get(), location->toString())) {
            err << "newsdesk " << name << ": "
                << shown(tr("cannot open the team library %1: %2").arg(location->displayName(), library->errorString())) << '\n';
            if (library->openError() == Library::OpenError::NeedsPassword)
                err << "newsdesk " << name << ": "
                    << shown(tr("give the password in PGPASSWORD or ~/.pgpass, or open the library once in the window and "
                                "keep the password there"))
                    << '\n';
            return nullptr;
        }
        return library;
    }
    if (!QFileInfo(path).isFile()) {
        err << "newsdesk " << name << ": "
            << shown(tr("there is no library at %1; create one with: newsdesk init --library %1").arg(QDir::toNativeSeparators(path)))
            << '\n';
        return nullptr;
    }
    auto library = std::make_unique<Library>();
    if (!library->open(path)) {
        err << "newsdesk " << name << ": "
            << shown(tr("cannot open the library %1: %2").arg(QDir::toNativeSeparators(path), library->errorString())) << '\n';
        return nullptr;
    }
    return library;
}

// Who runs the command: the library's person whom the operating-system
// account names (PeopleRepository::findByLogin), never USER or LOGNAME, which
// anyone can set. A command that changes the library (import; export, which
// writes the audit log) is refused for anyone else, saying how to be added;
// the read-only ones run for anyone, as nobody. False when refused.
bool actAsLogin(const QString &name, Library *library, bool changesLibrary, QTextStream &err)
{
    // On a team library the person is the database login's, and the server
    // holds them to their role.
    if (library->isTeamLibrary())
        return true;
    const QString login = operatingSystemLogin();
    PeopleRepository people(library);
    if (const std::optional<Person> person = people.findByLogin(login)) {
        library->setActor(person->name);
        return true;
    }
    // A library with nothing in it yet (an empty file made it; the window
    // has not been opened on it): the account becomes its first person, an
    // editor, exactly as `newsdesk init` makes it. A library that holds
    // stories is someone's, and stays refused below.
    if (changesLibrary && !login.isEmpty() && people.all().isEmpty() && people.errorString().isEmpty()
        && StoryRepository(library).count() == 0) {
        const std::optional<Person> first =
            people.add(Person{.name = operatingSystemFullName(), .role = PersonRole::Editor, .login = login});
        if (first) {
            library->setActor(first->name);
            err << "newsdesk " << name << ": "
                << shown(tr("%1 was empty: %2 (login %3) is its first person, an editor, as newsdesk init makes them")
                             .arg(QDir::toNativeSeparators(library->path()), first->name, login))
                << '\n';
            return true;
        }
    }
    // Nobody: whatever the command does cannot pass for someone's work.
    library->setActor(QString());
    if (!changesLibrary)
        return true;
    const QString where = QDir::toNativeSeparators(library->path());
    QString message;
    if (!people.errorString().isEmpty())
        message = people.errorString();
    else if (login.isEmpty())
        message = tr("cannot tell who you are: your operating-system account has no name, so %1 cannot be changed from "
                  "the command line.")
                   .arg(where);
    else if (people.all().isEmpty())
        message = tr("%1 has nobody in it yet, so it cannot be changed from the command line. Open it in Newsdesk: "
                  "whoever says who they are first becomes its editor, with this account's login %2; an editor adds "
                  "others under Edit ▸ Preferences ▸ People.")
                   .arg(where, login);
    else
        message = tr("your account %1 is not among the people of %2, so you cannot change it. An editor adds you in "
                  "Newsdesk under Edit ▸ Preferences ▸ People, with the login %1.")
                   .arg(login, where);
    // The path and the login come from outside: shown, never obeyed.
    err << "newsdesk " << name << ": " << shown(message);
    err << '\n';
    return false;
}

std::optional<Story> findStory(const QString &name, Library *library, const QString &idOrSlug, QTextStream &err)
{
    StoryRepository stories(library);
    QString hint;
    std::optional<Story> story = stories.find(idOrSlug, &hint);
    if (!story)
        err << "newsdesk " << name << ": "
            << shown(tr("there is no story '%1' in %2").arg(idOrSlug, QDir::toNativeSeparators(library->path()))
                     + (hint.isEmpty() ? QString() : u"; "_s + hint))
            << '\n';
    return story;
}

// The library and story that --library and --story name, or the exit code.
struct Target
{
    std::unique_ptr<Library> library;
    Story story;
    QList<Photo> photos;
};

std::optional<Target> openTarget(const QString &name, const QCommandLineParser &parser, QTextStream &err)
{
    Target target;
    target.library = openLibrary(name, parser.value(u"library"_s), err);
    if (!target.library)
        return std::nullopt;
    const std::optional<Story> story = findStory(name, target.library.get(), parser.value(u"story"_s), err);
    if (!story)
        return std::nullopt;
    target.story = *story;
    PhotoRepository photos(target.library.get());
    target.photos = photos.photosOfStory(story->id);
    if (!photos.errorString().isEmpty()) {
        err << "newsdesk " << name << ": " << shown(photos.errorString()) << '\n';
        return std::nullopt;
    }
    return target;
}

// The start of every command on one story: its arguments (--library,
// --story and options) parsed, and the library and story opened. Nothing,
// with invocation.exitCode set, when that fails.
std::optional<Target> startStoryCommand(Invocation &invocation, const QString &name, const QString &synopsis,
                                        const QList<QCommandLineOption> &options, const QStringList &required,
                                        const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    parse(invocation, name, synopsis, QList<QCommandLineOption>{libraryOption(), storyOption()} + options,
          QStringList{u"library"_s, u"story"_s} + required, arguments, out, err);
    if (invocation.exitCode)
        return std::nullopt;
    std::optional<Target> target = openTarget(name, invocation.parser, err);
    if (!target)
        invocation.exitCode = CommandLine::UsageError;
    // Of these commands only export changes the library (its audit log).
    else if (!actAsLogin(name, target->library.get(), name == u"export"_s, err))
        invocation.exitCode = CommandLine::Refused;
    if (invocation.exitCode)
        return std::nullopt;
    return target;
}

int renderCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString synopsis = u"render --library PATH --story ID|SLUG [--fragment]"_s;
    const QCommandLineOption fragmentOption(u"fragment"_s, tr("Print only the <article> element."));
    Invocation invocation;
    const std::optional<Target> target = startStoryCommand(invocation, u"render"_s, synopsis, {fragmentOption}, {}, arguments, out, err);
    if (!target)
        return *invocation.exitCode;
    if (const QString problem = bodyLengthProblem(target->story.body); !problem.isEmpty()) {
        err << "newsdesk render: " << problem << '\n';
        return CommandLine::Refused;
    }
    // The same page the export writes, with its relative image names.
    ArticleRenderer::Options options;
    options.imageLinks = ArticleRenderer::Options::ImageLinks::ExportFiles;
    options.stylesheet = ArticleRenderer::Options::Stylesheet::Linked;
    options.publishedAt = QDateTime::currentDateTimeUtc();
    StoryExporter::applyPublicationSettings(target->library.get(), target->story, options);
    out << (invocation.parser.isSet(fragmentOption) ? ArticleRenderer::articleFragment(target->story, target->photos, options)
                                                    : ArticleRenderer::articleDocument(target->story, target->photos, options));
    return CommandLine::Success;
}

int exportCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString synopsis = u"export --library PATH --story ID|SLUG --out DIR [--format html|ninjs] [--override-reason TEXT]"_s;
    const QCommandLineOption outOption(u"out"_s, tr("The folder to write (replaced if it holds an earlier export)."), tr("dir"));
    const QCommandLineOption formatOption(u"format"_s,
                                          tr("html: the web page (index.html); ninjs: an IPTC ninjs 3 news item (ninjs.json). "
                                             "Both with the photos in images/."),
                                          tr("format"), u"html"_s);
    const QCommandLineOption overrideOption(u"override-reason"_s,
                                            tr("Export although the story is not cleared, for this reason (recorded)."),
                                            tr("text"));
    Invocation invocation;
    const std::optional<Target> target = startStoryCommand(invocation, u"export"_s, synopsis, {outOption, formatOption, overrideOption},
                                                           {u"out"_s}, arguments, out, err);
    if (!target)
        return *invocation.exitCode;
    if (invocation.parser.isSet(overrideOption) && invocation.parser.value(overrideOption).trimmed().isEmpty()) {
        err << "newsdesk export: " << tr("--override-reason needs a reason") << '\n';
        return CommandLine::UsageError;
    }
    StoryExporter::Options options;
    const QString format = invocation.parser.value(formatOption);
    if (format == u"ninjs"_s) {
        options.format = StoryExporter::Options::Format::Ninjs;
    } else if (format != u"html"_s) {
        err << "newsdesk export: " << shown(tr("--format is html or ninjs, not '%1'").arg(format)) << '\n';
        return CommandLine::UsageError;
    }
    options.overrideReason = invocation.parser.value(overrideOption);
    const StoryExporter::Result result = StoryExporter(target->library.get()).exportStory(target->story, invocation.parser.value(outOption), options);
    if (!result.success && !result.blockingReasons.isEmpty() && !result.overridden) {
        err << "newsdesk export: " << shown(tr("'%1' is not cleared for publication:").arg(target->story.slug)) << '\n';
        for (const QString &reason : result.blockingReasons)
            err << "  " << shown(reason) << '\n';
        // An override the exporter refused says why; otherwise, who may.
        err << (result.errorMessage.isEmpty()
                    ? tr("An editor may export it anyway with --override-reason TEXT (recorded in the audit log).")
                    : shown(result.errorMessage))
            << '\n';
        return CommandLine::Refused;
    }
    if (!result.success) {
        err << "newsdesk export: " << shown(result.errorMessage) << '\n';
        return CommandLine::Refused;
    }
    if (result.overridden)
        err << "newsdesk export: " << tr("exported despite %n blocking reason(s); the override is recorded.", nullptr, int(result.blockingReasons.size()))
            << '\n';
    for (const QString &warning : result.warnings)
        err << "newsdesk export: " << tr("warning: %1").arg(warning) << '\n';
    for (const QString &file : result.filesWritten)
        out << shown(QDir::toNativeSeparators(file)) << '\n';
    return CommandLine::Success;
}

QJsonObject findingJson(const StoryFinding &finding)
{
    return {{u"severity"_s, findingSeverityKey(finding.severity)},
            {u"code"_s, finding.code},
            {u"subject"_s, finding.subject},
            {u"message"_s, finding.message}};
}

int checkCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString synopsis = u"check --library PATH --story ID|SLUG [--json]"_s;
    const QCommandLineOption jsonOption(u"json"_s, tr("Print the findings as JSON."));
    Invocation invocation;
    const std::optional<Target> target = startStoryCommand(invocation, u"check"_s, synopsis, {jsonOption}, {}, arguments, out, err);
    if (!target)
        return *invocation.exitCode;
    const QList<StoryFinding> findings = StoryCommands::checkStory(target->library.get(), target->story, target->photos);
    int errors = 0;
    int warnings = 0;
    for (const StoryFinding &finding : findings) {
        errors += finding.severity == StoryFinding::Severity::Error ? 1 : 0;
        warnings += finding.severity == StoryFinding::Severity::Warning ? 1 : 0;
    }
    if (invocation.parser.isSet(jsonOption)) {
        QJsonArray list;
        for (const StoryFinding &finding : findings)
            list.append(findingJson(finding));
        const QJsonObject report{
            {u"story"_s,
             QJsonObject{{u"id"_s, target->story.id},
                         {u"slug"_s, target->story.slug},
                         {u"headline"_s, target->story.headline},
                         {u"status"_s, storyStatusKey(target->story.status)}}},
            {u"findings"_s, list},
            {u"errors"_s, errors},
            {u"warnings"_s, warnings},
        };
        out << CommandLine::jsonText(QJsonDocument(report));
    } else {
        for (const StoryFinding &finding : findings)
            out << findingSeverityKey(finding.severity) << ": " << shown(finding.message) << " [" << shown(finding.code) << "]\n";
        out << shown(target->story.slug) << ": " << tr("%1 error(s), %2 warning(s)").arg(errors).arg(warnings) << '\n';
    }
    return errors > 0 ? CommandLine::Refused : CommandLine::Success;
}

int importCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString synopsis = u"import --library PATH [--template NAME] FILE.md|FILE.json"_s;
    const QCommandLineOption templateOption(
        u"template"_s, tr("Set the fields the library's metadata template NAME fills on every photo the file brings in."),
        tr("name"));
    Invocation invocation;
    parse(invocation, u"import"_s, synopsis, {libraryOption(), templateOption}, {u"library"_s}, arguments, out, err, 1);
    if (invocation.exitCode)
        return *invocation.exitCode;
    const QString file = invocation.parser.positionalArguments().constFirst();
    if (!QFileInfo(file).isFile()) {
        err << "newsdesk import: " << shown(tr("there is no file %1").arg(QDir::toNativeSeparators(file))) << '\n';
        return CommandLine::UsageError;
    }
    const std::unique_ptr<Library> library = openLibrary(u"import"_s, invocation.parser.value(u"library"_s), err);
    if (!library)
        return CommandLine::UsageError;
    if (!actAsLogin(u"import"_s, library.get(), true, err))
        return CommandLine::Refused;
    // The template is found before anything is imported: a name the library
    // does not know changes nothing.
    std::optional<PhotoTemplate> photoTemplate;
    if (invocation.parser.isSet(templateOption)) {
        PhotoTemplateRepository templates(library.get());
        photoTemplate = templates.findByName(invocation.parser.value(templateOption));
        if (!photoTemplate) {
            err << "newsdesk import: " << shown(templates.errorString()) << '\n';
            return CommandLine::UsageError;
        }
    }
    // Markdown or ninjs, told apart by what the file holds, not its name.
    const StoryMarkdown::ImportResult result = Ninjs::importStoryFile(library.get(), file);
    for (const QString &warning : result.warnings)
        err << "newsdesk import: " << shown(tr("warning: %1").arg(warning)) << '\n';
    if (!result.story) {
        err << "newsdesk import: " << shown(QDir::toNativeSeparators(file)) << ": " << shown(result.error) << '\n';
        return CommandLine::Refused;
    }
    if (photoTemplate && !result.photos.isEmpty()) {
        // As any edit after the import: a caption decision the file brought
        // is voided where the template changes a field it covered.
        QList<qint64> ids;
        for (const Photo &photo : result.photos)
            ids << photo.id;
        PhotoRepository photos(library.get());
        QString error;
        if (!PhotoBatch::applyToAll(photos, ids, photoTemplate->filledFields(), &error)) {
            err << "newsdesk import: "
                << shown(tr("imported story %1, but the template \"%2\" could not be applied: %3")
                             .arg(result.story->slug, photoTemplate->name, error))
                << '\n';
            return CommandLine::Refused;
        }
    }
    out << shown(tr("imported story %1 (%2) with %n photo(s)", nullptr, int(result.photos.size())).arg(result.story->id).arg(result.story->slug))
        << '\n';
    return CommandLine::Success;
}

int initCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString synopsis = u"init --library PATH [--sample] [--name NAME]"_s;
    const QCommandLineOption sampleOption(u"sample"_s, tr("Put the sample story in the new library."));
    const QCommandLineOption nameOption(u"name"_s, tr("Your name as the library's first editor (default: your account's full name)."),
                                        tr("name"));
    Invocation invocation;
    parse(invocation, u"init"_s, synopsis, {libraryOption(), sampleOption, nameOption}, {u"library"_s}, arguments, out, err);
    if (invocation.exitCode)
        return *invocation.exitCode;

    QString error;
    const std::optional<LibraryLocation> location = LibraryLocation::parse(invocation.parser.value(u"library"_s), &error);
    if (!location) {
        err << "newsdesk init: " << shown(error) << '\n';
        return CommandLine::UsageError;
    }
    if (location->isTeamLibrary()) {
        err << "newsdesk init: "
            << shown(tr("team libraries (%1) cannot be created by this version yet; give a file path.").arg(location->displayName()))
            << '\n';
        return CommandLine::Refused;
    }
    const QString path = location->path();
    const QString shownPath = QDir::toNativeSeparators(path);
    // Never over anything: not a library, a file, a FIFO, nor a symbolic
    // link, dangling or not (QFileInfo::exists() follows links).
    const QFileInfo info(path);
    if (info.exists() || info.isSymLink()) {
        err << "newsdesk init: " << shown(tr("%1 already exists; nothing was changed. Give the path of a new file.").arg(shownPath))
            << '\n';
        return CommandLine::Refused;
    }
    if (!info.absoluteDir().exists()) {
        err << "newsdesk init: " << shown(tr("there is no folder %1 to create the library in.").arg(QDir::toNativeSeparators(info.absolutePath())))
            << '\n';
        return CommandLine::UsageError;
    }
    const QString login = operatingSystemLogin();
    if (login.isEmpty()) {
        err << "newsdesk init: " << shown(tr("cannot tell who you are: your operating-system account has no name, and a "
                                             "library's first person is its editor."))
            << '\n';
        return CommandLine::Refused;
    }
    const QString name = invocation.parser.isSet(nameOption) ? invocation.parser.value(nameOption).trimmed() : operatingSystemFullName();
    if (name.isEmpty()) {
        err << "newsdesk init: " << tr("--name cannot be empty.") << '\n';
        return CommandLine::UsageError;
    }

    auto library = std::make_unique<Library>();
    const bool opened = invocation.parser.isSet(sampleOption) ? LibrarySetup::openWithSample(library.get(), path, &error)
                                                              : library->open(path);
    if (!opened) {
        if (error.isEmpty())
            error = library->errorString();
        library.reset();
        QFile::remove(path); // only what this command created: it did not exist above
        err << "newsdesk init: " << shown(tr("cannot create the library %1: %2").arg(shownPath, error)) << '\n';
        return CommandLine::Refused;
    }
    // Whoever creates a library is its first person, and the first person is
    // an editor (PeopleRepository::add), as in the window: so a pipeline can
    // import into it at once.
    PeopleRepository people(library.get());
    const std::optional<Person> person = people.add(Person{.name = name, .role = PersonRole::Editor, .login = login});
    if (!person) {
        err << "newsdesk init: " << shown(tr("created %1, but cannot add you to it: %2").arg(shownPath, people.errorString())) << '\n';
        return CommandLine::Refused;
    }
    out << shown(tr("created the library %1, with %2 (login %3) as its editor%4")
                     .arg(shownPath, person->name, login,
                          invocation.parser.isSet(sampleOption) ? tr(" and the sample story") : QString()))
        << '\n';
    return CommandLine::Success;
}

// `newsdesk photos search QUERY --library PATH [--json] [--limit N]`: the
// media archive (PhotoRepository::search) on the command line; reads only.
int photosCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString synopsis = u"photos search QUERY --library PATH [--json] [--limit N]"_s;
    const QString sub = arguments.value(0);
    if (sub == u"--help"_s || sub == u"-h"_s) {
        out << "Usage: newsdesk " << synopsis << '\n';
        return CommandLine::Success;
    }
    if (sub != u"search"_s) {
        err << "newsdesk photos: " << shown(tr("unknown subcommand '%1'").arg(sub)) << '\n'
            << "Usage: newsdesk " << synopsis << '\n';
        return CommandLine::UsageError;
    }
    Invocation invocation;
    const QCommandLineOption jsonOption(u"json"_s, tr("Print JSON."));
    const QCommandLineOption limitOption(u"limit"_s, tr("Show at most n photos, the best matches first (50)."), tr("n"),
                                         u"50"_s);
    parse(invocation, u"photos search"_s, synopsis, {libraryOption(), jsonOption, limitOption}, {u"library"_s},
          arguments.mid(1), out, err, 1);
    if (invocation.exitCode)
        return *invocation.exitCode;
    bool numeric = false;
    const int limit = invocation.parser.value(limitOption).toInt(&numeric);
    if (!numeric || limit < 1 || limit > 10000) {
        err << "newsdesk photos search: " << shown(tr("--limit takes a number from 1 to 10000, not '%1'").arg(invocation.parser.value(limitOption)))
            << '\n';
        return CommandLine::UsageError;
    }
    const std::unique_ptr<Library> library = openLibrary(u"photos search"_s, invocation.parser.value(u"library"_s), err);
    if (!library)
        return CommandLine::UsageError;
    PhotoRepository photos(library.get());
    const std::optional<QList<Photo>> found = photos.search(invocation.parser.positionalArguments().constFirst(), limit);
    if (!found) {
        err << "newsdesk photos search: " << shown(photos.errorString()) << '\n';
        return CommandLine::Refused;
    }
    if (invocation.parser.isSet(jsonOption)) {
        QJsonArray list;
        for (const Photo &photo : *found) {
            QJsonObject object = PhotoCommands::photoJson(photo);
            object.insert(u"id"_s, photo.id);
            object.insert(u"approval"_s, captionApprovalKey(photo.approval));
            list.append(object);
        }
        out << CommandLine::jsonText(QJsonDocument(QJsonObject{{u"photos"_s, list}}));
        return CommandLine::Success;
    }
    for (const Photo &photo : *found) {
        // One line a photo: its id, VIRIN, date, photographer and the
        // caption's start, each made safe for the terminal.
        QString caption = photo.caption.simplified();
        if (caption.size() > 100)
            caption = caption.left(99) + u'…';
        out << photo.id << '\t' << shown(photo.virin.isEmpty() ? photo.fileName : photo.virin) << '\t'
            << (photo.dateShot.isValid() ? photo.dateShot.toString(Qt::ISODate) : u"-"_s) << '\t' << shown(photo.photographer)
            << '\t' << shown(caption) << '\n';
    }
    if (found->isEmpty())
        err << "newsdesk photos search: " << tr("no photo matches.") << '\n';
    return CommandLine::Success;
}

int dumpCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString synopsis = u"dump --library PATH --story ID|SLUG [--out FILE.md [--force]]"_s;
    const QCommandLineOption outOption(u"out"_s, tr("Write FILE.md, and the photos' images beside it, instead of printing."), tr("file"));
    const QCommandLineOption forceOption(u"force"_s, tr("Replace FILE.md if it exists (never through a symbolic link; other "
                                                         "files beside it are kept)."));
    Invocation invocation;
    const std::optional<Target> target = startStoryCommand(invocation, u"dump"_s, synopsis, {outOption, forceOption}, {}, arguments, out, err);
    if (!target)
        return *invocation.exitCode;
    if (invocation.parser.isSet(forceOption) && !invocation.parser.isSet(outOption)) {
        err << "newsdesk dump: " << tr("--force goes with --out") << '\n';
        return CommandLine::UsageError;
    }
    if (!invocation.parser.isSet(outOption)) {
        out << StoryMarkdown::dump(target->story, target->photos);
        return CommandLine::Success;
    }
    QString error;
    const auto existing = invocation.parser.isSet(forceOption) ? StoryMarkdown::ExistingFile::Replace : StoryMarkdown::ExistingFile::Refuse;
    if (!StoryMarkdown::dumpToFile(target->library.get(), target->story, invocation.parser.value(outOption), &error, existing)) {
        err << "newsdesk dump: " << shown(error) << '\n';
        return CommandLine::Refused;
    }
    return CommandLine::Success;
}

StoryFinding::Severity severityOf(CaptionFinding::Severity severity)
{
    return severity == CaptionFinding::Severity::Error ? StoryFinding::Severity::Error : StoryFinding::Severity::Warning;
}

QString quoteFindingCode(Quotes::Finding::Kind kind)
{
    switch (kind) {
    case Quotes::Finding::Kind::UnbalancedQuotes:
        return u"quote-unbalanced"_s;
    case Quotes::Finding::Kind::NoSpeaker:
        return u"quote-no-speaker"_s;
    case Quotes::Finding::Kind::EditorialInsertion:
        return u"quote-editorial-insertion"_s;
    case Quotes::Finding::Kind::ContinuationMarks:
        return u"quote-continuation-marks"_s;
    }
    return u"quote"_s;
}

} // namespace

QList<StoryFinding> checkStory(Library *library, const Story &story, const QList<Photo> &storyPhotos)
{
    // The body parsed once for what it places and shows, which the gate and
    // the photo checks below read.
    const BodyImages body = ArticleRenderer::bodyImages(story.body, storyPhotos);
    QList<StoryFinding> findings = ExportGate::findings(story, body);
    const QString bodyProblem = bodyLengthProblem(story.body);
    if (!bodyProblem.isEmpty())
        findings << StoryFinding{StoryFinding::Severity::Error, u"body-too-long"_s, u"story"_s, bodyProblem};
    // Not the story's fault, but its page's: without an article address the
    // exported metadata (og:url, canonical, og:image) stays relative.
    if (PublicationSettingsRepository(library).load().articleUrlTemplate.isEmpty())
        findings << StoryFinding{StoryFinding::Severity::Info, u"no-article-address"_s, tr("library"),
                                 tr("The library has no article address, so the exported page's og:url, canonical link "
                                    "and og:image stay relative; an editor sets it in Preferences ▸ Publication.")};
    PhotoRepository photoRepository(library);
    QSet<qint64> placed;
    for (const Photo &photo : body.placedPhotos)
        placed.insert(photo.id);
    for (const Photo &photo : storyPhotos) {
        const QString subject = photo.virin.isEmpty() ? tr("photo %1").arg(photo.id) : photo.virin;
        const QString prefix = tr("Photo %1: ").arg(subject);
        if (!StoryMarkdown::photoHasImage(photo))
            findings << StoryFinding{StoryFinding::Severity::Error, u"photo-without-image"_s, subject,
                                     prefix + tr("it has no image yet, so it cannot be exported.")};
        if (!placed.contains(photo.id))
            findings << StoryFinding{StoryFinding::Severity::Warning, u"photo-not-placed"_s, subject,
                                     prefix + tr("the body does not place it, so it will not be published.")};
        const Virin virin = Virin::parse(photo.virin);
        for (const VirinMessage &message : virin.messages)
            findings << StoryFinding{message.severity == VirinStatus::Invalid ? StoryFinding::Severity::Error
                                                                              : StoryFinding::Severity::Warning,
                                     message.severity == VirinStatus::Invalid ? u"virin-invalid"_s : u"virin-unusual"_s, subject,
                                     prefix + message.text};
        if (virin.isUsable()) {
            for (const QString &message : VirinChecks::forPhoto(photo, &photoRepository))
                findings << StoryFinding{StoryFinding::Severity::Warning, u"virin-mismatch"_s, subject, prefix + message};
        }
        const QList<CaptionFinding> captionFindings = CaptionChecker::check(photo);
        // The gate's "no alt text" (a placed photo) says what the caption
        // checker's would: once.
        const bool gateSaysNoAlt = std::any_of(findings.cbegin(), findings.cend(), [&subject](const StoryFinding &finding) {
            return finding.code == GateFinding::AltTextMissing && finding.subject == subject;
        });
        for (const CaptionFinding &finding : captionFindings) {
            if (gateSaysNoAlt && finding.rule == u"alt-missing"_s)
                continue;
            findings << StoryFinding{severityOf(finding.severity),
                                     finding.rule.startsWith(u"caption-"_s) ? finding.rule : u"caption-"_s + finding.rule,
                                     subject, prefix + finding.message};
        }
        // What DVIDS would refuse, as warnings: uploading there is not web
        // publication. What the lines above already say for this photo is
        // left out: a missing caption (the caption checker's), a missing VIRIN
        // (the VIRIN checker's "There is no VIRIN.") and the gate's "not
        // released", read from the gate's own findings so the two cannot drift.
        QStringList saidAbove;
        if (photo.virin.trimmed().isEmpty())
            saidAbove << u"dvids-virin"_s;
        if (std::any_of(findings.cbegin(), findings.cend(), [&subject](const StoryFinding &finding) {
                return finding.code == GateFinding::PhotoNotReleased && finding.subject == subject;
            }))
            saidAbove << u"dvids-release"_s;
        for (const CaptionFinding &finding : DvidsReadiness::check(photo, captionFindings)) {
            if (!saidAbove.contains(finding.rule))
                findings << StoryFinding{StoryFinding::Severity::Warning, finding.rule, subject, prefix + finding.message};
        }
    }
    // Quotation findings are the writer's to weigh: warnings and notes, never
    // errors that would stop a story.
    // A body too long to render is not read for quotations either.
    for (const Quotes::Finding &finding : Quotes::analyze(bodyProblem.isEmpty() ? story.body : QString()).findings) {
        const QString paragraph = tr("paragraph %1").arg(finding.paragraph + 1);
        findings << StoryFinding{finding.severity == Quotes::Finding::Severity::Warning ? StoryFinding::Severity::Warning
                                                                                       : StoryFinding::Severity::Info,
                                 quoteFindingCode(finding.kind), paragraph,
                                 tr("Paragraph %1: %2").arg(finding.paragraph + 1).arg(finding.message)};
    }
    return findings;
}

} // namespace StoryCommands

void registerStoryCommands()
{
    using namespace StoryCommands;
    CommandLine::registerCommand({u"init"_s, u"init --library PATH [--sample] [--name NAME]"_s,
                                  StoryCommands::tr("create a library, with you as its first editor"), &initCommand});
    CommandLine::registerCommand({u"render"_s, u"render --library PATH --story ID|SLUG [--fragment]"_s,
                                  StoryCommands::tr("print the story's article HTML, as the export writes it"), &renderCommand});
    CommandLine::registerCommand({u"export"_s,
                                  u"export --library PATH --story ID|SLUG --out DIR [--format html|ninjs] [--override-reason TEXT]"_s,
                                  StoryCommands::tr("write the story's publication folder, a web page or IPTC ninjs (exit 1 when not cleared)"),
                                  &exportCommand});
    CommandLine::registerCommand({u"check"_s, u"check --library PATH --story ID|SLUG [--json]"_s,
                                  StoryCommands::tr("list release, approval, VIRIN, caption and DVIDS findings (exit 1 on an error)"), &checkCommand});
    CommandLine::registerCommand({u"import"_s, u"import --library PATH [--template NAME] FILE.md|FILE.json"_s,
                                  StoryCommands::tr("add a story from Markdown with YAML front matter, or from IPTC ninjs"), &importCommand});
    CommandLine::registerCommand({u"dump"_s, u"dump --library PATH --story ID|SLUG [--out FILE.md [--force]]"_s,
                                  StoryCommands::tr("print the story as Markdown with YAML front matter"), &dumpCommand});
    CommandLine::registerCommand({u"photos"_s, u"photos search QUERY --library PATH [--json] [--limit N]"_s,
                                  StoryCommands::tr("find the library's photos by VIRIN, photographer, date, place, keyword or caption words"),
                                  &photosCommand});
}
