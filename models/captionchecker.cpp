// SPDX-License-Identifier: MIT
#include "captionchecker.h"

#include "photo.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace CaptionChecker {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CaptionChecker", text);
}

// Every way a month is written before a day, right or wrong. Longer forms
// first, so that "Sept." is not read as "Sep" and a stray ".".
const QString monthPattern = u"(?<month>Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May"
                             "|Jun(?:e|\\.)?|Jul(?:y|\\.)?|Aug(?:ust|\\.)?|Sept(?:ember|\\.)?|Sep\\.?"
                             "|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?)"_s;

int monthNumber(QStringView monthText)
{
    static const QStringList prefixes = {u"Jan"_s, u"Feb"_s, u"Mar"_s, u"Apr"_s, u"May"_s, u"Jun"_s,
                                         u"Jul"_s, u"Aug"_s, u"Sep"_s, u"Oct"_s, u"Nov"_s, u"Dec"_s};
    return int(prefixes.indexOf(monthText.left(3).toString())) + 1;
}

// A finding about the caption's text.
CaptionFinding captionFinding(const char *rule, CaptionFinding::Severity severity, const QString &message,
                              qsizetype offset = 0, qsizetype length = 0)
{
    return {QString::fromLatin1(rule), severity, message, CaptionFinding::Field::Caption, offset, length};
}

constexpr auto Error = CaptionFinding::Severity::Error;
constexpr auto Warning = CaptionFinding::Severity::Warning;

// Top-level parentheses of text, as [start, end) spans including the
// parentheses. An unclosed "(" runs to the end.
QList<std::pair<qsizetype, qsizetype>> parentheses(const QString &text)
{
    QList<std::pair<qsizetype, qsizetype>> spans;
    int depth = 0;
    qsizetype start = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == u'(') {
            if (depth++ == 0)
                start = i;
        } else if (text.at(i) == u')' && depth > 0) {
            if (--depth == 0)
                spans.append({start, i + 1});
        }
    }
    if (depth > 0)
        spans.append({start, text.size()});
    return spans;
}

const QRegularExpression &creditPattern()
{
    static const QRegularExpression pattern(
        u"^\\(\\s*(?<org>[^()]*?\\S)\\s+photo(?<illustration>\\s+illustration)?\\s+by\\s+(?<name>[^()]*\\S)\\s*\\)$"_s,
        QRegularExpression::CaseInsensitiveOption);
    return pattern;
}

// A parenthesis that is meant as a credit even when it is not in the right
// form: "(Courtesy photo)", "(U.S. Navy image by …)", "(Photo: …)".
bool looksLikeCredit(const QString &parenthesis)
{
    static const QRegularExpression words(u"\\b(photo|photograph|image|graphic|courtesy|illustration|credit|by)\\b"_s,
                                          QRegularExpression::CaseInsensitiveOption);
    return words.match(parenthesis).hasMatch();
}

// Lower case, single spaces, no closing period: how alt text and caption are
// compared.
QString comparable(const QString &text)
{
    QString result = text.simplified().toCaseFolded();
    while (result.endsWith(u'.'))
        result.chop(1);
    return result;
}

const QRegularExpression &acronymPattern()
{
    // Capitals (with digits or "&") of two characters or more, standing alone;
    // a plural "s" may follow. "U.S." is letters with periods, not matched.
    static const QRegularExpression pattern(u"(?<![\\w&.])(?<acronym>[A-Z][A-Z0-9&]*[A-Z0-9])s?(?![\\w&])"_s);
    return pattern;
}

// An equipment designation, named as the service names it and never spelled
// out: a model with a digit inside ("M2A3", "M1A2"), or capitals before a
// hyphen and a number ("KC-135", "MQ-9", "AH-64").
bool isDesignation(const QString &text, qsizetype start, const QString &acronym)
{
    static const QRegularExpression digitThenLetter(u"\\d[A-Z]"_s);
    const qsizetype end = start + acronym.size();
    return digitThenLetter.match(acronym).hasMatch()
        || (end + 1 < text.size() && text.at(end) == u'-' && text.at(end + 1).isDigit());
}

bool isRomanNumeral(QStringView word)
{
    return std::all_of(word.begin(), word.end(), [](QChar c) { return c == u'I' || c == u'V' || c == u'X'; });
}

// A VIRIN as Navy and Marine captions start with one ("180515-N-MY922-0024
// ANNAPOLIS, Md. …"), legacy and suffixed forms included (DOMAIN.md).
const QRegularExpression &virinPattern()
{
    static const QRegularExpression pattern(
        u"(?<![\\w-])\\d{6}-[A-Z]-[A-Z0-9]{5}-\\d{3,4}[A-Z]?(?:-[A-Z]{2})?(?![\\w-])"_s);
    return pattern;
}

// The dateline in capitals that opens many captions, after the VIRIN when
// there is one: "GREAT LAKES, Ill. (Aug. 8, 2018)", "BAY OF BISCAY (June 10,
// 2023)", "NAVAL STATION MAYPORT, Fla. - …". The span of the place in
// capitals, or an empty span. A place name, not an acronym.
std::pair<qsizetype, qsizetype> datelinePlace(const QString &caption)
{
    static const QRegularExpression dateline(
        u"^\\s*(?:\\d{6}-[A-Z]-[A-Z0-9]{5}-\\d{3,4}[A-Z]?(?:-[A-Z]{2})?\\s+)?"
        "(?<place>[A-Z][A-Z.'\u2019&-]*[A-Z.](?:[ \\t]+[A-Z][A-Z.'\u2019&-]*[A-Z.])*)"
        "(?:,[ \\t]+[^()\\n]{1,40}?)?\\s*(?:\\(\\s*(?:"_s % monthPattern % u"|\\d)|--|[-\u2013\u2014])"_s);
    const QRegularExpressionMatch match = dateline.match(caption);
    if (!match.hasMatch())
        return {0, 0};
    return {match.capturedStart(u"place"), match.capturedEnd(u"place")};
}

// US states and territories as AP writes them in a caption, spelled out or
// abbreviated, and the countries Qt knows by their English names: the part
// after the comma in "Fort McCoy, Wis." or "Grafenwoehr, Germany".
const QSet<QString> &regionNames()
{
    static const QSet<QString> names = [] {
        QSet<QString> set = {
            u"Alabama"_s, u"Alaska"_s, u"Arizona"_s, u"Arkansas"_s, u"California"_s, u"Colorado"_s,
            u"Connecticut"_s, u"Delaware"_s, u"Florida"_s, u"Georgia"_s, u"Hawaii"_s, u"Idaho"_s, u"Illinois"_s,
            u"Indiana"_s, u"Iowa"_s, u"Kansas"_s, u"Kentucky"_s, u"Louisiana"_s, u"Maine"_s, u"Maryland"_s,
            u"Massachusetts"_s, u"Michigan"_s, u"Minnesota"_s, u"Mississippi"_s, u"Missouri"_s, u"Montana"_s,
            u"Nebraska"_s, u"Nevada"_s, u"New Hampshire"_s, u"New Jersey"_s, u"New Mexico"_s, u"New York"_s,
            u"North Carolina"_s, u"North Dakota"_s, u"Ohio"_s, u"Oklahoma"_s, u"Oregon"_s, u"Pennsylvania"_s,
            u"Rhode Island"_s, u"South Carolina"_s, u"South Dakota"_s, u"Tennessee"_s, u"Texas"_s, u"Utah"_s,
            u"Vermont"_s, u"Virginia"_s, u"Washington"_s, u"West Virginia"_s, u"Wisconsin"_s, u"Wyoming"_s,
            u"Ala."_s, u"Ariz."_s, u"Ark."_s, u"Calif."_s, u"Colo."_s, u"Conn."_s, u"Del."_s, u"Fla."_s,
            u"Ga."_s, u"Ill."_s, u"Ind."_s, u"Kan."_s, u"Ky."_s, u"La."_s, u"Md."_s, u"Mass."_s, u"Mich."_s,
            u"Minn."_s, u"Miss."_s, u"Mo."_s, u"Mont."_s, u"Neb."_s, u"Nev."_s, u"N.H."_s, u"N.J."_s,
            u"N.M."_s, u"N.Y."_s, u"N.C."_s, u"N.D."_s, u"Okla."_s, u"Ore."_s, u"Pa."_s, u"R.I."_s, u"S.C."_s,
            u"S.D."_s, u"Tenn."_s, u"Vt."_s, u"Va."_s, u"Wash."_s, u"W.Va."_s, u"Wis."_s, u"Wyo."_s, u"D.C."_s,
            u"Guam"_s, u"Puerto Rico"_s, u"American Samoa"_s, u"U.S. Virgin Islands"_s,
            u"Northern Mariana Islands"_s, u"Republic of Korea"_s, u"Korea"_s, u"England"_s, u"Scotland"_s,
            u"Wales"_s, u"Northern Ireland"_s};
        for (int territory = int(QLocale::AnyTerritory) + 1; territory <= int(QLocale::LastTerritory); ++territory)
            set.insert(QLocale::territoryToString(QLocale::Territory(territory)));
        return set;
    }();
    return names;
}

// Words that make a capitalised name a place after "in" or "on" ("on Fort
// Hunter Liggett", "in the Bering Sea"): installations, waters, land, seas.
const QSet<QString> &placeWords()
{
    static const QSet<QString> words = {
        u"Academy"_s, u"Aquarium"_s, u"Arctic"_s, u"Antarctic"_s, u"Area"_s, u"Arena"_s, u"Armory"_s,
        u"Atlantic"_s, u"Airport"_s, u"Africa"_s, u"Asia"_s, u"Base"_s, u"Bay"_s, u"Berth"_s, u"Building"_s,
        u"Camp"_s, u"Capitol"_s, u"Cemetery"_s, u"Center"_s, u"Channel"_s, u"College"_s, u"Complex"_s,
        u"Depot"_s, u"Desert"_s, u"Dock"_s, u"Embassy"_s, u"Europe"_s, u"Facility"_s, u"Field"_s, u"Fort"_s,
        u"Garrison"_s, u"Gulf"_s, u"Hall"_s, u"Harbor"_s, u"Hospital"_s, u"Island"_s, u"Islands"_s,
        u"Lake"_s, u"Mediterranean"_s, u"Memorial"_s, u"Mountain"_s, u"Mountains"_s, u"Museum"_s,
        u"Ocean"_s, u"Pacific"_s, u"Park"_s, u"Pentagon"_s, u"Pier"_s, u"Port"_s, u"Range"_s, u"River"_s,
        u"School"_s, u"Sea"_s, u"Shipyard"_s, u"Stadium"_s, u"Station"_s, u"Strait"_s, u"University"_s,
        u"Valley"_s};
    return words;
}

// Installations named anywhere in a caption are where it happened, with or
// without a preposition: "departs … Dry Dock #5", "from Bagram Air Field to
// Forward Operating Base Fenty". (Waters and land are not: a ship is named
// "Lake Champlain".)
const QSet<QString> &installationWords()
{
    // Not "Field": "182nd Field Artillery Regiment" is a unit.
    static const QSet<QString> words = {u"Airport"_s, u"Armory"_s, u"Base"_s, u"Camp"_s, u"Dock"_s,
                                        u"Fort"_s, u"Garrison"_s, u"Pentagon"_s, u"Shipyard"_s, u"Station"_s};
    return words;
}

// Capitalised words that start an organisation, an operation or an exercise,
// not a place: "in Navy heritage", "in National Guard Reaction Force training".
const QSet<QString> &organisationStarts()
{
    static const QSet<QString> words = {u"Army"_s, u"Navy"_s, u"Air"_s, u"Marine"_s, u"Marines"_s,
                                        u"Coast"_s, u"Space"_s, u"National"_s, u"Department"_s,
                                        u"Defense"_s, u"Operation"_s, u"Exercise"_s, u"Joint"_s};
    return words;
}

// The capitalised words text starts with ("Joint Base Elmendorf-Richardson in
// …" gives "Joint", "Base", "Elmendorf-Richardson"), with "of", "the" and
// "and" inside a name; it stops after a word that ends in a period, where a
// sentence may end ("Fort McCoy, Wis. The soldiers …"), but not after "U.S.".
QStringList capitalisedRun(QStringView text)
{
    constexpr qsizetype longestName = 12; // words: bounds the work on hostile text
    // Every match checks its whole subject: look at no more than a name's length.
    text = text.left(longestName * 40);
    static const QRegularExpression word(u"\\G\\s*(?<word>[\\w.'\u2019&#-]+)"_s);
    static const QSet<QString> joiners = {u"of"_s, u"the"_s, u"and"_s, u"de"_s};
    QStringList words;
    qsizetype at = 0;
    QStringList pendingJoiners;
    for (QRegularExpressionMatch match = word.matchView(text, at); match.hasMatch();
         match = word.matchView(text, at)) {
        const QString token = match.captured(u"word");
        at = match.capturedEnd();
        if (token.at(0).isUpper() || (token.at(0) == u'#' && !words.isEmpty())
            || (token.at(0).isDigit() && !words.isEmpty() && pendingJoiners.isEmpty())) {
            words << pendingJoiners << token;
            pendingJoiners.clear();
            // "U.S." and "D.C." go on; "Wis." or "Bragg." may end a sentence.
            static const QRegularExpression initialism(u"^(?:[A-Z]\\.)+$"_s);
            if ((token.endsWith(u'.') && !initialism.match(token).hasMatch()) || words.size() >= longestName)
                break;
        } else if (joiners.contains(token) && !words.isEmpty()) {
            pendingJoiners << token;
        } else {
            break;
        }
    }
    return words;
}

bool hasPlaceWord(const QStringList &run, const QSet<QString> &wordsOfPlaces)
{
    for (const QString &token : run) {
        QString bare = token;
        while (bare.endsWith(u'.') || bare.endsWith(u','))
            bare.chop(1);
        if (bare.endsWith(u"\u2019s"_s) || bare.endsWith(u"'s"_s))
            bare.chop(2);
        for (const QString &part : bare.split(u'-')) {
            if (wordsOfPlaces.contains(part))
                return true;
        }
    }
    return false;
}

// Whether the capitalised words, all of them, are a state or a country
// ("Wis.", "Republic of Korea", "Alaska."); "Georgia Army National Guard" is not.
bool isRegion(const QStringList &run)
{
    // The words up to one that ends in a period may be the whole name:
    // "N.C. About 1,600 paratroopers …".
    for (qsizetype count = 1; count <= run.size(); ++count) {
        if (count < run.size() && !run.at(count - 1).endsWith(u'.'))
            continue;
        QString name = run.first(count).join(u' ');
        if (regionNames().contains(name))
            return true;
        while (name.endsWith(u'.'))
            name.chop(1);
        if (regionNames().contains(name))
            return true;
    }
    return false;
}

// "Fort McCoy, Wis.", "Grafenwoehr, Germany": a name, a comma and a state or
// country, unless it is where someone is from ("from Waterford, New York").
bool namesPlaceWithRegion(const QString &text)
{
    static const QRegularExpression pair(u"(?<![\\w.'\u2019-])[A-Z][\\w.'\u2019-]*,\\s+(?=[A-Z])"_s);
    static const QRegularExpression nameStart(
        u"(?<from>\\bfrom\\s+)?(?:[A-Z][\\w.'\u2019-]*\\s+(?:(?:of|the|and)\\s+)*)*$"_s);
    for (auto it = pair.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        if (!isRegion(capitalisedRun(QStringView(text).mid(match.capturedEnd()))))
            continue;
        // The name before the comma is short: look no further back.
        const QRegularExpressionMatch before =
            nameStart.matchView(QStringView(text).left(match.capturedStart()).right(200));
        if (before.hasMatch() && before.hasCaptured(u"from"))
            continue;
        return true;
    }
    return false;
}

// "at the Pentagon", "aboard USS Gerald R. Ford", "in Kyiv", "on Fort Hunter
// Liggett", "across Otter Lake": a place preposition before a capitalised name.
// After "in" and "on" the name must look like a place ("in the Department of
// the Army Best Warrior Competition", "in U.S. service" and "on Nov. 7" do not).
bool namesPlaceAfterPreposition(const QString &text)
{
    static const QRegularExpression placed(
        u"\\b(?<preposition>at|in|aboard|onboard|near|outside|inside|over|off|across|on|into|alongside)\\s+"
        "(?<the>the\\s+)?(?=[A-Z])"_s);
    static const QRegularExpression notAPlace(u"^("_s % monthPattern % u"|(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\\.?$"_s);
    for (auto it = placed.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const QStringList run = capitalisedRun(QStringView(text).mid(match.capturedEnd()));
        if (run.isEmpty() || notAPlace.match(run.constFirst()).hasMatch())
            continue;
        if (hasPlaceWord(run, placeWords()) || isRegion(run))
            return true;
        // "into the U.S. Navy", "in Navy heritage": an organisation.
        const QString &first = run.constFirst();
        QString named = first == u"U.S."_s && run.size() > 1 ? run.at(1) : first;
        if (named.endsWith(u"\u2019s"_s) || named.endsWith(u"'s"_s))
            named.chop(2); // "at the Navy’s only boot camp"
        if (organisationStarts().contains(named))
            continue;
        const QString preposition = match.captured(u"preposition");
        if (preposition != u"in"_s && preposition != u"on"_s)
            return true;
        // "swears in Robert Wilkie": the verb's particle, before a person.
        static const QRegularExpression swornIn(u"\\b(?:swear|swears|swore|sworn|swearing)\\s+$"_s);
        if (swornIn.matchView(QStringView(text).left(match.capturedStart()).right(20)).hasMatch())
            continue;
        // "in Brussels", "in Port Canaveral": a name without "the" that is
        // not an abbreviation ("U.S.").
        const bool abbreviation = first.chopped(1).contains(u'.');
        if (preposition == u"in"_s && !match.hasCaptured(u"the") && !abbreviation)
            return true;
    }
    return false;
}

// An installation named anywhere: a capitalised run with "Base", "Fort" …
bool namesInstallation(const QString &text)
{
    static const QRegularExpression capitalised(u"(?<![\\w.'\u2019&#-])(?=[A-Z])"_s);
    for (auto it = capitalised.globalMatch(text); it.hasNext();) {
        if (hasPlaceWord(capitalisedRun(QStringView(text).mid(it.next().capturedStart())), installationWords()))
            return true;
    }
    return false;
}

// Acronyms the caption spells out before using them, AP style, without the
// acronym in parentheses: "Joint Readiness Training Center … at JRTC",
// "Republic of Korea … ROK-US", "U.S. Space Force … The USSF". For each
// capitalised run, every string of initials it can give ("of", "the", "and"
// may count or not; "U.S." gives "US"), with where the run ends.
QHash<QString, qsizetype> spelledOutInitials(const QString &caption)
{
    static const QRegularExpression word(u"[\\w.'\u2019&]+"_s);
    static const QSet<QString> joiners = {u"of"_s, u"the"_s, u"and"_s, u"for"_s};
    struct Word
    {
        QString initials; // "T" for "Task", "US" for "U.S.", "O" for the joiner "of"
        bool joiner = false;
        bool breaksRun = false; // a lower-case word that is no joiner
        qsizetype end = 0;
    };
    QList<Word> words;
    // Hyphens split words: "Joint Task Force-Space Defense" is five.
    for (auto it = word.globalMatch(caption); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const QString token = match.captured(0);
        Word w;
        w.end = match.capturedEnd();
        if (token.at(0).isUpper()) {
            static const QRegularExpression periods(u"^(?:[A-Z]\\.){2,}$"_s);
            w.initials = periods.match(token).hasMatch() ? QString(token).remove(u'.') : QString(token.at(0));
        } else if (joiners.contains(token)) {
            w.joiner = true;
            w.initials = token.at(0).toUpper();
        } else {
            w.breaksRun = true;
        }
        words << w;
    }
    QHash<QString, qsizetype> initials;
    constexpr int longestRun = 10; // words in a spelled-out name
    constexpr int mostPaths = 8;   // joiner choices followed per run
    for (qsizetype start = 0; start < words.size(); ++start) {
        if (words.at(start).joiner || words.at(start).breaksRun)
            continue;
        QStringList paths = {QString()};
        int capitalisedWords = 0;
        for (qsizetype i = start; i < words.size() && i < start + longestRun && !words.at(i).breaksRun; ++i) {
            const Word &w = words.at(i);
            if (w.joiner) {
                // Either the joiner counts ("ROK", Republic of Korea) or it
                // does not ("DOT", Department of Transportation).
                const qsizetype count = paths.size();
                for (qsizetype p = 0; p < count && paths.size() < mostPaths; ++p)
                    paths << paths.at(p) + w.initials;
                continue;
            }
            ++capitalisedWords;
            for (QString &path : paths)
                path += w.initials;
            // One word is no spelled-out name: "U.S." does not explain "US".
            if (capitalisedWords >= 2) {
                for (const QString &path : std::as_const(paths)) {
                    if (!initials.contains(path))
                        initials.insert(path, w.end);
                }
            }
        }
    }
    return initials;
}

// The date that says when the photo was taken: the first one that is not
// background ("The ship had been in dry dock since June 18", "… which began
// Feb. 24, 2022").
std::optional<CaptionDate> whenAmong(const QList<CaptionDate> &dates, const QString &caption)
{
    static const QRegularExpression background(
        u"\\b(?:[Ss]ince|[Uu]ntil|[Tt]ill|[Tt]hrough|[Bb]efore|[Aa]fter|[Ff]rom|began|begun|begins|starting)"
        "\\s+(?:on\\s+)?$"_s);
    for (const CaptionDate &date : dates) {
        // The words just before the date (a match checks its whole subject).
        if (!background.matchView(QStringView(caption).left(date.offset).right(40)).hasMatch())
            return date;
    }
    return std::nullopt;
}

void checkDates(const Photo &photo, const QString &caption, QList<CaptionFinding> &findings)
{
    const QList<CaptionDate> dates = findDates(caption);
    const std::optional<CaptionDate> when = whenAmong(dates, caption);
    if (!when)
        findings << captionFinding("date-missing", Error,
                                   tr("The caption has no date; say when, AP style: \"March 6, 2025\"."));
    static const QRegularExpression onBefore(u"\\b[Oo]n\\s+$"_s);
    for (const CaptionDate &date : dates) {
        const QString written = caption.mid(date.offset, date.length);
        if (!date.isApStyle()) {
            QString wanted = date.apMonth % u' ' % QString::number(date.day);
            if (date.year)
                wanted += u", "_s % QString::number(date.year);
            findings << captionFinding("date-style", Error,
                                       tr("Write the date AP style, \"%1\", not \"%2\".").arg(wanted, written),
                                       date.offset, date.length);
        }
        // AP leaves out the current year in a background date; the "when"
        // of a DoD caption gives it.
        if (!date.year && when && date.offset == when->offset)
            findings << captionFinding("date-no-year", Warning,
                                       tr("The date \"%1\" has no year; DoD captions give it.").arg(written),
                                       date.offset, date.length);
        const qsizetype from = std::max<qsizetype>(0, date.offset - 40);
        const QRegularExpressionMatch on = onBefore.matchView(QStringView(caption).mid(from, date.offset - from));
        if (on.hasMatch())
            findings << captionFinding("date-on", Error, tr("Drop the \"on\" before the date."),
                                       from + on.capturedStart(), 2);
    }
    if (when) {
        // A date without its year ("May 24") still names a day: compare it
        // in the year the photo was shot.
        const QDate said = when->year || !photo.dateShot.isValid()
            ? when->date
            : QDate(photo.dateShot.year(), when->month, when->day);
        if (said.isValid() && photo.dateShot.isValid() && said != photo.dateShot)
            findings << captionFinding("date-mismatch", Error,
                                       tr("The caption says %1, but the photo was shot %2.")
                                           .arg(caption.mid(when->offset, when->length), apDate(photo.dateShot)),
                                       when->offset, when->length);
    }

    static const QRegularExpression weekday(u"\\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\\b"_s);
    for (auto it = weekday.globalMatch(caption); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        findings << captionFinding("day-of-week", Error,
                                   tr("Leave out the day of the week (\"%1\"); the date says when.")
                                       .arg(match.captured(0)),
                                   match.capturedStart(), match.capturedLength());
    }
}

void checkLocation(const Photo &photo, const QString &sentences, QList<CaptionFinding> &findings)
{
    static const QRegularExpression vague(u"\\b(here|at sea)\\b"_s, QRegularExpression::CaseInsensitiveOption);
    for (auto it = vague.globalMatch(sentences); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        findings << captionFinding("location-vague", Error,
                                   tr("Name the place (base, facility, ship or city) instead of \"%1\".")
                                       .arg(match.captured(0)),
                                   match.capturedStart(), match.capturedLength());
    }

    for (const QString &place : {photo.sublocation, photo.city, photo.state, photo.country}) {
        if (!place.trimmed().isEmpty() && sentences.contains(place.trimmed()))
            return;
    }
    const auto [datelineStart, datelineEnd] = datelinePlace(sentences);
    if (datelineEnd > datelineStart || namesPlaceWithRegion(sentences) || namesPlaceAfterPreposition(sentences)
        || namesInstallation(sentences))
        return;
    findings << captionFinding("location-missing", Warning,
                               tr("The caption does not seem to say where: name the base, facility or city "
                                  "(\"at the Pentagon\")."));
}

void checkCredit(const Photo &photo, const QString &caption, QList<CaptionFinding> &findings)
{
    const std::optional<CaptionCreditLine> credit = findCreditLine(caption);
    if (credit) {
        if (!credit->wellFormed) {
            findings << captionFinding("credit-form", Error,
                                       tr("Write the credit line as \"(U.S. Navy photo by Rank Full Name)\"; only "
                                          "\"photo\" and \"photo illustration\" are allowed for still images."),
                                       credit->offset, credit->text.size());
        } else if (credit->illustration && credit->disclosure.trimmed().isEmpty()) {
            findings << captionFinding("credit-disclosure", Error,
                                       tr("A photo illustration needs a second parenthesis after the credit that "
                                          "says how the image was altered."),
                                       credit->offset, credit->text.size());
        }
        return;
    }
    // "DoD photo by Jim Garamone" ending the caption, as defense.gov and the
    // Coast Guard publish it: a credit, though not in parentheses.
    if (findInlineCredit(caption))
        return;
    // A credit line somewhere else in the caption.
    const auto spans = parentheses(caption);
    for (const auto &[start, end] : spans) {
        if (creditPattern().match(caption.mid(start, end - start)).hasMatch()) {
            findings << captionFinding("credit-position", Warning,
                                       tr("The credit line belongs at the end of the caption."), start, end - start);
            return;
        }
    }
    if (photo.credit.trimmed().isEmpty())
        findings << captionFinding("credit-missing", Error,
                                   tr("There is no credit: end the caption with \"(U.S. Navy photo by Rank Full "
                                      "Name)\" or fill in the credit."),
                                   caption.size(), 0);
}

void checkAcronyms(const QString &caption, QList<CaptionFinding> &findings)
{
    // Spans that hold capitals but no acronym: the VIRIN a Navy caption starts
    // with, and the place of its dateline ("GREAT LAKES, Ill.").
    QList<std::pair<qsizetype, qsizetype>> notAcronyms;
    for (auto it = virinPattern().globalMatch(caption); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        notAcronyms.append({match.capturedStart(), match.capturedEnd()});
    }
    notAcronyms.append(datelinePlace(caption));
    auto inSpan = [&](qsizetype at) {
        return std::any_of(notAcronyms.cbegin(), notAcronyms.cend(),
                           [at](const auto &span) { return at >= span.first && at < span.second; });
    };
    // A hull number or an acronym alone in parentheses after its name:
    // "(CVN 78)", "(T-EPF 4)", "(WAGB-20)", "(MCPON)".
    static const QRegularExpression explanation(u"^[A-Z][A-Za-z0-9&-]*(?:[ -]?\\d+[A-Z]?)?$"_s);
    const auto spans = parentheses(caption);
    auto explainedInParentheses = [&](qsizetype at) {
        for (const auto &[start, end] : spans) {
            if (at > start && at < end) {
                const QString inside = caption.mid(start + 1, end - start - 2).trimmed();
                return !caption.left(start).trimmed().isEmpty() && explanation.match(inside).hasMatch();
            }
        }
        return false;
    };
    const QHash<QString, qsizetype> spelledOut = spelledOutInitials(caption);
    // "(RELEASED)" after a credit is a release marking in capitals, not an acronym.
    static const QStringList markings = {u"RELEASED"_s};

    QStringList seen;
    for (auto it = acronymPattern().globalMatch(caption); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const QString acronym = match.captured(u"acronym");
        const auto capitals = std::count_if(acronym.begin(), acronym.end(), [](QChar c) { return c.isUpper(); });
        if (capitals < 2 || isRomanNumeral(acronym) || seen.contains(acronym))
            continue;
        const qsizetype start = match.capturedStart(u"acronym");
        if (inSpan(start) || markings.contains(acronym) || isDesignation(caption, start, acronym))
            continue;
        seen << acronym;
        if (knownAcronyms().contains(acronym))
            continue;
        // Explained on first use: "Ukraine Defense Contact Group (UDCG)", a
        // hull number "(CVN 78)" after the ship's name, or the words spelled
        // out earlier ("Joint Readiness Training Center … JRTC").
        if (explainedInParentheses(start))
            continue;
        const auto spelled = spelledOut.constFind(acronym);
        if (spelled != spelledOut.cend() && *spelled <= start)
            continue;
        findings << captionFinding("acronym-unexplained", Warning,
                                   tr("Spell out %1 on first use, with the acronym after it in parentheses.")
                                       .arg(acronym),
                                   start, acronym.size());
    }
}

void checkAltText(const Photo &photo, QList<CaptionFinding> &findings)
{
    auto altFinding = [](const char *rule, CaptionFinding::Severity severity, const QString &message,
                         qsizetype offset = 0, qsizetype length = 0) {
        return CaptionFinding{QString::fromLatin1(rule), severity, message, CaptionFinding::Field::AltText, offset,
                              length};
    };
    const QString &alt = photo.altText;
    if (altTextMissing(photo)) {
        findings << altFinding("alt-missing", Error,
                               tr("There is no alt text: describe in a sentence what the image shows, for readers "
                                  "who cannot see it, or mark the photo decorative if it adds nothing they miss."));
        return;
    }
    if (photo.decorative) {
        // Published as alt="": text kept in the field would be lost unseen.
        if (!alt.trimmed().isEmpty())
            findings << altFinding("alt-decorative", Warning,
                                   tr("The photo is marked decorative, so its alt text is not published; clear it, "
                                      "or untick Decorative if readers should hear it."),
                                   0, alt.size());
        return;
    }
    const QString altComparable = comparable(alt);
    const QString captionComparable = comparable(withoutCreditLine(photo.caption));
    const QString wholeCaptionComparable = comparable(photo.caption);
    // Short alt text ("A ship.") may well appear in a caption by chance.
    constexpr qsizetype shortestCopy = 20;
    if (!captionComparable.isEmpty()
        && (altComparable == captionComparable || altComparable == wholeCaptionComparable
            || (altComparable.size() >= shortestCopy && wholeCaptionComparable.contains(altComparable)))) {
        findings << altFinding("alt-same-as-caption", Error,
                               tr("The alt text repeats the caption; say what the image shows instead (people, "
                                  "place, action), plainly."),
                               0, alt.size());
    }
    if (alt.size() > maxAltTextLength)
        findings << altFinding("alt-too-long", Error,
                               tr("The alt text has %1 characters; keep it to %2 (the rest is marked).")
                                   .arg(alt.size())
                                   .arg(maxAltTextLength),
                               maxAltTextLength, alt.size() - maxAltTextLength);
    static const QRegularExpression redundant(
        u"^\\s*((an?|the)\\s+)?(image|photo|photograph|picture|graphic)\\s+(of|showing|shows)\\b"_s,
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = redundant.match(alt);
    if (match.hasMatch())
        findings << altFinding("alt-redundant-start", Warning,
                               tr("Screen readers already say it is an image; start with what it shows."),
                               match.capturedStart(), match.capturedLength());
}

} // namespace

QString apMonth(int month)
{
    static const QStringList months = {u"Jan."_s, u"Feb."_s, u"March"_s, u"April"_s, u"May"_s,  u"June"_s,
                                       u"July"_s, u"Aug."_s, u"Sept."_s, u"Oct."_s,  u"Nov."_s, u"Dec."_s};
    return months.value(month - 1);
}

QString apDate(QDate date)
{
    if (!date.isValid())
        return {};
    return apMonth(date.month()) % u' ' % QString::number(date.day()) % u", "_s % QString::number(date.year());
}

QList<CaptionDate> findDates(const QString &text)
{
    static const QRegularExpression monthFirst(u"(?<!\\w)"_s % monthPattern
                                               % u"(?!\\w)\\s+(?<day>\\d{1,2})(?<ordinal>st|nd|rd|th)?(?!\\w)"
                                                 "(?:(?<comma>,)?\\s+(?<year>\\d{4})(?!\\w))?"_s);
    static const QRegularExpression dayFirst(u"(?<!\\w)(?<day>\\d{1,2})\\s+"_s % monthPattern
                                             % u"(?!\\w)\\s+(?<year>\\d{4})(?!\\w)"_s);
    QList<CaptionDate> dates;
    for (const QRegularExpression *pattern : {&monthFirst, &dayFirst}) {
        for (auto it = pattern->globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch match = it.next();
            CaptionDate date;
            date.day = match.captured(u"day").toInt();
            if (date.day < 1 || date.day > 31)
                continue;
            date.offset = match.capturedStart();
            date.length = match.capturedLength();
            date.monthText = match.captured(u"month");
            const int month = monthNumber(date.monthText);
            date.month = month;
            date.apMonth = apMonth(month);
            date.year = match.captured(u"year").toInt();
            date.ordinal = match.hasCaptured(u"ordinal");
            date.dayFirst = pattern == &dayFirst;
            date.missingComma = !date.dayFirst && date.year && !match.hasCaptured(u"comma");
            if (date.year)
                date.date = QDate(date.year, month, date.day);
            dates << date;
        }
    }
    std::sort(dates.begin(), dates.end(), [](const CaptionDate &a, const CaptionDate &b) { return a.offset < b.offset; });
    // "6 March 2025" is seen by both patterns ("March 2025" is not a date, but
    // a day-first date may contain a month-first match): keep the longer.
    QList<CaptionDate> distinct;
    for (const CaptionDate &date : std::as_const(dates)) {
        if (!distinct.isEmpty() && date.offset < distinct.last().offset + distinct.last().length) {
            if (date.length > distinct.last().length)
                distinct.last() = date;
            continue;
        }
        distinct << date;
    }
    return distinct;
}

std::optional<CaptionCreditLine> findCreditLine(const QString &caption)
{
    const auto spans = parentheses(caption);
    if (spans.isEmpty())
        return std::nullopt;
    auto onlyTrailing = [&](qsizetype from) {
        return std::all_of(caption.begin() + from, caption.end(), [](QChar c) { return c.isSpace() || c == u'.'; });
    };
    const auto &[lastStart, lastEnd] = spans.constLast();
    if (!onlyTrailing(lastEnd))
        return std::nullopt;

    auto read = [&](qsizetype start, qsizetype end) {
        CaptionCreditLine credit;
        credit.offset = start;
        credit.length = caption.size() - start;
        credit.text = caption.mid(start, end - start);
        const QRegularExpressionMatch match = creditPattern().match(credit.text);
        credit.wellFormed = match.hasMatch();
        credit.organization = match.captured(u"org");
        credit.photographer = match.captured(u"name");
        credit.illustration = match.hasCaptured(u"illustration");
        return credit;
    };
    // "(… photo illustration by …) (Disclosure …)": the credit is the one before last.
    if (spans.size() >= 2) {
        const auto &[start, end] = spans.at(spans.size() - 2);
        if (onlyTrailing(end) || caption.mid(end, lastStart - end).trimmed().isEmpty()) {
            CaptionCreditLine credit = read(start, end);
            if (credit.wellFormed && credit.illustration) {
                credit.disclosure = caption.mid(lastStart + 1, lastEnd - lastStart - 2).trimmed();
                return credit;
            }
        }
    }
    CaptionCreditLine credit = read(lastStart, lastEnd);
    if (!credit.wellFormed && !looksLikeCredit(credit.text))
        return std::nullopt;
    return credit;
}

std::optional<CaptionDate> findWhen(const QString &caption)
{
    return whenAmong(findDates(caption), caption);
}

std::optional<CaptionCreditLine> findInlineCredit(const QString &caption)
{
    // The last sentence: an organization in capitalised words, "photo by"
    // and a name, maybe a closing period and a release marking.
    static const QRegularExpression inlineCredit(
        u"(?:^|(?<=[.!?)\\]\"\u201D\u2019])\\s+)(?<credit>(?<org>(?:[A-Z][\\w.&'\u2019-]*\\s+){1,6}?)"
        "photo(?<illustration>\\s+illustration)?\\s+by\\s+(?<name>(?:[^()\\s]+\\s+){0,9}[^()\\s]*[^()\\s.])"
        "\\.?(?:\\s*\\((?i:released)\\)|/(?i:released))?\\.?)\\s*$"_s);
    const QRegularExpressionMatch match = inlineCredit.match(caption);
    if (!match.hasMatch())
        return std::nullopt;
    CaptionCreditLine credit;
    credit.offset = match.capturedStart(u"credit");
    credit.length = caption.size() - credit.offset;
    credit.text = match.captured(u"credit");
    credit.wellFormed = true;
    credit.parenthesized = false;
    credit.organization = match.captured(u"org").simplified();
    credit.photographer = match.captured(u"name").simplified();
    credit.illustration = match.hasCaptured(u"illustration");
    return credit;
}

QString withoutCreditLine(const QString &caption)
{
    std::optional<CaptionCreditLine> credit = findCreditLine(caption);
    if (!credit)
        credit = findInlineCredit(caption);
    return (credit ? caption.left(credit->offset) : caption).trimmed();
}

QString creditLine(const QString &organization, const QString &photographer, bool illustration)
{
    return u'(' % organization % (illustration ? u" photo illustration by "_s : u" photo by "_s) % photographer
        % u')';
}

const QStringList &knownAcronyms()
{
    static const QStringList acronyms = {u"AIDS"_s, u"ATM"_s, u"CEO"_s, u"CIA"_s,  u"COVID"_s, u"DNA"_s,
                                         u"DOD"_s,  u"FBI"_s, u"GPS"_s, u"HMS"_s,  u"ID"_s,    u"NASA"_s,
                                         u"NATO"_s, u"Q&A"_s, u"ROTC"_s, u"TV"_s, u"USNS"_s,  u"USS"_s};
    return acronyms;
}

QStringList ruleIds()
{
    return {u"caption-missing"_s,   u"date-missing"_s,      u"date-style"_s,          u"date-no-year"_s,
            u"date-mismatch"_s,     u"date-on"_s,           u"day-of-week"_s,         u"location-missing"_s,
            u"location-vague"_s,    u"credit-missing"_s,    u"credit-form"_s,         u"credit-position"_s,
            u"credit-disclosure"_s, u"acronym-unexplained"_s, u"alt-missing"_s,       u"alt-decorative"_s,      u"alt-same-as-caption"_s,
            u"alt-too-long"_s,      u"alt-redundant-start"_s};
}

QList<CaptionFinding> check(const Photo &photo)
{
    QList<CaptionFinding> findings;
    const QString &caption = photo.caption;
    if (caption.trimmed().isEmpty()) {
        findings << captionFinding("caption-missing", Error, tr("There is no caption."));
    } else {
        // The credit line is not part of what the sentences must say (offsets
        // stay those of the caption: only the end is cut).
        std::optional<CaptionCreditLine> credit = findCreditLine(caption);
        if (!credit)
            credit = findInlineCredit(caption);
        const QString sentences = credit ? caption.left(credit->offset) : caption;
        checkDates(photo, caption, findings);
        checkLocation(photo, sentences, findings);
        checkCredit(photo, caption, findings);
        checkAcronyms(caption, findings);
    }
    checkAltText(photo, findings);
    return findings;
}

} // namespace CaptionChecker
