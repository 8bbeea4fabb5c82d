// SPDX-License-Identifier: MIT
#include "previewpane.h"
#include "previewdocument.h"

#include <QActionGroup>
#include <QCoreApplication>
#include <QDir>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPluginLoader>
#include <QScrollBar>
#include <QSettings>
#include <QStackedLayout>
#include <QTextBlock>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>
#include <QWindow>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace {

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
    return PreviewView::imageScheme();
}

QByteArray PreviewPane::pageScheme()
{
    return PreviewView::pageScheme();
}

QUrl PreviewPane::pageUrl()
{
    return PreviewView::pageUrl();
}

namespace {

// Whether chooseRendering() picked Qt Quick's software backend.
bool softwareSceneGraph = false;
QString moduleOverride;

// The module's factory, or why there is none.
PreviewViewFactory *loadFactory(QString *error)
{
    // The loader is not unloaded: the module stays for the life of the
    // process, and a second pane gets the same factory.
    QPluginLoader loader(PreviewPane::moduleFile());
    QObject *root = loader.instance();
    auto *factory = qobject_cast<PreviewViewFactory *>(root);
    if (!factory)
        *error = root ? PreviewPane::tr("it is a Qt plugin of another kind") : loader.errorString();
    return factory;
}

} // namespace

QString PreviewPane::moduleFile()
{
    if (!moduleOverride.isEmpty())
        return moduleOverride;
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral(NEWSDESK_PREVIEW_MODULE));
}

void PreviewPane::setModuleFile(const QString &file)
{
    moduleOverride = file;
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
        // Qt Quick (the view's compositor) draws with its software backend:
        // the module sets it before it makes the view's first Qt Quick window.
        softwareSceneGraph = true;
        // Chromium composites in software instead of on llvmpipe.
        const QByteArray flags = qgetenv("QTWEBENGINE_CHROMIUM_FLAGS");
        if (!flags.contains("--disable-gpu"))
            qputenv("QTWEBENGINE_CHROMIUM_FLAGS", QByteArray(flags + " --disable-gpu").trimmed());
        // And no OpenGL is loaded at all: the context shared with the
        // window's that WebEngine wants is asked for with the QApplication
        // whatever draws (Qt::AA_ShareOpenGLContexts), which would load Mesa
        // and LLVM (tens of MB) into this process for nothing.
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

    m_watcher.setObjectName(u"renderWatcher"_s); // for bench_editor's list of GUI-thread events
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
    m_view.reset();
}

void PreviewPane::setImageProvider(ImageProvider provider)
{
    // Images are addressed by content hash, so what the page shows stays right.
    m_imageProvider = std::move(provider);
}

void PreviewPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_view || m_viewScheduled || m_viewFailed)
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

QWidget *PreviewPane::ensureView()
{
    if (m_view || m_viewFailed)
        return view();
    QString error;
    PreviewViewFactory *factory = loadFactory(&error);
    if (!factory) {
        // The editor and everything else work on; the pane says what is
        // missing where the preview would be.
        m_viewFailed = true;
        m_placeholder->setText(tr("The preview is not available: Newsdesk's preview module %1 could not be loaded (%2).\n"
                                  "Reinstall Newsdesk to get it back; everything else works without it.")
                                   .arg(QDir::toNativeSeparators(moduleFile()), error));
        m_placeholder->setWordWrap(true);
        qWarning("newsdesk: the preview module could not be loaded: %s", qPrintable(error));
        return nullptr;
    }
    PreviewView::Setup setup;
    setup.document = m_document;
    setup.images = &m_imageProvider;
    setup.articleStylesheet = ArticleRenderer::stylesheet().toUtf8();
    setup.softwareSceneGraph = softwareSceneGraph;
    m_view = factory->create(setup, m_frame);
    auto *frameLayout = static_cast<QHBoxLayout *>(m_frame->layout());
    frameLayout->addStretch();
    frameLayout->addWidget(m_view->widget(), 1000);
    frameLayout->addStretch();
    applyWidth();
    m_stack->setCurrentWidget(m_frame);
    Q_EMIT viewCreated();
    return view();
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
    QWidget *view = m_view->widget();
    switch (width()) {
    case Width::Desktop:
        view->setMaximumWidth(QWIDGETSIZE_MAX);
        break;
    case Width::Tablet:
        view->setMaximumWidth(tabletWidth);
        break;
    case Width::Phone:
        view->setMaximumWidth(phoneWidth);
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

QWidget *PreviewPane::view() const
{
    return m_view ? m_view->widget() : nullptr;
}

int PreviewPane::pageLoads() const
{
    return m_view ? m_view->pageLoads() : 0;
}

int PreviewPane::blockedRequests() const
{
    return m_view ? m_view->blockedRequests() : 0;
}

int PreviewPane::revision() const
{
    return m_revision;
}

#include "previewpane.moc"
