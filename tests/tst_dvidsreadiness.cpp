// SPDX-License-Identifier: MIT
#include "captionchecker.h"
#include "dvidsreadiness.h"
#include "library.h"
#include "librarysetup.h"
#include "people.h"
#include "photo.h"
#include "photorepository.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;

namespace {

// A photo DVIDS would take: every required field filled, a JPEG.
Photo readyPhoto()
{
    Photo photo;
    photo.imageHash = u"0123abcd"_s;
    photo.imageMimeType = u"image/jpeg"_s;
    photo.virin = u"250306-D-PM193-1268"_s;
    photo.title = u"Hegseth and Healey"_s;
    photo.caption = u"Defense Secretary Pete Hegseth walks with British Defense Secretary John Healey at the "
                    "Pentagon, March 6, 2025."_s;
    photo.dateShot = QDate(2025, 3, 6);
    photo.country = u"United States"_s;
    photo.countryCode = u"USA"_s;
    photo.keywords = {u"Pete Hegseth"_s, u"John Healey"_s};
    photo.releaseState = ReleaseState::Released;
    photo.releaseAuthority = u"Navy Cmdr. Jane Doe, Defense Media Activity"_s;
    return photo;
}

QStringList rulesOf(const QList<CaptionFinding> &findings)
{
    QStringList rules;
    for (const CaptionFinding &finding : findings)
        rules << finding.rule;
    return rules;
}

// One change to the ready photo, and the one rule it must set off (none for
// the rows that prove a rule stays quiet where it should).
struct RuleRow
{
    const char *name;
    std::function<void(Photo &)> change;
    QString rule;
    CaptionFinding::Field field = CaptionFinding::Field::Caption;
};

QList<RuleRow> ruleRows()
{
    using Field = CaptionFinding::Field;
    return {
        {"dvids-title: no title", [](Photo &p) { p.title.clear(); }, u"dvids-title"_s, Field::Title},
        {"dvids-title: only spaces", [](Photo &p) { p.title = u"  "_s; }, u"dvids-title"_s, Field::Title},
        {"dvids-description: no caption", [](Photo &p) { p.caption.clear(); }, u"dvids-description"_s,
         Field::Caption},
        {"dvids-release: not reviewed",
         [](Photo &p) {
             p.releaseState = ReleaseState::NotReviewed;
             p.releaseAuthority.clear();
         },
         u"dvids-release"_s, Field::Release},
        {"dvids-release: not reviewed, though an authority is named",
         [](Photo &p) { p.releaseState = ReleaseState::NotReviewed; }, u"dvids-release"_s, Field::Release},
        {"dvids-release: released without authority", [](Photo &p) { p.releaseAuthority = u" "_s; },
         u"dvids-release"_s, Field::Release},
        {"dvids-date: no date shot", [](Photo &p) { p.dateShot = QDate(); }, u"dvids-date"_s, Field::DateShot},
        {"dvids-virin: no VIRIN", [](Photo &p) { p.virin.clear(); }, u"dvids-virin"_s, Field::Virin},
        {"dvids-country: neither name nor code",
         [](Photo &p) {
             p.country.clear();
             p.countryCode = u" "_s;
         },
         u"dvids-country"_s, Field::Country},
        {"dvids-keywords: none", [](Photo &p) { p.keywords.clear(); }, u"dvids-keywords"_s, Field::Keywords},
        {"dvids-keywords: only blank ones", [](Photo &p) { p.keywords = {u" "_s, QString()}; }, u"dvids-keywords"_s,
         Field::Keywords},
        {"dvids-jpeg: PNG", [](Photo &p) { p.imageMimeType = u"image/png"_s; }, u"dvids-jpeg"_s, Field::Image},
        {"dvids-jpeg: TIFF", [](Photo &p) { p.imageMimeType = u"image/tiff"_s; }, u"dvids-jpeg"_s, Field::Image},

        {"quiet: country by its code only", [](Photo &p) { p.country.clear(); }, QString()},
        {"quiet: country by its name only", [](Photo &p) { p.countryCode.clear(); }, QString()},
        {"quiet: not released, with its authority", [](Photo &p) { p.releaseState = ReleaseState::NotReleased; },
         QString()},
        {"quiet: no image yet, so no format",
         [](Photo &p) {
             p.imageHash.clear();
             p.imageMimeType.clear();
         },
         QString()},
    };
}

} // namespace

class TestDvidsReadiness : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readyPhotoHasNoFindings();
    void rules_data();
    void rules();
    void everyRuleIsTested();
    void everyFindingIsAWarning();
    void missingCaptionIsSaidOnce();
    void samplePhotos();
};

void TestDvidsReadiness::readyPhotoHasNoFindings()
{
    const QList<CaptionFinding> findings = DvidsReadiness::check(readyPhoto());
    QVERIFY2(findings.isEmpty(), qPrintable(rulesOf(findings).join(u", "_s)));
}

void TestDvidsReadiness::rules_data()
{
    QTest::addColumn<int>("row");
    const QList<RuleRow> rows = ruleRows();
    for (int i = 0; i < rows.size(); ++i)
        QTest::newRow(rows.at(i).name) << i;
}

void TestDvidsReadiness::rules()
{
    QFETCH(int, row);
    const RuleRow rule = ruleRows().at(row);
    Photo photo = readyPhoto();
    rule.change(photo);
    const QList<CaptionFinding> findings = DvidsReadiness::check(photo);
    QCOMPARE(rulesOf(findings), rule.rule.isEmpty() ? QStringList() : QStringList{rule.rule});
    if (rule.rule.isEmpty())
        return;
    const CaptionFinding &finding = findings.constFirst();
    QCOMPARE(finding.field, rule.field);
    QCOMPARE(finding.severity, CaptionFinding::Severity::Warning);
    QVERIFY2(finding.message.startsWith(u"DVIDS "_s) && finding.message.endsWith(u'.'), qPrintable(finding.message));
    // About the field as a whole, not words in it.
    QCOMPARE(finding.offset, 0);
    QCOMPARE(finding.length, 0);
}

void TestDvidsReadiness::everyRuleIsTested()
{
    QStringList tested;
    for (const RuleRow &row : ruleRows())
        tested << row.rule;
    for (const QString &rule : DvidsReadiness::ruleIds())
        QVERIFY2(tested.contains(rule), qPrintable(rule));
}

void TestDvidsReadiness::everyFindingIsAWarning()
{
    // Nothing filled in, and a PNG: every rule at once, in the documented order.
    Photo photo;
    photo.imageHash = u"0123abcd"_s;
    photo.imageMimeType = u"image/png"_s;
    const QList<CaptionFinding> findings = DvidsReadiness::check(photo);
    QCOMPARE(rulesOf(findings), DvidsReadiness::ruleIds());
    for (const CaptionFinding &finding : findings)
        QCOMPARE(finding.severity, CaptionFinding::Severity::Warning);
    // The one message the brief spells out, word for word.
    QCOMPARE(findings.at(DvidsReadiness::ruleIds().indexOf(u"dvids-country"_s)).message,
             u"DVIDS needs a country: fill in Country or its code."_s);
    QVERIFY(findings.constLast().message.contains(u"PNG"_s));
}

void TestDvidsReadiness::missingCaptionIsSaidOnce()
{
    Photo photo = readyPhoto();
    photo.caption.clear();
    photo.keywords.clear();
    const QList<CaptionFinding> captionFindings = CaptionChecker::check(photo);
    QVERIFY(rulesOf(captionFindings).contains(u"caption-missing"_s));
    // Beside the caption checker's "There is no caption." DVIDS keeps quiet on
    // the description, and only on it.
    QCOMPARE(rulesOf(DvidsReadiness::check(photo, captionFindings)), QStringList{u"dvids-keywords"_s});
    QCOMPARE(rulesOf(DvidsReadiness::check(photo)), (QStringList{u"dvids-description"_s, u"dvids-keywords"_s}));
    // With a caption the caption checker's other findings hide nothing.
    Photo captioned = readyPhoto();
    captioned.caption = u"No date, no place."_s;
    captioned.keywords.clear();
    QVERIFY(!CaptionChecker::check(captioned).isEmpty());
    QCOMPARE(rulesOf(DvidsReadiness::check(captioned, CaptionChecker::check(captioned))),
             QStringList{u"dvids-keywords"_s});
}

// The sample story as a new library gets it (LibrarySetup::openWithSample,
// as the window and the command line make one). story.json gives every photo
// a title, caption, date shot, VIRIN and country, the files are JPEGs and
// embed keywords ("Hegseth, Healey, United Kingdom", as exiftool shows), which
// the import reads; the photos were published on defense.gov, so the import
// marks them released, but nothing names the release authority. DVIDS would
// ask for exactly that; without the keywords it would ask for them too.
void TestDvidsReadiness::samplePhotos()
{
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir dir;
    Library library;
    QString error;
    QVERIFY2(LibrarySetup::openWithSample(&library, dir.filePath(u"sample.newsdesk"_s), &error), qPrintable(error));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(PeopleRepository(&library).add(Person{.name = u"Eve Editor"_s}));
    library.setActor(u"Eve Editor"_s);
    PhotoRepository repository(&library);
    const QList<Photo> photos = repository.photosOfStory(1);
    QCOMPARE(photos.size(), 3);
    for (const Photo &photo : photos) {
        QCOMPARE(photo.imageMimeType, u"image/jpeg"_s);
        QCOMPARE(photo.keywords, (QStringList{u"Hegseth"_s, u"Healey"_s, u"United Kingdom"_s}));
        const QList<CaptionFinding> findings = DvidsReadiness::check(photo, CaptionChecker::check(photo));
        QVERIFY2(rulesOf(findings) == QStringList{u"dvids-release"_s},
                 qPrintable(photo.virin + u": "_s + rulesOf(findings).join(u", "_s)));
        QVERIFY(findings.constFirst().message.contains(u"release authority"_s));

        // Saved without its keywords, the photo needs them for DVIDS too.
        Photo bare = photo;
        bare.keywords.clear();
        QCOMPARE(repository.save(bare), PhotoRepository::SaveResult::Saved);
        QCOMPARE(rulesOf(DvidsReadiness::check(*repository.load(photo.id))),
                 (QStringList{u"dvids-release"_s, u"dvids-keywords"_s}));

        // Filled in and saved, the photo is ready for DVIDS.
        Photo ready = *repository.load(photo.id);
        ready.releaseAuthority = u"Pentagon Press Operations"_s;
        ready.keywords = {u"Pete Hegseth"_s, u"John Healey"_s, u"Ukraine"_s};
        QCOMPARE(repository.save(ready), PhotoRepository::SaveResult::Saved);
        QCOMPARE(rulesOf(DvidsReadiness::check(*repository.load(photo.id))), QStringList());
    }
}

QTEST_GUILESS_MAIN(TestDvidsReadiness)
#include "tst_dvidsreadiness.moc"
