// SPDX-License-Identifier: MIT
// The team library on PostgreSQL (issue 13). For now: the real server the
// tests start for themselves, and Qt's PostgreSQL driver talking to it as
// distinct login roles, each held to its grants by the server.
#include "postgresserver.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;

class TestTeamLibrary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void loginRoleIsTheSessionUser();
    void serverHoldsARoleToItsGrants();

private:
    QSqlDatabase connectAs(const QString &role);

    PostgresServer m_server;
    int m_connections = 0;
};

void TestTeamLibrary::initTestCase()
{
    QVERIFY2(QSqlDatabase::isDriverAvailable(u"QPSQL"_s), "Qt's PostgreSQL driver (libqt6sql6-psql) is missing");
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    QVERIFY2(m_server.psql(u"CREATE DATABASE team"_s), qPrintable(m_server.errorString()));
    QVERIFY2(m_server.psql(u"CREATE ROLE walt LOGIN; CREATE ROLE eve LOGIN;"
                           u"CREATE TABLE approvals (story int, by_role text);"
                           u"GRANT SELECT ON approvals TO walt; GRANT SELECT, INSERT ON approvals TO eve;"_s,
                           u"team"_s),
             qPrintable(m_server.errorString()));
}

void TestTeamLibrary::cleanupTestCase()
{
    for (const QString &name : QSqlDatabase::connectionNames())
        QSqlDatabase::removeDatabase(name);
    m_server.stop();
}

QSqlDatabase TestTeamLibrary::connectAs(const QString &role)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, u"team-%1"_s.arg(++m_connections));
    db.setHostName(m_server.socketDirectory());
    db.setDatabaseName(u"team"_s);
    db.setUserName(role);
    if (!db.open())
        qWarning("cannot connect as %s: %s", qPrintable(role), qPrintable(db.lastError().text()));
    return db;
}

void TestTeamLibrary::loginRoleIsTheSessionUser()
{
    QSqlDatabase db = connectAs(u"walt"_s);
    QVERIFY(db.isOpen());
    QSqlQuery query(db);
    QVERIFY2(query.exec(u"SELECT session_user AS who"_s) && query.next(), qPrintable(query.lastError().text()));
    QCOMPARE(query.value(u"who"_s).toString(), u"walt"_s);
    // SET ROLE to a role one is not a member of is refused: nobody can claim
    // to be someone else once connected.
    QVERIFY(!query.exec(u"SET ROLE eve"_s));
}

void TestTeamLibrary::serverHoldsARoleToItsGrants()
{
    QSqlDatabase writer = connectAs(u"walt"_s);
    QSqlDatabase editor = connectAs(u"eve"_s);
    QVERIFY(writer.isOpen() && editor.isOpen());
    QSqlQuery asWriter(writer);
    QVERIFY(!asWriter.exec(u"INSERT INTO approvals VALUES (1, 'walt')"_s));
    QVERIFY2(asWriter.lastError().text().contains(u"permission denied"_s), qPrintable(asWriter.lastError().text()));
    QSqlQuery asEditor(editor);
    QVERIFY2(asEditor.exec(u"INSERT INTO approvals VALUES (1, session_user)"_s), qPrintable(asEditor.lastError().text()));
    QVERIFY(asWriter.exec(u"SELECT by_role FROM approvals"_s) && asWriter.next());
    QCOMPARE(asWriter.value(u"by_role"_s).toString(), u"eve"_s);
}

QTEST_GUILESS_MAIN(TestTeamLibrary)
#include "tst_teamlibrary.moc"
