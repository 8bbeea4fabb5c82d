// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QImage>
#include <QSize>
#include <QString>

class Library;

// Where libraries live and how a new one gets its first story.
namespace LibrarySetup {

// <XDG data home>/Newsdesk/library.newsdesk
QString defaultLibraryPath();

// Opens path; a library that is new gets the sample story. False with
// library->errorString() (or *errorString) set on failure.
bool openWithSample(Library *library, const QString &path, QString *errorString, const QString &password = {});

// Opens the library at location (Library::open). A team library whose server
// asks for a password is opened with password, or else with the one kept in
// the desktop's secret store (PasswordStore) for it, when there is one.
bool open(Library *library, const QString &location, const QString &password = {});

// Thumbnail bytes (PNG, at most 320 px wide) of an encoded image, and its size.
QByteArray makeThumbnail(const QByteArray &image, QSize *pixelSize);
// An encoded image decoded to fit box (JPEG decodes at the reduced size),
// turned as its orientation says; null when it cannot be decoded. What a
// decision is made on: a stored thumbnail is whatever the desk that added the
// photo sent, while the image is checked against its hash by the library.
QImage decodeToFit(const QByteArray &image, QSize box, QSize *pixelSize = nullptr);

} // namespace LibrarySetup
