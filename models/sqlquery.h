// SPDX-License-Identifier: MIT
#pragma once

#include <QSqlQuery>

// The query every repository runs. Its exec() does not run a statement
// whose prepare() failed: it returns false and lastError() keeps the
// prepare's own error.
//
// Qt's PostgreSQL driver prepares on the server (PREPARE), which parses the
// statement under a lock on every table it names, so preparing fails when
// another session holds one (the administrator's `team setup` migrating it,
// LOCK TABLE over psql) and lock_timeout runs out. QSqlQuery::exec() would
// then send an EXECUTE with no statement name and report that as a syntax
// error, where the user needs "the library is busy" (tst_teamlibrary).
class SqlQuery : public QSqlQuery
{
public:
    using QSqlQuery::QSqlQuery;

    bool prepare(const QString &statement)
    {
        m_prepared = QSqlQuery::prepare(statement);
        return m_prepared;
    }
    bool exec()
    {
        return m_prepared && QSqlQuery::exec();
    }
    bool exec(const QString &statement)
    {
        m_prepared = true;
        return QSqlQuery::exec(statement);
    }

private:
    bool m_prepared = true;
};
