// SPDX-License-Identifier: MIT
#pragma once

#include "story.h"
#include "storyrepository.h"

#include <QDialog>

#include <optional>

class QTextBrowser;

// Review ▸ Changes Since Last Approval: every published text of the story
// (storyFields()) as it is now, compared word by word with the revision that
// was last approved.
class ChangesDialog : public QDialog
{
    Q_OBJECT
public:
    // approved: the last approved revision; nullopt when there was none.
    ChangesDialog(const Story &story, const std::optional<Revision> &approved, QWidget *parent = nullptr);

    // What the dialog shows, as plain text.
    QString shownText() const;

private:
    QTextBrowser *m_browser;
};

// Shows in browser what the dialog shows: story compared word by word with
// approved (the window's Changes panel shows it too).
void showChangesSinceApproval(QTextBrowser *browser, const Story &story, const std::optional<Revision> &approved);
