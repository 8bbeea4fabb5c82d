// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QSize>
#include <QString>

#include <functional>
#include <optional>

class Library;
#include "story.h"

// The demo story a new library starts with: a real DoD news article of
// March 6, 2025, with its three photos (resources/samples/hegseth-healey).
namespace SampleStory {

// Makes a thumbnail of encoded image bytes and reports the image's size.
// The data layer has no image codecs, so the caller provides this.
using Thumbnailer = std::function<QByteArray(const QByteArray &image, QSize *pixelSize)>;
// The keywords embedded in encoded image bytes (IPTC 2:25 / dc:subject);
// story.json has none, the sample files do. The data layer reads no image
// metadata, so the caller provides this too.
using KeywordReader = std::function<QStringList(const QByteArray &image)>;

// Default location of the sample inside the application's resources.
QString resourceDirectory();

// Reads directory/story.json and the photos beside it into library: one story
// whose body is Markdown with each photo placed after its paragraph as
// ![](photo:VIRIN). Returns the story, or nothing with errorString set.
std::optional<Story> import(Library *library, const QString &directory, const Thumbnailer &thumbnailer,
                            QString *errorString, const KeywordReader &keywordReader = {});

} // namespace SampleStory
