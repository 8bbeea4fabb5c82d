// SPDX-License-Identifier: MIT
#include "samplestory.h"

#include "library.h"
#include "photorepository.h"
#include "storyrepository.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace SampleStory {

QString resourceDirectory()
{
    return u":/samples/hegseth-healey"_s;
}

static QString tr(const char *text)
{
    return QCoreApplication::translate("SampleStory", text);
}

std::optional<Story> import(Library *library, const QString &directory, const Thumbnailer &thumbnailer,
                            QString *errorString, const KeywordReader &keywordReader)
{
    auto failed = [&](const QString &message) -> std::optional<Story> {
        if (errorString)
            *errorString = message;
        return std::nullopt;
    };

    QFile file(directory + u"/story.json"_s);
    if (!file.open(QIODevice::ReadOnly))
        return failed(tr("Cannot read the sample story %1: %2").arg(file.fileName(), file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject())
        return failed(tr("The sample story %1 is not valid JSON: %2").arg(file.fileName(), parseError.errorString()));
    const QJsonObject json = document.object();

    // Photos first, so the body can name them.
    PhotoRepository photos(library);
    QList<qint64> photoIds;
    QMultiMap<int, QString> photosAfterParagraph;
    const QJsonArray photoArray = json.value(u"photos"_s).toArray();
    for (const QJsonValue &value : photoArray) {
        const QJsonObject object = value.toObject();
        QFile image(directory + u'/' + object.value(u"file"_s).toString());
        if (!image.open(QIODevice::ReadOnly))
            return failed(tr("Cannot read the sample photo %1: %2").arg(image.fileName(), image.errorString()));
        const QByteArray bytes = image.readAll();

        Photo photo;
        photo.fileName = object.value(u"file"_s).toString();
        photo.virin = object.value(u"virin"_s).toString();
        photo.title = object.value(u"title"_s).toString();
        photo.caption = object.value(u"caption"_s).toString();
        photo.altText = object.value(u"alt"_s).toString();
        photo.credit = object.value(u"credit"_s).toString();
        // defense.gov credits read "Rank Name, DOD"; the by-line is the person.
        photo.photographer = photo.credit.section(u", "_s, 0, 0);
        photo.dateShot = QDate::fromString(object.value(u"date_shot"_s).toString(), Qt::ISODate);
        photo.city = object.value(u"city"_s).toString();
        photo.state = object.value(u"state"_s).toString();
        photo.country = object.value(u"country"_s).toString();
        photo.sublocation = object.value(u"sublocation"_s).toString();
        if (photo.country == u"United States"_s)
            photo.countryCode = u"USA"_s;
        if (keywordReader)
            photo.keywords = keywordReader(bytes);
        // The photos were published on defense.gov, so they were released.
        photo.releaseState = ReleaseState::Released;

        QSize size;
        const QByteArray thumbnail = thumbnailer ? thumbnailer(bytes, &size) : QByteArray();
        const std::optional<Photo> added = photos.add(photo, bytes, u"image/jpeg"_s, size, thumbnail);
        if (!added)
            return failed(photos.errorString());
        photoIds << added->id;
        photosAfterParagraph.insert(object.value(u"after_paragraph"_s).toInt(), photo.virin);
    }

    QStringList blocks;
    const QJsonArray paragraphs = json.value(u"paragraphs"_s).toArray();
    for (int i = 0; i < paragraphs.size(); ++i) {
        blocks << paragraphs.at(i).toString();
        const QList<QString> virins = photosAfterParagraph.values(i + 1);
        // QMultiMap returns the most recently inserted first.
        for (auto it = virins.crbegin(); it != virins.crend(); ++it)
            blocks << u"![](photo:%1)"_s.arg(*it);
    }

    Story story;
    story.headline = json.value(u"headline"_s).toString();
    story.byline = json.value(u"byline"_s).toString();
    story.body = blocks.join(u"\n\n"_s) + u'\n';
    StoryRepository stories(library);
    std::optional<Story> created = stories.create(story, Revision::Kind::Import);
    if (!created)
        return failed(stories.errorString());
    for (qint64 id : std::as_const(photoIds)) {
        if (!photos.attach(created->id, id))
            return failed(photos.errorString());
    }
    return created;
}

} // namespace SampleStory
