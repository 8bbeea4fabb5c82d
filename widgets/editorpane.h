// SPDX-License-Identifier: MIT
#pragma once

#include "quoteanalyzer.h"
#include "story.h"
#include "textstats.h"

#include <QFutureWatcher>
#include <QWidget>

#include <memory>

class MarkdownEditor;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTabWidget;
class QTimer;
class QuotesPanel;

// The story being edited: its headline, dek, byline and dateline above the
// Markdown body, with house-style hints, and beside the body the outline of
// its headings and its quotations. A story that has a correction note, or is
// being corrected, shows the note too: the page prints it, so it is edited
// and reviewed like the rest.
class EditorPane : public QWidget
{
    Q_OBJECT
public:
    explicit EditorPane(QWidget *parent = nullptr);
    ~EditorPane() override;

    // Shows story; the pane is unmodified afterwards.
    void setStory(const Story &story);
    void clear();
    // The story as loaded, with the fields as edited now.
    Story story() const;
    bool hasStory() const;
    bool isModified() const;
    // After a save: the saved story becomes the baseline.
    void markSaved(const Story &saved);

    MarkdownEditor *bodyEditor() const;
    QLineEdit *headlineField() const;
    QLineEdit *dekField() const;
    QLineEdit *bylineField() const;
    QLineEdit *datelineField() const;
    // Shown only for a story with a note or one being corrected.
    QLineEdit *correctionNoteField() const;
    QLabel *styleHints() const;
    QListWidget *outline() const;
    QuotesPanel *quotesPanel() const;
    QTabWidget *sideTabs() const;
    // "1,234 words · 7,321 characters · 6 min read", for the status bar.
    QLabel *statsLabel() const;
    const TextStats &stats() const;

    // Runs the analysis of the body (outline, counts, quotes) now, on this
    // thread, and shows it.
    void analyzeNow();
    // What a pause in typing starts: the same analysis of the text as it is
    // now, run off the GUI thread and shown when it is done, unless the text
    // changed meanwhile (then a newer one follows). One runs at a time; a
    // request while one runs starts another when it ends.
    void analyzeInBackground();
    // Names the library knows (its glossary), which complete the quote
    // panel's speakers (Quotes::completeSpeakers).
    void setKnownNames(const QStringList &names);

    // Inserts a pull quote block (the renderer's "> …\n> — Speaker" form)
    // for the quotation at the cursor, after its paragraph. False when the
    // cursor is in no quotation.
    bool insertPullQuote();

    // Another process saved the story since we loaded it: say so above the
    // body, with the ways out. Cleared by setStory.
    void showConflict(const QString &message);
    bool hasConflict() const;

Q_SIGNALS:
    // Any field or the body changed by the user.
    void edited();
    // setStory showed a story (another one, or the same one reloaded).
    void storyLoaded();
    void analyzed();
    void reloadTheirsRequested();
    void saveMineAsCopyRequested();

private:
    struct Analysis {
        quint64 generation = 0; // of the text analysed
        TextStats stats;
        Quotes::Analysis quotes;
    };
    static Analysis analyze(quint64 generation, const QString &body, QuoteAnalyzer *analyzer, const QStringList &knownNames);
    // The body as story() gives it, cleaned; made again only after a change.
    QString cleanBody() const;
    void updateStyleHints();
    void scheduleAnalysis();
    void backgroundAnalysisFinished();
    void showAnalysis(const Analysis &analysis);

    Story m_story;
    bool m_hasStory = false;
    bool m_loading = false;
    QLineEdit *m_headline;
    QLineEdit *m_dek;
    QLineEdit *m_byline;
    QLineEdit *m_dateline;
    QLineEdit *m_correctionNote;
    QFormLayout *m_fields;
    QLabel *m_hints;
    QWidget *m_conflictBar;
    QLabel *m_conflictMessage;
    MarkdownEditor *m_body;
    QTabWidget *m_sideTabs;
    QListWidget *m_outline;
    QuotesPanel *m_quotes;
    QLabel *m_stats;
    QTimer *m_analysisTimer;
    // Used by one analysis at a time, on whichever thread runs it.
    std::shared_ptr<QuoteAnalyzer> m_quoteAnalyzer;
    QFutureWatcher<Analysis> m_analysisWatcher;
    bool m_analysisWanted = false;
    quint64 m_runningGeneration = 0;
    quint64 m_shownGeneration = ~quint64(0);
    // Counts the body's changes, so a result can tell which text it is of.
    quint64 m_textGeneration = 0;
    mutable QString m_cleanBody;
    mutable quint64 m_cleanBodyGeneration = ~quint64(0);
    QStringList m_knownNames;
    TextStats m_textStats;
};
