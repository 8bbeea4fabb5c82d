// SPDX-License-Identifier: MIT
#pragma once

#include "story.h"
#include "storyrepository.h"

#include <QDialog>

class QComboBox;
class QListWidget;
class QPushButton;
class QTextBrowser;

// Review ▸ History: the story's revisions, newest first (when, who, what kind
// of save, the status then), and the one chosen compared word by word with
// the one before it or any other. Restoring is the caller's: the dialog asks
// through restoreRequested() and the caller accepts it once it is done.
class HistoryDialog : public QDialog
{
    Q_OBJECT
public:
    // revisions: StoryRepository::revisions(), newest first. canRestore:
    // false when the story is open read-only.
    HistoryDialog(const Story &story, const QList<Revision> &revisions, bool canRestore, QWidget *parent = nullptr);

    // The lines the list shows, one per revision, in its order.
    QStringList revisionLines() const;
    // Shows revision row compared with the one before it (the next row).
    void showRevision(int row);
    int shownRevision() const;
    // Compares the shown revision with the one at row instead.
    void compareWith(int row);
    int comparedWith() const;
    // The comparison shown, as plain text.
    QString diffText() const;
    // Asks to restore the shown revision (the Restore button).
    void restoreShown();

Q_SIGNALS:
    void restoreRequested(qint64 revisionId);

private:
    void showDiff();

    QList<Revision> m_revisions;
    QListWidget *m_list;
    QComboBox *m_base;
    QTextBrowser *m_browser;
    QPushButton *m_restore;
};
