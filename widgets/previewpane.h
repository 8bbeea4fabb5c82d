// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QUrl>
#include <QWidget>

#include <functional>
#include <optional>

class QStackedLayout;
class QLabel;
class QWebEngineView;

// The live preview. Its QWebEngineView is made only when the pane is first
// shown, so WebEngine's start-up does not hold up the window.
class PreviewPane : public QWidget
{
    Q_OBJECT
public:
    // Bytes and MIME type of a library image, by content hash.
    struct Image
    {
        QByteArray data;
        QByteArray mimeType;
    };
    using ImageProvider = std::function<std::optional<Image>(const QString &hash)>;

    // The scheme the preview loads library images from ("newsdesk-image:/HASH").
    // Must be registered before the QApplication is created.
    static void registerUrlSchemes();
    static QByteArray imageScheme();

    explicit PreviewPane(QWidget *parent = nullptr);

    void setImageProvider(ImageProvider provider);

    void setHtml(const QString &html, const QUrl &baseUrl = {});
    QString html() const;

    // Null until the pane has been shown.
    QWebEngineView *view() const;
    // Creates the view now, if it does not exist yet.
    QWebEngineView *ensureView();

Q_SIGNALS:
    void viewCreated();

protected:
    void showEvent(QShowEvent *event) override;

private:
    QStackedLayout *m_stack;
    QLabel *m_placeholder;
    QWebEngineView *m_view = nullptr;
    ImageProvider m_imageProvider;
    QString m_html;
    QUrl m_baseUrl;
};
