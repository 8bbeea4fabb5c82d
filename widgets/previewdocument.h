// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>

// What the preview page shows, published to it over QWebChannel as
// "preview". The page reads the properties when their NOTIFY signal fires and
// calls the invokables back; nothing reaches the page as JavaScript source.
class PreviewDocument : public QObject
{
    Q_OBJECT
    // {revision, header, order: [keys], html: {key: html} for blocks the page
    // does not have yet, lines: {key: [first, last]}, correction: the note
    // after the body, or ""}.
    Q_PROPERTY(QJsonObject content READ content NOTIFY contentChanged)
    // The editor's top line (1-based; 0 = no sync yet) that the page keeps at
    // its top.
    Q_PROPERTY(double sourceLine READ sourceLine NOTIFY sourceLineChanged)
    // "light" or "dark".
    Q_PROPERTY(QString theme READ theme NOTIFY themeChanged)
public:
    using QObject::QObject;

    QJsonObject content() const;
    void setContent(const QJsonObject &content);
    double sourceLine() const;
    void setSourceLine(double line);
    QString theme() const;
    void setTheme(const QString &theme);

    // Called by the page.
    Q_INVOKABLE void applied(int revision);
    // The first frame showing revision has been painted.
    Q_INVOKABLE void painted(int revision);
    Q_INVOKABLE void resync();
    Q_INVOKABLE void activateSourceLine(int line);

Q_SIGNALS:
    void contentChanged();
    void sourceLineChanged();
    void themeChanged();
    // The page's DOM shows content revision.
    void contentApplied(int revision);
    void contentPainted(int revision);
    // The page has nothing (loaded, or it missed an update) and wants every block.
    void resyncRequested();
    void sourceLineActivated(int line);

private:
    QJsonObject m_content;
    double m_sourceLine = 0;
    QString m_theme = QStringLiteral("light");
};
