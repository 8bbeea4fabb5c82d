// SPDX-License-Identifier: MIT
#include "photocommands.h"

#include "commandline.h"
#include "photometadata.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

#include <optional>

using namespace Qt::StringLiterals;
using CommandLine::shown;

// Everything in namespace PhotoCommands: lupdate files tr() by the namespace
// it is called in, and drops it at file scope.
namespace PhotoCommands {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("PhotoCommands", text);
}

// Both commands take [--json] and one or more positional arguments.
struct Arguments
{
    bool json = false;
    QStringList positionals;
};

std::optional<Arguments> parseArguments(const QString &name, const QString &synopsis, const QString &what,
                                        const QStringList &arguments, QTextStream &out, QTextStream &err,
                                        int *exitCode)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption json(u"json"_s, tr("Print JSON."));
    const QCommandLineOption help({u"h"_s, u"help"_s}, tr("Show this help."));
    parser.addOption(json);
    parser.addOption(help);
    const QString usage = u"Usage: newsdesk "_s % synopsis % u'\n';
    if (!parser.parse(QStringList{u"newsdesk"_s} + arguments)) {
        err << "newsdesk " << name << ": " << shown(parser.errorText()) << '\n' << usage;
        *exitCode = CommandLine::UsageError;
        return std::nullopt;
    }
    if (parser.isSet(help)) {
        out << usage;
        *exitCode = CommandLine::Success;
        return std::nullopt;
    }
    Arguments parsed{parser.isSet(json), parser.positionalArguments()};
    if (parsed.positionals.isEmpty()) {
        err << "newsdesk " << name << ": " << tr("give at least one %1.").arg(what) << '\n' << usage;
        *exitCode = CommandLine::UsageError;
        return std::nullopt;
    }
    return parsed;
}

void printJson(QTextStream &out, const QJsonArray &array)
{
    out << CommandLine::jsonText(QJsonDocument(array));
}

int runVirin(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    int exitCode = CommandLine::Success;
    const std::optional<Arguments> parsed =
        parseArguments(u"virin"_s, u"virin [--json] VIRIN..."_s, u"VIRIN"_s, arguments, out, err, &exitCode);
    if (!parsed)
        return exitCode;
    QJsonArray verdicts;
    for (const QString &text : parsed->positionals) {
        const Virin virin = Virin::parse(text);
        if (virin.status == VirinStatus::Invalid)
            exitCode = CommandLine::Refused;
        if (parsed->json) {
            verdicts.append(PhotoCommands::virinJson(virin));
            continue;
        }
        out << shown(text) << ": " << virinStatusKey(virin.status) << '\n';
        QStringList fields;
        if (virin.date.isValid())
            fields << tr("date %1").arg(virin.date.toString(Qt::ISODate));
        if (!virin.serviceName.isEmpty())
            fields << tr("service %1 (%2)").arg(virin.service).arg(virin.serviceName);
        if (!virin.visionId.isEmpty())
            fields << tr("VISION ID %1").arg(virin.visionId);
        if (!virin.sequence.isEmpty())
            fields << tr("sequence %1").arg(virin.sequence);
        if (!virin.suffix.isEmpty())
            fields << tr("suffix %1").arg(virin.suffix);
        if (!virin.country.isEmpty())
            fields << tr("country %1").arg(virin.country);
        if (!fields.isEmpty())
            out << "  " << shown(fields.join(u", "_s)) << '\n';
        for (const VirinMessage &message : virin.messages)
            out << "  " << virinStatusKey(message.severity) << ": " << shown(message.text) << '\n';
    }
    if (parsed->json)
        printJson(out, verdicts);
    return exitCode;
}

int runPhotoInfo(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    int exitCode = CommandLine::Success;
    const std::optional<Arguments> parsed = parseArguments(u"photo-info"_s, u"photo-info [--json] FILE..."_s,
                                                           u"image file"_s, arguments, out, err, &exitCode);
    if (!parsed)
        return exitCode;
    QJsonArray photos;
    bool first = true;
    for (const QString &path : parsed->positionals) {
        const PhotoMetadata::ReadResult result = PhotoMetadata::readFile(path);
        if (!result.ok) {
            err << "newsdesk photo-info: " << shown(result.errorString) << '\n';
            exitCode = CommandLine::Refused;
            continue;
        }
        QJsonObject object = PhotoCommands::photoJson(result.photo);
        if (parsed->json) {
            object.insert(u"file"_s, path);
            object.insert(u"notes"_s, QJsonArray::fromStringList(result.notes));
            photos.append(object);
            continue;
        }
        if (!first)
            out << '\n';
        first = false;
        out << shown(path) << '\n';
        // In the order of the photo form, not the JSON object's sorted keys.
        static const QStringList order = {
            u"virin"_s,   u"title"_s,       u"caption"_s,      u"altText"_s,      u"credit"_s,
            u"photographer"_s, u"unit"_s,   u"operation"_s,    u"dateShot"_s,     u"city"_s,
            u"sublocation"_s, u"state"_s,   u"country"_s,      u"countryCode"_s,  u"keywords"_s,
            u"releaseState"_s, u"releaseAuthority"_s, u"captionWriter"_s, u"commandShown"_s, u"creatorEmail"_s,
            u"creatorPhone"_s};
        for (const QString &field : order) {
            const QJsonValue value = object.value(field);
            QString text;
            if (value.isArray()) {
                QStringList items;
                const QJsonArray array = value.toArray();
                for (const QJsonValue &item : array)
                    items << item.toString();
                text = items.join(u", "_s);
            } else {
                text = value.toString();
            }
            out << "  " << field << ": " << shown(text) << '\n';
        }
        for (const QString &note : result.notes)
            out << "  note: " << shown(note) << '\n';
    }
    if (parsed->json)
        printJson(out, photos);
    return exitCode;
}

} // namespace

QJsonObject virinJson(const Virin &virin)
{
    QStringList messages = virin.messageTexts();
    return {
        {u"virin"_s, virin.text},
        {u"status"_s, virinStatusKey(virin.status)},
        {u"date"_s, virin.date.isValid() ? QJsonValue(virin.date.toString(Qt::ISODate)) : QJsonValue()},
        {u"service"_s, virin.service.isNull() ? QString() : QString(virin.service)},
        {u"serviceName"_s, virin.serviceName},
        {u"visionId"_s, virin.visionId},
        {u"sequence"_s, virin.sequence},
        {u"suffix"_s, virin.suffix},
        {u"country"_s, virin.country},
        {u"messages"_s, QJsonArray::fromStringList(messages)},
    };
}

QJsonObject photoJson(const Photo &photo)
{
    return {
        {u"virin"_s, photo.virin},
        {u"title"_s, photo.title},
        {u"caption"_s, photo.caption},
        {u"altText"_s, photo.altText},
        {u"credit"_s, photo.credit},
        {u"photographer"_s, photo.photographer},
        {u"unit"_s, photo.unit},
        {u"operation"_s, photo.operation},
        {u"dateShot"_s, photo.dateShot.isValid() ? QJsonValue(photo.dateShot.toString(Qt::ISODate)) : QJsonValue()},
        {u"city"_s, photo.city},
        {u"sublocation"_s, photo.sublocation},
        {u"state"_s, photo.state},
        {u"country"_s, photo.country},
        {u"countryCode"_s, photo.countryCode},
        {u"keywords"_s, QJsonArray::fromStringList(photo.keywords)},
        {u"releaseState"_s, releaseStateKey(photo.releaseState)},
        {u"releaseAuthority"_s, photo.releaseAuthority},
        {u"captionWriter"_s, photo.captionWriter},
        {u"commandShown"_s, photo.commandShown},
        {u"creatorEmail"_s, photo.creatorEmail},
        {u"creatorPhone"_s, photo.creatorPhone},
    };
}

} // namespace PhotoCommands

void registerPhotoCommands()
{
    using namespace PhotoCommands;
    CommandLine::registerCommand({u"virin"_s, u"virin [--json] VIRIN..."_s,
                                  PhotoCommands::tr("check VIRINs (DoD photo identifiers)"), &runVirin});
    CommandLine::registerCommand({u"photo-info"_s, u"photo-info [--json] FILE..."_s,
                                  PhotoCommands::tr("print the metadata read from image files"), &runPhotoInfo});
}
