// SPDX-License-Identifier: MIT
// Opening a library: what holds on both engines (tests/testlibraries.h) in
// TestLibrary, what is about the SQLite file itself (its header, pragmas,
// permissions, damage, another program's lock) in TestLibraryFile; a team
// library's own open errors are tst_teamlibrary's.
#include "library.h"
#include "postgresdialect.h"
#include "sqldialect.h"
#include "storyrepository.h"
#include "testlibraries.h"

#include <QCoreApplication>
#include <QFile>
#include <QMetaEnum>
#include <QProcess>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

#include <grp.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

class TestLibrary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void reopensExistingLibrary();
    void refusesNewerSchemaWithoutWriting();
    void secondConnectionSeesCommittedWork();
};

class TestLibraryFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void createsNewLibraryWithCurrentSchema();
    void usesWriteAheadLogAndForeignKeys();
    void refusesFilesThatAreNotLibraries_data();
    void refusesFilesThatAreNotLibraries();
    void refusesNewerFileWithoutWritingIt();
    void refusesReadOnlyLocation();
    void refusesOtherProgramsDatabase();
    void damagedLibraryIsReportedNotCrashed_data();
    void damagedLibraryIsReportedNotCrashed();
    void libraryLockedByAnotherProgramIsReported();

private:
    QByteArray fileBytes(const QString &path);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestLibraryFile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QByteArray TestLibraryFile::fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestLibraryFile::createsNewLibraryWithCurrentSchema()
{
    Library library;
    const QString path = m_dir->filePath(u"sub/folder/new.newsdesk"_s);
    QVERIFY2(library.open(path), qPrintable(library.errorString()));
    QVERIFY(library.isNew());
    QCOMPARE(library.schemaVersion(), SqlDialect::currentSchemaVersion);
    QSqlQuery query(library.database());
    QVERIFY(query.exec(u"PRAGMA application_id"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), SqlDialect::applicationId);
    QVERIFY(query.exec(u"SELECT count(*) FROM sqlite_master WHERE name IN ('stories', 'photos', 'revisions', 'story_search')"_s));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 4);
}

void TestLibrary::reopensExistingLibrary()
{
    TestLibraries libraries;
    {
        Library library;
        QVERIFY2(libraries.open(library, u"Ann Editor"_s, PersonRole::Editor), qPrintable(libraries.errorString()));
        // A file is new when open() made it; a team library never is (team
        // setup made it, and it has no sample story to be seeded with).
        QCOMPARE(library.isNew(), !TestLibraries::onPostgres());
        QVERIFY(StoryRepository(&library).create(Story{.headline = u"Kept"_s}));
    }
    Library library;
    QVERIFY2(libraries.openAgain(library, u"Ann Editor"_s, PersonRole::Editor), qPrintable(libraries.errorString()));
    QVERIFY(!library.isNew());
    QCOMPARE(StoryRepository(&library).load(1).value_or(Story{}).headline, u"Kept"_s);
}

void TestLibraryFile::usesWriteAheadLogAndForeignKeys()
{
    Library library;
    QVERIFY(library.open(m_dir->filePath(u"wal.newsdesk"_s)));
    QSqlQuery query(library.database());
    QVERIFY(query.exec(u"PRAGMA journal_mode"_s) && query.next());
    QCOMPARE(query.value(0).toString(), u"wal"_s);
    QVERIFY(query.exec(u"PRAGMA foreign_keys"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), 1);
}

void TestLibraryFile::refusesFilesThatAreNotLibraries_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("expected");
    QTest::newRow("plain text") << QByteArray("These are my notes, not a database.\n") << int(Library::OpenError::NotADatabase);
    QTest::newRow("truncated header") << QByteArray("SQLite for") << int(Library::OpenError::NotADatabase);
    QByteArray garbage("SQLite format 3\0", 16);
    garbage += QByteArray(4096, '\xff');
    QTest::newRow("valid magic, garbage after it") << garbage << int(Library::OpenError::NotADatabase);
}

void TestLibraryFile::refusesFilesThatAreNotLibraries()
{
    QFETCH(QByteArray, content);
    QFETCH(int, expected);
    const QString path = m_dir->filePath(u"broken.newsdesk"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();

    Library library;
    QVERIFY(!library.open(path));
    QCOMPARE(int(library.openError()), expected);
    QVERIFY(library.errorString().contains(u"broken.newsdesk"_s));
    QVERIFY(!library.isOpen());
    QCOMPARE(fileBytes(path), content); // nothing written
    QVERIFY(!QFile::exists(path + u"-wal"_s));
}

// A library written by a newer Newsdesk is refused, and opening it changes
// nothing: on a file not a byte (TestLibraryFile::refusesNewerFileWithoutWritingIt),
// on a team library not its recorded format.
void TestLibrary::refusesNewerSchemaWithoutWriting()
{
    const int newer = (TestLibraries::onPostgres() ? PostgresDialect::currentSchemaVersion : SqlDialect::currentSchemaVersion) + 1;
    TestLibraries libraries;
    Library first;
    QVERIFY2(libraries.open(first, u"Ann Editor"_s, PersonRole::Editor), qPrintable(libraries.errorString()));
    QSqlDatabase owner = libraries.ownerDatabase(first);
    const QString version = TestLibraries::onPostgres()
        ? u"(SELECT value::integer FROM newsdesk.library_info WHERE key = 'schema_version')"_s
        : u"(SELECT user_version FROM pragma_user_version)"_s;
    QSqlQuery query(owner);
    QVERIFY2(query.exec(TestLibraries::onPostgres()
                            ? u"UPDATE newsdesk.library_info SET value = '%1' WHERE key = 'schema_version'"_s.arg(newer)
                            : u"PRAGMA user_version = %1"_s.arg(newer)),
             qPrintable(query.lastError().text()));

    Library library;
    QVERIFY(!libraries.openAgain(library, u"Ann Editor"_s, PersonRole::Editor));
    QCOMPARE(library.openError(), Library::OpenError::NewerSchema);
    QVERIFY2(library.errorString().contains(u"newer Newsdesk"_s), qPrintable(library.errorString()));
    QVERIFY(!library.isOpen());
    QVERIFY(query.exec(u"SELECT "_s + version) && query.next());
    QCOMPARE(query.value(0).toInt(), newer);
}

void TestLibraryFile::refusesNewerFileWithoutWritingIt()
{
    const QString path = m_dir->filePath(u"future.newsdesk"_s);
    {
        Library library;
        QVERIFY(library.open(path));
        QSqlQuery(library.database()).exec(u"PRAGMA user_version = %1"_s.arg(SqlDialect::currentSchemaVersion + 1));
        QSqlQuery(library.database()).exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s);
    }
    const QByteArray before = fileBytes(path);
    Library library;
    QVERIFY(!library.open(path));
    QCOMPARE(library.openError(), Library::OpenError::NewerSchema);
    QCOMPARE(fileBytes(path), before);
}

void TestLibraryFile::refusesReadOnlyLocation()
{
    const QString path = m_dir->filePath(u"ro.newsdesk"_s);
    {
        Library library;
        QVERIFY(library.open(path));
    }
    const QByteArray before = fileBytes(path);
    const auto readable = QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther;
    const auto enterable = QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther;
    // The child runs a copy of this test beside the library, so that user
    // "nobody" can start it wherever the build folder lies and whoever may
    // read it: the precondition always holds, and a child that cannot start
    // fails the test rather than skipping it.
    const QString program = m_dir->filePath(u"tst_library"_s);
    QVERIFY(QFile::copy(QCoreApplication::applicationFilePath(), program));
    QVERIFY(QFile::setPermissions(program, readable | enterable));
    QVERIFY(QFile::setPermissions(path, readable));
    QVERIFY(QFile::setPermissions(m_dir->path(), readable | enterable));
    const auto restorePermissions = qScopeGuard([&] {
        QFile::setPermissions(m_dir->path(), readable | enterable | QFile::WriteOwner);
        QFile::setPermissions(path, readable | QFile::WriteOwner);
    });

    // Root may write to read-only files, so as root the library is opened by
    // a child that has given root up (user and group "nobody").
    QProcess child;
    if (geteuid() == 0) {
        child.setChildProcessModifier([] {
            if (setgroups(0, nullptr) != 0 || setgid(65534) != 0 || setuid(65534) != 0)
                _exit(3);
        });
    }
    child.start(program, {u"--open-library"_s, path});
    QVERIFY2(child.waitForStarted(), qPrintable(u"cannot start %1 as user nobody: %2"_s.arg(program, child.errorString())));
    QVERIFY(child.waitForFinished());
    QCOMPARE(child.exitStatus(), QProcess::NormalExit);
    QVERIFY2(child.exitCode() == 0, qPrintable(u"the child exited with %1 (3: it could not become user nobody): %2"_s
                                                   .arg(child.exitCode())
                                                   .arg(QString::fromUtf8(child.readAllStandardError()))));
    const QStringList output = QString::fromUtf8(child.readAllStandardOutput()).split(u'\n');
    QCOMPARE(output.value(0), u"ReadOnly"_s);
    QVERIFY2(output.value(1).contains(u"read-only location"_s), qPrintable(output.value(1)));
    QCOMPARE(fileBytes(path), before);
    QVERIFY(!QFile::exists(path + u"-wal"_s));
}

void TestLibrary::secondConnectionSeesCommittedWork()
{
    TestLibraries libraries;
    Library first;
    Library second;
    QVERIFY2(libraries.open(first, u"Bo Writer"_s, PersonRole::Writer), qPrintable(libraries.errorString()));
    QVERIFY2(libraries.openAgain(second, u"Bo Writer"_s, PersonRole::Writer), qPrintable(libraries.errorString()));
    QVERIFY(StoryRepository(&first).create(Story{.headline = u"Seen"_s}));
    QCOMPARE(StoryRepository(&second).count(), 1);
}

void TestLibraryFile::refusesOtherProgramsDatabase()
{
    const QString path = m_dir->filePath(u"other.sqlite"_s);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"other-program"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QVERIFY(QSqlQuery(db).exec(u"CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)"_s));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"other-program"_s);
    const QByteArray before = fileBytes(path);
    Library library;
    QVERIFY(!library.open(path));
    QCOMPARE(library.openError(), Library::OpenError::NotALibrary);
    QCOMPARE(fileBytes(path), before);
}

// A library of 400 stories (about 250 pages), damaged in two ways SQLite
// meets differently: cut in half, the file is shorter than its header says,
// and opening it is refused; with pages in the middle overwritten, the header
// and schema (page 1) are whole, so it opens, and reading the stories fails.
// Either way the user is told the file is damaged, and nothing crashes.
void TestLibraryFile::damagedLibraryIsReportedNotCrashed_data()
{
    QTest::addColumn<bool>("cut");
    QTest::newRow("cut in half") << true;
    QTest::newRow("pages in the middle overwritten") << false;
}

void TestLibraryFile::damagedLibraryIsReportedNotCrashed()
{
    QFETCH(bool, cut);
    const QString path = m_dir->filePath(u"cut.newsdesk"_s);
    {
        Library library;
        QVERIFY(library.open(path));
        QSqlQuery query(library.database());
        QVERIFY(query.exec(u"BEGIN"_s));
        for (int i = 0; i < 400; ++i) {
            query.prepare(u"INSERT INTO stories (slug, headline, body, created_at, updated_at) VALUES (:s, 'h', :b, 'now', 'now')"_s);
            query.bindValue(u":s"_s, u"s%1"_s.arg(i));
            query.bindValue(u":b"_s, QString(2000, u'x'));
            QVERIFY(query.exec());
        }
        QVERIFY(query.exec(u"COMMIT"_s));
        QVERIFY(query.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s));
    }
    QFile file(path);
    if (cut) {
        QVERIFY(file.resize(file.size() / 2));
    } else {
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.seek(file.size() * 2 / 5));
        QCOMPARE(file.write(QByteArray(file.size() / 5, '\xa5')), file.size() / 5);
        file.close();
    }
    const QByteArray damaged = fileBytes(path);

    Library library;
    if (cut) {
        QVERIFY(!library.open(path));
        QCOMPARE(library.openError(), Library::OpenError::Corrupt);
        QVERIFY2(library.errorString().contains(u"cut.newsdesk is damaged"_s), qPrintable(library.errorString()));
        QCOMPARE(fileBytes(path), damaged); // nothing written
        QVERIFY(!QFile::exists(path + u"-wal"_s));
        return;
    }
    QVERIFY2(library.open(path), qPrintable(library.errorString()));
    QSqlQuery query(library.database());
    QVERIFY(!(query.exec(u"SELECT sum(length(body)) FROM stories"_s) && query.next()));
    const QString message = Library::describeError(query, u"Reading"_s);
    QVERIFY2(message.startsWith(u"Reading: the library file is damaged ("_s), qPrintable(message));
}

void TestLibraryFile::libraryLockedByAnotherProgramIsReported()
{
    const QString path = m_dir->filePath(u"held.newsdesk"_s);
    {
        Library library;
        QVERIFY(library.open(path));
    }
    // Another program holding an exclusive lock, as a backup tool might.
    QSqlDatabase other = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"holder"_s);
    other.setDatabaseName(path);
    QVERIFY(other.open());
    QSqlQuery hold(other);
    QVERIFY(hold.exec(u"PRAGMA journal_mode = DELETE"_s));
    QVERIFY(hold.exec(u"PRAGMA locking_mode = EXCLUSIVE"_s));
    QVERIFY(hold.exec(u"BEGIN EXCLUSIVE"_s));
    QVERIFY(hold.exec(u"INSERT INTO people (name, role, created_at) VALUES ('Holder', 'writer', 'now')"_s));

    Library library;
    library.setBusyTimeout(200);
    QVERIFY(!library.open(path));
    QCOMPARE(library.openError(), Library::OpenError::Busy);
    QVERIFY(library.errorString().contains(u"locked by another program"_s));

    QVERIFY(hold.exec(u"ROLLBACK"_s));
    hold.finish();
    other.close();
    other = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"holder"_s);
    QVERIFY2(library.open(path), qPrintable(library.errorString()));
}

// Child mode for refusesReadOnlyLocation: open the library at PATH and print
// the OpenError key and the message.
static int openLibrary(const QString &path)
{
    Library library;
    library.open(path);
    const QByteArray key = QMetaEnum::fromType<Library::OpenError>().valueToKey(int(library.openError()));
    std::printf("%s\n%s\n", key.constData(), qPrintable(library.errorString()));
    return 0;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    if (arguments.size() == 3 && arguments.at(1) == u"--open-library"_s)
        return openLibrary(arguments.at(2));
    TestLibrary bothEngines;
    TestLibraryFile onFile;
    return TestLibraries::exec(&bothEngines, &onFile, argc, argv);
}
#include "tst_library.moc"
