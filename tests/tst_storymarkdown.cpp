// SPDX-License-Identifier: MIT
#include "library.h"
#include "people.h"
#include "photorepository.h"
#include "samplelibrary.h"
#include "storymarkdown.h"
#include "storyrepository.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <memory>

using namespace Qt::StringLiterals;

class TestStoryMarkdown : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sampleStoryRoundTripsThroughAFreshLibrary();
    void oddTextRoundTrips_data();
    void oddTextRoundTrips();
    void everyPhotoFieldRoundTrips();
    void imageBesideTheFileComesWithThePhoto();
    void missingImageGivesAMetadataOnlyPhoto();
    void imageOutsideTheFolderIsRefused_data();
    void imageOutsideTheFolderIsRefused();
    void writerCannotImportApprovals();
    void workflowFieldsRoundTrip();
    void badFrontMatterIsExplained_data();
    void badFrontMatterIsExplained();
    void unknownKeysAreReported();
    void bodyKeepsItsOwnRulesAndLineEndings();
    void dumpRefusesAnExistingFileUnlessToldToReplaceIt();
    void dumpNeverWritesThroughALink_data();
    void dumpNeverWritesThroughALink();
    void dumpKeepsImagesBesideItThatAreNotOurs();

private:
    // A library file of its own, whose actor is an editor.
    std::unique_ptr<Library> freshLibrary(const QString &name, bool editor = true);
    static QByteArray jpeg(int width, int height);

    QTemporaryDir m_dir;
};

void TestStoryMarkdown::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

std::unique_ptr<Library> TestStoryMarkdown::freshLibrary(const QString &name, bool editor)
{
    auto library = std::make_unique<Library>();
    if (!library->open(m_dir.filePath(name)))
        return nullptr;
    PeopleRepository people(library.get());
    people.add(Person{.name = u"Eve Editor"_s, .role = PersonRole::Editor});
    library->setActor(u"Eve Editor"_s); // editors add the people after the first
    people.add(Person{.name = u"Walt Writer"_s, .role = PersonRole::Writer});
    library->setActor(editor ? u"Eve Editor"_s : u"Walt Writer"_s);
    return library;
}

QByteArray TestStoryMarkdown::jpeg(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG");
    return bytes;
}

void TestStoryMarkdown::sampleStoryRoundTripsThroughAFreshLibrary()
{
    Library source;
    QString error;
    std::optional<Story> story = SampleLibrary::open(&source, m_dir.filePath(u"sample.newsdesk"_s), &error);
    QVERIFY2(story, qPrintable(error));
    QVERIFY2(SampleLibrary::clearForPublication(&source, *story, &error), qPrintable(error));
    const QString mdPath = m_dir.filePath(u"out/story.md"_s);
    QVERIFY2(StoryMarkdown::dumpToFile(&source, *story, mdPath, &error), qPrintable(error));
    QFile md(mdPath);
    QVERIFY(md.open(QIODevice::ReadOnly));
    const QString first = QString::fromUtf8(md.readAll());
    QVERIFY(first.startsWith(u"---\nnewsdesk: 1\nslug: \"hegseth-uk-counterpart"_s));
    QVERIFY(first.contains(u"status: approved\n"_s));
    QVERIFY(first.contains(u"    approval: approved\n"_s));
    QVERIFY(QFile::exists(m_dir.filePath(u"out/250306-D-PM193-1268K.jpg"_s)));

    const std::unique_ptr<Library> target = freshLibrary(u"roundtrip.newsdesk"_s);
    QVERIFY(target);
    const StoryMarkdown::ImportResult imported = StoryMarkdown::importFile(target.get(), mdPath);
    QVERIFY2(imported.story, qPrintable(imported.error));
    QVERIFY2(imported.warnings.isEmpty(), qPrintable(imported.warnings.join(u'\n')));
    const QList<Photo> photos = PhotoRepository(target.get()).photosOfStory(imported.story->id);
    QCOMPARE(photos.size(), 3);
    // The image came along, byte for byte.
    QCOMPARE(photos.at(0).imageHash, PhotoRepository(&source).photosOfStory(story->id).at(0).imageHash);
    QCOMPARE(StoryMarkdown::dump(*imported.story, photos), first);
}

void TestStoryMarkdown::oddTextRoundTrips_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("colons and quotes") << u"Note: \"quoted\" — and 'single': yes"_s;
    QTest::newRow("newlines and tabs") << u"Line one\nLine two\n\tindented\r\nCRLF"_s;
    QTest::newRow("YAML look-alikes") << u"- not a list\n---\n...\n# not a comment\n[1, 2]\n{a: b}\n&anchor *alias !tag"_s;
    QTest::newRow("leading and trailing spaces") << u"  spaced  "_s;
    QTest::newRow("emoji and combining marks") << u"Café 🇺🇸 👩🏽‍✈️ é (e + U+0301)"_s;
    QTest::newRow("right-to-left and zero-width") << u"سلام\u200Dעברית\u200B\u00A0nbsp"_s;
    QTest::newRow("line and paragraph separators") << u"a\u2028b\u2029c\u0085d"_s;
    QTest::newRow("byte order mark and controls") << u"\uFEFFstart\u0007bell\u001Besc"_s;
    QTest::newRow("backslashes") << u"C:\\path\\n not a newline \\\" "_s;
    QTest::newRow("booleans and numbers") << u"yes"_s;
    QTest::newRow("null word") << u"~"_s;
    QTest::newRow("empty") << QString();
}

void TestStoryMarkdown::oddTextRoundTrips()
{
    QFETCH(QString, text);
    Story story;
    story.headline = u"Headline: "_s + text;
    story.dek = text;
    story.byline = text;
    story.dateline = text;
    story.slug = u"odd-text"_s;
    story.body = u"Body with the text: "_s + text + u'\n';
    Photo photo;
    photo.virin = u"250306-D-PM193-1268K"_s;
    photo.caption = text;
    photo.title = text;
    photo.altText = text;
    photo.credit = text;
    photo.keywords = QStringList{text, u"second"_s};
    const QString dumped = StoryMarkdown::dump(story, {photo});
    const StoryMarkdown::ParseResult parsed = StoryMarkdown::parse(dumped);
    QVERIFY2(parsed.document, qPrintable(parsed.error + u"\n"_s + dumped));
    const Story &back = parsed.document->story;
    QCOMPARE(back.headline, story.headline);
    QCOMPARE(back.dek, text);
    QCOMPARE(back.byline, text);
    QCOMPARE(back.dateline, text);
    QCOMPARE(back.body, story.body);
    QVERIFY(back.correctionNote.isEmpty());
    QVERIFY(!dumped.contains(u"correction_note"_s)); // only when there is one
    QCOMPARE(parsed.document->photos.size(), 1);
    const Photo &photoBack = parsed.document->photos.constFirst();
    QCOMPARE(photoBack.caption, text);
    QCOMPARE(photoBack.title, text);
    QCOMPARE(photoBack.altText, text);
    QCOMPARE(photoBack.credit, text);
    QCOMPARE(photoBack.keywords, photo.keywords);
    QCOMPARE(StoryMarkdown::dump(back, parsed.document->photos), dumped);
}

void TestStoryMarkdown::everyPhotoFieldRoundTrips()
{
    Photo photo;
    photo.fileName = u"250306-F-UO417-1153K.jpg"_s;
    photo.virin = u"250306-F-UO417-1153K"_s;
    photo.title = u"National Anthems"_s;
    photo.caption = u"Defense Secretary Pete Hegseth stands for the anthems at the Pentagon, March 6, 2025."_s;
    photo.altText = u"Two men in business suits are standing next to each other."_s;
    photo.credit = u"Air Force Senior Airman Spencer Perkins"_s;
    photo.photographer = u"Senior Airman Spencer Perkins"_s;
    photo.unit = u"Air Force District of Washington"_s;
    photo.operation = u"Bilateral exchange"_s;
    photo.dateShot = QDate(2025, 3, 6);
    photo.city = u"Washington"_s;
    photo.sublocation = u"Pentagon"_s;
    photo.state = u"District of Columbia"_s;
    photo.country = u"United States"_s;
    photo.countryCode = u"USA"_s;
    photo.keywords = {u"Hegseth"_s, u"Healey"_s, u"United Kingdom"_s};
    photo.releaseState = ReleaseState::NotReleased;
    photo.releaseAuthority = u"OSD Public Affairs, 703-555-0100, pa@example.mil"_s;
    photo.captionWriter = u"Jim Garamone"_s;
    photo.approval = CaptionApproval::ChangesRequested;
    photo.imageHash = u"abc"_s; // has an image, so the dump names its file

    Story story;
    story.headline = u"Fields"_s;
    story.status = StoryStatus::Published;
    const StoryMarkdown::ParseResult parsed = StoryMarkdown::parse(StoryMarkdown::dump(story, {photo}));
    QVERIFY2(parsed.document, qPrintable(parsed.error));
    QCOMPARE(parsed.document->story.status, StoryStatus::Published);
    const Photo back = parsed.document->photos.constFirst();
    QCOMPARE(back.fileName, photo.fileName);
    QCOMPARE(back.virin, photo.virin);
    QCOMPARE(back.title, photo.title);
    QCOMPARE(back.caption, photo.caption);
    QCOMPARE(back.altText, photo.altText);
    QCOMPARE(back.credit, photo.credit);
    QCOMPARE(back.photographer, photo.photographer);
    QCOMPARE(back.unit, photo.unit);
    QCOMPARE(back.operation, photo.operation);
    QCOMPARE(back.dateShot, photo.dateShot);
    QCOMPARE(back.city, photo.city);
    QCOMPARE(back.sublocation, photo.sublocation);
    QCOMPARE(back.state, photo.state);
    QCOMPARE(back.country, photo.country);
    QCOMPARE(back.countryCode, photo.countryCode);
    QCOMPARE(back.keywords, photo.keywords);
    QCOMPARE(back.releaseState, photo.releaseState);
    QCOMPARE(back.releaseAuthority, photo.releaseAuthority);
    QCOMPARE(back.captionWriter, photo.captionWriter);
    QCOMPARE(back.approval, photo.approval);
}

void TestStoryMarkdown::imageBesideTheFileComesWithThePhoto()
{
    const QString folder = m_dir.filePath(u"beside"_s);
    QVERIFY(QDir().mkpath(folder + u"/photos"_s));
    QFile image(folder + u"/photos/anthem.jpg"_s);
    QVERIFY(image.open(QIODevice::WriteOnly));
    image.write(jpeg(64, 48));
    image.close();
    const QString text = u"---\nheadline: Beside\nphotos:\n  - file: photos/anthem.jpg\n    virin: 250306-F-UO417-1153K\n---\n"
                         "![](photo:250306-F-UO417-1153K)\n"_s;
    const std::unique_ptr<Library> library = freshLibrary(u"beside.newsdesk"_s);
    const StoryMarkdown::ImportResult result = StoryMarkdown::importText(library.get(), text, folder);
    QVERIFY2(result.story, qPrintable(result.error));
    QVERIFY(result.warnings.isEmpty());
    const Photo photo = result.photos.constFirst();
    QVERIFY(StoryMarkdown::photoHasImage(photo));
    const std::optional<StoredImage> stored = PhotoRepository(library.get()).image(photo.imageHash);
    QVERIFY(stored);
    QCOMPARE(stored->size, QSize(64, 48));
    QCOMPARE(stored->mimeType, u"image/jpeg"_s);
    QVERIFY(!PhotoRepository(library.get()).thumbnail(photo.id).isEmpty());
    QCOMPARE(photo.fileName, u"photos/anthem.jpg"_s);
}

void TestStoryMarkdown::missingImageGivesAMetadataOnlyPhoto()
{
    const QString text = u"---\nheadline: No image\nphotos:\n  - file: gone.jpg\n    virin: 250306-D-PM193-1268K\n"
                         "    caption: \"Kept: all of it.\"\n---\nBody\n"_s;
    const std::unique_ptr<Library> library = freshLibrary(u"noimage.newsdesk"_s);
    const StoryMarkdown::ImportResult result = StoryMarkdown::importText(library.get(), text, m_dir.path());
    QVERIFY2(result.story, qPrintable(result.error));
    QCOMPARE(result.warnings.size(), 1);
    QVERIFY(result.warnings.constFirst().contains(u"gone.jpg"_s));
    QVERIFY(result.warnings.constFirst().contains(u"metadata only"_s));
    const Photo photo = PhotoRepository(library.get()).photosOfStory(result.story->id).constFirst();
    QVERIFY(!StoryMarkdown::photoHasImage(photo));
    QCOMPARE(photo.caption, u"Kept: all of it."_s);
    // Dumped again, the photo names no file, since it has none to write.
    QVERIFY(StoryMarkdown::dump(*result.story, {photo}).contains(u"  - file: \"\"\n"_s));
}

void TestStoryMarkdown::imageOutsideTheFolderIsRefused_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("parent folder") << u"../secret.jpg"_s;
    QTest::newRow("absolute path") << u"/etc/passwd"_s;
    QTest::newRow("climbing out through a subfolder") << u"photos/../../secret.jpg"_s;
}

void TestStoryMarkdown::imageOutsideTheFolderIsRefused()
{
    QFETCH(QString, file);
    const QString text = u"---\nheadline: Sneaky\nphotos:\n  - file: \"%1\"\n---\n"_s.arg(file);
    const std::unique_ptr<Library> library = freshLibrary(u"outside-%1.newsdesk"_s.arg(QString::fromUtf8(QTest::currentDataTag())).replace(u' ', u'-'));
    const StoryMarkdown::ImportResult result = StoryMarkdown::importText(library.get(), text, m_dir.filePath(u"beside"_s));
    QVERIFY(!result.story);
    QVERIFY2(result.error.contains(u"is not a file in the story file's folder"_s), qPrintable(result.error));
    QCOMPARE(StoryRepository(library.get()).count(), 0);
}

void TestStoryMarkdown::writerCannotImportApprovals()
{
    const QString text = u"---\nheadline: Approved elsewhere\nstatus: approved\nphotos:\n  - virin: 250306-D-PM193-1268K\n"
                         "    approval: approved\n    release: {state: released}\n---\n"_s;
    const std::unique_ptr<Library> library = freshLibrary(u"writer.newsdesk"_s, false);
    const StoryMarkdown::ImportResult result = StoryMarkdown::importText(library.get(), text, m_dir.path());
    QVERIFY2(result.story, qPrintable(result.error));
    QCOMPARE(result.story->status, StoryStatus::InReview);
    const Photo photo = PhotoRepository(library.get()).photosOfStory(result.story->id).constFirst();
    QCOMPARE(photo.approval, CaptionApproval::Pending);
    QCOMPARE(photo.releaseState, ReleaseState::Released);
    QVERIFY(result.warnings.join(u'\n').contains(u"only an editor can approve a story"_s));
    QVERIFY(result.warnings.join(u'\n').contains(u"only an editor can decide on captions"_s));
}

void TestStoryMarkdown::workflowFieldsRoundTrip()
{
    // A corrected, embargoed story moved to another library keeps its
    // correction note, its embargo and its first publication date.
    Story story;
    story.headline = u"Corrected story"_s;
    story.status = StoryStatus::Published;
    story.correctionNote = u"An earlier version misstated Healey's title: \"Minister\"."_s;
    story.embargoUntil = QDateTime(QDate(2025, 3, 7), QTime(5, 0), QTimeZone::UTC);
    story.publishedAt = QDateTime(QDate(2025, 3, 6), QTime(15, 0), QTimeZone::UTC);
    story.body = u"Text.\n"_s;
    const QString dumped = StoryMarkdown::dump(story, {});
    QVERIFY2(dumped.contains(u"embargo_until: 2025-03-07T05:00:00Z\n"_s), qPrintable(dumped));
    QVERIFY2(dumped.contains(u"published_at: 2025-03-06T15:00:00Z\n"_s), qPrintable(dumped));
    const StoryMarkdown::ParseResult parsed = StoryMarkdown::parse(dumped);
    QVERIFY2(parsed.document, qPrintable(parsed.error));
    QVERIFY(parsed.warnings.isEmpty());
    QCOMPARE(parsed.document->story.correctionNote, story.correctionNote);
    QCOMPARE(parsed.document->story.embargoUntil, story.embargoUntil);
    QCOMPARE(parsed.document->story.publishedAt, story.publishedAt);

    // Into a library, and out again: the same fields.
    const std::unique_ptr<Library> target = freshLibrary(u"workflow-fields.newsdesk"_s);
    QVERIFY(target);
    const QString mdPath = m_dir.filePath(u"workflow/story.md"_s);
    QVERIFY(QDir().mkpath(QFileInfo(mdPath).absolutePath()));
    QFile md(mdPath);
    QVERIFY(md.open(QIODevice::WriteOnly));
    md.write(dumped.toUtf8());
    md.close();
    const StoryMarkdown::ImportResult imported = StoryMarkdown::importFile(target.get(), mdPath);
    QVERIFY2(imported.story, qPrintable(imported.error));
    const Story stored = *StoryRepository(target.get()).load(imported.story->id);
    QCOMPARE(stored.correctionNote, story.correctionNote);
    QCOMPARE(stored.embargoUntil, story.embargoUntil);
    QCOMPARE(stored.publishedAt, story.publishedAt);
}

void TestStoryMarkdown::badFrontMatterIsExplained_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("no front matter") << u"# Just Markdown\n"_s << u"does not start with YAML front matter"_s;
    QTest::newRow("front matter never closed") << u"---\nheadline: x\n"_s << u"does not start with YAML front matter"_s;
    QTest::newRow("invalid YAML") << u"---\nheadline: [unclosed\n---\n"_s << u"the front matter is not valid YAML"_s;
    QTest::newRow("unknown status") << u"---\nheadline: x\nstatus: done\n---\n"_s << u"line 3: status 'done' is not one of"_s;
    QTest::newRow("bad date") << u"---\nheadline: x\nphotos:\n  - date_shot: 2025-02-31\n---\n"_s
                              << u"line 4: photo 1: date_shot '2025-02-31' is not a date"_s;
    QTest::newRow("photos not a list") << u"---\nheadline: x\nphotos: three\n---\n"_s << u"'photos' must be a list"_s;
    QTest::newRow("keywords not a list") << u"---\nheadline: x\nphotos:\n  - keywords: a, b\n---\n"_s
                                         << u"photo 1: 'keywords' must be a list"_s;
    QTest::newRow("no headline") << u"---\ndek: x\n---\n"_s << u"the story has no headline"_s;
    QTest::newRow("bad embargo") << u"---\nheadline: x\nembargo_until: tomorrow\n---\n"_s
                                 << u"line 3: front matter: embargo_until 'tomorrow' is not a date and time"_s;
    QTest::newRow("newer format") << u"---\nnewsdesk: 9\nheadline: x\n---\n"_s << u"written by a newer Newsdesk"_s;
}

void TestStoryMarkdown::badFrontMatterIsExplained()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    const StoryMarkdown::ParseResult result = StoryMarkdown::parse(text);
    QVERIFY(!result.document);
    QVERIFY2(result.error.contains(message), qPrintable(result.error));
}

void TestStoryMarkdown::unknownKeysAreReported()
{
    const StoryMarkdown::ParseResult result
        = StoryMarkdown::parse(u"---\nheadline: x\nheadlne: typo\nphotos:\n  - captoin: typo\n    location: {town: x}\n---\n"_s);
    QVERIFY2(result.document, qPrintable(result.error));
    QCOMPARE(result.warnings.size(), 3);
    QVERIFY(result.warnings.at(0).contains(u"'headlne'"_s));
    QVERIFY(result.warnings.at(1).contains(u"photo 1: unknown key 'captoin'"_s));
    QVERIFY(result.warnings.at(2).contains(u"'town'"_s));
}

void TestStoryMarkdown::bodyKeepsItsOwnRulesAndLineEndings()
{
    Story story;
    story.headline = u"Rules"_s;
    story.body = u"Above.\n\n---\n\nBelow the rule.\r\n\n...\nNo final newline"_s;
    const StoryMarkdown::ParseResult parsed = StoryMarkdown::parse(StoryMarkdown::dump(story, {}));
    QVERIFY2(parsed.document, qPrintable(parsed.error));
    QCOMPARE(parsed.document->story.body, story.body);
}

static QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(missing)");
}

static void writeAll(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

void TestStoryMarkdown::dumpRefusesAnExistingFileUnlessToldToReplaceIt()
{
    Library source;
    QString error;
    const std::optional<Story> story = SampleLibrary::open(&source, m_dir.filePath(u"existing.newsdesk"_s), &error);
    QVERIFY2(story, qPrintable(error));
    const QString md = m_dir.filePath(u"existing/story.md"_s);
    writeAll(md, "the user's notes");
    QVERIFY(!StoryMarkdown::dumpToFile(&source, *story, md, &error));
    QVERIFY2(error.endsWith(u"story.md already exists; --force replaces it"_s), qPrintable(error));
    QCOMPARE(readAll(md), QByteArray("the user's notes"));
    QCOMPARE(QDir(m_dir.filePath(u"existing"_s)).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList{u"story.md"_s}); // no image written before the refusal

    QVERIFY2(StoryMarkdown::dumpToFile(&source, *story, md, &error, StoryMarkdown::ExistingFile::Replace), qPrintable(error));
    QVERIFY(readAll(md).startsWith("---\nnewsdesk: 1\n"));
    QCOMPARE(QDir(m_dir.filePath(u"existing"_s)).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).size(), 4);
    // Again: the images beside it are this story's own, and stay as they are.
    QVERIFY2(StoryMarkdown::dumpToFile(&source, *story, md, &error, StoryMarkdown::ExistingFile::Replace), qPrintable(error));
    QCOMPARE(QDir(m_dir.filePath(u"existing"_s)).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             (QStringList{u"250306-D-PM193-1268K.jpg"_s, u"250306-D-PM193-1416K.jpg"_s, u"250306-F-UO417-1153K.jpg"_s, u"story.md"_s}));
}

void TestStoryMarkdown::dumpNeverWritesThroughALink_data()
{
    QTest::addColumn<QString>("link"); // the name dumped to, a link
    QTest::addColumn<QString>("to"); // where it points
    QTest::addColumn<bool>("replace");
    QTest::newRow("to a file") << u"story.md"_s << u"mine.txt"_s << false;
    QTest::newRow("to a file, with --force") << u"story.md"_s << u"mine.txt"_s << true;
    QTest::newRow("dangling") << u"story.md"_s << u"not-yet.txt"_s << false;
    QTest::newRow("dangling, with --force") << u"story.md"_s << u"not-yet.txt"_s << true;
}

void TestStoryMarkdown::dumpNeverWritesThroughALink()
{
    QFETCH(QString, link);
    QFETCH(QString, to);
    QFETCH(bool, replace);
    Library source;
    QString error;
    const std::optional<Story> story = SampleLibrary::open(&source, m_dir.filePath(u"links.newsdesk"_s), &error);
    QVERIFY2(story, qPrintable(error));
    QTemporaryDir folder;
    writeAll(folder.filePath(u"mine.txt"_s), "the user's");
    QVERIFY(QFile::link(folder.filePath(to), folder.filePath(link)));
    QVERIFY(!StoryMarkdown::dumpToFile(&source, *story, folder.filePath(link), &error,
                                       replace ? StoryMarkdown::ExistingFile::Replace : StoryMarkdown::ExistingFile::Refuse));
    QVERIFY2(error.contains(u"is a symbolic link"_s), qPrintable(error));
    QCOMPARE(readAll(folder.filePath(u"mine.txt"_s)), QByteArray("the user's"));
    QVERIFY(!QFileInfo::exists(folder.filePath(u"not-yet.txt"_s)));
    QCOMPARE(QFileInfo(folder.filePath(link)).symLinkTarget(), folder.filePath(to));
    QCOMPARE(QDir(folder.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot),
             (QStringList{u"mine.txt"_s, link}));
}

// An image's name beside the .md may already be taken: by someone else's
// photo, or by a link to the user's files. Those stay; the image is written
// under a free name, which the front matter gives, so the dump imports whole.
void TestStoryMarkdown::dumpKeepsImagesBesideItThatAreNotOurs()
{
    Library source;
    QString error;
    const std::optional<Story> story = SampleLibrary::open(&source, m_dir.filePath(u"not-ours.newsdesk"_s), &error);
    QVERIFY2(story, qPrintable(error));
    QStringList names;
    for (const Photo &photo : PhotoRepository(&source).photosOfStory(story->id))
        names << StoryMarkdown::imageFileName(photo);
    QCOMPARE(names.size(), 3);
    const auto numbered = [](const QString &name, int n) {
        return u"%1-%2.%3"_s.arg(QFileInfo(name).completeBaseName()).arg(n).arg(QFileInfo(name).suffix());
    };
    QTemporaryDir folder;
    writeAll(folder.filePath(names.at(0)), "someone's photo");
    writeAll(folder.filePath(numbered(names.at(0), 2)), "someone's other photo");
    writeAll(folder.filePath(u"mine/keep.jpg"_s), "the user's");
    QVERIFY(QFile::link(folder.filePath(u"mine/keep.jpg"_s), folder.filePath(names.at(1))));
    const QString md = folder.filePath(u"story.md"_s);
    QVERIFY2(StoryMarkdown::dumpToFile(&source, *story, md, &error), qPrintable(error));

    QCOMPARE(readAll(folder.filePath(names.at(0))), QByteArray("someone's photo"));
    QCOMPARE(readAll(folder.filePath(numbered(names.at(0), 2))), QByteArray("someone's other photo"));
    QCOMPARE(readAll(folder.filePath(u"mine/keep.jpg"_s)), QByteArray("the user's"));
    QVERIFY(QFileInfo(folder.filePath(names.at(1))).isSymLink());
    const QString text = QString::fromUtf8(readAll(md));
    QVERIFY2(text.contains(u"file: \"%1\""_s.arg(numbered(names.at(0), 3))), qPrintable(text.left(600)));
    QVERIFY(text.contains(u"file: \"%1\""_s.arg(numbered(names.at(1), 2))));
    QVERIFY(text.contains(u"file: \"%1\""_s.arg(names.at(2))));

    const std::unique_ptr<Library> target = freshLibrary(u"not-ours-import.newsdesk"_s);
    QVERIFY(target);
    const StoryMarkdown::ImportResult imported = StoryMarkdown::importFile(target.get(), md);
    QVERIFY2(imported.story, qPrintable(imported.error));
    const QList<Photo> before = PhotoRepository(&source).photosOfStory(story->id);
    const QList<Photo> after = PhotoRepository(target.get()).photosOfStory(imported.story->id);
    QCOMPARE(after.size(), before.size());
    for (qsizetype i = 0; i < before.size(); ++i)
        QCOMPARE(after.at(i).imageHash, before.at(i).imageHash);
}

QTEST_GUILESS_MAIN(TestStoryMarkdown)
#include "tst_storymarkdown.moc"
