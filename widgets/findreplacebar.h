// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTextDocument;

// Find and replace in the story body: next and previous (wrapping round),
// match case, whole words, replace, and replace all as one undo step. Esc
// closes the bar and gives the body the focus back.
class FindReplaceBar : public QWidget
{
    Q_OBJECT
public:
    explicit FindReplaceBar(QPlainTextEdit *editor, QWidget *parent = nullptr);

    // Focuses the find field, seeded with the selection.
    void open();
    // Gives the body the focus back; whoever shows the bar hides it on closed().
    void close();

    bool findNext();
    bool findPrevious();
    // Replaces the current match (if the selection is one) and finds the next.
    bool replace();
    // Replaces every match in one undo step; returns how many.
    int replaceAll();

    QLineEdit *findField() const;
    QLineEdit *replaceField() const;
    QCheckBox *matchCaseBox() const;
    QCheckBox *wholeWordsBox() const;

Q_SIGNALS:
    void closed();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    bool find(bool backward);
    int flags(bool backward) const;
    bool selectionIsMatch() const;

    QPlainTextEdit *m_editor;
    QLineEdit *m_find;
    QLineEdit *m_replace;
    QCheckBox *m_matchCase;
    QCheckBox *m_wholeWords;
    QLabel *m_message;
};
