// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListView;
class QTimer;
class StoryListModel;

// The library's story list: a search box, a status filter and the stories,
// most recently updated first.
class StoryListPanel : public QWidget
{
    Q_OBJECT
public:
    explicit StoryListPanel(StoryListModel *model, QWidget *parent = nullptr);

    qint64 currentStoryId() const;
    // Selects the story, loading pages until it is found; false when absent.
    bool selectStory(qint64 id);

    QLineEdit *searchField() const;
    QComboBox *statusFilter() const;
    QListView *view() const;
    // What the list says when it has no rows (hidden when it has some).
    QLabel *emptyNote() const;

Q_SIGNALS:
    void currentStoryChanged(qint64 id);

private:
    void applyFilter();
    void updateEmptyNote();

    StoryListModel *m_model;
    QLineEdit *m_search;
    QComboBox *m_status;
    QComboBox *m_sort;
    QListView *m_view;
    QLabel *m_emptyNote;
    QTimer *m_searchDelay;
    qint64 m_currentId = 0;
};
