// SPDX-License-Identifier: MIT
#pragma once

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

struct Photo;

// A date as written in a caption, AP style or not.
struct CaptionDate
{
    qsizetype offset = 0; // where the date's words are in the caption
    qsizetype length = 0;
    QString monthText;    // as written: "Aug.", "August", "Mar."
    QString apMonth;      // what AP style wants there: "Aug.", "March"
    int month = 0;        // 1-12
    int day = 0;
    int year = 0;         // 0 when the caption gives none
    QDate date;           // null without a year or when not a calendar date
    bool ordinal = false; // "March 6th"
    bool dayFirst = false; // "6 March 2025", the military form
    bool missingComma = false; // "March 6 2025"

    bool isApStyle() const
    {
        return monthText == apMonth && !ordinal && !dayFirst && !missingComma;
    }
};

// The credit line at the end of a caption, "(U.S. Navy photo by Mass
// Communication Specialist 1st Class Reymundo A. Villegas III)", with the
// disclosure that follows a photo illustration's credit.
struct CaptionCreditLine
{
    qsizetype offset = 0; // from the credit's "(" to the end of the caption
    qsizetype length = 0;
    QString text;         // the credit parenthesis, parentheses included
    bool wellFormed = false; // "(<Org> photo by <Name>)" or "(<Org> photo illustration by <Name>)"
    QString organization; // "U.S. Navy", "DoD"
    QString photographer; // "Mass Communication Specialist 1st Class …"
    bool illustration = false;
    QString disclosure;   // the second parenthesis of an illustration, without parentheses
    bool parenthesized = true; // false for an inline credit: "… DoD photo by Jim Garamone"
};

// One thing the caption checker found, or another check of a photo's fields
// (DvidsReadiness), which needs the fields past the caption's three.
struct CaptionFinding
{
    enum class Severity { Error, Warning };
    enum class Field { Caption, AltText, Credit, Title, Virin, DateShot, Country, Keywords, Release, Image };

    QString rule; // a stable id: "date-missing", "acronym-unexplained" …
    Severity severity = Severity::Error;
    QString message;
    Field field = Field::Caption;
    qsizetype offset = 0; // the words the finding is about, in field's text;
    qsizetype length = 0; // length 0 means "the text as a whole"
};

// DoD VI style rules for photo captions that a machine can check (DOMAIN.md,
// "Captions"). Pure: it looks at the photo's caption, alt text, credit and
// date shot and says what is wrong and where. Errors break a written rule;
// warnings come from heuristics that can be wrong (an editor decides).
//
// The rules, by id:
//   caption-missing     error   no caption at all (the other caption rules
//                               are then skipped)
//   date-missing        error   no "Month D, YYYY" date in the caption, or
//                               only background dates ("since June 18")
//   date-style          error   "Mar. 6", "August 11", "Sep.", "6 March 2025",
//                               "March 6th", "March 6 2025"
//   date-no-year        warning the date that says when has no year (AP
//                               leaves it out of a background date)
//   date-mismatch       error   the caption's date (findWhen(); one without
//                               a year is read in the year shot) is not the
//                               date shot
//   date-on             error   "on March 6, 2025": AP drops the "on"
//   day-of-week         error   "Thursday" anywhere in the caption
//   location-missing    warning no place found: none of the photo's place
//                               fields, no dateline ("GREAT LAKES, Ill."),
//                               no "<Name>, <state or country>" (but "from
//                               Waterford, N.Y." is a hometown), no "at/
//                               aboard/near … <Name>", no "in/on … <Name>"
//                               that looks like a place, no installation
//                               ("… Air Force Base", "Fort …")
//   location-vague      error   "here" or "at sea" instead of a place
//   credit-missing      error   neither a credit line at the end of the
//                               caption (in parentheses or inline: "DoD
//                               photo by Jim Garamone") nor a separate
//                               credit field
//   credit-form         error   a parenthesised credit that is not
//                               "(<Org> photo by …)" or
//                               "(<Org> photo illustration by …)"
//   credit-position     warning the credit line is not at the end
//   credit-disclosure   error   a photo illustration without the second
//                               parenthesis that discloses it
//   acronym-unexplained warning an all-capitals word whose first use is not
//                               "(ACRONYM)" right after its spelled-out form,
//                               not after words whose initials it is ("Joint
//                               Readiness Training Center … JRTC"), and not
//                               in knownAcronyms(); a VIRIN and a dateline
//                               in capitals are no acronyms
//   alt-missing         error   no alt text, and the photo is not marked
//                               decorative (altTextMissing(), photo.h)
//   alt-decorative      warning a decorative photo with alt text, which is
//                               not published (its page says alt="")
//   alt-same-as-caption error   alt text equal to (or contained in) the caption
//   alt-too-long        error   alt text longer than maxAltTextLength
//   alt-redundant-start warning alt text starting "Image of", "Photo of" …
//                               (screen readers already say it is an image)
namespace CaptionChecker {

// Screen readers read alt text in one go; WebAIM and most newsroom guides
// suggest about 125-150 characters, and some tools cut at 250. The panel
// refuses more than 250 (counted in characters, not bytes: there is no IPTC
// limit to meet for alt text).
inline constexpr int maxAltTextLength = 250;

QList<CaptionFinding> check(const Photo &photo);

// Every date-like "Month D[, YYYY]" or "D Month YYYY" in text, in order.
QList<CaptionDate> findDates(const QString &text);
// The date that says when the photo was taken: the first date that is not
// background ("since June 18", "which began Feb. 24, 2022"); nullopt when
// the caption gives none.
std::optional<CaptionDate> findWhen(const QString &caption);
// The parenthesis at the end of caption that is, or tries to be, a credit
// line; nullopt when the caption does not end in one.
std::optional<CaptionCreditLine> findCreditLine(const QString &caption);
// "DoD photo by Jim Garamone" as the caption's last sentence, without
// parentheses, as defense.gov and the Coast Guard publish it (a trailing
// "(RELEASED)" included); nullopt when the caption does not end in one.
std::optional<CaptionCreditLine> findInlineCredit(const QString &caption);
// The caption without its trailing credit line (and disclosure) or its
// inline credit, trimmed.
QString withoutCreditLine(const QString &caption);
// The credit line for a photographer and organization:
// "(DoD photo by Navy Petty Officer 1st Class Alexander Kubitza)".
QString creditLine(const QString &organization, const QString &photographer, bool illustration = false);

// The AP-style form of a month with a date: "Jan.", "March", "Sept." (1-12).
QString apMonth(int month);
// The date as AP writes it in a caption: "March 6, 2025".
QString apDate(QDate date);

// Acronyms a reader knows without a spelled-out first reference: AP's list of
// those allowed on first reference (FBI, CIA, NATO, NASA, GPS, TV …), DOD as
// defense.gov writes it, ship prefixes (USS, USNS, HMS), and Q&A.
const QStringList &knownAcronyms();

// The rule ids above, in order: for tests and for the panel's legend.
QStringList ruleIds();

} // namespace CaptionChecker
