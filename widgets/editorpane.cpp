// SPDX-License-Identifier: MIT
#include "editorpane.h"

#include "markdowneditor.h"

#include <QFormLayout>
#include <QLineEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

EditorPane::EditorPane(QWidget *parent)
    : QWidget(parent)
    , m_headline(new QLineEdit(this))
    , m_dek(new QLineEdit(this))
    , m_byline(new QLineEdit(this))
    , m_dateline(new QLineEdit(this))
    , m_body(new MarkdownEditor(this))
{
    setObjectName(u"editorPane"_s);
    m_headline->setObjectName(u"headlineField"_s);
    m_dek->setObjectName(u"dekField"_s);
    m_byline->setObjectName(u"bylineField"_s);
    m_dateline->setObjectName(u"datelineField"_s);
    m_headline->setPlaceholderText(tr("Headline"));
    m_dek->setPlaceholderText(tr("A one-sentence summary"));
    m_byline->setPlaceholderText(tr("By …"));
    m_dateline->setPlaceholderText(tr("WASHINGTON —"));
    QFont headlineFont = m_headline->font();
    headlineFont.setPointSizeF(headlineFont.pointSizeF() * 1.4);
    headlineFont.setBold(true);
    m_headline->setFont(headlineFont);

    auto *fields = new QFormLayout;
    fields->addRow(tr("&Headline:"), m_headline);
    fields->addRow(tr("De&k:"), m_dek);
    fields->addRow(tr("&Byline:"), m_byline);
    fields->addRow(tr("&Dateline:"), m_dateline);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(fields);
    layout->addWidget(m_body, 1);

    auto changed = [this] {
        if (!m_loading)
            Q_EMIT edited();
    };
    for (QLineEdit *field : {m_headline, m_dek, m_byline, m_dateline})
        connect(field, &QLineEdit::textEdited, this, changed);
    connect(m_body, &QPlainTextEdit::textChanged, this, changed);
    setEnabled(false);
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
    // Show the start of long values, not where setText left the cursor.
    for (QLineEdit *field : {m_headline, m_dek, m_byline, m_dateline})
        field->setCursorPosition(0);
    m_body->setPlainText(story.body);
    m_body->document()->setModified(false);
    m_loading = false;
    setEnabled(true);
}

void EditorPane::clear()
{
    m_loading = true;
    m_story = Story();
    m_hasStory = false;
    for (QLineEdit *field : {m_headline, m_dek, m_byline, m_dateline})
        field->clear();
    m_body->clear();
    m_loading = false;
    setEnabled(false);
}

Story EditorPane::story() const
{
    Story edited = m_story;
    edited.headline = m_headline->text();
    edited.dek = m_dek->text();
    edited.byline = m_byline->text();
    edited.dateline = m_dateline->text();
    edited.body = m_body->toPlainText();
    return edited;
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
