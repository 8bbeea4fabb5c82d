// SPDX-License-Identifier: MIT
#include "library.h"
#include "photorepository.h"
#include "testlibraries.h"
#include "virin.h"

#include <QTest>

using namespace Qt::StringLiterals;

// A cross-check's message: none when mentions is empty, else one that says it.
static void verifyMessage(const QString &message, const QString &mentions)
{
    if (mentions.isEmpty())
        QCOMPARE(message, QString());
    else
        QVERIFY2(message.contains(mentions), qPrintable(message));
}

class TestVirin : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parseFields_data();
    void parseFields();
    void verdict_data();
    void verdict();
    void everyServiceLetterHasAName();
    void fieldsOfABrokenVirinAreStillShown();
    void normalizedRebuildsTheVirin();
    void statusKeys();

    void againstDateShot_data();
    void againstDateShot();
    void againstCaption_data();
    void againstCaption();
    void againstFileName_data();
    void againstFileName();
    void duplicateInLibrary();
    void forPhotoCollectsEveryMismatch();

    void suggestNext_data();
    void suggestNext();
    void suggestNextFromTheLibrary();
};

// What parse() reads out of VIRINs that are fine or merely odd.
void TestVirin::parseFields_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDate>("date");
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("serviceName");
    QTest::addColumn<QString>("visionId");
    QTest::addColumn<QString>("sequence");
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QString>("country");

    QTest::newRow("DOMAIN.md's example") << u"260108-N-GR847-1010"_s << QDate(2026, 1, 8) << u"N"_s << u"Navy"_s
                                         << u"GR847"_s << u"1010"_s << QString() << QString();
    QTest::newRow("defense.gov trailing letter") << u"250306-D-PM193-1268K"_s << QDate(2025, 3, 6) << u"D"_s
                                                 << u"Department of Defense"_s << u"PM193"_s << u"1268"_s << u"K"_s
                                                 << QString();
    QTest::newRow("sample photo two") << u"250306-D-PM193-1416K"_s << QDate(2025, 3, 6) << u"D"_s
                                      << u"Department of Defense"_s << u"PM193"_s << u"1416"_s << u"K"_s << QString();
    QTest::newRow("sample photo three, Air Force") << u"250306-F-UO417-1153K"_s << QDate(2025, 3, 6) << u"F"_s
                                                   << u"Air Force"_s << u"UO417"_s << u"1153"_s << u"K"_s << QString();
    QTest::newRow("trailing letter and leading zero") << u"170801-D-FW736-0024L"_s << QDate(2017, 8, 1) << u"D"_s
                                                      << u"Department of Defense"_s << u"FW736"_s << u"0024"_s
                                                      << u"L"_s << QString();
    QTest::newRow("pre-2011 3-digit sequence") << u"170518-N-MD297-201"_s << QDate(2017, 5, 18) << u"N"_s << u"Navy"_s
                                               << u"MD297"_s << u"201"_s << QString() << QString();
    QTest::newRow("legacy VISION ID") << u"060525-M-0293H-001"_s << QDate(2006, 5, 25) << u"M"_s << u"Marine Corps"_s
                                      << u"0293H"_s << u"001"_s << QString() << QString();
    QTest::newRow("unit DVIAN") << u"250306-A-G0007-1001"_s << QDate(2025, 3, 6) << u"A"_s << u"Army"_s << u"G0007"_s
                                << u"1001"_s << QString() << QString();
    QTest::newRow("foreign photographer with country") << u"250306-O-AB123-1001-GB"_s << QDate(2025, 3, 6) << u"O"_s
                                                       << u"Other"_s << u"AB123"_s << u"1001"_s << QString()
                                                       << u"GB"_s;
    QTest::newRow("suffix and country") << u"250306-C-AB123-1001K-DE"_s << QDate(2025, 3, 6) << u"C"_s
                                        << u"Coalition"_s << u"AB123"_s << u"1001"_s << u"K"_s << u"DE"_s;
    QTest::newRow("1990s year") << u"990101-N-AB123-1001"_s << QDate(1999, 1, 1) << u"N"_s << u"Navy"_s << u"AB123"_s
                                << u"1001"_s << QString() << QString();
    QTest::newRow("leap day") << u"240229-X-AB123-1001"_s << QDate(2024, 2, 29) << u"X"_s << u"Space Force"_s
                              << u"AB123"_s << u"1001"_s << QString() << QString();
}

void TestVirin::parseFields()
{
    QFETCH(QString, text);
    const Virin virin = Virin::parse(text);
    QVERIFY2(virin.isUsable(), qPrintable(virin.messageTexts().join(u'\n')));
    QCOMPARE(virin.text, text);
    QTEST(virin.date, "date");
    QTEST(QString(virin.service), "service");
    QTEST(virin.serviceName, "serviceName");
    QTEST(virin.visionId, "visionId");
    QTEST(virin.sequence, "sequence");
    QTEST(virin.suffix, "suffix");
    QTEST(virin.country, "country");
}

// Status and the words of the verdict for every DOMAIN.md case.
void TestVirin::verdict_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<VirinStatus>("status");
    QTest::addColumn<int>("messageCount");
    QTest::addColumn<QString>("mentions"); // a piece of the first message

    const auto Valid = VirinStatus::Valid;
    const auto Warning = VirinStatus::Warning;
    const auto Invalid = VirinStatus::Invalid;

    QTest::newRow("valid: person VISION ID") << u"260108-N-GR847-1010"_s << Valid << 0 << QString();
    QTest::newRow("valid: unit DVIAN") << u"250306-A-G0007-1001"_s << Valid << 0 << QString();
    QTest::newRow("valid: Space Force") << u"250306-X-AB123-1001"_s << Valid << 0 << QString();
    QTest::newRow("valid: foreign photographer") << u"250306-O-AB123-1001-GB"_s << Valid << 0 << QString();
    QTest::newRow("valid: leap day 2024") << u"240229-N-AB123-1001"_s << Valid << 0 << QString();

    QTest::newRow("warning: trailing letter") << u"250306-D-PM193-1268K"_s << Warning << 1 << u"letter K"_s;
    QTest::newRow("warning: trailing letter and leading 0") << u"170801-D-FW736-0024L"_s << Warning << 2
                                                            << u"starts with 0"_s;
    QTest::newRow("warning: 3-digit sequence") << u"170518-N-MD297-201"_s << Warning << 1 << u"before 2011"_s;
    QTest::newRow("warning: sequence starts with 0") << u"210819-A-TI382-0034"_s << Warning << 1
                                                     << u"starts with 0"_s;
    QTest::newRow("warning: legacy VISION ID") << u"060525-M-0293H-001"_s << Warning << 2 << u"legacy"_s;
    QTest::newRow("warning: placeholder ZZ999") << u"250306-D-ZZ999-1001"_s << Warning << 1 << u"placeholder"_s;
    QTest::newRow("warning: order 000") << u"250306-D-PM193-1000"_s << Warning << 1 << u"order 000"_s;
    QTest::newRow("warning: UK is not ISO") << u"250306-O-AB123-1001-UK"_s << Warning << 1 << u"GB"_s;
    QTest::newRow("warning: unknown country code") << u"250306-O-AB123-1001-QQ"_s << Warning << 1 << u"QQ"_s;
    QTest::newRow("warning: country on a U.S. service") << u"250306-N-AB123-1001-GB"_s << Warning << 1
                                                        << u"foreign"_s;

    QTest::newRow("invalid: empty") << QString() << Invalid << 1 << u"no VIRIN"_s;
    QTest::newRow("invalid: blank") << u"   "_s << Invalid << 1 << u"no VIRIN"_s;
    QTest::newRow("invalid: missing sequence") << u"250306-D-PM193"_s << Invalid << 1 << u"sequence number is missing"_s;
    QTest::newRow("invalid: missing service") << u"250306-PM193-1268"_s << Invalid << 1 << u"service letter is missing"_s;
    QTest::newRow("invalid: missing date") << u"D-PM193-1268"_s << Invalid << 1 << u"date is missing"_s;
    QTest::newRow("invalid: missing VISION ID") << u"250306-D-1268"_s << Invalid << 1 << u"VISION ID is missing"_s;
    QTest::newRow("invalid: empty field") << u"250306--PM193-1268"_s << Invalid << 1 << u"service letter is missing"_s;
    QTest::newRow("invalid: 4-digit date") << u"2503-D-PM193-1268"_s << Invalid << 1 << u"six digits"_s;
    QTest::newRow("invalid: 8-digit date") << u"20250306-D-PM193-1268"_s << Invalid << 1 << u"six digits"_s;
    QTest::newRow("invalid: month 13") << u"251306-D-PM193-1268"_s << Invalid << 1 << u"month 13"_s;
    QTest::newRow("invalid: month 00") << u"250006-D-PM193-1268"_s << Invalid << 1 << u"month 00"_s;
    QTest::newRow("invalid: Feb 31") << u"250231-D-PM193-1268"_s << Invalid << 1 << u"February 31, 2025"_s;
    QTest::newRow("invalid: Feb 29 of a common year") << u"250229-D-PM193-1268"_s << Invalid << 1
                                                      << u"February 29, 2025"_s;
    QTest::newRow("invalid: day 00") << u"250300-D-PM193-1268"_s << Invalid << 1 << u"March 0"_s;
    QTest::newRow("invalid: lower case") << u"250306-d-pm193-1268k"_s << Invalid << 2 << u"capitals"_s;
    QTest::newRow("invalid: underscores") << u"250306_D_PM193_1268"_s << Invalid << 1 << u"underscores"_s;
    QTest::newRow("invalid: en dashes") << u"250306\u2013D\u2013PM193\u20131268"_s << Invalid << 1 << u"dashes"_s;
    QTest::newRow("invalid: space inside") << u"250306-D-PM193 -1268"_s << Invalid << 2 << u"spaces"_s;
    QTest::newRow("invalid: trailing space") << u"250306-D-PM193-1268 "_s << Invalid << 1 << u"spaces"_s;
    QTest::newRow("invalid: other character") << u"250306-D-PM193-1268#"_s << Invalid << 2 << u"#"_s;
    QTest::newRow("invalid: 3-letter country") << u"250306-O-AB123-1001-GBR"_s << Invalid << 1 << u"2-letter"_s;
    QTest::newRow("invalid: 1-letter country") << u"250306-O-AB123-1001-G"_s << Invalid << 1 << u"2-letter"_s;
    QTest::newRow("invalid: trailing hyphen") << u"250306-O-AB123-1001-"_s << Invalid << 1 << u"no country"_s;
    QTest::newRow("invalid: unknown service letter") << u"250306-Q-PM193-1268"_s << Invalid << 1
                                                     << u"not a service letter"_s;
    QTest::newRow("invalid: service of two letters") << u"250306-DN-PM193-1268"_s << Invalid << 1 << u"one letter"_s;
    QTest::newRow("invalid: VISION ID of 6") << u"250306-D-PM1930-1268"_s << Invalid << 1 << u"not 6"_s;
    QTest::newRow("invalid: VISION ID of 4") << u"250306-D-PM19-1268"_s << Invalid << 1 << u"not 4"_s;
    QTest::newRow("invalid: VISION ID shape") << u"250306-D-P1M93-1268"_s << Invalid << 1 << u"2 letters"_s;
    QTest::newRow("invalid: 5-digit sequence") << u"250306-D-PM193-12680"_s << Invalid << 1 << u"not 5"_s;
    QTest::newRow("invalid: 2-digit sequence") << u"250306-D-PM193-12"_s << Invalid << 1 << u"not 2"_s;
    QTest::newRow("invalid: two trailing letters") << u"250306-D-PM193-1268KK"_s << Invalid << 1 << u"\"KK\""_s;
    QTest::newRow("invalid: letter inside sequence") << u"250306-D-PM193-12A8"_s << Invalid << 1 << u"12A8"_s;
    QTest::newRow("invalid: too many fields") << u"250306-D-PM193-1268-GB-X"_s << Invalid << 1 << u"has 6"_s;
}

void TestVirin::verdict()
{
    QFETCH(QString, text);
    QFETCH(VirinStatus, status);
    QFETCH(int, messageCount);
    QFETCH(QString, mentions);
    const Virin virin = Virin::parse(text);
    const QString all = virin.messageTexts().join(u'\n');
    QCOMPARE(virinStatusKey(virin.status), virinStatusKey(status));
    QVERIFY2(virin.messages.size() == messageCount, qPrintable(all));
    if (!mentions.isEmpty())
        QVERIFY2(virin.messages.constFirst().text.contains(mentions), qPrintable(all));
    // Every message is about the verdict: none louder than the status.
    for (const VirinMessage &message : virin.messages)
        QVERIFY(message.severity <= virin.status && message.severity != VirinStatus::Valid);
}

void TestVirin::everyServiceLetterHasAName()
{
    const QString letters = Virin::serviceLetters();
    QCOMPARE(letters, u"ACDFGHJLMNOSXZ"_s);
    for (QChar letter : letters) {
        const Virin virin = Virin::parse(u"250306-"_s % letter % u"-AB123-1001"_s);
        QCOMPARE(virin.status, VirinStatus::Valid);
        QVERIFY(!virin.serviceName.isEmpty());
    }
    QVERIFY(Virin::serviceNameOf(u'B').isEmpty());
}

void TestVirin::fieldsOfABrokenVirinAreStillShown()
{
    const Virin virin = Virin::parse(u"250306_d_pm193_1268"_s);
    QCOMPARE(virin.status, VirinStatus::Invalid);
    QCOMPARE(virin.date, QDate(2025, 3, 6));
    QCOMPARE(virin.service, u'D');
    QCOMPARE(virin.visionId, u"PM193"_s);
    QCOMPARE(virin.sequence, u"1268"_s);
}

void TestVirin::normalizedRebuildsTheVirin()
{
    QCOMPARE(Virin::parse(u"250306-D-PM193-1268K"_s).normalized(), u"250306-D-PM193-1268K"_s);
    QCOMPARE(Virin::parse(u"250306-O-AB123-1001-GB"_s).normalized(), u"250306-O-AB123-1001-GB"_s);
    QCOMPARE(Virin::parse(u"250306_d_pm193_1268"_s).normalized(), u"250306-D-PM193-1268"_s);
}

void TestVirin::statusKeys()
{
    QCOMPARE(virinStatusKey(VirinStatus::Valid), u"valid"_s);
    QCOMPARE(virinStatusKey(VirinStatus::Warning), u"warning"_s);
    QCOMPARE(virinStatusKey(VirinStatus::Invalid), u"invalid"_s);
}

void TestVirin::againstDateShot_data()
{
    QTest::addColumn<QString>("virin");
    QTest::addColumn<QDate>("dateShot");
    QTest::addColumn<QString>("mentions"); // empty: they agree

    QTest::newRow("same day") << u"250306-D-PM193-1268K"_s << QDate(2025, 3, 6) << QString();
    QTest::newRow("no date shot") << u"250306-D-PM193-1268K"_s << QDate() << QString();
    QTest::newRow("VIRIN date unreadable") << u"251306-D-PM193-1268"_s << QDate(2025, 3, 6) << QString();
    QTest::newRow("a day later") << u"250306-D-PM193-1268K"_s << QDate(2025, 3, 7)
                                 << u"The VIRIN date is March 6, 2025, but the photo was shot March 7, 2025."_s;
    QTest::newRow("a year off") << u"240306-D-PM193-1268K"_s << QDate(2025, 3, 6) << u"March 6, 2024"_s;
}

void TestVirin::againstDateShot()
{
    QFETCH(QString, virin);
    QFETCH(QDate, dateShot);
    QFETCH(QString, mentions);
    verifyMessage(VirinChecks::againstDateShot(Virin::parse(virin), dateShot), mentions);
}

void TestVirin::againstCaption_data()
{
    QTest::addColumn<QString>("virin");
    QTest::addColumn<QString>("caption");
    QTest::addColumn<QString>("mentions");

    const QString sample = u"Defense Secretary Pete Hegseth walks with British Defense Secretary John Healey prior to a "
                           "bilateral exchange at the Pentagon, March 6, 2025."_s;
    QTest::newRow("sample caption agrees") << u"250306-D-PM193-1268K"_s << sample << QString();
    QTest::newRow("abbreviated month agrees") << u"200811-N-AB123-1001"_s
                                              << u"Sailors train at Naval Station Norfolk, Va., Aug. 11, 2020."_s
                                              << QString();
    QTest::newRow("no date in caption") << u"250306-D-PM193-1268K"_s << u"Sailors train."_s << QString();
    QTest::newRow("date without year agrees in the VIRIN's year") << u"250306-D-PM193-1268K"_s
                                                                  << u"Taken March 6."_s << QString();
    QTest::newRow("date without year disagrees") << u"250306-D-PM193-1268K"_s << u"Taken March 7."_s
                                                 << u"March 7"_s;
    QTest::newRow("other day") << u"250306-D-PM193-1268K"_s
                               << u"Hegseth hosts Healey at the Pentagon, March 7, 2025."_s
                               << u"The caption gives March 7, 2025, but the VIRIN date is March 6, 2025."_s;
    QTest::newRow("wrong-style date still compared") << u"200811-N-AB123-1001"_s
                                                     << u"Sailors train in Norfolk, August 12, 2020."_s
                                                     << u"August 12, 2020"_s;
    // Only the date that says when is the VIRIN's: a background date may be any.
    QTest::newRow("background date is not compared")
        << u"250306-D-PM193-1268K"_s << u"At the Pentagon, March 6, 2025. The war began Feb. 24, 2022."_s
        << QString();
    QTest::newRow("later date of a real Navy caption is not compared")
        << u"200924-N-YG104-1001"_s
        << u"PORT CANAVERAL, Fla. (Sept. 24, 2020) A Sailor listens to the Master Chief Petty Officer of the Navy "
           "(MCPON) Russell Smith during an all hands call aboard the the future USS Delbert D. Black (DDG 119). The "
           "Navy will commission Delbert D. Black, the first ship in naval history to be named after the first "
           "MCPON, Sept. 26, 2020 in Port Canaveral."_s
        << QString();
    QTest::newRow("only background dates") << u"200717-N-AB123-1001"_s
                                           << u"The ship had been in dry dock for repairs since June 18."_s
                                           << QString();
}

void TestVirin::againstCaption()
{
    QFETCH(QString, virin);
    QFETCH(QString, caption);
    QFETCH(QString, mentions);
    verifyMessage(VirinChecks::againstCaption(Virin::parse(virin), caption), mentions);
}

void TestVirin::againstFileName_data()
{
    QTest::addColumn<QString>("virin");
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("named by VIRIN") << u"250306-D-PM193-1268K"_s << u"250306-D-PM193-1268K.jpg"_s << QString();
    QTest::newRow("with a folder") << u"250306-D-PM193-1268K"_s << u"/home/pao/in/250306-D-PM193-1268K.JPG"_s
                                   << QString();
    QTest::newRow("copy decoration") << u"250306-D-PM193-1268K"_s << u"250306-D-PM193-1268K (2).jpg"_s << QString();
    QTest::newRow("prefix decoration") << u"250306-D-PM193-1268K"_s << u"DOD_250306-D-PM193-1268K.jpg"_s
                                       << QString();
    QTest::newRow("no file name") << u"250306-D-PM193-1268K"_s << QString() << QString();
    QTest::newRow("camera name") << u"250306-D-PM193-1268K"_s << u"DSC_0042.jpg"_s << u"does not carry"_s;
    QTest::newRow("another VIRIN") << u"250306-D-PM193-1268K"_s << u"250306-D-PM193-1416K.jpg"_s
                                   << u"carries VIRIN 250306-D-PM193-1416K"_s;
    QTest::newRow("VIRIN without its letter") << u"250306-D-PM193-1268"_s << u"250306-D-PM193-1268K.jpg"_s
                                              << u"carries VIRIN 250306-D-PM193-1268K"_s;
    QTest::newRow("longer VIRIN than the file's") << u"250306-D-PM193-1268K"_s << u"250306-D-PM193-1268.jpg"_s
                                                  << u"carries VIRIN 250306-D-PM193-1268,"_s;
}

void TestVirin::againstFileName()
{
    QFETCH(QString, virin);
    QFETCH(QString, fileName);
    QFETCH(QString, mentions);
    verifyMessage(VirinChecks::againstFileName(Virin::parse(virin), fileName), mentions);
}

static std::optional<Photo> addPhoto(PhotoRepository &photos, const QString &virin, const QString &title)
{
    Photo photo;
    photo.virin = virin;
    photo.title = title;
    photo.fileName = virin + u".jpg"_s;
    // Distinct bytes per photo: the store keeps one copy per content.
    return photos.add(photo, (virin + title).toUtf8(), u"image/jpeg"_s, QSize(1, 1), {});
}

void TestVirin::duplicateInLibrary()
{
    TestLibraries libraries;
    Library library;
    QVERIFY2(libraries.open(library, u"Eve Editor"_s, PersonRole::Editor), qPrintable(libraries.errorString()));
    PhotoRepository photos(&library);
    const std::optional<Photo> first = addPhoto(photos, u"250306-D-PM193-1268K"_s, u"Hegseth and Healey"_s);
    QVERIFY2(first, qPrintable(photos.errorString()));
    const Virin virin = Virin::parse(first->virin);

    // Alone, the photo is no duplicate of itself.
    QCOMPARE(VirinChecks::duplicateInLibrary(virin, photos, first->id), QString());
    // A new photo (id 0) with the same VIRIN is.
    QVERIFY(VirinChecks::duplicateInLibrary(virin, photos, 0).contains(u"Hegseth and Healey"_s));

    const std::optional<Photo> second = addPhoto(photos, u"250306-D-PM193-1268K"_s, u"Second copy"_s);
    QVERIFY(second);
    const QString message = VirinChecks::duplicateInLibrary(virin, photos, first->id);
    QVERIFY2(message.contains(u"Second copy"_s), qPrintable(message));
    QVERIFY2(!message.contains(u"Hegseth and Healey"_s), qPrintable(message));
    // A VIRIN differing only by its trailing letter is another VIRIN.
    QCOMPARE(VirinChecks::duplicateInLibrary(Virin::parse(u"250306-D-PM193-1268"_s), photos, 0), QString());
}

void TestVirin::forPhotoCollectsEveryMismatch()
{
    Photo photo;
    photo.virin = u"250306-D-PM193-1268K"_s;
    photo.dateShot = QDate(2025, 3, 6);
    photo.caption = u"Hegseth walks at the Pentagon, March 6, 2025."_s;
    photo.fileName = u"250306-D-PM193-1268K.jpg"_s;
    QCOMPARE(VirinChecks::forPhoto(photo), QStringList());

    photo.dateShot = QDate(2025, 3, 5);
    photo.caption = u"Hegseth walks at the Pentagon, March 4, 2025."_s;
    photo.fileName = u"IMG_1.jpg"_s;
    const QStringList messages = VirinChecks::forPhoto(photo);
    QCOMPARE(messages.size(), 3);
    QVERIFY(messages.at(0).contains(u"shot March 5, 2025"_s));
    QVERIFY(messages.at(1).contains(u"March 4, 2025"_s));
    QVERIFY(messages.at(2).contains(u"IMG_1.jpg"_s));

    photo.virin.clear();
    QCOMPARE(VirinChecks::forPhoto(photo), QStringList());
}

void TestVirin::suggestNext_data()
{
    QTest::addColumn<QString>("visionId");
    QTest::addColumn<QDate>("date");
    QTest::addColumn<QString>("service");
    QTest::addColumn<QStringList>("existing");
    QTest::addColumn<int>("scene");
    QTest::addColumn<QString>("country");
    QTest::addColumn<QString>("expected"); // empty: no suggestion

    const QDate day(2025, 3, 6);
    QTest::newRow("first of the day") << u"PM193"_s << day << u"D"_s << QStringList() << 0 << QString()
                                      << u"250306-D-PM193-1001"_s;
    QTest::newRow("after the sample's photos")
        << u"PM193"_s << day << u"D"_s
        << QStringList{u"250306-D-PM193-1268K"_s, u"250306-D-PM193-1416K"_s, u"250306-F-UO417-1153K"_s} << 0
        << QString() << u"250306-D-PM193-1417"_s;
    QTest::newRow("a chosen scene") << u"PM193"_s << day << u"D"_s
                                    << QStringList{u"250306-D-PM193-1268K"_s, u"250306-D-PM193-1416K"_s} << 1
                                    << QString() << u"250306-D-PM193-1417"_s;
    QTest::newRow("a new scene") << u"PM193"_s << day << u"D"_s << QStringList{u"250306-D-PM193-1268K"_s} << 2
                                 << QString() << u"250306-D-PM193-2001"_s;
    QTest::newRow("other photographers and days do not count")
        << u"PM193"_s << day << u"D"_s
        << QStringList{u"250306-D-XY123-1500"_s, u"250307-D-PM193-1500"_s, u"250306-N-PM193-1500"_s} << 0 << QString()
        << u"250306-D-PM193-1001"_s;
    QTest::newRow("gaps are not reused") << u"PM193"_s << day << u"D"_s
                                         << QStringList{u"250306-D-PM193-1001"_s, u"250306-D-PM193-1005"_s} << 0
                                         << QString() << u"250306-D-PM193-1006"_s;
    QTest::newRow("full scene moves on") << u"PM193"_s << day << u"D"_s << QStringList{u"250306-D-PM193-1999"_s} << 1
                                         << QString() << u"250306-D-PM193-2001"_s;
    QTest::newRow("every scene full") << u"PM193"_s << day << u"D"_s << QStringList{u"250306-D-PM193-9999"_s} << 9
                                      << QString() << QString();
    QTest::newRow("with a country") << u"AB123"_s << day << u"O"_s << QStringList{u"250306-O-AB123-1001-GB"_s} << 0
                                    << u"GB"_s << u"250306-O-AB123-1002-GB"_s;
    QTest::newRow("placeholder VISION ID") << u"ZZ999"_s << day << u"D"_s << QStringList() << 0 << QString()
                                           << u"250306-D-ZZ999-1001"_s;
    QTest::newRow("bad VISION ID") << u"PM19"_s << day << u"D"_s << QStringList() << 0 << QString() << QString();
    QTest::newRow("unknown service") << u"PM193"_s << day << u"Q"_s << QStringList() << 0 << QString() << QString();
    QTest::newRow("no date") << u"PM193"_s << QDate() << u"D"_s << QStringList() << 0 << QString() << QString();
    QTest::newRow("scene out of range") << u"PM193"_s << day << u"D"_s << QStringList() << 10 << QString()
                                        << QString();
}

void TestVirin::suggestNext()
{
    QFETCH(QString, visionId);
    QFETCH(QDate, date);
    QFETCH(QString, service);
    QFETCH(QStringList, existing);
    QFETCH(int, scene);
    QFETCH(QString, country);
    QFETCH(QString, expected);
    const std::optional<QString> suggestion = suggestNextVirin(visionId, date, service.at(0), existing, scene, country);
    QCOMPARE(suggestion.value_or(QString()), expected);
    if (suggestion) {
        QVERIFY(!existing.contains(*suggestion));
        QVERIFY(Virin::parse(*suggestion).isUsable());
    }
}

void TestVirin::suggestNextFromTheLibrary()
{
    TestLibraries libraries;
    Library library;
    QVERIFY2(libraries.open(library, u"Eve Editor"_s, PersonRole::Editor), qPrintable(libraries.errorString()));
    PhotoRepository photos(&library);
    QVERIFY(addPhoto(photos, u"250306-D-PM193-1268K"_s, u"a"_s));
    QVERIFY(addPhoto(photos, u"250306-D-PM193-1416K"_s, u"b"_s));
    QVERIFY(addPhoto(photos, u"250306-F-UO417-1153K"_s, u"c"_s));
    const QStringList found = virinsInLibrary(&library, u"250306-D-PM193-"_s);
    QCOMPARE(found, (QStringList{u"250306-D-PM193-1268K"_s, u"250306-D-PM193-1416K"_s}));
    QCOMPARE(virinsInLibrary(&library, u"250306-D-PM193-1%"_s), QStringList());
    QCOMPARE(suggestNextVirin(u"PM193"_s, QDate(2025, 3, 6), u'D', found).value_or(QString()),
             u"250306-D-PM193-1417"_s);
    QCOMPARE(virinsInLibrary(nullptr, u"2503"_s), QStringList());
}

QTEST_GUILESS_MAIN(TestVirin)
#include "tst_virin.moc"
