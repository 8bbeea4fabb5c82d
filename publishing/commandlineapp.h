// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

// The program's entry points that need no window: the application's names and
// the whole command line, run under a QCoreApplication. The executable (app/)
// chooses between this and the window; nothing here links widgets.
namespace Newsdesk {

// Sets the names QSettings and QStandardPaths use.
void setApplicationIdentity();
// Registers every command-line command (once; later calls do nothing).
void registerCommands();
// Runs the command line for arguments (without the program name) in a
// QCoreApplication of its own and returns the process exit code.
int runCommandLine(int argc, char **argv, const QStringList &arguments);

} // namespace Newsdesk
