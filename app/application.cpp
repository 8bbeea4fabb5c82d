// SPDX-License-Identifier: MIT
#include "application.h"

#include "commandline.h"
#include "commandlineapp.h"
#include "editorpane.h"
#include "librarysetup.h"
#include "mainwindow.h"
#include "previewpane.h"
#include "spellchecker.h"
#include "syntaxrepository.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QLoggingCategory>
#include <QSettings>
#include <QTimer>
#include <QWindow>

#include <cstdio>
#include <ctime>
#include <memory>

using namespace Qt::StringLiterals;

// When the window appears and when the preview first shows the story, for
// bench_startup (QT_LOGGING_RULES="newsdesk.startup.info=true"), in
// milliseconds since the epoch: the benchmark compares them with the time it
// started the process. Off by default.
Q_LOGGING_CATEGORY(lcStartup, "newsdesk.startup", QtWarningMsg)

namespace Newsdesk {

namespace {

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Logs the first exposure of a window, then removes itself. It watches the
// application, not the window: the window's native handle is made again when
// the preview's view arrives.
class ExposeLogger : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Expose && watched->isWindowType() && static_cast<QWindow *>(watched)->isExposed()) {
            qCInfo(lcStartup, "window exposed at %lld", now());
            QCoreApplication::instance()->removeEventFilter(this);
            deleteLater();
        }
        return false;
    }
};

// The steps of start-up, at debug level (QT_LOGGING_RULES="newsdesk.startup=true"):
// where the time before the first frame goes, in wall-clock time and in this
// thread's CPU time (which a busy machine does not inflate).
void markStartup(const char *step)
{
    timespec cpu{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
    qCDebug(lcStartup, "%s cpu %lld at %lld", step, qint64(cpu.tv_sec) * 1000 + cpu.tv_nsec / 1000000, now());
}

void logStartup(MainWindow &window)
{
    if (!lcStartup().isInfoEnabled())
        return;
    QObject::connect(window.preview(), &PreviewPane::viewCreated, &window, [] { markStartup("preview view created"); });
    QCoreApplication::instance()->installEventFilter(new ExposeLogger(&window));
    // The library's first story is the preview's first content (an empty
    // page is never published).
    auto once = std::make_shared<QMetaObject::Connection>();
    *once = QObject::connect(window.preview(), &PreviewPane::contentPainted, &window, [&window, once](int revision) {
        if (revision < 1 || !window.editor()->hasStory())
            return;
        qCInfo(lcStartup, "preview painted with the story at %lld", now());
        QObject::disconnect(*once);
    });
}

} // namespace

static bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

static int runGui(int argc, char **argv, const QStringList &arguments)
{
    if (!hasDisplay()) {
        std::fputs("newsdesk: there is no display to open the window on (DISPLAY is not set).\n"
                   "Run Newsdesk from a desktop session, or start a virtual display first:\n"
                   "  Xvfb :99 -screen 0 1600x1000x24 &  DISPLAY=:99 newsdesk\n"
                   "The command line works without a display: newsdesk --help\n",
                   stderr);
        return 1;
    }
    markStartup("main");
    PreviewPane::chooseRendering();
    // WebEngine composites in an OpenGL context shared with the window's,
    // which Qt makes with the QApplication when this is set before it: the
    // preview module loads WebEngine after the QApplication exists, too late
    // to ask. Drawing in software, with no OpenGL integration loaded
    // (chooseRendering()), the context is only asked for, and WebEngine
    // takes that as its answer instead of warning.
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    markStartup("application made");
    // The editor's Markdown definition and dictionary load on worker threads
    // while this one builds the window: they are ready, or nearly, when the
    // story's text needs them.
    preloadMarkdownDefinition();
    SpellChecker::preload();
    setApplicationIdentity();
    Translations::install();
    QApplication::setWindowIcon(QIcon(u":/newsdesk.svg"_s));
    QApplication::setDesktopFileName(u"org.newsdesk.Newsdesk"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Newsroom content editor"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(u"gui"_s, QApplication::translate("main", "Open the window."));
    const QCommandLineOption libraryOption(u"library"_s, QApplication::translate("main", "The library file to open."),
                                           QApplication::translate("main", "path"));
    parser.addOption(libraryOption);
    parser.process(QStringList{QApplication::arguments().constFirst()} + arguments);

    QString path = parser.value(libraryOption);
    if (path.isEmpty())
        path = QSettings().value(u"library/last"_s, LibrarySetup::defaultLibraryPath()).toString();

    markStartup("arguments read");
    MainWindow window;
    markStartup("window made");
    window.show();
    markStartup("window shown");
    logStartup(window);
    if (!window.openLibraryInteractively(path) && !window.library()) {
        // The last library is gone or broken: fall back to the default one.
        if (path == LibrarySetup::defaultLibraryPath() || !window.openLibraryInteractively(LibrarySetup::defaultLibraryPath()))
            return 1;
    }
    markStartup("library open");
    if (lcStartup().isDebugEnabled())
        QTimer::singleShot(0, &app, [] { markStartup("event loop running"); });
    return app.exec();
}

int main(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 1; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);

    if (!CommandLine::wantsCommandLine(arguments))
        return runGui(argc, argv, arguments.mid(arguments.value(0) == u"gui"_s ? 1 : 0));

    return runCommandLine(argc, argv, arguments);
}

} // namespace Newsdesk
