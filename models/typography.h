// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

// Typography as you type, for a Markdown story body: straight quotes to curly
// ones (“ ” ‘ ’), apostrophes included (it’s, ’90s, rock ’n’ roll), `--` to an
// em dash (—) and `...` to an ellipsis (…). Code, link destinations, image
// targets (photo:VIRIN), autolinks, HTML and bare URLs are left alone, as is a
// character escaped with a backslash.
//
// Whether a quotation mark opens or closes is read from the character before
// it: after the start of the text, a space, an opening bracket, a dash, a slash
// or another opening mark it opens; otherwise it closes. Nesting therefore
// comes out right by itself: “He said ‘no’ to me.”
//
// Each function answers with the range to replace and its replacement, so an
// editor applies a conversion as one undo step, separate from the typing.
namespace Typography {

struct Replacement {
    qsizetype offset = 0;
    qsizetype length = 0;
    QString text;
    friend bool operator==(const Replacement &, const Replacement &) = default;
};

// What to replace after the user typed the character just before cursor in
// text (the document, or at least everything from its start to the end of
// the cursor's paragraph). Nothing when the character starts no conversion.
//
// A quote typed after a space opens (‘), which is right until the word that
// follows shows it was an apostrophe: typing the digit of ’90s, or finishing
// ’em, ’til, ’tis, ’twas, ’cause, ’bout or rock ’n’ roll, turns it round.
std::optional<Replacement> afterTyping(QStringView text, qsizetype cursor);

// Every conversion in a whole text, e.g. one just pasted, in order and not
// overlapping. Offsets are the text's, before any is applied.
QList<Replacement> conversions(QStringView text);

// text with replacements applied (they must be in order and not overlap).
QString applied(QStringView text, const QList<Replacement> &replacements);

// text with all its conversions applied.
QString converted(QStringView text);

} // namespace Typography
