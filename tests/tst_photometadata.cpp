// SPDX-License-Identifier: MIT
#include "iptclimits.h"
#include "photocommands.h"
#include "photometadata.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <exiv2/exiv2.hpp>

#include <functional>

using namespace Qt::StringLiterals;

namespace {

const QString sampleDir = QStringLiteral(NEWSDESK_SOURCE_DIR "/resources/samples/hegseth-healey");

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

QByteArray sampleJpeg(const QString &virin = u"250306-D-PM193-1268K"_s)
{
    return fileBytes(sampleDir + u'/' + virin + u".jpg"_s);
}

// A small image without any metadata, in format ("JPG", "PNG").
QByteArray bareImage(const char *format)
{
    QImage image(32, 24, QImage::Format_RGB32);
    image.fill(Qt::darkBlue);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return bytes;
}

// A JPEG whose IIM holds exactly the given datasets (raw bytes), written with
// Exiv2 itself, for the decoding cases the writer never produces.
QByteArray jpegWithIim(const QList<std::pair<const char *, std::string>> &datasets,
                       const QList<std::pair<const char *, std::string>> &xmpTexts = {})
{
    const QByteArray bare = bareImage("JPG");
    auto image = Exiv2::ImageFactory::open(reinterpret_cast<const Exiv2::byte *>(bare.constData()), bare.size());
    image->readMetadata();
    Exiv2::IptcData iptc;
    for (const auto &[key, bytes] : datasets) {
        Exiv2::Iptcdatum datum{Exiv2::IptcKey(key)};
        datum.setValue(bytes);
        iptc.add(datum);
    }
    image->setIptcData(iptc);
    Exiv2::XmpData xmp;
    for (const auto &[key, text] : xmpTexts)
        xmp[key] = text;
    image->setXmpData(xmp);
    image->writeMetadata();
    Exiv2::BasicIo &io = image->io();
    io.seek(0, Exiv2::BasicIo::beg);
    const Exiv2::DataBuf data = io.read(io.size());
    return QByteArray(reinterpret_cast<const char *>(data.c_data()), qsizetype(data.size()));
}

// exiftool as an independent writer: the bytes with tags set by
// "-GROUP:TAG=VALUE" arguments.
QByteArray exiftoolWrite(const QByteArray &bytes, const QStringList &assignments, QString *error)
{
    const QString program = QStandardPaths::findExecutable(u"exiftool"_s);
    if (program.isEmpty()) {
        *error = u"exiftool is not installed (Debian package libimage-exiftool-perl, in ./dev's list)"_s;
        return {};
    }
    QTemporaryDir dir;
    QFile file(dir.filePath(u"in.jpg"_s));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
        *error = file.errorString();
        return {};
    }
    file.close();
    QProcess process;
    process.start(program, QStringList{u"-charset"_s, u"utf8"_s, u"-overwrite_original"_s} + assignments
                               + QStringList{file.fileName()});
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        *error = QString::fromUtf8(process.readAllStandardError());
        return {};
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    return file.readAll();
}

// exiftool, an independent reader, on bytes: its -j -G1 object.
QJsonObject exiftool(const QByteArray &bytes, QString *error)
{
    const QString program = QStandardPaths::findExecutable(u"exiftool"_s);
    if (program.isEmpty()) {
        *error = u"exiftool is not installed (Debian package libimage-exiftool-perl, in ./dev's list)"_s;
        return {};
    }
    QTemporaryDir dir;
    QFile file(dir.filePath(u"written.jpg"_s));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
        *error = file.errorString();
        return {};
    }
    file.close();
    QProcess process;
    process.start(program, {u"-j"_s, u"-G1"_s, u"-charset"_s, u"utf8"_s, file.fileName()});
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        *error = QString::fromUtf8(process.readAllStandardError());
        return {};
    }
    const QJsonArray array = QJsonDocument::fromJson(process.readAllStandardOutput()).array();
    return array.first().toObject();
}

QStringList stringsOf(const QJsonValue &value)
{
    QStringList strings;
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array)
            strings << item.toVariant().toString();
    } else if (!value.isUndefined()) {
        strings << value.toVariant().toString();
    }
    return strings;
}

// Every metadata field of Photo, by the names the command line uses.
QMap<QString, QString> fieldsOf(const Photo &photo)
{
    QMap<QString, QString> fields;
    const QJsonObject json = PhotoCommands::photoJson(photo);
    for (auto it = json.constBegin(); it != json.constEnd(); ++it) {
        const QJsonValue value = it.value();
        QStringList values;
        for (const QJsonValue &item : value.isArray() ? value.toArray() : QJsonArray{value})
            values << item.toString();
        fields.insert(it.key(), values.join(u'|'));
    }
    return fields;
}

void compareFields(const Photo &actual, const Photo &expected)
{
    const QMap<QString, QString> a = fieldsOf(actual);
    const QMap<QString, QString> e = fieldsOf(expected);
    for (auto it = e.cbegin(); it != e.cend(); ++it)
        QVERIFY2(a.value(it.key()) == it.value(),
                 qPrintable(it.key() + u": read \""_s + a.value(it.key()) + u"\", expected \""_s + it.value()
                            + u'"'));
}

// A photo with every field set, some past their IIM limits and not ASCII.
Photo fullPhoto()
{
    Photo photo;
    photo.virin = u"250306-D-PM193-1268K"_s;
    photo.title = u"Hegseth and Healey"_s;
    photo.caption = u"Defense Secretary Pete Hegseth walks with British Defense Secretary John Healey prior to a "
                    "bilateral exchange at the Pentagon, March 6, 2025."_s;
    photo.altText = u"Two men in business suits are smiling while walking down a hallway."_s;
    photo.credit = u"Navy Petty Officer 1st Class Zo\u00eb L\u00fcdenscheidt, DOD"_s;
    photo.photographer = u"Navy Petty Officer 1st Class Zo\u00eb L\u00fcdenscheidt"_s;
    photo.unit = u"Defense Media Activity, Fort George G. Meade"_s;
    photo.operation = u"Bilateral Exchange 2025"_s;
    photo.dateShot = QDate(2025, 3, 6);
    photo.city = u"Washington"_s;
    photo.sublocation = u"Pentagon"_s;
    photo.state = u"District of Columbia"_s;
    photo.country = u"United States"_s;
    photo.countryCode = u"USA"_s;
    photo.keywords = {u"Hegseth"_s, u"Healey"_s, u"United Kingdom"_s, u"Gr\u00fc\u00dfe"_s};
    photo.releaseState = ReleaseState::Released;
    photo.releaseAuthority = u"Maj. Jane Doe, OSD Public Affairs, 703-555-0100, jane.doe@example.mil"_s;
    photo.captionWriter = u"Ann Writer"_s;
    photo.commandShown = u"USEUCOM"_s;
    photo.creatorEmail = u"zoe.ludenscheidt.mil@example.mil"_s;
    photo.creatorPhone = u"+1 703-555-0142"_s;
    return photo;
}

} // namespace

class TestPhotoMetadata : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsSamplePhotos_data();
    void readsSamplePhotos();
    void agreesWithExiftoolOnSamples_data();
    void agreesWithExiftoolOnSamples();
    void roundTrip_data();
    void roundTrip();
    void exiftoolSeesWhatWasWritten();
    void readsWhatExiftoolWrote_data();
    void readsWhatExiftoolWrote();
    void structuresKeepTheirOtherFields();
    void originalIsNeverChanged();
    void callersBytesAreNeverWritten_data();
    void controlCharactersDoNotCostTheXmp();
    void writtenCopiesReadBack_data();
    void writtenCopiesReadBack();
    void callersBytesAreNeverWritten();
    void dateShotFallsBackToExif();
    void iimCharacterSets_data();
    void iimCharacterSets();
    void titleAndOperation_data();
    void titleAndOperation();
    void releaseStates_data();
    void releaseStates();
    void damagedInputs_data();
    void damagedInputs();
    void unreadableFileNamesTheFile();
    void limitsTable();
    void fittingCutsBetweenCharacters_data();
    void fittingCutsBetweenCharacters();
};

void TestPhotoMetadata::readsSamplePhotos_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<Photo>("expected");
    QFile file(sampleDir + u"/story.json"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonArray photos = QJsonDocument::fromJson(file.readAll()).object().value(u"photos"_s).toArray();
    QCOMPARE(photos.size(), 3);
    for (const QJsonValue &value : photos) {
        const QJsonObject json = value.toObject();
        Photo photo;
        photo.virin = json.value(u"virin"_s).toString();
        photo.title = json.value(u"title"_s).toString();
        photo.caption = json.value(u"caption"_s).toString();
        photo.altText = json.value(u"alt"_s).toString();
        photo.credit = json.value(u"credit"_s).toString();
        // The file's credit line reads "(DoD photo by …)" for all three;
        // defense.gov's page leaves ", DOD" off the third photo's credit.
        if (!photo.credit.endsWith(u", DOD"_s))
            photo.credit += u", DOD"_s;
        photo.photographer = photo.credit.section(u", "_s, 0, 0);
        photo.dateShot = QDate::fromString(json.value(u"date_shot"_s).toString(), Qt::ISODate);
        photo.city = json.value(u"city"_s).toString();
        photo.state = json.value(u"state"_s).toString();
        photo.country = json.value(u"country"_s).toString();
        photo.sublocation = json.value(u"sublocation"_s).toString();
        // Not in story.json; from the exiftool output of the files.
        photo.countryCode = u"USA"_s;
        photo.keywords = {u"Hegseth"_s, u"Healey"_s, u"United Kingdom"_s};
        photo.releaseState = ReleaseState::Released;
        QTest::newRow(qPrintable(photo.virin)) << json.value(u"file"_s).toString() << photo;
    }
}

void TestPhotoMetadata::readsSamplePhotos()
{
    QFETCH(QString, file);
    QFETCH(Photo, expected);
    const PhotoMetadata::ReadResult result = PhotoMetadata::readFile(sampleDir + u'/' + file);
    QVERIFY2(result.ok, qPrintable(result.errorString));
    compareFields(result.photo, expected);
    QCOMPARE(result.photo.fileName, file);
    QCOMPARE(result.mimeType, u"image/jpeg"_s);
    QCOMPARE(result.pixelSize, QSize(1600, 1067));
    QVERIFY(result.hasIptc && result.hasXmp && result.hasExif);
    // The By-line was cut in IIM; the reader says it took XMP's.
    QVERIFY2(result.notes.filter(u"By-line was cut at its 32-byte limit"_s).size() == 1,
             qPrintable(result.notes.join(u'\n')));
}

// The same files through exiftool: what Newsdesk reads is what an
// independent reader sees, by DOMAIN.md's mapping.
void TestPhotoMetadata::agreesWithExiftoolOnSamples_data()
{
    QTest::addColumn<QString>("virin");
    QTest::newRow("1268K") << u"250306-D-PM193-1268K"_s;
    QTest::newRow("1416K") << u"250306-D-PM193-1416K"_s;
    QTest::newRow("1153K") << u"250306-F-UO417-1153K"_s;
}

void TestPhotoMetadata::agreesWithExiftoolOnSamples()
{
    QFETCH(QString, virin);
    const QByteArray bytes = sampleJpeg(virin);
    QString error;
    const QJsonObject tags = exiftool(bytes, &error);
    QVERIFY2(!tags.isEmpty(), qPrintable(error));
    const PhotoMetadata::ReadResult result = PhotoMetadata::read(bytes);
    QVERIFY2(result.ok, qPrintable(result.errorString));
    const Photo &photo = result.photo;
    QCOMPARE(photo.virin, tags.value(u"IPTC:ObjectName"_s).toString());
    QCOMPARE(photo.virin, tags.value(u"XMP-dc:Title"_s).toString());
    QCOMPARE(photo.title, tags.value(u"IPTC:Headline"_s).toString());
    QCOMPARE(photo.photographer, tags.value(u"XMP-dc:Creator"_s).toString());
    QVERIFY(photo.photographer.startsWith(tags.value(u"IPTC:By-line"_s).toString()));
    QVERIFY(photo.photographer.size() > tags.value(u"IPTC:By-line"_s).toString().size());
    const QString captionAbstract = tags.value(u"IPTC:Caption-Abstract"_s).toString();
    QVERIFY(captionAbstract.startsWith(photo.caption + u" (DoD photo by "_s));
    QCOMPARE(PhotoMetadata::embeddedCaption(photo), captionAbstract);
    QCOMPARE(photo.altText, tags.value(u"XMP-iptcCore:AltTextAccessibility"_s).toString());
    QCOMPARE(photo.keywords, stringsOf(tags.value(u"IPTC:Keywords"_s)));
    QCOMPARE(photo.city, tags.value(u"IPTC:City"_s).toString());
    QCOMPARE(photo.sublocation, tags.value(u"IPTC:Sub-location"_s).toString());
    QCOMPARE(photo.state, tags.value(u"IPTC:Province-State"_s).toString());
    QCOMPARE(photo.country, tags.value(u"IPTC:Country-PrimaryLocationName"_s).toString());
    QCOMPARE(photo.countryCode, tags.value(u"IPTC:Country-PrimaryLocationCode"_s).toString());
    QCOMPARE(photo.dateShot.toString(u"yyyy:MM:dd"_s), tags.value(u"IPTC:DateCreated"_s).toString());
    QCOMPARE(releaseStateLabel(photo.releaseState), tags.value(u"IPTC:SpecialInstructions"_s).toString());
}

void TestPhotoMetadata::roundTrip_data()
{
    QTest::addColumn<QByteArray>("image");
    QTest::addColumn<Photo>("photo");
    QTest::newRow("every field into the sample JPEG") << sampleJpeg() << fullPhoto();
    QTest::newRow("every field into a bare JPEG") << bareImage("JPG") << fullPhoto();
    Photo notReleased = fullPhoto();
    notReleased.releaseState = ReleaseState::NotReleased;
    notReleased.releaseAuthority = u"FOUO until the exercise ends; Capt. John Roe"_s;
    notReleased.keywords.clear();
    notReleased.unit.clear();
    QTest::newRow("not released, fields emptied") << sampleJpeg() << notReleased;
    Photo sparse;
    sparse.virin = u"250306-D-ZZ999-1001"_s;
    sparse.caption = u"A caption without credit."_s;
    QTest::newRow("sparse photo") << bareImage("JPG") << sparse;
    Photo illustration = fullPhoto();
    illustration.caption += u" (U.S. Air Force photo illustration by Senior Airman Jane Doe) (Two photos combined.)"_s;
    illustration.credit = u"Senior Airman Jane Doe, U.S. Air Force"_s;
    QTest::newRow("illustration keeps its disclosure") << bareImage("JPG") << illustration;
    Photo army = fullPhoto();
    army.credit = u"Army Sgt. John Roe, U.S. Army"_s;
    QTest::newRow("service credit") << bareImage("JPG") << army;
    QTest::newRow("PNG (IPTC in a text chunk, and XMP)") << bareImage("PNG") << fullPhoto();
}

void TestPhotoMetadata::roundTrip()
{
    QFETCH(QByteArray, image);
    QFETCH(Photo, photo);
    QVERIFY(!image.isEmpty());
    const PhotoMetadata::WriteResult written = PhotoMetadata::write(image, photo);
    QVERIFY2(written.ok, qPrintable(written.errorString));
    const PhotoMetadata::ReadResult read = PhotoMetadata::read(written.imageData);
    QVERIFY2(read.ok, qPrintable(read.errorString));
    compareFields(read.photo, photo);
    // The pixels are the same image: Exiv2 copies the scan data untouched.
    QCOMPARE(QImage::fromData(written.imageData).size(), QImage::fromData(image).size());
}

// exiftool reads the written copy: IIM within its limits and in UTF-8, XMP
// whole.
void TestPhotoMetadata::exiftoolSeesWhatWasWritten()
{
    const Photo photo = fullPhoto();
    const PhotoMetadata::WriteResult written = PhotoMetadata::write(sampleJpeg(), photo);
    QVERIFY2(written.ok, qPrintable(written.errorString));
    QString error;
    const QJsonObject tags = exiftool(written.imageData, &error);
    QVERIFY2(!tags.isEmpty(), qPrintable(error));

    QCOMPARE(tags.value(u"IPTC:CodedCharacterSet"_s).toString(), u"UTF8"_s);
    // "Navy Petty Officer 1st Class Zoë": the ë would straddle byte 32, so the
    // By-line stops before it, at 31 bytes.
    QCOMPARE(tags.value(u"IPTC:By-line"_s).toString(), u"Navy Petty Officer 1st Class Zo"_s);
    QCOMPARE(tags.value(u"XMP-dc:Creator"_s).toString(), photo.photographer);
    QCOMPARE(tags.value(u"IPTC:By-lineTitle"_s).toString(), u"Defense Media Activity, Fort Geo"_s);
    QCOMPARE(tags.value(u"XMP-photoshop:AuthorsPosition"_s).toString(), photo.unit);
    QCOMPARE(tags.value(u"IPTC:ObjectName"_s).toString(), photo.virin);
    QCOMPARE(tags.value(u"XMP-dc:Title"_s).toString(), photo.virin);
    QCOMPARE(tags.value(u"IPTC:Headline"_s).toString(), photo.title);
    QCOMPARE(tags.value(u"XMP-photoshop:Headline"_s).toString(), photo.title);
    QCOMPARE(tags.value(u"XMP-iptcExt:Event"_s).toString(), photo.operation);
    const QString embedded = photo.caption + u" (DoD photo by Navy Petty Officer 1st Class Zo\u00eb L\u00fcdenscheidt)"_s;
    QCOMPARE(tags.value(u"IPTC:Caption-Abstract"_s).toString(), embedded);
    QCOMPARE(tags.value(u"XMP-dc:Description"_s).toString(), embedded);
    QCOMPARE(tags.value(u"XMP-iptcCore:AltTextAccessibility"_s).toString(), photo.altText);
    QCOMPARE(tags.value(u"XMP-iptcCore:CreatorWorkEmail"_s).toString(), photo.creatorEmail);
    QCOMPARE(tags.value(u"XMP-iptcCore:CreatorWorkTelephone"_s).toString(), photo.creatorPhone);
    QCOMPARE(tags.value(u"XMP-iptcExt:LocationShownWorldRegion"_s).toString(), photo.commandShown);
    QCOMPARE(tags.value(u"IPTC:DateCreated"_s).toString(), u"2025:03:06"_s);
    QCOMPARE(tags.value(u"XMP-photoshop:DateCreated"_s).toString(), u"2025:03:06"_s);
    QCOMPARE(stringsOf(tags.value(u"IPTC:Keywords"_s)), photo.keywords);
    QCOMPARE(stringsOf(tags.value(u"XMP-dc:Subject"_s)), photo.keywords);
    QCOMPARE(tags.value(u"IPTC:City"_s).toString(), photo.city);
    QCOMPARE(tags.value(u"IPTC:Sub-location"_s).toString(), photo.sublocation);
    QCOMPARE(tags.value(u"XMP-iptcCore:Location"_s).toString(), photo.sublocation);
    QCOMPARE(tags.value(u"IPTC:Province-State"_s).toString(), photo.state);
    QCOMPARE(tags.value(u"IPTC:Country-PrimaryLocationName"_s).toString(), photo.country);
    QCOMPARE(tags.value(u"IPTC:Country-PrimaryLocationCode"_s).toString(), photo.countryCode);
    QCOMPARE(tags.value(u"IPTC:Writer-Editor"_s).toString(), photo.captionWriter);
    const QString instructions = u"Released: "_s + photo.releaseAuthority;
    QCOMPARE(tags.value(u"XMP-photoshop:Instructions"_s).toString(), instructions);
    QCOMPARE(tags.value(u"IPTC:SpecialInstructions"_s).toString(), instructions);
    // EXIF is the camera's and stays.
    QCOMPARE(tags.value(u"ExifIFD:DateTimeOriginal"_s).toString(), u"2025:03:06 10:00:00"_s);
    // Every IIM text within its limit, as exiftool counts the bytes.
    const QMap<QString, QString> exiftoolTag = {
        {u"virin"_s, u"IPTC:ObjectName"_s},
        {u"caption"_s, u"IPTC:Caption-Abstract"_s},
        {u"photographer"_s, u"IPTC:By-line"_s},
        {u"unit"_s, u"IPTC:By-lineTitle"_s},
        {u"title"_s, u"IPTC:Headline"_s},
        {u"city"_s, u"IPTC:City"_s},
        {u"sublocation"_s, u"IPTC:Sub-location"_s},
        {u"state"_s, u"IPTC:Province-State"_s},
        {u"countryCode"_s, u"IPTC:Country-PrimaryLocationCode"_s},
        {u"country"_s, u"IPTC:Country-PrimaryLocationName"_s},
        {u"releaseAuthority"_s, u"IPTC:SpecialInstructions"_s},
        {u"keywords"_s, u"IPTC:Keywords"_s},
        {u"captionWriter"_s, u"IPTC:Writer-Editor"_s},
    };
    for (const IimField &field : IptcLimits::fields()) {
        const QString tag = exiftoolTag.value(field.photoField);
        QVERIFY2(tags.contains(tag), qPrintable(field.photoField));
        for (const QString &value : stringsOf(tags.value(tag)))
            QVERIFY2(value.toUtf8().size() <= field.maxBytes, qPrintable(tag));
    }
    QVERIFY2(written.notes.filter(u"IPTC By-line holds 32 bytes"_s).size() == 1, qPrintable(written.notes.join(u'\n')));
}

// The other way round: DVIDS's fields as another tool writes them.
void TestPhotoMetadata::readsWhatExiftoolWrote_data()
{
    QTest::addColumn<QStringList>("assignments");
    QTest::addColumn<QString>("commandShown");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("phone");
    QTest::addColumn<QString>("note");
    QTest::newRow("contact and command as DINFOS names it")
        << QStringList{u"-XMP-iptcCore:CreatorWorkEmail=jane.doe@example.mil"_s,
                       u"-XMP-iptcCore:CreatorWorkTelephone=703-555-0100"_s,
                       u"-XMP-iptcExt:LocationShownWorldRegion=USINDOPACOM"_s}
        << u"USINDOPACOM"_s << u"jane.doe@example.mil"_s << u"703-555-0100"_s << QString();
    QTest::newRow("the short form and lower case are the same command")
        << QStringList{u"-XMP-iptcExt:LocationShownWorldRegion=centcom"_s} << u"USCENTCOM"_s << QString() << QString()
        << QString();
    QTest::newRow("a region that is no command is kept, with a note")
        << QStringList{u"-XMP-iptcExt:LocationShownWorldRegion=Middle East"_s} << u"Middle East"_s << QString()
        << QString() << u"names no combatant command"_s;
}

void TestPhotoMetadata::readsWhatExiftoolWrote()
{
    QFETCH(QStringList, assignments);
    QFETCH(QString, commandShown);
    QFETCH(QString, email);
    QFETCH(QString, phone);
    QFETCH(QString, note);
    QString error;
    const QByteArray bytes = exiftoolWrite(bareImage("JPG"), assignments, &error);
    QVERIFY2(!bytes.isEmpty(), qPrintable(error));
    const PhotoMetadata::ReadResult read = PhotoMetadata::read(bytes);
    QVERIFY2(read.ok, qPrintable(read.errorString));
    QCOMPARE(read.photo.commandShown, commandShown);
    QCOMPARE(read.photo.creatorEmail, email);
    QCOMPARE(read.photo.creatorPhone, phone);
    if (!note.isEmpty())
        QVERIFY2(!read.notes.filter(note).isEmpty(), qPrintable(read.notes.join(u'\n')));
}

// Newsdesk writes two fields of Creator Contact Info and one of the first
// Location Shown; whatever else a photographer's tool put there stays.
void TestPhotoMetadata::structuresKeepTheirOtherFields()
{
    QString error;
    const QByteArray bytes = exiftoolWrite(sampleJpeg(),
                                           {u"-XMP-iptcCore:CreatorCity=Fort Meade"_s,
                                            u"-XMP-iptcCore:CreatorWorkEmail=old@example.mil"_s,
                                            u"-XMP-iptcExt:LocationShownCity=Ramstein"_s,
                                            u"-XMP-iptcExt:LocationShownWorldRegion=AFRICOM"_s},
                                           &error);
    QVERIFY2(!bytes.isEmpty(), qPrintable(error));
    Photo photo = fullPhoto();
    const PhotoMetadata::WriteResult written = PhotoMetadata::write(bytes, photo);
    QVERIFY2(written.ok, qPrintable(written.errorString));
    const QJsonObject tags = exiftool(written.imageData, &error);
    QVERIFY2(!tags.isEmpty(), qPrintable(error));
    QCOMPARE(tags.value(u"XMP-iptcCore:CreatorCity"_s).toString(), u"Fort Meade"_s);
    QCOMPARE(tags.value(u"XMP-iptcCore:CreatorWorkEmail"_s).toString(), photo.creatorEmail);
    QCOMPARE(tags.value(u"XMP-iptcExt:LocationShownCity"_s).toString(), u"Ramstein"_s);
    QCOMPARE(tags.value(u"XMP-iptcExt:LocationShownWorldRegion"_s).toString(), u"USEUCOM"_s);
    // Emptied in Newsdesk, emptied in the file; the rest still stays.
    photo.creatorEmail.clear();
    photo.commandShown.clear();
    const PhotoMetadata::WriteResult cleared = PhotoMetadata::write(written.imageData, photo);
    QVERIFY2(cleared.ok, qPrintable(cleared.errorString));
    const QJsonObject after = exiftool(cleared.imageData, &error);
    QVERIFY2(!after.isEmpty(), qPrintable(error));
    QVERIFY(!after.contains(u"XMP-iptcCore:CreatorWorkEmail"_s));
    QVERIFY(!after.contains(u"XMP-iptcExt:LocationShownWorldRegion"_s));
    QCOMPARE(after.value(u"XMP-iptcCore:CreatorCity"_s).toString(), u"Fort Meade"_s);
    QCOMPARE(after.value(u"XMP-iptcCore:CreatorWorkTelephone"_s).toString(), photo.creatorPhone);
}

void TestPhotoMetadata::originalIsNeverChanged()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"250306-D-PM193-1268K.jpg"_s);
    QVERIFY(QFile::copy(sampleDir + u"/250306-D-PM193-1268K.jpg"_s, path));
    const QByteArray before = fileBytes(path);
    const QByteArray hash = QCryptographicHash::hash(before, QCryptographicHash::Sha256);
    const PhotoMetadata::WriteResult written = PhotoMetadata::write(before, fullPhoto());
    QVERIFY(written.ok);
    QVERIFY(written.imageData != before);
    QCOMPARE(QCryptographicHash::hash(before, QCryptographicHash::Sha256), hash);
    QCOMPARE(QCryptographicHash::hash(fileBytes(path), QCryptographicHash::Sha256), hash);
    QCOMPARE(PhotoMetadata::readFile(path).photo.photographer, u"Navy Petty Officer 1st Class Alexander Kubitza"_s);
}

// Exiv2 writes some formats (TIFF) in place through the memory it was given;
// the fuzzer found it writing into the caller's bytes. Given bytes that are
// not ours to change (fromRawData over read-only copies), read and write must
// leave them as they were.
void TestPhotoMetadata::callersBytesAreNeverWritten_data()
{
    QTest::addColumn<QString>("file");
    const QString corpus = QStringLiteral(NEWSDESK_SOURCE_DIR "/tests/fuzz/corpus/photometadata/");
    QTest::newRow("TIFF the fuzzer found") << corpus + u"tiff-written-in-place.tif"_s;
    QTest::newRow("TIFF with DoD metadata") << corpus + u"dod-tiny.tif"_s;
    QTest::newRow("PNG") << corpus + u"dod-tiny.png"_s;
    QTest::newRow("WebP") << corpus + u"dod-tiny.webp"_s;
    QTest::newRow("JPEG") << sampleDir + u"/250306-D-PM193-1268K.jpg"_s;
}

void TestPhotoMetadata::callersBytesAreNeverWritten()
{
    QFETCH(QString, file);
    const QByteArray original = fileBytes(file);
    QVERIFY(!original.isEmpty());
    QByteArray buffer = original;
    buffer.detach();
    const QByteArray borrowed = QByteArray::fromRawData(buffer.constData(), buffer.size());
    const PhotoMetadata::ReadResult read = PhotoMetadata::read(borrowed);
    QVERIFY2(read.ok, qPrintable(read.errorString));
    const PhotoMetadata::WriteResult written = PhotoMetadata::write(borrowed, fullPhoto());
    QVERIFY2(written.ok, qPrintable(written.errorString));
    QVERIFY2(buffer == original, "the caller's bytes were changed");
    QCOMPARE(PhotoMetadata::read(written.imageData).photo.virin, fullPhoto().virin);
}

// A vertical tab pasted from a word processor, or a NUL from a damaged file,
// would make the XMP toolkit drop the whole packet (alt text included); such
// characters are left out instead.
void TestPhotoMetadata::controlCharactersDoNotCostTheXmp()
{
    Photo photo = fullPhoto();
    photo.altText = u"Two men in business suits\vare smiling."_s;
    photo.title = QString(u"Hegseth and Healey"_s).append(QChar(0)).append(u"\x1b"_s);
    const PhotoMetadata::WriteResult written = PhotoMetadata::write(sampleJpeg(), photo);
    QVERIFY2(written.ok, qPrintable(written.errorString));
    const PhotoMetadata::ReadResult read = PhotoMetadata::read(written.imageData);
    QCOMPARE(read.photo.altText, u"Two men in business suitsare smiling."_s);
    QCOMPARE(read.photo.title, u"Hegseth and Healey"_s);
    QCOMPARE(read.photo.photographer, photo.photographer); // from XMP: the packet survived
    QVERIFY2(written.notes.filter(u"left out"_s).isEmpty(), qPrintable(written.notes.join(u'\n')));
}

// The fuzzer's invariant, over the corpus in the tree (seeds and the inputs
// that found bugs): what reads, written back into a copy, reads again, and
// gives the same fields. tests/data/photometadata-refusals.txt lists the
// inputs refused instead, each with where and why; a refusal there must be
// that refusal, in the user's words, and every other input must round-trip.

namespace {

QHash<QString, QString> listedRefusals()
{
    QHash<QString, QString> refusals;
    QFile list(QStringLiteral(NEWSDESK_SOURCE_DIR "/tests/data/photometadata-refusals.txt"));
    if (!list.open(QIODevice::ReadOnly | QIODevice::Text))
        return refusals;
    for (const QString &line : QString::fromUtf8(list.readAll()).split(u'\n')) {
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const qsizetype space = line.indexOf(u' ');
        refusals.insert(line.left(space), line.mid(space + 1));
    }
    return refusals;
}

// What the user is told for each listed refusal.
QString refusalMessage(const QString &refusal)
{
    static const QHash<QString, QString> messages = {
        {u"read unsupported"_s, u"This is not an image Newsdesk can read (JPEG, PNG, TIFF or WebP)."_s},
        {u"read not-a-jpeg"_s, u"This is not a JPEG image, or its start is damaged."_s},
        {u"read cut-short"_s, u"The image is cut short or damaged; its metadata cannot be read."_s},
        {u"read damaged-metadata"_s, u"The image's metadata is damaged and cannot be read ("_s},
        {u"write damaged-structure"_s, u"The metadata cannot be written into this image: its structure is damaged ("_s},
        {u"write no-read-back"_s, u"The metadata cannot be written into this image without damaging it; the file's "
                                  "structure is probably broken. Save it again from an image editor."_s},
    };
    return messages.value(refusal);
}

} // namespace

void TestPhotoMetadata::writtenCopiesReadBack_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("refusal"); // empty: must round-trip
    const QDir corpus(QStringLiteral(NEWSDESK_SOURCE_DIR "/tests/fuzz/corpus/photometadata"));
    const QStringList files = corpus.entryList(QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 8);
    QHash<QString, QString> refusals = listedRefusals();
    QVERIFY2(refusals.size() >= 80, "tests/data/photometadata-refusals.txt is missing or short");
    for (const QString &name : files)
        QTest::newRow(qPrintable(name)) << corpus.filePath(name) << refusals.take(name);
    QVERIFY2(refusals.isEmpty(), qPrintable(u"photometadata-refusals.txt lists inputs the corpus does not have: "_s
                                            + refusals.keys().join(u", "_s)));
}

void TestPhotoMetadata::writtenCopiesReadBack()
{
    QFETCH(QString, file);
    QFETCH(QString, refusal);
    const QByteArray bytes = fileBytes(file);
    QVERIFY(!bytes.isEmpty());
    if (!refusal.isEmpty()) {
        QVERIFY2(!refusalMessage(refusal).isEmpty(), qPrintable(u"unknown refusal \""_s + refusal + u'"'));
        // A picture that decodes is a photo someone has: it must not be refused.
        QVERIFY2(QImage::fromData(bytes).isNull(), "a picture QImage decodes is listed as refused");
    }
    const auto refusedAs = [&](const QString &stage, const QString &message) {
        QVERIFY2(refusal.startsWith(stage),
                 qPrintable(u"refused at %1 (\"%2\") but listed as \"%3\": list it in "
                            "tests/data/photometadata-refusals.txt if that is right"_s.arg(stage, message, refusal)));
        QVERIFY2(message.startsWith(refusalMessage(refusal)), qPrintable(message));
    };

    const PhotoMetadata::ReadResult read = PhotoMetadata::read(bytes);
    if (!read.ok) {
        refusedAs(u"read "_s, read.errorString);
        QCOMPARE(read.photo.virin, QString());
        return;
    }
    const PhotoMetadata::WriteResult written = PhotoMetadata::write(bytes, read.photo);
    if (!written.ok) {
        refusedAs(u"write "_s, written.errorString);
        QVERIFY(written.imageData.isEmpty());
        return;
    }
    QVERIFY2(refusal.isEmpty(), qPrintable(u"listed as \"%1\", but it round-trips: take it off the list"_s.arg(refusal)));
    const PhotoMetadata::ReadResult again = PhotoMetadata::read(written.imageData);
    QVERIFY2(again.ok, qPrintable(again.errorString + u'\n' + written.notes.join(u'\n')));
    compareFields(again.photo, read.photo);
    QCOMPARE(PhotoCommands::photoJson(again.photo), PhotoCommands::photoJson(read.photo));
}

void TestPhotoMetadata::dateShotFallsBackToExif()
{
    // The writer clears IPTC Date Created and photoshop:DateCreated for a
    // photo without a date; the camera's EXIF DateTimeOriginal remains.
    Photo undated;
    undated.virin = u"250306-D-PM193-1268K"_s;
    const PhotoMetadata::WriteResult written = PhotoMetadata::write(sampleJpeg(), undated);
    QVERIFY(written.ok);
    const PhotoMetadata::ReadResult read = PhotoMetadata::read(written.imageData);
    QVERIFY(read.ok);
    QCOMPARE(read.photo.dateShot, QDate(2025, 3, 6));
    QCOMPARE(PhotoMetadata::read(bareImage("JPG")).photo.dateShot, QDate());
}

void TestPhotoMetadata::iimCharacterSets_data()
{
    QTest::addColumn<QByteArray>("image");
    QTest::addColumn<QString>("city");

    const std::string utf8Mark = "\x1b%G";
    QTest::newRow("UTF-8 declared") << jpegWithIim({{"Iptc.Envelope.CharacterSet", utf8Mark},
                                                    {"Iptc.Application2.City", "K\xc3\xb6ln"}})
                                    << u"K\u00f6ln"_s;
    QTest::newRow("Latin-1, nothing declared") << jpegWithIim({{"Iptc.Application2.City", "K\xf6ln"}})
                                               << u"K\u00f6ln"_s;
    QTest::newRow("UTF-8, nothing declared") << jpegWithIim({{"Iptc.Application2.City", "K\xc3\xb6ln"}})
                                             << u"K\u00f6ln"_s;
    QTest::newRow("ISO 8859-1 declared") << jpegWithIim({{"Iptc.Envelope.CharacterSet", "\x1b.A"},
                                                         {"Iptc.Application2.City", "K\xf6ln"}})
                                         << u"K\u00f6ln"_s;
    QTest::newRow("UTF-8 cut inside a character") << jpegWithIim({{"Iptc.Envelope.CharacterSet", utf8Mark},
                                                                  {"Iptc.Application2.City", "Zo\xc3"}})
                                                  << u"Zo"_s;
    QTest::newRow("ASCII") << jpegWithIim({{"Iptc.Application2.City", "Norfolk"}}) << u"Norfolk"_s;
}

void TestPhotoMetadata::iimCharacterSets()
{
    QFETCH(QByteArray, image);
    QFETCH(QString, city);
    const PhotoMetadata::ReadResult result = PhotoMetadata::read(image);
    QVERIFY2(result.ok, qPrintable(result.errorString));
    QCOMPARE(result.photo.city, city);
}

void TestPhotoMetadata::titleAndOperation_data()
{
    QTest::addColumn<QByteArray>("image");
    QTest::addColumn<QString>("virin");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("operation");

    QTest::newRow("DoD: VIRIN in Object Name, title in Headline")
        << jpegWithIim({{"Iptc.Application2.ObjectName", "250306-D-PM193-1268K"},
                        {"Iptc.Application2.Headline", "Hegseth and Healey"}})
        << u"250306-D-PM193-1268K"_s << u"Hegseth and Healey"_s << QString();
    QTest::newRow("VIRIN only in dc:title") << jpegWithIim({{"Iptc.Application2.Headline", "Hegseth and Healey"}},
                                                           {{"Xmp.dc.title", "250306-D-PM193-1268K"}})
                                            << u"250306-D-PM193-1268K"_s << u"Hegseth and Healey"_s << QString();
    QTest::newRow("real title in dc:title, operation in Headline")
        << jpegWithIim({{"Iptc.Application2.ObjectName", "250306-D-PM193-1268K"},
                        {"Iptc.Application2.Headline", "Exercise Cobra Gold 2025"}},
                       {{"Xmp.dc.title", "Marines land on the beach"}})
        << u"250306-D-PM193-1268K"_s << u"Marines land on the beach"_s << u"Exercise Cobra Gold 2025"_s;
    QTest::newRow("not a DoD file: Object Name is the title")
        << jpegWithIim({{"Iptc.Application2.ObjectName", "Sunset over the bay"},
                        {"Iptc.Application2.Headline", "Fleet Week"}})
        << QString() << u"Sunset over the bay"_s << u"Fleet Week"_s;
    QTest::newRow("Event names the operation") << jpegWithIim({{"Iptc.Application2.Headline", "Beach landing"}},
                                                              {{"Xmp.iptcExt.Event", "Cobra Gold 2025"}})
                                               << QString() << u"Beach landing"_s << u"Cobra Gold 2025"_s;
}

void TestPhotoMetadata::titleAndOperation()
{
    QFETCH(QByteArray, image);
    const PhotoMetadata::ReadResult result = PhotoMetadata::read(image);
    QVERIFY2(result.ok, qPrintable(result.errorString));
    QTEST(result.photo.virin, "virin");
    QTEST(result.photo.title, "title");
    QTEST(result.photo.operation, "operation");
}

void TestPhotoMetadata::releaseStates_data()
{
    QTest::addColumn<QString>("instructions");
    QTest::addColumn<ReleaseState>("state");
    QTest::addColumn<QString>("authority");
    QTest::addColumn<bool>("recognized");

    QTest::newRow("Released") << u"Released"_s << ReleaseState::Released << QString() << true;
    QTest::newRow("Released with authority") << u"Released: Maj. Jane Doe, 703-555-0100"_s << ReleaseState::Released
                                             << u"Maj. Jane Doe, 703-555-0100"_s << true;
    QTest::newRow("Released by") << u"RELEASED by Maj. Jane Doe"_s << ReleaseState::Released << u"Maj. Jane Doe"_s
                                 << true;
    QTest::newRow("Cleared for public release") << u"Cleared for public release - 1st MARDIV PAO"_s
                                                << ReleaseState::Released << u"1st MARDIV PAO"_s << true;
    QTest::newRow("Not Released") << u"Not Released; OPSEC review pending"_s << ReleaseState::NotReleased
                                  << u"OPSEC review pending"_s << true;
    QTest::newRow("FOUO keeps its word") << u"FOUO until 1 June"_s << ReleaseState::NotReleased << u"FOUO until 1 June"_s
                                         << true;
    QTest::newRow("Not Reviewed") << u"Not Reviewed"_s << ReleaseState::NotReviewed << QString() << true;
    QTest::newRow("something else") << u"Embargoed"_s << ReleaseState::NotReviewed << QString() << false;
    QTest::newRow("empty") << QString() << ReleaseState::NotReviewed << QString() << false;
}

void TestPhotoMetadata::releaseStates()
{
    QFETCH(QString, instructions);
    QFETCH(ReleaseState, state);
    QFETCH(QString, authority);
    QFETCH(bool, recognized);
    QString readAuthority = u"stale"_s;
    bool readRecognized = !recognized;
    QCOMPARE(IptcLimits::releaseFromInstructions(instructions, &readAuthority, &readRecognized), state);
    QCOMPARE(readAuthority, authority);
    QCOMPARE(readRecognized, recognized);
    if (recognized) {
        // What the writer makes of it reads back the same.
        const QString written = IptcLimits::specialInstructions(state, authority);
        QString again;
        QCOMPARE(IptcLimits::releaseFromInstructions(written, &again), state);
        QCOMPARE(again, authority);
    }
}

void TestPhotoMetadata::damagedInputs_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("readable"); // metadata still readable despite the damage
    QTest::addColumn<QString>("mentions"); // in the error, when not readable
    QTest::addColumn<QString>("noted");    // in the notes, when readable

    const QByteArray sample = sampleJpeg();
    QVERIFY(sample.size() > 10000);
    QTest::newRow("empty") << QByteArray() << false << u"empty"_s << QString();
    QTest::newRow("text file named .jpg") << QByteArray("Hello, this is not a photo.\n") << false << u"not an image"_s << QString();
    QTest::newRow("GIF: not a format Newsdesk takes") << QByteArray("GIF89a\x01\x00\x01\x00\x00\x00\x00;", 14) << false
                                                      << u"not an image"_s << QString();
    QTest::newRow("one line of text") << QByteArray("not a photo\n") << false << u"not an image"_s << QString();
    QTest::newRow("JPEG start marker only") << QByteArray("\xff\xd8", 2) << false << u"not a JPEG"_s << QString();
    QTest::newRow("JPEG cut in its headers") << sample.left(300) << false << u"cut short"_s << QString();
    QTest::newRow("JPEG cut in the scan data") << sample.left(sample.size() / 2) << true << QString() << QString();
    QTest::newRow("PNG signature only") << QByteArray("\x89PNG\r\n\x1a\n", 8) << false << u"damaged"_s << QString();
    QByteArray noise(4096, '\0');
    for (qsizetype i = 0; i < noise.size(); ++i)
        noise[i] = char((i * 7919 + 13) % 251);
    QTest::newRow("JPEG marker then noise") << QByteArray("\xff\xd8\xff", 3) + noise << false << u"damaged"_s << QString();

    // IIM datasets are "1C 02 nn LL LL": give Object Name an absurd length.
    QByteArray absurd = sample;
    const qsizetype objectName = absurd.indexOf(QByteArray("\x1c\x02\x05", 3));
    QVERIFY(objectName > 0);
    absurd[objectName + 3] = char(0x7f);
    absurd[objectName + 4] = char(0xff);
    QTest::newRow("IIM dataset longer than its record") << absurd << true << QString() << u"invalid size"_s;
    // The extended-length form (high bit set) claiming 2^32 bytes.
    QByteArray extended = sample;
    extended[objectName + 3] = char(0x80);
    extended[objectName + 4] = char(0x04);
    QTest::newRow("IIM extended length") << extended << true << QString() << u"invalid size"_s;
    // The APP13 segment claims more bytes than the file has.
    QByteArray app13 = sample;
    const qsizetype photoshop = app13.indexOf(QByteArray("Photoshop 3.0"));
    QVERIFY(photoshop > 4);
    app13[photoshop - 2] = char(0xff);
    app13[photoshop - 1] = char(0xff);
    QTest::newRow("APP13 longer than the file") << app13.left(photoshop + 2000) << false << u"damaged"_s << QString();
    // XMP that is not XML.
    QByteArray xmp = sample;
    const qsizetype packet = xmp.indexOf(QByteArray("<x:xmpmeta"));
    QVERIFY(packet > 0);
    for (qsizetype i = packet; i < packet + 200; ++i)
        xmp[i] = '<';
    QTest::newRow("XMP that is not XML") << xmp << true << QString() << u"Failed to decode XMP"_s;
}

void TestPhotoMetadata::damagedInputs()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, readable);
    QFETCH(QString, mentions);
    QFETCH(QString, noted);
    const PhotoMetadata::ReadResult read = PhotoMetadata::read(bytes);
    QVERIFY2(read.ok == readable, qPrintable(read.errorString + read.notes.join(u'\n')));
    if (!read.ok) {
        QVERIFY(!read.errorString.isEmpty());
        QVERIFY2(read.errorString.contains(mentions), qPrintable(read.errorString));
        QVERIFY(read.photo.virin.isEmpty());
    } else {
        // What survived is still read: the VIRIN is in XMP and IIM both.
        QCOMPARE(read.photo.virin, u"250306-D-PM193-1268K"_s);
        if (!noted.isEmpty())
            QVERIFY2(!read.notes.filter(noted).isEmpty(), qPrintable(read.notes.join(u'\n')));
    }
    // Writing into damaged bytes fails with a message, or writes a copy that
    // reads back.
    const PhotoMetadata::WriteResult written = PhotoMetadata::write(bytes, fullPhoto());
    if (written.ok)
        QVERIFY(PhotoMetadata::read(written.imageData).ok);
    else
        QVERIFY(!written.errorString.isEmpty());
}

void TestPhotoMetadata::unreadableFileNamesTheFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"notes.jpg"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("Meeting notes, not a photo.\n");
    file.close();
    const PhotoMetadata::ReadResult result = PhotoMetadata::readFile(path);
    QVERIFY(!result.ok);
    QVERIFY2(result.errorString.contains(u"notes.jpg"_s), qPrintable(result.errorString));
    QVERIFY(result.errorString.contains(u"not an image"_s));

    const PhotoMetadata::ReadResult missing = PhotoMetadata::readFile(dir.filePath(u"gone.jpg"_s));
    QVERIFY(!missing.ok);
    QVERIFY(missing.errorString.contains(u"gone.jpg"_s));
}

void TestPhotoMetadata::limitsTable()
{
    QCOMPARE(IptcLimits::maxBytes(u"virin"), 64);
    QCOMPARE(IptcLimits::maxBytes(u"caption"), 2000);
    QCOMPARE(IptcLimits::maxBytes(u"photographer"), 32);
    QCOMPARE(IptcLimits::maxBytes(u"unit"), 32);
    QCOMPARE(IptcLimits::maxBytes(u"title"), 256);
    QCOMPARE(IptcLimits::maxBytes(u"city"), 32);
    QCOMPARE(IptcLimits::maxBytes(u"sublocation"), 32);
    QCOMPARE(IptcLimits::maxBytes(u"state"), 32);
    QCOMPARE(IptcLimits::maxBytes(u"country"), 64);
    QCOMPARE(IptcLimits::maxBytes(u"countryCode"), 3);
    QCOMPARE(IptcLimits::maxBytes(u"releaseAuthority"), 256);
    QCOMPARE(IptcLimits::maxBytes(u"keywords"), 64);
    QCOMPARE(IptcLimits::maxBytes(u"captionWriter"), 32);
    QCOMPARE(IptcLimits::maxBytes(u"altText"), 0);
    QVERIFY(IptcLimits::fieldFor(u"keywords")->repeatable);
    QCOMPARE(IptcLimits::fieldFor(u"photographer")->dataset, 80);
    QCOMPARE(IptcLimits::fieldFor(u"photographer")->name, u"By-line"_s);
    QVERIFY(!IptcLimits::fieldFor(u"operation"));
    // Every name in the table is a field the command line and form know.
    const QMap<QString, QString> known = fieldsOf(Photo());
    for (const IimField &field : IptcLimits::fields())
        QVERIFY2(known.contains(field.photoField), qPrintable(field.photoField));
}

void TestPhotoMetadata::fittingCutsBetweenCharacters_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("maxBytes");
    QTest::addColumn<QString>("fits");

    QTest::newRow("short enough") << u"Pentagon"_s << 32 << u"Pentagon"_s;
    QTest::newRow("DOMAIN.md's example") << u"Mass Communication Specialist John Doe"_s << 32
                                         << u"Mass Communication Specialist Jo"_s;
    QTest::newRow("2-byte letter across the limit") << u"Navy Petty Officer 1st Class Zo\u00eb"_s << 32
                                                    << u"Navy Petty Officer 1st Class Zo"_s;
    QTest::newRow("2-byte letter at the limit") << u"Navy Petty Officer 1st Class \u00eb"_s << 32
                                                << u"Navy Petty Officer 1st Class \u00eb"_s;
    QTest::newRow("3-byte character") << u"ab\u20ac"_s << 4 << u"ab"_s;
    QTest::newRow("surrogate pair kept whole") << u"a\U0001F600b"_s << 5 << u"a\U0001F600"_s;
    QTest::newRow("surrogate pair not split") << u"a\U0001F600b"_s << 4 << u"a"_s;
    QTest::newRow("zero") << u"abc"_s << 0 << QString();
}

void TestPhotoMetadata::fittingCutsBetweenCharacters()
{
    QFETCH(QString, text);
    QFETCH(int, maxBytes);
    QFETCH(QString, fits);
    const QString result = IptcLimits::fitting(text, maxBytes);
    QCOMPARE(result, fits);
    QCOMPARE(IptcLimits::utf8Bytes(result), result.toUtf8().size());
    QVERIFY(result.toUtf8().size() <= maxBytes);
    QCOMPARE(IptcLimits::utf8Bytes(text), text.toUtf8().size());
}

QTEST_GUILESS_MAIN(TestPhotoMetadata)
#include "tst_photometadata.moc"
