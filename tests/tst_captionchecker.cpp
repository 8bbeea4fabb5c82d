// SPDX-License-Identifier: MIT
#include "captionchecker.h"
#include "photo.h"
#include "virin.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;

namespace {

const QString credit = u" (U.S. Navy photo by Mass Communication Specialist 1st Class Reymundo A. Villegas III)"_s;
const QString goodAlt = u"Sailors carry boxes up a ramp onto a gray ship."_s;
const QDate norfolkDay(2020, 8, 11);
const QDate pentagonDay(2025, 3, 6);

// A caption that breaks rules, and what the checker must say about it.
struct BadCaption
{
    const char *name;
    QString caption;
    QString altText;
    QDate dateShot;
    QStringList rules;   // every rule that fires, in order
    QString rule;        // the one whose words are checked
    CaptionFinding::Field field;
    QString words;       // the text at the finding's offset and length
    QString photoCredit; // the separate credit field
    bool decorative = false;
};

QList<BadCaption> badCaptionRows()
{
    using Field = CaptionFinding::Field;
    const QString place = u"Sailors load supplies aboard USS Gerald R. Ford at Naval Station Norfolk, Va., "_s;
    const QString pentagon = u"Defense Secretary Pete Hegseth walks with British Defense Secretary John Healey at the "
                             "Pentagon"_s;
    const QString pentagonCredit = u" (DoD photo by Navy Petty Officer 1st Class Alexander Kubitza)"_s;
    return {
        {"caption-missing: empty", QString(), goodAlt, norfolkDay, {u"caption-missing"_s}, u"caption-missing"_s,
         Field::Caption, QString()},
        {"date-missing", u"Sailors load supplies at Naval Station Norfolk, Va."_s + credit, goodAlt, norfolkDay,
         {u"date-missing"_s}, u"date-missing"_s, Field::Caption, QString()},
        {"date-style: Mar. for March", pentagon + u", Mar. 6, 2025."_s + pentagonCredit, goodAlt, pentagonDay,
         {u"date-style"_s}, u"date-style"_s, Field::Caption, u"Mar. 6, 2025"_s},
        {"date-style: August spelled out", place + u"August 11, 2020."_s + credit, goodAlt, norfolkDay,
         {u"date-style"_s}, u"date-style"_s, Field::Caption, u"August 11, 2020"_s},
        {"date-style: Sep. for Sept.", place + u"Sep. 11, 2020."_s + credit, goodAlt, QDate(2020, 9, 11),
         {u"date-style"_s}, u"date-style"_s, Field::Caption, u"Sep. 11, 2020"_s},
        {"date-style: Sept without period", place + u"Sept 11, 2020."_s + credit, goodAlt, QDate(2020, 9, 11),
         {u"date-style"_s}, u"date-style"_s, Field::Caption, u"Sept 11, 2020"_s},
        {"date-style: Jan without period", place + u"Jan 11, 2020."_s + credit, goodAlt, QDate(2020, 1, 11),
         {u"date-style"_s}, u"date-style"_s, Field::Caption, u"Jan 11, 2020"_s},
        {"date-style: military day-first", pentagon + u", 6 March 2025."_s + pentagonCredit, goodAlt, pentagonDay,
         {u"date-style"_s}, u"date-style"_s, Field::Caption, u"6 March 2025"_s},
        {"date-style: ordinal", pentagon + u", March 6th, 2025."_s + pentagonCredit, goodAlt, pentagonDay,
         {u"date-style"_s}, u"date-style"_s, Field::Caption, u"March 6th, 2025"_s},
        {"date-style: no comma before year", pentagon + u", March 6 2025."_s + pentagonCredit, goodAlt, pentagonDay,
         {u"date-style"_s}, u"date-style"_s, Field::Caption, u"March 6 2025"_s},
        {"date-no-year", pentagon + u", March 6."_s + pentagonCredit, goodAlt, pentagonDay, {u"date-no-year"_s},
         u"date-no-year"_s, Field::Caption, u"March 6"_s},
        {"date-mismatch", pentagon + u", March 7, 2025."_s + pentagonCredit, goodAlt, pentagonDay,
         {u"date-mismatch"_s}, u"date-mismatch"_s, Field::Caption, u"March 7, 2025"_s},
        {"date-on", pentagon + u" on March 6, 2025."_s + pentagonCredit, goodAlt, pentagonDay, {u"date-on"_s},
         u"date-on"_s, Field::Caption, u"on"_s},
        {"day-of-week", pentagon + u", Thursday, March 6, 2025."_s + pentagonCredit, goodAlt, pentagonDay,
         {u"day-of-week"_s}, u"day-of-week"_s, Field::Caption, u"Thursday"_s},
        {"location-missing", u"Defense Secretary Pete Hegseth walks with John Healey, March 6, 2025."_s
                                 + pentagonCredit,
         goodAlt, pentagonDay, {u"location-missing"_s}, u"location-missing"_s, Field::Caption, QString()},
        {"location-missing: sworn in is no place",
         u"Deputy Defense Secretary Patrick M. Shanahan swears in Robert Wilkie, Dec. 20, 2017."_s + pentagonCredit,
         goodAlt, QDate(2017, 12, 20), {u"location-missing"_s}, u"location-missing"_s, Field::Caption, QString()},
        {"location-missing: a hometown is no place",
         u"Lt. j.g. Alex Goldberg, from Waterford, New York, stands watch, June 10, 2023."_s + credit, goodAlt,
         QDate(2023, 6, 10), {u"location-missing"_s}, u"location-missing"_s, Field::Caption, QString()},
        {"location-missing: in the Department is no place",
         u"Soldiers compete in the Department of the Army Best Warrior Competition, July 22, 2021."_s + credit,
         goodAlt, QDate(2021, 7, 22), {u"location-missing"_s}, u"location-missing"_s, Field::Caption, QString()},
        {"location-vague: here", u"Sailors load supplies here, Aug. 11, 2020."_s + credit, goodAlt, norfolkDay,
         {u"location-vague"_s, u"location-missing"_s}, u"location-vague"_s, Field::Caption, u"here"_s},
        {"location-vague: at sea", u"Sailors load supplies at sea, Aug. 11, 2020."_s + credit, goodAlt, norfolkDay,
         {u"location-vague"_s, u"location-missing"_s}, u"location-vague"_s, Field::Caption, u"at sea"_s},
        {"location-vague: here besides a place", place + u"Aug. 11, 2020, the first visit here."_s + credit, goodAlt,
         norfolkDay, {u"location-vague"_s}, u"location-vague"_s, Field::Caption, u"here"_s},
        {"credit-missing", place + u"Aug. 11, 2020."_s, goodAlt, norfolkDay, {u"credit-missing"_s},
         u"credit-missing"_s, Field::Caption, QString()},
        {"credit-form: image", place + u"Aug. 11, 2020. (U.S. Navy image by Seaman Jane Doe)"_s, goodAlt, norfolkDay,
         {u"credit-form"_s}, u"credit-form"_s, Field::Caption, u"(U.S. Navy image by Seaman Jane Doe)"_s},
        {"credit-form: courtesy", place + u"Aug. 11, 2020. (Courtesy photo)"_s, goodAlt, norfolkDay,
         {u"credit-form"_s}, u"credit-form"_s, Field::Caption, u"(Courtesy photo)"_s},
        {"credit-form: no organization", place + u"Aug. 11, 2020. (Photo by Jane Doe)"_s, goodAlt, norfolkDay,
         {u"credit-form"_s}, u"credit-form"_s, Field::Caption, u"(Photo by Jane Doe)"_s},
        {"credit-position", u"(U.S. Navy photo by Seaman Jane Doe) "_s + place + u"Aug. 11, 2020."_s, goodAlt,
         norfolkDay, {u"credit-position"_s}, u"credit-position"_s, Field::Caption,
         u"(U.S. Navy photo by Seaman Jane Doe)"_s},
        {"credit-disclosure", place + u"Aug. 11, 2020. (U.S. Navy photo illustration by Seaman Jane Doe)"_s, goodAlt,
         norfolkDay, {u"credit-disclosure"_s}, u"credit-disclosure"_s, Field::Caption,
         u"(U.S. Navy photo illustration by Seaman Jane Doe)"_s},
        {"acronym-unexplained", u"Healey chairs the UDCG meeting in Brussels, Feb. 13, 2025."_s + pentagonCredit,
         goodAlt, QDate(2025, 2, 13), {u"acronym-unexplained"_s}, u"acronym-unexplained"_s, Field::Caption,
         u"UDCG"_s},
        {"acronym-unexplained: rate in the credit", place + u"Aug. 11, 2020. (U.S. Navy photo by MC1 Jane Doe)"_s,
         goodAlt, norfolkDay, {u"acronym-unexplained"_s}, u"acronym-unexplained"_s, Field::Caption, u"MC1"_s},
        {"acronym-unexplained: plural", place + u"Aug. 11, 2020, with MRAPs."_s + credit, goodAlt, norfolkDay,
         {u"acronym-unexplained"_s}, u"acronym-unexplained"_s, Field::Caption, u"MRAP"_s},
        {"alt-missing", place + u"Aug. 11, 2020."_s + credit, QString(), norfolkDay, {u"alt-missing"_s},
         u"alt-missing"_s, Field::AltText, QString()},
        {"alt-decorative: text kept that is not published", place + u"Aug. 11, 2020."_s + credit,
         u"Sailors carry boxes."_s, norfolkDay, {u"alt-decorative"_s}, u"alt-decorative"_s, Field::AltText,
         u"Sailors carry boxes."_s, QString(), true},
        {"alt-same-as-caption", place + u"Aug. 11, 2020."_s + credit, place + u"Aug. 11, 2020."_s, norfolkDay,
         {u"alt-same-as-caption"_s}, u"alt-same-as-caption"_s, Field::AltText, place + u"Aug. 11, 2020."_s},
        {"alt-same-as-caption: first sentence copied", place + u"Aug. 11, 2020. The ship deploys soon."_s + credit,
         u"sailors load supplies aboard USS Gerald R. Ford"_s, norfolkDay, {u"alt-same-as-caption"_s},
         u"alt-same-as-caption"_s, Field::AltText, u"sailors load supplies aboard USS Gerald R. Ford"_s},
        {"alt-too-long", place + u"Aug. 11, 2020."_s + credit, QString(240, u'a') + u" and then some"_s, norfolkDay,
         {u"alt-too-long"_s}, u"alt-too-long"_s, Field::AltText, u"some"_s},
        {"alt-redundant-start", place + u"Aug. 11, 2020."_s + credit, u"Photo of sailors carrying boxes."_s,
         norfolkDay, {u"alt-redundant-start"_s}, u"alt-redundant-start"_s, Field::AltText, u"Photo of"_s},
    };
}

Photo photoWith(const QString &caption, const QString &altText, QDate dateShot, const QString &credit = {})
{
    Photo photo;
    photo.caption = caption;
    photo.altText = altText;
    photo.dateShot = dateShot;
    photo.credit = credit;
    return photo;
}

QStringList rulesOf(const QList<CaptionFinding> &findings)
{
    QStringList rules;
    for (const CaptionFinding &finding : findings)
        rules << finding.rule;
    return rules;
}

QString describe(const QList<CaptionFinding> &findings)
{
    QStringList lines;
    for (const CaptionFinding &finding : findings)
        lines << finding.rule + u": "_s + finding.message;
    return lines.join(u'\n');
}


// A caption as a DoD or service website published it, from
// tests/data/captions/real-captions.json (or the sample story).
struct RealCaption
{
    QString id;
    QString source;
    QString caption;
    QString creditInCaption; // the credit's exact words inside the caption
    QStringList places;      // every phrase of the caption that says where
    QString credit;          // a separate "Credit:" line
    QString virin;
    QDate dateShot;
    QString altText;
    bool altKnown = false;   // without the published alt text, the alt rules are not judged
    QMap<QString, QString> legitimate; // rule -> why the published caption deserves it
};

QList<RealCaption> loadRealCaptions()
{
    QList<RealCaption> captions;
    QFile file(QStringLiteral(NEWSDESK_SOURCE_DIR "/tests/data/captions/real-captions.json"));
    if (!file.open(QIODevice::ReadOnly))
        return captions;
    const QJsonArray array = QJsonDocument::fromJson(file.readAll()).object().value(u"captions"_s).toArray();
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        RealCaption real;
        real.id = object.value(u"id"_s).toString();
        real.source = object.value(u"source"_s).toString();
        real.caption = object.value(u"caption"_s).toString();
        real.creditInCaption = object.value(u"credit_in_caption"_s).toString();
        for (const QJsonValue &place : object.value(u"places"_s).toArray())
            real.places << place.toString();
        real.credit = object.value(u"credit"_s).toString();
        real.virin = object.value(u"virin"_s).toString();
        real.dateShot = QDate::fromString(object.value(u"date_shot"_s).toString(), Qt::ISODate);
        real.altKnown = object.value(u"alt"_s).isString();
        real.altText = object.value(u"alt"_s).toString();
        for (const QJsonValue &legitimate : object.value(u"legitimate"_s).toArray())
            real.legitimate.insert(legitimate[u"rule"_s].toString(), legitimate[u"reason"_s].toString());
        captions << real;
    }
    // The sample story's three photos, as defense.gov published them: the
    // credit in a separate line, the place said by the caption alone.
    QFile sample(QStringLiteral(NEWSDESK_SOURCE_DIR "/resources/samples/hegseth-healey/story.json"));
    if (!sample.open(QIODevice::ReadOnly))
        return {};
    for (const QJsonValue &value : QJsonDocument::fromJson(sample.readAll()).object().value(u"photos"_s).toArray()) {
        const QJsonObject object = value.toObject();
        RealCaption real;
        real.virin = object.value(u"virin"_s).toString();
        real.id = u"sample-"_s + real.virin;
        real.source = u"resources/samples/hegseth-healey (defense.gov, March 6, 2025)"_s;
        real.caption = object.value(u"caption"_s).toString();
        real.credit = object.value(u"credit"_s).toString();
        real.places = {u" at the Pentagon"_s};
        real.dateShot = QDate::fromString(object.value(u"date_shot"_s).toString(), Qt::ISODate);
        real.altKnown = true;
        real.altText = object.value(u"alt"_s).toString();
        captions << real;
    }
    return captions;
}

const QList<RealCaption> &realCaptions()
{
    static const QList<RealCaption> captions = loadRealCaptions();
    return captions;
}

Photo photoOf(const RealCaption &real)
{
    Photo photo;
    photo.caption = real.caption;
    photo.altText = real.altText;
    photo.credit = real.credit;
    photo.virin = real.virin;
    photo.dateShot = real.dateShot;
    return photo;
}

// What `newsdesk check` says of a photo's caption: the caption checker's
// findings and the VIRIN's cross-checks (against the date shot and the
// caption's date), as warnings "virin-mismatch".
QList<CaptionFinding> captionFindings(const Photo &photo)
{
    QList<CaptionFinding> findings = CaptionChecker::check(photo);
    if (Virin::parse(photo.virin).isUsable()) {
        for (const QString &message : VirinChecks::forPhoto(photo))
            findings << CaptionFinding{u"virin-mismatch"_s, CaptionFinding::Severity::Warning, message,
                                       CaptionFinding::Field::Virin};
    }
    return findings;
}

// What the checker says about a caption as published that a photo editor
// would not accept: every finding but the recorded real mistakes (and the alt
// rules when the page's alt text is not known).
QList<CaptionFinding> falseFindings(const RealCaption &real, const QList<CaptionFinding> &findings)
{
    QList<CaptionFinding> wrong;
    for (const CaptionFinding &finding : findings) {
        if (!real.altKnown && finding.field == CaptionFinding::Field::AltText)
            continue;
        if (!real.legitimate.contains(finding.rule))
            wrong << finding;
    }
    return wrong;
}

// A defect planted in a copy of a real caption: the rule that must find it.
struct PlantedDefect
{
    const char *name;
    QString rule;
    // The damaged photo, or nullopt when the defect does not apply.
    std::function<std::optional<Photo>(const RealCaption &, qsizetype index)> plant;
};

QString withoutCredit(const RealCaption &real)
{
    if (real.creditInCaption.isEmpty())
        return real.caption;
    QString caption = real.caption;
    caption.remove(real.creditInCaption);
    return caption.trimmed();
}

// The date shot as the caption writes it ("Oct. 04, 2021", "October 13,
// 2023", "Sep. 5, 2023"): month word, then the day, maybe zero-padded.
QRegularExpression dateShotWritten(QDate date)
{
    static const QStringList months = {u"January"_s, u"February"_s, u"March"_s, u"April"_s, u"May"_s,
                                       u"June"_s, u"July"_s, u"August"_s, u"September"_s, u"October"_s,
                                       u"November"_s, u"December"_s};
    const QString month = months.at(date.month() - 1);
    return QRegularExpression(u"\\b(%1|%2\\.?|Sept\\.?)( 0?)%3\\b"_s.arg(month, month.left(3)).arg(date.day()));
}

const QList<PlantedDefect> &plantedDefects()
{
    static const QList<PlantedDefect> defects = {
        {"date off the VIRIN's", u"date-mismatch"_s,
         [](const RealCaption &real, qsizetype) -> std::optional<Photo> {
             if (!real.dateShot.isValid())
                 return std::nullopt;
             const QRegularExpression written = dateShotWritten(real.dateShot);
             if (!written.match(real.caption).hasMatch())
                 return std::nullopt;
             // The day before or after, in the same month: every mention moves.
             const int otherDay = real.dateShot.day() == 1 ? 2 : real.dateShot.day() - 1;
             Photo photo = photoOf(real);
             photo.caption.replace(written, u"\\1\\2"_s + QString::number(otherDay));
             return photo;
         }},
        {"credit missing", u"credit-missing"_s,
         [](const RealCaption &real, qsizetype) -> std::optional<Photo> {
             Photo photo = photoOf(real);
             photo.caption = withoutCredit(real);
             photo.credit.clear();
             return photo;
         }},
        {"alt text missing", u"alt-missing"_s,
         [](const RealCaption &real, qsizetype) -> std::optional<Photo> {
             Photo photo = photoOf(real);
             photo.altText.clear();
             return photo;
         }},
        {"alt text is the caption", u"alt-same-as-caption"_s,
         [](const RealCaption &real, qsizetype) -> std::optional<Photo> {
             Photo photo = photoOf(real);
             photo.altText = real.caption;
             return photo;
         }},
        {"alt text is the caption without its credit", u"alt-same-as-caption"_s,
         [](const RealCaption &real, qsizetype) -> std::optional<Photo> {
             if (real.creditInCaption.isEmpty())
                 return std::nullopt;
             Photo photo = photoOf(real);
             photo.altText = withoutCredit(real);
             return photo;
         }},
        {"acronym never spelled out", u"acronym-unexplained"_s,
         [](const RealCaption &real, qsizetype index) -> std::optional<Photo> {
             // Acronyms none of the captions spells out, one per caption in turn.
             static const QStringList acronyms = {u"JLTV"_s, u"HADR"_s, u"LCAC"_s, u"ISR"_s, u"EOD"_s};
             Photo photo = photoOf(real);
             const QString sentence = u" The team also tested the %1 there."_s.arg(acronyms.at(index % acronyms.size()));
             photo.caption = withoutCredit(real) + sentence
                 + (real.creditInCaption.isEmpty() ? QString() : u' ' + real.creditInCaption);
             return photo;
         }},
        {"no place", u"location-missing"_s,
         [](const RealCaption &real, qsizetype) -> std::optional<Photo> {
             if (real.places.isEmpty())
                 return std::nullopt;
             Photo photo = photoOf(real);
             for (const QString &place : real.places)
                 photo.caption.remove(place);
             return photo;
         }},
    };
    return defects;
}

} // namespace

class TestCaptionChecker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sampleCaptionsAreClean_data();
    void sampleCaptionsAreClean();
    void goodCaptionsAreClean_data();
    void goodCaptionsAreClean();
    void badCaptions_data();
    void badCaptions();
    void everyRuleHasABadCaption();
    void decorativePhotoNeedsNoAltText();
    void severities();
    void findDates_data();
    void findDates();
    void apDates();
    void creditLines_data();
    void creditLines();
    void creditLineIsBuiltInTheAcceptedForm();
    void realCaptionsPass_data();
    void realCaptionsPass();
    void plantedDefectsAreFound_data();
    void plantedDefectsAreFound();
    void realCaptionRates();
};

// The story's three photos as defense.gov published them: caption, alt text,
// and the credit in a separate line. Read from story.json, not retyped.
void TestCaptionChecker::sampleCaptionsAreClean_data()
{
    QTest::addColumn<Photo>("photo");
    QFile file(QStringLiteral(NEWSDESK_SOURCE_DIR "/resources/samples/hegseth-healey/story.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonArray photos = QJsonDocument::fromJson(file.readAll()).object().value(u"photos"_s).toArray();
    QCOMPARE(photos.size(), 3);
    for (const QJsonValue &value : photos) {
        const QJsonObject object = value.toObject();
        Photo photo = photoWith(object.value(u"caption"_s).toString(), object.value(u"alt"_s).toString(),
                                QDate::fromString(object.value(u"date_shot"_s).toString(), Qt::ISODate),
                                object.value(u"credit"_s).toString());
        photo.city = object.value(u"city"_s).toString();
        photo.sublocation = object.value(u"sublocation"_s).toString();
        const QByteArray name = object.value(u"virin"_s).toString().toUtf8();
        QTest::newRow(QByteArray(name + " as published, credit separate").constData()) << photo;
        // As embedded in the JPEG: the credit line ends the caption and there
        // is no separate credit.
        Photo embedded = photo;
        embedded.caption += u" (DoD photo by "_s + photo.credit.section(u", "_s, 0, 0) + u')';
        embedded.credit.clear();
        QTest::newRow(QByteArray(name + " as embedded, credit line in caption").constData()) << embedded;
        // Without the place fields the caption still names its place.
        Photo bare = photo;
        bare.city.clear();
        bare.sublocation.clear();
        QTest::newRow(QByteArray(name + " without place fields").constData()) << bare;
    }
}

void TestCaptionChecker::sampleCaptionsAreClean()
{
    QFETCH(Photo, photo);
    const QList<CaptionFinding> findings = CaptionChecker::check(photo);
    QVERIFY2(findings.isEmpty(), qPrintable(describe(findings)));
}

// Things that look like mistakes and are not.
void TestCaptionChecker::goodCaptionsAreClean_data()
{
    QTest::addColumn<QString>("caption");
    QTest::addColumn<QString>("altText");
    QTest::addColumn<QDate>("dateShot");

    QTest::newRow("DOMAIN.md credit, roman numeral in name")
        << u"Sailors load supplies aboard USS Gerald R. Ford (CVN 78) at Naval Station Norfolk, Va., Aug. 11, 2020."_s
               + credit
        << goodAlt << norfolkDay;
    QTest::newRow("acronym spelled out first")
        << u"Healey chairs the Ukraine Defense Contact Group (UDCG) in Brussels, Feb. 13, 2025. The UDCG meets "
           "monthly."_s
               + credit
        << goodAlt << QDate(2025, 2, 13);
    QTest::newRow("known acronyms") << u"NATO and DOD leaders meet in Brussels, Feb. 13, 2025, for a Q&A."_s + credit
                                    << goodAlt << QDate(2025, 2, 13);
    QTest::newRow("photo illustration with disclosure")
        << u"An F-35A Lightning II flies over Hill Air Force Base, Utah, Jan. 7, 2025. (U.S. Air Force photo "
           "illustration by Senior Airman Jane Doe) (This image was made from two photos.)"_s
        << u"A gray jet flies over snowy mountains."_s << QDate(2025, 1, 7);
    QTest::newRow("every spelled-out month") << u"Marines train in Kuwait, May 5, 2025."_s + credit << goodAlt
                                             << QDate(2025, 5, 5);
    QTest::newRow("later background date") << u"Soldiers train in Grafenwoehr, Germany, June 2, 2025. The exercise "
                                              "began Feb. 24, 2025."_s
                                                  + credit
                                           << goodAlt << QDate(2025, 6, 2);
    QTest::newRow("equipment designations are no acronyms")
        << u"Soldiers maneuver an M2A3 Bradley Fighting Vehicle as a KC-135 Stratotanker and an MQ-9 Reaper fly "
           "over Bemowo Piskie Training Area, Poland, Jan. 31, 2026."_s
               + credit
        << goodAlt << QDate(2026, 1, 31);
    QTest::newRow("alt text of 250 characters") << u"Marines train in Kuwait, July 4, 2025."_s + credit
                                                << QString(250, u'a') << QDate(2025, 7, 4);
}

void TestCaptionChecker::goodCaptionsAreClean()
{
    QFETCH(QString, caption);
    QFETCH(QString, altText);
    QFETCH(QDate, dateShot);
    const QList<CaptionFinding> findings = CaptionChecker::check(photoWith(caption, altText, dateShot));
    QVERIFY2(findings.isEmpty(), qPrintable(describe(findings)));
}

void TestCaptionChecker::badCaptions_data()
{
    QTest::addColumn<QString>("caption");
    QTest::addColumn<QString>("altText");
    QTest::addColumn<QDate>("dateShot");
    QTest::addColumn<QStringList>("rules");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<int>("field");
    QTest::addColumn<QString>("words");
    QTest::addColumn<bool>("decorative");
    for (const BadCaption &bad : badCaptionRows())
        QTest::newRow(bad.name) << bad.caption << bad.altText << bad.dateShot << bad.rules << bad.rule
                                << int(bad.field) << bad.words << bad.decorative;
}

void TestCaptionChecker::badCaptions()
{
    QFETCH(QString, caption);
    QFETCH(QString, altText);
    QFETCH(QDate, dateShot);
    QFETCH(QStringList, rules);
    QFETCH(QString, rule);
    QFETCH(int, field);
    QFETCH(QString, words);
    QFETCH(bool, decorative);
    Photo photo = photoWith(caption, altText, dateShot);
    photo.decorative = decorative;
    const QList<CaptionFinding> findings = CaptionChecker::check(photo);
    QVERIFY2(rulesOf(findings) == rules, qPrintable(describe(findings)));
    const auto finding = std::find_if(findings.begin(), findings.end(),
                                      [&](const CaptionFinding &f) { return f.rule == rule; });
    QVERIFY(finding != findings.end());
    QCOMPARE(int(finding->field), field);
    QVERIFY(!finding->message.isEmpty());
    const QString &text = finding->field == CaptionFinding::Field::AltText ? altText : caption;
    QVERIFY(finding->offset >= 0 && finding->offset + finding->length <= text.size());
    QCOMPARE(text.mid(finding->offset, finding->length), words);
}

// A decorative photo is published with alt="" on purpose: no alt text is
// no finding (the same photo not marked decorative is alt-missing, above).
void TestCaptionChecker::decorativePhotoNeedsNoAltText()
{
    Photo photo = photoWith(u"NORFOLK, Va. (Aug. 11, 2020) Sailors load supplies."_s
                                + u" (U.S. Navy photo by Mass Communication Specialist 2nd Class Jane Doe)"_s,
                            QString(), QDate(2020, 8, 11));
    QVERIFY(rulesOf(CaptionChecker::check(photo)).contains(u"alt-missing"_s));
    QVERIFY(altTextMissing(photo));
    photo.decorative = true;
    QVERIFY2(CaptionChecker::check(photo).isEmpty(), qPrintable(describe(CaptionChecker::check(photo))));
    QVERIFY(!altTextMissing(photo));
    // Blank alt text is none.
    photo.decorative = false;
    photo.altText = u"  "_s;
    QVERIFY(altTextMissing(photo));
}

void TestCaptionChecker::everyRuleHasABadCaption()
{
    QSet<QString> covered;
    for (const BadCaption &bad : badCaptionRows())
        covered.insert(bad.rule);
    for (const QString &rule : CaptionChecker::ruleIds())
        QVERIFY2(covered.contains(rule), qPrintable(rule));
    QCOMPARE(covered.size(), CaptionChecker::ruleIds().size());
}

void TestCaptionChecker::severities()
{
    // Written rules are errors; heuristics are warnings an editor may overrule.
    const QList<CaptionFinding> findings = CaptionChecker::check(
        photoWith(u"Healey chairs the UDCG here on Thursday, March 7, 2025"_s, QString(), pentagonDay));
    QHash<QString, CaptionFinding::Severity> severity;
    for (const CaptionFinding &finding : findings)
        severity.insert(finding.rule, finding.severity);
    QCOMPARE(severity.value(u"acronym-unexplained"_s), CaptionFinding::Severity::Warning);
    QCOMPARE(severity.value(u"location-missing"_s), CaptionFinding::Severity::Warning);
    QCOMPARE(severity.value(u"location-vague"_s), CaptionFinding::Severity::Error);
    QCOMPARE(severity.value(u"day-of-week"_s), CaptionFinding::Severity::Error);
    QCOMPARE(severity.value(u"date-mismatch"_s), CaptionFinding::Severity::Error);
    QCOMPARE(severity.value(u"credit-missing"_s), CaptionFinding::Severity::Error);
    QCOMPARE(severity.value(u"alt-missing"_s), CaptionFinding::Severity::Error);
    QCOMPARE(findings.size(), 7);
}

void TestCaptionChecker::findDates_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("written");
    QTest::addColumn<QDate>("date");
    QTest::addColumn<bool>("apStyle");

    QTest::newRow("AP March") << u"at the Pentagon, March 6, 2025."_s << u"March 6, 2025"_s << QDate(2025, 3, 6)
                              << true;
    QTest::newRow("AP Aug.") << u"in Norfolk, Aug. 11, 2020."_s << u"Aug. 11, 2020"_s << QDate(2020, 8, 11) << true;
    QTest::newRow("AP Sept.") << u"Sept. 30, 2024"_s << u"Sept. 30, 2024"_s << QDate(2024, 9, 30) << true;
    QTest::newRow("no year") << u"on Dec. 7 they met"_s << u"Dec. 7"_s << QDate() << true;
    QTest::newRow("Feb. 31 is not a date") << u"Feb. 31, 2025"_s << u"Feb. 31, 2025"_s << QDate() << true;
    QTest::newRow("September spelled out") << u"September 30, 2024"_s << u"September 30, 2024"_s
                                           << QDate(2024, 9, 30) << false;
    QTest::newRow("Mar. abbreviated") << u"Mar. 6, 2025"_s << u"Mar. 6, 2025"_s << QDate(2025, 3, 6) << false;
    QTest::newRow("day first") << u"on 6 March 2025."_s << u"6 March 2025"_s << QDate(2025, 3, 6) << false;
    QTest::newRow("ordinal") << u"March 6th"_s << u"March 6th"_s << QDate() << false;
}

void TestCaptionChecker::findDates()
{
    QFETCH(QString, text);
    QFETCH(QString, written);
    QFETCH(QDate, date);
    QFETCH(bool, apStyle);
    const QList<CaptionDate> dates = CaptionChecker::findDates(text);
    QCOMPARE(dates.size(), 1);
    QCOMPARE(text.mid(dates.first().offset, dates.first().length), written);
    QCOMPARE(dates.first().date, date);
    QCOMPARE(dates.first().isApStyle(), apStyle);
}

void TestCaptionChecker::apDates()
{
    const QStringList expected = {u"Jan. 1, 2025"_s, u"Feb. 1, 2025"_s, u"March 1, 2025"_s, u"April 1, 2025"_s,
                                  u"May 1, 2025"_s,  u"June 1, 2025"_s, u"July 1, 2025"_s,  u"Aug. 1, 2025"_s,
                                  u"Sept. 1, 2025"_s, u"Oct. 1, 2025"_s, u"Nov. 1, 2025"_s, u"Dec. 1, 2025"_s};
    for (int month = 1; month <= 12; ++month) {
        const QString written = CaptionChecker::apDate(QDate(2025, month, 1));
        QCOMPARE(written, expected.at(month - 1));
        // What apDate writes, findDates reads back as AP style.
        const QList<CaptionDate> dates = CaptionChecker::findDates(written);
        QCOMPARE(dates.size(), 1);
        QVERIFY(dates.first().isApStyle());
        QCOMPARE(dates.first().date, QDate(2025, month, 1));
    }
    QCOMPARE(CaptionChecker::apDate(QDate()), QString());
}

void TestCaptionChecker::creditLines_data()
{
    QTest::addColumn<QString>("caption");
    QTest::addColumn<bool>("found");
    QTest::addColumn<bool>("wellFormed");
    QTest::addColumn<QString>("organization");
    QTest::addColumn<QString>("photographer");
    QTest::addColumn<QString>("withoutCredit");

    QTest::newRow("sample embedded caption")
        << u"Hegseth walks at the Pentagon, March 6, 2025. (DoD photo by Navy Petty Officer 1st Class Alexander "
           "Kubitza)"_s
        << true << true << u"DoD"_s << u"Navy Petty Officer 1st Class Alexander Kubitza"_s
        << u"Hegseth walks at the Pentagon, March 6, 2025."_s;
    QTest::newRow("U.S. Navy credit") << u"Sailors train."_s + credit << true << true << u"U.S. Navy"_s
                                      << u"Mass Communication Specialist 1st Class Reymundo A. Villegas III"_s
                                      << u"Sailors train."_s;
    QTest::newRow("illustration with disclosure")
        << u"A jet flies. (U.S. Air Force photo illustration by Senior Airman Jane Doe) (Two photos combined.)"_s
        << true << true << u"U.S. Air Force"_s << u"Senior Airman Jane Doe"_s << u"A jet flies."_s;
    QTest::newRow("courtesy photo") << u"A jet flies. (Courtesy photo)"_s << true << false << QString() << QString()
                                    << u"A jet flies."_s;
    QTest::newRow("hull number is no credit") << u"Sailors man the rails of USS Ford (CVN 78)"_s << false << false
                                              << QString() << QString()
                                              << u"Sailors man the rails of USS Ford (CVN 78)"_s;
    QTest::newRow("no parenthesis") << u"Sailors train."_s << false << false << QString() << QString()
                                    << u"Sailors train."_s;
}

void TestCaptionChecker::creditLines()
{
    QFETCH(QString, caption);
    QFETCH(bool, found);
    QFETCH(bool, wellFormed);
    QFETCH(QString, organization);
    QFETCH(QString, photographer);
    QFETCH(QString, withoutCredit);
    const std::optional<CaptionCreditLine> line = CaptionChecker::findCreditLine(caption);
    QCOMPARE(line.has_value(), found);
    if (line) {
        QCOMPARE(line->wellFormed, wellFormed);
        QCOMPARE(line->organization, organization);
        QCOMPARE(line->photographer, photographer);
    }
    QCOMPARE(CaptionChecker::withoutCreditLine(caption), withoutCredit);
}

void TestCaptionChecker::creditLineIsBuiltInTheAcceptedForm()
{
    const QString line = CaptionChecker::creditLine(u"U.S. Navy"_s, u"Seaman Jane Doe"_s);
    QCOMPARE(line, u"(U.S. Navy photo by Seaman Jane Doe)"_s);
    const std::optional<CaptionCreditLine> read = CaptionChecker::findCreditLine(u"Sailors train. "_s + line);
    QVERIFY(read && read->wellFormed && !read->illustration);
    QCOMPARE(CaptionChecker::creditLine(u"DoD"_s, u"Jane Doe"_s, true), u"(DoD photo illustration by Jane Doe)"_s);
}

// Real published captions (tests/data/captions/real-captions.json): the
// checker says nothing a photo editor would dismiss, and says every real
// mistake recorded with its reason.
void TestCaptionChecker::realCaptionsPass_data()
{
    QTest::addColumn<int>("index");
    QVERIFY2(realCaptions().size() >= 40, "the real captions did not load");
    for (qsizetype i = 0; i < realCaptions().size(); ++i)
        QTest::newRow(qPrintable(realCaptions().at(i).id)) << int(i);
}

void TestCaptionChecker::realCaptionsPass()
{
    QFETCH(int, index);
    const RealCaption &real = realCaptions().at(index);
    const QList<CaptionFinding> findings = captionFindings(photoOf(real));
    const QList<CaptionFinding> wrong = falseFindings(real, findings);
    QVERIFY2(wrong.isEmpty(), qPrintable(real.source + u'\n' + describe(wrong)));
    const QStringList rules = rulesOf(findings);
    for (auto it = real.legitimate.cbegin(); it != real.legitimate.cend(); ++it)
        QVERIFY2(rules.contains(it.key()), qPrintable(u"the real mistake is not found: "_s + it.key() + u": "_s + it.value()));
}

void TestCaptionChecker::plantedDefectsAreFound_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("defect");
    for (qsizetype i = 0; i < realCaptions().size(); ++i) {
        for (qsizetype d = 0; d < plantedDefects().size(); ++d) {
            if (plantedDefects().at(d).plant(realCaptions().at(i), i))
                QTest::newRow(qPrintable(realCaptions().at(i).id + u": "_s
                                         + QString::fromLatin1(plantedDefects().at(d).name)))
                    << int(i) << int(d);
        }
    }
}

void TestCaptionChecker::plantedDefectsAreFound()
{
    QFETCH(int, index);
    QFETCH(int, defect);
    const PlantedDefect &planted = plantedDefects().at(defect);
    const Photo photo = *planted.plant(realCaptions().at(index), index);
    const QList<CaptionFinding> findings = CaptionChecker::check(photo);
    QVERIFY2(rulesOf(findings).contains(planted.rule),
             qPrintable(photo.caption + u"\nalt: "_s + photo.altText + u"\nfound: "_s + describe(findings)));
    // A date moved off the VIRIN's is the VIRIN check's business as well.
    if (planted.rule == u"date-mismatch"_s && !photo.virin.isEmpty())
        QVERIFY(!VirinChecks::againstCaption(Virin::parse(photo.virin), photo.caption).isEmpty());
}

// Both rates in the test output: real captions with a finding a photo editor
// would dismiss (target 0), and planted defects found (target 100 %).
void TestCaptionChecker::realCaptionRates()
{
    const QList<RealCaption> &captions = realCaptions();
    QVERIFY(captions.size() >= 40);
    int withFalseError = 0;
    int withFalseWarning = 0;
    int withRealMistake = 0;
    QMap<QString, int> falseByRule;
    for (const RealCaption &real : captions) {
        const QList<CaptionFinding> wrong = falseFindings(real, captionFindings(photoOf(real)));
        bool error = false;
        bool warning = false;
        for (const CaptionFinding &finding : wrong) {
            (finding.severity == CaptionFinding::Severity::Error ? error : warning) = true;
            ++falseByRule[finding.rule];
        }
        withFalseError += error;
        withFalseWarning += warning;
        withRealMistake += !real.legitimate.isEmpty();
    }
    int planted = 0;
    int found = 0;
    QMap<QString, int> missedByDefect;
    for (qsizetype i = 0; i < captions.size(); ++i) {
        for (const PlantedDefect &defect : plantedDefects()) {
            const std::optional<Photo> photo = defect.plant(captions.at(i), i);
            if (!photo)
                continue;
            ++planted;
            if (rulesOf(CaptionChecker::check(*photo)).contains(defect.rule))
                ++found;
            else
                ++missedByDefect[QString::fromLatin1(defect.name)];
        }
    }
    const auto percent = [](int part, qsizetype whole) { return QString::number(100.0 * part / whole, 'f', 1); };
    qInfo().noquote() << u"Real captions: %1 (%2 with a recorded real mistake)"_s.arg(captions.size()).arg(withRealMistake);
    qInfo().noquote() << u"  with a false error:   %1 (%2 %)"_s.arg(withFalseError).arg(percent(withFalseError, captions.size()));
    qInfo().noquote() << u"  with a false warning: %1 (%2 %)"_s.arg(withFalseWarning).arg(percent(withFalseWarning, captions.size()));
    for (auto it = falseByRule.cbegin(); it != falseByRule.cend(); ++it)
        qInfo().noquote() << u"    false %1: %2"_s.arg(it.key()).arg(it.value());
    qInfo().noquote() << u"Planted defects found: %1 of %2 (%3 %)"_s.arg(found).arg(planted).arg(percent(found, planted));
    for (auto it = missedByDefect.cbegin(); it != missedByDefect.cend(); ++it)
        qInfo().noquote() << u"    missed %1: %2"_s.arg(it.key()).arg(it.value());
    QCOMPARE(withFalseError + withFalseWarning, 0);
    QCOMPARE(found, planted);
}

QTEST_GUILESS_MAIN(TestCaptionChecker)
#include "tst_captionchecker.moc"
