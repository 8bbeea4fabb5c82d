// SPDX-License-Identifier: MIT
#include "storylistmodel.h"

#include "library.h"
#include "sqldialect.h"
#include "sqlquery.h"
#include "storyrepository.h"
#include "textsafety.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QTimeZone>

using namespace Qt::StringLiterals;

StoryListModel::StoryListModel(Library *library, QObject *parent)
    : QAbstractListModel(parent)
    , m_library(library)
{
    connect(library, &Library::storiesChanged, this, &StoryListModel::refresh);
    connect(library, &Library::photosChanged, this, [this] {
        if (!m_searchText.isEmpty())
            refresh();
    });
}

int StoryListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant StoryListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case HeadlineRole:
        return row.headline.isEmpty() ? tr("(no headline)") : row.headline;
    case Qt::ToolTipRole:
        // A tooltip that looks like markup is shown as rich text: a headline
        // "<img src=…>" would load a file. Escaped, it shows as typed.
        return TextSafety::asRichText(tr("%1\n%2 · updated %3 by %4")
                                          .arg(row.headline, storyStatusLabel(row.status),
                                               row.updatedAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s), row.updatedBy));
    case IdRole:
        return row.id;
    case SlugRole:
        return row.slug;
    case StatusRole:
        return int(row.status);
    case StatusLabelRole:
        return storyStatusLabel(row.status);
    case UpdatedAtRole:
        return row.updatedAt;
    case UpdatedByRole:
        return row.updatedBy;
    case SnippetRole: {
        if (row.snippet.isNull())
            loadSnippets(index.row());
        QString html = row.snippet.toHtmlEscaped();
        html.replace(SearchHit::highlightStart, u"<b>"_s).replace(SearchHit::highlightEnd, u"</b>"_s);
        return html;
    }
    default:
        return {};
    }
}

void StoryListModel::loadSnippets(int firstRow) const
{
    // Made when a view first asks: only shown rows pay for one, and the rows
    // below it come in the same query (one query costs about what one
    // snippet does).
    QList<qsizetype> rows;
    QList<qint64> ids;
    for (qsizetype i = firstRow; i < m_rows.size() && ids.size() < snippetBatch; ++i) {
        if (m_rows.at(i).snippet.isNull()) {
            rows << i;
            ids << m_rows.at(i).id;
        }
    }
    QHash<qint64, QString> passages;
    const QString match = m_library ? m_library->dialect().ftsQueryFromUserText(m_searchText) : QString();
    if (!match.isEmpty())
        passages = StoryRepository::snippets(m_library->database(), match, ids);
    for (const qsizetype i : std::as_const(rows))
        m_rows.at(i).snippet = passages.value(m_rows.at(i).id, u""_s);
}

QHash<int, QByteArray> StoryListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "storyId");
    names.insert(SlugRole, "slug");
    names.insert(HeadlineRole, "headline");
    names.insert(StatusRole, "status");
    names.insert(StatusLabelRole, "statusLabel");
    names.insert(UpdatedAtRole, "updatedAt");
    names.insert(UpdatedByRole, "updatedBy");
    names.insert(SnippetRole, "snippet");
    return names;
}

bool StoryListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && m_library && m_library->isOpen();
}

void StoryListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    const QList<Row> rows = queryRows(int(m_rows.size()), m_pageSize);
    if (rows.size() < m_pageSize)
        m_atEnd = true;
    if (rows.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size() - 1));
    m_rows.append(rows);
    endInsertRows();
}

QList<StoryListModel::Row> StoryListModel::queryRows(int offset, int limit)
{
    QList<Row> rows;
    if (!m_library || !m_library->isOpen())
        return rows;
    const QString columns = u"s.id, s.slug, s.headline, s.status, s.updated_at, s.updated_by"_s;
    SqlQuery query(m_library->database());
    const QString match = m_library->dialect().ftsQueryFromUserText(m_searchText);
    // Only words too common to search for: no story, rather than all of them
    // as if nothing were typed (the view says why: searchIsTooCommon).
    if (match.isEmpty() && SqlDialect::isTooCommonToSearch(m_searchText))
        return rows;
    if (!match.isEmpty()) {
        // Every ranked hit is filtered by status before the page is cut (a
        // page of hits of any status may hold none that pass). Each hit's
        // status comes from an index of (id, status): looking it up in the
        // story's row costs a read past the body (for 2,000 hits, half a
        // second from a cold disk), and listing every story of the status
        // first cost more than the ranking (14,000 archived of 100,000).
        // Only the page's rows are read.
        const QString statusTest = m_statusFilter ? u"f.status = :status"_s : u"f.status <> 'archived'"_s;
        query.prepare(u"SELECT %1, NULL AS snippet FROM ("
                      "  SELECT hits.story_id, hits.rank FROM (%2) AS hits JOIN stories AS f %3 ON f.id = hits.story_id"
                      "  WHERE %4 ORDER BY hits.rank, hits.story_id LIMIT :pagelimit OFFSET :offset) AS page "
                      "JOIN stories s ON s.id = page.story_id ORDER BY page.rank, page.story_id"_s
                          .arg(columns, m_library->dialect().ftsSearchStatement(), m_library->dialect().statusByIdIndexHint(),
                               statusTest));
        query.bindValue(u":query"_s, match);
        query.bindValue(u":window"_s, SqlDialect::ftsRankingWindow);
        query.bindValue(u":limit"_s, SqlDialect::ftsRankingWindow);
    } else {
        QString order;
        switch (m_sortOrder) {
        case SortOrder::RecentlyUpdated:
            order = u"s.updated_at DESC, s.id DESC"_s;
            break;
        case SortOrder::Headline:
            order = m_library->dialect().caseInsensitiveOrder(u"s.headline"_s) + u", s.id"_s;
            break;
        case SortOrder::Status:
            order = u"CASE s.status WHEN 'draft' THEN 0 WHEN 'in_review' THEN 1 WHEN 'approved' THEN 2 "
                    "WHEN 'published' THEN 3 ELSE 4 END, s.updated_at DESC, s.id DESC"_s;
            break;
        }
        const QString where = m_statusFilter ? u"s.status = :status"_s : u"s.status <> 'archived'"_s;
        query.prepare(u"SELECT %1, NULL AS snippet FROM stories s WHERE %2 ORDER BY %3 LIMIT :pagelimit OFFSET :offset"_s
                          .arg(columns, where, order));
    }
    if (m_statusFilter)
        query.bindValue(u":status"_s, storyStatusKey(*m_statusFilter));
    query.bindValue(u":pagelimit"_s, limit);
    query.bindValue(u":offset"_s, offset);
    if (!query.exec()) {
        m_errorString = Library::describeError(query, tr("Cannot list the library's stories"));
        m_atEnd = true;
        Q_EMIT errorOccurred(m_errorString);
        return rows;
    }
    const QSqlRecord record = query.record();
    const int id = record.indexOf(u"id"_s), slug = record.indexOf(u"slug"_s), headline = record.indexOf(u"headline"_s),
              status = record.indexOf(u"status"_s), updatedAt = record.indexOf(u"updated_at"_s),
              updatedBy = record.indexOf(u"updated_by"_s);
    while (query.next()) {
        QDateTime updated = QDateTime::fromString(query.value(updatedAt).toString(), Qt::ISODateWithMs);
        updated.setTimeZone(QTimeZone::UTC);
        rows << Row{query.value(id).toLongLong(),
                    query.value(slug).toString(),
                    query.value(headline).toString(),
                    storyStatusFromKey(query.value(status).toString()).value_or(StoryStatus::Draft),
                    updated,
                    query.value(updatedBy).toString(),
                    QString()};
    }
    return rows;
}

void StoryListModel::refresh()
{
    // Re-read as many rows as are loaded (at least a page), then move the
    // model to them with fine-grained signals.
    const int wanted = std::max<int>(int(m_rows.size()), m_pageSize);
    const QList<Row> rows = queryRows(0, wanted);
    m_atEnd = rows.size() < wanted;
    applyRows(rows);
}

void StoryListModel::applyRows(const QList<Row> &rows)
{
    QSet<qint64> wantedIds;
    for (const Row &row : rows)
        wantedIds.insert(row.id);
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (!wantedIds.contains(m_rows.at(i).id)) {
            beginRemoveRows({}, i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    for (int i = 0; i < rows.size(); ++i) {
        const Row &wanted = rows.at(i);
        if (i < m_rows.size() && m_rows.at(i).id == wanted.id) {
            if (!(m_rows.at(i) == wanted)) {
                m_rows[i] = wanted;
                Q_EMIT dataChanged(index(i), index(i));
            }
            continue;
        }
        int from = -1;
        for (int j = i + 1; j < m_rows.size(); ++j) {
            if (m_rows.at(j).id == wanted.id) {
                from = j;
                break;
            }
        }
        if (from >= 0) {
            beginMoveRows({}, from, from, {}, i);
            m_rows.move(from, i);
            endMoveRows();
            if (!(m_rows.at(i) == wanted)) {
                m_rows[i] = wanted;
                Q_EMIT dataChanged(index(i), index(i));
            }
        } else {
            beginInsertRows({}, i, i);
            m_rows.insert(i, wanted);
            endInsertRows();
        }
    }
    // Rows past the end of the new list (cannot remain after the loop above,
    // but a defensive trim keeps the invariant).
    if (m_rows.size() > rows.size()) {
        beginRemoveRows({}, int(rows.size()), int(m_rows.size() - 1));
        m_rows.resize(rows.size());
        endRemoveRows();
    }
}

void StoryListModel::reload()
{
    // The first page is read inside the reset, so views see one change.
    beginResetModel();
    m_rows.clear();
    m_atEnd = false;
    m_rows = queryRows(0, m_pageSize);
    m_atEnd = m_atEnd || m_rows.size() < m_pageSize;
    endResetModel();
}

void StoryListModel::setSortOrder(SortOrder order)
{
    if (m_sortOrder == order)
        return;
    m_sortOrder = order;
    reload();
}

StoryListModel::SortOrder StoryListModel::sortOrder() const
{
    return m_sortOrder;
}

void StoryListModel::setStatusFilter(std::optional<StoryStatus> status)
{
    if (m_statusFilter == status)
        return;
    m_statusFilter = status;
    reload();
}

std::optional<StoryStatus> StoryListModel::statusFilter() const
{
    return m_statusFilter;
}

void StoryListModel::setSearchText(const QString &text)
{
    if (m_searchText == text)
        return;
    m_searchText = text;
    reload();
}

QString StoryListModel::searchText() const
{
    return m_searchText;
}

bool StoryListModel::searchIsTooCommon() const
{
    return SqlDialect::isTooCommonToSearch(m_searchText);
}

int StoryListModel::pageSize() const
{
    return m_pageSize;
}

void StoryListModel::setPageSize(int rows)
{
    m_pageSize = std::max(1, rows);
}

int StoryListModel::rowOfStory(qint64 id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == id)
            return i;
    }
    return -1;
}

int StoryListModel::ensureLoaded(qint64 id)
{
    int row = rowOfStory(id);
    while (row < 0 && canFetchMore({})) {
        const int before = int(m_rows.size());
        fetchMore({});
        for (int i = before; i < m_rows.size() && row < 0; ++i) {
            if (m_rows.at(i).id == id)
                row = i;
        }
    }
    return row;
}

QString StoryListModel::errorString() const
{
    return m_errorString;
}
