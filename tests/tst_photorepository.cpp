// SPDX-License-Identifier: MIT
#include "library.h"
#include "people.h"
#include "photolistmodel.h"
#include "photorepository.h"
#include "storyrepository.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

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
    void editingAnApprovedCaptionReturnsItToPending_data();
    void editingAnApprovedCaptionReturnsItToPending();
    void saveCannotApproveBehindTheEditorsBack();
    void requestingChangesNeedsAComment();
    void staleDecisionIsAConflict();
    void captionsAreSearchable();
    void photoModelFollowsChanges();

private:
    Photo addPhoto(const QString &virin, const QByteArray &bytes);
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Library> m_library;
    qint64 m_storyId = 0;
};

void TestPhotoRepository::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_library = std::make_unique<Library>();
    QVERIFY(m_library->open(m_dir->filePath(u"lib.newsdesk"_s)));
    PeopleRepository people(m_library.get());
    QVERIFY(people.add(Person{.name = u"Eve Editor"_s}));
    m_library->setActor(u"Eve Editor"_s); // editors add the people after the first
    QVERIFY(people.add(Person{.name = u"Walt Writer"_s, .role = PersonRole::Writer}));
    m_library->setActor(u"Eve Editor"_s);
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
    QSqlQuery query(m_library->database());
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
    QCOMPARE(decisions.first().caption, photo.caption);
    QCOMPARE(decisions.first().altText, photo.altText);
    QCOMPARE(decisions.first().decidedBy, u"Eve Editor"_s);
    QCOMPARE(m_library->auditTrail(u"photo"_s, photo.id).last().action, u"caption-approved"_s);
}

void TestPhotoRepository::writerCannotApprove()
{
    PhotoRepository repository(m_library.get());
    Photo photo = addPhoto(u"X"_s, "img");
    m_library->setActor(u"Walt Writer"_s);
    QCOMPARE(repository.decideCaption(photo, CaptionApproval::Approved), PhotoRepository::SaveResult::NotAllowed);
    QVERIFY(repository.errorString().contains(u"Only an editor"_s));
    m_library->setActor(u"Somebody Unknown"_s);
    QCOMPARE(repository.decideCaption(photo, CaptionApproval::Approved), PhotoRepository::SaveResult::NotAllowed);
    QCOMPARE(repository.load(photo.id)->approval, CaptionApproval::Pending);
    QVERIFY(repository.captionDecisions(photo.id).isEmpty());
}

void TestPhotoRepository::editingAnApprovedCaptionReturnsItToPending_data()
{
    QTest::addColumn<bool>("editCaption");
    QTest::addColumn<bool>("editAltText");
    QTest::addColumn<bool>("stillApproved");
    QTest::newRow("caption edited") << true << false << false;
    QTest::newRow("alt text edited") << false << true << false;
    QTest::newRow("only the city edited") << false << false << true;
}

void TestPhotoRepository::editingAnApprovedCaptionReturnsItToPending()
{
    QFETCH(bool, editCaption);
    QFETCH(bool, editAltText);
    QFETCH(bool, stillApproved);
    PhotoRepository repository(m_library.get());
    Photo photo = addPhoto(u"Y"_s, "img");
    QCOMPARE(repository.decideCaption(photo, CaptionApproval::Approved), PhotoRepository::SaveResult::Saved);
    m_library->setActor(u"Walt Writer"_s);
    if (editCaption)
        photo.caption += u" More."_s;
    if (editAltText)
        photo.altText = u"Two men shaking hands."_s;
    photo.city = u"Arlington"_s;
    QCOMPARE(repository.save(photo), PhotoRepository::SaveResult::Saved);
    const CaptionApproval expected = stillApproved ? CaptionApproval::Approved : CaptionApproval::Pending;
    QCOMPARE(photo.approval, expected);
    QCOMPARE(repository.load(photo.id)->approval, expected);
    const bool resetLogged = m_library->auditTrail(u"photo"_s, photo.id).last().action == u"caption-reset"_s;
    QCOMPARE(resetLogged, !stillApproved);
}

void TestPhotoRepository::saveCannotApproveBehindTheEditorsBack()
{
    PhotoRepository repository(m_library.get());
    Photo photo = addPhoto(u"Z"_s, "img");
    m_library->setActor(u"Walt Writer"_s);
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

QTEST_GUILESS_MAIN(TestPhotoRepository)
#include "tst_photorepository.moc"
