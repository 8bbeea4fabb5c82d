// SPDX-License-Identifier: MIT
#include "commandlineapp.h"

#include "commandline.h"
#include "photocommands.h"
#include "storycommands.h"
#include "teamcommands.h"
#include "translations.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace Newsdesk {

void setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(u"Newsdesk"_s);
    QCoreApplication::setApplicationName(u"Newsdesk"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(NEWSDESK_VERSION));
}

void registerCommands()
{
    static bool registered = false;
    if (registered)
        return;
    registered = true;
    registerStoryCommands();
    registerPhotoCommands();
    registerTeamCommands();
}

int runCommandLine(int argc, char **argv, const QStringList &arguments)
{
    QCoreApplication app(argc, argv);
    setApplicationIdentity();
    Translations::install();
    registerCommands();
    QTextStream out(stdout);
    QTextStream err(stderr);
    const int code = CommandLine::run(arguments, out, err);
    out.flush();
    err.flush();
    return code;
}

} // namespace Newsdesk
