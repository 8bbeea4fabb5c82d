// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringView>

struct Photo;
struct Story;
struct Person;
struct PublicationSettings;

// Which characters library text may hold, stated once. Text reaches HTML, C
// APIs (cmark, Exiv2, SQLite), widgets and terminals; none of them should
// have to guess what a control character means there, so the library holds
// none:
// - no C0 control but TAB, and LF in multi-line text (a body, a caption, a
//   correction note): CR and CRLF become LF there; in single-line text (a
//   headline, a VIRIN, a name) a line break becomes a space;
// - no DEL, no C1 control, no U+0000;
// - no bidirectional embedding, override or isolate (U+202A–U+202E,
//   U+2066–U+2069), which reorder what a reader sees against what is stored
//   ("Trojan Source"); the plain marks LRM, RLM and ALM stay;
// - no noncharacter (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF);
// - a lone surrogate (broken UTF-16, or UTF-8 decoded without checks)
//   becomes U+FFFD.
// The repositories apply it to everything they store; importers apply it
// first to say what they removed. Everything else is kept as given: the
// body's Markdown, typography, emoji and every script.
namespace TextSafety {

enum class Lines { Single, Multi };

// What clean() changed in a text.
struct Changes
{
    int removed = 0;      // forbidden characters dropped
    int brokenReplaced = 0; // lone surrogates made U+FFFD
    int lineBreaks = 0;   // line breaks in single-line text made spaces

    bool any() const { return removed > 0 || brokenReplaced > 0 || lineBreaks > 0; }
    Changes &operator+=(const Changes &other);
    // "1 control character removed", "2 line breaks replaced by spaces", …
    QString description() const;
};

// True for a character (a whole code point) no library text may hold,
// whatever the field: see above. Line breaks and TAB are not among them.
bool isForbidden(char32_t character);

QString clean(QStringView text, Lines lines, Changes *changes = nullptr);
bool isClean(QStringView text, Lines lines);

// One field that cleaning changed, named as the Markdown front matter names
// it ("alt", "location.city"), for a message that says where.
struct FieldChange
{
    QString field;
    Changes changes;
};
// Clean every text field in place (slug, headline, dek, byline and dateline
// single-line; body and correction note multi-line; a photo's caption
// multi-line, its other texts single-line) and say which changed.
QList<FieldChange> cleanStory(Story &story);
QList<FieldChange> cleanPhoto(Photo &photo);
// The columns of the stories and photos tables that cleanStory and
// cleanPhoto hold to the rule, each single- or multi-line as they clean it:
// what a team library's server checks on every row (PostgresDialect).
struct Column
{
    QString name;
    Lines lines;
};
QList<Column> storyColumns();
QList<Column> photoColumns();
QList<FieldChange> cleanPerson(Person &person);
QList<FieldChange> cleanPublicationSettings(PublicationSettings &settings);

// text for one line of a terminal: every character that could move the
// cursor, change the terminal's state or reorder the line (C0 including TAB
// and line breaks, DEL, C1, bidirectional controls and marks, noncharacters,
// lone surrogates) is shown as an escape such as \x1b, \n or \u202e, so a
// story's text cannot clear the screen or print a line of its own.
QString forTerminal(QStringView text);
// The characters forTerminal() escapes.
bool needsTerminalEscape(char32_t character);

// text, as typed, for a place Qt shows as rich text when it looks like
// markup (a tooltip): escaped and marked up, so "<img src=…>" shows as those
// characters and loads nothing. Line breaks stay line breaks.
QString asRichText(const QString &text);

} // namespace TextSafety
