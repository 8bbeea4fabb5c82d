// SPDX-License-Identifier: MIT
#pragma once

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QJsonDocument;
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

// One command's arguments, parsed; or the exit code to return when they are
// wrong or help was asked for.
struct Invocation
{
    QCommandLineParser parser;
    std::optional<int> exitCode;
};

// Parses arguments for the command name (usage: "newsdesk " + synopsis);
// every option in required must be given, and exactly positionals file
// arguments. --help prints the options and sets exitCode to Success; a
// mistake prints what is wrong and the usage and sets UsageError.
void parse(Invocation &invocation, const QString &name, const QString &synopsis, const QList<QCommandLineOption> &options,
           const QStringList &required, const QStringList &arguments, QTextStream &out, QTextStream &err,
           int positionals = 0);

// Text that came from a library, a file or the arguments, made safe for a
// line of out or err: control characters and bidirectional controls are
// shown as escapes (TextSafety::forTerminal), so no text can clear the
// screen, move the cursor or print a line of its own such as "0 error(s)".
// Every such text a command prints goes through it.
QString shown(const QString &text);
// A JSON document as a command prints it. QJsonDocument escapes C0 controls
// but writes DEL, C1 and bidirectional controls as they are; here they are
// \uXXXX escapes too, which any JSON reader turns back into the same text.
QString jsonText(const QJsonDocument &document);

} // namespace CommandLine
