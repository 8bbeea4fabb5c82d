// SPDX-License-Identifier: MIT
// The library's glossary (issue 15): its rules for entries and codes, the
// repository on both engines (tst_glossary_postgresql), who may change it,
// and the names stories accepted before it, carried into it.
#include "glossary.h"
#include "library.h"
#include "people.h"
#include "postgresdialect.h"
#include "storyrepository.h"
#include "testlibraries.h"
#include "workflow.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class TestGlossary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void codeExpandsWhenClosed_data();
    void codeExpandsWhenClosed();
    void hostileEntriesAreRefused_data();
    void hostileEntriesAreRefused();
    void wordsNamesAndCodes();
    void entriesAreAddedListedChangedAndDeleted();
    void takenCodeOrNameIsRefusedWithItsOwner();
    void writerAddsButOnlyAnEditorChanges();
    void serverRefusesAWritersRawChange();
    void storyNamesMoveIntoTheGlossary();
    void everyDeskHearsOfAChange();

private:
    std::unique_ptr<Library> m_library;
    std::unique_ptr<TestLibraries> m_libraries;
};

void TestGlossary::init()
{
    m_library.reset();
    m_libraries = std::make_unique<TestLibraries>();
    m_library = std::make_unique<Library>();
    QVERIFY2(m_libraries->open(*m_library, u"Eve Editor"_s, PersonRole::Editor), qPrintable(m_libraries->errorString()));
}

void TestGlossary::codeExpandsWhenClosed_data()
{
    QTest::addColumn<QString>("typed"); // | marks the cursor
    QTest::addColumn<QString>("expected"); // empty: nothing to expand

    const QString caine = u"Chairman of the Joint Chiefs of Staff Gen. Dan Caine"_s;
    QTest::newRow("a code on its own") << u"=cjcs=|"_s << caine;
    QTest::newRow("after a space") << u"Shown: =cjcs=|"_s << u"Shown: "_s + caine;
    QTest::newRow("after an opening parenthesis") << u"(=cjcs=|"_s << u"("_s + caine;
    QTest::newRow("before text already there") << u"=cjcs=| speaks."_s << caine + u" speaks."_s;
    QTest::newRow("with a digit and a hyphen") << u"=ddg-51=|"_s << u"USS Arleigh Burke (DDG 51)"_s;
    QTest::newRow("not yet closed") << u"=cjcs|"_s << QString();
    QTest::newRow("an unknown code") << u"=secdef=|"_s << QString();
    QTest::newRow("codes are case-sensitive") << u"=CJCS=|"_s << QString();
    QTest::newRow("after a letter: an equation, not a code") << u"x=cjcs=|"_s << QString();
    QTest::newRow("empty code") << u"==|"_s << QString();
    QTest::newRow("cursor not after the code") << u"=cjcs=| "_s.replace(u"| "_s, u" |"_s) << QString();
    QTest::newRow("a space inside") << u"=cj cs=|"_s << QString();
}

void TestGlossary::codeExpandsWhenClosed()
{
    QFETCH(QString, typed);
    QFETCH(QString, expected);
    const QHash<QString, QString> codes{{u"cjcs"_s, u"Chairman of the Joint Chiefs of Staff Gen. Dan Caine"_s},
                                        {u"ddg-51"_s, u"USS Arleigh Burke (DDG 51)"_s}};
    const qsizetype cursor = typed.indexOf(u'|');
    const QString text = QString(typed).remove(u'|');
    const std::optional<Typography::Replacement> replacement = Glossary::expansionAt(text, cursor, codes);
    if (expected.isEmpty()) {
        QVERIFY(!replacement);
        return;
    }
    QVERIFY(replacement);
    QString after = text;
    after.replace(replacement->offset, replacement->length, replacement->text);
    QCOMPARE(after, expected);
}

void TestGlossary::hostileEntriesAreRefused_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("saying"); // a word of the message

    QTest::newRow("NUL") << u"x"_s << u"Dan\0Caine"_s << u"U+0000"_s;
    QTest::newRow("escape") << u"x"_s << u"Dan \x1b[2JCaine"_s << u"U+001B"_s;
    QTest::newRow("right-to-left override") << u"x"_s << u"Dan \u202eeniaC"_s << u"U+202E"_s;
    QTest::newRow("line break") << u"x"_s << u"Dan\nCaine"_s << u"U+000A"_s;
    QTest::newRow("huge") << u"x"_s << QString(Glossary::maxTextLength + 1, u'a') << u"at most"_s;
    QTest::newRow("empty text") << u"x"_s << u"  "_s << u"expands"_s;
    QTest::newRow("empty name") << QString() << QString() << u"name"_s;
    QTest::newRow("spaces around") << QString() << u" Dan Caine"_s << u"spaces"_s;
    QTest::newRow("code with a space") << u"cj cs"_s << u"Dan Caine"_s << u"letters, digits"_s;
    QTest::newRow("code with an equals sign") << u"cj=cs"_s << u"Dan Caine"_s << u"letters, digits"_s;
    QTest::newRow("code with a non-ASCII letter") << u"cjcś"_s << u"Dan Caine"_s << u"letters, digits"_s;
    QTest::newRow("code too long") << QString(Glossary::maxCodeLength + 1, u'c') << u"Dan Caine"_s << u"at most"_s;
}

void TestGlossary::hostileEntriesAreRefused()
{
    QFETCH(QString, code);
    QFETCH(QString, text);
    QFETCH(QString, saying);
    const QString problem = Glossary::problem(code, text);
    QVERIFY2(problem.contains(saying), qPrintable(problem));
    // The repository refuses it the same way, and stores nothing.
    GlossaryRepository repository(m_library.get());
    QVERIFY(!repository.add(code, text));
    QCOMPARE(repository.errorString(), problem);
    QVERIFY(repository.entries()->isEmpty());
    // A clean entry passes.
    QVERIFY(Glossary::problem(u"cjcs"_s, u"Gen. Dan Caine"_s).isEmpty());
}

void TestGlossary::wordsNamesAndCodes()
{
    const QList<GlossaryEntry> entries{
        {.id = 1, .code = u"cjcs"_s, .text = u"Chairman of the Joint Chiefs of Staff Gen. Dan Caine"_s},
        {.id = 2, .code = {}, .text = u"Yokosuka"_s},
        {.id = 3, .code = {}, .text = u"Jean-Luc O’Neill"_s},
    };
    QCOMPARE(Glossary::codes(entries), (QHash<QString, QString>{{u"cjcs"_s, entries[0].text}}));
    const QStringList words = Glossary::words(entries);
    for (const QString &word : {u"Caine"_s, u"Gen"_s, u"Yokosuka"_s, u"Jean-Luc"_s, u"O'Neill"_s})
        QVERIFY2(words.contains(word), qPrintable(word));
    QVERIFY(!words.contains(u"cjcs"_s)); // the code is typed, never spelled in prose
    QCOMPARE(Glossary::names(entries).size(), 3);
}

void TestGlossary::entriesAreAddedListedChangedAndDeleted()
{
    GlossaryRepository repository(m_library.get());
    const std::optional<GlossaryEntry> caine = repository.add(u"cjcs"_s, u"Gen. Dan Caine"_s);
    QVERIFY2(caine, qPrintable(repository.errorString()));
    QCOMPARE(caine->createdBy, u"Eve Editor"_s);
    QVERIFY(repository.add(QString(), u"yokosuka"_s));
    QVERIFY(repository.add(QString(), u"Apra Harbor"_s));
    // By text, without regard to case.
    const QStringList texts = Glossary::names(*repository.entries());
    QCOMPARE(texts, (QStringList{u"Apra Harbor"_s, u"Gen. Dan Caine"_s, u"yokosuka"_s}));

    GlossaryEntry changed = *caine;
    changed.text = u"Chairman of the Joint Chiefs of Staff Gen. Dan Caine"_s;
    QVERIFY2(repository.update(changed), qPrintable(repository.errorString()));
    QCOMPARE(Glossary::codes(*repository.entries()).value(u"cjcs"_s), changed.text);

    QVERIFY2(repository.remove(caine->id), qPrintable(repository.errorString()));
    QVERIFY(Glossary::codes(*repository.entries()).isEmpty());
    QVERIFY(!repository.remove(caine->id));
    QVERIFY2(repository.errorString().contains(u"no entry"_s), qPrintable(repository.errorString()));

    // Each change is in the audit log, by whom.
    QStringList actions;
    for (const AuditEntry &entry : m_library->auditTrail()) {
        if (entry.entity == u"glossary"_s) {
            actions << entry.action;
            QCOMPARE(entry.actor, u"Eve Editor"_s);
        }
    }
    QCOMPARE(actions, (QStringList{u"glossary-add"_s, u"glossary-add"_s, u"glossary-add"_s, u"glossary-change"_s,
                                   u"glossary-delete"_s}));
}

void TestGlossary::takenCodeOrNameIsRefusedWithItsOwner()
{
    GlossaryRepository repository(m_library.get());
    QVERIFY(repository.add(u"cjcs"_s, u"Gen. Dan Caine"_s));
    QVERIFY(!repository.add(u"cjcs"_s, u"Someone else"_s));
    QVERIFY2(repository.errorString().contains(u"Gen. Dan Caine"_s), qPrintable(repository.errorString()));
    QVERIFY(repository.add(QString(), u"Yokosuka"_s));
    QVERIFY(!repository.add(QString(), u"Yokosuka"_s));
    QVERIFY2(repository.errorString().contains(u"already has"_s), qPrintable(repository.errorString()));
    // addName is content with a name that is there.
    QVERIFY(repository.addName(u"Yokosuka"_s));
    QCOMPARE(repository.entries()->size(), 2);
    // A change may not take another entry's code either.
    const std::optional<GlossaryEntry> other = repository.add(u"secdef"_s, u"Defense Secretary Pete Hegseth"_s);
    QVERIFY(other);
    GlossaryEntry clash = *other;
    clash.code = u"cjcs"_s;
    QVERIFY(!repository.update(clash));
    QVERIFY2(repository.errorString().contains(u"=cjcs="_s), qPrintable(repository.errorString()));
}

void TestGlossary::writerAddsButOnlyAnEditorChanges()
{
    GlossaryRepository asEditor(m_library.get());
    const std::optional<GlossaryEntry> caine = asEditor.add(u"cjcs"_s, u"Gen. Dan Caine"_s);
    QVERIFY(caine);

    QVERIFY2(m_libraries->actAs(*m_library, u"Walt Writer"_s, PersonRole::Writer), qPrintable(m_libraries->errorString()));
    GlossaryRepository asWriter(m_library.get());
    const std::optional<GlossaryEntry> added = asWriter.add(QString(), u"Yokosuka"_s);
    QVERIFY2(added, qPrintable(asWriter.errorString()));
    QCOMPARE(added->createdBy, u"Walt Writer"_s);
    GlossaryEntry changed = *caine;
    changed.text = u"Adm. Somebody Else"_s;
    QVERIFY(!asWriter.update(changed));
    QCOMPARE(asWriter.errorString(), Workflow::checkGlossaryChange(PersonRole::Writer).reason);
    QVERIFY(!asWriter.remove(caine->id));
    QCOMPARE(asWriter.errorString(), Workflow::checkGlossaryChange(PersonRole::Writer).reason);
    QCOMPARE(Glossary::codes(*asWriter.entries()).value(u"cjcs"_s), u"Gen. Dan Caine"_s);
}

void TestGlossary::serverRefusesAWritersRawChange()
{
    // On a team library the server is the judge: a writer who skips the
    // repository and writes SQL is refused. (A library file has no server:
    // whoever can write the file can write it; the repository's refusal
    // above is the rule there.)
    if (!TestLibraries::onPostgres())
        QSKIP("a library file has no server to refuse anything; tst_glossary_postgresql runs this");
    QVERIFY(GlossaryRepository(m_library.get()).add(u"cjcs"_s, u"Gen. Dan Caine"_s));
    QVERIFY2(m_libraries->actAs(*m_library, u"Walt Writer"_s, PersonRole::Writer), qPrintable(m_libraries->errorString()));
    QSqlQuery raw(m_library->database());
    QVERIFY(!raw.exec(u"UPDATE glossary SET text = 'Adm. Somebody Else' WHERE code = 'cjcs'"_s));
    QCOMPARE(raw.lastError().nativeErrorCode(), u"42501"_s);
    QVERIFY(!raw.exec(u"DELETE FROM glossary WHERE code = 'cjcs'"_s));
    QCOMPARE(raw.lastError().nativeErrorCode(), u"42501"_s);
    // Nor may a writer sign an entry as someone else.
    QVERIFY(!raw.exec(u"INSERT INTO glossary (code, text, created_by) VALUES ('x', 'X', 'Eve Editor')"_s));
    QCOMPARE(raw.lastError().nativeErrorCode(), u"42501"_s);
    // What they may do, they may do raw too: add.
    QVERIFY2(raw.exec(u"INSERT INTO glossary (code, text) VALUES ('secdef', 'Pete Hegseth')"_s), qPrintable(raw.lastError().text()));
    QVERIFY(raw.exec(u"SELECT created_by FROM glossary WHERE code = 'secdef'"_s) && raw.next());
    QCOMPARE(raw.value(0).toString(), u"Walt Writer"_s);
}

void TestGlossary::storyNamesMoveIntoTheGlossary()
{
    // A library whose stories accepted names one by one, from before the
    // glossary: the migration copies each name once into the glossary, and
    // keeps the stories' own lists.
    if (TestLibraries::onPostgres()) {
        // A team library at format 1: today's without the glossary. Its
        // administrator's set-up migrates it; the grants come along.
        QSqlDatabase owner = m_libraries->ownerDatabase(*m_library);
        StoryRepository stories(m_library.get());
        const qint64 a = stories.create(Story{.headline = u"A"_s})->id;
        const qint64 b = stories.create(Story{.headline = u"B"_s})->id;
        m_library->close();
        QSqlQuery query(owner);
        for (const QString &statement :
             {u"DROP TABLE newsdesk.glossary"_s, u"UPDATE newsdesk.library_info SET value = '1' WHERE key = 'schema_version'"_s,
              u"INSERT INTO newsdesk.story_names (story_id, name) VALUES (%1, 'Healey'), (%1, 'Hegseth'), (%2, 'Healey'), "
              "(%2, 'Yokosuka')"_s.arg(a).arg(b)})
            QVERIFY2(query.exec(statement), qPrintable(statement + u'\n' + query.lastError().text()));
        QString error;
        QCOMPARE(TeamSetup::setUp(owner, &error), TeamSetup::SetupResult::Migrated);
        QVERIFY2(m_libraries->actAs(*m_library, u"Walt Writer"_s, PersonRole::Writer), qPrintable(m_libraries->errorString()));
        GlossaryRepository asWalt(m_library.get());
        QCOMPARE(Glossary::names(*asWalt.entries()), (QStringList{u"Healey"_s, u"Hegseth"_s, u"Yokosuka"_s}));
        QVERIFY2(asWalt.add(u"cjcs"_s, u"Gen. Dan Caine"_s), qPrintable(asWalt.errorString()));
        QSqlQuery raw(m_library->database());
        QVERIFY(!raw.exec(u"DELETE FROM glossary"_s));
        QCOMPARE(raw.lastError().nativeErrorCode(), u"42501"_s);
        QCOMPARE(*StoryRepository(m_library.get()).acceptedNames(a), (QStringList{u"Healey"_s, u"Hegseth"_s}));
        return;
    }
    QTemporaryDir dir;
    const QString path = dir.filePath(u"v5.newsdesk"_s);
    {
        QFile schemaFile(QStringLiteral(NEWSDESK_SOURCE_DIR "/tests/data/schema-v5.sql"));
        QVERIFY(schemaFile.open(QIODevice::ReadOnly | QIODevice::Text));
        QString schema;
        for (const QString &line : QString::fromUtf8(schemaFile.readAll()).split(u'\n')) {
            if (!line.startsWith(u"--"_s))
                schema += line + u'\n';
        }
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v5"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        for (const QString &statement : schema.split(u";\n"_s, Qt::SkipEmptyParts)) {
            if (!statement.trimmed().isEmpty())
                QVERIFY2(query.exec(statement), qPrintable(statement + u'\n' + query.lastError().text()));
        }
        for (const QString &statement :
             {u"INSERT INTO stories (id, slug, created_at, updated_at) VALUES (1, 'a', '2025-03-06T00:00:00.000Z', "
              "'2025-03-06T00:00:00.000Z'), (2, 'b', '2025-03-06T00:00:00.000Z', '2025-03-06T00:00:00.000Z')"_s,
              u"INSERT INTO story_names (story_id, name) VALUES (1, 'Healey'), (1, 'Hegseth'), (2, 'Healey'), (2, 'Yokosuka')"_s,
              u"PRAGMA user_version = 5"_s, u"PRAGMA application_id = %1"_s.arg(SqlDialect::applicationId)})
            QVERIFY2(query.exec(statement), qPrintable(statement + u'\n' + query.lastError().text()));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"v5"_s);
    Library library;
    QVERIFY2(library.open(path), qPrintable(library.errorString()));
    QCOMPARE(library.schemaVersion(), SqlDialect::currentSchemaVersion);
    QCOMPARE(Glossary::names(*GlossaryRepository(&library).entries()),
             (QStringList{u"Healey"_s, u"Hegseth"_s, u"Yokosuka"_s}));
    QCOMPARE(*StoryRepository(&library).acceptedNames(1), (QStringList{u"Healey"_s, u"Hegseth"_s}));
}

// A change to the glossary is news: this library says so as it is stored
// (a refused one is not), and on a team library every other desk hears of
// it from the server within a second, as a glossary change, not a story's.
// On a file, another process's change is read at its next story.
void TestGlossary::everyDeskHearsOfAChange()
{
    QSignalSpy own(m_library.get(), &Library::glossaryChanged);
    GlossaryRepository repository(m_library.get());
    std::optional<GlossaryEntry> caine = repository.add(u"cjcs"_s, u"Gen. Dan Caine"_s);
    QVERIFY2(caine, qPrintable(repository.errorString()));
    QCOMPARE(own.count(), 1);
    caine->text = u"Chairman of the Joint Chiefs of Staff Gen. Dan Caine"_s;
    QVERIFY(repository.update(*caine));
    QCOMPARE(own.count(), 2);
    QVERIFY(!repository.add(u"cjcs"_s, u"Somebody Else"_s));
    QVERIFY(!repository.add(QString(), u"Dan\nCaine"_s));
    QCOMPARE(own.count(), 2);
    QVERIFY(repository.remove(caine->id));
    QCOMPARE(own.count(), 3);
    if (!TestLibraries::onPostgres())
        return;

    Library otherDesk;
    QVERIFY2(m_libraries->openAgain(otherDesk, u"Walt Writer"_s, PersonRole::Writer), qPrintable(m_libraries->errorString()));
    QVERIFY(otherDesk.hasLiveUpdates());
    QSignalSpy heard(&otherDesk, &Library::glossaryChanged);
    QSignalSpy stories(&otherDesk, &Library::storiesChanged);
    QVERIFY(repository.add(u"secdef"_s, u"Defense Secretary Pete Hegseth"_s));
    QTRY_COMPARE_WITH_TIMEOUT(heard.count(), 1, 1000);
    QCOMPARE(Glossary::codes(*GlossaryRepository(&otherDesk).entries()).value(u"secdef"_s), u"Defense Secretary Pete Hegseth"_s);
    // And the other way: the writer's name reaches the editor's desk.
    QVERIFY(GlossaryRepository(&otherDesk).addName(u"Yokosuka"_s));
    QTRY_COMPARE_WITH_TIMEOUT(own.count(), 5, 1000);
    QCOMPARE(heard.count(), 2); // its own, announced by its repository, not twice
    QCOMPARE(stories.count(), 0);
}

QTEST_GUILESS_MAIN(TestGlossary)
#include "tst_glossary.moc"
