// SPDX-License-Identifier: MIT
#pragma once

#include "story.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QPointer>

#include <optional>

class Library;

// The library's stories, a page at a time (canFetchMore/fetchMore), sorted and
// filtered in SQL. Changes in the library update rows in place (insert, move,
// remove, dataChanged), never a reset, so a view keeps its selection and
// scroll position.
class StoryListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        SlugRole,
        HeadlineRole,
        StatusRole,      // StoryStatus as int
        StatusLabelRole,
        UpdatedAtRole,
        UpdatedByRole,
        SnippetRole,     // search mode: the matching passage, matched words in <b>
    };
    Q_ENUM(Role)

    enum class SortOrder { RecentlyUpdated, Headline, Status };
    Q_ENUM(SortOrder)

    explicit StoryListModel(Library *library, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    void setSortOrder(SortOrder order);
    SortOrder sortOrder() const;
    // Only stories in this state; nullopt for every state but archived.
    void setStatusFilter(std::optional<StoryStatus> status);
    std::optional<StoryStatus> statusFilter() const;
    // Full-text search; results come ranked by relevance instead of sorted.
    void setSearchText(const QString &text);
    QString searchText() const;
    // The search has words, but every one is too common to search for
    // ("the"): it lists no story (SqlDialect::isTooCommonToSearch).
    bool searchIsTooCommon() const;

    int pageSize() const;
    void setPageSize(int rows);

    // The row showing story id, or -1 when it is not loaded.
    int rowOfStory(qint64 id) const;
    // Loads pages until story id is in the model (or the list ends).
    int ensureLoaded(qint64 id);

    // Re-reads the loaded rows from the library and applies the difference.
    void refresh();
    // Throws away loaded rows and starts again (filter or sort changed).
    void reload();

    QString errorString() const;

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    struct Row
    {
        qint64 id = 0;
        QString slug;
        QString headline;
        StoryStatus status = StoryStatus::Draft;
        QDateTime updatedAt;
        QString updatedBy;
        // Null until a view asks for it (search mode only).
        mutable QString snippet;
        // The snippet is a cache of what the row shows, not part of the row.
        bool operator==(const Row &other) const
        {
            return id == other.id && slug == other.slug && headline == other.headline && status == other.status
                && updatedAt == other.updatedAt && updatedBy == other.updatedBy;
        }
    };
    QList<Row> queryRows(int offset, int limit);
    // Fills the snippets of firstRow and the next rows without one.
    void loadSnippets(int firstRow) const;
    static constexpr int snippetBatch = 30;
    void applyRows(const QList<Row> &rows);

    QPointer<Library> m_library;
    QList<Row> m_rows;
    SortOrder m_sortOrder = SortOrder::RecentlyUpdated;
    std::optional<StoryStatus> m_statusFilter;
    QString m_searchText;
    QString m_errorString;
    int m_pageSize = 200;
    bool m_atEnd = false;
};
