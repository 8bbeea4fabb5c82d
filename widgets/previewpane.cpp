// SPDX-License-Identifier: MIT
#include "previewpane.h"

#include <QLabel>
#include <QStackedLayout>
#include <QTimer>
#include <QWebEnginePage>
#include <QWebEngineProfile>
#include <QWebEngineSettings>
#include <QWebEngineUrlRequestJob>
#include <QWebEngineUrlScheme>
#include <QWebEngineUrlSchemeHandler>
#include <QWebEngineView>
#include <QBuffer>

using namespace Qt::StringLiterals;

namespace {

// Serves library images to the preview page; everything else fails.
class ImageSchemeHandler : public QWebEngineUrlSchemeHandler
{
public:
    ImageSchemeHandler(PreviewPane::ImageProvider *provider, QObject *parent)
        : QWebEngineUrlSchemeHandler(parent)
        , m_provider(provider)
    {
    }

    void requestStarted(QWebEngineUrlRequestJob *job) override
    {
        const QString hash = job->requestUrl().path().remove(u'/');
        std::optional<PreviewPane::Image> image;
        if (*m_provider)
            image = (*m_provider)(hash);
        if (!image) {
            job->fail(QWebEngineUrlRequestJob::UrlNotFound);
            return;
        }
        auto *buffer = new QBuffer(job);
        buffer->setData(image->data);
        buffer->open(QIODevice::ReadOnly);
        job->reply(image->mimeType, buffer);
    }

private:
    PreviewPane::ImageProvider *m_provider;
};

} // namespace

QByteArray PreviewPane::imageScheme()
{
    return QByteArrayLiteral("newsdesk-image");
}

void PreviewPane::registerUrlSchemes()
{
    QWebEngineUrlScheme scheme(imageScheme());
    scheme.setSyntax(QWebEngineUrlScheme::Syntax::Path);
    scheme.setFlags(QWebEngineUrlScheme::SecureScheme | QWebEngineUrlScheme::CorsEnabled);
    QWebEngineUrlScheme::registerScheme(scheme);
}

void PreviewPane::setImageProvider(ImageProvider provider)
{
    m_imageProvider = std::move(provider);
    if (m_view)
        m_view->reload();
}

PreviewPane::PreviewPane(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedLayout(this))
    , m_placeholder(new QLabel(tr("Preparing preview…"), this))
{
    setObjectName(u"previewPane"_s);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_stack->addWidget(m_placeholder);
}

void PreviewPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // After the window is on screen, not during its first paint.
    if (!m_view)
        QTimer::singleShot(0, this, &PreviewPane::ensureView);
}

QWebEngineView *PreviewPane::ensureView()
{
    if (m_view)
        return m_view;
    // The view is made before the profile so that, children being deleted in
    // order of creation, the page (the view's child) goes before its profile.
    m_view = new QWebEngineView(this);
    // An off-the-record profile: the preview keeps nothing on disk.
    auto *profile = new QWebEngineProfile(this);
    profile->installUrlSchemeHandler(imageScheme(), new ImageSchemeHandler(&m_imageProvider, profile));
    auto *page = new QWebEnginePage(profile, m_view);
    QWebEngineSettings *settings = page->settings();
    settings->setAttribute(QWebEngineSettings::JavascriptEnabled, false);
    settings->setAttribute(QWebEngineSettings::LocalContentCanAccessRemoteUrls, false);
    settings->setAttribute(QWebEngineSettings::PluginsEnabled, false);
    m_view->setObjectName(u"previewView"_s);
    m_view->setPage(page);
    m_view->setContextMenuPolicy(Qt::NoContextMenu);
    m_stack->addWidget(m_view);
    m_stack->setCurrentWidget(m_view);
    if (!m_html.isEmpty())
        m_view->setHtml(m_html, m_baseUrl);
    Q_EMIT viewCreated();
    return m_view;
}

void PreviewPane::setHtml(const QString &html, const QUrl &baseUrl)
{
    if (html == m_html && baseUrl == m_baseUrl)
        return;
    m_html = html;
    m_baseUrl = baseUrl;
    if (m_view)
        m_view->setHtml(html, baseUrl);
}

QString PreviewPane::html() const
{
    return m_html;
}

QWebEngineView *PreviewPane::view() const
{
    return m_view;
}
