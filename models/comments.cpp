// SPDX-License-Identifier: MIT
#include "comments.h"

#include "library.h"
#include "people.h"
#include "sqlquery.h"
#include "textsafety.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CommentRepository", text);
}

} // namespace

CommentRepository::CommentRepository(Library *library)
    : m_library(library)
{
}

QString CommentRepository::errorString() const
{
    return m_error.message();
}

std::optional<ReviewComment> CommentRepository::add(const QString &entity, qint64 entityId, const QString &body)
{
    ReviewComment comment{0, entity, entityId, TextSafety::clean(body.trimmed(), TextSafety::Lines::Multi), m_library->actor(), {}};
    if (comment.body.isEmpty()) {
        m_error.fail(tr("A comment needs some text."));
        return std::nullopt;
    }
    if (!PeopleRepository(m_library).roleOfActor()) {
        m_error.fail(tr("You are not among this library's people; an editor can add you in Preferences."));
        return std::nullopt;
    }
    WriteTransaction transaction(m_library, &m_error);
    if (!transaction.begin())
        return std::nullopt;
    const QString now = Library::nowUtc();
    SqlQuery query(m_library->database());
    query.prepare(u"INSERT INTO comments (entity, entity_id, body, author, created_at) "
                  "VALUES (:entity, :id, :body, :author, :now) RETURNING id"_s);
    query.bindValue(u":entity"_s, sqlText(entity));
    query.bindValue(u":id"_s, entityId);
    query.bindValue(u":body"_s, comment.body);
    query.bindValue(u":author"_s, sqlText(comment.author));
    query.bindValue(u":now"_s, now);
    if (!query.exec() || !query.next()) {
        m_error.fail(query, tr("Cannot add the comment"));
        return std::nullopt;
    }
    comment.id = query.value(0).toLongLong();
    query.finish();
    comment.createdAt = Library::timeFromUtc(now);
    if (!m_library->audit(u"comment"_s, entity, entityId, comment.body)) {
        m_error.fail(tr("Cannot record the comment"));
        return std::nullopt;
    }
    // A failed commit has said why (busy, read-only) in m_error.
    if (!transaction.commit())
        return std::nullopt;
    return comment;
}

QList<ReviewComment> CommentRepository::comments(const QString &entity, qint64 entityId)
{
    QList<ReviewComment> result;
    SqlQuery query(m_library->database());
    query.prepare(u"SELECT id, entity, entity_id, body, author, created_at FROM comments "
                  "WHERE entity = :entity AND entity_id = :id ORDER BY id"_s);
    query.bindValue(u":entity"_s, sqlText(entity));
    query.bindValue(u":id"_s, entityId);
    if (!query.exec()) {
        m_error.fail(query, tr("Cannot read the comments"));
        return result;
    }
    const QSqlRecord record = query.record();
    while (query.next()) {
        result << ReviewComment{query.value(record.indexOf(u"id"_s)).toLongLong(),
                                query.value(record.indexOf(u"entity"_s)).toString(),
                                query.value(record.indexOf(u"entity_id"_s)).toLongLong(),
                                query.value(record.indexOf(u"body"_s)).toString(),
                                query.value(record.indexOf(u"author"_s)).toString(),
                                Library::timeFromUtc(query.value(record.indexOf(u"created_at"_s)).toString())};
    }
    return result;
}

ReviewQueue ReviewQueue::load(Library *library, QString *errorString)
{
    ReviewQueue queue;
    SqlQuery query(library->database());
    if (!query.exec(u"SELECT id, headline, updated_by, updated_at FROM stories WHERE status = 'in_review' "
                    "ORDER BY updated_at, id"_s)) {
        if (errorString)
            *errorString = Library::describeError(query, QCoreApplication::translate("ReviewQueue", "Cannot read the review queue"));
        return {};
    }
    {
        const QSqlRecord record = query.record();
        const int id = record.indexOf(u"id"_s), headline = record.indexOf(u"headline"_s),
                  updatedBy = record.indexOf(u"updated_by"_s), updatedAt = record.indexOf(u"updated_at"_s);
        while (query.next()) {
            queue.stories << StoryItem{query.value(id).toLongLong(), query.value(headline).toString(),
                                       query.value(updatedBy).toString(),
                                       Library::timeFromUtc(query.value(updatedAt).toString())};
        }
    }
    if (!query.exec(u"SELECT p.id AS photo_id, p.virin AS virin, s.id AS story_id, s.headline AS headline, "
                    "  (SELECT CASE WHEN a.action = 'caption-reset' THEN a.detail END FROM audit_log a "
                    "   WHERE a.entity = 'photo' AND a.entity_id = p.id "
                    "   AND a.action IN ('caption-reset', 'caption-approved', 'caption-changes_requested') "
                    "   ORDER BY a.id DESC LIMIT 1) AS reset_detail "
                    "FROM photos p "
                    "JOIN story_photos sp ON sp.photo_id = p.id JOIN stories s ON s.id = sp.story_id "
                    "WHERE p.approval_state <> 'approved' AND s.status <> 'archived' "
                    "ORDER BY s.id, sp.position"_s)) {
        if (errorString)
            *errorString = Library::describeError(query, QCoreApplication::translate("ReviewQueue", "Cannot read the review queue"));
        return {};
    }
    const QSqlRecord record = query.record();
    const int photoId = record.indexOf(u"photo_id"_s), virin = record.indexOf(u"virin"_s),
              storyId = record.indexOf(u"story_id"_s), headline = record.indexOf(u"headline"_s),
              resetDetail = record.indexOf(u"reset_detail"_s);
    while (query.next()) {
        queue.captions << CaptionItem{query.value(photoId).toLongLong(), query.value(virin).toString(),
                                      query.value(storyId).toLongLong(), query.value(headline).toString(),
                                      query.value(resetDetail).toString()};
    }
    return queue;
}
