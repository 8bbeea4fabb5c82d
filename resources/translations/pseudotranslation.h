// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

// The pseudo-translation (locale en_XA) that shows, in a running Newsdesk,
// which texts escape translation and which layouts cannot grow: every letter
// of a translatable text accented, the text bracketed and made about 30 %
// longer ("Save" becomes "[Šåvé~~]"), while what the code or Qt reads in it
// stays as it was: placeholders (%1, %n, %L1), an accelerator's & and its
// letter, && , HTML tags and entities, and {slug}-style names.
namespace PseudoTranslation {

QString translate(const QString &source);

// Reads the .ts file lupdate wrote and writes it as the pseudo-translation
// for language, every message translated (plural messages in every form).
// Returns an empty string, or why it failed.
QString translateTsFile(const QString &inputPath, const QString &outputPath, const QString &language);

} // namespace PseudoTranslation
