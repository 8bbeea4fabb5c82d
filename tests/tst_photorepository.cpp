// SPDX-License-Identifier: MIT
#include "library.h"
#include "oldformat.h"
#include "people.h"
#include "photobatch.h"
#include "photolistmodel.h"
#include "photorepository.h"
#include "sqldialect.h"
#include "storyrepository.h"
#include "testlibraries.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <tuple>

using namespace Qt::StringLiterals;

class TestPhotoRepository : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void sameImageIsStoredOnce();
    void photoCarriesItsImageType();
    void photosKeepTheirOrderInAStory();
    void editorApprovesExactCaption();
    void writerCannotApprove();
    void editingAReviewedFieldReturnsItToPending_data();
    void editingAReviewedFieldReturnsItToPending();
    void decisionKeepsEveryFieldItSaw();
    void decisionsFromBeforeSchemaFiveStillRead();
    void saveCannotApproveBehindTheEditorsBack();
    void requestingChangesNeedsAComment();
    void staleDecisionIsAConflict();
    void captionsAreSearchable();
    void archiveFindsPhotosByEveryField_data();
    void archiveFindsPhotosByEveryField();
    void archiveFollowsEdits();
    void archiveTakesAnyTextAsWords_data();
    void archiveTakesAnyTextAsWords();
    void placedCopySharesTheImageAndStartsPending();
    void photoModelFollowsChanges();
    void approvedStorysPhotosChangeOnlyAsItsTextDoes();
    void batchEditVoidsEveryChangedDecision();
    void batchUndoIsAllOrNothing();

private:
    Photo addPhoto(const QString &virin, const QByteArray &bytes);
    bool actAsWalt() { return m_libraries->actAs(*m_library, u"Walt Writer"_s, PersonRole::Writer); }
    std::unique_ptr<Library> m_library;
    std::unique_ptr<TestLibraries> m_libraries;
    qint64 m_storyId = 0;
};

void TestPhotoRepository::init()
{
    // On both engines (tst_photorepository_postgresql): Eve an editor, Walt a writer.
    m_library.reset();
    m_libraries = std::make_unique<TestLibraries>();
    m_library = std::make_unique<Library>();
    QVERIFY2(m_libraries->open(*m_library, u"Eve Editor"_s, PersonRole::Editor), qPrintable(m_libraries->errorString()));
    Library walt;
    QVERIFY2(m_libraries->openAgain(walt, u"Walt Writer"_s, PersonRole::Writer), qPrintable(m_libraries->errorString()));
    m_storyId = StoryRepository(m_library.get()).create(Story{.headline = u"Photo story"_s})->id;
}

Photo TestPhotoRepository::addPhoto(const QString &virin, const QByteArray &bytes)
{
    Photo photo;
    photo.virin = virin;
    photo.caption = u"Caption of %1 at the Pentagon, March 6, 2025."_s.arg(virin);
    photo.altText = u"Two people talking."_s;
    PhotoRepository repository(m_library.get());
    const std::optional<Photo> added = repository.add(photo, bytes, u"image/jpeg"_s, QSize(10, 10), QByteArray("thumb"));
    if (!added)
        qWarning() << repository.errorString();
    return added.value_or(Photo());
}

void TestPhotoRepository::sameImageIsStoredOnce()
{
    const Photo a = addPhoto(u"250306-D-PM193-1268K"_s, QByteArray(5000, 'x'));
    const Photo b = addPhoto(u"250306-D-PM193-1269K"_s, QByteArray(5000, 'x'));
    QVERIFY(a.id && b.id && a.id != b.id);
    QCOMPARE(a.imageHash, b.imageHash);
    QSqlQuery query(m_libraries->ownerDatabase(*m_library));
    QVERIFY(query.exec(u"SELECT count(*) FROM images"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), 1);
    QCOMPARE(PhotoRepository(m_library.get()).image(a.imageHash)->data, QByteArray(5000, 'x'));
}

void TestPhotoRepository::photoCarriesItsImageType()
{
    PhotoRepository repository(m_library.get());
    const std::optional<Photo> png =
        repository.add(Photo{.virin = u"PNG"_s}, "png bytes", u"image/png"_s, QSize(1, 1), {});
    QVERIFY(png);
    QCOMPARE(png->imageMimeType, u"image/png"_s);
    // The importer's way: the bytes from a worker, the record from the window.
    const std::optional<QString> hash = repository.storeImage("webp bytes", u"image/webp"_s, QSize(1, 1));
    QVERIFY(hash);
    const std::optional<Photo> webp = repository.addForStoredImage(Photo{.imageHash = *hash, .virin = u"WEBP"_s}, {});
    QVERIFY(webp);
    QCOMPARE(webp->imageMimeType, u"image/webp"_s);
    // A photo imported with its metadata only has the empty image, of no type.
    const std::optional<Photo> bare = repository.add(Photo{.virin = u"BARE"_s}, QByteArray(""), QString(), QSize(), {});
    QVERIFY(bare);
    QVERIFY(bare->imageMimeType.isEmpty());

    // Every way of reading photos back reads the type too.
    QCOMPARE(repository.load(png->id)->imageMimeType, u"image/png"_s);
    QCOMPARE(repository.findByVirin(u"WEBP"_s).value(0).imageMimeType, u"image/webp"_s);
    for (const Photo &photo : {*png, *webp, *bare})
        QVERIFY(repository.attach(m_storyId, photo.id));
    QStringList types;
    for (const Photo &photo : repository.photosOfStory(m_storyId))
        types << photo.imageMimeType;
    QCOMPARE(types, (QStringList{u"image/png"_s, u"image/webp"_s, QString()}));
    // Saving the metadata leaves the image as it was.
    Photo edited = *repository.load(png->id);
    edited.imageMimeType = u"image/jpeg"_s;
    edited.title = u"Edited"_s;
    QCOMPARE(repository.save(edited), PhotoRepository::SaveResult::Saved);
    QCOMPARE(repository.load(png->id)->imageMimeType, u"image/png"_s);
}

void TestPhotoRepository::photosKeepTheirOrderInAStory()
{
    PhotoRepository repository(m_library.get());
    const Photo a = addPhoto(u"A"_s, "a"), b = addPhoto(u"B"_s, "b"), c = addPhoto(u"C"_s, "c");
    for (const Photo &photo : {a, b, c})
        QVERIFY(repository.attach(m_storyId, photo.id));
    auto virins = [&] {
        QStringList list;
        for (const Photo &photo : repository.photosOfStory(m_storyId))
            list << photo.virin;
        return list;
    };
    QCOMPARE(virins(), (QStringList{u"A"_s, u"B"_s, u"C"_s}));
    QVERIFY(repository.reorder(m_storyId, {c.id, a.id, b.id}));
    QCOMPARE(virins(), (QStringList{u"C"_s, u"A"_s, u"B"_s}));
    QVERIFY(repository.detach(m_storyId, a.id));
    QCOMPARE(virins(), (QStringList{u"C"_s, u"B"_s}));
}

void TestPhotoRepository::editorApprovesExactCaption()
{
    PhotoRepository repository(m_library.get());
    Photo photo = addPhoto(u"250306-D-PM193-1268K"_s, "img");
    QCOMPARE(repository.decideCaption(photo, CaptionApproval::Approved), PhotoRepository::SaveResult::Saved);
    QCOMPARE(repository.load(photo.id)->approval, CaptionApproval::Approved);
    const QList<CaptionDecision> decisions = repository.captionDecisions(photo.id);
    QCOMPARE(decisions.size(), 1);
    QCOMPARE(decisions.first().reviewed.caption, photo.caption);
    QCOMPARE(decisions.first().reviewed.altText, photo.altText);
    QCOMPARE(decisions.first().decidedBy, u"Eve Editor"_s);
    QCOMPARE(m_library->auditTrail(u"photo"_s, photo.id).last().action, u"caption-approved"_s);
}

void TestPhotoRepository::writerCannotApprove()
{
    PhotoRepository repository(m_library.get());
    Photo photo = addPhoto(u"X"_s, "img");
    QVERIFY(actAsWalt());
    QCOMPARE(repository.decideCaption(photo, CaptionApproval::Approved), PhotoRepository::SaveResult::NotAllowed);
    QVERIFY(repository.errorString().contains(u"Only an editor"_s));
    // Nobody outside the people connects to a team library at all (Library
    // refuses the login: tst_teamlibrary); on a file anyone can claim a name.
    if (!TestLibraries::onPostgres()) {
        m_library->setActor(u"Somebody Unknown"_s);
        QCOMPARE(repository.decideCaption(photo, CaptionApproval::Approved), PhotoRepository::SaveResult::NotAllowed);
    }
    QCOMPARE(repository.load(photo.id)->approval, CaptionApproval::Pending);
    QVERIFY(repository.captionDecisions(photo.id).isEmpty());
}

void TestPhotoRepository::editingAReviewedFieldReturnsItToPending_data()
{
    // Each field the export prints (figure, JSON-LD) or embeds (IPTC/XMP in
    // the rendition), edited after a decision; the label the audit names.
    using Edit = std::function<void(Photo &)>;
    QTest::addColumn<CaptionApproval>("decision");
    QTest::addColumn<Edit>("edit");
    QTest::addColumn<QString>("reset"); // the caption-reset detail; empty: the decision stands
    const QList<std::tuple<const char *, Edit, QString>> edits{
        {"VIRIN", [](Photo &p) { p.virin = u"250306-D-PM193-1999K"_s; }, u"VIRIN"_s},
        {"title", [](Photo &p) { p.title = u"A new title"_s; }, u"Title"_s},
        {"caption", [](Photo &p) { p.caption += u" More."_s; }, u"Caption"_s},
        {"alt text", [](Photo &p) { p.altText = u"Two men shaking hands."_s; }, u"Alt text"_s},
        {"credit", [](Photo &p) { p.credit = u"Air Force Staff Sgt. Jane Doe, DOD"_s; }, u"Credit"_s},
        {"photographer", [](Photo &p) { p.photographer = u"Jane Doe"_s; }, u"Photographer"_s},
        {"unit", [](Photo &p) { p.unit = u"DMA"_s; }, u"Unit"_s},
        {"operation", [](Photo &p) { p.operation = u"Steadfast Defender"_s; }, u"Operation"_s},
        {"date shot", [](Photo &p) { p.dateShot = QDate(2025, 3, 6); }, u"Date shot"_s},
        {"city", [](Photo &p) { p.city = u"Arlington"_s; }, u"City"_s},
        {"sublocation", [](Photo &p) { p.sublocation = u"Pentagon"_s; }, u"Sublocation"_s},
        {"state", [](Photo &p) { p.state = u"Virginia"_s; }, u"State"_s},
        {"country", [](Photo &p) { p.country = u"United States"_s; }, u"Country"_s},
        {"country code", [](Photo &p) { p.countryCode = u"USA"_s; }, u"Country code"_s},
        {"keywords", [](Photo &p) { p.keywords = {u"Hegseth"_s}; }, u"Keywords"_s},
        {"release state", [](Photo &p) { p.releaseState = ReleaseState::Released; }, u"Release state"_s},
        {"release authority", [](Photo &p) { p.releaseAuthority = u"Pentagon Press Operations"_s; }, u"Release authority"_s},
        {"caption writer", [](Photo &p) { p.captionWriter = u"Walt Writer"_s; }, u"Caption writer"_s},
        {"command shown", [](Photo &p) { p.commandShown = u"USEUCOM"_s; }, u"Command shown"_s},
        {"photographer's e-mail", [](Photo &p) { p.creatorEmail = u"jane.doe@example.mil"_s; }, u"Photographer's e-mail"_s},
        {"photographer's phone", [](Photo &p) { p.creatorPhone = u"703-555-0100"_s; }, u"Photographer's phone"_s},
        {"decorative", [](Photo &p) { p.decorative = true; }, u"Decorative"_s},
        {"title and credit", [](Photo &p) { p.title = u"A new title"_s; p.credit = u"Jane Doe, DOD"_s; }, u"Title, Credit"_s},
        // Not published, so not reviewed: the decision stands.
        {"nothing", [](Photo &) {}, QString()},
        {"file name", [](Photo &p) { p.fileName = u"renamed.jpg"_s; }, QString()},
        {"an empty keyword", [](Photo &p) { p.keywords << QString(); }, QString()},
    };
    for (const CaptionApproval decision : {CaptionApproval::Approved, CaptionApproval::ChangesRequested}) {
        for (const auto &[name, edit, reset] : edits) {
            QTest::addRow("%s after %s", name, qPrintable(captionApprovalKey(decision)))
                << decision << edit << (reset.isEmpty() ? reset : reset + u" changed after review"_s);
        }
    }
}

void TestPhotoRepository::editingAReviewedFieldReturnsItToPending()
{
    QFETCH(CaptionApproval, decision);
    QFETCH(std::function<void(Photo &)>, edit);
    QFETCH(QString, reset);
    PhotoRepository repository(m_library.get());
    Photo photo = addPhoto(u"250306-D-PM193-1268K"_s, "img");
    QCOMPARE(repository.decideCaption(photo, decision, u"Checked."_s), PhotoRepository::SaveResult::Saved);
    QVERIFY(actAsWalt());
    edit(photo);
    QCOMPARE(repository.save(photo), PhotoRepository::SaveResult::Saved);
    const CaptionApproval expected = reset.isEmpty() ? decision : CaptionApproval::Pending;
    QCOMPARE(photo.approval, expected);
    QCOMPARE(repository.load(photo.id)->approval, expected);
    const AuditEntry last = m_library->auditTrail(u"photo"_s, photo.id).last();
    QCOMPARE(last.action == u"caption-reset"_s, !reset.isEmpty());
    if (!reset.isEmpty()) {
        QCOMPARE(last.detail, reset);
        QCOMPARE(last.actor, u"Walt Writer"_s);
    }
}

void TestPhotoRepository::decisionKeepsEveryFieldItSaw()
{
    PhotoRepository repository(m_library.get());
    Photo photo = addPhoto(u"250306-D-PM193-1268K"_s, "img");
    photo.title = u"Hegseth and Healey"_s;
    photo.credit = u"Navy Petty Officer 1st Class Alexander Kubitza, DOD"_s;
    photo.dateShot = QDate(2025, 3, 6);
    photo.keywords = {u"Hegseth"_s, u"Healey"_s};
    photo.releaseState = ReleaseState::Released;
    photo.releaseAuthority = u"Pentagon Press Operations"_s;
    photo.commandShown = u"USEUCOM"_s;
    photo.creatorEmail = u"a.kubitza@example.mil"_s;
    photo.creatorPhone = u"703-555-0100"_s;
    photo.decorative = true;
    QCOMPARE(repository.save(photo), PhotoRepository::SaveResult::Saved);
    // Stored and read back as saved, on either engine.
    const Photo stored = *repository.load(photo.id);
    QCOMPARE(stored.commandShown, u"USEUCOM"_s);
    QCOMPARE(stored.creatorEmail, photo.creatorEmail);
    QCOMPARE(stored.creatorPhone, photo.creatorPhone);
    QVERIFY(stored.decorative);
    QCOMPARE(repository.decideCaption(photo, CaptionApproval::Approved), PhotoRepository::SaveResult::Saved);

    Photo edited = photo;
    edited.title = u"Retitled"_s;
    edited.releaseState = ReleaseState::NotReleased;
    QCOMPARE(repository.save(edited), PhotoRepository::SaveResult::Saved);

    const CaptionDecision decision = repository.captionDecisions(photo.id).constFirst();
    QVERIFY(decision.reviewedRecorded);
    QCOMPARE(decision.reviewed.virin, photo.virin);
    QCOMPARE(decision.reviewed.title, u"Hegseth and Healey"_s);
    QCOMPARE(decision.reviewed.caption, photo.caption);
    QCOMPARE(decision.reviewed.altText, photo.altText);
    QCOMPARE(decision.reviewed.credit, photo.credit);
    QCOMPARE(decision.reviewed.dateShot, QDate(2025, 3, 6));
    QCOMPARE(decision.reviewed.keywords, photo.keywords);
    QCOMPARE(decision.reviewed.releaseState, ReleaseState::Released);
    QCOMPARE(decision.reviewed.releaseAuthority, u"Pentagon Press Operations"_s);
    QCOMPARE(decision.reviewed.commandShown, u"USEUCOM"_s);
    QCOMPARE(decision.reviewed.creatorEmail, photo.creatorEmail);
    QCOMPARE(decision.reviewed.creatorPhone, photo.creatorPhone);
    QVERIFY(decision.reviewed.decorative);
    // What changed since the decision, as the media panel says it.
    QCOMPARE(changedReviewedFields(decision.reviewed, *repository.load(photo.id)),
             (QList<PhotoField>{PhotoField::Title, PhotoField::ReleaseState}));
    QCOMPARE(m_library->auditTrail(u"photo"_s, photo.id).last().detail, u"Title, Release state changed after review"_s);
}

void TestPhotoRepository::decisionsFromBeforeSchemaFiveStillRead()
{
    if (TestLibraries::onPostgres())
        QSKIP("SQLite's older file formats: a team library starts at its own first format");
    const QString file = m_library->path();
    Photo photo = addPhoto(u"250306-D-PM193-1268K"_s, "img");
    QCOMPARE(PhotoRepository(m_library.get()).decideCaption(photo, CaptionApproval::Approved), PhotoRepository::SaveResult::Saved);
    // The library as schema 4 wrote it: decisions without what else they saw.
    m_library.reset();
    const QString downgraded = OldFormat::turnBackToFormat4(file);
    QVERIFY2(downgraded.isEmpty(), qPrintable(downgraded));
    m_library = std::make_unique<Library>();
    QVERIFY2(m_library->open(file), qPrintable(m_library->errorString()));
    QCOMPARE(m_library->schemaVersion(), SqlDialect::currentSchemaVersion);
    m_library->setActor(u"Eve Editor"_s);
    PhotoRepository repository(m_library.get());
    CaptionDecision old = repository.captionDecisions(photo.id).constFirst();
    QVERIFY(!old.reviewedRecorded);
    QCOMPARE(old.reviewed.caption, photo.caption);
    QCOMPARE(old.reviewed.altText, photo.altText);
    // Decisions from now on record it all.
    photo = *repository.load(photo.id);
    QCOMPARE(repository.decideCaption(photo, CaptionApproval::ChangesRequested, u"Name the unit."_s),
             PhotoRepository::SaveResult::Saved);
    QVERIFY(repository.captionDecisions(photo.id).constFirst().reviewedRecorded);
    QVERIFY(!repository.captionDecisions(photo.id).constLast().reviewedRecorded);
}

void TestPhotoRepository::saveCannotApproveBehindTheEditorsBack()
{
    PhotoRepository repository(m_library.get());
    Photo photo = addPhoto(u"Z"_s, "img");
    QVERIFY(actAsWalt());
    photo.approval = CaptionApproval::Approved;
    QCOMPARE(repository.save(photo), PhotoRepository::SaveResult::Saved);
    QCOMPARE(repository.load(photo.id)->approval, CaptionApproval::Pending);
}

void TestPhotoRepository::requestingChangesNeedsAComment()
{
    PhotoRepository repository(m_library.get());
    Photo photo = addPhoto(u"C1"_s, "img");
    QCOMPARE(repository.decideCaption(photo, CaptionApproval::ChangesRequested, u"  "_s), PhotoRepository::SaveResult::Failed);
    QCOMPARE(repository.decideCaption(photo, CaptionApproval::ChangesRequested, u"Spell out UDCG."_s),
             PhotoRepository::SaveResult::Saved);
    QCOMPARE(repository.captionDecisions(photo.id).first().comment, u"Spell out UDCG."_s);
}

void TestPhotoRepository::staleDecisionIsAConflict()
{
    PhotoRepository repository(m_library.get());
    Photo seen = addPhoto(u"S1"_s, "img");
    Photo edited = seen;
    edited.caption = u"A different caption."_s;
    QCOMPARE(repository.save(edited), PhotoRepository::SaveResult::Saved);
    QCOMPARE(repository.decideCaption(seen, CaptionApproval::Approved), PhotoRepository::SaveResult::Conflict);
    QCOMPARE(repository.load(seen.id)->approval, CaptionApproval::Pending);
}

void TestPhotoRepository::captionsAreSearchable()
{
    PhotoRepository repository(m_library.get());
    Photo photo = addPhoto(u"F1"_s, "img");
    QVERIFY(repository.attach(m_storyId, photo.id));
    photo.caption = u"Airmen unload a Globemaster at Ramstein."_s;
    QCOMPARE(repository.save(photo), PhotoRepository::SaveResult::Saved);
    const QList<SearchHit> hits = StoryRepository(m_library.get()).search(u"globemaster"_s);
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits.first().storyId, m_storyId);
}

// Two photos of the library, in no story's way: what the archive searches.
static Photo archivePhoto(int n)
{
    Photo photo;
    if (n == 1) {
        photo.virin = u"250306-D-PM193-1268"_s;
        photo.photographer = u"Navy Petty Officer 1st Class Alexander Kubitza"_s;
        photo.credit = u"Navy Petty Officer 1st Class Alexander Kubitza, DOD"_s;
        photo.dateShot = QDate(2025, 3, 6);
        photo.sublocation = u"The Pentagon"_s;
        photo.city = u"Washington"_s;
        photo.country = u"United States"_s;
        photo.keywords = {u"Hegseth"_s, u"Healey"_s, u"bilateral"_s};
        photo.caption = u"Defense Secretary Pete Hegseth walks with U.K. Defence Secretary John Healey."_s;
    } else {
        photo.virin = u"241118-N-XY123-1001"_s;
        photo.photographer = u"Mass Communication Specialist 2nd Class Jane Doe"_s;
        photo.dateShot = QDate(2024, 11, 18);
        photo.city = u"Yokosuka"_s;
        photo.country = u"Japan"_s;
        photo.keywords = {u"destroyer"_s};
        photo.caption = u"Sailors moor the guided-missile destroyer USS Ralph Johnson (DDG 114) at the pier."_s;
    }
    photo.altText = u"A photo."_s;
    return photo;
}

void TestPhotoRepository::archiveFindsPhotosByEveryField_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QList<int>>("found"); // archivePhoto numbers, best first

    QTest::newRow("a whole VIRIN") << u"250306-D-PM193-1268"_s << QList<int>{1};
    QTest::newRow("a VIRIN's start") << u"241118-N"_s << QList<int>{2};
    QTest::newRow("photographer") << u"Kubitza"_s << QList<int>{1};
    QTest::newRow("photographer's rate") << u"Mass Communication Specialist"_s << QList<int>{2};
    QTest::newRow("date shot") << u"2025-03-06"_s << QList<int>{1};
    QTest::newRow("month shot") << u"2024-11"_s << QList<int>{2};
    QTest::newRow("city") << u"yokosuka"_s << QList<int>{2};
    QTest::newRow("sub-location") << u"Pentagon"_s << QList<int>{1};
    QTest::newRow("country") << u"Japan"_s << QList<int>{2};
    QTest::newRow("keyword") << u"bilateral"_s << QList<int>{1};
    QTest::newRow("caption words, stemmed") << u"sailor mooring"_s << QList<int>{2};
    QTest::newRow("hull number") << u"DDG 114"_s << QList<int>{2};
    QTest::newRow("every word must match") << u"Hegseth Japan"_s << QList<int>{};
    QTest::newRow("a prefix while typing") << u"Heal"_s << QList<int>{1};
    QTest::newRow("nothing typed: the newest first") << u"  "_s << QList<int>{2, 1};
}

void TestPhotoRepository::archiveFindsPhotosByEveryField()
{
    QFETCH(QString, query);
    QFETCH(QList<int>, found);
    PhotoRepository repository(m_library.get());
    const qint64 first = repository.add(archivePhoto(1), "one", u"image/jpeg"_s, QSize(4, 3), "t1")->id;
    const qint64 second = repository.add(archivePhoto(2), "two", u"image/jpeg"_s, QSize(4, 3), "t2")->id;
    const std::optional<QList<Photo>> result = repository.search(query, 50);
    QVERIFY2(result, qPrintable(repository.errorString()));
    QList<int> numbers;
    for (const Photo &photo : *result) {
        if (photo.id == first || photo.id == second) // the sample library's own photos aside
            numbers << (photo.id == first ? 1 : 2);
    }
    QCOMPARE(numbers, found);
}

void TestPhotoRepository::archiveFollowsEdits()
{
    PhotoRepository repository(m_library.get());
    const std::optional<Photo> added = repository.add(archivePhoto(2), "two", u"image/jpeg"_s, QSize(4, 3), "t");
    QVERIFY(added);
    Photo photo = *added;
    QCOMPARE(repository.search(u"Yokosuka"_s, 10)->size(), 1);
    photo.city = u"Sasebo"_s;
    QCOMPARE(repository.save(photo), PhotoRepository::SaveResult::Saved);
    QVERIFY(repository.search(u"Yokosuka"_s, 10)->isEmpty());
    QCOMPARE(repository.search(u"Sasebo"_s, 10)->size(), 1);
}

void TestPhotoRepository::archiveTakesAnyTextAsWords_data()
{
    QTest::addColumn<QString>("query");
    QTest::newRow("FTS5 and tsquery operators") << u"NOT OR AND & | ! ( ) : * NEAR(a b)"_s;
    QTest::newRow("quotes") << u"\"Heg' \"\"'"_s;
    QTest::newRow("a backslash") << u"\\ Hegseth\\"_s;
    QTest::newRow("control characters") << u"\x01\x1b[2J\u202e"_s;
    QTest::newRow("NUL") << u"Heg\0seth"_s;
    QTest::newRow("huge") << QString(100000, u'a');
}

void TestPhotoRepository::archiveTakesAnyTextAsWords()
{
    // Whatever is typed is words to find, never a syntax error.
    QFETCH(QString, query);
    PhotoRepository repository(m_library.get());
    QVERIFY(repository.add(archivePhoto(1), "one", u"image/jpeg"_s, QSize(4, 3), "t"));
    const std::optional<QList<Photo>> result = repository.search(query, 10);
    QVERIFY2(result, qPrintable(repository.errorString()));
}

void TestPhotoRepository::placedCopySharesTheImageAndStartsPending()
{
    PhotoRepository repository(m_library.get());
    std::optional<Photo> original = repository.add(archivePhoto(1), "bytes", u"image/jpeg"_s, QSize(4, 3), "thumb");
    QVERIFY(original);
    QCOMPARE(repository.decideCaption(*original, CaptionApproval::Approved), PhotoRepository::SaveResult::Saved);
    const qint64 other = StoryRepository(m_library.get()).create(Story{.headline = u"Another story"_s})->id;
    const std::optional<Photo> copy = repository.placeCopy(original->id, other);
    QVERIFY2(copy, qPrintable(repository.errorString()));
    QVERIFY(copy->id != original->id);
    QCOMPARE(copy->imageHash, original->imageHash);
    QCOMPARE(copy->caption, original->caption);
    QCOMPARE(copy->keywords, original->keywords);
    QCOMPARE(copy->approval, CaptionApproval::Pending);
    QCOMPARE(repository.load(original->id)->approval, CaptionApproval::Approved);
    QCOMPARE(repository.thumbnail(copy->id), QByteArray("thumb"));
    QList<qint64> placed;
    for (const Photo &photo : repository.photosOfStory(other))
        placed << photo.id;
    QCOMPARE(placed, QList<qint64>{copy->id});
    // The image is stored once.
    QSqlQuery images(m_library->database());
    QVERIFY(images.exec(u"SELECT count(*) FROM images"_s) && images.next());
    const int imageCount = images.value(0).toInt();
    QVERIFY(repository.placeCopy(original->id, other));
    QVERIFY(images.exec(u"SELECT count(*) FROM images"_s) && images.next());
    QCOMPARE(images.value(0).toInt(), imageCount);

    // Placing follows the story's rule (Workflow::checkPlacement): a writer
    // adds nothing to an approved story, not even a copy.
    StoryRepository stories(m_library.get());
    Story story = *stories.load(m_storyId);
    QCOMPARE(stories.transition(story, WorkflowAction::Submit), StoryRepository::SaveResult::Saved);
    QCOMPARE(stories.transition(story, WorkflowAction::Approve), StoryRepository::SaveResult::Saved);
    QVERIFY(actAsWalt());
    PhotoRepository asWalt(m_library.get());
    const qsizetype photosBefore = asWalt.search(QString(), 1000)->size();
    QVERIFY(!asWalt.placeCopy(original->id, m_storyId));
    QVERIFY2(asWalt.errorString().contains(u"only an editor changes its photos"_s), qPrintable(asWalt.errorString()));
    QVERIFY(asWalt.photosOfStory(m_storyId).isEmpty());
    QCOMPARE(asWalt.search(QString(), 1000)->size(), photosBefore); // no copy left behind
}

void TestPhotoRepository::photoModelFollowsChanges()
{
    PhotoRepository repository(m_library.get());
    const Photo a = addPhoto(u"M1"_s, "a"), b = addPhoto(u"M2"_s, "b");
    QVERIFY(repository.attach(m_storyId, a.id));
    PhotoListModel model(m_library.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStory(m_storyId);
    QCOMPARE(model.rowCount(), 1);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QVERIFY(repository.attach(m_storyId, b.id));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(model.index(1).data(PhotoListModel::VirinRole).toString(), u"M2"_s);
    Photo edited = *repository.load(a.id);
    QCOMPARE(repository.decideCaption(edited, CaptionApproval::Approved), PhotoRepository::SaveResult::Saved);
    QCOMPARE(model.index(0).data(PhotoListModel::ApprovalRole).toInt(), int(CaptionApproval::Approved));
    QCOMPARE(model.index(0).data(PhotoListModel::ThumbnailRole).toByteArray(), QByteArray("thumb"));
}

// Which photos a story shows goes out with its text, so an approval covers
// it: a writer cannot place, remove or reorder the photos of an approved
// story, nobody those of a published one but through a correction
// (Workflow::checkPlacement); on a team library the server says so too.
void TestPhotoRepository::approvedStorysPhotosChangeOnlyAsItsTextDoes()
{
    PhotoRepository photos(m_library.get());
    StoryRepository stories(m_library.get());
    const Photo first = addPhoto(u"250306-D-PM193-1268K"_s, "first");
    const Photo second = addPhoto(u"250306-D-PM193-1269K"_s, "second");
    QVERIFY(photos.attach(m_storyId, first.id)); // a draft: anyone
    Story story = *stories.load(m_storyId);
    QCOMPARE(stories.transition(story, WorkflowAction::Submit), StoryRepository::SaveResult::Saved);
    QCOMPARE(stories.transition(story, WorkflowAction::Approve), StoryRepository::SaveResult::Saved);

    QVERIFY(actAsWalt());
    PhotoRepository asWalt(m_library.get());
    QVERIFY(!asWalt.attach(m_storyId, second.id));
    QVERIFY2(asWalt.errorString().contains(u"only an editor changes its photos"_s), qPrintable(asWalt.errorString()));
    QVERIFY(!asWalt.detach(m_storyId, first.id));
    QVERIFY(!asWalt.reorder(m_storyId, {first.id}));
    QCOMPARE(asWalt.photosOfStory(m_storyId).size(), 1);

    QVERIFY(m_libraries->actAs(*m_library, u"Eve Editor"_s, PersonRole::Editor));
    PhotoRepository asEve(m_library.get());
    QVERIFY2(asEve.attach(m_storyId, second.id), qPrintable(asEve.errorString()));
    story = *stories.load(m_storyId);
    QCOMPARE(StoryRepository(m_library.get()).transition(story, WorkflowAction::Publish), StoryRepository::SaveResult::Saved);
    QVERIFY(!asEve.detach(m_storyId, second.id));
    QVERIFY2(asEve.errorString().contains(u"start a correction"_s), qPrintable(asEve.errorString()));
    QCOMPARE(asEve.photosOfStory(m_storyId).size(), 2);
}

// A batch (the media panel's, a template's) goes through save(): the same
// rule voids the decision of every photo it changes, on either engine (the
// server's trigger on a team library), and leaves the others as they were.
void TestPhotoRepository::batchEditVoidsEveryChangedDecision()
{
    PhotoRepository repository(m_library.get());
    Photo a = addPhoto(u"250306-D-PM193-1001"_s, "a");
    Photo b = addPhoto(u"250306-D-PM193-1002"_s, "b");
    Photo c = addPhoto(u"250306-D-PM193-1003"_s, "c");
    c.unit = u"DMA"_s; // already what the batch sets
    QCOMPARE(repository.save(c), PhotoRepository::SaveResult::Saved);
    for (Photo *photo : {&a, &b, &c})
        QCOMPARE(repository.decideCaption(*photo, CaptionApproval::Approved), PhotoRepository::SaveResult::Saved);
    QVERIFY(actAsWalt());
    QString error;
    const std::optional<QList<PhotoBatch::Change>> changes = PhotoBatch::applyToAll(
        repository, {a.id, b.id, c.id},
        {{PhotoField::Unit, u"DMA"_s}, {PhotoField::CommandShown, u"USEUCOM"_s}, {PhotoField::Decorative, u"true"_s}},
        &error);
    QVERIFY2(changes, qPrintable(error));
    QCOMPARE(changes->size(), 3);
    QCOMPARE(changes->at(2).after.keys(), (QList<PhotoField>{PhotoField::CommandShown, PhotoField::Decorative}));
    for (const Photo &photo : {a, b, c}) {
        const Photo stored = *repository.load(photo.id);
        QCOMPARE(stored.unit, u"DMA"_s);
        QCOMPARE(stored.commandShown, u"USEUCOM"_s);
        QVERIFY(stored.decorative);
        QCOMPARE(stored.approval, CaptionApproval::Pending);
        QCOMPARE(m_library->auditTrail(u"photo"_s, photo.id).last().action, u"caption-reset"_s);
    }
    // Setting what they hold already changes nothing, and saves nothing.
    const qint64 version = repository.load(a.id)->rowVersion;
    const std::optional<QList<PhotoBatch::Change>> none =
        PhotoBatch::applyToAll(repository, {a.id, b.id}, {{PhotoField::Unit, u"DMA"_s}}, &error);
    QVERIFY2(none, qPrintable(error));
    QVERIFY(none->isEmpty());
    QCOMPARE(repository.load(a.id)->rowVersion, version);
}

void TestPhotoRepository::batchUndoIsAllOrNothing()
{
    PhotoRepository repository(m_library.get());
    const Photo a = addPhoto(u"250306-D-PM193-1001"_s, "a");
    const Photo b = addPhoto(u"250306-D-PM193-1002"_s, "b");
    QString error;
    const std::optional<QList<PhotoBatch::Change>> changes =
        PhotoBatch::applyToAll(repository, {a.id, b.id}, {{PhotoField::Operation, u"Steadfast Defender"_s}}, &error);
    QVERIFY2(changes, qPrintable(error));
    QVERIFY2(PhotoBatch::undo(repository, *changes, &error), qPrintable(error));
    QVERIFY(repository.load(a.id)->operation.isEmpty());
    QVERIFY(repository.load(b.id)->operation.isEmpty());
    QVERIFY2(PhotoBatch::redo(repository, *changes, &error), qPrintable(error));
    // Someone changes b's operation: undoing would write over it, so
    // nothing is undone, a included.
    Photo later = *repository.load(b.id);
    later.operation = u"Baltops"_s;
    QCOMPARE(repository.save(later), PhotoRepository::SaveResult::Saved);
    QVERIFY(!PhotoBatch::undo(repository, *changes, &error));
    QVERIFY2(error.contains(u"changed since"_s), qPrintable(error));
    QCOMPARE(repository.load(a.id)->operation, u"Steadfast Defender"_s);
    QCOMPARE(repository.load(b.id)->operation, u"Baltops"_s);
}

QTEST_GUILESS_MAIN(TestPhotoRepository)
#include "tst_photorepository.moc"
