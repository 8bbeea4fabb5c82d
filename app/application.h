// SPDX-License-Identifier: MIT
#pragma once

class QCoreApplication;

namespace Newsdesk {

// Sets the names QSettings and QStandardPaths use.
void setApplicationIdentity();
// Registers the command-line commands the app provides.
void registerCommands();
// The whole program: the command line when asked for it, otherwise the window.
int main(int argc, char **argv);

} // namespace Newsdesk
