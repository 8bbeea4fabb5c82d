// SPDX-License-Identifier: MIT
#include "previewpane.h"
#include "previewdocument.h"

#include <QActionGroup>
#include <QBuffer>
#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QQuickWindow>
#include <QScrollBar>
#include <QSettings>
#include <QStackedLayout>
#include <QTextBlock>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <QWebChannel>
#include <QWebEnginePage>
#include <QWebEngineProfile>
#include <QWebEngineSettings>
#include <QWebEngineUrlRequestInterceptor>
#include <QWebEngineUrlRequestJob>
#include <QWebEngineUrlScheme>
#include <QWebEngineUrlSchemeHandler>
#include <QWebEngineView>
#include <QWindow>
#include <QtConcurrent/QtConcurrentRun>

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
        replyWith(job, image->mimeType, image->data);
    }

private:
    PreviewPane::ImageProvider *m_provider;
};

// Serves the page shell, its script and stylesheets from the application's
// resources; nothing else exists under the scheme.
class PageSchemeHandler : public QWebEngineUrlSchemeHandler
{
public:
    using QWebEngineUrlSchemeHandler::QWebEngineUrlSchemeHandler;

    void requestStarted(QWebEngineUrlRequestJob *job) override
    {
        const QString path = job->requestUrl().path();
        if (path == u"/article.css") {
            replyWith(job, "text/css", ArticleRenderer::stylesheet().toUtf8());
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
};

} // namespace

// Lets only the app's own schemes through: the preview never reaches the
// network, whatever a story's Markdown names.
class PreviewRequestGuard : public QWebEngineUrlRequestInterceptor
{
public:
    using QWebEngineUrlRequestInterceptor::QWebEngineUrlRequestInterceptor;

    void interceptRequest(QWebEngineUrlRequestInfo &info) override
    {
        const QByteArray scheme = info.requestUrl().scheme().toLatin1();
        if (scheme == PreviewPane::pageScheme() || scheme == PreviewPane::imageScheme())
            return;
        info.block(true);
        ++blocked;
    }

    int blocked = 0;
};

namespace {

// Loads only the preview page itself; a clicked link goes to the system
// browser, and nothing opens in a frame or a new window.
class PreviewPage : public QWebEnginePage
{
public:
    using QWebEnginePage::QWebEnginePage;

protected:
    bool acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame) override
    {
        if (isMainFrame && url == PreviewPane::pageUrl() && type != NavigationTypeLinkClicked)
            return true;
        const QString scheme = url.scheme();
        if (type == NavigationTypeLinkClicked && (scheme == u"https" || scheme == u"http" || scheme == u"mailto"))
            QDesktopServices::openUrl(url);
        return false;
    }

    QWebEnginePage *createWindow(WebWindowType) override { return nullptr; }
};

constexpr int tabletWidth = 768;
constexpr int phoneWidth = 390;

QString widthKey(PreviewPane::Width width)
{
    switch (width) {
    case PreviewPane::Width::Tablet:
        return u"tablet"_s;
    case PreviewPane::Width::Phone:
        return u"phone"_s;
    case PreviewPane::Width::Desktop:
        break;
    }
    return u"desktop"_s;
}

// Tells when a window has painted its first frame: its widgets paint while
// Qt handles the window's first expose, so the next turn of the event loop
// comes after that frame.
class FirstFrameWatch : public QObject
{
    Q_OBJECT
public:
    FirstFrameWatch(QWindow *window, QObject *parent)
        : QObject(parent)
    {
        window->installEventFilter(this);
    }

Q_SIGNALS:
    void painted();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Expose && static_cast<QWindow *>(watched)->isExposed()) {
            watched->removeEventFilter(this);
            QTimer::singleShot(0, this, [this] {
                Q_EMIT painted();
                deleteLater();
            });
        }
        return false;
    }
};

} // namespace

QByteArray PreviewPane::imageScheme()
{
    return QByteArrayLiteral("newsdesk-image");
}

QByteArray PreviewPane::pageScheme()
{
    return QByteArrayLiteral("newsdesk-preview");
}

QUrl PreviewPane::pageUrl()
{
    return QUrl(u"newsdesk-preview:/page.html"_s);
}

void PreviewPane::registerUrlSchemes()
{
    QWebEngineUrlScheme images(imageScheme());
    images.setSyntax(QWebEngineUrlScheme::Syntax::Path);
    images.setFlags(QWebEngineUrlScheme::SecureScheme | QWebEngineUrlScheme::CorsEnabled);
    QWebEngineUrlScheme::registerScheme(images);
    QWebEngineUrlScheme page(pageScheme());
    page.setSyntax(QWebEngineUrlScheme::Syntax::Path);
    page.setFlags(QWebEngineUrlScheme::SecureScheme);
    QWebEngineUrlScheme::registerScheme(page);
}

PreviewPane::Rendering PreviewPane::renderingFor(const QString &devDir)
{
    if (qEnvironmentVariableIntValue("LIBGL_ALWAYS_SOFTWARE") != 0)
        return Rendering::Software;
    const QDir dev(devDir);
    if (!dev.entryList({u"nvidia[0-9]*"_s}, QDir::System | QDir::Files).isEmpty())
        return Rendering::Gpu;
    if (!QDir(dev.filePath(u"dri"_s)).entryList({u"renderD*"_s}, QDir::System | QDir::Files).isEmpty())
        return Rendering::Gpu;
    return Rendering::Software;
}

PreviewPane::Rendering PreviewPane::chooseRendering()
{
    // The user's choice of how Qt Quick draws stands.
    if (!qEnvironmentVariableIsEmpty("QT_QUICK_BACKEND") || !qEnvironmentVariableIsEmpty("QSG_RHI_BACKEND"))
        return qgetenv("QT_QUICK_BACKEND") == "software" ? Rendering::Software : Rendering::Gpu;
    const Rendering rendering = renderingFor(u"/dev"_s);
    if (rendering == Rendering::Software) {
        // Qt Quick (the view's compositor) draws with its software backend.
        QQuickWindow::setSceneGraphBackend(u"software"_s);
        // Chromium composites in software instead of on llvmpipe.
        const QByteArray flags = qgetenv("QTWEBENGINE_CHROMIUM_FLAGS");
        if (!flags.contains("--disable-gpu"))
            qputenv("QTWEBENGINE_CHROMIUM_FLAGS", QByteArray(flags + " --disable-gpu").trimmed());
        // And no OpenGL is loaded at all: QtWebEngineCore::initialize()
        // makes a context shared with the window's whatever draws, which
        // loads Mesa and LLVM (tens of MB) into this process for nothing.
        if (qEnvironmentVariableIsEmpty("QT_XCB_GL_INTEGRATION"))
            qputenv("QT_XCB_GL_INTEGRATION", "none");
    }
    return rendering;
}

PreviewPane::PreviewPane(QWidget *parent)
    : QWidget(parent)
    , m_placeholder(new QLabel(tr("Preparing preview…"), this))
    , m_frame(new QWidget(this))
    , m_document(new PreviewDocument(this))
    , m_widthGroup(new QActionGroup(this))
    , m_darkAction(new QAction(QIcon::fromTheme(u"weather-clear-night"_s), tr("&Dark Page"), this))
{
    setObjectName(u"previewPane"_s);
    auto *toolBar = new QToolBar(tr("Preview"), this);
    toolBar->setObjectName(u"previewToolBar"_s);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *holder = new QWidget(this);
    m_stack = new QStackedLayout(holder);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(toolBar);
    layout->addWidget(holder, 1);
    m_placeholder->setObjectName(u"previewPlaceholder"_s);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_stack->addWidget(m_placeholder);
    m_frame->setObjectName(u"previewFrame"_s);
    m_frame->setBackgroundRole(QPalette::Mid);
    m_frame->setAutoFillBackground(true);
    auto *frameLayout = new QHBoxLayout(m_frame);
    frameLayout->setContentsMargins(0, 0, 0, 0);
    m_stack->addWidget(m_frame);

    const std::pair<Width, QString> widths[] = {
        {Width::Desktop, tr("Des&ktop Width")}, {Width::Tablet, tr("&Tablet Width")}, {Width::Phone, tr("&Phone Width")}};
    for (const auto &[width, text] : widths) {
        QAction *action = m_widthGroup->addAction(text);
        action->setObjectName(u"actionPreview"_s + widthKey(width));
        action->setData(int(width));
        action->setCheckable(true);
        toolBar->addAction(action);
        m_viewActions << action;
    }
    m_widthGroup->setExclusive(true);
    connect(m_widthGroup, &QActionGroup::triggered, this, [this](QAction *action) { setWidth(Width(action->data().toInt())); });
    m_darkAction->setObjectName(u"actionPreviewDark"_s);
    m_darkAction->setCheckable(true);
    connect(m_darkAction, &QAction::toggled, this, &PreviewPane::setDarkPage);
    toolBar->addSeparator();
    toolBar->addAction(m_darkAction);
    m_viewActions << m_darkAction;

    const QSettings settings;
    const QString savedWidth = settings.value(u"preview/width"_s).toString();
    Width width = Width::Desktop;
    for (const Width candidate : {Width::Tablet, Width::Phone}) {
        if (savedWidth == widthKey(candidate))
            width = candidate;
    }
    setWidth(width);
    setDarkPage(settings.value(u"preview/dark"_s, false).toBool());

    connect(&m_watcher, &QFutureWatcher<Rendered>::finished, this, &PreviewPane::renderFinished);
    connect(m_document, &PreviewDocument::resyncRequested, this, [this] { publish(true); });
    connect(m_document, &PreviewDocument::contentApplied, this, &PreviewPane::contentShown);
    connect(m_document, &PreviewDocument::contentPainted, this, &PreviewPane::contentPainted);
    connect(m_document, &PreviewDocument::sourceLineActivated, this, &PreviewPane::sourceLineActivated);
}

PreviewPane::~PreviewPane()
{
    // The render captured only copies, but its result is delivered here.
    m_watcher.waitForFinished();
    // The page and its profile call back into this pane's members (the image
    // scheme handler into m_imageProvider): they go first, the page before
    // its profile. Left to ~QObject they outlived the members, and a photo
    // request in flight at close crashed in a destroyed std::function.
    m_imageProvider = nullptr;
    delete m_view;
    m_view = nullptr;
    delete m_profile;
    m_profile = nullptr;
}

void PreviewPane::setImageProvider(ImageProvider provider)
{
    // Images are addressed by content hash, so what the page shows stays right.
    m_imageProvider = std::move(provider);
}

void PreviewPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_view || m_viewScheduled)
        return;
    m_viewScheduled = true;
    // After the window's first frame, not before it: making the view starts
    // WebEngine, which holds the GUI thread for tens of milliseconds, and a
    // timer started here fires before the window system has asked for that
    // frame. Until then the pane shows its placeholder, in the same place.
    QWindow *window = this->window()->windowHandle();
    if (!window || window->isExposed()) {
        QTimer::singleShot(0, this, &PreviewPane::ensureView);
        return;
    }
    auto *watch = new FirstFrameWatch(window, this);
    connect(watch, &FirstFrameWatch::painted, this, &PreviewPane::ensureView);
}

QWebEngineView *PreviewPane::ensureView()
{
    if (m_view)
        return m_view;
    // The view is made before the profile so that, children being deleted in
    // order of creation, the page (the view's child) goes before its profile.
    m_view = new QWebEngineView(m_frame);
    // An off-the-record profile: the preview keeps nothing on disk.
    auto *profile = new QWebEngineProfile(this);
    m_profile = profile;
    profile->installUrlSchemeHandler(imageScheme(), new ImageSchemeHandler(&m_imageProvider, profile));
    profile->installUrlSchemeHandler(pageScheme(), new PageSchemeHandler(profile));
    m_guard = new PreviewRequestGuard(profile);
    profile->setUrlRequestInterceptor(m_guard);
    auto *page = new PreviewPage(profile, m_view);
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
    channel->registerObject(u"preview"_s, m_document);
    page->setWebChannel(channel);
    // A refused navigation (a link, a frame) reports a failed load; only the
    // page itself counts.
    connect(page, &QWebEnginePage::loadFinished, this, [this](bool ok) {
        if (ok)
            ++m_pageLoads;
    });
    m_view->setObjectName(u"previewView"_s);
    m_view->setPage(page);
    m_view->setContextMenuPolicy(Qt::NoContextMenu);
    auto *frameLayout = static_cast<QHBoxLayout *>(m_frame->layout());
    frameLayout->addStretch();
    frameLayout->addWidget(m_view, 1000);
    frameLayout->addStretch();
    applyWidth();
    m_stack->setCurrentWidget(m_frame);
    page->load(pageUrl());
    Q_EMIT viewCreated();
    return m_view;
}

void PreviewPane::showStory(const Story &story, const QList<Photo> &photos)
{
    m_pending = Request{story, photos};
    if (!m_watcher.isRunning())
        startRender();
}

void PreviewPane::clear()
{
    m_pending = Request{};
    if (!m_watcher.isRunning())
        startRender();
}

void PreviewPane::startRender()
{
    if (!m_pending)
        return;
    Request request = std::move(*m_pending);
    m_pending.reset();
    // The blocks of the last render are kept: an edit renders only the
    // blocks it changed (the body is still parsed whole).
    m_watcher.setFuture(QtConcurrent::run([request = std::move(request), cache = m_blockCache] {
        Rendered rendered;
        if (request.story.id <= 0 && request.story.headline.isEmpty() && request.story.body.isEmpty())
            return rendered;
        ArticleRenderer::Options options;
        options.imageLinks = ArticleRenderer::Options::ImageLinks::LibraryScheme;
        rendered.header = ArticleRenderer::headerHtml(request.story);
        if (const QString problem = bodyLengthProblem(request.story.body); !problem.isEmpty()) {
            ArticleRenderer::Block notice;
            notice.html = u"<p class=\"preview-notice\">%1</p>\n"_s.arg(problem.toHtmlEscaped());
            notice.key = u"body-too-long"_s;
            rendered.blocks = {notice};
            return rendered;
        }
        rendered.blocks = ArticleRenderer::bodyBlocks(request.story, request.photos, options, cache.get());
        rendered.correction = ArticleRenderer::correctionHtml(request.story);
        return rendered;
    }));
}

void PreviewPane::renderFinished()
{
    m_rendered = m_watcher.result();
    publish(false);
    // What arrived while this one ran: one render for all of it.
    startRender();
}

void PreviewPane::publish(bool everything)
{
    if (everything)
        m_shownBlocks.clear();
    const ArticleRenderer::BlockPatch patch = ArticleRenderer::blockPatch(m_shownBlocks, m_rendered.blocks);
    QJsonObject html;
    for (auto it = patch.html.cbegin(); it != patch.html.cend(); ++it)
        html.insert(it.key(), it.value());
    QJsonObject lines;
    for (auto it = patch.lines.cbegin(); it != patch.lines.cend(); ++it)
        lines.insert(it.key(), QJsonArray{it->first, it->second});
    const QJsonObject previous = m_document->content();
    if (!everything && patch.isEmpty() && previous.value(u"header"_s).toString() == m_rendered.header
        && previous.value(u"correction"_s).toString() == m_rendered.correction
        && previous.value(u"lines"_s).toObject() == lines)
        return;
    m_shownBlocks = m_rendered.blocks;
    m_document->setContent(QJsonObject{
        {u"revision"_s, ++m_revision},
        {u"header"_s, m_rendered.header},
        {u"order"_s, QJsonArray::fromStringList(patch.order)},
        {u"html"_s, html},
        {u"lines"_s, lines},
        {u"correction"_s, m_rendered.correction},
    });
}

void PreviewPane::followEditor(QPlainTextEdit *editor)
{
    m_editor = editor;
    connect(editor->verticalScrollBar(), &QScrollBar::valueChanged, this, [this, editor](int value) {
        if (editor != m_editor)
            return;
        // The block at the editor's top edge: a Markdown line, as the blocks' source ranges count them.
        setSourceLine(value == 0 ? 1 : editor->cursorForPosition(QPoint(0, 0)).blockNumber() + 1);
    });
    connect(this, &PreviewPane::sourceLineActivated, editor, [this, editor](int line) {
        if (editor != m_editor)
            return;
        const QTextBlock block = editor->document()->findBlockByNumber(line - 1);
        if (!block.isValid())
            return;
        editor->setTextCursor(QTextCursor(block));
        editor->ensureCursorVisible();
        editor->setFocus(Qt::OtherFocusReason);
    });
}

void PreviewPane::setSourceLine(double line)
{
    m_document->setSourceLine(line);
}

void PreviewPane::setWidth(Width width)
{
    for (QAction *action : m_widthGroup->actions()) {
        if (Width(action->data().toInt()) == width)
            action->setChecked(true);
    }
    QSettings().setValue(u"preview/width"_s, widthKey(width));
    applyWidth();
}

PreviewPane::Width PreviewPane::width() const
{
    const QAction *checked = m_widthGroup->checkedAction();
    return checked ? Width(checked->data().toInt()) : Width::Desktop;
}

void PreviewPane::applyWidth()
{
    if (!m_view)
        return;
    switch (width()) {
    case Width::Desktop:
        m_view->setMaximumWidth(QWIDGETSIZE_MAX);
        break;
    case Width::Tablet:
        m_view->setMaximumWidth(tabletWidth);
        break;
    case Width::Phone:
        m_view->setMaximumWidth(phoneWidth);
        break;
    }
}

void PreviewPane::setDarkPage(bool dark)
{
    m_darkAction->setChecked(dark);
    QSettings().setValue(u"preview/dark"_s, dark);
    m_document->setTheme(dark ? u"dark"_s : u"light"_s);
}

bool PreviewPane::isDarkPage() const
{
    return m_darkAction->isChecked();
}

QList<QAction *> PreviewPane::viewActions() const
{
    return m_viewActions;
}

QWebEngineView *PreviewPane::view() const
{
    return m_view;
}

int PreviewPane::pageLoads() const
{
    return m_pageLoads;
}

int PreviewPane::blockedRequests() const
{
    return m_guard ? m_guard->blocked : 0;
}

int PreviewPane::revision() const
{
    return m_revision;
}

#include "previewpane.moc"
