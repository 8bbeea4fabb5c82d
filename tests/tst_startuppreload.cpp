// SPDX-License-Identifier: MIT
//
// Start-up (issue 14) loads the editor's Markdown definition and spelling
// dictionary on worker threads while the window is built. What the window
// shows must not suffer: the story's text is highlighted and its misspellings
// marked as soon as it is in the editor, before its first frame, and text
// typed before the definition arrives is highlighted once it does. This file
// is its own process, so the loads are really in flight when the test runs.
#include "markdowneditor.h"
#include "spellchecker.h"
#include "syntaxrepository.h"

#include <QTest>
#include <QTextBlock>
#include <QTextLayout>

using namespace Qt::StringLiterals;

class TestStartupPreload : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void textIsHighlightedAndCheckedAsItArrives();
};

namespace {

// The formats the highlighter gave the line of the document that holds text.
QList<QTextLayout::FormatRange> formatsOfLine(const MarkdownEditor &editor, const QString &text)
{
    const QTextBlock block = editor.document()->find(text).block();
    return block.isValid() ? block.layout()->formats() : QList<QTextLayout::FormatRange>();
}

} // namespace

void TestStartupPreload::textIsHighlightedAndCheckedAsItArrives()
{
    preloadMarkdownDefinition();
    SpellChecker::preload();

    // Typed while both load: checked at once (the checker waits for the
    // dictionary), highlighted once the definition arrives.
    MarkdownEditor typed;
    typed.insertPlainText(u"# A typed Qzxwv heading"_s);
    QVERIFY(typed.isMarkedMisspelt(int(typed.toPlainText().indexOf(u"Qzxwv"_s))));
    QVERIFY(!typed.isMarkedMisspelt(int(typed.toPlainText().indexOf(u"typed"_s))));

    // A story set in the editor is highlighted and checked before setMarkdown returns.
    MarkdownEditor story;
    story.setMarkdown(u"# The secretary's heading\n\nThe secretary met Qzxwv today.\n\nA plain paragraph."_s);
    QVERIFY(story.isMarkedMisspelt(int(story.toPlainText().indexOf(u"Qzxwv"_s))));
    QVERIFY(!story.isMarkedMisspelt(int(story.toPlainText().indexOf(u"today"_s))));
    // The heading has the definition's heading format, not the prose's.
    const QList<QTextLayout::FormatRange> heading = formatsOfLine(story, u"The secretary's heading"_s);
    QVERIFY(!heading.isEmpty());
    QVERIFY(heading.constFirst().format != formatsOfLine(story, u"A plain paragraph."_s).value(0).format);

    QTRY_COMPARE(formatsOfLine(typed, u"A typed"_s).value(0).format.foreground(), heading.constFirst().format.foreground());
    QVERIFY(typed.isMarkedMisspelt(int(typed.toPlainText().indexOf(u"Qzxwv"_s))));
}

QTEST_MAIN(TestStartupPreload)
#include "tst_startuppreload.moc"
