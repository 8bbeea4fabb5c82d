// SPDX-License-Identifier: MIT
#include "dvidsreadiness.h"

#include "photo.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace DvidsReadiness {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DvidsReadiness", text);
}

CaptionFinding finding(const char *rule, CaptionFinding::Field field, const QString &message)
{
    return {QString::fromLatin1(rule), CaptionFinding::Severity::Warning, message, field, 0, 0};
}

bool isBlank(const QString &text)
{
    return text.trimmed().isEmpty();
}

// How a person calls the formats the importer takes besides JPEG.
QString formatName(const QString &mimeType)
{
    static const QHash<QString, QString> names = {
        {u"image/png"_s, u"PNG"_s}, {u"image/tiff"_s, u"TIFF"_s}, {u"image/webp"_s, u"WebP"_s},
        {u"image/gif"_s, u"GIF"_s}, {u"image/heic"_s, u"HEIC"_s}};
    return names.value(mimeType.toLower(), mimeType);
}

} // namespace

QList<CaptionFinding> check(const Photo &photo)
{
    using Field = CaptionFinding::Field;
    QList<CaptionFinding> findings;
    if (isBlank(photo.title))
        findings << finding("dvids-title", Field::Title, tr("DVIDS needs a title: fill in Title."));
    if (isBlank(photo.caption))
        findings << finding("dvids-description", Field::Caption,
                            tr("DVIDS needs a description: write the caption."));
    // IPTC Special Instructions: "Not Reviewed" is no instruction at all, and
    // "Released" says nothing without who released it. "Not Released" is an
    // instruction, and a photo under it is not for DVIDS anyway: that is the
    // release authority's call, not a field DVIDS finds missing.
    if (photo.releaseState == ReleaseState::NotReviewed)
        findings << finding("dvids-release", Field::Release,
                            tr("DVIDS needs release instructions: have the photo reviewed for release and set "
                               "Release."));
    else if (photo.releaseState == ReleaseState::Released && isBlank(photo.releaseAuthority))
        findings << finding("dvids-release", Field::Release,
                            tr("DVIDS needs release instructions: name the release authority (name, rank, unit, "
                               "phone, email)."));
    if (!photo.dateShot.isValid())
        findings << finding("dvids-date", Field::DateShot, tr("DVIDS needs the date created: set Date shot."));
    if (isBlank(photo.virin))
        findings << finding("dvids-virin", Field::Virin, tr("DVIDS needs a VIRIN: fill in VIRIN."));
    if (isBlank(photo.country) && isBlank(photo.countryCode))
        findings << finding("dvids-country", Field::Country, tr("DVIDS needs a country: fill in Country or its code."));
    if (std::all_of(photo.keywords.cbegin(), photo.keywords.cend(), isBlank))
        findings << finding("dvids-keywords", Field::Keywords,
                            tr("DVIDS needs keywords: add at least one (at most six) to Keywords."));
    if (!photo.imageMimeType.isEmpty() && photo.imageMimeType.compare(u"image/jpeg"_s, Qt::CaseInsensitive) != 0)
        findings << finding("dvids-jpeg", Field::Image,
                            tr("DVIDS accepts JPEG photos only, and this image is %1: save it as a JPEG for DVIDS.")
                                .arg(formatName(photo.imageMimeType)));
    return findings;
}

QList<CaptionFinding> check(const Photo &photo, const QList<CaptionFinding> &captionFindings)
{
    // A DVIDS rule and the caption checker's rule for the same problem.
    static const QHash<QString, QString> saidByCaptionChecker = {{u"dvids-description"_s, u"caption-missing"_s}};
    QList<CaptionFinding> findings = check(photo);
    findings.removeIf([&](const CaptionFinding &dvids) {
        const QString same = saidByCaptionChecker.value(dvids.rule);
        return !same.isEmpty()
            && std::any_of(captionFindings.cbegin(), captionFindings.cend(),
                           [&](const CaptionFinding &caption) { return caption.rule == same; });
    });
    return findings;
}

QStringList ruleIds()
{
    return {u"dvids-title"_s, u"dvids-description"_s, u"dvids-release"_s,  u"dvids-date"_s,
            u"dvids-virin"_s, u"dvids-country"_s,     u"dvids-keywords"_s, u"dvids-jpeg"_s};
}

} // namespace DvidsReadiness
