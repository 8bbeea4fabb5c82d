// SPDX-License-Identifier: MIT
#include "editorpane.h"

#include "housestyle.h"
#include "markdowneditor.h"
#include "quoteanalyzer.h"
#include "quotespanel.h"
#include "textsafety.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTextBlock>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace {
constexpr int OffsetRole = Qt::UserRole;
// Outline, counts and quotes follow the typing after this pause; TextStats and
// the quote analysis of a long story take tens of milliseconds, too much for
// every keystroke and more than a frame, so they run off the GUI thread
// (bench_editor measures both, and the frames typing with pauses waits for).
constexpr int AnalysisDelayMs = 300;
} // namespace

EditorPane::EditorPane(QWidget *parent)
    : QWidget(parent)
    , m_headline(new QLineEdit(this))
    , m_dek(new QLineEdit(this))
    , m_byline(new QLineEdit(this))
    , m_dateline(new QLineEdit(this))
    , m_correctionNote(new QLineEdit(this))
    , m_fields(new QFormLayout)
    , m_hints(new QLabel(this))
    , m_conflictBar(new QWidget(this))
    , m_conflictMessage(new QLabel(m_conflictBar))
    , m_body(new MarkdownEditor(this))
    , m_sideTabs(new QTabWidget(this))
    , m_outline(new QListWidget(this))
    , m_quotes(new QuotesPanel(this))
    , m_stats(new QLabel(this))
    , m_analysisTimer(new QTimer(this))
    , m_quoteAnalyzer(std::make_shared<QuoteAnalyzer>())
{
    setObjectName(u"editorPane"_s);
    m_headline->setObjectName(u"headlineField"_s);
    m_dek->setObjectName(u"dekField"_s);
    m_byline->setObjectName(u"bylineField"_s);
    m_dateline->setObjectName(u"datelineField"_s);
    m_correctionNote->setObjectName(u"correctionNoteField"_s);
    m_hints->setObjectName(u"styleHints"_s);
    m_outline->setObjectName(u"outline"_s);
    m_stats->setObjectName(u"storyStats"_s);
    m_sideTabs->setObjectName(u"editorSideTabs"_s);
    m_headline->setPlaceholderText(tr("Headline"));
    m_dek->setPlaceholderText(tr("A one-sentence summary"));
    m_byline->setPlaceholderText(tr("By …"));
    m_dateline->setPlaceholderText(tr("WASHINGTON —"));
    m_correctionNote->setPlaceholderText(tr("What was corrected, printed at the end of the article"));
    QFont headlineFont = m_headline->font();
    headlineFont.setPointSizeF(headlineFont.pointSizeF() * 1.4);
    headlineFont.setBold(true);
    m_headline->setFont(headlineFont);
    m_hints->setWordWrap(true);
    m_hints->setVisible(false);
    QPalette hintPalette = m_hints->palette();
    hintPalette.setColor(QPalette::WindowText, QColor(0xb3, 0x5c, 0x00));
    m_hints->setPalette(hintPalette);

    m_conflictBar->setObjectName(u"conflictBar"_s);
    m_conflictBar->setAutoFillBackground(true);
    QPalette conflictPalette = m_conflictBar->palette();
    conflictPalette.setColor(QPalette::Window, QColor(0xfd, 0xe2, 0xb8));
    conflictPalette.setColor(QPalette::WindowText, Qt::black);
    m_conflictBar->setPalette(conflictPalette);
    m_conflictMessage->setWordWrap(true);
    auto *reload = new QPushButton(tr("&Reload Theirs (Yours to Clipboard)"), m_conflictBar);
    reload->setObjectName(u"reloadTheirs"_s);
    auto *copy = new QPushButton(tr("Save &Mine as a Copy"), m_conflictBar);
    copy->setObjectName(u"saveMineAsCopy"_s);
    auto *conflictLayout = new QHBoxLayout(m_conflictBar);
    conflictLayout->addWidget(m_conflictMessage, 1);
    conflictLayout->addWidget(reload);
    conflictLayout->addWidget(copy);
    m_conflictBar->hide();
    connect(reload, &QPushButton::clicked, this, &EditorPane::reloadTheirsRequested);
    connect(copy, &QPushButton::clicked, this, &EditorPane::saveMineAsCopyRequested);

    m_sideTabs->addTab(m_outline, tr("Outline"));
    m_sideTabs->addTab(m_quotes, tr("Quotes"));
    // Both tabs' names always show: without scroll arrows the tab bar's
    // minimum width is its tabs', in whatever language they are.
    m_sideTabs->setUsesScrollButtons(false);
    auto *bodySplitter = new QSplitter(Qt::Horizontal, this);
    bodySplitter->setObjectName(u"bodySplitter"_s);
    bodySplitter->addWidget(m_body);
    bodySplitter->addWidget(m_sideTabs);
    bodySplitter->setStretchFactor(0, 3);
    bodySplitter->setStretchFactor(1, 2);
    bodySplitter->setChildrenCollapsible(true);

    m_fields->addRow(tr("&Headline:"), m_headline);
    m_fields->addRow(tr("De&k:"), m_dek);
    m_fields->addRow(tr("&Byline:"), m_byline);
    m_fields->addRow(tr("&Dateline:"), m_dateline);
    m_fields->addRow(tr("Co&rrection:"), m_correctionNote);
    m_fields->setRowVisible(m_correctionNote, false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(m_fields);
    layout->addWidget(m_hints);
    layout->addWidget(m_conflictBar);
    layout->addWidget(bodySplitter, 1);

    auto changed = [this] {
        if (!m_loading)
            Q_EMIT edited();
    };
    for (QLineEdit *field : {m_headline, m_dek, m_byline, m_dateline}) {
        connect(field, &QLineEdit::textEdited, this, changed);
        connect(field, &QLineEdit::textChanged, this, &EditorPane::updateStyleHints);
    }
    connect(m_correctionNote, &QLineEdit::textEdited, this, changed);
    // First, so that whatever edited() runs sees the new generation (story()'s cached body is of the old one).
    connect(m_body, &QPlainTextEdit::textChanged, this, [this] { ++m_textGeneration; });
    connect(m_body, &QPlainTextEdit::textChanged, this, changed);
    connect(m_body, &QPlainTextEdit::textChanged, this, &EditorPane::scheduleAnalysis);

    m_analysisTimer->setSingleShot(true);
    m_analysisTimer->setInterval(AnalysisDelayMs);
    connect(m_analysisTimer, &QTimer::timeout, this, &EditorPane::analyzeInBackground);
    m_analysisWatcher.setObjectName(u"analysisWatcher"_s);
    connect(&m_analysisWatcher, &QFutureWatcher<Analysis>::finished, this, &EditorPane::backgroundAnalysisFinished);
    connect(m_outline, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        QTextCursor cursor(m_body->document());
        cursor.setPosition(qMin(item->data(OffsetRole).toInt(), m_body->document()->characterCount() - 1));
        m_body->setTextCursor(cursor);
        m_body->centerCursor();
        m_body->setFocus();
    });
    connect(m_quotes, &QuotesPanel::rangeActivated, this, [this](qsizetype offset, qsizetype length) {
        m_body->selectRange(offset, length);
        m_body->setFocus();
    });
    setEnabled(false);
}

EditorPane::~EditorPane()
{
    // The analysis captured only copies, but its result is delivered here.
    m_analysisWatcher.waitForFinished();
}

void EditorPane::setStory(const Story &story)
{
    m_loading = true;
    m_story = story;
    m_hasStory = true;
    m_headline->setText(story.headline);
    m_dek->setText(story.dek);
    m_byline->setText(story.byline);
    m_dateline->setText(story.dateline);
    m_correctionNote->setText(story.correctionNote);
    // A note the page prints is never out of sight; a story once published
    // and now not is being corrected, and may get one.
    m_fields->setRowVisible(m_correctionNote, !story.correctionNote.isEmpty()
                                                  || (story.publishedAt.isValid() && story.status != StoryStatus::Published));
    // Show the start of long values, not where setText left the cursor.
    for (QLineEdit *field : {m_headline, m_dek, m_byline, m_dateline, m_correctionNote})
        field->setCursorPosition(0);
    m_body->setMarkdown(story.body);
    m_body->document()->setModified(false);
    m_conflictBar->hide();
    m_loading = false;
    setEnabled(true);
    Q_EMIT storyLoaded();
    // Outline, counts and quotes fill in right after the text shows: on a
    // long story they take longer than laying out the visible text.
    m_analysisTimer->start(0);
}

void EditorPane::clear()
{
    m_loading = true;
    m_story = Story();
    m_hasStory = false;
    for (QLineEdit *field : {m_headline, m_dek, m_byline, m_dateline, m_correctionNote})
        field->clear();
    m_fields->setRowVisible(m_correctionNote, false);
    m_body->clear();
    m_conflictBar->hide();
    m_loading = false;
    setEnabled(false);
    analyzeNow();
}

Story EditorPane::story() const
{
    Story edited = m_story;
    edited.headline = m_headline->text();
    edited.dek = m_dek->text();
    edited.byline = m_byline->text();
    edited.dateline = m_dateline->text();
    edited.correctionNote = m_correctionNote->text();
    edited.body.clear();
    // As the library will store it (a pasted control character is not kept),
    // so a save of such text does not leave the story modified for ever.
    TextSafety::cleanStory(edited);
    edited.body = cleanBody();
    return edited;
}

QString EditorPane::cleanBody() const
{
    // The window asks for the story several times a keystroke (its title,
    // its actions); the body's text and its cleaning cost about 0.4 ms at
    // 20,000 words (bench_editor), so they are made once per change.
    if (m_cleanBodyGeneration != m_textGeneration) {
        Story body;
        body.body = m_body->toPlainText();
        TextSafety::cleanStory(body);
        m_cleanBody = std::move(body.body);
        m_cleanBodyGeneration = m_textGeneration;
    }
    return m_cleanBody;
}

bool EditorPane::hasStory() const
{
    return m_hasStory;
}

bool EditorPane::isModified() const
{
    return m_hasStory && !story().sameContent(m_story);
}

void EditorPane::markSaved(const Story &saved)
{
    // Keep what the user typed since the save started; only the baseline moves.
    m_story = saved;
    m_body->document()->setModified(false);
}

void EditorPane::updateStyleHints()
{
    struct Field {
        QLineEdit *edit;
        QStringList hints;
    };
    const Field fields[] = {
        {m_headline, HouseStyle::headlineHints(m_headline->text())},
        {m_dek, HouseStyle::dekHints(m_dek->text())},
        {m_byline, HouseStyle::bylineHints(m_byline->text())},
        {m_dateline, HouseStyle::datelineHints(m_dateline->text())},
    };
    QStringList all;
    for (const Field &field : fields) {
        field.edit->setToolTip(field.hints.join(u'\n'));
        // A tinted field says which one the hint is about.
        field.edit->setStyleSheet(field.hints.isEmpty() || !m_hasStory ? QString()
                                                                       : u"QLineEdit { border: 1px solid #d08a00; }"_s);
        all << field.hints;
    }
    m_hints->setText(all.join(u"  ·  "_s));
    m_hints->setVisible(m_hasStory && !all.isEmpty());
}

void EditorPane::scheduleAnalysis()
{
    if (!m_loading)
        m_analysisTimer->start(AnalysisDelayMs);
}

EditorPane::Analysis EditorPane::analyze(quint64 generation, const QString &body, QuoteAnalyzer *analyzer,
                                         const QStringList &knownNames)
{
    Quotes::Analysis quotes = analyzer->analyze(body);
    Quotes::completeSpeakers(quotes, knownNames);
    return {generation, TextStats::of(body), std::move(quotes)};
}

void EditorPane::analyzeNow()
{
    m_analysisTimer->stop();
    m_analysisWanted = false;
    // The analyzer is not for two threads at once: a running analysis is
    // waited for, and shown if it is of the text as it is now.
    m_analysisWatcher.waitForFinished();
    if (m_analysisWatcher.future().resultCount() > 0) {
        const Analysis done = m_analysisWatcher.result();
        if (done.generation == m_textGeneration) {
            showAnalysis(done);
            return;
        }
    }
    showAnalysis(analyze(m_textGeneration, m_body->toPlainText(), m_quoteAnalyzer.get(), m_knownNames));
}

void EditorPane::analyzeInBackground()
{
    m_analysisTimer->stop();
    if (m_analysisWatcher.isRunning()) {
        // After it, unless it is of the text as it is now.
        m_analysisWanted = m_runningGeneration != m_textGeneration;
        return;
    }
    m_analysisWanted = false;
    m_runningGeneration = m_textGeneration;
    // A snapshot: the worker never touches the document or a widget.
    m_analysisWatcher.setFuture(QtConcurrent::run(
        [generation = m_textGeneration, body = m_body->toPlainText(), analyzer = m_quoteAnalyzer, names = m_knownNames] {
            return analyze(generation, body, analyzer.get(), names);
        }));
}

void EditorPane::backgroundAnalysisFinished()
{
    // A result for an older text is dropped: the text's change restarted the
    // pause timer, so the analysis of the newer text is on its way. One that
    // analyzeNow() has shown already is not shown twice.
    if (m_analysisWatcher.future().resultCount() > 0) {
        const Analysis analysis = m_analysisWatcher.result();
        if (analysis.generation == m_textGeneration && analysis.generation != m_shownGeneration)
            showAnalysis(analysis);
    }
    if (m_analysisWanted)
        analyzeInBackground();
}

void EditorPane::showAnalysis(const Analysis &analysis)
{
    m_shownGeneration = analysis.generation;
    updateStyleHints();
    m_textStats = analysis.stats;
    const QLocale locale;
    m_stats->setText(m_hasStory ? tr("%1 words · %2 characters · %3 min read")
                                      .arg(locale.toString(m_textStats.words()), locale.toString(m_textStats.characters()))
                                      .arg(m_textStats.readingTimeMinutes())
                                : QString());
    m_stats->setToolTip(tr("%1 characters without spaces").arg(locale.toString(m_textStats.charactersWithoutSpaces())));

    // The rows are reused, so the list keeps its selection and scroll, and an
    // unchanged heading costs a comparison.
    const QList<TextStats::Heading> &headings = m_textStats.outline();
    while (m_outline->count() > headings.size())
        delete m_outline->takeItem(m_outline->count() - 1);
    while (m_outline->count() < headings.size())
        m_outline->addItem(new QListWidgetItem);
    for (qsizetype i = 0; i < headings.size(); ++i) {
        QListWidgetItem *item = m_outline->item(int(i));
        item->setText(QString(2 * (headings.at(i).level - 1), u' ') + headings.at(i).text);
        item->setData(OffsetRole, int(headings.at(i).offset));
    }
    m_quotes->setAnalysis(analysis.quotes);
    Q_EMIT analyzed();
}

void EditorPane::setKnownNames(const QStringList &names)
{
    if (names == m_knownNames)
        return;
    m_knownNames = names;
    if (m_hasStory)
        analyzeNow();
}

bool EditorPane::insertPullQuote()
{
    analyzeNow();
    const QTextCursor cursor = m_body->textCursor();
    std::optional<Quotes::Quotation> quotation = m_quotes->quotationAt(cursor.selectionStart());
    if (!quotation)
        return false;
    const Quotes::Analysis &analysis = m_quotes->analysis();
    QString speaker;
    if (quotation->speaker >= 0) {
        const Quotes::Speaker &who = analysis.speakers.at(quotation->speaker);
        speaker = who.fullName.isEmpty() ? who.name : who.fullName;
        if (!who.title.isEmpty())
            speaker += u", "_s + who.title;
    }
    QString text = quotation->text.simplified();
    // A quote's closing comma belongs to the attribution, not the pull quote.
    if (text.endsWith(u','))
        text.chop(1);
    QString block = u"> "_s + text;
    if (!speaker.isEmpty())
        block += u"\n> — "_s + speaker;
    const qsizetype paragraphEnd = quotation->paragraph >= 0 ? analysis.paragraphs.at(quotation->paragraph).end()
                                                             : quotation->range.end();
    QTextCursor edit(m_body->document());
    edit.setPosition(int(paragraphEnd));
    edit.movePosition(QTextCursor::EndOfBlock);
    edit.beginEditBlock();
    edit.insertText(u"\n\n"_s + block);
    edit.endEditBlock();
    m_body->setTextCursor(edit);
    return true;
}

void EditorPane::showConflict(const QString &message)
{
    m_conflictMessage->setText(message);
    m_conflictBar->show();
}

bool EditorPane::hasConflict() const
{
    return !m_conflictBar->isHidden();
}

MarkdownEditor *EditorPane::bodyEditor() const
{
    return m_body;
}

QLineEdit *EditorPane::headlineField() const
{
    return m_headline;
}

QLineEdit *EditorPane::dekField() const
{
    return m_dek;
}

QLineEdit *EditorPane::bylineField() const
{
    return m_byline;
}

QLineEdit *EditorPane::datelineField() const
{
    return m_dateline;
}

QLineEdit *EditorPane::correctionNoteField() const
{
    return m_correctionNote;
}

QLabel *EditorPane::styleHints() const
{
    return m_hints;
}

QListWidget *EditorPane::outline() const
{
    return m_outline;
}

QuotesPanel *EditorPane::quotesPanel() const
{
    return m_quotes;
}

QTabWidget *EditorPane::sideTabs() const
{
    return m_sideTabs;
}

QLabel *EditorPane::statsLabel() const
{
    return m_stats;
}

const TextStats &EditorPane::stats() const
{
    return m_textStats;
}
