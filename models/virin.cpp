// SPDX-License-Identifier: MIT
#include "virin.h"

#include "captionchecker.h"
#include "library.h"
#include "photo.h"
#include "photorepository.h"
#include "sqlquery.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QSqlRecord>

#include <algorithm>
#include <map>

using namespace Qt::StringLiterals;

static QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("Virin", text, disambiguation, n);
}

QString virinStatusKey(VirinStatus status)
{
    switch (status) {
    case VirinStatus::Valid:
        return u"valid"_s;
    case VirinStatus::Warning:
        return u"warning"_s;
    case VirinStatus::Invalid:
        return u"invalid"_s;
    }
    return {};
}

namespace {

struct ServiceCode
{
    char16_t letter;
    const char *name;
};

// DOMAIN.md's list: the service or status of the photographer, not the subject.
constexpr ServiceCode serviceCodes[] = {
    {u'A', QT_TRANSLATE_NOOP("Virin", "Army")},
    {u'C', QT_TRANSLATE_NOOP("Virin", "Coalition")},
    {u'D', QT_TRANSLATE_NOOP("Virin", "Department of Defense")},
    {u'F', QT_TRANSLATE_NOOP("Virin", "Air Force")},
    {u'G', QT_TRANSLATE_NOOP("Virin", "Coast Guard")},
    {u'H', QT_TRANSLATE_NOOP("Virin", "Homeland Security")},
    {u'J', QT_TRANSLATE_NOOP("Virin", "Joint")},
    {u'L', QT_TRANSLATE_NOOP("Virin", "Multinational")},
    {u'M', QT_TRANSLATE_NOOP("Virin", "Marine Corps")},
    {u'N', QT_TRANSLATE_NOOP("Virin", "Navy")},
    {u'O', QT_TRANSLATE_NOOP("Virin", "Other")},
    {u'S', QT_TRANSLATE_NOOP("Virin", "Department of State")},
    {u'X', QT_TRANSLATE_NOOP("Virin", "Space Force")},
    {u'Z', QT_TRANSLATE_NOOP("Virin", "National Guard")},
};

// "A Army, C Coalition, …" for the message about an unknown letter.
QString serviceList()
{
    QStringList entries;
    for (const ServiceCode &code : serviceCodes)
        entries << QChar(code.letter) % u' ' % tr(code.name);
    return entries.join(u", "_s);
}

// Services whose photographers may be foreign and so carry a country suffix.
bool mayBeForeign(QChar service)
{
    return service == u'O' || service == u'C' || service == u'L';
}

bool allDigits(QStringView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
}

bool allCapitals(QStringView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) { return c >= u'A' && c <= u'Z'; });
}

// "250306" → 2025-03-06. Two-digit years pivot at 70: VIRINs began in the
// 1990s, and 1970-2069 covers every photo the office will handle.
int fullYear(int twoDigitYear)
{
    return twoDigitYear >= 70 ? 1900 + twoDigitYear : 2000 + twoDigitYear;
}

QString monthName(int month)
{
    return QLocale::c().monthName(month, QLocale::LongFormat);
}

// Builds a Virin and its verdict as the fields are checked.
class VirinParser
{
    Q_DECLARE_TR_FUNCTIONS(Virin) // the context of the file's other texts
public:
    explicit VirinParser(const QString &text)
    {
        m_virin.text = text;
    }

    Virin parse();

private:
    enum class Field { Date, Service, VisionId, Sequence, Country };

    void fail(const QString &text) { m_virin.messages.append({VirinStatus::Invalid, text}); }
    void warn(const QString &text) { m_virin.messages.append({VirinStatus::Warning, text}); }

    void checkCharacters(const QString &text);
    QList<std::optional<QString>> assignFields(const QStringList &parts);
    void checkDate(const QString &part);
    void checkService(const QString &part);
    void checkVisionId(const QString &part);
    void checkSequence(const QString &part);
    void checkCountry(const QString &part);

    Virin m_virin;
};

void VirinParser::checkCharacters(const QString &text)
{
    bool lowerCase = false, underscore = false, space = false, dash = false;
    QString other;
    for (QChar c : text) {
        if (c.isLower())
            lowerCase = true;
        else if (c == u'_')
            underscore = true;
        else if (c.isSpace())
            space = true;
        else if (c.category() == QChar::Punctuation_Dash && c != u'-')
            dash = true;
        else if (!(c >= u'A' && c <= u'Z') && !(c >= u'0' && c <= u'9') && c != u'-' && !other.contains(c))
            other += c;
    }
    if (lowerCase)
        fail(tr("A VIRIN is written in capitals: %1.").arg(text.toUpper()));
    if (underscore)
        fail(tr("The fields are separated by hyphens, not underscores."));
    if (dash)
        fail(tr("The fields are separated by plain hyphens (-), not dashes (– or —)."));
    if (space)
        fail(tr("A VIRIN has no spaces."));
    if (!other.isEmpty())
        fail(tr("A VIRIN has only capital letters, digits and hyphens, not \"%1\".").arg(other));
}

// Which part is which field. With four or five parts the order decides. With
// fewer, parts are matched by their shape so that the message can name the
// field that is missing ("250306-PM193-1268": the service letter).
QList<std::optional<QString>> VirinParser::assignFields(const QStringList &parts)
{
    QList<std::optional<QString>> fields(5);
    if (parts.size() >= 4) {
        for (int i = 0; i < 4; ++i)
            fields[i] = parts.at(i);
        if (parts.size() == 5)
            fields[4] = parts.at(4);
        return fields;
    }
    auto looksLike = [](Field field, const QString &part) {
        static const QRegularExpression visionShape(u"^(?=.*[A-Z])(?=.*[0-9])[A-Z0-9]{4,6}$"_s);
        static const QRegularExpression sequenceShape(u"^[0-9]{2,6}[A-Z]?$"_s);
        switch (field) {
        case Field::Date:
            return allDigits(part) && part.size() >= 5 && part.size() <= 8;
        case Field::Service:
            return part.size() == 1 && allCapitals(part);
        case Field::VisionId:
            return visionShape.match(part).hasMatch();
        case Field::Sequence:
            return sequenceShape.match(part).hasMatch();
        case Field::Country:
            return false;
        }
        return false;
    };
    qsizetype next = 0;
    for (Field field : {Field::Date, Field::Service, Field::VisionId, Field::Sequence}) {
        if (next < parts.size() && looksLike(field, parts.at(next)))
            fields[int(field)] = parts.at(next++);
    }
    // Whatever matched no shape is still shown to the user as a bad field, in
    // the first free slot.
    for (; next < parts.size(); ++next) {
        for (auto &field : fields) {
            if (!field) {
                field = parts.at(next);
                break;
            }
        }
    }
    return fields;
}

void VirinParser::checkDate(const QString &part)
{
    m_virin.dateText = part;
    if (!allDigits(part) || part.size() != 6) {
        fail(tr("The date is six digits, YYMMDD (the day the image was shot), not \"%1\".").arg(part));
        return;
    }
    const int year = fullYear(part.left(2).toInt());
    const int month = part.mid(2, 2).toInt();
    const int day = part.mid(4, 2).toInt();
    if (month < 1 || month > 12) {
        fail(tr("The date %1 has month %2; months run from 01 to 12.").arg(part, part.mid(2, 2)));
        return;
    }
    const QDate date(year, month, day);
    if (!date.isValid()) {
        fail(tr("The date %1 would be %2 %3, %4, which is not a calendar date.")
                 .arg(part, monthName(month), QString::number(day), QString::number(year)));
        return;
    }
    m_virin.date = date;
}

void VirinParser::checkService(const QString &part)
{
    if (part.size() != 1) {
        fail(tr("The service is one letter, not \"%1\".").arg(part));
        return;
    }
    m_virin.service = part.at(0);
    m_virin.serviceName = Virin::serviceNameOf(m_virin.service);
    if (m_virin.serviceName.isEmpty())
        fail(tr("\"%1\" is not a service letter. The letters are: %2.").arg(part, serviceList()));
}

void VirinParser::checkVisionId(const QString &part)
{
    m_virin.visionId = part;
    static const QRegularExpression person(u"^[A-Z]{2}[0-9]{3}$"_s);
    static const QRegularExpression unit(u"^[A-Z][0-9]{4}$"_s);
    static const QRegularExpression legacy(u"^[0-9]{4}[A-Z]$"_s);
    if (part == Virin::placeholderVisionId()) {
        warn(tr("ZZ999 is the placeholder VISION ID for a photographer without one; use the real VISION ID when "
                "there is one."));
    } else if (person.match(part).hasMatch() || unit.match(part).hasMatch()) {
        return;
    } else if (legacy.match(part).hasMatch()) {
        warn(tr("%1 is a legacy VISION ID (4 digits and a letter), dropped because it held personal data; "
                "today's are 2 letters and 3 digits.")
                 .arg(part));
    } else if (part.size() != 5) {
        fail(tr("The VISION ID has 5 characters (2 letters and 3 digits, like PM193), not %n (\"%1\").",
                nullptr, int(part.size()))
                 .arg(part));
    } else {
        fail(tr("The VISION ID is 2 letters and 3 digits (PM193), or a unit's 1 letter and 4 digits (G0007), "
                "not \"%1\".")
                 .arg(part));
    }
}

void VirinParser::checkSequence(const QString &part)
{
    static const QRegularExpression shape(u"^([0-9]+)([A-Z]*)$"_s);
    const QRegularExpressionMatch match = shape.match(part);
    if (!match.hasMatch()) {
        m_virin.sequence = part;
        fail(tr("The sequence is 4 digits (scene, then order acquired: 1001), not \"%1\".").arg(part));
        return;
    }
    const QString digits = match.captured(1);
    const QString letters = match.captured(2);
    m_virin.sequence = digits;
    m_virin.suffix = letters;
    if (letters.size() > 1) {
        fail(tr("The sequence ends in \"%1\"; at most one capital letter may follow it.").arg(letters));
        return;
    }
    if (digits.size() == 4) {
        if (digits.at(0) == u'0')
            warn(tr("The sequence %1 starts with 0, but the scene number runs from 1 to 9; published VIRINs do "
                    "this.")
                     .arg(digits));
        if (digits.mid(1) == u"000"_s)
            warn(tr("The sequence %1 has order 000; the order acquired runs from 001 to 999.").arg(digits));
    } else if (digits.size() == 3) {
        warn(tr("The sequence %1 has 3 digits, the rule before 2011; today it is 4 (scene and order acquired).")
                 .arg(digits));
    } else {
        fail(tr("The sequence has 4 digits (scene, then order acquired: 1001), not %n.", nullptr, int(digits.size())));
        return;
    }
    if (!letters.isEmpty())
        warn(tr("The letter %1 after the sequence is seen on defense.gov, but no guidance defines it.").arg(letters));
}

void VirinParser::checkCountry(const QString &part)
{
    m_virin.country = part;
    if (part.size() == 3 && allCapitals(part)) {
        fail(tr("The country is a 2-letter ISO 3166-1 code (GB for the United Kingdom), not 3 letters (\"%1\").")
                 .arg(part));
        return;
    }
    if (part.size() != 2 || !allCapitals(part)) {
        fail(tr("The country is a 2-letter ISO 3166-1 code (GB, DE), not \"%1\".").arg(part));
        return;
    }
    if (part == u"UK"_s)
        warn(tr("UK is not an ISO 3166-1 code; the United Kingdom is GB."));
    else if (QLocale::codeToTerritory(part) == QLocale::AnyTerritory)
        warn(tr("%1 is not an ISO 3166-1 country code.").arg(part));
    if (!m_virin.serviceName.isEmpty() && !mayBeForeign(m_virin.service))
        warn(tr("A country marks a foreign photographer, but %1 is the service letter of the %2.")
                 .arg(m_virin.service, m_virin.serviceName));
}

Virin VirinParser::parse()
{
    const QString &text = m_virin.text;
    if (text.trimmed().isEmpty()) {
        fail(tr("There is no VIRIN."));
        return m_virin;
    }
    checkCharacters(text);

    // Read the fields of the cleaned-up text, so that "250306_d_pm193_1268"
    // still shows its fields next to the verdict.
    QString cleaned = text.trimmed().toUpper();
    for (QChar &c : cleaned) {
        if (c == u'_' || c.category() == QChar::Punctuation_Dash)
            c = u'-';
    }
    const QStringList parts = cleaned.split(u'-');
    if (parts.size() > 5) {
        fail(tr("A VIRIN has 4 fields and an optional country (YYMMDD-S-VVVVV-NNNN-CC); this one has %1.")
                 .arg(parts.size()));
    }
    const QList<std::optional<QString>> fields = assignFields(parts);
    static const char *const fieldNames[] = {
        QT_TRANSLATE_NOOP("Virin", "date"),
        QT_TRANSLATE_NOOP("Virin", "service letter"),
        QT_TRANSLATE_NOOP("Virin", "VISION ID"),
        QT_TRANSLATE_NOOP("Virin", "sequence number"),
    };
    for (int i = 0; i < 4; ++i) {
        if (!fields.at(i) || fields.at(i)->isEmpty())
            fail(tr("The %1 is missing (YYMMDD-S-VVVVV-NNNN).").arg(tr(fieldNames[i])));
    }
    auto present = [&](Field field) { return fields.at(int(field)) && !fields.at(int(field))->isEmpty(); };
    if (present(Field::Date))
        checkDate(*fields.at(int(Field::Date)));
    if (present(Field::Service))
        checkService(*fields.at(int(Field::Service)));
    if (present(Field::VisionId))
        checkVisionId(*fields.at(int(Field::VisionId)));
    if (present(Field::Sequence))
        checkSequence(*fields.at(int(Field::Sequence)));
    if (fields.at(int(Field::Country))) {
        if (fields.at(int(Field::Country))->isEmpty())
            fail(tr("The VIRIN ends in a hyphen with no country after it."));
        else
            checkCountry(*fields.at(int(Field::Country)));
    }

    m_virin.status = VirinStatus::Valid;
    for (const VirinMessage &message : std::as_const(m_virin.messages))
        m_virin.status = std::max(m_virin.status, message.severity);
    return m_virin;
}

} // namespace

Virin Virin::parse(const QString &text)
{
    return VirinParser(text).parse();
}

QStringList Virin::messageTexts() const
{
    QStringList texts;
    for (const VirinMessage &message : messages)
        texts << message.text;
    return texts;
}

QString Virin::normalized() const
{
    QString result = dateText % u'-' % QString(service) % u'-' % visionId % u'-' % sequence % suffix;
    if (!country.isEmpty())
        result += u'-' % country;
    return result;
}

QString Virin::serviceNameOf(QChar letter)
{
    for (const ServiceCode &code : serviceCodes) {
        if (letter == QChar(code.letter))
            return tr(code.name);
    }
    return {};
}

QString Virin::serviceLetters()
{
    QString letters;
    for (const ServiceCode &code : serviceCodes)
        letters += QChar(code.letter);
    return letters;
}

namespace VirinChecks {

// The context lupdate gives tr() in this namespace.
static QString tr(const char *text)
{
    return QCoreApplication::translate("VirinChecks", text);
}

static QString longDate(QDate date)
{
    return CaptionChecker::apDate(date);
}

QString againstDateShot(const Virin &virin, QDate dateShot)
{
    if (!virin.date.isValid() || !dateShot.isValid() || virin.date == dateShot)
        return {};
    return tr("The VIRIN date is %1, but the photo was shot %2.").arg(longDate(virin.date), longDate(dateShot));
}

QString againstCaption(const Virin &virin, const QString &caption)
{
    if (!virin.date.isValid())
        return {};
    // The date that says when, as the caption checker reads it; background
    // dates ("The Navy will commission the ship Sept. 26, 2020") are not
    // when the photo was shot.
    const std::optional<CaptionDate> when = CaptionChecker::findWhen(caption);
    if (!when)
        return {};
    // A date without its year ("May 24") is read in the VIRIN's year.
    const QDate said = when->year ? when->date : QDate(virin.date.year(), when->month, when->day);
    if (!said.isValid() || said == virin.date)
        return {};
    return tr("The caption gives %1, but the VIRIN date is %2.")
        .arg(caption.mid(when->offset, when->length), longDate(virin.date));
}

QString againstFileName(const Virin &virin, const QString &fileName)
{
    const QString name = QFileInfo(fileName).fileName();
    if (name.isEmpty() || virin.text.trimmed().isEmpty())
        return {};
    const QString wanted = virin.text.trimmed();
    // The VIRIN as a whole token: not followed or preceded by more of a VIRIN.
    auto isVirinCharacter = [](QChar c) { return c.isLetterOrNumber() || c == u'-'; };
    for (qsizetype at = name.indexOf(wanted); at >= 0; at = name.indexOf(wanted, at + 1)) {
        const qsizetype end = at + wanted.size();
        const bool startsClean = at == 0 || !isVirinCharacter(name.at(at - 1));
        const bool endsClean = end == name.size() || !isVirinCharacter(name.at(end));
        if (startsClean && endsClean)
            return {};
    }
    static const QRegularExpression anyVirin(u"[0-9]{6}-[A-Za-z]-[A-Za-z0-9]{5}-[0-9]{3,4}[A-Za-z]?(-[A-Za-z]{2})?"_s);
    const QRegularExpressionMatch other = anyVirin.match(name);
    if (other.hasMatch())
        return tr("The file name %1 carries VIRIN %2, but the photo's VIRIN is %3.")
            .arg(name, other.captured(0), wanted);
    return tr("The file name %1 does not carry the VIRIN %2; DoD files are named by their VIRIN (%2.jpg).")
        .arg(name, wanted);
}

QString duplicateInLibrary(const Virin &virin, PhotoRepository &photos, qint64 ownPhotoId)
{
    const QString wanted = virin.text.trimmed();
    if (wanted.isEmpty())
        return {};
    QStringList others;
    const QList<Photo> found = photos.findByVirin(wanted);
    for (const Photo &photo : found) {
        if (photo.id == ownPhotoId)
            continue;
        const QString name = !photo.title.isEmpty() ? photo.title : photo.fileName;
        others << (name.isEmpty() ? tr("photo %1").arg(photo.id) : u"\u201C"_s % name % u"\u201D"_s);
    }
    if (others.isEmpty())
        return {};
    return tr("VIRIN %1 is already used in the library by %2; every image needs its own.")
        .arg(wanted, QLocale::c().createSeparatedList(others));
}

QStringList forPhoto(const Photo &photo, PhotoRepository *photos)
{
    QStringList messages;
    const Virin virin = Virin::parse(photo.virin);
    if (photo.virin.trimmed().isEmpty())
        return messages;
    for (const QString &message : {againstDateShot(virin, photo.dateShot), againstCaption(virin, photo.caption),
                                   againstFileName(virin, photo.fileName),
                                   photos ? duplicateInLibrary(virin, *photos, photo.id) : QString()}) {
        if (!message.isEmpty())
            messages << message;
    }
    return messages;
}

} // namespace VirinChecks

std::optional<QString> suggestNextVirin(const QString &visionId, QDate date, QChar service,
                                        const QStringList &existingVirins, int scene, const QString &country)
{
    if (!date.isValid() || scene < 0 || scene > 9)
        return std::nullopt;
    const QString prefix = date.toString(u"yyMMdd"_s) % u'-' % QString(service) % u'-' % visionId % u'-';
    const QString countrySuffix = country.isEmpty() ? QString() : u'-' % country;
    if (!Virin::parse(prefix % u"1001"_s % countrySuffix).isUsable())
        return std::nullopt;

    std::map<int, int> highestOrderOfScene;
    for (const QString &text : existingVirins) {
        const Virin existing = Virin::parse(text);
        // The 3-digit sequences of before 2011 have no scene and cannot clash.
        if (existing.date != date || existing.service != service || existing.visionId != visionId
            || existing.sequence.size() != 4 || !allDigits(existing.sequence))
            continue;
        const int existingScene = existing.sequence.left(1).toInt();
        int &highest = highestOrderOfScene[existingScene];
        highest = std::max(highest, existing.sequence.mid(1).toInt());
    }
    if (scene == 0)
        scene = highestOrderOfScene.empty() ? 1 : std::max(1, highestOrderOfScene.rbegin()->first);
    for (; scene <= 9; ++scene) {
        const auto found = highestOrderOfScene.find(scene);
        const int order = found == highestOrderOfScene.end() ? 1 : found->second + 1;
        if (order <= 999)
            return prefix % QString::number(scene) % QString::number(order).rightJustified(3, u'0') % countrySuffix;
    }
    return std::nullopt;
}

QStringList virinsInLibrary(Library *library, const QString &prefix)
{
    QStringList virins;
    if (!library || !library->isOpen())
        return virins;
    // Read only. substr() rather than LIKE, so that no character of the prefix
    // needs escaping.
    SqlQuery query(library->database());
    query.prepare(u"SELECT virin FROM photos WHERE substr(virin, 1, :length) = :prefix ORDER BY virin"_s);
    query.bindValue(u":length"_s, prefix.size());
    query.bindValue(u":prefix"_s, sqlText(prefix));
    if (!query.exec())
        return virins;
    const int column = query.record().indexOf(u"virin"_s);
    while (query.next())
        virins << query.value(column).toString();
    return virins;
}
