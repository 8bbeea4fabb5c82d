// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

// The desk's house style for a story's top matter, as hints the editor shows
// beside each field (never a refusal to save). The rules, AP-flavoured:
// - Headline: at most HeadlineMaxLength characters (search results cut longer
//   ones), no full stop at the end, not in capitals, no double spaces.
// - Dek: one sentence ending in . ? or !, at most DekMaxLength characters.
// - Byline: "By First Last" (starts with "By "), not in capitals.
// - Dateline: the city in capitals and an em dash, as "WASHINGTON —" or
//   "KYIV, Ukraine —"; not "--" or a hyphen for the dash.
namespace HouseStyle {

inline constexpr int HeadlineMaxLength = 90;
inline constexpr int DekMaxLength = 200;

QStringList headlineHints(const QString &headline);
QStringList dekHints(const QString &dek);
QStringList bylineHints(const QString &byline);
QStringList datelineHints(const QString &dateline);

} // namespace HouseStyle
