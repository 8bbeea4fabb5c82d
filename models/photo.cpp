// SPDX-License-Identifier: MIT
#include "photo.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

QString releaseStateKey(ReleaseState state)
{
    switch (state) {
    case ReleaseState::NotReviewed:
        return u"not_reviewed"_s;
    case ReleaseState::Released:
        return u"released"_s;
    case ReleaseState::NotReleased:
        return u"not_released"_s;
    }
    return {};
}

std::optional<ReleaseState> releaseStateFromKey(QStringView key)
{
    for (ReleaseState state : {ReleaseState::NotReviewed, ReleaseState::Released, ReleaseState::NotReleased}) {
        if (key == releaseStateKey(state))
            return state;
    }
    return std::nullopt;
}

QString releaseStateLabel(ReleaseState state)
{
    switch (state) {
    case ReleaseState::NotReviewed:
        return QCoreApplication::translate("Photo", "Not Reviewed");
    case ReleaseState::Released:
        return QCoreApplication::translate("Photo", "Released");
    case ReleaseState::NotReleased:
        return QCoreApplication::translate("Photo", "Not Released");
    }
    return {};
}

QString captionApprovalKey(CaptionApproval state)
{
    switch (state) {
    case CaptionApproval::Pending:
        return u"pending"_s;
    case CaptionApproval::Approved:
        return u"approved"_s;
    case CaptionApproval::ChangesRequested:
        return u"changes_requested"_s;
    }
    return {};
}

std::optional<CaptionApproval> captionApprovalFromKey(QStringView key)
{
    for (CaptionApproval state : {CaptionApproval::Pending, CaptionApproval::Approved, CaptionApproval::ChangesRequested}) {
        if (key == captionApprovalKey(state))
            return state;
    }
    return std::nullopt;
}

QString captionApprovalLabel(CaptionApproval state)
{
    switch (state) {
    case CaptionApproval::Pending:
        return QCoreApplication::translate("Photo", "Pending");
    case CaptionApproval::Approved:
        return QCoreApplication::translate("Photo", "Approved");
    case CaptionApproval::ChangesRequested:
        return QCoreApplication::translate("Photo", "Changes requested");
    }
    return {};
}

QStringList combatantCommands()
{
    return {u"USAFRICOM"_s, u"USCENTCOM"_s, u"USEUCOM"_s, u"USINDOPACOM"_s, u"USNORTHCOM"_s, u"USSOUTHCOM"_s};
}

QString commandShownFromText(const QString &text)
{
    const QString upper = text.trimmed().toUpper();
    for (const QString &command : combatantCommands()) {
        if (upper == command || upper == command.mid(2))
            return command;
    }
    return {};
}

bool altTextMissing(const Photo &photo)
{
    return !photo.decorative && photo.altText.trimmed().isEmpty();
}

QList<PhotoField> reviewedPhotoFields()
{
    return {PhotoField::Virin,       PhotoField::Title,        PhotoField::Caption,          PhotoField::AltText,
            PhotoField::Credit,      PhotoField::Photographer, PhotoField::Unit,             PhotoField::Operation,
            PhotoField::DateShot,    PhotoField::City,         PhotoField::Sublocation,      PhotoField::State,
            PhotoField::Country,     PhotoField::CountryCode,  PhotoField::Keywords,         PhotoField::ReleaseState,
            PhotoField::ReleaseAuthority, PhotoField::CaptionWriter, PhotoField::CommandShown, PhotoField::CreatorEmail,
            PhotoField::CreatorPhone, PhotoField::Decorative};
}

QString photoFieldKey(PhotoField field)
{
    switch (field) {
    case PhotoField::Virin:
        return u"virin"_s;
    case PhotoField::Title:
        return u"title"_s;
    case PhotoField::Caption:
        return u"caption"_s;
    case PhotoField::AltText:
        return u"alt_text"_s;
    case PhotoField::Credit:
        return u"credit"_s;
    case PhotoField::Photographer:
        return u"photographer"_s;
    case PhotoField::Unit:
        return u"unit"_s;
    case PhotoField::Operation:
        return u"operation"_s;
    case PhotoField::DateShot:
        return u"date_shot"_s;
    case PhotoField::City:
        return u"city"_s;
    case PhotoField::Sublocation:
        return u"sublocation"_s;
    case PhotoField::State:
        return u"state"_s;
    case PhotoField::Country:
        return u"country"_s;
    case PhotoField::CountryCode:
        return u"country_code"_s;
    case PhotoField::Keywords:
        return u"keywords"_s;
    case PhotoField::ReleaseState:
        return u"release_state"_s;
    case PhotoField::ReleaseAuthority:
        return u"release_authority"_s;
    case PhotoField::CaptionWriter:
        return u"caption_writer"_s;
    case PhotoField::CommandShown:
        return u"command_shown"_s;
    case PhotoField::CreatorEmail:
        return u"creator_email"_s;
    case PhotoField::CreatorPhone:
        return u"creator_phone"_s;
    case PhotoField::Decorative:
        return u"decorative"_s;
    }
    return {};
}

std::optional<PhotoField> photoFieldFromKey(QStringView key)
{
    for (const PhotoField field : reviewedPhotoFields()) {
        if (key == photoFieldKey(field))
            return field;
    }
    return std::nullopt;
}

QString photoFieldLabel(PhotoField field)
{
    switch (field) {
    case PhotoField::Virin:
        return QCoreApplication::translate("Photo", "VIRIN");
    case PhotoField::Title:
        return QCoreApplication::translate("Photo", "Title");
    case PhotoField::Caption:
        return QCoreApplication::translate("Photo", "Caption");
    case PhotoField::AltText:
        return QCoreApplication::translate("Photo", "Alt text");
    case PhotoField::Credit:
        return QCoreApplication::translate("Photo", "Credit");
    case PhotoField::Photographer:
        return QCoreApplication::translate("Photo", "Photographer");
    case PhotoField::Unit:
        return QCoreApplication::translate("Photo", "Unit");
    case PhotoField::Operation:
        return QCoreApplication::translate("Photo", "Operation");
    case PhotoField::DateShot:
        return QCoreApplication::translate("Photo", "Date shot");
    case PhotoField::City:
        return QCoreApplication::translate("Photo", "City");
    case PhotoField::Sublocation:
        return QCoreApplication::translate("Photo", "Sublocation");
    case PhotoField::State:
        return QCoreApplication::translate("Photo", "State");
    case PhotoField::Country:
        return QCoreApplication::translate("Photo", "Country");
    case PhotoField::CountryCode:
        return QCoreApplication::translate("Photo", "Country code");
    case PhotoField::Keywords:
        return QCoreApplication::translate("Photo", "Keywords");
    case PhotoField::ReleaseState:
        return QCoreApplication::translate("Photo", "Release state");
    case PhotoField::ReleaseAuthority:
        return QCoreApplication::translate("Photo", "Release authority");
    case PhotoField::CaptionWriter:
        return QCoreApplication::translate("Photo", "Caption writer");
    case PhotoField::CommandShown:
        return QCoreApplication::translate("Photo", "Command shown");
    case PhotoField::CreatorEmail:
        return QCoreApplication::translate("Photo", "Photographer's e-mail");
    case PhotoField::CreatorPhone:
        return QCoreApplication::translate("Photo", "Photographer's phone");
    case PhotoField::Decorative:
        return QCoreApplication::translate("Photo", "Decorative");
    }
    return {};
}

QString photoFieldText(const Photo &photo, PhotoField field)
{
    switch (field) {
    case PhotoField::Virin:
        return photo.virin;
    case PhotoField::Title:
        return photo.title;
    case PhotoField::Caption:
        return photo.caption;
    case PhotoField::AltText:
        return photo.altText;
    case PhotoField::Credit:
        return photo.credit;
    case PhotoField::Photographer:
        return photo.photographer;
    case PhotoField::Unit:
        return photo.unit;
    case PhotoField::Operation:
        return photo.operation;
    case PhotoField::DateShot:
        return photo.dateShot.isValid() ? photo.dateShot.toString(Qt::ISODate) : QString();
    case PhotoField::City:
        return photo.city;
    case PhotoField::Sublocation:
        return photo.sublocation;
    case PhotoField::State:
        return photo.state;
    case PhotoField::Country:
        return photo.country;
    case PhotoField::CountryCode:
        return photo.countryCode;
    case PhotoField::Keywords: {
        // As the library stores them: an empty keyword is none.
        QStringList keywords = photo.keywords;
        keywords.removeAll(QString());
        return keywords.join(u'\n');
    }
    case PhotoField::ReleaseState:
        return releaseStateKey(photo.releaseState);
    case PhotoField::ReleaseAuthority:
        return photo.releaseAuthority;
    case PhotoField::CaptionWriter:
        return photo.captionWriter;
    case PhotoField::CommandShown:
        return photo.commandShown;
    case PhotoField::CreatorEmail:
        return photo.creatorEmail;
    case PhotoField::CreatorPhone:
        return photo.creatorPhone;
    case PhotoField::Decorative:
        // As PostgreSQL writes a boolean as text (the server records what a
        // decision saw the same way).
        return photo.decorative ? u"true"_s : u"false"_s;
    }
    return {};
}

void setPhotoFieldText(Photo &photo, PhotoField field, const QString &text)
{
    switch (field) {
    case PhotoField::Virin:
        photo.virin = text;
        break;
    case PhotoField::Title:
        photo.title = text;
        break;
    case PhotoField::Caption:
        photo.caption = text;
        break;
    case PhotoField::AltText:
        photo.altText = text;
        break;
    case PhotoField::Credit:
        photo.credit = text;
        break;
    case PhotoField::Photographer:
        photo.photographer = text;
        break;
    case PhotoField::Unit:
        photo.unit = text;
        break;
    case PhotoField::Operation:
        photo.operation = text;
        break;
    case PhotoField::DateShot:
        photo.dateShot = QDate::fromString(text, Qt::ISODate);
        break;
    case PhotoField::City:
        photo.city = text;
        break;
    case PhotoField::Sublocation:
        photo.sublocation = text;
        break;
    case PhotoField::State:
        photo.state = text;
        break;
    case PhotoField::Country:
        photo.country = text;
        break;
    case PhotoField::CountryCode:
        photo.countryCode = text;
        break;
    case PhotoField::Keywords:
        photo.keywords = text.split(u'\n', Qt::SkipEmptyParts);
        break;
    case PhotoField::ReleaseState:
        photo.releaseState = releaseStateFromKey(text).value_or(ReleaseState::NotReviewed);
        break;
    case PhotoField::ReleaseAuthority:
        photo.releaseAuthority = text;
        break;
    case PhotoField::CaptionWriter:
        photo.captionWriter = text;
        break;
    case PhotoField::CommandShown:
        photo.commandShown = text;
        break;
    case PhotoField::CreatorEmail:
        photo.creatorEmail = text;
        break;
    case PhotoField::CreatorPhone:
        photo.creatorPhone = text;
        break;
    case PhotoField::Decorative:
        photo.decorative = text == u"true"_s;
        break;
    }
}

QList<PhotoField> changedReviewedFields(const Photo &before, const Photo &after)
{
    QList<PhotoField> changed;
    for (const PhotoField field : reviewedPhotoFields()) {
        if (photoFieldText(before, field) != photoFieldText(after, field))
            changed << field;
    }
    return changed;
}
