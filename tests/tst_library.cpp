// SPDX-License-Identifier: MIT
#include "library.h"
#include "sqldialect.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestLibrary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void createsNewLibraryWithCurrentSchema();
    void reopensExistingLibrary();
    void usesWriteAheadLogAndForeignKeys();
    void refusesFilesThatAreNotLibraries_data();
    void refusesFilesThatAreNotLibraries();
    void refusesNewerSchemaWithoutWriting();
    void refusesReadOnlyLocation();
    void secondConnectionSeesCommittedWork();

private:
    QByteArray fileBytes(const QString &path);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestLibrary::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QByteArray TestLibrary::fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestLibrary::createsNewLibraryWithCurrentSchema()
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
    const QString path = m_dir->filePath(u"lib.newsdesk"_s);
    {
        Library library;
        QVERIFY(library.open(path));
        QSqlQuery(library.database()).exec(u"INSERT INTO people (name, role, created_at) VALUES ('Ann', 'editor', 'now')"_s);
    }
    Library library;
    QVERIFY2(library.open(path), qPrintable(library.errorString()));
    QVERIFY(!library.isNew());
    QSqlQuery query(library.database());
    QVERIFY(query.exec(u"SELECT name FROM people"_s) && query.next());
    QCOMPARE(query.value(0).toString(), u"Ann"_s);
}

void TestLibrary::usesWriteAheadLogAndForeignKeys()
{
    Library library;
    QVERIFY(library.open(m_dir->filePath(u"wal.newsdesk"_s)));
    QSqlQuery query(library.database());
    QVERIFY(query.exec(u"PRAGMA journal_mode"_s) && query.next());
    QCOMPARE(query.value(0).toString(), u"wal"_s);
    QVERIFY(query.exec(u"PRAGMA foreign_keys"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), 1);
}

void TestLibrary::refusesFilesThatAreNotLibraries_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("expected");
    QTest::newRow("plain text") << QByteArray("These are my notes, not a database.\n") << int(Library::OpenError::NotADatabase);
    QTest::newRow("truncated header") << QByteArray("SQLite for") << int(Library::OpenError::NotADatabase);
    QByteArray garbage("SQLite format 3\0", 16);
    garbage += QByteArray(4096, '\xff');
    QTest::newRow("valid magic, garbage after it") << garbage << int(Library::OpenError::NotADatabase);
}

void TestLibrary::refusesFilesThatAreNotLibraries()
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

void TestLibrary::refusesNewerSchemaWithoutWriting()
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
    QVERIFY(library.errorString().contains(u"newer Newsdesk"_s));
    QCOMPARE(fileBytes(path), before);
}

void TestLibrary::refusesReadOnlyLocation()
{
    if (geteuid() == 0)
        QSKIP("root can write to read-only files; this check only holds for ordinary users");
    const QString path = m_dir->filePath(u"ro.newsdesk"_s);
    {
        Library library;
        QVERIFY(library.open(path));
    }
    QFile::setPermissions(path, QFile::ReadOwner);
    Library library;
    QVERIFY(!library.open(path));
    QCOMPARE(library.openError(), Library::OpenError::ReadOnly);
}

void TestLibrary::secondConnectionSeesCommittedWork()
{
    const QString path = m_dir->filePath(u"two.newsdesk"_s);
    Library first;
    Library second;
    QVERIFY(first.open(path));
    QVERIFY(second.open(path));
    QVERIFY(QSqlQuery(first.database()).exec(u"INSERT INTO people (name, role, created_at) VALUES ('Bo', 'writer', 'now')"_s));
    QSqlQuery query(second.database());
    QVERIFY(query.exec(u"SELECT count(*) FROM people"_s) && query.next());
    QCOMPARE(query.value(0).toInt(), 1);
}

QTEST_GUILESS_MAIN(TestLibrary)
#include "tst_library.moc"
