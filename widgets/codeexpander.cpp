// SPDX-License-Identifier: MIT
#include "codeexpander.h"

#include "glossary.h"

#include <QCoreApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QTextCursor>

using namespace Qt::StringLiterals;

CodeExpander::CodeExpander(QObject *parent)
    : QObject(parent)
{
}

void CodeExpander::setCodes(const QHash<QString, QString> &codes)
{
    m_codes = codes;
}

const QHash<QString, QString> &CodeExpander::codes() const
{
    return m_codes;
}

void CodeExpander::attach(QLineEdit *field)
{
    field->installEventFilter(this);
}

void CodeExpander::attach(QPlainTextEdit *field)
{
    field->installEventFilter(this);
}

bool CodeExpander::eventFilter(QObject *watched, QEvent *event)
{
    // The field takes the key first (its own handling: typography in the
    // body, the line edit's undo history), then the code before the cursor
    // is looked at. A key the filter hands on comes back through it once.
    if (event->type() != QEvent::KeyPress || watched == m_delivering || m_codes.isEmpty())
        return QObject::eventFilter(watched, event);
    if (static_cast<QKeyEvent *>(event)->text() != u"="_s)
        return QObject::eventFilter(watched, event);
    auto *line = qobject_cast<QLineEdit *>(watched);
    auto *text = qobject_cast<QPlainTextEdit *>(watched);
    if ((!line && !text) || (line && line->isReadOnly()) || (text && text->isReadOnly()))
        return QObject::eventFilter(watched, event);
    m_delivering = watched;
    QCoreApplication::sendEvent(watched, event);
    m_delivering = nullptr;
    if (line)
        expandIn(line);
    else
        expandIn(text);
    return true;
}

void CodeExpander::expandIn(QLineEdit *field)
{
    if (field->hasSelectedText())
        return;
    const std::optional<Typography::Replacement> replacement =
        Glossary::expansionAt(field->text(), field->cursorPosition(), m_codes);
    if (!replacement)
        return;
    const QString code = field->text().mid(replacement->offset + 1, replacement->length - 2);
    // Selecting the code ends the line edit's run of typing in its undo
    // history, so undo takes back the expansion and not the typing too.
    field->setSelection(int(replacement->offset), int(replacement->length));
    field->insert(replacement->text);
    // And moving the cursor ends the expansion's step, so that undoing what
    // is typed next stops at the expansion.
    const int end = field->cursorPosition();
    field->setCursorPosition(end - 1);
    field->setCursorPosition(end);
    Q_EMIT expanded(code, replacement->text);
}

void CodeExpander::expandIn(QPlainTextEdit *field)
{
    const QTextCursor cursor = field->textCursor();
    if (cursor.hasSelection())
        return;
    // The code is on the cursor's line: look at that line alone.
    const QTextBlock block = cursor.block();
    const std::optional<Typography::Replacement> replacement =
        Glossary::expansionAt(block.text(), cursor.positionInBlock(), m_codes);
    if (!replacement)
        return;
    const QString code = block.text().mid(replacement->offset + 1, replacement->length - 2);
    QTextCursor edit(field->document());
    edit.beginEditBlock();
    edit.setPosition(block.position() + int(replacement->offset));
    edit.setPosition(block.position() + int(replacement->offset + replacement->length), QTextCursor::KeepAnchor);
    edit.insertText(replacement->text);
    edit.endEditBlock();
    Q_EMIT expanded(code, replacement->text);
}
