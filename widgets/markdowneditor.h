// SPDX-License-Identifier: MIT
#pragma once

#include <QPlainTextEdit>

namespace KSyntaxHighlighting {
class SyntaxHighlighter;
}

// The story body: Markdown source highlighted with KDE's Markdown definition,
// in a theme that follows the palette (light or dark, switching live).
class MarkdownEditor : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit MarkdownEditor(QWidget *parent = nullptr);

    // The theme currently applied, for tests and the status bar.
    QString themeName() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyTheme();

    KSyntaxHighlighting::SyntaxHighlighter *m_highlighter;
    bool m_applyingTheme = false;
};
