// SPDX-License-Identifier: MIT
#pragma once

#include "photo.h"

#include <QByteArray>
#include <QSize>
#include <QString>
#include <QStringList>

// Embedded photo metadata (IPTC IIM, XMP, EXIF) in and out of a Photo, with
// Exiv2, by DOMAIN.md's mapping. Nothing here touches a file the user owns:
// reading takes bytes or a path, writing takes bytes and returns new bytes.
// Exiv2 errors, damaged files and files that are not images come back as a
// message, never as an exception or a crash.
//
// Reading, field by field (IIM first, XMP where IIM has nothing, and XMP
// where IIM was cut at its byte limit: the XMP value is longer and starts
// with the IIM one):
//   virin            2:05 Object Name, or dc:title, whichever looks like a VIRIN
//   title            photoshop:Headline / 2:105 Headline. DOMAIN.md maps
//                    Headline to the operation, but DoD files as the sample
//                    shows carry the photo's title there ("Hegseth and
//                    Healey"), and no other field holds it. When Object Name
//                    or dc:title holds a real title rather than the VIRIN,
//                    that is the title and Headline is taken as the operation.
//   operation        Iptc4xmpExt:Event (the IPTC's field for an event), else
//                    Headline as said above
//   caption          2:120 Caption-Abstract / dc:description, without the
//                    credit line that ends it
//   credit           from that credit line, as defense.gov writes it:
//                    "(DoD photo by Rank Name)" → "Rank Name, DOD"; without a
//                    credit line, photoshop:Credit / 2:110 Credit
//   photographer     2:80 By-line / dc:creator (the first)
//   unit             2:85 By-line Title / photoshop:AuthorsPosition
//   dateShot         2:55 Date Created / photoshop:DateCreated / EXIF
//                    DateTimeOriginal
//   city, sublocation, state, country, countryCode
//                    2:90 / 2:92 / 2:95 / 2:101 / 2:100 and photoshop:City,
//                    Iptc4xmpCore:Location, photoshop:State, photoshop:Country,
//                    Iptc4xmpCore:CountryCode
//   keywords         2:25 / dc:subject
//   releaseState, releaseAuthority
//                    2:40 Special Instructions / photoshop:Instructions
//   captionWriter    2:122 Writer-Editor / photoshop:CaptionWriter
//   altText          Iptc4xmpCore:AltTextAccessibility (XMP only)
//   creatorEmail, creatorPhone
//                    Iptc4xmpCore:CreatorContactInfo/CiEmailWork and CiTelWork
//                    (XMP only), the photographer's contact DINFOS asks for
//   commandShown     Iptc4xmpExt:LocationShown[1]/WorldRegion (XMP only):
//                    DVIDS names the field "Command Shown" without saying
//                    where it keeps it in IPTC or XMP, DOMAIN.md is silent and
//                    DoD's IIM table gives the categories to Service Shown and
//                    the classification; a geographic combatant command is
//                    the world region the location shown lies in, which is
//                    what IPTC's field means. Read as commandShownFromText()
//                    ("CENTCOM" → "USCENTCOM"); anything else is kept as
//                    written, with a note. The decorative choice has no IPTC
//                    property and stays in the library.
// IIM text is decoded as its 1:90 Coded Character Set says: UTF-8 for
// ESC % G, Latin-1 for any other; without 1:90, UTF-8 when the bytes are valid
// UTF-8 and Latin-1 otherwise.
//
// Writing puts the same fields back: IIM cut to the byte limits of
// IptcLimits (between UTF-8 characters) with 1:90 set to UTF-8, and full XMP.
// The caption gets its credit line back: "(DoD photo by Rank Name)" from the
// credit "Rank Name, DOD"; a credit without ", Organization" takes the VIRIN's
// service ("U.S. Air Force"). 2:110 Credit and photoshop:Credit are left as
// they are: DoD uses them for the temporary-duty unit, which Photo has no
// field for. EXIF is left as it is.
namespace PhotoMetadata {

struct ReadResult
{
    bool ok = false;
    QString errorString;  // why not, for the user
    Photo photo;          // the metadata fields; id, hash, approval untouched
    QStringList notes;    // what the reader chose or could not use
    QString mimeType;     // "image/jpeg"
    QSize pixelSize;      // when the format's header says it
    bool hasIptc = false;
    bool hasXmp = false;
    bool hasExif = false;
};

ReadResult read(const QByteArray &imageData);
// Reads path; errors name the file.
ReadResult readFile(const QString &path);

struct WriteResult
{
    bool ok = false;
    QString errorString;
    QByteArray imageData; // the copy with the metadata written
    QStringList notes;    // which IIM fields were cut, and to what
};

// A copy of imageData with photo's metadata embedded. imageData itself is
// not changed.
WriteResult write(const QByteArray &imageData, const Photo &photo);

// The caption as embedded: photo.caption plus its credit line, unless the
// caption already ends in one.
QString embeddedCaption(const Photo &photo);

} // namespace PhotoMetadata
