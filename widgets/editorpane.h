// SPDX-License-Identifier: MIT
#pragma once

#include "story.h"

#include <QWidget>

class MarkdownEditor;
class QLineEdit;

// The story being edited: its headline, dek, byline and dateline above the
// Markdown body.
class EditorPane : public QWidget
{
    Q_OBJECT
public:
    explicit EditorPane(QWidget *parent = nullptr);

    // Shows story; the pane is unmodified afterwards.
    void setStory(const Story &story);
    void clear();
    // The story as loaded, with the fields as edited now.
    Story story() const;
    bool hasStory() const;
    bool isModified() const;
    // After a save: the saved story becomes the baseline.
    void markSaved(const Story &saved);

    MarkdownEditor *bodyEditor() const;
    QLineEdit *headlineField() const;
    QLineEdit *dekField() const;
    QLineEdit *bylineField() const;
    QLineEdit *datelineField() const;

Q_SIGNALS:
    // Any field or the body changed by the user.
    void edited();

private:
    Story m_story;
    bool m_hasStory = false;
    bool m_loading = false;
    QLineEdit *m_headline;
    QLineEdit *m_dek;
    QLineEdit *m_byline;
    QLineEdit *m_dateline;
    MarkdownEditor *m_body;
};
