// SPDX-License-Identifier: MIT
#include "photometadata.h"

#include "captionchecker.h"
#include "iptclimits.h"
#include "virin.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStringDecoder>

#include <exiv2/exiv2.hpp>

#include <mutex>

using namespace Qt::StringLiterals;

namespace PhotoMetadata {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("PhotoMetadata", text);
}

// Exiv2 reports recoverable damage ("IPTC dataset has invalid size") through
// its log handler, not through exceptions. While a read or write runs, the
// messages go to that call's notes.
thread_local QStringList *currentNotes = nullptr;

void noteExiv2Message(int level, const char *message)
{
    if (currentNotes && level >= Exiv2::LogMsg::warn && message)
        currentNotes->append(tr("Exiv2: %1").arg(QString::fromUtf8(message).trimmed()));
}

class CollectExiv2Messages
{
public:
    explicit CollectExiv2Messages(QStringList *notes)
        : m_previous(currentNotes)
    {
        currentNotes = notes;
    }
    ~CollectExiv2Messages() { currentNotes = m_previous; }
    CollectExiv2Messages(const CollectExiv2Messages &) = delete;
    CollectExiv2Messages &operator=(const CollectExiv2Messages &) = delete;

private:
    QStringList *m_previous;
};

// Adobe's XMP toolkit inside Exiv2 is not thread-safe; thumbnails and imports
// run off the GUI thread, so it gets a lock (as Exiv2's documentation asks).
void initializeExiv2()
{
    static const bool initialized = [] {
        static std::mutex xmpMutex;
        Exiv2::XmpParser::initialize(
            [](void *data, bool lock) {
                auto *mutex = static_cast<std::mutex *>(data);
                if (lock)
                    mutex->lock();
                else
                    mutex->unlock();
            },
            &xmpMutex);
        Exiv2::LogMsg::setLevel(Exiv2::LogMsg::warn);
        Exiv2::LogMsg::setHandler(&noteExiv2Message);
        return true;
    }();
    Q_UNUSED(initialized);
}

QString unsupportedImageMessage();

QString errorMessage(const Exiv2::Error &error)
{
    switch (error.code()) {
    case Exiv2::ErrorCode::kerMemoryContainsUnknownImageType:
    case Exiv2::ErrorCode::kerFileContainsUnknownImageType:
        return unsupportedImageMessage();
    case Exiv2::ErrorCode::kerNotAnImage:
    case Exiv2::ErrorCode::kerNotAJpeg:
        return tr("This is not a JPEG image, or its start is damaged.");
    case Exiv2::ErrorCode::kerFailedToReadImageData:
    case Exiv2::ErrorCode::kerInputDataReadFailed:
        return tr("The image is cut short or damaged; its metadata cannot be read.");
    default:
        return tr("The image's metadata is damaged and cannot be read (%1).").arg(QString::fromUtf8(error.what()));
    }
}

// The formats Newsdesk takes photos in. Exiv2 knows two dozen more, and its
// type detection itself throws odd errors on text ("corrupted image
// metadata"); checking the signature first gives the user the right message
// and keeps Exiv2's parsers for camera raw and video formats away from
// whatever a user drops on the panel.
bool isSupportedImage(const QByteArray &data)
{
    return data.startsWith("\xff\xd8") // JPEG
        || data.startsWith("\x89PNG\r\n\x1a\n")
        || data.startsWith(QByteArrayView("II*\0", 4)) || data.startsWith(QByteArrayView("MM\0*", 4)) // TIFF
        || (data.startsWith("RIFF") && data.mid(8, 4) == "WEBP");
}

QString unsupportedImageMessage()
{
    return tr("This is not an image Newsdesk can read (JPEG, PNG, TIFF or WebP).");
}

// Why imageData is not handed to Exiv2 at all; empty when it may be. Sets
// Exiv2 up on first use.
QString refusal(const QByteArray &imageData)
{
    if (imageData.isEmpty())
        return tr("The file is empty.");
    if (!isSupportedImage(imageData))
        return unsupportedImageMessage();
    initializeExiv2();
    return {};
}

// The image with its metadata read, from a copy of imageData. Exiv2's
// MemIo(data, size) does not copy: it keeps the caller's pointer, and writing
// a TIFF changes the bytes in place through it (the fuzzer found this), which
// would change the user's original wherever those bytes are shared. So the
// bytes go into a buffer Exiv2 owns.
Exiv2::Image::UniquePtr openImage(const QByteArray &imageData)
{
    auto io = std::make_unique<Exiv2::MemIo>();
    if (io->write(reinterpret_cast<const Exiv2::byte *>(imageData.constData()), size_t(imageData.size()))
        != size_t(imageData.size()))
        throw Exiv2::Error(Exiv2::ErrorCode::kerMallocFailed);
    io->seek(0, Exiv2::BasicIo::beg);
    Exiv2::Image::UniquePtr image = Exiv2::ImageFactory::open(std::move(io));
    if (!image)
        throw Exiv2::Error(Exiv2::ErrorCode::kerMemoryContainsUnknownImageType);
    image->readMetadata();
    return image;
}

// --- IIM -------------------------------------------------------------------

enum class IimCharset { Utf8, Latin1, Unstated };

IimCharset charsetOf(const Exiv2::IptcData &iptc)
{
    const auto it = iptc.findKey(Exiv2::IptcKey("Iptc.Envelope.CharacterSet"));
    if (it == iptc.end())
        return IimCharset::Unstated;
    // ESC % G is UTF-8; ESC % / G and ESC % / I are its "level" forms.
    const std::string escape = it->toString();
    return escape.rfind("\x1b%", 0) == 0 ? IimCharset::Utf8 : IimCharset::Latin1;
}

// Characters XML cannot carry (C0 controls but tab and line breaks, U+FFFE,
// U+FFFF) and C1 controls, which no caption means: they come from damaged
// files or text pasted from other programs, and one of them in a value makes
// the XMP toolkit drop the whole packet when it is written.
QString cleanText(QString text)
{
    text.removeIf([](QChar c) {
        const char16_t u = c.unicode();
        return (u < 0x20 && u != u'\t' && u != u'\n' && u != u'\r') || (u >= 0x7f && u <= 0x9f) || u == 0xfffe
            || u == 0xffff;
    });
    return text;
}

QString decodeIimBytes(std::string bytes, IimCharset charset)
{
    while (!bytes.empty() && bytes.back() == '\0')
        bytes.pop_back();
    const QByteArrayView view(bytes.data(), qsizetype(bytes.size()));
    if (charset == IimCharset::Latin1)
        return QString::fromLatin1(view);
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(view);
    if (charset == IimCharset::Unstated && decoder.hasError())
        return QString::fromLatin1(view);
    // A tool that cut at the byte limit inside a character leaves half of it.
    while (text.endsWith(QChar::ReplacementCharacter))
        text.chop(1);
    return text;
}

QString decodeIim(std::string bytes, IimCharset charset)
{
    return cleanText(decodeIimBytes(std::move(bytes), charset));
}

QStringList iimValues(const Exiv2::IptcData &iptc, const char *key, IimCharset charset)
{
    QStringList values;
    for (const Exiv2::Iptcdatum &datum : iptc) {
        if (datum.key() == key)
            values << decodeIim(datum.toString(), charset);
    }
    return values;
}

QString iimValue(const Exiv2::IptcData &iptc, const char *key, IimCharset charset)
{
    return iimValues(iptc, key, charset).value(0);
}

// --- XMP -------------------------------------------------------------------

const Exiv2::Xmpdatum *findXmp(const Exiv2::XmpData &xmp, const char *key)
{
    const auto it = xmp.findKey(Exiv2::XmpKey(key));
    return it == xmp.end() ? nullptr : &*it;
}

QStringList xmpValues(const Exiv2::XmpData &xmp, const char *key)
{
    QStringList values;
    const Exiv2::Xmpdatum *datum = findXmp(xmp, key);
    if (!datum)
        return values;
    if (const auto *langAlt = dynamic_cast<const Exiv2::LangAltValue *>(&datum->value())) {
        const auto preferred = langAlt->value_.find("x-default");
        if (preferred != langAlt->value_.end())
            values << cleanText(QString::fromStdString(preferred->second));
        else if (!langAlt->value_.empty())
            values << cleanText(QString::fromStdString(langAlt->value_.begin()->second));
        return values;
    }
    if (const auto *array = dynamic_cast<const Exiv2::XmpArrayValue *>(&datum->value())) {
        for (size_t i = 0; i < array->count(); ++i)
            values << cleanText(QString::fromStdString(array->toString(i)));
        return values;
    }
    values << cleanText(QString::fromStdString(datum->toString()));
    return values;
}

QString xmpValue(const Exiv2::XmpData &xmp, const char *key)
{
    return xmpValues(xmp, key).value(0);
}

// --- choosing between IIM and XMP ----------------------------------------------

struct Source
{
    const char *iimKey;
    const char *iimName;
    const char *xmpKey;
    const char *xmpName;
    QString photoField; // for the byte limit
};

class Reader
{
    Q_DECLARE_TR_FUNCTIONS(PhotoMetadata) // the context of the file's other texts
public:
    Reader(const Exiv2::IptcData &iptc, const Exiv2::XmpData &xmp, QStringList &notes)
        : m_iptc(iptc)
        , m_xmp(xmp)
        , m_charset(charsetOf(iptc))
        , m_notes(notes)
    {
    }

    // IIM first; XMP where IIM is empty or was cut (XMP longer and starting
    // with the IIM text).
    QString text(const Source &source, bool noteConflict = true)
    {
        const QString iim = source.iimKey ? iimValue(m_iptc, source.iimKey, m_charset) : QString();
        const QString xmp = source.xmpKey ? xmpValue(m_xmp, source.xmpKey) : QString();
        return choose(iim, xmp, source, noteConflict).trimmed();
    }

    QStringList list(const Source &source)
    {
        const QStringList iim = iimValues(m_iptc, source.iimKey, m_charset);
        const QStringList xmp = xmpValues(m_xmp, source.xmpKey);
        if (iim.isEmpty() || xmp.isEmpty())
            return trimmed(iim.isEmpty() ? xmp : iim);
        if (iim.size() != xmp.size()) {
            m_notes << tr("IPTC %1 and XMP %2 list different keywords; took IPTC.")
                           .arg(QLatin1StringView(source.iimName), QLatin1StringView(source.xmpName));
            return trimmed(iim);
        }
        QStringList merged;
        for (qsizetype i = 0; i < iim.size(); ++i)
            merged << choose(iim.at(i), xmp.at(i), source, true);
        return trimmed(merged);
    }

    IimCharset charset() const { return m_charset; }

private:
    static QStringList trimmed(QStringList values)
    {
        for (QString &value : values)
            value = value.trimmed();
        values.removeAll(QString());
        return values;
    }

    QString choose(const QString &iim, const QString &xmp, const Source &source, bool noteConflict)
    {
        if (iim.trimmed().isEmpty())
            return xmp;
        if (xmp.trimmed().isEmpty() || iim == xmp)
            return iim;
        if (xmp.size() > iim.size() && xmp.startsWith(iim)) {
            const int limit = IptcLimits::maxBytes(source.photoField);
            if (limit && IptcLimits::utf8Bytes(iim) > limit - 4)
                m_notes << tr("IPTC %1 was cut at its %2-byte limit (\"%3\"); took the full XMP %4.")
                               .arg(QLatin1StringView(source.iimName))
                               .arg(limit)
                               .arg(iim, QLatin1StringView(source.xmpName));
            else
                m_notes << tr("IPTC %1 is shorter than XMP %2; took XMP.")
                               .arg(QLatin1StringView(source.iimName), QLatin1StringView(source.xmpName));
            return xmp;
        }
        if (noteConflict && iim.trimmed() != xmp.trimmed())
            m_notes << tr("IPTC %1 (\"%2\") and XMP %3 (\"%4\") differ; took IPTC.")
                           .arg(QLatin1StringView(source.iimName), iim, QLatin1StringView(source.xmpName), xmp);
        return iim;
    }

    const Exiv2::IptcData &m_iptc;
    const Exiv2::XmpData &m_xmp;
    IimCharset m_charset;
    QStringList &m_notes;
};

const Source objectName{"Iptc.Application2.ObjectName", "Object Name", "Xmp.dc.title", "dc:title", u"virin"_s};
const Source headline{"Iptc.Application2.Headline", "Headline", "Xmp.photoshop.Headline", "photoshop:Headline",
                      u"title"_s};
const Source event{nullptr, nullptr, "Xmp.iptcExt.Event", "Iptc4xmpExt:Event", QString()};
const Source caption{"Iptc.Application2.Caption", "Caption-Abstract", "Xmp.dc.description", "dc:description",
                     u"caption"_s};
const Source byline{"Iptc.Application2.Byline", "By-line", "Xmp.dc.creator", "dc:creator", u"photographer"_s};
const Source bylineTitle{"Iptc.Application2.BylineTitle", "By-line Title", "Xmp.photoshop.AuthorsPosition",
                         "photoshop:AuthorsPosition", u"unit"_s};
const Source credit{"Iptc.Application2.Credit", "Credit", "Xmp.photoshop.Credit", "photoshop:Credit", QString()};
const Source city{"Iptc.Application2.City", "City", "Xmp.photoshop.City", "photoshop:City", u"city"_s};
const Source sublocation{"Iptc.Application2.SubLocation", "Sub-location", "Xmp.iptc.Location",
                         "Iptc4xmpCore:Location", u"sublocation"_s};
const Source state{"Iptc.Application2.ProvinceState", "Province-State", "Xmp.photoshop.State", "photoshop:State",
                   u"state"_s};
const Source country{"Iptc.Application2.CountryName", "Country Name", "Xmp.photoshop.Country", "photoshop:Country",
                     u"country"_s};
const Source countryCode{"Iptc.Application2.CountryCode", "Country Code", "Xmp.iptc.CountryCode",
                         "Iptc4xmpCore:CountryCode", u"countryCode"_s};
const Source instructions{"Iptc.Application2.SpecialInstructions", "Special Instructions",
                          "Xmp.photoshop.Instructions", "photoshop:Instructions", u"releaseAuthority"_s};
const Source keywords{"Iptc.Application2.Keywords", "Keywords", "Xmp.dc.subject", "dc:subject", u"keywords"_s};
const Source writerEditor{"Iptc.Application2.Writer", "Writer-Editor", "Xmp.photoshop.CaptionWriter",
                    "photoshop:CaptionWriter", u"captionWriter"_s};
const Source altText{nullptr, nullptr, "Xmp.iptc.AltTextAccessibility", "Iptc4xmpCore:AltTextAccessibility",
                     QString()};
// A field of an XMP structure: IPTC Core's Creator Contact Info, and the
// world region of the first IPTC Extension Location Shown (see the header on
// why). Inside a path the XMP toolkit names a field with its namespace's
// prefix as the file declared it ("Iptc4xmpExt:", as exiftool writes) or, in
// a structure Newsdesk makes, as Exiv2 registered it ("iptcExt:"); a path
// with a prefix the toolkit does not know, or two prefixes for one namespace
// in one structure, loses the whole packet. structFieldKey() finds the one
// to use.
struct StructField
{
    const char *container;  // the property holding the structure (or the array of them)
    const char *item;       // the structure itself
    const char *prefix;     // Exiv2's prefix for the field's namespace
    const char *field;
    Exiv2::XmpValue::XmpArrayType arrayType; // xaNone: container is the structure
};
const StructField creatorEmail{"Xmp.iptc.CreatorContactInfo", "Xmp.iptc.CreatorContactInfo", "Iptc4xmpCore", "CiEmailWork",
                               Exiv2::XmpValue::xaNone};
const StructField creatorPhone{"Xmp.iptc.CreatorContactInfo", "Xmp.iptc.CreatorContactInfo", "Iptc4xmpCore", "CiTelWork",
                               Exiv2::XmpValue::xaNone};
const StructField commandShown{"Xmp.iptcExt.LocationShown", "Xmp.iptcExt.LocationShown[1]", "iptcExt", "WorldRegion",
                               Exiv2::XmpValue::xaBag};

// Whether a prefix found in a file names the namespace Exiv2 calls exiv2Prefix.
bool XmpPrefixOfSameNamespace(const std::string &found, const char *exiv2Prefix)
{
    const std::string exiv2 = exiv2Prefix;
    return found == exiv2 || (exiv2 == "iptcExt" && found == "Iptc4xmpExt");
}

std::string structFieldKey(const Exiv2::XmpData &xmp, const StructField &field)
{
    const std::string item = std::string(field.item) + '/';
    const std::string suffix = std::string(":") + field.field;
    std::string prefix;
    for (const Exiv2::Xmpdatum &datum : xmp) {
        const std::string key = datum.key();
        if (key.rfind(item, 0) != 0)
            continue;
        const std::string name = key.substr(item.size());
        if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0
            && name.find('/') == std::string::npos)
            return key;
        // A sibling field of the same namespace shows the prefix in use.
        const size_t colon = name.find(':');
        if (prefix.empty() && colon != std::string::npos && name.find('/') == std::string::npos
            && XmpPrefixOfSameNamespace(name.substr(0, colon), field.prefix))
            prefix = name.substr(0, colon);
    }
    return item + (prefix.empty() ? std::string(field.prefix) : prefix) + suffix;
}

bool looksLikeVirin(const QString &text)
{
    static const QRegularExpression shape(u"^\\s*[0-9]{6}[-_][A-Za-z][-_]"_s);
    return shape.match(text).hasMatch();
}

// "2025-03-06", "2025-03-06T10:00:00-05:00", "2025:03:06 10:00:00".
QDate dateFrom(QString text)
{
    text = text.trimmed().left(10);
    text.replace(u':', u'-');
    return QDate::fromString(text, Qt::ISODate);
}

QDate dateShot(const Exiv2::IptcData &iptc, const Exiv2::XmpData &xmp, const Exiv2::ExifData &exif,
               QStringList &notes)
{
    QDate iim;
    const auto created = iptc.findKey(Exiv2::IptcKey("Iptc.Application2.DateCreated"));
    if (created != iptc.end())
        iim = dateFrom(QString::fromStdString(created->toString()));
    const QDate fromXmp = dateFrom(xmpValue(xmp, "Xmp.photoshop.DateCreated"));
    QDate original;
    const auto taken = exif.findKey(Exiv2::ExifKey("Exif.Photo.DateTimeOriginal"));
    if (taken != exif.end())
        original = dateFrom(QString::fromStdString(taken->toString()));
    if (iim.isValid() && fromXmp.isValid() && iim != fromXmp)
        notes << tr("IPTC Date Created (%1) and XMP photoshop:DateCreated (%2) differ; took IPTC.")
                     .arg(iim.toString(Qt::ISODate), fromXmp.toString(Qt::ISODate));
    if (iim.isValid())
        return iim;
    if (fromXmp.isValid())
        return fromXmp;
    return original;
}

// defense.gov writes the credit as "Rank Name, DOD".
QString creditFromLine(const CaptionCreditLine &line)
{
    const QString organization = line.organization.compare(u"DoD"_s, Qt::CaseInsensitive) == 0
        ? u"DOD"_s
        : line.organization;
    return line.photographer % u", "_s % organization;
}

} // namespace

ReadResult read(const QByteArray &imageData)
{
    ReadResult result;
    result.errorString = refusal(imageData);
    if (!result.errorString.isEmpty())
        return result;
    CollectExiv2Messages collect(&result.notes);
    try {
        const Exiv2::Image::UniquePtr image = openImage(imageData);
        result.mimeType = QString::fromStdString(image->mimeType());
        if (image->pixelWidth() && image->pixelHeight())
            result.pixelSize = QSize(int(image->pixelWidth()), int(image->pixelHeight()));
        const Exiv2::IptcData &iptc = image->iptcData();
        const Exiv2::XmpData &xmp = image->xmpData();
        const Exiv2::ExifData &exif = image->exifData();
        result.hasIptc = !iptc.empty();
        result.hasXmp = !xmp.empty();
        result.hasExif = !exif.empty();

        Reader reader(iptc, xmp, result.notes);
        Photo &photo = result.photo;

        // The VIRIN is in Object Name or dc:title; DoD files put it in both.
        const QString iimName = iimValue(iptc, objectName.iimKey, reader.charset()).trimmed();
        const QString xmpTitle = xmpValue(xmp, objectName.xmpKey).trimmed();
        QString otherTitle;
        const bool iimIsVirin = looksLikeVirin(iimName);
        const bool xmpIsVirin = looksLikeVirin(xmpTitle);
        if (iimIsVirin && (xmpIsVirin || xmpTitle.isEmpty())) {
            photo.virin = reader.text(objectName); // notes a disagreement, takes XMP past a cut
        } else if (iimIsVirin) {
            photo.virin = iimName;
            otherTitle = xmpTitle;
        } else if (xmpIsVirin) {
            photo.virin = xmpTitle;
            otherTitle = iimName;
        } else {
            otherTitle = reader.text(objectName);
        }
        const QString headlineText = reader.text(headline);
        photo.operation = reader.text(event);
        if (!otherTitle.isEmpty()) {
            photo.title = otherTitle;
            if (photo.operation.isEmpty())
                photo.operation = headlineText;
        } else {
            photo.title = headlineText;
        }

        const QString fullCaption = reader.text(caption);
        const std::optional<CaptionCreditLine> creditLine = CaptionChecker::findCreditLine(fullCaption);
        if (creditLine && creditLine->wellFormed) {
            photo.credit = creditFromLine(*creditLine);
            // An illustration keeps its credit and disclosure in the caption:
            // they must not be lost or turned into a plain "photo by".
            photo.caption = creditLine->illustration ? fullCaption : CaptionChecker::withoutCreditLine(fullCaption);
        } else {
            photo.caption = fullCaption;
            photo.credit = reader.text(credit);
        }
        photo.photographer = reader.text(byline);
        photo.unit = reader.text(bylineTitle);
        photo.dateShot = dateShot(iptc, xmp, exif, result.notes);
        photo.city = reader.text(city);
        photo.sublocation = reader.text(sublocation);
        photo.state = reader.text(state);
        photo.country = reader.text(country);
        // IIM's 2:100 holds ISO 3166 alpha-3 ("USA"), XMP often alpha-2 ("US"):
        // not a conflict worth a note.
        photo.countryCode = reader.text(countryCode, false);
        photo.keywords = reader.list(keywords);
        photo.captionWriter = reader.text(writerEditor);
        photo.altText = reader.text(altText);
        photo.creatorEmail = xmpValue(xmp, structFieldKey(xmp, creatorEmail).c_str()).trimmed();
        photo.creatorPhone = xmpValue(xmp, structFieldKey(xmp, creatorPhone).c_str()).trimmed();
        const QString region = xmpValue(xmp, structFieldKey(xmp, commandShown).c_str()).trimmed();
        photo.commandShown = commandShownFromText(region);
        if (photo.commandShown.isEmpty() && !region.isEmpty()) {
            // Kept as written: the form shows it, and an editor picks one.
            photo.commandShown = region;
            result.notes << tr("Location Shown's world region (\"%1\") names no combatant command.").arg(region);
        }

        const QString instructionText = reader.text(instructions);
        bool recognized = false;
        photo.releaseState = IptcLimits::releaseFromInstructions(instructionText, &photo.releaseAuthority, &recognized);
        if (!recognized && !instructionText.isEmpty())
            result.notes << tr("Special Instructions (\"%1\") name no release state; the photo is Not Reviewed.")
                                .arg(instructionText);
        if (!result.hasIptc && !result.hasXmp)
            result.notes << tr("The image carries no IPTC or XMP metadata.");
        result.ok = true;
    } catch (const Exiv2::Error &error) {
        result.errorString = errorMessage(error);
    } catch (const std::exception &error) {
        // Absurd lengths in a damaged file can end in bad_alloc or
        // out_of_range inside Exiv2.
        result.errorString = tr("The image's metadata is damaged and cannot be read (%1).")
                                 .arg(QString::fromUtf8(error.what()));
    }
    if (!result.ok)
        result.photo = Photo();
    return result;
}

ReadResult readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ReadResult result;
        result.errorString = tr("Cannot open %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return result;
    }
    ReadResult result = read(file.readAll());
    if (!result.ok)
        result.errorString = QDir::toNativeSeparators(path) % u": "_s % result.errorString;
    else
        result.photo.fileName = QFileInfo(path).fileName();
    return result;
}

// --- writing ---------------------------------------------------------------

namespace {

// The organization for a credit line: "Rank Name, DOD" → "DoD"; without one,
// the VIRIN's service.
QString creditOrganization(const Photo &photo, QString *photographer)
{
    const qsizetype comma = photo.credit.lastIndexOf(u", "_s);
    if (comma > 0) {
        *photographer = photo.credit.left(comma).trimmed();
        const QString organization = photo.credit.mid(comma + 2).trimmed();
        return organization.compare(u"DOD"_s, Qt::CaseInsensitive) == 0 ? u"DoD"_s : organization;
    }
    *photographer = photo.credit.trimmed();
    const Virin virin = Virin::parse(photo.virin);
    switch (virin.service.unicode()) {
    case u'D':
        return u"DoD"_s;
    case u'A':
    case u'F':
    case u'G':
    case u'M':
    case u'N':
    case u'X':
        return u"U.S. "_s % virin.serviceName;
    default:
        return virin.serviceName;
    }
}

void eraseIptc(Exiv2::IptcData &iptc, const char *key)
{
    for (auto it = iptc.begin(); it != iptc.end();) {
        if (it->key() == key)
            it = iptc.erase(it);
        else
            ++it;
    }
}

void eraseXmp(Exiv2::XmpData &xmp, const char *key)
{
    const std::string prefix = std::string(key) + '[';
    for (auto it = xmp.begin(); it != xmp.end();) {
        if (it->key() == key || it->key().rfind(prefix, 0) == 0)
            it = xmp.erase(it);
        else
            ++it;
    }
}

// What a write put under each key, to check the written copy against.
struct Expected
{
    QList<std::pair<const char *, QStringList>> iim;
    QList<std::pair<std::string, QStringList>> xmp;
};

class Writer
{
    Q_DECLARE_TR_FUNCTIONS(PhotoMetadata) // the context of the file's other texts
public:
    Writer(Exiv2::IptcData &iptc, Exiv2::XmpData &xmp, bool writeIptc, QStringList &notes)
        : m_iptc(iptc)
        , m_xmp(xmp)
        , m_writeIptc(writeIptc)
        , m_notes(notes)
    {
    }

    const Expected &expected() const { return m_expected; }

    void iim(const Source &source, const QString &text)
    {
        iimList(source, QStringList{text});
    }

    void iimList(const Source &source, const QStringList &values)
    {
        if (!m_writeIptc || !source.iimKey)
            return;
        eraseIptc(m_iptc, source.iimKey);
        QStringList kept;
        for (const QString &value : values) {
            const QString text = cleanText(value).trimmed();
            if (!text.isEmpty())
                kept << add(source, text);
        }
        m_expected.iim.append({source.iimKey, kept});
    }

    enum class XmpKind { Text, LangAlt, Seq, Bag };

    void xmp(const Source &source, const QString &text, XmpKind kind)
    {
        xmpList(source, QStringList{text}, kind);
    }

    void xmpList(const Source &source, const QStringList &values, XmpKind kind)
    {
        eraseXmp(m_xmp, source.xmpKey);
        QStringList texts;
        for (const QString &value : values) {
            const QString text = cleanText(value).trimmed();
            if (!text.isEmpty())
                texts << text;
        }
        if (kind == XmpKind::Text || kind == XmpKind::LangAlt)
            texts = texts.mid(0, 1);
        m_expected.xmp.append({source.xmpKey, texts});
        if (texts.isEmpty())
            return;
        const Exiv2::XmpKey key(source.xmpKey);
        switch (kind) {
        case XmpKind::Text: {
            const Exiv2::XmpTextValue value(texts.first().toStdString());
            m_xmp.add(key, &value);
            break;
        }
        case XmpKind::LangAlt: {
            Exiv2::LangAltValue value;
            value.value_["x-default"] = texts.first().toStdString();
            m_xmp.add(key, &value);
            break;
        }
        case XmpKind::Seq:
        case XmpKind::Bag: {
            Exiv2::XmpArrayValue value(kind == XmpKind::Seq ? Exiv2::xmpSeq : Exiv2::xmpBag);
            for (const QString &item : std::as_const(texts))
                value.read(item.toStdString());
            m_xmp.add(key, &value);
            break;
        }
        }
    }

    // A text field of an XMP structure, made when a value needs it; its
    // other fields stay.
    void xmpInStruct(const StructField &field, const QString &value)
    {
        const QString text = cleanText(value).trimmed();
        const std::string key = structFieldKey(m_xmp, field);
        eraseXmp(m_xmp, key.c_str());
        m_expected.xmp.append({key, text.isEmpty() ? QStringList() : QStringList{text}});
        if (text.isEmpty())
            return;
        if (m_xmp.findKey(Exiv2::XmpKey(field.container)) == m_xmp.end()) {
            Exiv2::XmpTextValue container;
            if (field.arrayType == Exiv2::XmpValue::xaNone)
                container.setXmpStruct();
            else
                container.setXmpArrayType(field.arrayType);
            m_xmp.add(Exiv2::XmpKey(field.container), &container);
        }
        const Exiv2::XmpTextValue textValue(text.toStdString());
        m_xmp.add(Exiv2::XmpKey(key), &textValue);
    }

    void both(const Source &source, const QString &text, XmpKind kind)
    {
        iim(source, text);
        xmp(source, text, kind);
    }

private:
    // Adds text to IIM, cut to its limit; returns what was kept.
    QString add(const Source &source, const QString &text)
    {
        const int limit = IptcLimits::maxBytes(source.photoField);
        const QString kept = limit ? IptcLimits::fitting(text, limit) : text;
        if (kept.size() < text.size())
            m_notes << tr("IPTC %1 holds %2 bytes: cut to \"%3\" (XMP %4 has it all).")
                           .arg(QLatin1StringView(source.iimName))
                           .arg(limit)
                           .arg(kept, QLatin1StringView(source.xmpName ? source.xmpName : ""));
        Exiv2::Iptcdatum datum{Exiv2::IptcKey(source.iimKey)};
        datum.setValue(kept.toStdString());
        m_iptc.add(datum);
        return kept;
    }

    Exiv2::IptcData &m_iptc;
    Exiv2::XmpData &m_xmp;
    bool m_writeIptc;
    QStringList &m_notes;
    Expected m_expected;
};

bool canWrite(const Exiv2::Image &image, Exiv2::MetadataId metadata)
{
    const Exiv2::AccessMode mode = image.checkMode(metadata);
    return mode == Exiv2::amWrite || mode == Exiv2::amReadWrite;
}

// Writes photo's metadata into a copy of imageData. With keepOthers the
// image's other IPTC and XMP stay; without, only Newsdesk's fields are
// written (EXIF stays either way). Throws Exiv2::Error.
QByteArray writeMetadata(const QByteArray &imageData, const Photo &photo, bool keepOthers, QStringList &notes,
                         Expected &expected, QString &mimeType)
{
    using Kind = Writer::XmpKind;
    const Exiv2::Image::UniquePtr image = openImage(imageData);
    mimeType = QString::fromStdString(image->mimeType());
    const bool writeIptc = canWrite(*image, Exiv2::mdIptc);
    if (!canWrite(*image, Exiv2::mdXmp))
        throw Exiv2::Error(Exiv2::ErrorCode::kerInvalidSettingForImage, "XMP", image->mimeType());
    if (!writeIptc)
        notes << tr("%1 images carry no IPTC IIM; the metadata went into XMP only.").arg(mimeType);
    Exiv2::IptcData iptc = keepOthers ? image->iptcData() : Exiv2::IptcData();
    Exiv2::XmpData xmp = keepOthers ? image->xmpData() : Exiv2::XmpData();
    Writer writer(iptc, xmp, writeIptc, notes);

    if (writeIptc) {
        // Everything below is UTF-8; say so, or readers guess Latin-1.
        eraseIptc(iptc, "Iptc.Envelope.CharacterSet");
        iptc["Iptc.Envelope.CharacterSet"] = std::string("\x1b%G");
    }
    writer.iim(objectName, photo.virin);
    writer.xmp(objectName, photo.virin, Kind::LangAlt);
    writer.both(headline, photo.title, Kind::Text);
    writer.xmp(event, photo.operation, Kind::LangAlt);
    writer.both(caption, embeddedCaption(photo), Kind::LangAlt);
    writer.iim(byline, photo.photographer);
    writer.xmp(byline, photo.photographer, Kind::Seq);
    writer.both(bylineTitle, photo.unit, Kind::Text);
    writer.both(city, photo.city, Kind::Text);
    writer.both(sublocation, photo.sublocation, Kind::Text);
    writer.both(state, photo.state, Kind::Text);
    writer.both(country, photo.country, Kind::Text);
    writer.both(countryCode, photo.countryCode, Kind::Text);
    writer.iimList(keywords, photo.keywords);
    writer.xmpList(keywords, photo.keywords, Kind::Bag);
    writer.both(instructions, IptcLimits::specialInstructions(photo.releaseState, photo.releaseAuthority),
                Kind::Text);
    writer.both(writerEditor, photo.captionWriter, Kind::Text);
    writer.xmp(altText, photo.altText, Kind::LangAlt);
    // Fields inside XMP structures: the structure is made when a value needs
    // it, and its other fields (an address, a city shown) stay.
    writer.xmpInStruct(creatorEmail, photo.creatorEmail);
    writer.xmpInStruct(creatorPhone, photo.creatorPhone);
    writer.xmpInStruct(commandShown, photo.commandShown);

    if (writeIptc) {
        eraseIptc(iptc, "Iptc.Application2.DateCreated");
        if (photo.dateShot.isValid())
            iptc["Iptc.Application2.DateCreated"] = photo.dateShot.toString(Qt::ISODate).toStdString();
    }
    eraseXmp(xmp, "Xmp.photoshop.DateCreated");
    if (photo.dateShot.isValid())
        xmp["Xmp.photoshop.DateCreated"] = photo.dateShot.toString(Qt::ISODate).toStdString();

    if (writeIptc)
        image->setIptcData(iptc);
    image->setXmpData(xmp);
    image->writeMetadata();
    expected = writer.expected();

    Exiv2::BasicIo &io = image->io();
    io.seek(0, Exiv2::BasicIo::beg);
    const Exiv2::DataBuf buffer = io.read(io.size());
    if (buffer.empty())
        return {};
    return QByteArray(reinterpret_cast<const char *>(buffer.c_data()), qsizetype(buffer.size()));
}

// Whether the written copy reads back with what was written: Exiv2 updates
// some damaged TIFFs in place at offsets it trusted from the file and can put
// the IPTC block over the TIFF header, and the XMP toolkit drops a packet it
// cannot serialise with only a warning (the fuzzer found both).
bool readsBack(const QByteArray &written, const Expected &expected, const QString &mimeType)
{
    if (written.isEmpty() || !isSupportedImage(written))
        return false;
    QStringList ignored;
    CollectExiv2Messages quiet(&ignored);
    try {
        const Exiv2::Image::UniquePtr image = openImage(written);
        if (QString::fromStdString(image->mimeType()) != mimeType)
            return false;
        const IimCharset charset = charsetOf(image->iptcData());
        for (const auto &[key, values] : expected.iim) {
            if (iimValues(image->iptcData(), key, charset) != values)
                return false;
        }
        for (const auto &[key, values] : expected.xmp) {
            if (xmpValues(image->xmpData(), key.c_str()) != values)
                return false;
        }
        return true;
    } catch (const std::exception &) {
        return false;
    }
}

} // namespace

QString embeddedCaption(const Photo &photo)
{
    const QString text = photo.caption.trimmed();
    if (photo.credit.trimmed().isEmpty() || CaptionChecker::findCreditLine(text))
        return text;
    QString photographer;
    const QString organization = creditOrganization(photo, &photographer);
    const QString line = organization.isEmpty() ? u"(Photo by "_s % photographer % u')'
                                                : CaptionChecker::creditLine(organization, photographer);
    return text.isEmpty() ? line : text % u' ' % line;
}

WriteResult write(const QByteArray &imageData, const Photo &photo)
{
    WriteResult result;
    result.errorString = refusal(imageData);
    if (!result.errorString.isEmpty())
        return result;
    CollectExiv2Messages collect(&result.notes);
    try {
        // First with the image's other IPTC and XMP kept; when that copy does
        // not read back, again with Newsdesk's fields alone.
        for (const bool keepOthers : {true, false}) {
            QStringList notes;
            Expected expected;
            QString mimeType;
            QByteArray written = writeMetadata(imageData, photo, keepOthers, notes, expected, mimeType);
            if (readsBack(written, expected, mimeType)) {
                result.notes += notes;
                if (!keepOthers)
                    result.notes << tr("The image's other IPTC and XMP metadata could not be written back and was "
                                       "left out of the copy.");
                result.imageData = std::move(written);
                result.ok = true;
                return result;
            }
        }
        result.errorString = tr("The metadata cannot be written into this image without damaging it; the file's "
                                "structure is probably broken. Save it again from an image editor.");
    } catch (const Exiv2::Error &error) {
        // Not errorMessage(): the metadata was read; what fails is rewriting
        // the file, which needs its whole structure where a read passes over
        // a JPEG cut before its image data or a broken marker chain.
        result.errorString = error.code() == Exiv2::ErrorCode::kerInvalidSettingForImage
            ? tr("Newsdesk cannot write metadata into this kind of image.")
            : tr("The metadata cannot be written into this image: its structure is damaged (%1). Save it again "
                 "from an image editor.")
                  .arg(QString::fromUtf8(error.what()));
    } catch (const std::exception &error) {
        result.errorString = tr("The image's metadata cannot be written (%1).").arg(QString::fromUtf8(error.what()));
    }
    return result;
}

} // namespace PhotoMetadata
