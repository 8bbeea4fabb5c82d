// SPDX-License-Identifier: MIT
#include "repositoryerror.h"

#include "library.h"

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

void RepositoryError::clear()
{
    m_message.clear();
}

QString RepositoryError::message() const
{
    return m_message;
}
