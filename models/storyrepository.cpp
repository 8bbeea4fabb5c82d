// SPDX-License-Identifier: MIT
#include "storyrepository.h"

#include "library.h"
#include "people.h"
#include "sqldialect.h"
#include "sqlquery.h"
#include "textsafety.h"
#include "workflow.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTimeZone>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace {

// Autosaves this close to the previous autosave by the same person update
// that revision instead of adding one, so history stays readable.
constexpr qint64 autosaveCoalesceSeconds = 10 * 60;

const QString storyColumns = u"id, slug, headline, dek, byline, dateline, body, status, created_at, created_by, "
                             "updated_at, updated_by, row_version, correction_note, embargo_until, published_at"_s;
const QString revisionColumns = u"id, story_id, row_version, kind, headline, dek, byline, dateline, body, "
                                "correction_note, status, created_at, created_by"_s;

QDateTime fromIso(const QVariant &value)
{
    QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    time.setTimeZone(QTimeZone::UTC);
    return time;
}

QString utcText(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

} // namespace

QString revisionKindKey(Revision::Kind kind)
{
    switch (kind) {
    case Revision::Kind::Save:
        return u"save"_s;
    case Revision::Kind::Autosave:
        return u"autosave"_s;
    case Revision::Kind::Restore:
        return u"restore"_s;
    case Revision::Kind::Import:
        return u"import"_s;
    }
    return {};
}

static Revision revisionFromQuery(const QSqlQuery &query);

StoryRepository::StoryRepository(Library *library)
    : m_library(library)
{
}

QString StoryRepository::errorString() const
{
    return m_error.message();
}

Story StoryRepository::storyFromQuery(const QSqlQuery &query)
{
    const QSqlRecord record = query.record();
    auto value = [&](const char *name) { return query.value(record.indexOf(QLatin1StringView(name))); };
    Story story;
    story.id = value("id").toLongLong();
    story.slug = value("slug").toString();
    story.headline = value("headline").toString();
    story.dek = value("dek").toString();
    story.byline = value("byline").toString();
    story.dateline = value("dateline").toString();
    story.body = value("body").toString();
    story.status = storyStatusFromKey(value("status").toString()).value_or(StoryStatus::Draft);
    story.createdAt = fromIso(value("created_at"));
    story.createdBy = value("created_by").toString();
    story.updatedAt = fromIso(value("updated_at"));
    story.updatedBy = value("updated_by").toString();
    story.rowVersion = value("row_version").toLongLong();
    story.correctionNote = value("correction_note").toString();
    const QString embargo = value("embargo_until").toString();
    if (!embargo.isEmpty())
        story.embargoUntil = fromIso(embargo);
    const QString published = value("published_at").toString();
    if (!published.isEmpty())
        story.publishedAt = fromIso(published);
    return story;
}

QString StoryRepository::uniqueSlug(const QString &wanted)
{
    const QString base = wanted.isEmpty() ? u"story"_s : wanted;
    SqlQuery query(m_library->database());
    query.prepare(u"SELECT slug FROM stories WHERE slug = :slug OR slug LIKE :pattern ESCAPE '\\'"_s);
    QString escaped = base;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
    query.bindValue(u":slug"_s, base);
    query.bindValue(u":pattern"_s, QString(escaped + u"-%"_s));
    if (!query.exec())
        return base;
    QSet<QString> taken;
    while (query.next())
        taken.insert(query.value(u"slug"_s).toString());
    if (!taken.contains(base))
        return base;
    for (int n = 2;; ++n) {
        const QString candidate = u"%1-%2"_s.arg(base).arg(n);
        if (!taken.contains(candidate))
            return candidate;
    }
}

std::optional<Story> StoryRepository::create(Story story, Revision::Kind kind)
{
    // What the library holds is clean, whoever calls (textsafety.h).
    TextSafety::cleanStory(story);
    if (const QString problem = bodyLengthProblem(story.body); !problem.isEmpty()) {
        m_error.fail(problem);
        return std::nullopt;
    }
    const Workflow::Verdict verdict = Workflow::checkCreate(PeopleRepository(m_library).roleOfActor(), story.status);
    if (!verdict.allowed) {
        m_error.fail(verdict.reason);
        return std::nullopt;
    }
    WriteTransaction transaction(m_library, &m_error);
    if (!transaction.begin())
        return std::nullopt;
    story.slug = uniqueSlug(story.slug.isEmpty() ? slugFromHeadline(story.headline) : slugFromHeadline(story.slug));
    const QString now = Library::nowUtc();
    // Only a story that arrives published (an import) has a publication date.
    if (story.status != StoryStatus::Published)
        story.publishedAt = QDateTime();
    else if (!story.publishedAt.isValid())
        story.publishedAt = fromIso(now);
    SqlQuery query(m_library->database());
    query.prepare(u"INSERT INTO stories (slug, headline, dek, byline, dateline, body, status, created_at, created_by, "
                  "updated_at, updated_by, correction_note, embargo_until, published_at) VALUES (:slug, "
                  ":headline, :dek, :byline, :dateline, :body, :status, :now, :actor, :now, :actor, :note, :embargo, "
                  ":published) RETURNING id"_s);
    query.bindValue(u":published"_s, sqlText(utcText(story.publishedAt)));
    query.bindValue(u":slug"_s, sqlText(story.slug));
    query.bindValue(u":headline"_s, sqlText(story.headline));
    query.bindValue(u":dek"_s, sqlText(story.dek));
    query.bindValue(u":byline"_s, sqlText(story.byline));
    query.bindValue(u":dateline"_s, sqlText(story.dateline));
    query.bindValue(u":body"_s, sqlText(story.body));
    query.bindValue(u":status"_s, storyStatusKey(story.status));
    query.bindValue(u":now"_s, now);
    query.bindValue(u":actor"_s, sqlText(m_library->actor()));
    query.bindValue(u":note"_s, sqlText(story.correctionNote));
    query.bindValue(u":embargo"_s, sqlText(utcText(story.embargoUntil)));
    if (!query.exec() || !query.next()) {
        m_error.fail(query, QObject::tr("Cannot create the story"));
        return std::nullopt;
    }
    story.id = query.value(0).toLongLong();
    query.finish();
    story.rowVersion = 1;
    story.createdAt = story.updatedAt = fromIso(now);
    story.createdBy = story.updatedBy = m_library->actor();
    if (!writeRevision(story, kind) || !writeSearchCopy(story)
        || !m_library->audit(u"create"_s, u"story"_s, story.id, story.slug)) {
        if (m_error.message().isEmpty())
            m_error.fail(QObject::tr("Cannot record the new story's history"));
        return std::nullopt;
    }
    if (!transaction.commit())
        return std::nullopt;
    Q_EMIT m_library->storiesChanged();
    return story;
}

std::optional<Story> StoryRepository::load(qint64 id, bool *readFailed)
{
    return loadWhere(u"id"_s, id, QString::number(id), QObject::tr("There is no story %1 in this library.").arg(id), readFailed);
}

std::optional<Story> StoryRepository::loadBySlug(const QString &slug)
{
    return loadWhere(u"slug"_s, slug, slug, QObject::tr("There is no story \"%1\" in this library.").arg(slug));
}

std::optional<Story> StoryRepository::loadWhere(const QString &column, const QVariant &value, const QString &shown,
                                                const QString &missing, bool *readFailed)
{
    SqlQuery query(m_library->database());
    query.prepare(u"SELECT %1 FROM stories WHERE %2 = :value"_s.arg(storyColumns, column));
    query.bindValue(u":value"_s, value);
    const bool read = query.exec();
    if (readFailed)
        *readFailed = !read;
    if (!read) {
        m_error.fail(query, QObject::tr("Cannot read story %1").arg(shown));
        return std::nullopt;
    }
    if (!query.next()) {
        m_error.fail(missing);
        return std::nullopt;
    }
    return storyFromQuery(query);
}

std::optional<Story> StoryRepository::find(const QString &idOrSlug, QString *hint)
{
    if (hint)
        hint->clear();
    const bool allDigits = !idOrSlug.isEmpty()
        && std::all_of(idOrSlug.cbegin(), idOrSlug.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; });
    if (!allDigits)
        return loadBySlug(idOrSlug);
    bool isNumber = false;
    const qint64 id = idOrSlug.toLongLong(&isNumber);
    if (isNumber) {
        if (std::optional<Story> story = load(id))
            return story;
    } else {
        m_error.fail(QObject::tr("There is no story %1 in this library.").arg(idOrSlug));
    }
    if (hint) {
        const QString notFound = m_error.message();
        if (const std::optional<Story> holder = loadBySlug(idOrSlug))
            *hint = QObject::tr("story %1 has the slug \"%2\"; name it by its id, %1").arg(holder->id).arg(idOrSlug);
        m_error.fail(notFound);
    }
    return std::nullopt;
}

StoryRepository::SaveResult StoryRepository::save(Story &story, Revision::Kind kind)
{
    TextSafety::cleanStory(story);
    if (const QString problem = bodyLengthProblem(story.body); !problem.isEmpty()) {
        m_error.fail(problem);
        return SaveResult::Failed;
    }
    WriteTransaction transaction(m_library, &m_error);
    if (!transaction.begin())
        return SaveResult::Failed;
    // A story that is gone is the UPDATE's to report (it names the cause);
    // one that cannot be read says why (on a team library the transaction
    // is over anyway).
    bool readFailed = false;
    const std::optional<Story> stored = load(story.id, &readFailed);
    if (readFailed)
        return SaveResult::Failed;
    if (stored && stored->rowVersion == story.rowVersion) {
        // Any published text, the correction note too: what the approval covers.
        const bool textChanged = !changedStoryFields(*stored, story).isEmpty();
        const Workflow::Verdict verdict = Workflow::checkTextEdit(PeopleRepository(m_library).roleOfActor(), stored->status);
        if (textChanged && !verdict.allowed) {
            m_error.fail(verdict.reason);
            return SaveResult::NotAllowed;
        }
    }
    const QString now = Library::nowUtc();
    SqlQuery query(m_library->database());
    // The status moves only through transition(), which checks who may move it.
    query.prepare(u"UPDATE stories SET headline = :headline, dek = :dek, byline = :byline, dateline = :dateline, "
                  "body = :body, correction_note = :note, embargo_until = :embargo, updated_at = :now, "
                  "updated_by = :actor, row_version = row_version + 1 WHERE id = :id AND row_version = :version"_s);
    query.bindValue(u":headline"_s, sqlText(story.headline));
    query.bindValue(u":dek"_s, sqlText(story.dek));
    query.bindValue(u":byline"_s, sqlText(story.byline));
    query.bindValue(u":dateline"_s, sqlText(story.dateline));
    query.bindValue(u":body"_s, sqlText(story.body));
    query.bindValue(u":note"_s, sqlText(story.correctionNote));
    query.bindValue(u":embargo"_s, sqlText(utcText(story.embargoUntil)));
    query.bindValue(u":now"_s, now);
    query.bindValue(u":actor"_s, sqlText(m_library->actor()));
    query.bindValue(u":id"_s, story.id);
    query.bindValue(u":version"_s, story.rowVersion);
    if (!query.exec()) {
        m_error.fail(query, QObject::tr("Cannot save \"%1\"").arg(story.headline));
        return SaveResult::Failed;
    }
    if (query.numRowsAffected() != 1) {
        SqlQuery current(m_library->database());
        current.prepare(u"SELECT updated_by, updated_at FROM stories WHERE id = :id"_s);
        current.bindValue(u":id"_s, story.id);
        if (current.exec() && current.next()) {
            m_error.fail(QObject::tr("\"%1\" was changed by %2 at %3 since you opened it. Your text was not saved over theirs.")
                             .arg(story.headline, current.value(u"updated_by"_s).toString(),
                                  fromIso(current.value(u"updated_at"_s)).toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s)));
            return SaveResult::Conflict;
        }
        m_error.fail(QObject::tr("\"%1\" was deleted from the library since you opened it.").arg(story.headline));
        return SaveResult::Conflict;
    }
    Story saved = story;
    SqlQuery status(m_library->database());
    status.prepare(u"SELECT status FROM stories WHERE id = :id"_s);
    status.bindValue(u":id"_s, story.id);
    if (!status.exec() || !status.next()) {
        m_error.fail(status, QObject::tr("Cannot save \"%1\"").arg(story.headline));
        return SaveResult::Failed;
    }
    saved.status = storyStatusFromKey(status.value(u"status"_s).toString()).value_or(StoryStatus::Draft);
    saved.rowVersion = story.rowVersion + 1;
    saved.updatedAt = fromIso(now);
    saved.updatedBy = m_library->actor();
    if (!writeRevision(saved, kind) || !writeSearchCopy(saved))
        return SaveResult::Failed;
    if (kind != Revision::Kind::Autosave && !m_library->audit(u"save"_s, u"story"_s, story.id, revisionKindKey(kind)))
        return SaveResult::Failed;
    if (!transaction.commit())
        return SaveResult::Failed;
    story = saved;
    Q_EMIT m_library->storiesChanged();
    return SaveResult::Saved;
}

StoryRepository::SaveResult StoryRepository::transition(Story &story, WorkflowAction action, const QString &givenComment)
{
    // The comment may become the correction note, printed on the page.
    const QString comment = TextSafety::clean(givenComment, TextSafety::Lines::Multi);
    WriteTransaction transaction(m_library, &m_error);
    if (!transaction.begin())
        return SaveResult::Failed;
    const std::optional<Story> current = load(story.id);
    if (!current)
        return SaveResult::Failed;
    if (current->rowVersion != story.rowVersion) {
        m_error.fail(QObject::tr("\"%1\" was changed by %2 since you opened it; look at their changes first.")
                         .arg(current->headline, current->updatedBy));
        return SaveResult::Conflict;
    }
    // Checked against the stored status, under the write lock: what the
    // caller's copy says does not count.
    const Workflow::Verdict verdict = Workflow::check(PeopleRepository(m_library).roleOfActor(), current->status, action, comment);
    if (!verdict.allowed) {
        m_error.fail(verdict.reason);
        return SaveResult::NotAllowed;
    }
    if (m_library->dialect().serverEnforcesWorkflow()) {
        // The server checks the same rules again, moves the story and writes
        // its history, audit and comment as the login's person.
        SqlQuery call(m_library->database());
        call.prepare(u"SELECT newsdesk.transition(:id, :version, :action, :comment)"_s);
        call.bindValue(u":id"_s, story.id);
        call.bindValue(u":version"_s, story.rowVersion);
        call.bindValue(u":action"_s, workflowActionKey(action));
        call.bindValue(u":comment"_s, sqlText(comment));
        if (!call.exec())
            return RepositoryError::as<SaveResult>(
                m_error.failFromServer(call, QObject::tr("Cannot change the status of \"%1\"").arg(story.headline)));
        call.finish();
        const std::optional<Story> moved = load(story.id);
        if (!moved || !transaction.commit())
            return SaveResult::Failed;
        story.status = moved->status;
        story.correctionNote = moved->correctionNote;
        story.publishedAt = moved->publishedAt;
        story.rowVersion = moved->rowVersion;
        story.updatedAt = moved->updatedAt;
        story.updatedBy = moved->updatedBy;
        Q_EMIT m_library->storiesChanged();
        return SaveResult::Saved;
    }
    Story moved = *current;
    moved.status = verdict.to;
    if (action == WorkflowAction::Correct)
        moved.correctionNote = comment.trimmed();
    const QString now = Library::nowUtc();
    // The first publication dates the article; a corrected one keeps it.
    const bool firstPublication = moved.status == StoryStatus::Published && !moved.publishedAt.isValid();
    if (firstPublication)
        moved.publishedAt = fromIso(now);
    SqlQuery query(m_library->database());
    query.prepare(u"UPDATE stories SET status = :status, correction_note = :note, updated_at = :now, updated_by = :actor, "
                  "published_at = CASE WHEN :first THEN :now ELSE published_at END, "
                  "row_version = row_version + 1 WHERE id = :id"_s);
    query.bindValue(u":first"_s, firstPublication);
    query.bindValue(u":status"_s, storyStatusKey(moved.status));
    query.bindValue(u":note"_s, sqlText(moved.correctionNote));
    query.bindValue(u":now"_s, now);
    query.bindValue(u":actor"_s, sqlText(m_library->actor()));
    query.bindValue(u":id"_s, story.id);
    if (!query.exec()) {
        m_error.fail(query, QObject::tr("Cannot change the status of \"%1\"").arg(story.headline));
        return SaveResult::Failed;
    }
    moved.rowVersion = current->rowVersion + 1;
    moved.updatedAt = fromIso(now);
    moved.updatedBy = m_library->actor();
    QString detail = storyStatusKey(current->status) + u" → "_s + storyStatusKey(moved.status);
    if (!comment.trimmed().isEmpty())
        detail += u": "_s + comment.trimmed();
    if (!writeRevision(moved, Revision::Kind::Save) || !m_library->audit(workflowActionKey(action), u"story"_s, story.id, detail))
        return SaveResult::Failed;
    if (action == WorkflowAction::RequestChanges) {
        // The writer finds the editor's words with the story's comments.
        SqlQuery note(m_library->database());
        note.prepare(u"INSERT INTO comments (entity, entity_id, body, author, created_at) "
                     "VALUES ('story', :id, :body, :author, :now)"_s);
        note.bindValue(u":id"_s, story.id);
        note.bindValue(u":body"_s, comment.trimmed());
        note.bindValue(u":author"_s, sqlText(m_library->actor()));
        note.bindValue(u":now"_s, now);
        if (!note.exec()) {
            m_error.fail(note, QObject::tr("Cannot record the comment"));
            return SaveResult::Failed;
        }
    }
    if (!transaction.commit())
        return SaveResult::Failed;
    // The caller keeps any text it has not saved; only the workflow fields move.
    story.status = moved.status;
    story.correctionNote = moved.correctionNote;
    story.publishedAt = moved.publishedAt;
    story.rowVersion = moved.rowVersion;
    story.updatedAt = moved.updatedAt;
    story.updatedBy = moved.updatedBy;
    Q_EMIT m_library->storiesChanged();
    return SaveResult::Saved;
}

std::optional<Revision> StoryRepository::lastApprovedRevision(qint64 storyId)
{
    SqlQuery query(m_library->database());
    query.prepare(u"SELECT %1 FROM revisions WHERE story_id = :id AND status IN ('approved', 'published') "
                  "ORDER BY id DESC LIMIT 1"_s.arg(revisionColumns));
    query.bindValue(u":id"_s, storyId);
    if (!query.exec()) {
        m_error.fail(query, QObject::tr("Cannot read the story's history"));
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return revisionFromQuery(query);
}

bool StoryRepository::writeRevision(const Story &story, Revision::Kind kind)
{
    SqlQuery query(m_library->database());
    if (kind == Revision::Kind::Autosave) {
        query.prepare(u"SELECT id, kind, created_by, created_at FROM revisions WHERE story_id = :id ORDER BY id DESC LIMIT 1"_s);
        query.bindValue(u":id"_s, story.id);
        if (!query.exec())
            return m_error.fail(query, QObject::tr("Cannot read the story's history"));
        if (query.next() && query.value(u"kind"_s).toString() == revisionKindKey(Revision::Kind::Autosave)
            && query.value(u"created_by"_s).toString() == m_library->actor()
            && fromIso(query.value(u"created_at"_s)).secsTo(story.updatedAt) < autosaveCoalesceSeconds) {
            const qint64 revisionId = query.value(u"id"_s).toLongLong();
            query.finish();
            SqlQuery update(m_library->database());
            update.prepare(u"UPDATE revisions SET row_version = :version, headline = :headline, dek = :dek, "
                           "byline = :byline, dateline = :dateline, body = :body, correction_note = :note, "
                           "status = :status WHERE id = :rid"_s);
            update.bindValue(u":version"_s, story.rowVersion);
            update.bindValue(u":headline"_s, sqlText(story.headline));
            update.bindValue(u":dek"_s, sqlText(story.dek));
            update.bindValue(u":byline"_s, sqlText(story.byline));
            update.bindValue(u":dateline"_s, sqlText(story.dateline));
            update.bindValue(u":body"_s, sqlText(story.body));
            update.bindValue(u":note"_s, sqlText(story.correctionNote));
            update.bindValue(u":status"_s, storyStatusKey(story.status));
            update.bindValue(u":rid"_s, revisionId);
            return update.exec() || m_error.fail(update, QObject::tr("Cannot record the story's history"));
        }
        query.finish();
    }
    query.prepare(u"INSERT INTO revisions (story_id, row_version, kind, headline, dek, byline, dateline, body, "
                  "correction_note, status, created_at, created_by) VALUES (:id, :version, :kind, :headline, :dek, "
                  ":byline, :dateline, :body, :note, :status, :at, :by)"_s);
    query.bindValue(u":id"_s, story.id);
    query.bindValue(u":version"_s, story.rowVersion);
    query.bindValue(u":kind"_s, revisionKindKey(kind));
    query.bindValue(u":headline"_s, sqlText(story.headline));
    query.bindValue(u":dek"_s, sqlText(story.dek));
    query.bindValue(u":byline"_s, sqlText(story.byline));
    query.bindValue(u":dateline"_s, sqlText(story.dateline));
    query.bindValue(u":body"_s, sqlText(story.body));
    query.bindValue(u":note"_s, sqlText(story.correctionNote));
    query.bindValue(u":status"_s, storyStatusKey(story.status));
    query.bindValue(u":at"_s, story.updatedAt.toUTC().toString(Qt::ISODateWithMs));
    query.bindValue(u":by"_s, sqlText(story.updatedBy));
    return query.exec() || m_error.fail(query, QObject::tr("Cannot record the story's history"));
}

bool StoryRepository::writeSearchCopy(const Story &story)
{
    SqlQuery captions(m_library->database());
    captions.prepare(u"SELECT p.title AS title, p.caption AS caption FROM story_photos sp "
                     "JOIN photos p ON p.id = sp.photo_id WHERE sp.story_id = :id ORDER BY sp.position"_s);
    captions.bindValue(u":id"_s, story.id);
    if (!captions.exec())
        return m_error.fail(captions, QObject::tr("Cannot index the story for search"));
    QStringList text;
    const QSqlRecord record = captions.record();
    const int title = record.indexOf(u"title"_s), caption = record.indexOf(u"caption"_s);
    while (captions.next())
        text << captions.value(title).toString() << captions.value(caption).toString();

    SqlQuery query(m_library->database());
    query.prepare(m_library->dialect().ftsUpsertStatement());
    query.bindValue(u":id"_s, story.id);
    query.bindValue(u":headline"_s, sqlText(story.headline));
    query.bindValue(u":dek"_s, sqlText(story.dek));
    query.bindValue(u":body"_s, sqlText(story.body));
    query.bindValue(u":captions"_s, sqlText(text.join(u'\n')));
    return query.exec() || m_error.fail(query, QObject::tr("Cannot index the story for search"));
}

bool StoryRepository::reindex(qint64 storyId)
{
    const std::optional<Story> story = load(storyId);
    return story && writeSearchCopy(*story);
}

std::optional<Story> StoryRepository::duplicate(qint64 id)
{
    std::optional<Story> original = load(id);
    if (!original)
        return std::nullopt;
    Story copy = original->newDraftCopy(QObject::tr("%1 (copy)").arg(original->headline));
    copy.slug = original->slug + u"-copy"_s;
    std::optional<Story> created = create(copy);
    if (!created)
        return std::nullopt;
    // The copy shows the same photos in the same order.
    SqlQuery query(m_library->database());
    query.prepare(u"INSERT INTO story_photos (story_id, photo_id, position) "
                  "SELECT :copy, photo_id, position FROM story_photos WHERE story_id = :original"_s);
    query.bindValue(u":copy"_s, created->id);
    query.bindValue(u":original"_s, id);
    if (!query.exec()) {
        m_error.fail(query, QObject::tr("Cannot copy the story's photos"));
        return std::nullopt;
    }
    reindex(created->id);
    return created;
}

bool StoryRepository::remove(qint64 id)
{
    WriteTransaction transaction(m_library, &m_error);
    if (!transaction.begin())
        return false;
    const std::optional<Story> stored = load(id);
    if (!stored)
        return false;
    if (const Workflow::Verdict verdict = Workflow::checkDelete(PeopleRepository(m_library).roleOfActor(), stored->status);
        !verdict.allowed)
        return m_error.fail(verdict.reason);
    SqlQuery query(m_library->database());
    query.prepare(u"DELETE FROM stories WHERE id = :id"_s);
    query.bindValue(u":id"_s, id);
    if (!query.exec())
        return m_error.fail(query, QObject::tr("Cannot delete story %1").arg(id));
    SqlQuery search(m_library->database());
    search.prepare(m_library->dialect().ftsDeleteStatement());
    search.bindValue(u":id"_s, id);
    if (!search.exec())
        return m_error.fail(search, QObject::tr("Cannot remove story %1 from the search index").arg(id));
    // A team library's server records the deletion itself.
    if (!m_library->dialect().serverEnforcesWorkflow())
        m_library->audit(u"delete"_s, u"story"_s, id);
    if (!transaction.commit())
        return false;
    Q_EMIT m_library->storiesChanged();
    return true;
}

std::optional<QStringList> StoryRepository::acceptedNames(qint64 storyId)
{
    SqlQuery query(m_library->database());
    query.prepare(u"SELECT name FROM story_names WHERE story_id = :id ORDER BY name"_s);
    query.bindValue(u":id"_s, storyId);
    if (!query.exec()) {
        m_error.fail(query, QObject::tr("Cannot read the accepted names of story %1").arg(storyId));
        return std::nullopt;
    }
    QStringList names;
    const int nameColumn = query.record().indexOf(u"name"_s);
    while (query.next())
        names << query.value(nameColumn).toString();
    return names;
}

bool StoryRepository::addAcceptedName(qint64 storyId, const QString &givenName)
{
    const QString name = TextSafety::clean(givenName, TextSafety::Lines::Single);
    WriteTransaction transaction(m_library, &m_error);
    if (!transaction.begin())
        return false;
    SqlQuery query(m_library->database());
    query.prepare(u"INSERT INTO story_names (story_id, name) VALUES (:id, :name) ON CONFLICT DO NOTHING"_s);
    query.bindValue(u":id"_s, storyId);
    query.bindValue(u":name"_s, sqlText(name));
    if (!query.exec())
        return m_error.fail(query, QObject::tr("Cannot add \"%1\" to the names of story %2").arg(name).arg(storyId));
    m_library->audit(u"accept-name"_s, u"story"_s, storyId, name);
    if (!transaction.commit())
        return false;
    return true;
}

qint64 StoryRepository::count()
{
    SqlQuery query(m_library->database());
    if (!query.exec(u"SELECT count(*) AS stories FROM stories"_s) || !query.next()) {
        m_error.fail(query, QObject::tr("Cannot count stories"));
        return -1;
    }
    return query.value(u"stories"_s).toLongLong();
}

static Revision revisionFromQuery(const QSqlQuery &query)
{
    const QSqlRecord record = query.record();
    auto value = [&](const char *name) { return query.value(record.indexOf(QLatin1StringView(name))); };
    Revision revision;
    revision.id = value("id").toLongLong();
    revision.storyId = value("story_id").toLongLong();
    revision.rowVersion = value("row_version").toLongLong();
    const QString kind = value("kind").toString();
    for (Revision::Kind k : {Revision::Kind::Save, Revision::Kind::Autosave, Revision::Kind::Restore, Revision::Kind::Import}) {
        if (kind == revisionKindKey(k))
            revision.kind = k;
    }
    revision.headline = value("headline").toString();
    revision.dek = value("dek").toString();
    revision.byline = value("byline").toString();
    revision.dateline = value("dateline").toString();
    revision.body = value("body").toString();
    const QVariant note = value("correction_note");
    revision.correctionNote = note.toString();
    revision.correctionNoteRecorded = !note.isNull();
    revision.status = storyStatusFromKey(value("status").toString()).value_or(StoryStatus::Draft);
    revision.createdAt = fromIso(value("created_at"));
    revision.createdBy = value("created_by").toString();
    return revision;
}

QList<Revision> StoryRepository::revisions(qint64 storyId)
{
    QList<Revision> result;
    SqlQuery query(m_library->database());
    query.prepare(u"SELECT %1 FROM revisions WHERE story_id = :id ORDER BY id DESC"_s.arg(revisionColumns));
    query.bindValue(u":id"_s, storyId);
    if (!query.exec()) {
        m_error.fail(query, QObject::tr("Cannot read the story's history"));
        return result;
    }
    while (query.next())
        result << revisionFromQuery(query);
    return result;
}

std::optional<Revision> StoryRepository::revision(qint64 revisionId)
{
    SqlQuery query(m_library->database());
    query.prepare(u"SELECT %1 FROM revisions WHERE id = :id"_s.arg(revisionColumns));
    query.bindValue(u":id"_s, revisionId);
    if (!query.exec()) {
        m_error.fail(query, QObject::tr("Cannot read revision %1").arg(revisionId));
        return std::nullopt;
    }
    if (!query.next()) {
        m_error.fail(QObject::tr("There is no revision %1.").arg(revisionId));
        return std::nullopt;
    }
    return revisionFromQuery(query);
}

StoryRepository::SaveResult StoryRepository::restore(Story &story, qint64 revisionId)
{
    const std::optional<Revision> old = revision(revisionId);
    if (!old)
        return SaveResult::Failed;
    if (old->storyId != story.id) {
        m_error.fail(QObject::tr("Revision %1 belongs to another story.").arg(revisionId));
        return SaveResult::Failed;
    }
    Story restored = story;
    for (const StoryField field : storyFields()) {
        if (field != StoryField::CorrectionNote || old->correctionNoteRecorded)
            storyFieldText(restored, field) = storyFieldText(*old, field);
    }
    const SaveResult result = save(restored, Revision::Kind::Restore);
    if (result == SaveResult::Saved)
        story = restored;
    return result;
}

namespace {

// The passages of storyIds that match ftsQuery, by story id (see
// StoryRepository::snippets).
QHash<qint64, QString> passagesOf(const QSqlDatabase &database, const QString &ftsQuery, const QList<qint64> &storyIds)
{
    QHash<qint64, QString> passages;
    if (storyIds.isEmpty())
        return passages;
    SqlQuery query(database);
    query.setForwardOnly(true);
    query.prepare(SqlDialect::of(database).ftsSnippetsStatement(int(storyIds.size())));
    query.bindValue(u":query"_s, ftsQuery);
    query.bindValue(u":low"_s, *std::min_element(storyIds.cbegin(), storyIds.cend()));
    query.bindValue(u":high"_s, *std::max_element(storyIds.cbegin(), storyIds.cend()));
    for (qsizetype i = 0; i < storyIds.size(); ++i)
        query.bindValue(SqlDialect::idParameter(int(i)), storyIds.at(i));
    if (!query.exec())
        return passages;
    // The passages in the order a list prefers them: the body, then dek,
    // captions and last the headline (which the list shows anyway).
    const QSqlRecord record = query.record();
    const int idColumn = record.indexOf(u"story_id"_s);
    const std::array passageColumns{record.indexOf(u"body_passage"_s), record.indexOf(u"dek_passage"_s),
                                    record.indexOf(u"captions_passage"_s), record.indexOf(u"headline_passage"_s)};
    while (query.next()) {
        // The first passage that shows a match; empty, never null, for a
        // story that matches with no passage to show (on PostgreSQL, words
        // split between its headline and body): a list takes a null passage
        // for one not made yet and would ask again each time it paints it.
        QString passage = u""_s;
        for (auto column = passageColumns.cbegin(); column != passageColumns.cend() && passage.isEmpty(); ++column) {
            const QString candidate = query.value(*column).toString();
            if (candidate.contains(SearchHit::highlightStart))
                passage = candidate;
        }
        passages.insert(query.value(idColumn).toLongLong(), passage);
    }
    return passages;
}

} // namespace

QHash<qint64, QString> StoryRepository::snippets(const QSqlDatabase &database, const QString &ftsQuery,
                                                 const QList<qint64> &storyIds)
{
    // First with the word being typed matched whole, where the engine finds
    // those passages much sooner (SqlDialect::ftsQueryWithoutPrefix): every
    // word it marks is one the prefix matches too. The stories it shows none
    // for (their only match a longer word) get theirs from the query itself.
    const QString whole = SqlDialect::of(database).ftsQueryWithoutPrefix(ftsQuery);
    if (whole.isEmpty())
        return passagesOf(database, ftsQuery, storyIds);
    QHash<qint64, QString> passages = passagesOf(database, whole, storyIds);
    QList<qint64> rest;
    for (const qint64 id : storyIds) {
        if (!passages.value(id).contains(SearchHit::highlightStart))
            rest << id;
    }
    passages.insert(passagesOf(database, ftsQuery, rest));
    return passages;
}

QList<SearchHit> StoryRepository::search(const QString &userText, int limit, int snippetRows, int window)
{
    m_error.clear();
    QList<SearchHit> hits;
    const QString match = m_library->dialect().ftsQueryFromUserText(userText);
    if (match.isEmpty())
        return hits;
    SqlQuery query(m_library->database());
    // Forward-only: QSQLITE then does not cache rows it has handed out.
    query.setForwardOnly(true);
    query.prepare(m_library->dialect().ftsSearchStatement());
    query.bindValue(u":query"_s, match);
    query.bindValue(u":window"_s, window);
    query.bindValue(u":limit"_s, limit);
    if (!query.exec()) {
        m_error.fail(query, QObject::tr("Cannot search the library"));
        return hits;
    }
    const QSqlRecord record = query.record();
    const int idColumn = record.indexOf(u"story_id"_s);
    const int rankColumn = record.indexOf(u"rank"_s);
    while (query.next())
        hits << SearchHit{query.value(idColumn).toLongLong(), query.value(rankColumn).toDouble(), QString()};
    query.finish();
    QList<qint64> shown;
    for (qsizetype i = 0; i < std::min<qsizetype>(snippetRows, hits.size()); ++i)
        shown << hits.at(i).storyId;
    const QHash<qint64, QString> passages = snippets(m_library->database(), match, shown);
    for (qsizetype i = 0; i < shown.size(); ++i)
        hits[i].snippet = passages.value(hits.at(i).storyId);
    return hits;
}
