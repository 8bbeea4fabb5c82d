// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>
#include <QtPlugin>

#include <functional>
#include <memory>
#include <optional>

class QObject;
class QWidget;

// The preview's web view: the one part of Newsdesk that needs Qt WebEngine.
// It lives in a module of its own (newsdesk_webpreview, webpreviewview.cpp)
// that PreviewPane loads after the window's first frame, so that the dynamic
// loader maps Chromium, Qt Quick and QML then, and not between exec and the
// window (bench_startup). This header is all the module and the executable
// share besides Qt: the module links none of Newsdesk's libraries.
class PreviewView
{
public:
    // Bytes and MIME type of a library image, by content hash.
    struct Image
    {
        QByteArray data;
        QByteArray mimeType;
    };
    using ImageProvider = std::function<std::optional<Image>(const QString &hash)>;

    struct Setup
    {
        // Published to the page as "preview" over QWebChannel.
        QObject *document = nullptr;
        // The pane's provider of library images; the pane outlives the view.
        const ImageProvider *images = nullptr;
        // The publication stylesheet the page links (ArticleRenderer::stylesheet()).
        QByteArray articleStylesheet;
        // Qt Quick (the view's compositor) draws with its software backend.
        bool softwareSceneGraph = false;
    };

    // The schemes of the page ("newsdesk-preview:") and of library images
    // ("newsdesk-image:/HASH").
    static QByteArray imageScheme() { return QByteArrayLiteral("newsdesk-image"); }
    static QByteArray pageScheme() { return QByteArrayLiteral("newsdesk-preview"); }
    static QUrl pageUrl() { return QUrl(QStringLiteral("newsdesk-preview:/page.html")); }

    // Deletes the page before its profile.
    virtual ~PreviewView() = default;
    // The QWebEngineView.
    virtual QWidget *widget() const = 0;
    // How often the page has been loaded, and how many requests were blocked.
    virtual int pageLoads() const = 0;
    virtual int blockedRequests() const = 0;
};

// The module's root object (QPluginLoader::instance()) implements this.
class PreviewViewFactory
{
public:
    virtual ~PreviewViewFactory() = default;
    // A view in parent that has started loading pageUrl().
    virtual std::unique_ptr<PreviewView> create(const PreviewView::Setup &setup, QWidget *parent) = 0;
};

#define NEWSDESK_PREVIEW_VIEW_FACTORY_IID "org.newsdesk.PreviewViewFactory/1"
Q_DECLARE_INTERFACE(PreviewViewFactory, NEWSDESK_PREVIEW_VIEW_FACTORY_IID)
