// SPDX-License-Identifier: MIT
#include "articlerenderer.h"
#include "photometadata.h"
#include "samplelibrary.h"
#include "storyexporter.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QProcess>
#include <QScopeGuard>
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>

#include <grp.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

class TestStoryExporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void unclearedSampleListsEveryReason();
    void gateBlocksUntilCleared_data();
    void gateBlocksUntilCleared();
    void clearedStoryExportsAFolderWithRelativeLinks();
    void unreviewedImagesBlock_data();
    void unreviewedImagesBlock();
    void exportPublishesOnlyApprovedPlacedPhotos();
    void approvalCoversEveryPublishedPhotoField_data();
    void approvalCoversEveryPublishedPhotoField();
    void renditionsFitTheWebSize_data();
    void renditionsFitTheWebSize();
    void transparencyIsFlattenedOntoWhite();
    void renditionsCarryTheLibrarysMetadata();
    void failedExportLeavesTheEarlierOneAlone();
    void exportReplacesTheEarlierOneWhole();
    void folderWithOtherFilesIsNeverReplaced();
    void photosWhoseNamesWouldCollideGetFilesOfTheirOwn();
    void notAnEarlierExportIsNeverTouched_data();
    void notAnEarlierExportIsNeverTouched();
    void targetThatIsASymlinkIsRefused();
    void parentThatCannotBeWrittenLeavesEverythingAsItWas_data();
    void parentThatCannotBeWrittenLeavesEverythingAsItWas();
    void readOnlyParentKeepsTheEarlierExport();
    void overrideExportsAndIsRecorded();
    void blankOverrideReasonDoesNotOverride();

private:
    QString target() const { return m_dir->filePath(u"web/hegseth-healey"_s); }
    QStringList leftovers() const;
    static QByteArray encoded(const QImage &image, const char *format);
    // Every file under path (links not followed) with its contents, or the
    // link's target: what must survive a refused export unchanged.
    static QMap<QString, QByteArray> snapshot(const QString &path);
    static void writeFile(const QString &path, const QByteArray &bytes);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Library> m_library;
    Story m_story;
};

void TestStoryExporter::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestStoryExporter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_library = std::make_unique<Library>();
    QString error;
    const std::optional<Story> story = SampleLibrary::open(m_library.get(), m_dir->filePath(u"lib.newsdesk"_s), &error);
    QVERIFY2(story, qPrintable(error));
    m_story = *story;
}

void TestStoryExporter::cleanup()
{
    m_library.reset();
    m_dir.reset();
}

// Hidden staging or set-aside folders left beside the target.
QStringList TestStoryExporter::leftovers() const
{
    return QDir(m_dir->filePath(u"web"_s))
        .entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)
        .filter(QRegularExpression(u"^\\."_s));
}

QByteArray TestStoryExporter::encoded(const QImage &image, const char *format)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return bytes;
}

QMap<QString, QByteArray> TestStoryExporter::snapshot(const QString &path)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(path, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info = it.nextFileInfo();
        const QString relative = QDir(path).relativeFilePath(info.filePath());
        if (relative.startsWith(u"lib.newsdesk"_s) || relative.startsWith(u"nobody"_s))
            continue; // the library, which records what happens
        if (info.isSymLink()) {
            files.insert(relative, "-> " + info.symLinkTarget().toUtf8());
        } else if (info.isDir()) {
            files.insert(relative + u'/', QByteArray());
        } else {
            QFile file(info.filePath());
            files.insert(relative, file.open(QIODevice::ReadOnly)
                                       ? QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha1).toHex()
                                       : QByteArray("(unreadable)"));
        }
    }
    return files;
}

void TestStoryExporter::writeFile(const QString &path, const QByteArray &bytes)
{
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

void TestStoryExporter::unclearedSampleListsEveryReason()
{
    const StoryExporter::Result result = StoryExporter(m_library.get()).exportStory(m_story, target());
    QVERIFY(!result.success);
    QVERIFY(result.errorMessage.isEmpty());
    // A new sample story is a draft whose three captions nobody has approved
    // (its photos came from defense.gov, so they are released).
    QCOMPARE(result.blockingReasons,
             (QStringList{u"The story is not approved (it is Draft)."_s,
                          u"Photo 250306-D-PM193-1268K: its caption is pending approval."_s,
                          u"Photo 250306-D-PM193-1416K: its caption is pending approval."_s,
                          u"Photo 250306-F-UO417-1153K: its caption is pending approval."_s}));
    QVERIFY(!QFileInfo::exists(target()));
    QVERIFY(result.filesWritten.isEmpty());
}

void TestStoryExporter::gateBlocksUntilCleared_data()
{
    using Change = std::function<void(Library *, Story &)>;
    QTest::addColumn<Change>("change");
    QTest::addColumn<QStringList>("reasons");
    auto secondPhoto = [](Library *library, const Story &story) { return PhotoRepository(library).photosOfStory(story.id).at(1); };

    QTest::newRow("changes requested on the story") << Change([](Library *library, Story &story) {
        StoryRepository(library).transition(story, WorkflowAction::RequestChanges, u"Tighten the lede."_s);
    }) << QStringList{u"The story is not approved (it is Draft)."_s};
    QTest::newRow("caption edited after approval") << Change([=](Library *library, Story &story) {
        Photo photo = secondPhoto(library, story);
        photo.caption += u" Edited."_s;
        PhotoRepository(library).save(photo);
    }) << QStringList{u"Photo 250306-D-PM193-1416K: its caption is pending approval."_s};
    QTest::newRow("changes requested on a caption") << Change([=](Library *library, Story &story) {
        Photo photo = secondPhoto(library, story);
        PhotoRepository(library).decideCaption(photo, CaptionApproval::ChangesRequested, u"Spell out UDCG."_s);
    }) << QStringList{u"Photo 250306-D-PM193-1416K: changes were requested on its caption."_s};
    QTest::newRow("photo not released") << Change([=](Library *library, Story &story) {
        Photo photo = secondPhoto(library, story);
        photo.releaseState = ReleaseState::NotReleased;
        PhotoRepository(library).save(photo);
    }) << QStringList{u"Photo 250306-D-PM193-1416K: its caption is pending approval."_s,
                      u"Photo 250306-D-PM193-1416K is not released (Not Released)."_s};
    QTest::newRow("photo not reviewed for release") << Change([=](Library *library, Story &story) {
        Photo photo = secondPhoto(library, story);
        photo.releaseState = ReleaseState::NotReviewed;
        PhotoRepository(library).save(photo);
    }) << QStringList{u"Photo 250306-D-PM193-1416K: its caption is pending approval."_s,
                      u"Photo 250306-D-PM193-1416K is not released (Not Reviewed)."_s};
    // What the approval saw is what goes out: any published field edited
    // after it sends the photo back to review.
    QTest::newRow("title edited after approval") << Change([=](Library *library, Story &story) {
        Photo photo = secondPhoto(library, story);
        photo.title = u"Retitled after approval"_s;
        PhotoRepository(library).save(photo);
    }) << QStringList{u"Photo 250306-D-PM193-1416K: its caption is pending approval."_s};
    QTest::newRow("credit edited after approval") << Change([=](Library *library, Story &story) {
        Photo photo = secondPhoto(library, story);
        photo.credit = u"Somebody Else, DOD"_s;
        PhotoRepository(library).save(photo);
    }) << QStringList{u"Photo 250306-D-PM193-1416K: its caption is pending approval."_s};
    QTest::newRow("body places a photo the story lacks") << Change([](Library *library, Story &story) {
        story.body += u"\n![](photo:250307-N-AB123-1001)\n"_s;
        StoryRepository(library).save(story);
    }) << QStringList{u"The body places photo 250307-N-AB123-1001, which the story does not have."_s};
}

void TestStoryExporter::gateBlocksUntilCleared()
{
    QFETCH(std::function<void(Library *, Story &)>, change);
    QFETCH(QStringList, reasons);
    QString error;
    QVERIFY2(SampleLibrary::clearForPublication(m_library.get(), m_story, &error), qPrintable(error));
    QVERIFY(StoryExporter::gateFindings(m_story, PhotoRepository(m_library.get()).photosOfStory(m_story.id)).isEmpty());
    change(m_library.get(), m_story);
    const StoryExporter::Result result = StoryExporter(m_library.get()).exportStory(m_story, target());
    QVERIFY(!result.success);
    QCOMPARE(result.blockingReasons, reasons);
    QVERIFY(!QFileInfo::exists(target()));
    QVERIFY(leftovers().isEmpty());
}

void TestStoryExporter::clearedStoryExportsAFolderWithRelativeLinks()
{
    QString error;
    QVERIFY2(SampleLibrary::clearForPublication(m_library.get(), m_story, &error), qPrintable(error));
    const StoryExporter::Result result = StoryExporter(m_library.get()).exportStory(m_story, target());
    QVERIFY2(result.success, qPrintable(result.errorMessage + result.blockingReasons.join(u' ')));
    QVERIFY(result.blockingReasons.isEmpty());
    const QDir folder(target());
    QStringList expected{folder.filePath(u"images/250306-D-PM193-1268K.jpg"_s), folder.filePath(u"images/250306-D-PM193-1416K.jpg"_s),
                         folder.filePath(u"images/250306-F-UO417-1153K.jpg"_s), folder.filePath(u"article.css"_s),
                         folder.filePath(u"index.html"_s)};
    QCOMPARE(result.filesWritten, expected);
    for (const QString &file : std::as_const(expected))
        QVERIFY2(QFileInfo(file).size() > 0, qPrintable(file));
    QCOMPARE(folder.entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             (QStringList{u"article.css"_s, u"images"_s, u"index.html"_s}));
    QVERIFY(leftovers().isEmpty());

    QFile index(folder.filePath(u"index.html"_s));
    QVERIFY(index.open(QIODevice::ReadOnly));
    const QString html = QString::fromUtf8(index.readAll());
    QVERIFY(html.contains(u"<link rel=\"stylesheet\" href=\"article.css\">"_s));
    QVERIFY(!html.contains(u"<style>"_s));
    // Every local link in the page names a file of the folder.
    static const QRegularExpression links(u"(?:src|href)=\"([^\"]+)\""_s);
    int count = 0;
    for (QRegularExpressionMatchIterator it = links.globalMatch(html); it.hasNext(); ++count) {
        const QString link = it.next().captured(1);
        QVERIFY2(!link.contains(u':') && !link.startsWith(u'/'), qPrintable(link));
        QVERIFY2(folder.exists(link), qPrintable(link));
    }
    QCOMPARE(count, 4);
    QFile css(folder.filePath(u"article.css"_s));
    QVERIFY(css.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(css.readAll()), ArticleRenderer::stylesheet());
    // The export is on record.
    bool recorded = false;
    for (const AuditEntry &entry : m_library->auditTrail(u"story"_s, m_story.id))
        recorded = recorded || (entry.action == u"export"_s && entry.detail == QDir::toNativeSeparators(target()));
    QVERIFY(recorded);
}

void TestStoryExporter::unreviewedImagesBlock_data()
{
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<int>("line");          // of the image, counted from the markdown's first line
    QTest::addColumn<QString>("subject");   // "story" or the photo's VIRIN
    QTest::addColumn<QString>("shown");     // how the message names the image

    const QString placed = u"250306-D-PM193-1268K"_s;
    QTest::newRow("remote image") << u"![chart](https://example.com/chart.png)"_s << 1 << u"story"_s
                                  << u"(https://example.com/chart.png)"_s;
    QTest::newRow("remote image inside a sentence")
        << u"The chart ![chart](https://example.com/chart.png) shows it."_s << 1 << u"story"_s << u"(https://example.com/chart.png)"_s;
    QTest::newRow("relative image") << u"![](images/family.jpg)"_s << 1 << u"story"_s << u"(images/family.jpg)"_s;
    QTest::newRow("data: image") << u"![](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==)"_s
                                 << 1 << u"story"_s << u"(data:image/png)"_s;
    QTest::newRow("remote image in a link") << u"[![logo](https://example.com/logo.png)](https://example.com/)"_s << 1
                                            << u"story"_s << u"(https://example.com/logo.png)"_s;
    QTest::newRow("remote image on the third line of a paragraph")
        << u"First line\nsecond line\nthird ![x](https://example.com/x.png)"_s << 3 << u"story"_s << u"(https://example.com/x.png)"_s;
    QTest::newRow("photo inside a sentence") << u"Hegseth ![](photo:%1) arrives."_s.arg(placed) << 1 << placed
                                             << u"photo %1 inside"_s.arg(placed);
    QTest::newRow("photo in a link") << u"[![](photo:%1)](https://example.com/)"_s.arg(placed) << 1 << placed
                                     << u"photo %1 inside"_s.arg(placed);
    QTest::newRow("photo in a table") << u"| photo |\n|---|\n| ![](photo:%1) |"_s.arg(placed) << 3 << placed
                                      << u"photo %1 inside"_s.arg(placed);
    QTest::newRow("photo in a list") << u"- first\n- ![](photo:%1)"_s.arg(placed) << 2 << placed
                                     << u"photo %1 inside"_s.arg(placed);
    QTest::newRow("photo in a block quote") << u"> ![](photo:%1)"_s.arg(placed) << 1 << placed
                                            << u"photo %1 inside"_s.arg(placed);
    // A terminal or dialog gets no control or bidi characters from an address.
    QTest::newRow("address with an escape and a bidi override")
        << u"![](<https://example.com/\x1b[2J\u202Egnp.png>)"_s << 1 << u"story"_s
        // Saving leaves the controls out (textsafety.h) before the gate reads it.
        << u"(https://example.com/[2Jgnp.png)"_s;
}

void TestStoryExporter::unreviewedImagesBlock()
{
    QFETCH(QString, markdown);
    QFETCH(int, line);
    QFETCH(QString, subject);
    QFETCH(QString, shown);
    QString error;
    QVERIFY2(SampleLibrary::clearForPublication(m_library.get(), m_story, &error), qPrintable(error));
    const int firstLine = int(m_story.body.count(u'\n')) + 3; // after a blank line
    m_story.body += u"\n\n"_s + markdown + u"\n"_s;
    QCOMPARE(StoryRepository(m_library.get()).save(m_story), StoryRepository::SaveResult::Saved);

    const QList<StoryFinding> findings = StoryExporter::gateFindings(m_story, PhotoRepository(m_library.get()).photosOfStory(m_story.id));
    QCOMPARE(findings.size(), 1);
    const StoryFinding &finding = findings.constFirst();
    QCOMPARE(finding.severity, StoryFinding::Severity::Error);
    QCOMPARE(finding.code, u"image-not-reviewed"_s);
    QCOMPARE(finding.subject, subject);
    QVERIFY2(finding.message.startsWith(u"Line %1 of the body shows "_s.arg(firstLine + line - 1)), qPrintable(finding.message));
    QVERIFY2(finding.message.contains(shown), qPrintable(finding.message));
    QVERIFY2(!finding.message.contains(u"base64"_s), qPrintable(finding.message));
    for (const QChar c : finding.message)
        QVERIFY2(c.category() != QChar::Other_Control && c.category() != QChar::Other_Format, qPrintable(finding.message));

    // The export says so and writes nothing.
    const StoryExporter::Result result = StoryExporter(m_library.get()).exportStory(m_story, target());
    QVERIFY(!result.success);
    QCOMPARE(result.blockingReasons, QStringList{finding.message});
    QVERIFY(!QFileInfo::exists(target()));
}

void TestStoryExporter::exportPublishesOnlyApprovedPlacedPhotos()
{
    QString error;
    QVERIFY2(SampleLibrary::clearForPublication(m_library.get(), m_story, &error), qPrintable(error));
    const QStringList approved{u"250306-D-PM193-1268K"_s, u"250306-D-PM193-1416K"_s, u"250306-F-UO417-1153K"_s};
    m_story.body += u"\n\nSee ![remote chart](https://example.com/chart.png) and ![pixel](data:image/gif;base64,R0lGODlhAQABAAAAACw=)."
                    "\n\n[![linked photo](photo:250306-D-PM193-1268K)](https://example.com/)"
                    "\n\n| cell |\n|---|\n| ![table photo](photo:250306-D-PM193-1416K) |"
                    "\n\n- ![listed photo](photo:250306-F-UO417-1153K)"
                    "\n\n> ![quoted](images/elsewhere.jpg)"
                    "\n\n![unknown](photo:250307-N-AB123-1001)\n"_s;
    QCOMPARE(StoryRepository(m_library.get()).save(m_story), StoryRepository::SaveResult::Saved);
    // An editor's override publishes the story, but still no image nobody reviewed.
    StoryExporter::Options options;
    options.overrideReason = u"Test of what an override can publish"_s;
    const StoryExporter::Result result = StoryExporter(m_library.get()).exportStory(m_story, target(), options);
    QVERIFY2(result.success, qPrintable(result.errorMessage));
    QVERIFY(result.overridden);
    QCOMPARE(result.blockingReasons.size(), 7);

    QFile index(QDir(target()).filePath(u"index.html"_s));
    QVERIFY(index.open(QIODevice::ReadOnly));
    const QString html = QString::fromUtf8(index.readAll());
    static const QRegularExpression img(u"<img\\b[^>]*>"_s, QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression src(u"\\bsrc=\"([^\"]*)\""_s);
    QStringList sources;
    for (QRegularExpressionMatchIterator it = img.globalMatch(html); it.hasNext();)
        sources << src.match(it.next().captured(0)).captured(1);
    QCOMPARE(sources, (QStringList{u"images/250306-D-PM193-1268K.jpg"_s, u"images/250306-D-PM193-1416K.jpg"_s,
                                   u"images/250306-F-UO417-1153K.jpg"_s}));
    for (const QString &virin : approved)
        QCOMPARE(PhotoRepository(m_library.get()).findByVirin(virin).value(0).approval, CaptionApproval::Approved);
    QVERIFY(!html.contains(u"example.com/chart"_s));
    QVERIFY(!html.contains(u"data:image"_s));
    QVERIFY(!html.contains(u"photo:"_s));
    QVERIFY(!html.contains(u"elsewhere.jpg"_s));
    // Each shows its description instead.
    for (const QString &alt : {u"remote chart"_s, u"pixel"_s, u"linked photo"_s, u"table photo"_s, u"listed photo"_s,
                               u"quoted"_s, u"unknown"_s})
        QVERIFY2(html.contains(alt), qPrintable(alt));
}

void TestStoryExporter::approvalCoversEveryPublishedPhotoField_data()
{
    // Every field of a Photo someone can edit, changed by hand: whether the
    // export then publishes something else is found out from the export's
    // own output below, not from the list the approval uses.
    using Edit = std::function<void(Photo &)>;
    QTest::addColumn<Edit>("edit");
    QTest::newRow("nothing") << Edit([](Photo &) {});
    QTest::newRow("VIRIN") << Edit([](Photo &p) { p.virin = u"250306-D-PM193-1999K"_s; });
    QTest::newRow("title") << Edit([](Photo &p) { p.title = u"Another title"_s; });
    QTest::newRow("caption") << Edit([](Photo &p) { p.caption += u" More."_s; });
    QTest::newRow("alt text") << Edit([](Photo &p) { p.altText = u"Two people shaking hands."_s; });
    QTest::newRow("credit") << Edit([](Photo &p) { p.credit = u"Air Force Staff Sgt. Jane Doe, DOD"_s; });
    QTest::newRow("photographer") << Edit([](Photo &p) { p.photographer = u"Jane Doe"_s; });
    QTest::newRow("unit") << Edit([](Photo &p) { p.unit = u"DMA"_s; });
    QTest::newRow("operation") << Edit([](Photo &p) { p.operation = u"Exercise Steadfast"_s; });
    QTest::newRow("date shot") << Edit([](Photo &p) { p.dateShot = QDate(2025, 3, 7); });
    QTest::newRow("city") << Edit([](Photo &p) { p.city = u"Norfolk"_s; });
    QTest::newRow("sublocation") << Edit([](Photo &p) { p.sublocation = u"Pier 12"_s; });
    QTest::newRow("state") << Edit([](Photo &p) { p.state = u"Virginia"_s; });
    QTest::newRow("country") << Edit([](Photo &p) { p.country = u"Germany"_s; });
    QTest::newRow("country code") << Edit([](Photo &p) { p.countryCode = u"DEU"_s; });
    QTest::newRow("keywords") << Edit([](Photo &p) { p.keywords << u"Ramstein"_s; });
    QTest::newRow("release state") << Edit([](Photo &p) { p.releaseState = ReleaseState::NotReleased; });
    QTest::newRow("release authority") << Edit([](Photo &p) { p.releaseAuthority = u"Someone Else, PAO"_s; });
    QTest::newRow("caption writer") << Edit([](Photo &p) { p.captionWriter = u"Another Writer"_s; });
    QTest::newRow("file name") << Edit([](Photo &p) { p.fileName = u"renamed.jpg"_s; });
    QTest::newRow("who changed it last") << Edit([](Photo &p) { p.updatedBy = u"Someone"_s; });
}

void TestStoryExporter::approvalCoversEveryPublishedPhotoField()
{
    QFETCH(std::function<void(Photo &)>, edit);
    Photo before = PhotoRepository(m_library.get()).photosOfStory(m_story.id).at(0);
    before.releaseState = ReleaseState::Released;
    before.releaseAuthority = u"Pentagon Press Operations"_s;
    Photo after = before;
    edit(after);
    ArticleRenderer::Options render;
    render.imageLinks = ArticleRenderer::Options::ImageLinks::ExportFiles;
    QImage image(64, 48, QImage::Format_RGB32);
    image.fill(QColor(30, 60, 90));
    const QByteArray jpeg = encoded(image, "JPEG");
    // What the page and the rendition publish of a photo placed in a story.
    const auto published = [&](const Photo &photo) {
        Story story = m_story;
        story.body = u"![](photo:%1)"_s.arg(photo.virin);
        QString error;
        const QByteArray embedded = StoryExporter::embedPhotoMetadata(jpeg, photo, &error);
        return std::tuple{ArticleRenderer::articleFragment(story, {photo}, render),
                          ArticleRenderer::jsonLd(story, {photo}, render), embedded, error};
    };
    const auto [beforeHtml, beforeJson, beforeImage, beforeError] = published(before);
    QVERIFY2(!beforeImage.isEmpty(), qPrintable(beforeError));
    const bool publishesSomethingElse = published(after) != published(before);
    const bool approvalCovers = !changedReviewedFields(before, after).isEmpty();
    QCOMPARE(approvalCovers, publishesSomethingElse);
}

void TestStoryExporter::renditionsFitTheWebSize_data()
{
    QTest::addColumn<QSize>("original");
    QTest::addColumn<QSize>("rendition");
    QTest::newRow("landscape camera original") << QSize(6000, 4000) << QSize(2048, 1365);
    QTest::newRow("portrait") << QSize(3000, 4500) << QSize(1365, 2048);
    QTest::newRow("exactly the limit stays") << QSize(2048, 1024) << QSize(2048, 1024);
    QTest::newRow("small stays small") << QSize(800, 600) << QSize(800, 600);
}

void TestStoryExporter::renditionsFitTheWebSize()
{
    QFETCH(QSize, original);
    QFETCH(QSize, rendition);
    QImage image(original, QImage::Format_RGB32);
    image.fill(QColor(30, 60, 90));
    Photo photo;
    photo.virin = u"250306-D-PM193-1268K"_s;
    QString error;
    const QByteArray jpeg = StoryExporter::webRendition(encoded(image, "PNG"), photo, {}, &error);
    QVERIFY2(!jpeg.isEmpty(), qPrintable(error));
    QBuffer buffer;
    buffer.setData(jpeg);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    QCOMPARE(reader.format(), QByteArray("jpeg"));
    QCOMPARE(reader.size(), rendition);
}

void TestStoryExporter::transparencyIsFlattenedOntoWhite()
{
    QImage image(40, 30, QImage::Format_ARGB32);
    image.fill(Qt::transparent);
    Photo photo;
    QString error;
    const QByteArray jpeg = StoryExporter::webRendition(encoded(image, "PNG"), photo, {}, &error);
    QVERIFY2(!jpeg.isEmpty(), qPrintable(error));
    const QImage back = QImage::fromData(jpeg, "JPEG");
    QVERIFY(qGray(back.pixel(20, 15)) > 245);

    QVERIFY(StoryExporter::webRendition("not an image", photo, {}, &error).isEmpty());
    QVERIFY(error.contains(u"cannot be read"_s));
}

void TestStoryExporter::renditionsCarryTheLibrarysMetadata()
{
    QString error;
    QVERIFY2(SampleLibrary::clearForPublication(m_library.get(), m_story, &error), qPrintable(error));
    // An approved caption edited in the library (and approved again) is the
    // one the rendition carries, not the one embedded in the original file.
    PhotoRepository photos(m_library.get());
    Photo photo = photos.photosOfStory(m_story.id).at(0);
    photo.caption = u"Defense Secretary Pete Hegseth walks with British Defense Secretary John Healey at the Pentagon, March 6, 2025."_s;
    photo.keywords = {u"Hegseth"_s, u"Healey"_s};
    QCOMPARE(photos.save(photo), PhotoRepository::SaveResult::Saved);
    QCOMPARE(photos.decideCaption(photo, CaptionApproval::Approved), PhotoRepository::SaveResult::Saved);
    QVERIFY(StoryExporter(m_library.get()).exportStory(m_story, target()).success);

    const PhotoMetadata::ReadResult read = PhotoMetadata::readFile(target() + u"/images/250306-D-PM193-1268K.jpg"_s);
    QVERIFY2(read.ok, qPrintable(read.errorString));
    QVERIFY(read.hasIptc && read.hasXmp);
    QCOMPARE(read.photo.virin, photo.virin);
    QCOMPARE(read.photo.caption, photo.caption);
    QCOMPARE(read.photo.altText, photo.altText);
    QCOMPARE(read.photo.keywords, photo.keywords);
    QCOMPARE(read.photo.releaseState, ReleaseState::Released);
}

void TestStoryExporter::failedExportLeavesTheEarlierOneAlone()
{
    QString error;
    QVERIFY2(SampleLibrary::clearForPublication(m_library.get(), m_story, &error), qPrintable(error));
    QVERIFY(StoryExporter(m_library.get()).exportStory(m_story, target()).success);
    QFile index(QDir(target()).filePath(u"index.html"_s));
    QVERIFY(index.open(QIODevice::ReadOnly));
    const QByteArray before = index.readAll();
    index.close();

    // A cleared photo that has no image yet: the export fails part-way.
    PhotoRepository photos(m_library.get());
    Photo pending;
    pending.virin = u"250306-D-PM193-1500K"_s;
    pending.altText = u"A photo still on its way."_s; // cleared in every other respect
    pending.releaseState = ReleaseState::Released;
    std::optional<Photo> added = photos.add(pending, QByteArray(""), QString(), QSize(), QByteArray());
    QVERIFY(added);
    QVERIFY(photos.attach(m_story.id, added->id));
    QCOMPARE(photos.decideCaption(*added, CaptionApproval::Approved), PhotoRepository::SaveResult::Saved);
    m_story.headline = u"A new headline that must not appear"_s;
    m_story.body += u"\n![](photo:250306-D-PM193-1500K)\n"_s;
    QCOMPARE(StoryRepository(m_library.get()).save(m_story), StoryRepository::SaveResult::Saved);

    const StoryExporter::Result result = StoryExporter(m_library.get()).exportStory(m_story, target());
    QVERIFY(!result.success);
    QVERIFY(result.blockingReasons.isEmpty());
    QVERIFY2(result.errorMessage.contains(u"250306-D-PM193-1500K has no image"_s), qPrintable(result.errorMessage));
    QVERIFY(index.open(QIODevice::ReadOnly));
    QCOMPARE(index.readAll(), before);
    QVERIFY2(leftovers().isEmpty(), qPrintable(leftovers().join(u' ')));
}

void TestStoryExporter::exportReplacesTheEarlierOneWhole()
{
    QString error;
    QVERIFY2(SampleLibrary::clearForPublication(m_library.get(), m_story, &error), qPrintable(error));
    QVERIFY(StoryExporter(m_library.get()).exportStory(m_story, target()).success);
    // The third photo leaves the body; its rendition must leave the folder.
    m_story.body.replace(u"![](photo:250306-F-UO417-1153K)"_s, QString());
    m_story.headline = u"Hegseth, Healey Discuss Peace"_s;
    QCOMPARE(StoryRepository(m_library.get()).save(m_story), StoryRepository::SaveResult::Saved);
    const StoryExporter::Result result = StoryExporter(m_library.get()).exportStory(m_story, target());
    QVERIFY2(result.success, qPrintable(result.errorMessage));
    QCOMPARE(QDir(target()).entryList({u"*.jpg"_s}, QDir::Files, QDir::Name).size(), 0);
    QCOMPARE(QDir(target() + u"/images"_s).entryList(QDir::Files, QDir::Name),
             (QStringList{u"250306-D-PM193-1268K.jpg"_s, u"250306-D-PM193-1416K.jpg"_s}));
    QFile index(QDir(target()).filePath(u"index.html"_s));
    QVERIFY(index.open(QIODevice::ReadOnly));
    QVERIFY(QString::fromUtf8(index.readAll()).contains(u"<h1>Hegseth, Healey Discuss Peace</h1>"_s));
    QVERIFY(leftovers().isEmpty());
}

void TestStoryExporter::folderWithOtherFilesIsNeverReplaced()
{
    QString error;
    QVERIFY2(SampleLibrary::clearForPublication(m_library.get(), m_story, &error), qPrintable(error));
    QVERIFY(QDir().mkpath(target()));
    QFile notes(QDir(target()).filePath(u"notes.txt"_s));
    QVERIFY(notes.open(QIODevice::WriteOnly));
    notes.write("mine");
    notes.close();
    const StoryExporter::Result result = StoryExporter(m_library.get()).exportStory(m_story, target());
    QVERIFY(!result.success);
    QVERIFY2(result.errorMessage.contains(u"holds other files"_s), qPrintable(result.errorMessage));
    QCOMPARE(QDir(target()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList{u"notes.txt"_s});

    // An empty folder is fine.
    const QString empty = m_dir->filePath(u"web/empty"_s);
    QVERIFY(QDir().mkpath(empty));
    QVERIFY(StoryExporter(m_library.get()).exportStory(m_story, empty).success);
}

// A photo without a VIRIN was once named "photo-ID.jpg", which is also what a
// photo whose VIRIN field says "photo-7" was named: one file for two photos,
// the second figure showing the first one's image.
void TestStoryExporter::photosWhoseNamesWouldCollideGetFilesOfTheirOwn()
{
    QString error;
    QVERIFY2(SampleLibrary::clearForPublication(m_library.get(), m_story, &error), qPrintable(error));
    PhotoRepository photos(m_library.get());
    const auto addPhoto = [&](const QString &virin, Qt::GlobalColor colour) -> std::optional<Photo> {
        Photo photo;
        photo.virin = virin;
        photo.title = u"Photo %1"_s.arg(virin);
        photo.altText = u"A square of one colour."_s; // the gate wants alt text
        photo.releaseState = ReleaseState::Released;
        photo.releaseAuthority = u"Pentagon Press Operations"_s;
        QImage image(40, 30, QImage::Format_RGB32);
        image.fill(colour);
        const QByteArray jpeg = encoded(image, "JPEG");
        std::optional<Photo> added = photos.add(photo, jpeg, u"image/jpeg"_s, image.size(), jpeg);
        if (!added || !photos.attach(m_story.id, added->id)
            || photos.decideCaption(*added, CaptionApproval::Approved) != PhotoRepository::SaveResult::Saved)
            return std::nullopt;
        return photos.photosOfStory(m_story.id).constLast();
    };
    const std::optional<Photo> unnamed = addPhoto(QString(), Qt::red);
    QVERIFY2(unnamed, qPrintable(photos.errorString()));
    const std::optional<Photo> misnamed = addPhoto(u"photo-%1"_s.arg(unnamed->id), Qt::blue);
    QVERIFY2(misnamed, qPrintable(photos.errorString()));
    const std::optional<Photo> shouting = addPhoto(u"PHOTO_%1"_s.arg(unnamed->id), Qt::green);
    QVERIFY2(shouting, qPrintable(photos.errorString()));
    m_story.body += u"\n![](photo:)\n\n![](photo:%1)\n\n![](photo:%2)\n"_s.arg(misnamed->virin, shouting->virin);
    QCOMPARE(StoryRepository(m_library.get()).save(m_story), StoryRepository::SaveResult::Saved);

    const StoryExporter::Result result = StoryExporter(m_library.get()).exportStory(m_story, target());
    QVERIFY2(result.success, qPrintable(result.errorMessage + result.blockingReasons.join(u' ')));
    const QDir images(target() + u"/images"_s);
    const QStringList files = images.entryList(QDir::Files, QDir::Name);
    QCOMPARE(files.size(), 6);
    QSet<QString> folded;
    for (const QString &file : files)
        folded.insert(file.toLower());
    QCOMPARE(folded.size(), 6); // distinct even where case does not count
    QFile index(QDir(target()).filePath(u"index.html"_s));
    QVERIFY(index.open(QIODevice::ReadOnly));
    const QString html = QString::fromUtf8(index.readAll());
    // Each figure shows its own photo's image: the colour it was given.
    for (const auto &[photo, colour] : {std::pair{*unnamed, QColor(Qt::red)}, {*misnamed, QColor(Qt::blue)}, {*shouting, QColor(Qt::green)}}) {
        static const QRegularExpression figure(u"<figure class=\"photo\"[^>]*>\\s*<img src=\"([^\"]+)\""_s);
        QString source;
        for (QRegularExpressionMatchIterator it = figure.globalMatch(html); it.hasNext();) {
            const QRegularExpressionMatch match = it.next();
            const qsizetype caption = html.indexOf(u"</figure>"_s, match.capturedEnd());
            if (html.mid(match.capturedEnd(), caption - match.capturedEnd()).contains(u">Photo %1<"_s.arg(photo.virin)))
                source = match.captured(1);
        }
        QVERIFY2(!source.isEmpty(), qPrintable(photo.virin));
        const QImage shown(QDir(target()).filePath(source));
        QVERIFY2(!shown.isNull(), qPrintable(source));
        const QColor pixel = shown.pixelColor(shown.width() / 2, shown.height() / 2);
        QVERIFY2(qAbs(pixel.red() - colour.red()) < 40 && qAbs(pixel.green() - colour.green()) < 40
                     && qAbs(pixel.blue() - colour.blue()) < 40,
                 qPrintable(source + u" shows "_s + pixel.name()));
    }
}

// What the user keeps beside or inside the target: an earlier export with
// anything more (however deep) is not an earlier export, and nothing of it is
// moved, replaced or removed.
void TestStoryExporter::notAnEarlierExportIsNeverTouched_data()
{
    QTest::addColumn<QString>("extra"); // what is added to an earlier export
    QTest::newRow("a file in a folder under images") << u"images/family/keep.txt"_s;
    QTest::newRow("a folder under images") << u"images/family/"_s;
    QTest::newRow("a file in images not named like an image") << u"images/notes.txt"_s;
    QTest::newRow("a hidden file") << u".notes"_s;
    QTest::newRow("a link in images to the user's folder") << u"images/album.jpg -> mine"_s;
    QTest::newRow("images is a link to the user's folder") << u"images -> mine"_s;
    QTest::newRow("index.html is a link to the user's file") << u"index.html -> mine/keep.txt"_s;
    QTest::newRow("article.css is a link to the user's file") << u"article.css -> mine/keep.txt"_s;
}

void TestStoryExporter::notAnEarlierExportIsNeverTouched()
{
    QFETCH(QString, extra);
    QString error;
    QVERIFY2(SampleLibrary::clearForPublication(m_library.get(), m_story, &error), qPrintable(error));
    QVERIFY(StoryExporter(m_library.get()).exportStory(m_story, target()).success);
    // The user's own folder, beside the library, with files of the names an
    // export writes.
    const QString mine = m_dir->filePath(u"mine"_s);
    writeFile(mine + u"/keep.txt"_s, "the user's");
    writeFile(mine + u"/250306-D-PM193-1268K.jpg"_s, "the user's photo");
    const QDir folder(target());
    if (extra.contains(u" -> "_s)) {
        const QString link = folder.filePath(extra.section(u" -> "_s, 0, 0));
        const QString to = m_dir->filePath(extra.section(u" -> "_s, 1));
        QFile::remove(link);
        QDir(link).removeRecursively();
        QVERIFY(QFile::link(to, link));
    } else if (extra.endsWith(u'/')) {
        QVERIFY(QDir().mkpath(folder.filePath(extra)));
    } else {
        writeFile(folder.filePath(extra), "the user's");
    }
    const QMap<QString, QByteArray> before = snapshot(m_dir->path());

    m_story.headline = u"A headline that must not be written"_s;
    QCOMPARE(StoryRepository(m_library.get()).save(m_story), StoryRepository::SaveResult::Saved);
    const StoryExporter::Result result = StoryExporter(m_library.get()).exportStory(m_story, target());
    QVERIFY(!result.success);
    QVERIFY2(result.errorMessage.contains(u"holds other files"_s), qPrintable(result.errorMessage));
    QCOMPARE(snapshot(m_dir->path()), before);
}

// A link as the target is not followed: the folder it points to could be
// anything of the user's (here one that looks like an earlier export).
void TestStoryExporter::targetThatIsASymlinkIsRefused()
{
    QString error;
    QVERIFY2(SampleLibrary::clearForPublication(m_library.get(), m_story, &error), qPrintable(error));
    const QString mine = m_dir->filePath(u"mine"_s);
    writeFile(mine + u"/index.html"_s, "the user's page");
    writeFile(mine + u"/article.css"_s, "the user's style");
    writeFile(mine + u"/images/250306-D-PM193-1268K.jpg"_s, "the user's photo");
    QVERIFY(QDir().mkpath(m_dir->filePath(u"web"_s)));
    QVERIFY(QFile::link(mine, target()));
    const QMap<QString, QByteArray> before = snapshot(m_dir->path());

    for (const QString &given : QStringList{target(), target() + u"/"_s, target() + u"/."_s, m_dir->filePath(u"web/../web/hegseth-healey"_s)}) {
        const StoryExporter::Result result = StoryExporter(m_library.get()).exportStory(m_story, given);
        QVERIFY2(!result.success, qPrintable(given));
        QVERIFY2(result.errorMessage.contains(u"is a symbolic link"_s), qPrintable(result.errorMessage));
        QCOMPARE(snapshot(m_dir->path()), before);
    }
    // A link among the parent folders is the user's choice, and is followed.
    QVERIFY(QFile::link(m_dir->filePath(u"web"_s), m_dir->filePath(u"site"_s)));
    const StoryExporter::Result result = StoryExporter(m_library.get()).exportStory(m_story, m_dir->filePath(u"site/new"_s));
    QVERIFY2(result.success, qPrintable(result.errorMessage));
    QVERIFY(QFileInfo::exists(m_dir->filePath(u"web/new/index.html"_s)));
}

// Where the export cannot be written, it says why and nothing changes: a
// parent that cannot be made (procfs refuses new folders, even to root) or a
// file where the parent folder should be.
void TestStoryExporter::parentThatCannotBeWrittenLeavesEverythingAsItWas_data()
{
    QTest::addColumn<QString>("out");
    QTest::addColumn<QString>("message");
    QTest::newRow("under /proc") << u"/proc/newsdesk-export-test/story"_s << u"Cannot create the folder /proc/newsdesk-export-test: "_s;
    QTest::newRow("a file in the way") << u"web/story"_s << u"web is a file, not a folder."_s;
    QTest::newRow("a file further up") << u"web/sub/story"_s << u"Cannot create the folder"_s;
}

void TestStoryExporter::parentThatCannotBeWrittenLeavesEverythingAsItWas()
{
    QFETCH(QString, out);
    QFETCH(QString, message);
    QString error;
    QVERIFY2(SampleLibrary::clearForPublication(m_library.get(), m_story, &error), qPrintable(error));
    writeFile(m_dir->filePath(u"web"_s), "the user's file");
    const QMap<QString, QByteArray> before = snapshot(m_dir->path());
    const QString path = QDir::isAbsolutePath(out) ? out : m_dir->filePath(out);
    const StoryExporter::Result result = StoryExporter(m_library.get()).exportStory(m_story, path);
    QVERIFY(!result.success);
    QVERIFY2(result.errorMessage.contains(message), qPrintable(result.errorMessage));
    QCOMPARE(snapshot(m_dir->path()), before);
    QVERIFY(!QFileInfo::exists(path));
}

// A parent folder the user may not write (as root, whom permissions do not
// stop, the export runs in a child that gives root up): the earlier export
// stays whole and the error says why.
void TestStoryExporter::readOnlyParentKeepsTheEarlierExport()
{
    QString error;
    QVERIFY2(SampleLibrary::clearForPublication(m_library.get(), m_story, &error), qPrintable(error));
    const QString parent = m_dir->filePath(u"web"_s);
    QVERIFY(StoryExporter(m_library.get()).exportStory(m_story, target()).success);
    const QMap<QString, QByteArray> before = snapshot(parent);
    m_story.headline = u"A headline that must not be written"_s;
    QCOMPARE(StoryRepository(m_library.get()).save(m_story), StoryRepository::SaveResult::Saved);

    const auto readOnly = QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther;
    QVERIFY(QFile::setPermissions(parent, readOnly));
    const auto restore = qScopeGuard([&] { QFile::setPermissions(parent, readOnly | QFile::WriteOwner); });
    StoryExporter::Result result;
    if (geteuid() != 0) {
        result = StoryExporter(m_library.get()).exportStory(m_story, target());
    } else {
        // The child works on a copy of the library that user nobody owns,
        // reached through folders anyone may enter.
        m_library.reset();
        const QString library = m_dir->filePath(u"nobody/lib.newsdesk"_s);
        QVERIFY(QDir().mkpath(m_dir->filePath(u"nobody"_s)));
        for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s}) {
            if (QFileInfo::exists(m_dir->filePath(u"lib.newsdesk"_s + suffix)))
                QVERIFY(QFile::copy(m_dir->filePath(u"lib.newsdesk"_s + suffix), library + suffix));
        }
        const QStringList owned = QDir(m_dir->filePath(u"nobody"_s)).entryList(QDir::Files) + QStringList{QString()};
        for (const QString &path : owned) {
            const QByteArray name = QFile::encodeName(m_dir->filePath(u"nobody/"_s + path));
            QVERIFY2(::chown(name.constData(), 65534, 65534) == 0, std::strerror(errno));
        }
        QVERIFY(QFile::setPermissions(m_dir->path(), readOnly | QFile::WriteOwner));
        QProcess child;
        child.setChildProcessModifier([] {
            if (setgroups(0, nullptr) != 0 || setgid(65534) != 0 || setuid(65534) != 0)
                _exit(3);
        });
        child.start(QCoreApplication::applicationFilePath(), {u"--export-as-child"_s, library, target()});
        // No skip: a test that cannot run as nobody must say so and fail.
        QVERIFY2(child.waitForStarted(), qPrintable(u"cannot start the test as user nobody (%1); its folder must be "
                                                    "readable by others"_s.arg(child.errorString())));
        QVERIFY(child.waitForFinished());
        QCOMPARE(child.exitStatus(), QProcess::NormalExit);
        QVERIFY2(child.exitCode() == 0, child.readAllStandardError().constData());
        const QStringList output = QString::fromUtf8(child.readAllStandardOutput()).split(u'\n');
        result.success = output.value(0) == u"success"_s;
        result.errorMessage = output.value(1);
    }
    QVERIFY(!result.success);
    QVERIFY2(result.errorMessage.startsWith(u"Cannot write into %1: "_s.arg(parent)), qPrintable(result.errorMessage));
    QVERIFY2(result.errorMessage.contains(u"Permission denied"_s), qPrintable(result.errorMessage));
    QCOMPARE(snapshot(parent), before);
}

void TestStoryExporter::overrideExportsAndIsRecorded()
{
    StoryExporter::Options options;
    options.overrideReason = u"  Secretary's office cleared it by phone  "_s;
    const StoryExporter::Result result = StoryExporter(m_library.get()).exportStory(m_story, target(), options);
    QVERIFY2(result.success, qPrintable(result.errorMessage));
    QVERIFY(result.overridden);
    QCOMPARE(result.blockingReasons.size(), 4);
    QVERIFY(QFileInfo::exists(QDir(target()).filePath(u"index.html"_s)));
    QList<AuditEntry> overrides;
    for (const AuditEntry &entry : m_library->auditTrail(u"story"_s, m_story.id)) {
        if (entry.action == u"export-override"_s)
            overrides << entry;
    }
    QCOMPARE(overrides.size(), 1);
    QVERIFY(overrides.constFirst().detail.startsWith(u"Secretary's office cleared it by phone (blocked by: The story is not approved"_s));
    QCOMPARE(overrides.constFirst().actor, u"Eve Editor"_s);
}

void TestStoryExporter::blankOverrideReasonDoesNotOverride()
{
    StoryExporter::Options options;
    options.overrideReason = u" \t "_s;
    const StoryExporter::Result result = StoryExporter(m_library.get()).exportStory(m_story, target(), options);
    QVERIFY(!result.success);
    QVERIFY(!result.overridden);
    QCOMPARE(result.blockingReasons.size(), 4);
    QVERIFY(!QFileInfo::exists(target()));
    for (const AuditEntry &entry : m_library->auditTrail(u"story"_s, m_story.id))
        QVERIFY(entry.action != u"export-override"_s);
}

// Child mode for readOnlyParentKeepsTheEarlierExport: export story 1 of
// LIBRARY to OUT as its editor, and print "success" or "failure" and the
// error message.
static int exportAsChild(const QString &library, const QString &out)
{
    Library opened;
    if (!opened.open(library)) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.errorString()));
        return 1;
    }
    opened.setActor(u"Eve Editor"_s);
    const std::optional<Story> story = StoryRepository(&opened).load(1);
    if (!story)
        return 1;
    const StoryExporter::Result result = StoryExporter(&opened).exportStory(*story, out);
    std::printf("%s\n%s\n", result.success ? "success" : "failure", qPrintable(result.errorMessage));
    return 0;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    if (arguments.size() == 4 && arguments.at(1) == u"--export-as-child"_s)
        return exportAsChild(arguments.at(2), arguments.at(3));
    TestStoryExporter test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_storyexporter.moc"
