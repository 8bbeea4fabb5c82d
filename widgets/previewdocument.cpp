// SPDX-License-Identifier: MIT
#include "previewdocument.h"

QJsonObject PreviewDocument::content() const
{
    return m_content;
}

void PreviewDocument::setContent(const QJsonObject &content)
{
    if (content == m_content)
        return;
    m_content = content;
    Q_EMIT contentChanged();
}

double PreviewDocument::sourceLine() const
{
    return m_sourceLine;
}

void PreviewDocument::setSourceLine(double line)
{
    if (line == m_sourceLine)
        return;
    m_sourceLine = line;
    Q_EMIT sourceLineChanged();
}

QString PreviewDocument::theme() const
{
    return m_theme;
}

void PreviewDocument::setTheme(const QString &theme)
{
    if (theme == m_theme)
        return;
    m_theme = theme;
    Q_EMIT themeChanged();
}

void PreviewDocument::applied(int revision)
{
    Q_EMIT contentApplied(revision);
}

void PreviewDocument::painted(int revision)
{
    Q_EMIT contentPainted(revision);
}

void PreviewDocument::resync()
{
    Q_EMIT resyncRequested();
}

void PreviewDocument::activateSourceLine(int line)
{
    if (line > 0)
        Q_EMIT sourceLineActivated(line);
}
