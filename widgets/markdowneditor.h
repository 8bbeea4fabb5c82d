// SPDX-License-Identifier: MIT
#pragma once

#include <QPlainTextEdit>

class BodyHighlighter;
class SpellChecker;

// The story body: Markdown source highlighted with KDE's Markdown definition,
// in a theme that follows the palette (light or dark, switching live), with
// typography as you type and misspelt words underlined.
class MarkdownEditor : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit MarkdownEditor(QWidget *parent = nullptr);
    ~MarkdownEditor() override;

    // The theme currently applied, for tests and the status bar.
    QString themeName() const;

    // Curly quotes, dashes and ellipses as the user types; each conversion is
    // its own undo step, so Ctrl+Z gives the typed character back.
    bool typographyEnabled() const;
    void setTypographyEnabled(bool enabled);
    // Converts the selection, or the whole text, as one undo step. Returns the
    // number of conversions.
    int convertTypography();

    SpellChecker *spellChecker() const;
    // Whether the word at position is underlined as misspelt.
    bool isMarkedMisspelt(int position) const;

    // Selects [offset, offset + length) and shows it.
    void selectRange(qsizetype offset, qsizetype length);

    // Replaces the whole text, as setPlainText() does, after choosing how its
    // lines wrap (see wrapsFor()).
    void setMarkdown(const QString &markdown);

Q_SIGNALS:
    // "Add to Glossary" in the context menu of a misspelt word.
    void acceptNameRequested(const QString &name);

protected:
    void changeEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void insertFromMimeData(const QMimeData *source) override;

private:
    void applyTheme();
    void useMarkdownDefinition();
    void applyTypographyAtCursor();
    void chooseWrapMode(bool longRunArriving);

    SpellChecker *m_spellChecker;
    BodyHighlighter *m_highlighter;
    bool m_applyingTheme = false;
    bool m_typography = true;
};
