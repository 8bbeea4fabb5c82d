// SPDX-License-Identifier: MIT
#include "commandline.h"

#include "textsafety.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace CommandLine {

static QString tr(const char *text)
{
    // The context lupdate gives tr() in namespace CommandLine.
    return QCoreApplication::translate("CommandLine", text);
}

static QList<Command> &registry()
{
    static QList<Command> list;
    return list;
}

void registerCommand(Command command)
{
    registry().append(std::move(command));
}

const QList<Command> &commands()
{
    return registry();
}

bool wantsCommandLine(const QStringList &arguments)
{
    if (arguments.isEmpty())
        return false;
    return arguments.first() != u"gui"_s;
}

QString helpText()
{
    QString text;
    QTextStream out(&text);
    out << tr("Usage: newsdesk [COMMAND] [OPTIONS]") << "\n\n"
        << tr("Newsdesk drafts, checks and approves news stories and their photo captions,\n"
              "and exports them as publication-ready HTML.")
        << "\n\n"
        << tr("With no command, Newsdesk opens its window on the default library:") << "\n  "
        << "newsdesk gui [--library PATH]\n                    " << tr("open the window (on PATH's library)") << "\n\n"
        << tr("Commands:") << '\n';
    // Each synopsis on a line of its own and the summary below it, indented
    // by 20: most synopses are too long to share a line, and help2man makes
    // a line followed by one indented that far a tagged paragraph (.TP) in
    // the man page.
    for (const Command &command : commands())
        out << "  newsdesk " << command.synopsis << "\n                    " << command.summary << '\n';
    out << '\n'
        << tr("Run 'newsdesk COMMAND --help' for a command's options.") << "\n\n"
        << tr("Options:") << '\n'
        << "  -h, --help      " << tr("show this help") << '\n'
        << "  -v, --version   " << tr("show the version") << '\n';
    return text;
}

int run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString name = arguments.value(0);
    if (name == u"--help"_s || name == u"-h"_s || name == u"help"_s) {
        out << helpText();
        return Success;
    }
    if (name == u"--version"_s || name == u"-v"_s) {
        out << "newsdesk " << QCoreApplication::applicationVersion() << '\n';
        return Success;
    }
    for (const Command &command : commands()) {
        if (command.name == name)
            return command.run(arguments.mid(1), out, err);
    }
    err << "newsdesk: " << tr("unknown command '%1'. Run 'newsdesk --help' for the list.").arg(shown(name)) << '\n';
    return UsageError;
}

QString shown(const QString &text)
{
    return TextSafety::forTerminal(text);
}

QString jsonText(const QJsonDocument &document)
{
    const QString json = QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    QString result;
    result.reserve(json.size());
    // Outside its strings a JSON text is ASCII without controls but its line
    // breaks, so whatever needs an escape is inside a string.
    auto escape = [&result](QChar unit) { result += u"\\u%1"_s.arg(uint(unit.unicode()), 4, 16, QLatin1Char('0')); };
    for (qsizetype i = 0; i < json.size(); ++i) {
        const QChar unit = json.at(i);
        if (unit.isHighSurrogate() && i + 1 < json.size() && json.at(i + 1).isLowSurrogate()) {
            const QChar low = json.at(++i);
            if (TextSafety::needsTerminalEscape(QChar::surrogateToUcs4(unit, low))) {
                escape(unit);
                escape(low);
            } else {
                result += unit;
                result += low;
            }
        } else if (unit.isSurrogate() || (unit != u'\n' && TextSafety::needsTerminalEscape(unit.unicode()))) {
            escape(unit);
        } else {
            result += unit;
        }
    }
    return result;
}

void parse(Invocation &invocation, const QString &name, const QString &synopsis, const QList<QCommandLineOption> &options,
           const QStringList &required, const QStringList &arguments, QTextStream &out, QTextStream &err, int positionals)
{
    QCommandLineParser &parser = invocation.parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({u"h"_s, u"help"_s}, tr("Show this help."));
    parser.addOption(help);
    for (const QCommandLineOption &option : options)
        parser.addOption(option);
    const QString usage = u"Usage: newsdesk %1\n"_s.arg(synopsis);
    if (!parser.parse(QStringList{u"newsdesk"_s} + arguments)) {
        err << "newsdesk " << name << ": " << shown(parser.errorText()) << '\n' << usage;
        invocation.exitCode = UsageError;
        return;
    }
    if (parser.isSet(help)) {
        out << usage;
        for (const QCommandLineOption &option : options)
            out << "  --" << option.names().constFirst().leftJustified(18) << ' ' << option.description() << '\n';
        invocation.exitCode = Success;
        return;
    }
    QStringList missing;
    for (const QString &option : required) {
        if (!parser.isSet(option) || parser.value(option).isEmpty())
            missing << u"--"_s + option;
    }
    if (!missing.isEmpty()) {
        err << "newsdesk " << name << ": " << tr("missing %1").arg(missing.join(u", "_s)) << '\n' << usage;
        invocation.exitCode = UsageError;
        return;
    }
    if (parser.positionalArguments().size() != positionals) {
        err << "newsdesk " << name << ": "
            << (positionals == 0 ? shown(tr("unexpected argument '%1'").arg(parser.positionalArguments().value(0)))
                                 : tr("expected %1 file argument").arg(positionals))
            << '\n'
            << usage;
        invocation.exitCode = UsageError;
    }
}

} // namespace CommandLine
