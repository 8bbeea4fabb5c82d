// SPDX-License-Identifier: MIT
#include "application.h"

#include "commandline.h"
#include "commandlineapp.h"
#include "librarysetup.h"
#include "mainwindow.h"
#include "previewpane.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace Newsdesk {

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
    PreviewPane::registerUrlSchemes();
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
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

    MainWindow window;
    window.show();
    if (!window.openLibraryInteractively(path) && !window.library()) {
        // The last library is gone or broken: fall back to the default one.
        if (path == LibrarySetup::defaultLibraryPath() || !window.openLibraryInteractively(LibrarySetup::defaultLibraryPath()))
            return 1;
    }
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
