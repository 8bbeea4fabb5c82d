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

// The sample photo carries its metadata twice, as IPTC IIM and as XMP. A
// broken IIM dataset length costs the IIM block, which the import says in a
// note, and nothing the XMP also holds: the photo comes in with its VIRIN,
// title, caption and the rest. What only the IIM held is lost: its ISO 3166
// alpha-3 country code ("USA"; the XMP has "US") and its By-line, which was
// cut at 32 bytes anyway. A dataset of length zero is valid IIM: only the
// Object Name is empty, and the VIRIN comes from the XMP dc:title.
void TestPhotoImporter::absurdIptcLengthsLoseOnlyTheMetadata_data()
{
    QTest::addColumn<QByteArray>("length");
    QTest::addColumn<bool>("iimLost");
    QTest::newRow("dataset length 0xFFFF") << QByteArray("\xff\xff", 2) << true;
    QTest::newRow("extended length flag with absurd size") << QByteArray("\x80\x04", 2) << true;
    QTest::newRow("zero length") << QByteArray("\x00\x00", 2) << false;
}

void TestPhotoImporter::absurdIptcLengthsLoseOnlyTheMetadata()
{
    QFETCH(QByteArray, length);
    QFETCH(bool, iimLost);
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
    // The picture is fine, so it comes in.
    QVERIFY2(item.errorString.isEmpty(), qPrintable(item.errorString));
    QVERIFY(!item.thumbnail.isEmpty());
    QCOMPARE(item.pixelSize, QSize(1600, 1067));
    QCOMPARE(item.data, bytes);

    // What the XMP holds survives.
    const Photo &photo = item.metadata;
    QCOMPARE(photo.virin, u"250306-D-PM193-1268K"_s);
    QCOMPARE(photo.title, u"Hegseth and Healey"_s);
    QCOMPARE(photo.photographer, u"Navy Petty Officer 1st Class Alexander Kubitza"_s);
    QCOMPARE(photo.credit, u"Navy Petty Officer 1st Class Alexander Kubitza, DOD"_s);
    QVERIFY(photo.caption.startsWith(u"Defense Secretary Pete Hegseth walks with British Defense Secretary John Healey"_s));
    QCOMPARE(photo.keywords, (QStringList{u"Hegseth"_s, u"Healey"_s, u"United Kingdom"_s}));
    QCOMPARE(photo.sublocation, u"Pentagon"_s);
    QCOMPARE(photo.releaseState, ReleaseState::Released);

    const QString notes = item.notes.join(u'\n');
    const QStringList iimLostNotes = item.notes.filter(u"broken-iptc.jpg: Exiv2: Failed to decode IPTC metadata."_s);
    const QStringList bylineCutNotes = item.notes.filter(u"IPTC By-line was cut at its 32-byte limit"_s);
    if (iimLost) {
        // Said once, and what only the IIM held is gone.
        QVERIFY2(iimLostNotes.size() == 1, qPrintable(notes));
        QCOMPARE(photo.countryCode, u"US"_s);
        QVERIFY2(bylineCutNotes.isEmpty(), qPrintable(notes));
    } else {
        QVERIFY2(iimLostNotes.isEmpty(), qPrintable(notes));
        QCOMPARE(photo.countryCode, u"USA"_s);
        QVERIFY2(bylineCutNotes.size() == 1, qPrintable(notes));
    }
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
