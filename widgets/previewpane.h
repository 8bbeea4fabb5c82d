// SPDX-License-Identifier: MIT
#pragma once

#include "articlerenderer.h"
#include "photo.h"
#include "story.h"

#include <QByteArray>
#include <QFutureWatcher>
#include <QList>
#include <QUrl>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class PreviewDocument;
class QAction;
class QActionGroup;
class QPlainTextEdit;
class QStackedLayout;
class QLabel;
class QWebEngineProfile;
class QWebEngineView;

// The live preview. Its page is loaded once from the app's own scheme; after
// that the story goes to it over QWebChannel and the page replaces only the
// blocks that changed, so it never flashes or loses its place. Rendering runs
// off the GUI thread, and requests made while a render runs are coalesced
// into one.
//
// The page is isolated: an off-the-record profile, every request outside the
// app's schemes blocked, links handed to the system browser, and a
// Content-Security-Policy that runs no script but the page's own.
//
// The QWebEngineView is made only after the window's first frame, so
// WebEngine's start-up does not hold up the window.
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

    enum class Width { Desktop, Tablet, Phone };
    enum class Rendering { Gpu, Software };

    // How the view draws on this machine. Without a GPU this process could
    // use (no DRM render node and no NVIDIA device under devDir: a virtual
    // display, most virtual machines, a container without /dev/dri), or with
    // LIBGL_ALWAYS_SOFTWARE set, OpenGL is Mesa's llvmpipe: the CPU emulating
    // a GPU, with LLVM loaded and shaders compiled in the window's process.
    // Qt Quick's and Chromium's own software paths draw the same page sooner
    // and in far less memory there (bench_startup).
    static Rendering renderingFor(const QString &devDir);
    // Applies renderingFor("/dev") before the QApplication exists, unless
    // the user chose a scene graph backend (QT_QUICK_BACKEND,
    // QSG_RHI_BACKEND). Software means Qt Quick's software backend,
    // Chromium's --disable-gpu and no OpenGL in the process
    // (QT_XCB_GL_INTEGRATION=none unless set); the page's sandbox is unchanged.
    static Rendering chooseRendering();

    // The schemes of the page ("newsdesk-preview:") and of library images
    // ("newsdesk-image:/HASH"). Must be registered before the QApplication
    // is created.
    static void registerUrlSchemes();
    static QByteArray imageScheme();
    static QByteArray pageScheme();
    static QUrl pageUrl();

    explicit PreviewPane(QWidget *parent = nullptr);
    // Waits for a render still running.
    ~PreviewPane() override;

    void setImageProvider(ImageProvider provider);

    // Renders story (off the GUI thread) and shows it.
    void showStory(const Story &story, const QList<Photo> &photos);
    void clear();

    // The editor's scroll position leads the preview, and a click on a block
    // of the preview puts editor's cursor at the start of its source.
    void followEditor(QPlainTextEdit *editor);
    // The editor line (1-based) kept at the top of the page; 0 for none.
    void setSourceLine(double line);

    void setWidth(Width width);
    Width width() const;
    void setDarkPage(bool dark);
    bool isDarkPage() const;
    // Width presets and the dark page toggle, for the View menu; also on the
    // pane's own tool bar.
    QList<QAction *> viewActions() const;

    // Null until the pane has been shown.
    QWebEngineView *view() const;
    // Creates the view now, if it does not exist yet.
    QWebEngineView *ensureView();

    // How often the page has been loaded, and how many requests were blocked
    // (both for tests).
    int pageLoads() const;
    int blockedRequests() const;
    // The revision last published to the page.
    int revision() const;

Q_SIGNALS:
    void viewCreated();
    // The page's DOM now shows revision.
    void contentShown(int revision);
    // The page has painted its first frame showing revision.
    void contentPainted(int revision);
    // A block of the preview was clicked; line is where its source starts.
    void sourceLineActivated(int line);

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct Request
    {
        Story story;
        QList<Photo> photos;
    };
    struct Rendered
    {
        QString header;
        QList<ArticleRenderer::Block> blocks;
        QString correction;
    };
    void startRender();
    void renderFinished();
    void publish(bool everything);
    void applyWidth();

    QStackedLayout *m_stack;
    QLabel *m_placeholder;
    QWidget *m_frame;
    QWebEngineView *m_view = nullptr;
    bool m_viewScheduled = false;
    QWebEngineProfile *m_profile = nullptr;
    PreviewDocument *m_document;
    ImageProvider m_imageProvider;
    QFutureWatcher<Rendered> m_watcher;
    // For the one render that runs at a time.
    std::shared_ptr<ArticleRenderer::BlockCache> m_blockCache = std::make_shared<ArticleRenderer::BlockCache>();
    std::optional<Request> m_pending;
    Rendered m_rendered;
    QList<ArticleRenderer::Block> m_shownBlocks;
    int m_revision = 0;
    int m_pageLoads = 0;
    class PreviewRequestGuard *m_guard = nullptr;
    QActionGroup *m_widthGroup;
    QAction *m_darkAction;
    QList<QAction *> m_viewActions;
    QPlainTextEdit *m_editor = nullptr;
};
