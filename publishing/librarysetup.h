// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QSize>
#include <QString>

class Library;

// Where libraries live and how a new one gets its first story.
namespace LibrarySetup {

// <XDG data home>/Newsdesk/library.newsdesk
QString defaultLibraryPath();

// Opens path; a library that is new gets the sample story. False with
// library->errorString() (or *errorString) set on failure.
bool openWithSample(Library *library, const QString &path, QString *errorString);

// Thumbnail bytes (PNG, at most 320 px wide) of an encoded image, and its size.
QByteArray makeThumbnail(const QByteArray &image, QSize *pixelSize);

} // namespace LibrarySetup
