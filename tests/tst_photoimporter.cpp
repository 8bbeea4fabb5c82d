// SPDX-License-Identifier: MIT
// What the photo import does with files a newsroom really gets: huge ones,
// damaged metadata, files that only pretend to be photos.
#include "photoimporter.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestPhotoImporter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hundredMegapixelJpegImports();
    void absurdIptcLengthsLoseOnlyTheMetadata_data();
    void absurdIptcLengthsLoseOnlyTheMetadata();
    void emptyFileIsRefused();

private:
    QTemporaryDir m_dir;
};

void TestPhotoImporter::hundredMegapixelJpegImports()
{
    const QString path = m_dir.filePath(u"huge.jpg"_s);
    {
        QImage image(10000, 10000, QImage::Format_Grayscale8);
        image.fill(128);
        QVERIFY(image.save(path, "JPEG", 60));
    }
    const PhotoImportItem item = PhotoImporter::readFile(path);
    QVERIFY2(item.errorString.isEmpty(), qPrintable(item.errorString));
    QCOMPARE(item.pixelSize, QSize(10000, 10000));
    QImage thumbnail;
    QVERIFY(thumbnail.loadFromData(item.thumbnail));
    QVERIFY(thumbnail.width() <= 320 && thumbnail.height() <= 320);
    QCOMPARE(item.mimeType, u"image/jpeg"_s);
}

void TestPhotoImporter::absurdIptcLengthsLoseOnlyTheMetadata_data()
{
    QTest::addColumn<QByteArray>("length");
    QTest::newRow("dataset length 0xFFFF") << QByteArray("\xff\xff", 2);
    QTest::newRow("extended length flag with absurd size") << QByteArray("\x80\x04", 2);
    QTest::newRow("zero length") << QByteArray("\x00\x00", 2);
}

void TestPhotoImporter::absurdIptcLengthsLoseOnlyTheMetadata()
{
    QFETCH(QByteArray, length);
    QFile sample(QFINDTESTDATA("../resources/samples/hegseth-healey/250306-D-PM193-1268K.jpg"));
    QVERIFY(sample.open(QIODevice::ReadOnly));
    QByteArray bytes = sample.readAll();
    // The Object Name dataset (1C 02 05) carries the VIRIN; break its length.
    const qsizetype at = bytes.indexOf(QByteArray("\x1c\x02\x05", 3));
    QVERIFY(at > 0);
    bytes.replace(at + 3, 2, length);
    const QString path = m_dir.filePath(u"broken-iptc.jpg"_s);
    QFile out(path);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(bytes);
    out.close();

    const PhotoImportItem item = PhotoImporter::readFile(path);
    // The picture is fine, so it comes in; whatever of the metadata could
    // not be read is said in a note, never a crash.
    QVERIFY2(item.errorString.isEmpty(), qPrintable(item.errorString));
    QVERIFY(!item.thumbnail.isEmpty());
    QCOMPARE(item.pixelSize, QSize(1600, 1067));
}

void TestPhotoImporter::emptyFileIsRefused()
{
    const QString path = m_dir.filePath(u"empty.jpg"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    const PhotoImportItem item = PhotoImporter::readFile(path);
    QVERIFY(item.errorString.contains(u"empty.jpg"_s));
    QVERIFY(item.data.isEmpty());
}

QTEST_MAIN(TestPhotoImporter)
#include "tst_photoimporter.moc"
