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
#include <QSemaphore>
#include <QTimeZone>

#include <memory>
#include <functional>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(StoryStatus)

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
    void writerCannotImportDecisions_data();
    void writerCannotImportDecisions();
    void duplicateKeysAreRefused_data();
    void duplicateKeysAreRefused();
    void numericSlugGetsAWord();
    void photoFileMustBeAnImageFileInTheFolder_data();
    void photoFileMustBeAnImageFileInTheFolder();
    void fifoIsRefusedWithoutWaiting();
    void storyFileFifoIsRefusedWithoutWaiting();
    void workflowFieldsRoundTrip();
    void badFrontMatterIsExplained_data();
    void badFrontMatterIsExplained();
    void unknownKeysAreReported();
    void bodyKeepsItsOwnRulesAndLineEndings();
    void importSaysWhatTheLibraryWillNotHold();
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

// Text the library may hold comes back exactly; what it may not hold
// (models/textsafety.h) comes back as the library would store it: a line
// break in a single-line field as a space, CRLF as LF, controls removed.
void TestStoryMarkdown::oddTextRoundTrips_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("single"); // as a single-line field holds it
    QTest::addColumn<QString>("multi");  // as the body or a caption holds it
    auto same = [](const char *name, const QString &text) { QTest::newRow(name) << text << text << text; };
    same("colons and quotes", u"Note: \"quoted\" — and 'single': yes"_s);
    QTest::newRow("newlines and tabs") << u"Line one\nLine two\n\tindented\r\nCRLF"_s
                                       << u"Line one Line two \tindented CRLF"_s
                                       << u"Line one\nLine two\n\tindented\nCRLF"_s;
    QTest::newRow("YAML look-alikes") << u"- not a list\n---\n...\n# not a comment\n[1, 2]\n{a: b}\n&anchor *alias !tag"_s
                                      << u"- not a list --- ... # not a comment [1, 2] {a: b} &anchor *alias !tag"_s
                                      << u"- not a list\n---\n...\n# not a comment\n[1, 2]\n{a: b}\n&anchor *alias !tag"_s;
    same("leading and trailing spaces", u"  spaced  "_s);
    same("emoji and combining marks", u"Café 🇺🇸 👩🏽‍✈️ é (e + U+0301)"_s);
    same("right-to-left and zero-width", u"سلام\u200Dעברית\u200B\u00A0nbsp"_s);
    QTest::newRow("line and paragraph separators") << u"a\u2028b\u2029c\u0085d"_s << u"a\u2028b\u2029cd"_s
                                                   << u"a\u2028b\u2029cd"_s;
    QTest::newRow("byte order mark and controls") << u"\uFEFFstart\u0007bell\u001Besc"_s << u"\uFEFFstartbellesc"_s
                                                  << u"\uFEFFstartbellesc"_s;
    same("backslashes", u"C:\\path\\n not a newline \\\" "_s);
    same("booleans and numbers", u"yes"_s);
    same("null word", u"~"_s);
    same("empty", QString());
}

void TestStoryMarkdown::oddTextRoundTrips()
{
    QFETCH(QString, text);
    QFETCH(QString, single);
    QFETCH(QString, multi);
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
    QCOMPARE(back.headline, u"Headline: "_s + single);
    QCOMPARE(back.dek, single);
    QCOMPARE(back.byline, single);
    QCOMPARE(back.dateline, single);
    QCOMPARE(back.body, u"Body with the text: "_s + multi + u'\n');
    QVERIFY(back.correctionNote.isEmpty());
    QVERIFY(!dumped.contains(u"correction_note"_s)); // only when there is one
    QCOMPARE(parsed.document->photos.size(), 1);
    const Photo &photoBack = parsed.document->photos.constFirst();
    QCOMPARE(photoBack.caption, multi);
    QCOMPARE(photoBack.title, single);
    QCOMPARE(photoBack.altText, single);
    QCOMPARE(photoBack.credit, single);
    QCOMPARE(photoBack.keywords, (QStringList{single, u"second"_s}));
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

void TestStoryMarkdown::writerCannotImportDecisions_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<StoryStatus>("expected");
    QTest::newRow("a draft stays a draft") << u"draft"_s << StoryStatus::Draft;
    QTest::newRow("in review stays in review") << u"in_review"_s << StoryStatus::InReview;
    QTest::newRow("approved comes in for review") << u"approved"_s << StoryStatus::InReview;
    QTest::newRow("published comes in for review") << u"published"_s << StoryStatus::InReview;
    QTest::newRow("archived comes in for review") << u"archived"_s << StoryStatus::InReview;
}

// A writer's import keeps no decision only an editor makes, says so field by
// field, and keeps the embargo (which only holds the story back).
void TestStoryMarkdown::writerCannotImportDecisions()
{
    QFETCH(QString, status);
    QFETCH(StoryStatus, expected);
    const QString text = u"---\nheadline: Decided elsewhere\nstatus: %1\nembargo_until: 2099-01-01T12:00:00Z\n"
                         "published_at: 2025-03-06T15:00:00Z\nphotos:\n  - virin: 250306-D-PM193-1268K\n"
                         "    approval: approved\n    release: {state: released, authority: \"OSD PA\"}\n"
                         "  - virin: 250306-D-PM193-1416K\n    approval: changes_requested\n"
                         "    release: {state: not_released, authority: \"Pending OPSEC\"}\n---\n"_s.arg(status);
    const std::unique_ptr<Library> library = freshLibrary(u"writer-%1.newsdesk"_s.arg(status), false);
    const StoryMarkdown::ImportResult result = StoryMarkdown::importText(library.get(), text, m_dir.path());
    QVERIFY2(result.story, qPrintable(result.error));
    const Story story = *StoryRepository(library.get()).load(result.story->id);
    QCOMPARE(story.status, expected);
    QVERIFY(!story.publishedAt.isValid());
    QCOMPARE(story.embargoUntil, QDateTime(QDate(2099, 1, 1), QTime(12, 0), QTimeZone::UTC));
    const QList<Photo> photos = PhotoRepository(library.get()).photosOfStory(result.story->id);
    QCOMPARE(photos.size(), 2);
    QCOMPARE(photos.at(0).approval, CaptionApproval::Pending);
    QCOMPARE(photos.at(0).releaseState, ReleaseState::NotReviewed);
    QCOMPARE(photos.at(0).releaseAuthority, u"OSD PA"_s); // for the editor to check
    QCOMPARE(photos.at(1).approval, CaptionApproval::Pending);
    QCOMPARE(photos.at(1).releaseState, ReleaseState::NotReleased);

    const QString warnings = result.warnings.join(u'\n');
    QCOMPARE(warnings.contains(u"status: "_s), expected != storyStatusFromKey(status));
    QVERIFY2(warnings.contains(u"published_at: left out"_s), qPrintable(warnings));
    QVERIFY2(warnings.contains(u"embargo_until: kept"_s), qPrintable(warnings));
    QVERIFY2(warnings.contains(u"photo 250306-D-PM193-1268K: approval: the caption comes in as pending, not approved"_s),
             qPrintable(warnings));
    QVERIFY2(warnings.contains(u"photo 250306-D-PM193-1416K: approval: the caption comes in as pending, not changes requested"_s),
             qPrintable(warnings));
    QVERIFY2(warnings.contains(u"photo 250306-D-PM193-1268K: release: the photo comes in as not reviewed"_s), qPrintable(warnings));
    QVERIFY(!warnings.contains(u"photo 250306-D-PM193-1416K: release"_s));
}

void TestStoryMarkdown::duplicateKeysAreRefused_data()
{
    QTest::addColumn<QString>("frontMatter");
    QTest::addColumn<QString>("message");
    QTest::newRow("story status twice") << u"headline: x\nstatus: draft\nstatus: approved\n"_s
                                        << u"line 4: the key 'status' is given twice (first on line 3)"_s;
    QTest::newRow("headline twice, the second quoted")
        << u"headline: Shown\n\"headline\": Published\n"_s << u"line 3: the key 'headline' is given twice (first on line 2)"_s;
    QTest::newRow("photo approval twice")
        << u"headline: x\nphotos:\n  - virin: 250306-D-PM193-1268K\n    approval: pending\n    approval: approved\n"_s
        << u"line 6: the key 'approval' is given twice (first on line 5)"_s;
    QTest::newRow("location city twice, in flow style")
        << u"headline: x\nphotos:\n  - location: {city: Washington, city: Moscow}\n"_s << u"the key 'city' is given twice"_s;
    QTest::newRow("release state twice")
        << u"headline: x\nphotos:\n  - release:\n      state: not_reviewed\n      state: released\n"_s
        << u"line 6: the key 'state' is given twice (first on line 5)"_s;
    QTest::newRow("unknown key twice") << u"headline: x\nnote: a\nnote: b\n"_s << u"the key 'note' is given twice"_s;
}

// yaml-cpp keeps both entries of a repeated key; the file is refused, so
// what a reader sees first is never what Newsdesk takes.
void TestStoryMarkdown::duplicateKeysAreRefused()
{
    QFETCH(QString, frontMatter);
    QFETCH(QString, message);
    const StoryMarkdown::ParseResult result = StoryMarkdown::parse(u"---\n"_s + frontMatter + u"---\nBody\n"_s);
    QVERIFY(!result.document);
    QVERIFY2(result.error.contains(message), qPrintable(result.error));
    // The same keys in two photos are two photos, not a repetition.
    const StoryMarkdown::ParseResult twoPhotos = StoryMarkdown::parse(
        u"---\nheadline: x\nphotos:\n  - virin: a\n    release: {state: released}\n  - virin: b\n    release: {state: released}\n---\n"_s);
    QVERIFY2(twoPhotos.document, qPrintable(twoPhotos.error));
    QCOMPARE(twoPhotos.document->photos.size(), 2);
}

// A slug of digits would read as a story id (`--story 1`): the story gets a
// word in front, and the importer is told.
void TestStoryMarkdown::numericSlugGetsAWord()
{
    const std::unique_ptr<Library> library = freshLibrary(u"numeric-slug.newsdesk"_s);
    const StoryMarkdown::ImportResult result
        = StoryMarkdown::importText(library.get(), u"---\nslug: \"1\"\nheadline: Numbered\n---\nBody\n"_s, m_dir.path());
    QVERIFY2(result.story, qPrintable(result.error));
    QCOMPARE(result.story->slug, u"story-1"_s);
    QVERIFY2(result.warnings.join(u'\n').contains(u"slug: the story's slug is \"story-1\", not \"1\""_s),
             qPrintable(result.warnings.join(u'\n')));
    QCOMPARE(StoryRepository(library.get()).find(u"1"_s)->slug, u"story-1"_s); // id 1 is this story
}

void TestStoryMarkdown::photoFileMustBeAnImageFileInTheFolder_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("message");
    QTest::newRow("link to a photo outside") << u"outside.jpg"_s << u"outside.jpg is a symbolic link"_s;
    QTest::newRow("link to a photo inside") << u"inside.jpg"_s << u"inside.jpg is a symbolic link"_s;
    QTest::newRow("photo in a linked folder") << u"linked/photo.jpg"_s << u"linked/photo.jpg is a symbolic link"_s;
    QTest::newRow("/dev/zero through a link") << u"zero.jpg"_s << u"zero.jpg is a symbolic link"_s;
    QTest::newRow("a folder") << u"folder.jpg"_s << u"folder.jpg is a folder"_s;
    QTest::newRow("GIF") << u"anim.gif"_s << u"anim.gif is not a JPEG, PNG, TIFF or WebP image (it looks like image/gif)"_s;
    QTest::newRow("PDF named .jpg") << u"document.jpg"_s
                                    << u"document.jpg is not a JPEG, PNG, TIFF or WebP image (it looks like application/pdf)"_s;
}

// What the photo import refuses, the Markdown import refuses: the file a
// story names must be a regular image file in its folder, not a link.
void TestStoryMarkdown::photoFileMustBeAnImageFileInTheFolder()
{
    QFETCH(QString, file);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString folder = dir.filePath(u"story"_s);
    QVERIFY(QDir().mkpath(folder + u"/photos"_s));
    QVERIFY(QDir().mkpath(folder + u"/folder.jpg"_s));
    auto write = [](const QString &path, const QByteArray &bytes) {
        QFile out(path);
        return out.open(QIODevice::WriteOnly) && out.write(bytes) == bytes.size();
    };
    QVERIFY(write(dir.filePath(u"private.jpg"_s), jpeg(32, 32)));
    QVERIFY(write(folder + u"/photos/photo.jpg"_s, jpeg(32, 32)));
    QVERIFY(QFile::link(dir.filePath(u"private.jpg"_s), folder + u"/outside.jpg"_s));
    QVERIFY(QFile::link(folder + u"/photos/photo.jpg"_s, folder + u"/inside.jpg"_s));
    QVERIFY(QFile::link(folder + u"/photos"_s, folder + u"/linked"_s));
    QVERIFY(QFile::link(u"/dev/zero"_s, folder + u"/zero.jpg"_s));
    // A GIF's signature and logical screen; what a type sniffer reads.
    QVERIFY(write(folder + u"/anim.gif"_s, QByteArray("GIF89a\x01\x00\x01\x00\x80\x00\x00", 13)));
    QVERIFY(write(folder + u"/document.jpg"_s, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"));

    const std::unique_ptr<Library> library = freshLibrary(u"file-%1.newsdesk"_s.arg(QString::fromUtf8(QTest::currentDataTag())).replace(u'/', u'-'));
    const QString text = u"---\nheadline: Photo file\nphotos:\n  - file: \"%1\"\n    virin: 250306-D-PM193-1268K\n---\n"_s.arg(file);
    const StoryMarkdown::ImportResult result = StoryMarkdown::importText(library.get(), text, folder);
    QVERIFY(!result.story);
    QVERIFY2(result.error.contains(u"photo 250306-D-PM193-1268K: "_s + message), qPrintable(result.error));
    QCOMPARE(StoryRepository(library.get()).count(), 0);
    // The same photo as a plain file in the folder comes in.
    const StoryMarkdown::ImportResult plain = StoryMarkdown::importText(
        library.get(), QString(text).replace(file, u"photos/photo.jpg"_s), folder);
    QVERIFY2(plain.story, qPrintable(plain.error));
    QVERIFY(StoryMarkdown::photoHasImage(plain.photos.constFirst()));
}

// Runs work on a worker with a connection of its own to the library at
// libraryPath, and says whether it returned within 10 s. If not (a regression
// that waits on the FIFO), the FIFO is opened for writing to free the worker,
// so the test fails instead of hanging the suite.
static bool returnsWithoutWaitingOn(const QString &fifo, const QString &libraryPath,
                                    const std::function<void(Library &)> &work)
{
    QSemaphore done;
    std::thread worker([&] {
        Library library;
        if (library.open(libraryPath)) {
            library.setActor(u"Eve Editor"_s);
            work(library);
        }
        done.release();
    });
    const bool returned = done.tryAcquire(1, 10000);
    if (!returned) {
        const int writer = ::open(QFile::encodeName(fifo).constData(), O_WRONLY);
        if (writer >= 0)
            ::close(writer);
    }
    worker.join();
    return returned;
}

// A FIFO named as a photo is refused at once: opening it must not wait for a
// writer that never comes.
void TestStoryMarkdown::fifoIsRefusedWithoutWaiting()
{
    QTemporaryDir dir;
    const QString fifo = dir.filePath(u"pipe.jpg"_s);
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    const QString libraryPath = m_dir.filePath(u"fifo.newsdesk"_s);
    freshLibrary(u"fifo.newsdesk"_s).reset();
    const QString text = u"---\nheadline: Pipe\nphotos:\n  - file: pipe.jpg\n    virin: 250306-D-PM193-1268K\n---\n"_s;
    StoryMarkdown::ImportResult result;
    QVERIFY2(returnsWithoutWaitingOn(fifo, libraryPath, [&](Library &library) { result = StoryMarkdown::importText(&library, text, dir.path()); }),
             "the import waited on the FIFO");
    QVERIFY(!result.story);
    QVERIFY2(result.error.contains(u"pipe.jpg is not a regular file"_s), qPrintable(result.error));
}

// The story file itself: File ▸ Import Markdown… runs on the GUI thread, so
// a FIFO picked there must be refused, not waited on; and a story file is read
// with a bound, so /dev/zero behind a name cannot fill the memory.
void TestStoryMarkdown::storyFileFifoIsRefusedWithoutWaiting()
{
    QTemporaryDir dir;
    const QString fifo = dir.filePath(u"story.md"_s);
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    const QString libraryPath = m_dir.filePath(u"fifo-story.newsdesk"_s);
    freshLibrary(u"fifo-story.newsdesk"_s).reset();
    StoryMarkdown::ImportResult result;
    QVERIFY2(returnsWithoutWaitingOn(fifo, libraryPath, [&](Library &library) { result = StoryMarkdown::importFile(&library, fifo); }),
             "the import waited on the FIFO");
    QVERIFY(!result.story);
    QVERIFY2(result.error.contains(u"is not a regular file"_s), qPrintable(result.error));

    const QString zero = dir.filePath(u"zero.md"_s);
    QVERIFY(QFile::link(u"/dev/zero"_s, zero));
    Library library;
    QVERIFY(library.open(libraryPath));
    const StoryMarkdown::ImportResult fromDevice = StoryMarkdown::importFile(&library, zero);
    QVERIFY(!fromDevice.story);
    QVERIFY2(fromDevice.error.contains(u"is not a regular file"_s), qPrintable(fromDevice.error));
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
    story.body = u"Above.\n\n---\n\nBelow the rule.\n\n...\nNo final newline"_s;
    const StoryMarkdown::ParseResult parsed = StoryMarkdown::parse(StoryMarkdown::dump(story, {}));
    QVERIFY2(parsed.document, qPrintable(parsed.error));
    QCOMPARE(parsed.document->story.body, story.body);
    // A file written on Windows: its line endings are the library's LF, and
    // that is not worth a warning.
    const StoryMarkdown::ParseResult windows = StoryMarkdown::parse(u"---\r\nheadline: \"Rules\"\r\n---\r\nAbove.\r\n\r\nBelow.\r\n"_s);
    QVERIFY2(windows.document, qPrintable(windows.error));
    QCOMPARE(windows.document->story.body, u"Above.\n\nBelow.\n"_s);
    QVERIFY2(windows.warnings.isEmpty(), qPrintable(windows.warnings.join(u'\n')));
}

// Issue 11: text that comes in from a file is where the library says what it
// will not hold, field by field, and the rest of the text (the body's
// Markdown too) comes in as it was.
void TestStoryMarkdown::importSaysWhatTheLibraryWillNotHold()
{
    std::unique_ptr<Library> library = freshLibrary(u"controls.newsdesk"_s);
    QVERIFY(library);
    const QString text = u"---\n"
                         "headline: \"Hegseth\\e[2J Meets\\nHealey\"\n"
                         "dek: \"Plain dek\"\n"
                         "correction_note: \"An earlier version\\u202e misspelt a name.\"\n"
                         "photos:\n"
                         "  - virin: \"250306-D-PM193-1268K\"\n"
                         "    alt: \"Two men\\0 walking\"\n"
                         "    caption: \"Line one\\r\\nline two\\x85\\x9b\"\n"
                         "    keywords: [\"peace\\u2066\", \"talks\"]\n"
                         "  - virin: \"\"\n"
                         "    credit: \"DOD\\x7f\"\n"
                         "---\n"
                         "**Bold** <span>raw</span> & [a link](https://www.defense.gov/)\u0007.\n\n"
                         "![](photo:250306-D-PM193-1268K)\n"_s;
    const StoryMarkdown::ImportResult result = StoryMarkdown::importText(library.get(), text, m_dir.path());
    QVERIFY2(result.story, qPrintable(result.error));
    const QStringList expected{
        u"headline: 1 control character removed, 1 line break replaced by a space"_s,
        u"body: 1 control character removed"_s,
        u"correction_note: 1 control character removed"_s,
        u"photo 250306-D-PM193-1268K caption: 2 control characters removed"_s,
        u"photo 250306-D-PM193-1268K alt: 1 control character removed"_s,
        u"photo 250306-D-PM193-1268K keywords: 1 control character removed"_s,
        u"photo 2 credit: 1 control character removed"_s,
    };
    for (const QString &warning : expected)
        QVERIFY2(result.warnings.contains(warning), qPrintable(result.warnings.join(u'\n')));

    const Story stored = *StoryRepository(library.get()).load(result.story->id);
    QCOMPARE(stored.headline, u"Hegseth[2J Meets Healey"_s);
    QCOMPARE(stored.correctionNote, u"An earlier version misspelt a name."_s);
    QCOMPARE(stored.body, u"**Bold** <span>raw</span> & [a link](https://www.defense.gov/).\n\n![](photo:250306-D-PM193-1268K)\n"_s);
    const QList<Photo> photos = PhotoRepository(library.get()).photosOfStory(stored.id);
    QCOMPARE(photos.size(), 2);
    QCOMPARE(photos.at(0).altText, u"Two men walking"_s);
    QCOMPARE(photos.at(0).caption, u"Line one\nline two"_s);
    QCOMPARE(photos.at(0).keywords, (QStringList{u"peace"_s, u"talks"_s}));
    QCOMPARE(photos.at(1).credit, u"DOD"_s);
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
