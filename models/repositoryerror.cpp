// SPDX-License-Identifier: MIT
#include "repositoryerror.h"

#include "library.h"
#include "postgresdialect.h"

#include <QSqlError>
#include <QSqlQuery>

bool RepositoryError::fail(const QSqlQuery &query, const QString &what)
{
    m_message = Library::describeError(query, what);
    return false;
}

bool RepositoryError::fail(const QString &message)
{
    m_message = message;
    return false;
}

RepositoryError::Refusal RepositoryError::failFromServer(const QSqlQuery &query, const QString &what)
{
    const QSqlError error = query.lastError();
    if (error.nativeErrorCode() == QLatin1StringView(PostgresDialect::staleCopyState)) {
        m_message = PostgresDialect::serverMessage(error);
        return Refusal::Conflict;
    }
    fail(query, what);
    return SqlDialect::postgres().errorKind(error) == SqlDialect::ErrorKind::PermissionDenied ? Refusal::NotAllowed
                                                                                            : Refusal::Failed;
}

void RepositoryError::clear()
{
    m_message.clear();
}

QString RepositoryError::message() const
{
    return m_message;
}
