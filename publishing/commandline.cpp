// SPDX-License-Identifier: MIT
#include "commandline.h"

#include "textsafety.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace CommandLine {

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
    out << "Usage: newsdesk [COMMAND] [OPTIONS]\n\n"
        << "Newsdesk drafts, checks and approves news stories and their photo captions,\n"
        << "and exports them as publication-ready HTML.\n\n"
        << "With no command, Newsdesk opens its window on the default library:\n  "
        << "newsdesk gui [--library PATH]   open the window (on PATH's library)\n\n"
        << "Commands:\n";
    for (const Command &command : commands())
        out << "  newsdesk " << command.synopsis.leftJustified(34) << ' ' << command.summary << '\n';
    out << "\nOptions:\n"
        << "  -h, --help      show this help\n"
        << "  -v, --version   show the version\n";
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
    err << "newsdesk: unknown command '" << shown(name) << "'. Run 'newsdesk --help' for the list.\n";
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

} // namespace CommandLine
