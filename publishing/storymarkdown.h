// SPDX-License-Identifier: MIT
#pragma once

#include "photo.h"
#include "story.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class Library;

// A story as a Markdown file with YAML front matter, for moving stories in
// and out of a library:
//
//   ---
//   newsdesk: 1
//   slug: "hegseth-uk-counterpart-discuss-working-toward-peace-in-ukraine"
//   headline: "Hegseth, U.K. Counterpart Discuss Working Toward Peace in Ukraine"
//   dek: ""
//   byline: ""
//   dateline: ""
//   status: approved
//   photos:
//     - file: "250306-D-PM193-1268K.jpg"
//       virin: "250306-D-PM193-1268K"
//       title: "Hegseth and Healey"
//       caption: "…"
//       alt: "…"
//       credit: "…"
//       photographer: "…"
//       unit: ""
//       operation: ""
//       date_shot: "2025-03-06"
//       location: {city: "…", sublocation: "…", state: "…", country: "…", country_code: "USA"}
//       keywords: ["…"]
//       release: {state: released, authority: "…"}
//       caption_writer: ""
//       approval: approved
//   ---
//   The body, Markdown, exactly as stored; photos placed with ![](photo:VIRIN).
//
// Every text is written double-quoted, so quotes, colons, newlines and any
// Unicode come back exactly: dump(import(dump(story))) == dump(story).
//
// Images: a photo's `file` names its image relative to the .md file's folder
// (a path that stays inside that folder). When that file is there, import
// stores it with the photo. When it is not (or `file` is empty), the photo is
// imported with its metadata only and import reports a warning: the story can
// be edited and checked, but not exported until the photo gets its image.
namespace StoryMarkdown {

struct Document
{
    Story story; // slug, headline, dek, byline, dateline, status, body
    QList<Photo> photos; // metadata; fileName holds the front matter's `file`
};

// The front matter format version written in `newsdesk:`.
constexpr int formatVersion = 1;

// The story as Markdown with front matter. photos in the story's order.
QString dump(const Story &story, const QList<Photo> &photos);

struct ParseResult
{
    std::optional<Document> document;
    QString error; // set when document is empty; names the line where it can
    QStringList warnings; // unknown keys and the like
};
ParseResult parse(const QString &text);

struct ImportResult
{
    std::optional<Story> story;
    QList<Photo> photos;
    QString error;
    QStringList warnings; // photos imported without their image, unknown keys
};
// Imports text (the contents of a .md file in baseDirectory) as a new story
// with its photos, placed in the order of the front matter, and writes an
// "import" line to the audit log. Status, caption approvals, release states
// and the publication date come from the file only as far as the library's
// actor could have set them here (Workflow::admitImportedStory and
// admitImportedPhoto: all of them for an editor); each one changed is a
// warning naming its field. The slug is kept when it is free in the library
// and a valid slug; otherwise the library makes one, with a warning. A key
// given twice at any level of the front matter is an error.
// A photo's file is read as the photo import reads files (ImageFile), and
// never through a symbolic link.
ImportResult importText(Library *library, const QString &text, const QString &baseDirectory);
// The second half of importText(): a document already read (from Markdown or
// another format, whose text makeSafe() has cleaned) into the library, its
// photos' files (fileName, relative to baseDirectory) read as said above.
ImportResult importDocument(Library *library, Document document, const QString &baseDirectory);
// Removes from document's texts what a library never holds (TextSafety), and
// says what, field by field, as import warnings.
QStringList makeSafe(Document &document);
ImportResult importFile(Library *library, const QString &path);

// Writes the story to path (a .md file) and each photo's original image beside
// it under the name the front matter gives it, so importFile(path) brings the
// story back whole. False with *errorString on failure.
//
// An existing path is refused unless existing is Replace, and never written
// through when it is a symbolic link. An image's file beside it is written
// only under a free name: a file there that holds anything but this image is
// kept, and the image gets another name (the front matter says which). A
// failed dump removes the images it wrote.
enum class ExistingFile { Refuse, Replace };
bool dumpToFile(Library *library, const Story &story, const QString &path, QString *errorString,
                ExistingFile existing = ExistingFile::Refuse);

// False for a photo imported with its metadata only.
bool photoHasImage(const Photo &photo);

// The file name a photo's image gets next to a dumped story: the name it was
// added under, made safe as a plain file name.
QString imageFileName(const Photo &photo);

} // namespace StoryMarkdown
