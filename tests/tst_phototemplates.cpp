// SPDX-License-Identifier: MIT
#include "glossary.h"
#include "library.h"
#include "photobatch.h"
#include "photorepository.h"
#include "phototemplates.h"
#include "testlibraries.h"
#include "workflow.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

// Metadata templates in the library, on both engines
// (tst_phototemplates_postgresql): any person makes and uses them.
class TestPhotoTemplates : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void writerCreatesEditsRenamesAndDeletes();
    void namesAreNeededAndUnique_data();
    void namesAreNeededAndUnique();
    void staleCopyIsAConflict();
    void textIsCleanedAsAllLibraryText();
    void strangerMayNot();
    void appliedFieldsAreTheFilledOnes();
    void otherDesksAreNotToldOfStories();

private:
    PhotoTemplate assignment() const;
    std::unique_ptr<Library> m_library;
    std::unique_ptr<TestLibraries> m_libraries;
};

void TestPhotoTemplates::init()
{
    m_library.reset();
    m_libraries = std::make_unique<TestLibraries>();
    m_library = std::make_unique<Library>();
    QVERIFY2(m_libraries->open(*m_library, u"Eve Editor"_s, PersonRole::Editor), qPrintable(m_libraries->errorString()));
    Library walt;
    QVERIFY2(m_libraries->openAgain(walt, u"Walt Writer"_s, PersonRole::Writer), qPrintable(m_libraries->errorString()));
    QVERIFY(m_libraries->actAs(*m_library, u"Walt Writer"_s, PersonRole::Writer));
}

PhotoTemplate TestPhotoTemplates::assignment() const
{
    PhotoTemplate made;
    made.name = u"Hegseth visit"_s;
    for (const PhotoField field : templateFields())
        made.values.insert(field, QString());
    made.values[PhotoField::Photographer] = u"Navy Petty Officer 1st Class Alexander Kubitza"_s;
    made.values[PhotoField::Unit] = u"Defense Media Activity"_s;
    made.values[PhotoField::CreatorEmail] = u"alexander.kubitza@example.mil"_s;
    made.values[PhotoField::City] = u"Washington"_s;
    made.values[PhotoField::CommandShown] = u"USNORTHCOM"_s;
    made.values[PhotoField::Keywords] = u"Hegseth\nHealey"_s;
    made.values[PhotoField::ReleaseAuthority] = u"OSD Public Affairs"_s;
    return made;
}

void TestPhotoTemplates::writerCreatesEditsRenamesAndDeletes()
{
    QVERIFY(Workflow::checkPhotoTemplates(PersonRole::Writer).allowed);
    PhotoTemplateRepository repository(m_library.get());
    PhotoTemplate made = assignment();
    QCOMPARE(repository.save(made), PhotoTemplateRepository::SaveResult::Saved);
    QVERIFY(made.id > 0);
    QCOMPARE(made.updatedBy, u"Walt Writer"_s);
    const PhotoTemplate stored = *repository.load(made.id);
    QCOMPARE(stored.values, made.values);
    QCOMPARE(stored.updatedBy, u"Walt Writer"_s);
    // An editor changes and renames it; the writer's copy is then stale.
    QVERIFY(m_libraries->actAs(*m_library, u"Eve Editor"_s, PersonRole::Editor));
    PhotoTemplate renamed = stored;
    renamed.name = u"Hegseth and Healey"_s;
    renamed.values[PhotoField::Unit] = u"OSD"_s;
    QCOMPARE(repository.save(renamed), PhotoTemplateRepository::SaveResult::Saved);
    QCOMPARE(repository.list().size(), 1);
    QCOMPARE(repository.findByName(u"hegseth AND healey"_s)->values.value(PhotoField::Unit), u"OSD"_s);
    QVERIFY(!repository.findByName(u"Hegseth visit"_s));
    QVERIFY(repository.errorString().contains(u"no metadata template named"_s));
    QVERIFY(m_libraries->actAs(*m_library, u"Walt Writer"_s, PersonRole::Writer));
    QVERIFY2(repository.remove(made.id), qPrintable(repository.errorString()));
    QVERIFY(repository.list().isEmpty());
}

void TestPhotoTemplates::namesAreNeededAndUnique_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("saved");
    QTest::newRow("a new name") << u"Baltops 2025"_s << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("blank") << u" \t "_s << false;
    QTest::newRow("only control characters") << u"\u0007\u202e"_s << false;
    QTest::newRow("an existing name") << u"Hegseth visit"_s << false;
    QTest::newRow("an existing name in other case") << u"HEGSETH VISIT "_s << false;
}

void TestPhotoTemplates::namesAreNeededAndUnique()
{
    QFETCH(QString, name);
    QFETCH(bool, saved);
    PhotoTemplateRepository repository(m_library.get());
    PhotoTemplate first = assignment();
    QCOMPARE(repository.save(first), PhotoTemplateRepository::SaveResult::Saved);
    PhotoTemplate second = assignment();
    second.name = name;
    QCOMPARE(repository.save(second) == PhotoTemplateRepository::SaveResult::Saved, saved);
    QCOMPARE(repository.errorString().isEmpty(), saved);
    QCOMPARE(repository.list().size(), saved ? 2 : 1);
    // Renaming the first to its own name in other case is no clash.
    first.name = u"hegseth visit"_s;
    QCOMPARE(repository.save(first), PhotoTemplateRepository::SaveResult::Saved);
}

void TestPhotoTemplates::staleCopyIsAConflict()
{
    PhotoTemplateRepository repository(m_library.get());
    PhotoTemplate made = assignment();
    QCOMPARE(repository.save(made), PhotoTemplateRepository::SaveResult::Saved);
    PhotoTemplate mine = made;
    PhotoTemplate theirs = made;
    theirs.values[PhotoField::Operation] = u"Theirs"_s;
    QCOMPARE(repository.save(theirs), PhotoTemplateRepository::SaveResult::Saved);
    mine.values[PhotoField::Operation] = u"Mine"_s;
    QCOMPARE(repository.save(mine), PhotoTemplateRepository::SaveResult::Conflict);
    QCOMPARE(repository.load(made.id)->values.value(PhotoField::Operation), u"Theirs"_s);
    // Deleted elsewhere: a conflict too, nothing made again.
    QVERIFY(repository.remove(made.id));
    QCOMPARE(repository.save(theirs), PhotoTemplateRepository::SaveResult::Conflict);
    QVERIFY(repository.list().isEmpty());
}

void TestPhotoTemplates::textIsCleanedAsAllLibraryText()
{
    PhotoTemplateRepository repository(m_library.get());
    PhotoTemplate made = assignment();
    made.name = u"Bidi \u202eevil\u202c\u0000name"_s;
    made.values[PhotoField::Unit] = u"DMA\u001b[31m\nline two"_s;
    made.values[PhotoField::Keywords] = u"one\u0007\n\ntwo"_s;
    QCOMPARE(repository.save(made), PhotoTemplateRepository::SaveResult::Saved);
    const PhotoTemplate stored = *repository.load(made.id);
    QCOMPARE(stored.name, u"Bidi evilname"_s);
    QCOMPARE(stored.values.value(PhotoField::Unit), u"DMA[31m line two"_s);
    QCOMPARE(stored.values.value(PhotoField::Keywords), u"one\ntwo"_s);
}

void TestPhotoTemplates::strangerMayNot()
{
    if (TestLibraries::onPostgres())
        QSKIP("On a team library a login that is no one's cannot open it at all (tst_teamlibrary)");
    m_library->setActor(u"Somebody Else"_s);
    PhotoTemplateRepository repository(m_library.get());
    PhotoTemplate made = assignment();
    QCOMPARE(repository.save(made), PhotoTemplateRepository::SaveResult::NotAllowed);
    QVERIFY(repository.errorString().contains(u"library's people"_s));
    QVERIFY(repository.list().isEmpty());
}

// What a template applies whole (an import) are its filled fields; applied
// through PhotoBatch, it voids decisions as any edit does.
void TestPhotoTemplates::appliedFieldsAreTheFilledOnes()
{
    const PhotoTemplate made = assignment();
    const PhotoBatch::Edits filled = made.filledFields();
    QCOMPARE(filled.keys(), (QList<PhotoField>{PhotoField::Photographer, PhotoField::Unit, PhotoField::City,
                                                PhotoField::Keywords, PhotoField::ReleaseAuthority, PhotoField::CommandShown,
                                                PhotoField::CreatorEmail}));
    Photo photo;
    photo.caption = u"Kept."_s;
    photo.unit = u"Replaced"_s;
    photo.state = u"Kept too"_s;
    const Photo applied = PhotoBatch::applied(photo, filled);
    QCOMPARE(applied.unit, u"Defense Media Activity"_s);
    QCOMPARE(applied.keywords, (QStringList{u"Hegseth"_s, u"Healey"_s}));
    QCOMPARE(applied.commandShown, u"USNORTHCOM"_s);
    QCOMPARE(applied.caption, u"Kept."_s);
    QCOMPARE(applied.state, u"Kept too"_s);
}

// A template is read when a menu asks for it; on a team library a change to
// one must not make every other desk reload its story list.
void TestPhotoTemplates::otherDesksAreNotToldOfStories()
{
    if (!TestLibraries::onPostgres())
        QSKIP("A library file has no other desks to tell (tst_phototemplates_postgresql has)");
    Library otherDesk;
    QVERIFY2(m_libraries->openAgain(otherDesk, u"Eve Editor"_s, PersonRole::Editor), qPrintable(m_libraries->errorString()));
    QVERIFY(otherDesk.hasLiveUpdates());
    QSignalSpy stories(&otherDesk, &Library::storiesChanged);
    QSignalSpy photos(&otherDesk, &Library::photosChanged);
    QSignalSpy glossary(&otherDesk, &Library::glossaryChanged);
    PhotoTemplateRepository repository(m_library.get());
    PhotoTemplate made = assignment();
    QCOMPARE(repository.save(made), PhotoTemplateRepository::SaveResult::Saved);
    made.values[PhotoField::City] = u"Norfolk"_s;
    QCOMPARE(repository.save(made), PhotoTemplateRepository::SaveResult::Saved);
    QVERIFY(repository.remove(made.id));
    // The server tells in commit order: once a later glossary change is
    // heard, the template's three changes have been heard too.
    QVERIFY(GlossaryRepository(m_library.get()).add(u"secdef"_s, u"Defense Secretary Pete Hegseth"_s));
    QTRY_COMPARE_WITH_TIMEOUT(glossary.count(), 1, 1000);
    QCOMPARE(stories.count(), 0);
    QCOMPARE(photos.count(), 0);
}

QTEST_GUILESS_MAIN(TestPhotoTemplates)
#include "tst_phototemplates.moc"
