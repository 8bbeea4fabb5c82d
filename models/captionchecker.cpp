// SPDX-License-Identifier: MIT
#include "captionchecker.h"

#include "photo.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>

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

bool isRomanNumeral(QStringView word)
{
    return std::all_of(word.begin(), word.end(), [](QChar c) { return c == u'I' || c == u'V' || c == u'X'; });
}

void checkDates(const Photo &photo, const QString &caption, QList<CaptionFinding> &findings)
{
    const QList<CaptionDate> dates = findDates(caption);
    if (dates.isEmpty()) {
        findings << captionFinding("date-missing", Error,
                                   tr("The caption has no date; say when, AP style: \"March 6, 2025\"."));
        return;
    }
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
        if (!date.year)
            findings << captionFinding("date-no-year", Warning,
                                       tr("The date \"%1\" has no year; DoD captions give it.").arg(written),
                                       date.offset, date.length);
        const QRegularExpressionMatch on = onBefore.matchView(QStringView(caption).left(date.offset));
        if (on.hasMatch())
            findings << captionFinding("date-on", Error, tr("Drop the \"on\" before the date."),
                                       on.capturedStart(), 2);
    }
    // The first date is the "when" of the first sentence; later ones may be
    // background ("… which began Feb. 24, 2022").
    const CaptionDate &when = dates.constFirst();
    if (when.date.isValid() && photo.dateShot.isValid() && when.date != photo.dateShot)
        findings << captionFinding("date-mismatch", Error,
                                   tr("The caption says %1, but the photo was shot %2.")
                                       .arg(caption.mid(when.offset, when.length), apDate(photo.dateShot)),
                                   when.offset, when.length);

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
    // "at the Pentagon", "aboard USS Gerald R. Ford", "in Kyiv": a place
    // preposition before a capitalised name that is not a month or weekday.
    static const QRegularExpression placed(
        u"\\b(at|in|aboard|near|outside|inside|over|off|across)\\s+(the\\s+)?(?<name>[A-Z][\\w.'\u2019-]*)"_s);
    static const QRegularExpression notAPlace(u"^("_s % monthPattern % u"|(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)$"_s);
    for (auto it = placed.globalMatch(sentences); it.hasNext();) {
        if (!notAPlace.match(it.next().captured(u"name")).hasMatch())
            return;
    }
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
    QStringList seen;
    for (auto it = acronymPattern().globalMatch(caption); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const QString acronym = match.captured(u"acronym");
        const auto capitals = std::count_if(acronym.begin(), acronym.end(), [](QChar c) { return c.isUpper(); });
        if (capitals < 2 || isRomanNumeral(acronym) || seen.contains(acronym))
            continue;
        seen << acronym;
        if (knownAcronyms().contains(acronym))
            continue;
        // Explained on first use: "Ukraine Defense Contact Group (UDCG)", or a
        // hull number "(CVN 78)" after the ship's name.
        const qsizetype start = match.capturedStart(u"acronym");
        const bool inParentheses = start > 0 && caption.at(start - 1) == u'('
            && !caption.left(start - 1).trimmed().isEmpty();
        if (inParentheses)
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
    if (alt.trimmed().isEmpty()) {
        findings << altFinding("alt-missing", Error,
                               tr("There is no alt text: describe in a sentence what the image shows, for readers "
                                  "who cannot see it."));
        return;
    }
    const QString altComparable = comparable(alt);
    const QString captionComparable = comparable(withoutCreditLine(photo.caption));
    // Short alt text ("A ship.") may well appear in a caption by chance.
    constexpr qsizetype shortestCopy = 20;
    if (!captionComparable.isEmpty()
        && (altComparable == captionComparable
            || (altComparable.size() >= shortestCopy && captionComparable.contains(altComparable)))) {
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

QString withoutCreditLine(const QString &caption)
{
    const std::optional<CaptionCreditLine> credit = findCreditLine(caption);
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
            u"credit-disclosure"_s, u"acronym-unexplained"_s, u"alt-missing"_s,       u"alt-same-as-caption"_s,
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
        const std::optional<CaptionCreditLine> credit = findCreditLine(caption);
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
