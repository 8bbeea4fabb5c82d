// SPDX-License-Identifier: MIT
#include "markdowneditor.h"

#include "syntaxrepository.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QApplication>
#include <QEvent>
#include <QFontDatabase>

using namespace Qt::StringLiterals;

MarkdownEditor::MarkdownEditor(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_highlighter(new KSyntaxHighlighting::SyntaxHighlighter(document()))
{
    setObjectName(u"markdownEditor"_s);
    m_highlighter->setDefinition(syntaxRepository().definitionForName(u"Markdown"_s));
    QFont font = QFontDatabase::systemFont(QFontDatabase::GeneralFont);
    font.setPointSizeF(font.pointSizeF() * 1.1);
    setFont(font);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setTabChangesFocus(false);
    applyTheme();
}

QString MarkdownEditor::themeName() const
{
    return m_highlighter->theme().name();
}

void MarkdownEditor::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_applyingTheme)
        applyTheme();
}

void MarkdownEditor::applyTheme()
{
    // Decide light or dark from the palette the application gives us, not from
    // our own, whose colours the previous theme set.
    const QPalette base = parentWidget() ? parentWidget()->palette() : QApplication::palette(this);
    const KSyntaxHighlighting::Theme theme = syntaxRepository().themeForPalette(base);
    if (theme.name() == m_highlighter->theme().name() && m_highlighter->theme().isValid())
        return;
    m_highlighter->setTheme(theme);
    m_highlighter->rehighlight();

    // Setting our own palette sends another PaletteChange; ignore that one.
    m_applyingTheme = true;
    QPalette pal = base;
    pal.setColor(QPalette::Base, QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::BackgroundColor)));
    pal.setColor(QPalette::Text, QColor::fromRgba(theme.textColor(KSyntaxHighlighting::Theme::Normal)));
    pal.setColor(QPalette::Highlight, QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::TextSelection)));
    setPalette(pal);
    m_applyingTheme = false;
}
