// SPDX-License-Identifier: MIT
#include "findreplacebar.h"

#include <QCheckBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextDocument>
#include <QToolButton>

using namespace Qt::StringLiterals;

FindReplaceBar::FindReplaceBar(QPlainTextEdit *editor, QWidget *parent)
    : QWidget(parent)
    , m_editor(editor)
    , m_find(new QLineEdit(this))
    , m_replace(new QLineEdit(this))
    , m_matchCase(new QCheckBox(tr("Match &case"), this))
    , m_wholeWords(new QCheckBox(tr("&Whole words"), this))
    , m_message(new QLabel(this))
{
    setObjectName(u"findReplaceBar"_s);
    m_find->setObjectName(u"findField"_s);
    m_replace->setObjectName(u"replaceField"_s);
    m_matchCase->setObjectName(u"matchCase"_s);
    m_wholeWords->setObjectName(u"wholeWords"_s);
    m_find->setPlaceholderText(tr("Find in story"));
    m_replace->setPlaceholderText(tr("Replace with"));
    m_find->setClearButtonEnabled(true);

    auto button = [this](const QString &text, const QString &icon, const QString &name, const QString &tip) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setIcon(QIcon::fromTheme(icon));
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        b->setObjectName(name);
        b->setToolTip(tip);
        return b;
    };
    QToolButton *previous = button(tr("Previous"), u"go-up"_s, u"findPrevious"_s, tr("Find the previous match (Shift+Enter)"));
    QToolButton *next = button(tr("Next"), u"go-down"_s, u"findNext"_s, tr("Find the next match (Enter)"));
    QToolButton *replaceOne = button(tr("Replace"), u"edit-find-replace"_s, u"replaceOne"_s, tr("Replace this match and find the next"));
    QToolButton *replaceEvery = button(tr("Replace All"), QString(), u"replaceAll"_s, tr("Replace every match, as one undo step"));
    QToolButton *closeButton = button(QString(), u"window-close"_s, u"closeFind"_s, tr("Close (Esc)"));
    closeButton->setToolButtonStyle(Qt::ToolButtonIconOnly);
    if (closeButton->icon().isNull())
        closeButton->setText(u"✕"_s);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(m_find, 2);
    layout->addWidget(previous);
    layout->addWidget(next);
    layout->addWidget(m_matchCase);
    layout->addWidget(m_wholeWords);
    layout->addWidget(m_replace, 2);
    layout->addWidget(replaceOne);
    layout->addWidget(replaceEvery);
    layout->addWidget(m_message, 1);
    layout->addWidget(closeButton);

    connect(m_find, &QLineEdit::returnPressed, this, [this] {
        if (QGuiApplication::keyboardModifiers() & Qt::ShiftModifier)
            findPrevious();
        else
            findNext();
    });
    connect(m_replace, &QLineEdit::returnPressed, this, &FindReplaceBar::replace);
    connect(previous, &QToolButton::clicked, this, &FindReplaceBar::findPrevious);
    connect(next, &QToolButton::clicked, this, &FindReplaceBar::findNext);
    connect(replaceOne, &QToolButton::clicked, this, &FindReplaceBar::replace);
    connect(replaceEvery, &QToolButton::clicked, this, &FindReplaceBar::replaceAll);
    connect(closeButton, &QToolButton::clicked, this, &FindReplaceBar::close);
    connect(m_find, &QLineEdit::textChanged, m_message, &QLabel::clear);
}

void FindReplaceBar::open()
{
    const QString selected = m_editor->textCursor().selectedText();
    if (!selected.isEmpty() && !selected.contains(QChar::ParagraphSeparator))
        m_find->setText(selected);
    m_find->setFocus();
    m_find->selectAll();
}

void FindReplaceBar::close()
{
    Q_EMIT closed();
    m_editor->setFocus();
}

int FindReplaceBar::flags(bool backward) const
{
    QTextDocument::FindFlags result;
    if (backward)
        result |= QTextDocument::FindBackward;
    if (m_matchCase->isChecked())
        result |= QTextDocument::FindCaseSensitively;
    if (m_wholeWords->isChecked())
        result |= QTextDocument::FindWholeWords;
    return int(result);
}

bool FindReplaceBar::find(bool backward)
{
    const QString text = m_find->text();
    if (text.isEmpty())
        return false;
    const auto findFlags = QTextDocument::FindFlags(flags(backward));
    QTextCursor found = m_editor->document()->find(text, m_editor->textCursor(), findFlags);
    if (found.isNull()) {
        // Wrap round to the other end.
        QTextCursor from(m_editor->document());
        if (backward)
            from.movePosition(QTextCursor::End);
        found = m_editor->document()->find(text, from, findFlags);
        if (!found.isNull())
            m_message->setText(backward ? tr("Continued from the end.") : tr("Continued from the start."));
    } else {
        m_message->clear();
    }
    if (found.isNull()) {
        m_message->setText(tr("Not found."));
        return false;
    }
    m_editor->setTextCursor(found);
    m_editor->ensureCursorVisible();
    return true;
}

bool FindReplaceBar::findNext()
{
    return find(false);
}

bool FindReplaceBar::findPrevious()
{
    return find(true);
}

bool FindReplaceBar::selectionIsMatch() const
{
    const QTextCursor cursor = m_editor->textCursor();
    if (!cursor.hasSelection())
        return false;
    QTextCursor from(m_editor->document());
    from.setPosition(cursor.selectionStart());
    const QTextCursor match = m_editor->document()->find(m_find->text(), from, QTextDocument::FindFlags(flags(false)));
    return !match.isNull() && match.selectionStart() == cursor.selectionStart() && match.selectionEnd() == cursor.selectionEnd();
}

bool FindReplaceBar::replace()
{
    if (m_find->text().isEmpty())
        return false;
    if (selectionIsMatch()) {
        QTextCursor cursor = m_editor->textCursor();
        cursor.insertText(m_replace->text());
        m_editor->setTextCursor(cursor);
    }
    return findNext();
}

int FindReplaceBar::replaceAll()
{
    const QString text = m_find->text();
    if (text.isEmpty())
        return 0;
    const auto findFlags = QTextDocument::FindFlags(flags(false));
    QTextCursor edit(m_editor->document());
    int count = 0;
    edit.beginEditBlock();
    QTextCursor found = m_editor->document()->find(text, 0, findFlags);
    while (!found.isNull()) {
        found.insertText(m_replace->text());
        ++count;
        found = m_editor->document()->find(text, found, findFlags);
    }
    edit.endEditBlock();
    m_message->setText(tr("Replaced %n time(s).", nullptr, count));
    return count;
}

QLineEdit *FindReplaceBar::findField() const
{
    return m_find;
}

QLineEdit *FindReplaceBar::replaceField() const
{
    return m_replace;
}

QCheckBox *FindReplaceBar::matchCaseBox() const
{
    return m_matchCase;
}

QCheckBox *FindReplaceBar::wholeWordsBox() const
{
    return m_wholeWords;
}

void FindReplaceBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        close();
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}
