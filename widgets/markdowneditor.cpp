// SPDX-License-Identifier: MIT
#include "markdowneditor.h"

#include "spellchecker.h"
#include "syntaxrepository.h"
#include "textstats.h"
#include "typography.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>

#include <QApplication>
#include <QContextMenuEvent>
#include <QEvent>
#include <QFontDatabase>
#include <QMenu>
#include <QMimeData>
#include <QTextBlock>
#include <QTextBoundaryFinder>
#include <QTextDocumentFragment>
#include <QTextLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

// A document has one QSyntaxHighlighter, and KSyntaxHighlighting's Markdown
// highlighting is it; so the spell check rides on the same highlighter, adding
// its underline to the formats of each block the highlighter (re)reads. Qt
// rehighlights only the changed block (and the following ones while their
// state changes), which is exactly "per changed block".
class BodyHighlighter : public KSyntaxHighlighting::SyntaxHighlighter
{
public:
    BodyHighlighter(QTextDocument *document, SpellChecker *spellChecker)
        : KSyntaxHighlighting::SyntaxHighlighter(document)
        , m_spellChecker(spellChecker)
    {
    }

protected:
    void highlightBlock(const QString &text) override
    {
        KSyntaxHighlighting::SyntaxHighlighter::highlightBlock(text);
        // Which fence (if any) is open after this line, in the block state:
        // KSyntaxHighlighting keeps its own state in the block's user data,
        // and QSyntaxHighlighter rehighlights the following lines when the
        // state changes, so opening or closing a fence re-checks what follows.
        const int before = std::max(previousBlockState(), 0);
        const QChar fence = fenceMarker(text);
        int after = before;
        if (before == NoFence && !fence.isNull())
            after = fence == u'`' ? InBacktickFence : InTildeFence;
        else if ((before == InBacktickFence && fence == u'`') || (before == InTildeFence && fence == u'~'))
            after = NoFence;
        setCurrentBlockState(after);
        // An empty line first: the spell checker's dictionary may still be
        // loading (SpellChecker::preload()), and an empty document needs none.
        if (text.isEmpty() || !m_spellChecker->isValid())
            return;
        // Code blocks: fenced lines (and their fences) or indented lines are not prose.
        if (before != NoFence || after != NoFence || text.startsWith(u"    "_s) || text.startsWith(u'\t'))
            return;
        const QList<MarkdownProse::Span> literals = MarkdownProse::literalSpans(text, MarkdownProse::Completeness::BeingTyped);
        qsizetype literal = 0;
        QTextBoundaryFinder finder(QTextBoundaryFinder::Word, text);
        qsizetype start = 0;
        while (finder.toNextBoundary() != -1) {
            const qsizetype end = finder.position();
            if (finder.boundaryReasons() & QTextBoundaryFinder::EndOfItem) {
                while (literal < literals.size() && literals.at(literal).end() <= start)
                    ++literal;
                const bool inLiteral = literal < literals.size() && literals.at(literal).offset < end;
                if (!inLiteral) {
                    const QString word = text.mid(start, end - start);
                    if (word.front().isLetter() && m_spellChecker->isMisspelled(word)) {
                        QTextCharFormat misspelt = format(int(start));
                        misspelt.setUnderlineStyle(QTextCharFormat::SpellCheckUnderline);
                        misspelt.setUnderlineColor(Qt::red);
                        misspelt.setProperty(MisspeltProperty, true);
                        setFormat(int(start), int(end - start), misspelt);
                    }
                }
            }
            start = end;
        }
    }

public:
    static constexpr int MisspeltProperty = QTextFormat::UserProperty + 1;

private:
    enum FenceState { NoFence = 0, InBacktickFence = 1, InTildeFence = 2 };
    // '`' or '~' when the line is a code fence (three or more, at most three
    // spaces in), otherwise null.
    static QChar fenceMarker(const QString &line)
    {
        qsizetype i = 0;
        while (i < line.size() && i < 3 && line.at(i) == u' ')
            ++i;
        if (i + 3 > line.size())
            return {};
        const QChar marker = line.at(i);
        if ((marker != u'`' && marker != u'~') || line.at(i + 1) != marker || line.at(i + 2) != marker)
            return {};
        return marker;
    }

    SpellChecker *m_spellChecker;
};

namespace {

// Qt lays out a line with no break opportunity, when it may wrap at word
// boundaries, in time that grows with the square of the line's length: 100,000
// characters of ">" or "*" take seconds and a million take many minutes, all
// on the GUI thread. A text with a run of characters that long wraps anywhere
// instead, which is linear; prose never has one.
constexpr qsizetype LongRun = 10'000;

bool hasLongRun(QStringView text)
{
    qsizetype run = 0;
    for (QChar c : text) {
        run = c.isSpace() ? 0 : run + 1;
        if (run >= LongRun)
            return true;
    }
    return false;
}

} // namespace

MarkdownEditor::MarkdownEditor(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_spellChecker(new SpellChecker(this))
    , m_highlighter(new BodyHighlighter(document(), m_spellChecker))
{
    setObjectName(u"markdownEditor"_s);
    // The definition may still be loading on a worker thread
    // (preloadMarkdownDefinition()); setMarkdown() waits for it, text typed
    // before it arrives is highlighted once it does.
    whenMarkdownDefinitionReady(this, [this] { useMarkdownDefinition(); });
    QFont font = QFontDatabase::systemFont(QFontDatabase::GeneralFont);
    font.setPointSizeF(font.pointSizeF() * 1.1);
    setFont(font);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setTabChangesFocus(false);
    applyTheme();
    connect(m_spellChecker, &SpellChecker::acceptedNamesChanged, this, [this] { m_highlighter->rehighlight(); });
    // Back to wrapping at word boundaries once the long run is gone. Qt has
    // laid out the changed text by the time this runs; choosing the mode for
    // text on its way in is setMarkdown()'s and insertFromMimeData()'s job.
    connect(document(), &QTextDocument::contentsChanged, this, [this] {
        if (wordWrapMode() == QTextOption::WrapAnywhere)
            chooseWrapMode(false);
    });
}

void MarkdownEditor::setMarkdown(const QString &markdown)
{
    // Highlighted as it arrives, once.
    useMarkdownDefinition();
    chooseWrapMode(hasLongRun(markdown));
    setPlainText(markdown);
}

void MarkdownEditor::insertFromMimeData(const QMimeData *source)
{
    if (source->hasText() && hasLongRun(source->text()))
        chooseWrapMode(true);
    QPlainTextEdit::insertFromMimeData(source);
}

// Wraps anywhere while the text holds (or is about to hold) a run of LongRun
// characters without a space, at word boundaries otherwise.
void MarkdownEditor::chooseWrapMode(bool longRunArriving)
{
    bool longRun = longRunArriving;
    // Only a block at least LongRun long can hold such a run.
    for (QTextBlock block = document()->firstBlock(); !longRun && block.isValid(); block = block.next())
        longRun = block.length() > LongRun && hasLongRun(block.text());
    const QTextOption::WrapMode mode = longRun ? QTextOption::WrapAnywhere : QTextOption::WrapAtWordBoundaryOrAnywhere;
    if (wordWrapMode() != mode)
        setWordWrapMode(mode);
}

MarkdownEditor::~MarkdownEditor() = default;

void MarkdownEditor::useMarkdownDefinition()
{
    if (!m_highlighter->definition().isValid())
        m_highlighter->setDefinition(markdownDefinition());
}

QString MarkdownEditor::themeName() const
{
    return m_highlighter->theme().name();
}

bool MarkdownEditor::typographyEnabled() const
{
    return m_typography;
}

void MarkdownEditor::setTypographyEnabled(bool enabled)
{
    m_typography = enabled;
}

SpellChecker *MarkdownEditor::spellChecker() const
{
    return m_spellChecker;
}

bool MarkdownEditor::isMarkedMisspelt(int position) const
{
    const QTextBlock block = document()->findBlock(position);
    const int inBlock = position - block.position();
    const QList<QTextLayout::FormatRange> formats = block.layout()->formats();
    for (const QTextLayout::FormatRange &range : formats) {
        if (inBlock >= range.start && inBlock < range.start + range.length
            && range.format.property(BodyHighlighter::MisspeltProperty).toBool())
            return true;
    }
    return false;
}

void MarkdownEditor::selectRange(qsizetype offset, qsizetype length)
{
    QTextCursor cursor(document());
    cursor.setPosition(int(qMin<qsizetype>(offset + length, document()->characterCount() - 1)));
    cursor.setPosition(int(offset), QTextCursor::KeepAnchor);
    // Anchor at the end, so the view shows the start of the range.
    QTextCursor selection(document());
    selection.setPosition(cursor.position());
    selection.setPosition(cursor.anchor(), QTextCursor::KeepAnchor);
    setTextCursor(selection);
    ensureCursorVisible();
}

int MarkdownEditor::convertTypography()
{
    QTextCursor cursor = textCursor();
    const bool whole = !cursor.hasSelection();
    const int start = whole ? 0 : cursor.selectionStart();
    const QString text = whole ? toPlainText() : cursor.selection().toPlainText();
    const QList<Typography::Replacement> replacements = Typography::conversions(text);
    if (replacements.isEmpty())
        return 0;
    QTextCursor edit(document());
    edit.beginEditBlock();
    // From the end, so the earlier offsets stay right.
    for (auto it = replacements.crbegin(); it != replacements.crend(); ++it) {
        edit.setPosition(int(start + it->offset));
        edit.setPosition(int(start + it->offset + it->length), QTextCursor::KeepAnchor);
        edit.insertText(it->text);
    }
    edit.endEditBlock();
    return int(replacements.size());
}

void MarkdownEditor::keyPressEvent(QKeyEvent *event)
{
    QPlainTextEdit::keyPressEvent(event);
    if (m_typography && !event->text().isEmpty() && event->text().at(0).isPrint() && !textCursor().hasSelection())
        applyTypographyAtCursor();
}

void MarkdownEditor::applyTypographyAtCursor()
{
    const QTextCursor cursor = textCursor();
    const QTextBlock block = cursor.block();
    // Typography reads the text up to the end of the cursor's paragraph; the
    // document's start matters only for code fences, so take it all.
    const QString text = toPlainText().left(block.position() + block.length() - 1);
    const std::optional<Typography::Replacement> replacement = Typography::afterTyping(text, cursor.position());
    if (!replacement)
        return;
    QTextCursor edit(document());
    edit.beginEditBlock();
    edit.setPosition(int(replacement->offset));
    edit.setPosition(int(replacement->offset + replacement->length), QTextCursor::KeepAnchor);
    edit.insertText(replacement->text);
    edit.endEditBlock();
}

void MarkdownEditor::contextMenuEvent(QContextMenuEvent *event)
{
    std::unique_ptr<QMenu> menu(createStandardContextMenu(event->pos()));
    QTextCursor word = cursorForPosition(event->pos());
    word.select(QTextCursor::WordUnderCursor);
    const QString misspelt = word.selectedText();
    if (!misspelt.isEmpty() && m_spellChecker->isMisspelled(misspelt)) {
        QAction *first = menu->actions().value(0);
        const QStringList suggestions = m_spellChecker->suggestions(misspelt);
        for (const QString &suggestion : suggestions) {
            QAction *replace = new QAction(suggestion, menu.get());
            connect(replace, &QAction::triggered, this, [word, suggestion]() mutable { word.insertText(suggestion); });
            menu->insertAction(first, replace);
        }
        if (suggestions.isEmpty()) {
            QAction *none = new QAction(tr("(No suggestions)"), menu.get());
            none->setEnabled(false);
            menu->insertAction(first, none);
        }
        QAction *accept = new QAction(tr("Add \"%1\" to Glossary").arg(misspelt), menu.get());
        accept->setObjectName(u"actionAcceptName"_s);
        connect(accept, &QAction::triggered, this, [this, misspelt] {
            m_spellChecker->addAcceptedName(misspelt);
            Q_EMIT acceptNameRequested(misspelt);
        });
        menu->insertAction(first, accept);
        menu->insertSeparator(first);
    }
    menu->exec(event->globalPos());
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
