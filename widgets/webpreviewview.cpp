// SPDX-License-Identifier: MIT
// The preview's web view, built as the module newsdesk_webpreview that
// PreviewPane loads when it first needs the view (see previewview.h).
#include "previewview.h"

#include <QBuffer>
#include <QDesktopServices>
#include <QFile>
#include <QHash>
#include <QQuickWindow>
#include <QWebChannel>
#include <QWebEnginePage>
#include <QWebEngineProfile>
#include <QWebEngineSettings>
#include <QWebEngineUrlRequestInterceptor>
#include <QWebEngineUrlRequestJob>
#include <QWebEngineUrlScheme>
#include <QWebEngineUrlSchemeHandler>
#include <QWebEngineView>

using namespace Qt::StringLiterals;

namespace {

void replyWith(QWebEngineUrlRequestJob *job, const QByteArray &mimeType, const QByteArray &data)
{
    auto *buffer = new QBuffer(job);
    buffer->setData(data);
    buffer->open(QIODevice::ReadOnly);
    job->reply(mimeType, buffer);
}

// Serves library images to the preview page; everything else fails.
class ImageSchemeHandler : public QWebEngineUrlSchemeHandler
{
public:
    ImageSchemeHandler(const PreviewView::ImageProvider *provider, QObject *parent)
        : QWebEngineUrlSchemeHandler(parent)
        , m_provider(provider)
    {
    }

    void requestStarted(QWebEngineUrlRequestJob *job) override
    {
        const QString hash = job->requestUrl().path().remove(u'/');
        std::optional<PreviewView::Image> image;
        if (m_provider && *m_provider)
            image = (*m_provider)(hash);
        if (!image) {
            job->fail(QWebEngineUrlRequestJob::UrlNotFound);
            return;
        }
        replyWith(job, image->mimeType, image->data);
    }

private:
    const PreviewView::ImageProvider *m_provider;
};

// Serves the page shell, its script and stylesheets from the application's
// resources; nothing else exists under the scheme.
class PageSchemeHandler : public QWebEngineUrlSchemeHandler
{
public:
    PageSchemeHandler(const QByteArray &articleStylesheet, QObject *parent)
        : QWebEngineUrlSchemeHandler(parent)
        , m_articleStylesheet(articleStylesheet)
    {
    }

    void requestStarted(QWebEngineUrlRequestJob *job) override
    {
        const QString path = job->requestUrl().path();
        if (path == u"/article.css") {
            replyWith(job, "text/css", m_articleStylesheet);
            return;
        }
        static const QHash<QString, std::pair<QString, QByteArray>> files = {
            {u"/page.html"_s, {u":/preview/page.html"_s, "text/html"}},
            {u"/preview.js"_s, {u":/preview/preview.js"_s, "text/javascript"}},
            {u"/preview.css"_s, {u":/preview/preview.css"_s, "text/css"}},
            {u"/qwebchannel.js"_s, {u":/qtwebchannel/qwebchannel.js"_s, "text/javascript"}},
        };
        const auto found = files.constFind(path);
        QFile file(found == files.cend() ? QString() : found->first);
        if (found == files.cend() || !file.open(QIODevice::ReadOnly)) {
            job->fail(QWebEngineUrlRequestJob::UrlNotFound);
            return;
        }
        replyWith(job, found->second, file.readAll());
    }

private:
    QByteArray m_articleStylesheet;
};

// Lets only the app's own schemes through: the preview never reaches the
// network, whatever a story's Markdown names.
class PreviewRequestGuard : public QWebEngineUrlRequestInterceptor
{
public:
    using QWebEngineUrlRequestInterceptor::QWebEngineUrlRequestInterceptor;

    void interceptRequest(QWebEngineUrlRequestInfo &info) override
    {
        const QByteArray scheme = info.requestUrl().scheme().toLatin1();
        if (scheme == PreviewView::pageScheme() || scheme == PreviewView::imageScheme())
            return;
        info.block(true);
        ++blocked;
    }

    int blocked = 0;
};

// Loads only the preview page itself; a clicked link goes to the system
// browser, and nothing opens in a frame or a new window.
class PreviewPage : public QWebEnginePage
{
public:
    using QWebEnginePage::QWebEnginePage;

protected:
    bool acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame) override
    {
        if (isMainFrame && url == PreviewView::pageUrl() && type != NavigationTypeLinkClicked)
            return true;
        const QString scheme = url.scheme();
        if (type == NavigationTypeLinkClicked && (scheme == u"https" || scheme == u"http" || scheme == u"mailto"))
            QDesktopServices::openUrl(url);
        return false;
    }

    QWebEnginePage *createWindow(WebWindowType) override { return nullptr; }
};

class WebPreviewView final : public PreviewView
{
public:
    WebPreviewView(const Setup &setup, QWidget *parent)
        // The view is made before the profile, and deleted before it.
        : m_view(new QWebEngineView(parent))
        // An off-the-record profile: the preview keeps nothing on disk.
        , m_profile(new QWebEngineProfile)
        , m_guard(new PreviewRequestGuard(m_profile))
    {
        m_profile->installUrlSchemeHandler(imageScheme(), new ImageSchemeHandler(setup.images, m_profile));
        m_profile->installUrlSchemeHandler(pageScheme(), new PageSchemeHandler(setup.articleStylesheet, m_profile));
        m_profile->setUrlRequestInterceptor(m_guard);
        auto *page = new PreviewPage(m_profile, m_view);
        QWebEngineSettings *settings = page->settings();
        // The page's own script patches the DOM; the policy in page.html keeps
        // any other from running.
        settings->setAttribute(QWebEngineSettings::JavascriptEnabled, true);
        settings->setAttribute(QWebEngineSettings::JavascriptCanOpenWindows, false);
        settings->setAttribute(QWebEngineSettings::JavascriptCanAccessClipboard, false);
        settings->setAttribute(QWebEngineSettings::LocalContentCanAccessRemoteUrls, false);
        settings->setAttribute(QWebEngineSettings::LocalContentCanAccessFileUrls, false);
        settings->setAttribute(QWebEngineSettings::LocalStorageEnabled, false);
        settings->setAttribute(QWebEngineSettings::PluginsEnabled, false);
        settings->setAttribute(QWebEngineSettings::AutoLoadIconsForPage, false);
        settings->setAttribute(QWebEngineSettings::NavigateOnDropEnabled, false);
        auto *channel = new QWebChannel(page);
        // Updates go out as they happen; the renderer already coalesces.
        channel->setPropertyUpdateInterval(0);
        channel->registerObject(u"preview"_s, setup.document);
        page->setWebChannel(channel);
        // A refused navigation (a link, a frame) reports a failed load; only
        // the page itself counts. (The page goes before this object.)
        QObject::connect(page, &QWebEnginePage::loadFinished, page, [this](bool ok) {
            if (ok)
                ++m_pageLoads;
        });
        m_view->setObjectName(u"previewView"_s);
        m_view->setPage(page);
        m_view->setContextMenuPolicy(Qt::NoContextMenu);
        page->load(pageUrl());
    }

    ~WebPreviewView() override
    {
        // The page (the view's child) and the profile call back into the
        // pane's members: they go now, the page before its profile.
        delete m_view;
        delete m_profile;
    }

    QWidget *widget() const override { return m_view; }
    int pageLoads() const override { return m_pageLoads; }
    int blockedRequests() const override { return m_guard->blocked; }

private:
    QWebEngineView *m_view;
    QWebEngineProfile *m_profile;
    PreviewRequestGuard *m_guard;
    int m_pageLoads = 0;
};

void registerSchemes()
{
    QWebEngineUrlScheme images(PreviewView::imageScheme());
    images.setSyntax(QWebEngineUrlScheme::Syntax::Path);
    images.setFlags(QWebEngineUrlScheme::SecureScheme | QWebEngineUrlScheme::CorsEnabled);
    QWebEngineUrlScheme::registerScheme(images);
    QWebEngineUrlScheme page(PreviewView::pageScheme());
    page.setSyntax(QWebEngineUrlScheme::Syntax::Path);
    page.setFlags(QWebEngineUrlScheme::SecureScheme);
    QWebEngineUrlScheme::registerScheme(page);
}

} // namespace

class WebPreviewFactory : public QObject, public PreviewViewFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID NEWSDESK_PREVIEW_VIEW_FACTORY_IID)
    Q_INTERFACES(PreviewViewFactory)
public:
    WebPreviewFactory()
    {
        // Schemes must be registered before WebEngine starts, which is when
        // the first view is made: Qt's "before the QApplication" is only the
        // usual place. This module is loaded before any other WebEngine use.
        registerSchemes();
    }

    std::unique_ptr<PreviewView> create(const PreviewView::Setup &setup, QWidget *parent) override
    {
        // Before the view's first QQuickWindow exists, which is the latest
        // Qt Quick takes it.
        if (setup.softwareSceneGraph)
            QQuickWindow::setSceneGraphBackend(u"software"_s);
        return std::make_unique<WebPreviewView>(setup, parent);
    }
};

#include "webpreviewview.moc"
