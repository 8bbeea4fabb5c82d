// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

#include <functional>

class QTextStream;

// The `newsdesk` command line. Each command is a function of its arguments
// that writes to out and err and returns the process exit code:
// 0 success, 1 a finding or refusal, 2 a usage error.
namespace CommandLine {

enum ExitCode { Success = 0, Refused = 1, UsageError = 2 };

struct Command
{
    QString name;
    QString synopsis; // "virin [--json] VIRIN..."
    QString summary;
    std::function<int(const QStringList &arguments, QTextStream &out, QTextStream &err)> run;
};

// Commands are registered once, at start-up, by the parts of the app that
// provide them.
void registerCommand(Command command);
const QList<Command> &commands();

// True when arguments (without the program name) ask for the command line
// rather than the window.
bool wantsCommandLine(const QStringList &arguments);

// Runs the command named by arguments.first().
int run(const QStringList &arguments, QTextStream &out, QTextStream &err);

QString helpText();

} // namespace CommandLine
