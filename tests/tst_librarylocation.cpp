// SPDX-License-Identifier: MIT
#include "librarylocation.h"

#include <QDir>
#include <QTest>

using namespace Qt::StringLiterals;

using Parameters = QMap<QString, QString>;

class TestLibraryLocation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void filePaths_data();
    void filePaths();
    void urls_data();
    void urls();
    void refused_data();
    void refused();
    void displayName_data();
    void displayName();
};

void TestLibraryLocation::filePaths_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("path");
    QTest::addRow("absolute") << u"/srv/news/library.newsdesk"_s << u"/srv/news/library.newsdesk"_s;
    QTest::addRow("relative") << u"team/library.newsdesk"_s << QDir::current().filePath(u"team/library.newsdesk"_s);
    QTest::addRow("dots cleaned") << u"/srv/news/../news/./a.newsdesk"_s << u"/srv/news/a.newsdesk"_s;
    QTest::addRow("spaces around") << u"  /srv/a.newsdesk \n"_s << u"/srv/a.newsdesk"_s;
    // A colon in a file name is a file name, not a scheme.
    QTest::addRow("colon in name") << u"/srv/2026-11-30 10:00.newsdesk"_s << u"/srv/2026-11-30 10:00.newsdesk"_s;
    QTest::addRow("folder with ://") << u"/srv/a://b.newsdesk"_s << u"/srv/a:/b.newsdesk"_s;
}

void TestLibraryLocation::filePaths()
{
    QFETCH(QString, text);
    QFETCH(QString, path);
    QString error;
    const std::optional<LibraryLocation> location = LibraryLocation::parse(text, &error);
    QVERIFY2(location, qPrintable(error));
    QCOMPARE(location->engine(), LibraryLocation::Engine::SQLite);
    QVERIFY(!location->isTeamLibrary());
    QCOMPARE(location->path(), path);
    QCOMPARE(location->toString(), path);
}

void TestLibraryLocation::urls_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Parameters>("parameters");
    QTest::addRow("host and database") << u"postgresql://db.example.mil/newsroom"_s
                                       << Parameters{{u"host"_s, u"db.example.mil"_s}, {u"dbname"_s, u"newsroom"_s}};
    QTest::addRow("user, port, sslmode")
        << u"postgresql://walt@db.example.mil:6543/newsroom?sslmode=verify-full"_s
        << Parameters{{u"user"_s, u"walt"_s}, {u"host"_s, u"db.example.mil"_s}, {u"port"_s, u"6543"_s},
                      {u"dbname"_s, u"newsroom"_s}, {u"sslmode"_s, u"verify-full"_s}};
    QTest::addRow("socket folder") << u"postgresql://newsdesk@/newsdesk?host=/var/lib/newsdesk/team-server&port=55432"_s
                                   << Parameters{{u"user"_s, u"newsdesk"_s}, {u"host"_s, u"/var/lib/newsdesk/team-server"_s},
                                                 {u"port"_s, u"55432"_s}, {u"dbname"_s, u"newsdesk"_s}};
    QTest::addRow("percent escapes") << u"postgresql://j%20doe@%2Fvar%2Frun%2Fpostgresql/news%2Fdesk"_s
                                     << Parameters{{u"user"_s, u"j doe"_s}, {u"host"_s, u"/var/run/postgresql"_s},
                                                   {u"dbname"_s, u"news/desk"_s}};
    QTest::addRow("short scheme") << u"postgres://db/newsroom"_s
                                  << Parameters{{u"host"_s, u"db"_s}, {u"dbname"_s, u"newsroom"_s}};
    QTest::addRow("two hosts") << u"postgresql://db1:5432,db2:5433/newsroom?target_session_attrs=read-write"_s
                               << Parameters{{u"host"_s, u"db1,db2"_s}, {u"port"_s, u"5432,5433"_s}, {u"dbname"_s, u"newsroom"_s},
                                             {u"target_session_attrs"_s, u"read-write"_s}};
    QTest::addRow("Kerberos") << u"postgresql://db.example.mil/newsroom?gssencmode=require&krbsrvname=postgres"_s
                              << Parameters{{u"host"_s, u"db.example.mil"_s}, {u"dbname"_s, u"newsroom"_s},
                                            {u"gssencmode"_s, u"require"_s}, {u"krbsrvname"_s, u"postgres"_s}};
}

void TestLibraryLocation::urls()
{
    QFETCH(QString, text);
    QFETCH(Parameters, parameters);
    QString error;
    const std::optional<LibraryLocation> location = LibraryLocation::parse(text, &error);
    QVERIFY2(location, qPrintable(error));
    QCOMPARE(location->engine(), LibraryLocation::Engine::PostgreSQL);
    QVERIFY(location->isTeamLibrary());
    QCOMPARE(location->parameters(), parameters);
    QCOMPARE(location->toString(), text);
    QVERIFY(location->path().isEmpty());
}

void TestLibraryLocation::refused_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("says");
    QTest::addRow("empty") << u"  "_s << u"No library was named"_s;
    QTest::addRow("password in the URL") << u"postgresql://walt:hunter2@db/newsroom"_s << u"carries a password"_s;
    QTest::addRow("password parameter") << u"postgresql://db/newsroom?password=hunter2"_s << u"carries a password"_s;
    QTest::addRow("unknown parameter") << u"postgresql://db/newsroom?colour=blue"_s << u"colour"_s;
    QTest::addRow("bad port") << u"postgresql://db:port/newsroom"_s << u"not a PostgreSQL URL"_s;
    QTest::addRow("bad escape") << u"postgresql://db/news%zzroom"_s << u"not a PostgreSQL URL"_s;
    QTest::addRow("another engine") << u"mysql://db/newsroom"_s << u"starts with postgresql://"_s;
    QTest::addRow("NUL") << (u"/srv/a"_s + QChar(0) + u".newsdesk"_s) << u"NUL"_s;
}

void TestLibraryLocation::refused()
{
    QFETCH(QString, text);
    QFETCH(QString, says);
    QString error;
    QVERIFY(!LibraryLocation::parse(text, &error));
    QVERIFY2(error.contains(says), qPrintable(error));
    // The refusal never repeats a password it was given.
    QVERIFY2(!error.contains(u"hunter2"_s), qPrintable(error));
}

void TestLibraryLocation::displayName_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("name");
    QTest::addRow("file") << u"/srv/news/library.newsdesk"_s << u"library.newsdesk"_s;
    QTest::addRow("server") << u"postgresql://walt@db.example.mil/newsroom"_s << u"newsroom on db.example.mil"_s;
    QTest::addRow("socket") << u"postgresql:///newsroom?host=/run/postgresql"_s << u"newsroom on this computer"_s;
}

void TestLibraryLocation::displayName()
{
    QFETCH(QString, text);
    QFETCH(QString, name);
    const std::optional<LibraryLocation> location = LibraryLocation::parse(text);
    QVERIFY(location);
    QCOMPARE(location->displayName(), name);
}

QTEST_GUILESS_MAIN(TestLibraryLocation)
#include "tst_librarylocation.moc"
