// SPDX-License-Identifier: MIT
// The editor pane driven as a user drives it: keys typed into the real body,
// rows clicked in the real panels.
#include "editorpane.h"
#include "findreplacebar.h"
#include "markdowneditor.h"
#include "quotespanel.h"
#include "spellchecker.h"
#include "textstats.h"

#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTextBlock>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

namespace {

QString sampleBody()
{
    QFile file(QStringLiteral(NEWSDESK_SOURCE_DIR "/resources/samples/hegseth-healey/story.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList paragraphs;
    const QJsonArray array = QJsonDocument::fromJson(file.readAll()).object().value(u"paragraphs"_s).toArray();
    for (const QJsonValue &paragraph : array)
        paragraphs << paragraph.toString();
    return paragraphs.join(u"\n\n"_s);
}

Story storyWithBody(const QString &body)
{
    Story story;
    story.id = 1;
    story.headline = u"Hegseth, U.K. Counterpart Discuss Working Toward Peace in Ukraine"_s;
    story.body = body;
    return story;
}

// Types text key by key, a line break as Return.
void typeText(QWidget *editor, const QString &text)
{
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (i > 0)
            QTest::keyClick(editor, Qt::Key_Return);
        QTest::keyClicks(editor, lines.at(i));
    }
}

} // namespace

class TestEditorPane : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void typographyAsYouType_data();
    void typographyAsYouType();
    void undoAfterQuoteGivesStraightQuoteBack();
    void typographyCanBeSwitchedOff();
    void convertTypographyIsOneUndoStep();
    void findNextWrapsAndHonoursOptions_data();
    void findNextWrapsAndHonoursOptions();
    void replaceAllIsOneUndoStep();
    void escapeClosesFindBar();
    void outlineClickMovesCursorToHeading();
    void statusCountsFollowTyping();
    void quotesPanelClickSelectsQuotation();
    void quotesPanelFlagsSampleStoryUnbalancedQuote();
    void quotesPanelFollowsTyping();
    void backgroundAnalysisLeavesGuiThreadAlone();
    void analysisOfAnOlderTextIsDiscarded();
    void panelsShowLatestTextAfterFastEdits();
    void quoteRowsPointAtMovedQuotations();
    void outlineKeepsSelectionWhileTyping();
    void storyAndPanelsFollowEditsAndUndo();
    void pullQuoteUsesRendererConvention();
    void misspeltWordUnderlinedUntilAcceptedAsName();
    void spellCheckSkipsCodeSpans();
    void spellCheckSkipsFencedCode();
    void styleHints_data();
    void styleHints();

private:
    void open(const QString &body);
    std::unique_ptr<EditorPane> m_pane;
};

void TestEditorPane::init()
{
    m_pane = std::make_unique<EditorPane>();
    m_pane->resize(1000, 700);
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
}

void TestEditorPane::cleanup()
{
    m_pane.reset();
}

void TestEditorPane::open(const QString &body)
{
    m_pane->setStory(storyWithBody(body));
    // The panels fill in after the text shows; these tests start from there.
    m_pane->analyzeNow();
    MarkdownEditor *editor = m_pane->bodyEditor();
    editor->moveCursor(QTextCursor::End);
    editor->setFocus();
}

void TestEditorPane::typographyAsYouType_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("expected");
    QTest::newRow("double quotes curl open and close") << u"\"Yes,\" he said."_s << u"“Yes,” he said."_s;
    QTest::newRow("nested single quotes curl") << u"\"He said 'no' to me.\""_s << u"“He said ‘no’ to me.”"_s;
    QTest::newRow("apostrophe in a word") << u"it's"_s << u"it’s"_s;
    QTest::newRow("two hyphens become an em dash") << u"peace--now"_s << u"peace—now"_s;
    QTest::newRow("three dots become an ellipsis") << u"wait..."_s << u"wait…"_s;
    QTest::newRow("code span left alone") << u"`a \"b\"`"_s << u"`a \"b\"`"_s;
}

void TestEditorPane::typographyAsYouType()
{
    QFETCH(QString, typed);
    QFETCH(QString, expected);
    open(QString());
    QTest::keyClicks(m_pane->bodyEditor(), typed);
    QCOMPARE(m_pane->bodyEditor()->toPlainText(), expected);
}

void TestEditorPane::undoAfterQuoteGivesStraightQuoteBack()
{
    open(u"He said "_s);
    MarkdownEditor *editor = m_pane->bodyEditor();
    QTest::keyClicks(editor, u"\""_s);
    QCOMPARE(editor->toPlainText(), u"He said “"_s);
    QTest::keyClick(editor, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(editor->toPlainText(), u"He said \""_s);
    QTest::keyClick(editor, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(editor->toPlainText(), u"He said "_s);
}

void TestEditorPane::typographyCanBeSwitchedOff()
{
    open(QString());
    m_pane->bodyEditor()->setTypographyEnabled(false);
    QTest::keyClicks(m_pane->bodyEditor(), u"\"it's\" -- ..."_s);
    QCOMPARE(m_pane->bodyEditor()->toPlainText(), u"\"it's\" -- ..."_s);
}

void TestEditorPane::convertTypographyIsOneUndoStep()
{
    const QString pasted = u"\"We're here,\" she said -- and left..."_s;
    open(pasted);
    MarkdownEditor *editor = m_pane->bodyEditor();
    QCOMPARE(editor->convertTypography(), 5);
    QCOMPARE(editor->toPlainText(), u"“We’re here,” she said — and left…"_s);
    editor->undo();
    QCOMPARE(editor->toPlainText(), pasted);

    // Only the selection when there is one.
    QTextCursor cursor(editor->document());
    cursor.setPosition(0);
    cursor.setPosition(13, QTextCursor::KeepAnchor);
    editor->setTextCursor(cursor);
    editor->convertTypography();
    QCOMPARE(editor->toPlainText(), u"“We’re here,” she said -- and left..."_s);
}

void TestEditorPane::findNextWrapsAndHonoursOptions_data()
{
    QTest::addColumn<bool>("matchCase");
    QTest::addColumn<bool>("wholeWords");
    QTest::addColumn<QList<int>>("starts");
    // Text: "Peace, peacekeepers and PEACE."
    QTest::newRow("any case, any part of a word") << false << false << QList<int>{0, 7, 24, 0};
    QTest::newRow("match case") << true << false << QList<int>{7, 7};
    QTest::newRow("whole words") << false << true << QList<int>{0, 24, 0};
}

void TestEditorPane::findNextWrapsAndHonoursOptions()
{
    QFETCH(bool, matchCase);
    QFETCH(bool, wholeWords);
    QFETCH(QList<int>, starts);
    open(u"Peace, peacekeepers and PEACE."_s);
    MarkdownEditor *editor = m_pane->bodyEditor();
    editor->moveCursor(QTextCursor::Start);
    FindReplaceBar bar(editor);
    bar.show();
    bar.open();
    QTest::keyClicks(bar.findField(), u"peace"_s);
    bar.matchCaseBox()->setChecked(matchCase);
    bar.wholeWordsBox()->setChecked(wholeWords);
    for (int start : starts) {
        QTest::keyClick(bar.findField(), Qt::Key_Return);
        QCOMPARE(editor->textCursor().selectionStart(), start);
        QCOMPARE(editor->textCursor().selectedText().toLower(), u"peace"_s);
    }
    QVERIFY(bar.findPrevious());
    QVERIFY(editor->textCursor().hasSelection());
}

void TestEditorPane::replaceAllIsOneUndoStep()
{
    const QString text = u"Healey met Hegseth. Healey spoke.\n\nHealey left."_s;
    open(text);
    MarkdownEditor *editor = m_pane->bodyEditor();
    FindReplaceBar bar(editor);
    bar.findField()->setText(u"Healey"_s);
    bar.replaceField()->setText(u"John Healey"_s);
    QCOMPARE(bar.replaceAll(), 3);
    QCOMPARE(editor->toPlainText(), u"John Healey met Hegseth. John Healey spoke.\n\nJohn Healey left."_s);
    editor->undo();
    QCOMPARE(editor->toPlainText(), text);

    // Replace one: only the match under the selection, then on to the next.
    editor->moveCursor(QTextCursor::Start);
    QVERIFY(bar.findNext());
    QVERIFY(bar.replace());
    QCOMPARE(editor->toPlainText(), u"John Healey met Hegseth. Healey spoke.\n\nHealey left."_s);
    QCOMPARE(editor->textCursor().selectionStart(), 25);
}

void TestEditorPane::escapeClosesFindBar()
{
    open(u"text"_s);
    FindReplaceBar bar(m_pane->bodyEditor());
    QSignalSpy closed(&bar, &FindReplaceBar::closed);
    bar.show();
    bar.open();
    QTest::keyClick(bar.findField(), Qt::Key_Escape);
    QCOMPARE(closed.count(), 1);
}

void TestEditorPane::outlineClickMovesCursorToHeading()
{
    const QString body = u"Intro paragraph.\n\n## Background\n\nText.\n\n### Details\n\nMore text.\n"_s;
    open(body);
    QListWidget *outline = m_pane->outline();
    QCOMPARE(outline->count(), 2);
    QCOMPARE(outline->item(0)->text(), u"  Background"_s);
    m_pane->sideTabs()->setCurrentWidget(outline);
    QListWidgetItem *details = outline->item(1);
    QTest::mouseClick(outline->viewport(), Qt::LeftButton, {}, outline->visualItemRect(details).center());
    QCOMPARE(m_pane->bodyEditor()->textCursor().position(), int(body.indexOf(u"### Details"_s)));
}

void TestEditorPane::statusCountsFollowTyping()
{
    open(u"One two"_s);
    QVERIFY2(m_pane->statsLabel()->text().startsWith(u"2 words · 7 characters · 1 min read"_s),
             qPrintable(m_pane->statsLabel()->text()));
    QTest::keyClicks(m_pane->bodyEditor(), u" three"_s);
    QTRY_VERIFY2(m_pane->statsLabel()->text().startsWith(u"3 words · 13 characters"_s),
                 qPrintable(m_pane->statsLabel()->text()));
}

void TestEditorPane::quotesPanelClickSelectsQuotation()
{
    open(sampleBody());
    QuotesPanel *panel = m_pane->quotesPanel();
    m_pane->sideTabs()->setCurrentWidget(panel);
    QTreeWidget *view = panel->view();
    QTreeWidgetItem *quotations = view->topLevelItem(0);
    QVERIFY(quotations->childCount() > 3);
    const Quotes::Quotation second = panel->analysis().quotations.at(1);
    QTreeWidgetItem *row = quotations->child(1);
    QVERIFY(!row->text(1).isEmpty());
    view->scrollToItem(row);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualItemRect(row).center());
    const QTextCursor cursor = m_pane->bodyEditor()->textCursor();
    QCOMPARE(cursor.selectionStart(), int(second.range.offset));
    QCOMPARE(cursor.selectionEnd(), int(second.range.end()));
    QVERIFY(cursor.selectedText().contains(second.text));
}

void TestEditorPane::quotesPanelFlagsSampleStoryUnbalancedQuote()
{
    const QString body = sampleBody();
    open(body);
    const Quotes::Analysis &analysis = m_pane->quotesPanel()->analysis();
    const auto unbalanced = std::find_if(analysis.findings.cbegin(), analysis.findings.cend(), [](const Quotes::Finding &f) {
        return f.kind == Quotes::Finding::Kind::UnbalancedQuotes;
    });
    QVERIFY(unbalanced != analysis.findings.cend());
    // In the last paragraph.
    QCOMPARE(unbalanced->paragraph, int(analysis.paragraphs.size()) - 1);
    QTreeWidgetItem *findings = m_pane->quotesPanel()->view()->topLevelItem(1);
    QVERIFY(findings->childCount() >= 1);
    QVERIFY(findings->text(0).contains(u"to check"_s));
}

void TestEditorPane::quotesPanelFollowsTyping()
{
    open(u"Defense Secretary Pete Hegseth spoke.\n\n"_s);
    QCOMPARE(m_pane->quotesPanel()->analysis().quotations.size(), 0);
    QTest::keyClicks(m_pane->bodyEditor(), u"\"We want peace,\" Hegseth said."_s);
    QTRY_COMPARE(m_pane->quotesPanel()->analysis().quotations.size(), 1);
    const Quotes::Quotation quotation = m_pane->quotesPanel()->analysis().quotations.constFirst();
    QCOMPARE(m_pane->quotesPanel()->analysis().speakerName(quotation), u"Hegseth"_s);
    QCOMPARE(m_pane->quotesPanel()->view()->topLevelItem(0)->child(0)->text(1), u"Pete Hegseth"_s);
}

void TestEditorPane::backgroundAnalysisLeavesGuiThreadAlone()
{
    open(u"One two"_s);
    QTest::keyClicks(m_pane->bodyEditor(), u" three"_s);
    m_pane->analyzeInBackground();
    // Nothing shown yet: the analysis runs elsewhere and its result comes
    // through the event loop.
    QVERIFY2(m_pane->statsLabel()->text().startsWith(u"2 words"_s), qPrintable(m_pane->statsLabel()->text()));
    QTRY_VERIFY2(m_pane->statsLabel()->text().startsWith(u"3 words · 13 characters"_s),
                 qPrintable(m_pane->statsLabel()->text()));
}

void TestEditorPane::analysisOfAnOlderTextIsDiscarded()
{
    open(u"\"Peace,\" Hegseth said."_s);
    MarkdownEditor *editor = m_pane->bodyEditor();
    // Each analysis shown is of the text as it is when it shows.
    QStringList stale;
    int shown = 0;
    QObject context;
    connect(m_pane.get(), &EditorPane::analyzed, &context, [&] {
        ++shown;
        const QString text = editor->toPlainText();
        if (m_pane->stats().words() != TextStats::of(text).words()
            || m_pane->quotesPanel()->analysis().quotations.size() != Quotes::analyze(text).quotations.size())
            stale << m_pane->statsLabel()->text() + u" for "_s + text;
    });
    QTest::keyClicks(editor, u" Then:"_s);
    // A pause: the analysis of this text starts. Typing goes on before its
    // result arrives (the test does not run the event loop in between).
    m_pane->analyzeInBackground();
    QTest::keyClicks(editor, u" \"Now,\" he added."_s);
    QTRY_VERIFY2(m_pane->statsLabel()->text().startsWith(u"7 words"_s), qPrintable(m_pane->statsLabel()->text()));
    QCOMPARE(m_pane->quotesPanel()->analysis().quotations.size(), 2);
    QVERIFY2(stale.isEmpty(), qPrintable(stale.join(u'\n')));
    QCOMPARE(shown, 1);
}

void TestEditorPane::panelsShowLatestTextAfterFastEdits()
{
    open(sampleBody());
    MarkdownEditor *editor = m_pane->bodyEditor();
    QStringList stale;
    QObject context;
    connect(m_pane.get(), &EditorPane::analyzed, &context, [&] {
        const QString text = editor->toPlainText();
        if (m_pane->stats().words() != TextStats::of(text).words()
            || m_pane->quotesPanel()->analysis().quotations != Quotes::analyze(text).quotations)
            stale << m_pane->statsLabel()->text();
    });
    // Bursts of typing, each ended by a pause's analysis while the one
    // before may still run; headings and quotations come and go.
    const QStringList bursts = {u"\n\n## Reaction\n\n"_s, u"\"We are ready,\" Hegseth said."_s, u" More."_s,
                                u"\n\n## Next steps\n\n"_s, u"\"Soon,\" Healey said."_s};
    for (const QString &burst : bursts) {
        typeText(editor, burst);
        m_pane->analyzeInBackground();
    }
    QTest::keyClick(editor, Qt::Key_Backspace);
    const QString text = editor->toPlainText();
    const TextStats expected = TextStats::of(text);
    QTRY_COMPARE(m_pane->stats().words(), expected.words());
    const QList<Quotes::Quotation> quotations = Quotes::analyze(text).quotations;
    QTRY_VERIFY(m_pane->quotesPanel()->analysis().quotations == quotations);
    QCOMPARE(m_pane->stats().outline(), expected.outline());
    QCOMPARE(m_pane->outline()->count(), expected.outline().size());
    QCOMPARE(m_pane->outline()->item(m_pane->outline()->count() - 1)->text(), u"  Next steps"_s);
    QTreeWidgetItem *rows = m_pane->quotesPanel()->view()->topLevelItem(0);
    QCOMPARE(rows->child(rows->childCount() - 1)->text(0), u"“Soon,”"_s);
    QVERIFY2(stale.isEmpty(), qPrintable(stale.join(u'\n')));
}

void TestEditorPane::quoteRowsPointAtMovedQuotations()
{
    open(sampleBody());
    QuotesPanel *panel = m_pane->quotesPanel();
    m_pane->sideTabs()->setCurrentWidget(panel);
    QTreeWidget *view = panel->view();
    QTreeWidgetItem *row = view->topLevelItem(0)->child(1);
    const Quotes::Quotation before = panel->analysis().quotations.at(1);
    // Text typed before every quotation moves them all and changes none.
    MarkdownEditor *editor = m_pane->bodyEditor();
    editor->moveCursor(QTextCursor::Start);
    QTest::keyClicks(editor, u"Update: "_s);
    QTRY_COMPARE(panel->analysis().quotations.at(1).range.offset, before.range.offset + 8);
    QCOMPARE(view->topLevelItem(0)->child(1), row);
    view->scrollToItem(row);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualItemRect(row).center());
    const QTextCursor cursor = editor->textCursor();
    QCOMPARE(cursor.selectionStart(), int(before.range.offset + 8));
    QCOMPARE(cursor.selectionEnd(), int(before.range.end() + 8));
}

void TestEditorPane::outlineKeepsSelectionWhileTyping()
{
    open(u"Intro.\n\n## One\n\nText.\n\n## Two\n\nMore.\n"_s);
    QListWidget *outline = m_pane->outline();
    QCOMPARE(outline->count(), 2);
    outline->setCurrentRow(1);
    typeText(m_pane->bodyEditor(), u"\n## Three\n"_s);
    QTRY_COMPARE(outline->count(), 3);
    QCOMPARE(outline->currentRow(), 1);
    QCOMPARE(outline->item(2)->text(), u"  Three"_s);
}

void TestEditorPane::storyAndPanelsFollowEditsAndUndo()
{
    const QString original = u"Intro.\n\n## One\n\nText.\n"_s;
    open(original);
    MarkdownEditor *editor = m_pane->bodyEditor();
    QCOMPARE(m_pane->story().body, original);
    QVERIFY(!m_pane->isModified());
    // What the window asks when told of an edit (its title, its actions)
    // is the story with that edit.
    QStringList seen;
    connect(m_pane.get(), &EditorPane::edited, this, [&] { seen << m_pane->story().body; });
    QTest::keyClick(editor, 'x');
    QCOMPARE(seen, QStringList{original + u'x'});
    QTest::keyClick(editor, Qt::Key_Backspace);
    QCOMPARE(seen.constLast(), original);
    typeText(editor, u"## Two\n\n\"We are ready,\" he said."_s);
    QVERIFY(!seen.isEmpty());
    QCOMPARE(seen.constLast(), editor->toPlainText());
    QCOMPARE(m_pane->story().body, original + u"## Two\n\n“We are ready,” he said."_s);
    QVERIFY(m_pane->isModified());
    QTRY_COMPARE(m_pane->outline()->count(), 2);
    QTRY_COMPARE(m_pane->quotesPanel()->analysis().quotations.size(), 1);
    // As the library keeps it: a control character pasted in is not.
    editor->insertPlainText(u"\u0007 Bell."_s);
    QCOMPARE(seen.constLast(), original + u"## Two\n\n“We are ready,” he said. Bell."_s);
    QCOMPARE(m_pane->story().body, seen.constLast());

    // Undone to the text as opened: unmodified, the heading and the quotation gone.
    while (editor->document()->isUndoAvailable())
        editor->undo();
    QCOMPARE(m_pane->story().body, original);
    QCOMPARE(seen.constLast(), original);
    QVERIFY(!m_pane->isModified());
    QTRY_COMPARE(m_pane->outline()->count(), 1);
    QTRY_COMPARE(m_pane->quotesPanel()->analysis().quotations.size(), 0);
    editor->redo();
    QCOMPARE(m_pane->story().body, editor->toPlainText());
    QVERIFY(m_pane->isModified());

    // Another story shown: its text, unmodified.
    m_pane->setStory(storyWithBody(u"Other story."_s));
    QCOMPARE(m_pane->story().body, u"Other story."_s);
    QVERIFY(!m_pane->isModified());
}

void TestEditorPane::pullQuoteUsesRendererConvention()
{
    open(u"Defense Secretary Pete Hegseth spoke.\n\n“We want peace,” Hegseth said.\n\nLast paragraph."_s);
    MarkdownEditor *editor = m_pane->bodyEditor();
    QTextCursor cursor(editor->document());
    cursor.setPosition(int(editor->toPlainText().indexOf(u"want"_s)));
    editor->setTextCursor(cursor);
    QVERIFY(m_pane->insertPullQuote());
    QCOMPARE(editor->toPlainText(),
             u"Defense Secretary Pete Hegseth spoke.\n\n“We want peace,” Hegseth said.\n\n"
             "> We want peace\n> — Pete Hegseth, Defense Secretary\n\nLast paragraph."_s);
    editor->undo();
    QVERIFY(!editor->toPlainText().contains(u'>'));

    cursor.setPosition(2);
    editor->setTextCursor(cursor);
    QVERIFY(!m_pane->insertPullQuote());
}

void TestEditorPane::misspeltWordUnderlinedUntilAcceptedAsName()
{
    MarkdownEditor *editor = m_pane->bodyEditor();
    QVERIFY2(editor->spellChecker()->isValid(), "no English dictionary for Sonnet (hunspell-en-us)");
    open(u"The secretary met Qzxwv today."_s);
    const int name = int(editor->toPlainText().indexOf(u"Qzxwv"_s));
    QVERIFY(editor->isMarkedMisspelt(name));
    QVERIFY(!editor->isMarkedMisspelt(int(editor->toPlainText().indexOf(u"secretary"_s))));

    // Typing a misspelling into a later paragraph underlines it there.
    editor->moveCursor(QTextCursor::End);
    QTest::keyClick(editor, Qt::Key_Return);
    QTest::keyClick(editor, Qt::Key_Return);
    QTest::keyClicks(editor, u"They tallked."_s);
    QVERIFY(editor->isMarkedMisspelt(int(editor->toPlainText().indexOf(u"tallked"_s))));

    editor->spellChecker()->addAcceptedName(u"Qzxwv"_s);
    QVERIFY(!editor->isMarkedMisspelt(name));
    QVERIFY(editor->isMarkedMisspelt(int(editor->toPlainText().indexOf(u"tallked"_s))));
    QVERIFY(!editor->spellChecker()->suggestions(u"tallked"_s).isEmpty());
}

void TestEditorPane::spellCheckSkipsCodeSpans()
{
    QVERIFY(m_pane->bodyEditor()->spellChecker()->isValid());
    open(u"Run `qzxwv` and see ![](photo:abcdefq) now."_s);
    MarkdownEditor *editor = m_pane->bodyEditor();
    QVERIFY(!editor->isMarkedMisspelt(int(editor->toPlainText().indexOf(u"qzxwv"_s))));
    QVERIFY(!editor->isMarkedMisspelt(int(editor->toPlainText().indexOf(u"abcdefq"_s))));
}

void TestEditorPane::spellCheckSkipsFencedCode()
{
    MarkdownEditor *editor = m_pane->bodyEditor();
    QVERIFY(editor->spellChecker()->isValid());
    open(u"Before qzxwv.\n\n```\nmake abcdefq\n```\n\nAfter tallked."_s);
    const auto marked = [editor](const QString &word) {
        return editor->isMarkedMisspelt(int(editor->toPlainText().indexOf(word)));
    };
    QVERIFY(marked(u"qzxwv"_s));
    QVERIFY(!marked(u"abcdefq"_s));
    QVERIFY(marked(u"tallked"_s));

    // Removing the closing fence makes the rest code; typing it back makes
    // the last paragraph prose again.
    QTextCursor cursor(editor->document()->findBlockByNumber(4));
    QCOMPARE(cursor.block().text(), u"```"_s);
    cursor.select(QTextCursor::BlockUnderCursor);
    cursor.removeSelectedText();
    QVERIFY(!marked(u"tallked"_s));
    editor->setTextCursor(QTextCursor(editor->document()->findBlockByNumber(3)));
    editor->moveCursor(QTextCursor::EndOfBlock);
    QTest::keyClick(editor, Qt::Key_Return);
    QTest::keyClicks(editor, u"~~~"_s); // another kind of fence does not close it
    QVERIFY(!marked(u"tallked"_s));
    QTest::keyClick(editor, Qt::Key_Backspace);
    QTest::keyClick(editor, Qt::Key_Backspace);
    QTest::keyClick(editor, Qt::Key_Backspace);
    QTest::keyClicks(editor, u"```"_s);
    QVERIFY(marked(u"tallked"_s));
    QVERIFY(!marked(u"abcdefq"_s));
}

void TestEditorPane::styleHints_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("hint"); // empty: no hint
    QTest::newRow("headline with a full stop") << u"headlineField"_s << u"Hegseth Meets Healey."_s << u"full stop"_s;
    QTest::newRow("headline in capitals") << u"headlineField"_s << u"HEGSETH MEETS HEALEY"_s << u"capitals"_s;
    QTest::newRow("headline too long") << u"headlineField"_s << QString(100, u'a') << u"100 characters"_s;
    QTest::newRow("good headline") << u"headlineField"_s << u"Hegseth Meets Healey"_s << QString();
    QTest::newRow("dateline with two hyphens") << u"datelineField"_s << u"WASHINGTON --"_s << u"em dash"_s;
    QTest::newRow("dateline in lower case") << u"datelineField"_s << u"Washington —"_s << u"capitals"_s;
    QTest::newRow("good dateline with country") << u"datelineField"_s << u"KYIV, Ukraine —"_s << QString();
    QTest::newRow("byline without By") << u"bylineField"_s << u"Jim Garamone"_s << u"By First Last"_s;
    QTest::newRow("dek without a full stop") << u"dekField"_s << u"The two met at the Pentagon"_s << u"sentence"_s;
}

void TestEditorPane::styleHints()
{
    QFETCH(QString, field);
    QFETCH(QString, text);
    QFETCH(QString, hint);
    open(QString());
    auto *edit = m_pane->findChild<QLineEdit *>(field);
    QVERIFY(edit);
    edit->setFocus();
    edit->selectAll();
    // keyClicks types ASCII only; the em dash comes as a paste would.
    edit->insert(text);
    QLabel *hints = m_pane->styleHints();
    if (hint.isEmpty()) {
        QVERIFY2(hints->isHidden(), qPrintable(hints->text()));
        QVERIFY(edit->toolTip().isEmpty());
    } else {
        QVERIFY(!hints->isHidden());
        QVERIFY2(hints->text().contains(hint), qPrintable(hints->text()));
        QVERIFY(edit->toolTip().contains(hint));
    }
}

QTEST_MAIN(TestEditorPane)
#include "tst_editorpane.moc"
