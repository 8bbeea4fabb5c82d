// SPDX-License-Identifier: MIT
#pragma once

#include "repositoryerror.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

class Library;

// A review comment on a story or a photo.
struct ReviewComment
{
    qint64 id = 0;
    QString entity; // "story" or "photo"
    qint64 entityId = 0;
    QString body;
    QString author;
    QDateTime createdAt;
};

class CommentRepository
{
public:
    explicit CommentRepository(Library *library);

    // Adds a comment by the library's actor (someone among its people).
    std::optional<ReviewComment> add(const QString &entity, qint64 entityId, const QString &body);
    // Oldest first.
    QList<ReviewComment> comments(const QString &entity, qint64 entityId);

    QString errorString() const;

private:
    Library *m_library;
    RepositoryError m_error;
};

// What waits for an editor: stories in review and captions pending a decision.
struct ReviewQueue
{
    struct StoryItem
    {
        qint64 storyId = 0;
        QString headline;
        QString updatedBy;
        QDateTime updatedAt;
    };
    struct CaptionItem
    {
        qint64 photoId = 0;
        QString virin;
        qint64 storyId = 0;
        QString headline;
        // When the last thing that happened to its decision was an edit that
        // voided it: the audit line's detail ("Title, Credit changed after
        // review"); otherwise empty.
        QString resetDetail;
    };
    QList<StoryItem> stories;
    QList<CaptionItem> captions; // pending or changes requested, of stories not archived

    // Empty with *errorString on failure.
    static ReviewQueue load(Library *library, QString *errorString = nullptr);
};
