// SPDX-License-Identifier: MIT
#include "storylistpanel.h"

#include "storylistdelegate.h"
#include "storylistmodel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

StoryListPanel::StoryListPanel(StoryListModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_search(new QLineEdit(this))
    , m_status(new QComboBox(this))
    , m_sort(new QComboBox(this))
    , m_view(new QListView(this))
    , m_emptyNote(new QLabel(this))
    , m_searchDelay(new QTimer(this))
{
    setObjectName(u"storyListPanel"_s);
    m_search->setObjectName(u"storySearch"_s);
    m_search->setPlaceholderText(tr("Search stories and captions"));
    m_search->setClearButtonEnabled(true);

    m_status->setObjectName(u"storyStatusFilter"_s);
    m_status->addItem(tr("All but archived"), -1);
    for (StoryStatus status : allStoryStatuses())
        m_status->addItem(storyStatusLabel(status), int(status));

    m_sort->setObjectName(u"storySort"_s);
    m_sort->addItem(tr("Recently updated"), int(StoryListModel::SortOrder::RecentlyUpdated));
    m_sort->addItem(tr("Headline"), int(StoryListModel::SortOrder::Headline));
    m_sort->addItem(tr("Status"), int(StoryListModel::SortOrder::Status));

    m_view->setObjectName(u"storyList"_s);
    m_view->setModel(model);
    m_view->setItemDelegate(new StoryListDelegate(m_view));
    m_view->setUniformItemSizes(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_status, 1);
    filters->addWidget(m_sort, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);

    // An empty list says why, in the list's place.
    m_emptyNote->setObjectName(u"storyListEmpty"_s);
    m_emptyNote->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_emptyNote->setWordWrap(true);
    m_emptyNote->setTextFormat(Qt::PlainText);
    m_emptyNote->setMargin(12);
    m_emptyNote->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_emptyNote, 1);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(model, signal, this, &StoryListPanel::updateEmptyNote);
    connect(model, &QAbstractItemModel::modelReset, this, &StoryListPanel::updateEmptyNote);
    updateEmptyNote();

    // Search as the user types, but not on every keystroke.
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(200);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, &StoryListPanel::applyFilter);
    connect(m_status, &QComboBox::currentIndexChanged, this, &StoryListPanel::applyFilter);
    connect(m_sort, &QComboBox::currentIndexChanged, this, [this] {
        m_model->setSortOrder(StoryListModel::SortOrder(m_sort->currentData().toInt()));
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        const qint64 id = current.isValid() ? current.data(StoryListModel::IdRole).toLongLong() : 0;
        if (id == m_currentId)
            return;
        m_currentId = id;
        Q_EMIT currentStoryChanged(id);
    });
}

void StoryListPanel::applyFilter()
{
    const int status = m_status->currentData().toInt();
    m_model->setStatusFilter(status < 0 ? std::nullopt : std::optional<StoryStatus>(StoryStatus(status)));
    m_model->setSearchText(m_search->text());
}

qint64 StoryListPanel::currentStoryId() const
{
    return m_currentId;
}

bool StoryListPanel::selectStory(qint64 id)
{
    const int row = m_model->ensureLoaded(id);
    if (row < 0)
        return false;
    const QModelIndex index = m_model->index(row);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    return true;
}

void StoryListPanel::updateEmptyNote()
{
    // A hidden view fetches nothing, so the first page is asked for here.
    if (m_model->rowCount() == 0 && m_model->canFetchMore({}))
        m_model->fetchMore({});
    const bool empty = m_model->rowCount() == 0;
    m_view->setVisible(!empty);
    m_emptyNote->setVisible(empty);
    if (!empty)
        return;
    const QString search = m_model->searchText().trimmed();
    if (m_model->searchIsTooCommon())
        m_emptyNote->setText(tr("“%1” is too common to search for. Add a less common word.").arg(search));
    else if (!search.isEmpty())
        m_emptyNote->setText(tr("No story matches “%1”.").arg(search));
    else if (m_status->currentData().toInt() >= 0)
        m_emptyNote->setText(tr("No story is %1.").arg(m_status->currentText().toLower()));
    else
        m_emptyNote->setText(tr("No stories yet. Story ▸ New (Ctrl+N) starts one."));
}

QLabel *StoryListPanel::emptyNote() const
{
    return m_emptyNote;
}

QLineEdit *StoryListPanel::searchField() const
{
    return m_search;
}

QComboBox *StoryListPanel::statusFilter() const
{
    return m_status;
}

QListView *StoryListPanel::view() const
{
    return m_view;
}
