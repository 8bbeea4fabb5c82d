// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

class QSqlQuery;

// A repository's last failure, as its errorString() gives it to the caller.
// Every repository (and WriteTransaction on its behalf) records failures
// here, so a failed statement reads the same wherever it happened: what was
// being done, then why, as Library::describeError says it (busy, read-only
// or damaged in words a user can act on; else the driver's text).
class RepositoryError
{
public:
    // A statement failed while doing `what` ("Cannot read the comments").
    // Always false, so that a caller can `return m_error.fail(query, …);`.
    bool fail(const QSqlQuery &query, const QString &what);
    // A failure no statement reported: a refusal, a missing row, a check.
    bool fail(const QString &message);

    // How a team library's server function (newsdesk.transition,
    // decide_caption) refused: the caller's copy was stale, the caller's role
    // may not, or anything else. The message is the server's own words.
    enum class Refusal { Conflict, NotAllowed, Failed };
    Refusal failFromServer(const QSqlQuery &query, const QString &what);
    // A repository's SaveResult (Conflict, NotAllowed, Failed) for refusal.
    template <typename SaveResult>
    static SaveResult as(Refusal refusal)
    {
        switch (refusal) {
        case Refusal::Conflict:
            return SaveResult::Conflict;
        case Refusal::NotAllowed:
            return SaveResult::NotAllowed;
        case Refusal::Failed:
            break;
        }
        return SaveResult::Failed;
    }
    void clear();
    QString message() const;

private:
    QString m_message;
};
