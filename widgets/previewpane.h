// SPDX-License-Identifier: MIT
#pragma once

#include "articlerenderer.h"
#include "photo.h"
#include "previewview.h"
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
// WebEngine's start-up does not hold up the window; it comes from a module
// (previewview.h) loaded then, so neither does mapping WebEngine's libraries.
class PreviewPane : public QWidget
{
    Q_OBJECT
public:
    // Bytes and MIME type of a library image, by content hash.
    using Image = PreviewView::Image;
    using ImageProvider = PreviewView::ImageProvider;

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
    // QSG_RHI_BACKEND). Software means Qt Quick's software backend (set when
    // the view is made), Chromium's --disable-gpu and no OpenGL in the
    // process (QT_XCB_GL_INTEGRATION=none unless set); the page's sandbox is
    // unchanged. Either way the caller then sets Qt::AA_ShareOpenGLContexts
    // before the QApplication (application.cpp): WebEngine, loaded later
    // with the view, composites in a context shared with the window's.
    static Rendering chooseRendering();

    // The module with the web view (newsdesk_webpreview): by default where
    // it is installed relative to the executable (in the build tree too).
    // Setting another file is for tests.
    static QString moduleFile();
    static void setModuleFile(const QString &file);

    // The schemes of the page ("newsdesk-preview:") and of library images
    // ("newsdesk-image:/HASH"), registered by the module when it loads.
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

    // The QWebEngineView; null until the pane has been shown, and when the
    // module cannot be loaded (the pane then says why in its place).
    QWidget *view() const;
    // Creates the view now, if it does not exist yet.
    QWidget *ensureView();

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
    std::unique_ptr<PreviewView> m_view;
    bool m_viewScheduled = false;
    bool m_viewFailed = false;
    PreviewDocument *m_document;
    ImageProvider m_imageProvider;
    QFutureWatcher<Rendered> m_watcher;
    // For the one render that runs at a time.
    std::shared_ptr<ArticleRenderer::BlockCache> m_blockCache = std::make_shared<ArticleRenderer::BlockCache>();
    std::optional<Request> m_pending;
    Rendered m_rendered;
    QList<ArticleRenderer::Block> m_shownBlocks;
    int m_revision = 0;
    QActionGroup *m_widthGroup;
    QAction *m_darkAction;
    QList<QAction *> m_viewActions;
    QPlainTextEdit *m_editor = nullptr;
};
