// SPDX-License-Identifier: MIT
// The one check every image file passes on its way into the library (photo
// import and Markdown import): a regular file, read without waiting and with
// a bound, of a type Newsdesk takes; for a path a story file names, no link.
#include "imagefile.h"
#include "photoimporter.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

class TestImageFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void takesJpegAndPng_data();
    void takesJpegAndPng();
    void refusesWhatIsNotAnImageFile_data();
    void refusesWhatIsNotAnImageFile();
    void fifoIsRefusedWithoutWaiting_data();
    void fifoIsRefusedWithoutWaiting();
    void readsNoMoreThanTheLimit();
    void hugeFileIsRefusedBeforeReading();
    void pathInsideRefusesLinksAtEveryStep_data();
    void pathInsideRefusesLinksAtEveryStep();

private:
    static QByteArray encoded(const char *format);
    bool write(const QString &name, const QByteArray &bytes) const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestImageFile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QByteArray TestImageFile::encoded(const char *format)
{
    QImage image(24, 16, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return bytes;
}

bool TestImageFile::write(const QString &name, const QByteArray &bytes) const
{
    QFile file(m_dir->filePath(name));
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

void TestImageFile::takesJpegAndPng_data()
{
    QTest::addColumn<QByteArray>("format");
    QTest::addColumn<QString>("mimeType");
    QTest::newRow("JPEG") << QByteArray("JPEG") << u"image/jpeg"_s;
    QTest::newRow("PNG") << QByteArray("PNG") << u"image/png"_s;
}

void TestImageFile::takesJpegAndPng()
{
    QFETCH(QByteArray, format);
    QFETCH(QString, mimeType);
    const QByteArray bytes = encoded(format.constData());
    QVERIFY(write(u"photo.img"_s, bytes));
    const ImageFile::Result result = ImageFile::read(m_dir->filePath(u"photo.img"_s));
    QVERIFY2(result.errorString.isEmpty(), qPrintable(result.errorString));
    QCOMPARE(result.mimeType, mimeType);
    QCOMPARE(result.data, bytes);
    const ImageFile::Result inside = ImageFile::readInside(m_dir->path(), u"photo.img"_s);
    QCOMPARE(inside.data, bytes);
}

void TestImageFile::refusesWhatIsNotAnImageFile_data()
{
    QTest::addColumn<QString>("path"); // @DIR@ is the test's folder
    QTest::addColumn<QString>("message");
    QTest::newRow("/dev/zero") << u"/dev/zero"_s << u"zero is not a regular file"_s;
    QTest::newRow("/dev/zero through a link") << u"@DIR@/zero.jpg"_s << u"zero.jpg is not a regular file"_s;
    QTest::newRow("a folder") << u"@DIR@/folder.jpg"_s << u"folder.jpg is a folder"_s;
    QTest::newRow("GIF") << u"@DIR@/anim.gif"_s << u"anim.gif is not a JPEG, PNG, TIFF or WebP image (it looks like image/gif)"_s;
    QTest::newRow("PDF named .jpg") << u"@DIR@/document.jpg"_s
                                    << u"document.jpg is not a JPEG, PNG, TIFF or WebP image (it looks like application/pdf)"_s;
    QTest::newRow("empty") << u"@DIR@/empty.jpg"_s << u"empty.jpg is not a JPEG"_s;
    QTest::newRow("missing") << u"@DIR@/gone.jpg"_s << u"There is no file"_s;
}

// ImageFile::read, and the photo import through it: links are followed
// (whoever picked the file chose them), but only to a regular image file.
void TestImageFile::refusesWhatIsNotAnImageFile()
{
    QFETCH(QString, path);
    QFETCH(QString, message);
    QVERIFY(QFile::link(u"/dev/zero"_s, m_dir->filePath(u"zero.jpg"_s)));
    QVERIFY(QDir(m_dir->path()).mkdir(u"folder.jpg"_s));
    QVERIFY(write(u"anim.gif"_s, QByteArray("GIF89a\x01\x00\x01\x00\x80\x00\x00", 13)));
    QVERIFY(write(u"document.jpg"_s, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"));
    QVERIFY(write(u"empty.jpg"_s, {}));
    path.replace(u"@DIR@"_s, m_dir->path());

    const ImageFile::Result result = ImageFile::read(path);
    QVERIFY2(result.errorString.contains(message), qPrintable(result.errorString));
    QVERIFY(result.data.isEmpty());
    QCOMPARE(result.missing, path.endsWith(u"gone.jpg"_s));
    const PhotoImportItem item = PhotoImporter::readFile(path);
    QVERIFY2(item.errorString.contains(message), qPrintable(item.errorString));
    QVERIFY(item.data.isEmpty());
}

void TestImageFile::fifoIsRefusedWithoutWaiting_data()
{
    QTest::addColumn<bool>("inside");
    QTest::newRow("picked by someone") << false;
    QTest::newRow("named by a story file") << true;
}

// A FIFO would block a plain open() until a writer comes. The read runs on a
// worker so that a regression fails here instead of hanging the suite: the
// FIFO is then opened for writing, which frees the worker.
void TestImageFile::fifoIsRefusedWithoutWaiting()
{
    QFETCH(bool, inside);
    const QString fifo = m_dir->filePath(u"pipe.jpg"_s);
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    QSemaphore done;
    ImageFile::Result result;
    std::thread worker([&] {
        result = inside ? ImageFile::readInside(m_dir->path(), u"pipe.jpg"_s) : ImageFile::read(fifo);
        done.release();
    });
    const bool returned = done.tryAcquire(1, 10000);
    if (!returned) {
        const int writer = ::open(QFile::encodeName(fifo).constData(), O_WRONLY);
        if (writer >= 0)
            ::close(writer);
    }
    worker.join();
    QVERIFY2(returned, "the read waited on the FIFO");
    QVERIFY2(result.errorString.contains(u"pipe.jpg is not a regular file"_s), qPrintable(result.errorString));
}

// The bound holds while reading, not only against the size the file gave.
void TestImageFile::readsNoMoreThanTheLimit()
{
    const QByteArray bytes = encoded("PNG");
    QVERIFY(bytes.size() > 1);
    QVERIFY(write(u"photo.png"_s, bytes));
    const ImageFile::Result refused = ImageFile::read(m_dir->filePath(u"photo.png"_s), bytes.size() - 1);
    QVERIFY2(refused.errorString.contains(u"Newsdesk takes images up to"_s), qPrintable(refused.errorString));
    QVERIFY(refused.data.isEmpty());
    const ImageFile::Result exact = ImageFile::read(m_dir->filePath(u"photo.png"_s), bytes.size());
    QCOMPARE(exact.data, bytes);
    // A regular file whose size says 0 and that holds more: the kernel's.
    QCOMPARE(QFileInfo(u"/proc/self/status"_s).size(), 0);
    const ImageFile::Result lying = ImageFile::read(u"/proc/self/status"_s, 16);
    QVERIFY2(lying.errorString.contains(u"Newsdesk takes images up to"_s), qPrintable(lying.errorString));
}

// A file past the limit is refused from its size, without reading it (a
// sparse file: no disk space, and a read would take seconds).
void TestImageFile::hugeFileIsRefusedBeforeReading()
{
    QFile file(m_dir->filePath(u"huge.jpg"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(encoded("JPEG"));
    QVERIFY(file.resize(ImageFile::maxBytes + 1));
    file.close();
    const ImageFile::Result result = ImageFile::read(file.fileName());
    QVERIFY2(result.errorString.contains(u"huge.jpg is 512 MB; Newsdesk takes images up to 512 MB"_s), qPrintable(result.errorString));
    const PhotoImportItem item = PhotoImporter::readFile(file.fileName());
    QCOMPARE(item.errorString, result.errorString);
}

void TestImageFile::pathInsideRefusesLinksAtEveryStep_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message"); // empty: read
    QTest::newRow("a file in a subfolder") << u"photos/photo.jpg"_s << QString();
    QTest::newRow("a link to a file outside") << u"outside.jpg"_s << u"outside.jpg is a symbolic link"_s;
    QTest::newRow("a link to a file inside") << u"inside.jpg"_s << u"inside.jpg is a symbolic link"_s;
    QTest::newRow("a file in a linked folder") << u"linked/photo.jpg"_s << u"linked/photo.jpg is a symbolic link"_s;
    QTest::newRow("a link in a subfolder") << u"photos/again.jpg"_s << u"photos/again.jpg is a symbolic link"_s;
    QTest::newRow("a dangling link") << u"dangling.jpg"_s << u"dangling.jpg is a symbolic link"_s;
    QTest::newRow("/dev/zero through a link") << u"zero.jpg"_s << u"zero.jpg is a symbolic link"_s;
    QTest::newRow("a file where a folder should be") << u"photos/photo.jpg/x.jpg"_s << u"a part of its path is a file"_s;
    QTest::newRow("climbing out") << u"../outside/private.jpg"_s << u"is not a file in the story file's folder"_s;
    QTest::newRow("missing") << u"photos/gone.jpg"_s << u"There is no file photos/gone.jpg"_s;
}

void TestImageFile::pathInsideRefusesLinksAtEveryStep()
{
    QFETCH(QString, path);
    QFETCH(QString, message);
    const QString story = m_dir->filePath(u"story"_s);
    QVERIFY(QDir().mkpath(story + u"/photos"_s));
    QVERIFY(QDir().mkpath(m_dir->filePath(u"outside"_s)));
    const QByteArray bytes = encoded("JPEG");
    QVERIFY(write(u"outside/private.jpg"_s, bytes));
    QVERIFY(write(u"story/photos/photo.jpg"_s, bytes));
    QVERIFY(QFile::link(m_dir->filePath(u"outside/private.jpg"_s), story + u"/outside.jpg"_s));
    QVERIFY(QFile::link(story + u"/photos/photo.jpg"_s, story + u"/inside.jpg"_s));
    QVERIFY(QFile::link(story + u"/photos"_s, story + u"/linked"_s));
    QVERIFY(QFile::link(u"photo.jpg"_s, story + u"/photos/again.jpg"_s));
    QVERIFY(QFile::link(story + u"/nowhere.jpg"_s, story + u"/dangling.jpg"_s));
    QVERIFY(QFile::link(u"/dev/zero"_s, story + u"/zero.jpg"_s));

    const ImageFile::Result result = ImageFile::readInside(story, path);
    if (message.isEmpty()) {
        QVERIFY2(result.errorString.isEmpty(), qPrintable(result.errorString));
        QCOMPARE(result.data, bytes);
    } else {
        QVERIFY2(result.errorString.contains(message), qPrintable(result.errorString));
        QVERIFY(result.data.isEmpty());
        QCOMPARE(result.missing, path.endsWith(u"gone.jpg"_s));
    }
}

QTEST_GUILESS_MAIN(TestImageFile)
#include "tst_imagefile.moc"
