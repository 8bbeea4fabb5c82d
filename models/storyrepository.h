// SPDX-License-Identifier: MIT
#pragma once

#include "repositoryerror.h"
#include "sqldialect.h"
#include "story.h"
#include "workflow.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>

class Library;
class QSqlDatabase;
class QSqlQuery;

// A saved state of a story's published texts (storyFields()), kept by every
// save.
struct Revision
{
    enum class Kind { Save, Autosave, Restore, Import };
    qint64 id = 0;
    qint64 storyId = 0;
    qint64 rowVersion = 0;
    Kind kind = Kind::Save;
    QString headline;
    QString dek;
    QString byline;
    QString dateline;
    QString body;
    QString correctionNote;
    // False for a revision saved before libraries kept the note (schema 5):
    // its note is unknown, shown as none, and a restore keeps the story's.
    bool correctionNoteRecorded = true;
    StoryStatus status = StoryStatus::Draft;
    QDateTime createdAt;
    QString createdBy;
};

struct SearchHit
{
    qint64 storyId = 0;
    double rank = 0; // lower is better (bm25)
    // The matching passage; the matched words are wrapped in
    // SearchHit::highlightStart / highlightEnd.
    QString snippet;
    static constexpr QChar highlightStart = QChar(0x02);
    static constexpr QChar highlightEnd = QChar(0x03);
};

// Reads and writes stories with prepared statements. Each failure leaves a
// message in errorString() for the caller to show.
class StoryRepository
{
public:
    explicit StoryRepository(Library *library);

    // NotAllowed: the workflow refused (errorString() says why).
    enum class SaveResult { Saved, Conflict, Failed, NotAllowed };

    // Inserts a new story; gives it a unique slug (from the headline when
    // empty; never all digits, see slugFromHeadline) and its first revision.
    // A status the library's actor may not start a story in
    // (Workflow::checkCreate) is refused, and nothing is written.
    std::optional<Story> create(Story story, Revision::Kind kind = Revision::Kind::Save);
    // Null when there is no such story or it could not be read; *readFailed
    // (when given) tells the two apart.
    std::optional<Story> load(qint64 id, bool *readFailed = nullptr);
    std::optional<Story> loadBySlug(const QString &slug);
    // Accepts a numeric id or a slug, as the command line does. All digits
    // name an id, always: no slug may be all digits, so none can stand in for
    // another story's id. A library from before that rule may hold such a
    // slug; when no story has the id, *hint (when given) names the story whose
    // slug it is, by its id, which reaches it.
    std::optional<Story> find(const QString &idOrSlug, QString *hint = nullptr);

    // Saves story if it still has the row version it was loaded with; on
    // success story gets its new version and times. A stale version is a
    // Conflict and changes nothing. The status is not saved: it moves only
    // through transition(). Autosaves within a few minutes of the
    // previous autosave by the same person share one revision.
    SaveResult save(Story &story, Revision::Kind kind = Revision::Kind::Save);
    // Moves the story through the workflow (see workflow.h) if the library's
    // actor may, from the stored status, and records who, when and the
    // comment in the audit log (a request for changes also as a comment on
    // the story; a correction's comment becomes the correction note). The
    // story must still have the version it was loaded with.
    SaveResult transition(Story &story, WorkflowAction action, const QString &comment = {});
    // The newest revision saved while the story was approved or published:
    // what "changes since the last approval" compares against.
    std::optional<Revision> lastApprovedRevision(qint64 storyId);

    std::optional<Story> duplicate(qint64 id);
    bool remove(qint64 id);

    qint64 count();

    // Proper names the spell check accepts in this story, sorted.
    std::optional<QStringList> acceptedNames(qint64 storyId);
    bool addAcceptedName(qint64 storyId, const QString &name);

    QList<Revision> revisions(qint64 storyId);
    std::optional<Revision> revision(qint64 revisionId);
    // Brings a revision's texts back as a new save of the story.
    SaveResult restore(Story &story, qint64 revisionId);

    // Full-text search over headline, dek, body and photo captions, best
    // first. A query that matches more than SqlDialect::ftsRankingWindow
    // stories ranks the newest of them.
    // Hits past the first snippetRows come without a snippet; snippets()
    // makes them when a view shows those hits.
    QList<SearchHit> search(const QString &userText, int limit = 50, int snippetRows = 10,
                            int window = SqlDialect::ftsRankingWindow);
    // The passages of the given stories that match ftsQuery (as made by
    // SqlDialect::ftsQueryFromUserText), with the matched words marked, by
    // story id: from the body when it matches, else from the dek, the
    // captions or the headline; a story that does not match has none. Ask for the rows a view
    // shows together: one call costs about as much as one story.
    static QHash<qint64, QString> snippets(const QSqlDatabase &database, const QString &ftsQuery,
                                           const QList<qint64> &storyIds);
    // Refreshes the search copy of one story (after its photos' captions change).
    bool reindex(qint64 storyId);

    QString errorString() const;

    static Story storyFromQuery(const QSqlQuery &query);

private:
    // The story whose column (a name of ours, never user text) holds value;
    // shown names it in a read error, missing is the error when none does.
    std::optional<Story> loadWhere(const QString &column, const QVariant &value, const QString &shown,
                                   const QString &missing, bool *readFailed = nullptr);
    bool writeRevision(const Story &story, Revision::Kind kind);
    bool writeSearchCopy(const Story &story);
    QString uniqueSlug(const QString &wanted);

    Library *m_library;
    RepositoryError m_error;
};

QString revisionKindKey(Revision::Kind kind);
