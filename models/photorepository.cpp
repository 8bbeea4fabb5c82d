// SPDX-License-Identifier: MIT
#include "photorepository.h"

#include "library.h"
#include "people.h"
#include "sqlquery.h"
#include "storyrepository.h"
#include "textsafety.h"
#include "workflow.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::StringLiterals;

namespace {

const QString photoColumns = u"id, image_hash, file_name, virin, title, caption, alt_text, credit, photographer, unit, "
                             "operation, date_shot, city, sublocation, state, country, country_code, keywords, "
                             "release_state, release_authority, caption_writer, command_shown, creator_email, "
                             "creator_phone, decorative, approval_state, created_at, updated_at, updated_by, row_version, "
                             // Unqualified image_hash: the photos table's, under
                             // whatever alias the query gives it.
                             "(SELECT mime_type FROM images WHERE hash = image_hash) AS image_mime_type"_s;

Photo photoFromQuery(const QSqlQuery &query)
{
    const QSqlRecord record = query.record();
    auto value = [&](const char *name) { return query.value(record.indexOf(QLatin1StringView(name))); };
    Photo photo;
    photo.id = value("id").toLongLong();
    photo.imageHash = value("image_hash").toString();
    photo.imageMimeType = value("image_mime_type").toString();
    photo.fileName = value("file_name").toString();
    photo.virin = value("virin").toString();
    photo.title = value("title").toString();
    photo.caption = value("caption").toString();
    photo.altText = value("alt_text").toString();
    photo.credit = value("credit").toString();
    photo.photographer = value("photographer").toString();
    photo.unit = value("unit").toString();
    photo.operation = value("operation").toString();
    photo.dateShot = QDate::fromString(value("date_shot").toString(), Qt::ISODate);
    photo.city = value("city").toString();
    photo.sublocation = value("sublocation").toString();
    photo.state = value("state").toString();
    photo.country = value("country").toString();
    photo.countryCode = value("country_code").toString();
    photo.keywords = value("keywords").toString().split(u'\n', Qt::SkipEmptyParts);
    photo.releaseState = releaseStateFromKey(value("release_state").toString()).value_or(ReleaseState::NotReviewed);
    photo.releaseAuthority = value("release_authority").toString();
    photo.captionWriter = value("caption_writer").toString();
    photo.commandShown = value("command_shown").toString();
    photo.creatorEmail = value("creator_email").toString();
    photo.creatorPhone = value("creator_phone").toString();
    photo.decorative = value("decorative").toBool();
    photo.approval = captionApprovalFromKey(value("approval_state").toString()).value_or(CaptionApproval::Pending);
    photo.createdAt = QDateTime::fromString(value("created_at").toString(), Qt::ISODateWithMs);
    photo.updatedAt = QDateTime::fromString(value("updated_at").toString(), Qt::ISODateWithMs);
    photo.updatedBy = value("updated_by").toString();
    photo.rowVersion = value("row_version").toLongLong();
    return photo;
}

void bindMetadata(QSqlQuery &query, const Photo &photo)
{
    query.bindValue(u":virin"_s, sqlText(photo.virin));
    query.bindValue(u":title"_s, sqlText(photo.title));
    query.bindValue(u":caption"_s, sqlText(photo.caption));
    query.bindValue(u":alt_text"_s, sqlText(photo.altText));
    query.bindValue(u":credit"_s, sqlText(photo.credit));
    query.bindValue(u":photographer"_s, sqlText(photo.photographer));
    query.bindValue(u":unit"_s, sqlText(photo.unit));
    query.bindValue(u":operation"_s, sqlText(photo.operation));
    query.bindValue(u":date_shot"_s, sqlText(photo.dateShot.isValid() ? photo.dateShot.toString(Qt::ISODate) : QString()));
    query.bindValue(u":city"_s, sqlText(photo.city));
    query.bindValue(u":sublocation"_s, sqlText(photo.sublocation));
    query.bindValue(u":state"_s, sqlText(photo.state));
    query.bindValue(u":country"_s, sqlText(photo.country));
    query.bindValue(u":country_code"_s, sqlText(photo.countryCode));
    query.bindValue(u":keywords"_s, sqlText(photo.keywords.join(u'\n')));
    query.bindValue(u":release_state"_s, releaseStateKey(photo.releaseState));
    query.bindValue(u":release_authority"_s, sqlText(photo.releaseAuthority));
    query.bindValue(u":caption_writer"_s, sqlText(photo.captionWriter));
    query.bindValue(u":command_shown"_s, sqlText(photo.commandShown));
    query.bindValue(u":creator_email"_s, sqlText(photo.creatorEmail));
    query.bindValue(u":creator_phone"_s, sqlText(photo.creatorPhone));
    query.bindValue(u":decorative"_s, photo.decorative);
    query.bindValue(u":approval_state"_s, captionApprovalKey(photo.approval));
}

} // namespace

PhotoRepository::PhotoRepository(Library *library)
    : m_library(library)
{
}

QString PhotoRepository::errorString() const
{
    return m_error.message();
}

QString PhotoRepository::hashOf(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

std::optional<QString> PhotoRepository::insertImage(const QByteArray &imageData, const QString &mimeType, QSize pixelSize,
                                                    const QString &name)
{
    const QString hash = hashOf(imageData);
    SqlQuery query(m_library->database());
    query.prepare(u"INSERT INTO images (hash, data, mime_type, width, height, byte_size, created_at) "
                  "VALUES (:hash, :data, :mime, :width, :height, :size, :now) ON CONFLICT (hash) DO NOTHING"_s);
    query.bindValue(u":hash"_s, hash);
    query.bindValue(u":data"_s, imageData);
    query.bindValue(u":mime"_s, sqlText(mimeType));
    query.bindValue(u":width"_s, pixelSize.width());
    query.bindValue(u":height"_s, pixelSize.height());
    query.bindValue(u":size"_s, imageData.size());
    query.bindValue(u":now"_s, Library::nowUtc());
    if (!query.exec()) {
        m_error.fail(query, QObject::tr("Cannot store the image %1").arg(name));
        return std::nullopt;
    }
    return hash;
}

std::optional<Photo> PhotoRepository::insertPhoto(Photo photo, const QByteArray &thumbnail)
{
    // What the library holds is clean, whoever calls (textsafety.h).
    TextSafety::cleanPhoto(photo);
    const QString now = Library::nowUtc();
    SqlQuery query(m_library->database());
    // On a team library a new photo's caption is pending whatever the
    // caller says (the server decides that column alone).
    const bool serverDecides = m_library->dialect().serverEnforcesWorkflow();
    query.prepare(u"INSERT INTO photos (image_hash, thumbnail, file_name, virin, title, caption, alt_text, credit, "
                  "photographer, unit, operation, date_shot, city, sublocation, state, country, country_code, "
                  "keywords, release_state, release_authority, caption_writer, command_shown, creator_email, "
                  "creator_phone, decorative, %1 created_at, "
                  "updated_at, updated_by) VALUES (:hash, :thumbnail, :file_name, :virin, :title, "
                  ":caption, :alt_text, :credit, :photographer, :unit, :operation, :date_shot, :city, :sublocation, "
                  ":state, :country, :country_code, :keywords, :release_state, :release_authority, :caption_writer, "
                  ":command_shown, :creator_email, :creator_phone, :decorative, %2 :now, :now, :actor) RETURNING id"_s.arg(serverDecides ? QString() : u"approval_state,"_s,
                                                               serverDecides ? QString() : u":approval_state,"_s));
    if (serverDecides)
        photo.approval = CaptionApproval::Pending;
    query.bindValue(u":hash"_s, sqlText(photo.imageHash));
    query.bindValue(u":thumbnail"_s, thumbnail);
    query.bindValue(u":file_name"_s, sqlText(photo.fileName));
    bindMetadata(query, photo);
    query.bindValue(u":now"_s, now);
    query.bindValue(u":actor"_s, sqlText(m_library->actor()));
    if (!query.exec() || !query.next()) {
        m_error.fail(query, QObject::tr("Cannot add the photo %1").arg(photo.fileName));
        return std::nullopt;
    }
    photo.id = query.value(0).toLongLong();
    query.finish();
    // The type the store holds: bytes stored before keep the type they came
    // with, and addForStoredImage's caller only knows the hash.
    SqlQuery type(m_library->database());
    type.prepare(u"SELECT mime_type FROM images WHERE hash = :hash"_s);
    type.bindValue(u":hash"_s, sqlText(photo.imageHash));
    if (!type.exec()) {
        m_error.fail(type, QObject::tr("Cannot read the image of the photo %1").arg(photo.fileName));
        return std::nullopt;
    }
    photo.imageMimeType = type.next() ? type.value(u"mime_type"_s).toString() : QString();
    photo.rowVersion = 1;
    photo.createdAt = photo.updatedAt = QDateTime::fromString(now, Qt::ISODateWithMs);
    photo.updatedBy = m_library->actor();
    m_library->audit(u"add"_s, u"photo"_s, photo.id, photo.virin.isEmpty() ? photo.fileName : photo.virin);
    return photo;
}

std::optional<Photo> PhotoRepository::add(Photo photo, const QByteArray &imageData, const QString &mimeType,
                                          QSize pixelSize, const QByteArray &thumbnail)
{
    WriteTransaction transaction(m_library, &m_error);
    if (!transaction.begin())
        return std::nullopt;
    const std::optional<QString> hash = insertImage(imageData, mimeType, pixelSize, photo.fileName);
    if (!hash)
        return std::nullopt;
    photo.imageHash = *hash;
    const std::optional<Photo> added = insertPhoto(photo, thumbnail);
    if (!added)
        return std::nullopt;
    if (!transaction.commit())
        return std::nullopt;
    return added;
}

std::optional<QString> PhotoRepository::storeImage(const QByteArray &imageData, const QString &mimeType, QSize pixelSize)
{
    WriteTransaction transaction(m_library, &m_error);
    if (!transaction.begin())
        return std::nullopt;
    const std::optional<QString> hash = insertImage(imageData, mimeType, pixelSize, QString());
    if (!hash)
        return std::nullopt;
    if (!transaction.commit())
        return std::nullopt;
    return hash;
}

std::optional<Photo> PhotoRepository::addForStoredImage(const Photo &photo, const QByteArray &thumbnail)
{
    WriteTransaction transaction(m_library, &m_error);
    if (!transaction.begin())
        return std::nullopt;
    const std::optional<Photo> added = insertPhoto(photo, thumbnail);
    if (!added)
        return std::nullopt;
    if (!transaction.commit())
        return std::nullopt;
    return added;
}

std::optional<Photo> PhotoRepository::load(qint64 id)
{
    SqlQuery query(m_library->database());
    query.prepare(u"SELECT %1 FROM photos WHERE id = :id"_s.arg(photoColumns));
    query.bindValue(u":id"_s, id);
    if (!query.exec()) {
        m_error.fail(query, QObject::tr("Cannot read photo %1").arg(id));
        return std::nullopt;
    }
    if (!query.next()) {
        m_error.fail(QObject::tr("There is no photo %1 in this library.").arg(id));
        return std::nullopt;
    }
    return photoFromQuery(query);
}

QList<Photo> PhotoRepository::photosOfStory(qint64 storyId)
{
    QList<Photo> photos;
    SqlQuery query(m_library->database());
    query.prepare(u"SELECT p.%1 FROM story_photos sp JOIN photos p ON p.id = sp.photo_id "
                  "WHERE sp.story_id = :story ORDER BY sp.position"_s.arg(photoColumns));
    query.bindValue(u":story"_s, storyId);
    if (!query.exec()) {
        m_error.fail(query, QObject::tr("Cannot read the story's photos"));
        return photos;
    }
    while (query.next())
        photos << photoFromQuery(query);
    return photos;
}

QList<Photo> PhotoRepository::findByVirin(const QString &virin)
{
    QList<Photo> photos;
    SqlQuery query(m_library->database());
    query.prepare(u"SELECT %1 FROM photos WHERE virin = :virin ORDER BY id"_s.arg(photoColumns));
    query.bindValue(u":virin"_s, virin);
    if (!query.exec()) {
        m_error.fail(query, QObject::tr("Cannot look up VIRIN %1").arg(virin));
        return photos;
    }
    while (query.next())
        photos << photoFromQuery(query);
    return photos;
}

std::optional<QList<Photo>> PhotoRepository::search(const QString &text, int limit)
{
    const QString ftsQuery = m_library->dialect().ftsQueryFromUserText(text);
    // Only words too common to search for ("the"): no photo, on either engine.
    if (ftsQuery.isEmpty() && SqlDialect::isTooCommonToSearch(text))
        return QList<Photo>();
    SqlQuery query(m_library->database());
    if (ftsQuery.isEmpty()) {
        query.prepare(u"SELECT %1 FROM photos ORDER BY id DESC LIMIT :limit"_s.arg(photoColumns));
    } else {
        query.prepare(u"SELECT %1 FROM (%2) AS found JOIN photos ON photos.id = found.photo_id "
                      "ORDER BY found.rank, photos.id DESC LIMIT :limit"_s.arg(photoColumns, m_library->dialect().photoSearchStatement()));
        query.bindValue(u":query"_s, ftsQuery);
    }
    query.bindValue(u":limit"_s, limit);
    if (!query.exec()) {
        m_error.fail(query, QObject::tr("Cannot search the photos"));
        return std::nullopt;
    }
    QList<Photo> photos;
    while (query.next())
        photos << photoFromQuery(query);
    return photos;
}

std::optional<Photo> PhotoRepository::placeCopy(qint64 photoId, qint64 storyId)
{
    WriteTransaction transaction(m_library, &m_error);
    if (!transaction.begin() || !mayChangePlacement(storyId))
        return std::nullopt;
    std::optional<Photo> copy = load(photoId);
    if (!copy)
        return std::nullopt;
    const QByteArray thumbnailBytes = thumbnail(photoId);
    copy->id = 0;
    copy->approval = CaptionApproval::Pending;
    const std::optional<Photo> added = insertPhoto(*copy, thumbnailBytes);
    if (!added || !attach(storyId, added->id) || !transaction.commit())
        return std::nullopt;
    return added;
}

bool PhotoRepository::mayChangePlacement(qint64 storyId)
{
    SqlQuery query(m_library->database());
    query.prepare(u"SELECT status FROM stories WHERE id = :id"_s);
    query.bindValue(u":id"_s, storyId);
    if (!query.exec())
        return m_error.fail(query, QObject::tr("Cannot read story %1").arg(storyId));
    if (!query.next())
        return m_error.fail(QObject::tr("There is no story %1 in this library.").arg(storyId));
    const StoryStatus status = storyStatusFromKey(query.value(0).toString()).value_or(StoryStatus::Draft);
    query.finish();
    const Workflow::Verdict verdict = Workflow::checkPlacement(PeopleRepository(m_library).roleOfActor(), status);
    return verdict.allowed || m_error.fail(verdict.reason);
}

bool PhotoRepository::attach(qint64 storyId, qint64 photoId)
{
    if (!mayChangePlacement(storyId))
        return false;
    SqlQuery query(m_library->database());
    query.prepare(u"INSERT INTO story_photos (story_id, photo_id, position) "
                  "VALUES (:story, :photo, (SELECT coalesce(max(position), 0) + 1 FROM story_photos WHERE story_id = :story)) "
                  "ON CONFLICT DO NOTHING"_s);
    query.bindValue(u":story"_s, storyId);
    query.bindValue(u":photo"_s, photoId);
    if (!query.exec())
        return m_error.fail(query, QObject::tr("Cannot place the photo in the story"));
    StoryRepository(m_library).reindex(storyId);
    Q_EMIT m_library->photosChanged(photoId);
    return true;
}

bool PhotoRepository::detach(qint64 storyId, qint64 photoId)
{
    if (!mayChangePlacement(storyId))
        return false;
    SqlQuery query(m_library->database());
    query.prepare(u"DELETE FROM story_photos WHERE story_id = :story AND photo_id = :photo"_s);
    query.bindValue(u":story"_s, storyId);
    query.bindValue(u":photo"_s, photoId);
    if (!query.exec())
        return m_error.fail(query, QObject::tr("Cannot remove the photo from the story"));
    StoryRepository(m_library).reindex(storyId);
    Q_EMIT m_library->photosChanged(photoId);
    return true;
}

bool PhotoRepository::reorder(qint64 storyId, const QList<qint64> &photoIds)
{
    WriteTransaction transaction(m_library, &m_error);
    if (!transaction.begin() || !mayChangePlacement(storyId))
        return false;
    SqlQuery query(m_library->database());
    query.prepare(u"UPDATE story_photos SET position = :position WHERE story_id = :story AND photo_id = :photo"_s);
    for (int i = 0; i < photoIds.size(); ++i) {
        query.bindValue(u":position"_s, i + 1);
        query.bindValue(u":story"_s, storyId);
        query.bindValue(u":photo"_s, photoIds.at(i));
        if (!query.exec())
            return m_error.fail(query, QObject::tr("Cannot reorder the story's photos"));
    }
    if (!transaction.commit())
        return false;
    return true;
}

PhotoRepository::SaveResult PhotoRepository::save(Photo &photo)
{
    QList<Photo> photos{photo};
    const SaveResult result = saveAll(photos);
    if (result == SaveResult::Saved)
        photo = photos.constFirst();
    return result;
}

PhotoRepository::SaveResult PhotoRepository::saveAll(QList<Photo> &photos)
{
    WriteTransaction transaction(m_library, &m_error);
    if (!transaction.begin())
        return SaveResult::Failed;
    QList<Photo> saved = photos;
    const QString now = Library::nowUtc();
    for (Photo &photo : saved) {
        const SaveResult result = saveInTransaction(photo, now);
        if (result != SaveResult::Saved)
            return result;
    }
    if (!transaction.commit())
        return SaveResult::Failed;
    photos = saved;
    for (const Photo &photo : std::as_const(photos))
        Q_EMIT m_library->photosChanged(photo.id);
    return SaveResult::Saved;
}

PhotoRepository::SaveResult PhotoRepository::saveInTransaction(Photo &photo, const QString &now)
{
    TextSafety::cleanPhoto(photo);
    const bool serverDecides = m_library->dialect().serverEnforcesWorkflow();
    SqlQuery query(m_library->database());
    // What a decision saw is what is stored; an edit of any field it covers
    // (everything the export publishes) voids it.
    query.prepare(u"SELECT %1 FROM photos WHERE id = :id"_s.arg(photoColumns));
    query.bindValue(u":id"_s, photo.id);
    if (!query.exec()) {
        m_error.fail(query, QObject::tr("Cannot read photo %1").arg(photo.virin));
        return SaveResult::Failed;
    }
    // Approval only changes through decideCaption(): whatever the caller's
    // copy says, the stored state stands unless this edit voids it.
    QList<PhotoField> voidedBy;
    if (query.next()) {
        const Photo stored = photoFromQuery(query);
        photo.approval = stored.approval;
        if (photo.approval != CaptionApproval::Pending) {
            voidedBy = changedReviewedFields(stored, photo);
            if (!voidedBy.isEmpty())
                photo.approval = CaptionApproval::Pending;
        }
    }
    query.finish();
    // Before the change, so that the log reads as on either engine: the
    // save, then the voided decision (which a team library's server writes
    // during the UPDATE). Rolled back with it on a conflict.
    if (!m_library->audit(u"save"_s, u"photo"_s, photo.id, photo.virin)) {
        m_error.fail(QObject::tr("Cannot record the change to photo %1").arg(photo.virin));
        return SaveResult::Failed;
    }
    query.prepare(u"UPDATE photos SET virin = :virin, title = :title, caption = :caption, alt_text = :alt_text, "
                  "credit = :credit, photographer = :photographer, unit = :unit, operation = :operation, "
                  "date_shot = :date_shot, city = :city, sublocation = :sublocation, state = :state, "
                  "country = :country, country_code = :country_code, keywords = :keywords, "
                  "release_state = :release_state, release_authority = :release_authority, "
                  "caption_writer = :caption_writer, command_shown = :command_shown, "
                  "creator_email = :creator_email, creator_phone = :creator_phone, decorative = :decorative, "
                  "%1 updated_at = :now, "
                  "updated_by = :actor, row_version = row_version + 1 WHERE id = :id AND row_version = :version"_s
                      // On a team library the server voids the decision itself
                      // (and records it), by the same list of fields.
                      .arg(serverDecides ? QString() : u"approval_state = :approval_state,"_s));
    bindMetadata(query, photo);
    query.bindValue(u":now"_s, now);
    query.bindValue(u":actor"_s, sqlText(m_library->actor()));
    query.bindValue(u":id"_s, photo.id);
    query.bindValue(u":version"_s, photo.rowVersion);
    if (!query.exec()) {
        m_error.fail(query, QObject::tr("Cannot save photo %1").arg(photo.virin));
        return SaveResult::Failed;
    }
    if (query.numRowsAffected() != 1) {
        m_error.fail(QObject::tr("Photo %1 was changed elsewhere since you opened it; your changes were not saved over it.")
                         .arg(photo.virin));
        return SaveResult::Conflict;
    }
    if (!reindexStoriesOf(photo.id))
        return SaveResult::Failed;
    if (!voidedBy.isEmpty() && !serverDecides) {
        QStringList fields;
        for (const PhotoField field : std::as_const(voidedBy))
            fields << photoFieldLabel(field);
        m_library->audit(u"caption-reset"_s, u"photo"_s, photo.id,
                         QObject::tr("%1 changed after review").arg(fields.join(u", "_s)));
    }
    photo.rowVersion += 1;
    photo.updatedAt = QDateTime::fromString(now, Qt::ISODateWithMs);
    photo.updatedBy = m_library->actor();
    return SaveResult::Saved;
}

bool PhotoRepository::reindexStoriesOf(qint64 photoId)
{
    SqlQuery query(m_library->database());
    query.prepare(u"SELECT story_id FROM story_photos WHERE photo_id = :photo"_s);
    query.bindValue(u":photo"_s, photoId);
    if (!query.exec())
        return m_error.fail(query, QObject::tr("Cannot find the stories that show this photo"));
    QList<qint64> stories;
    const int storyColumn = query.record().indexOf(u"story_id"_s);
    while (query.next())
        stories << query.value(storyColumn).toLongLong();
    StoryRepository repository(m_library);
    for (qint64 id : stories) {
        if (!repository.reindex(id)) {
            m_error.fail(repository.errorString());
            return false;
        }
    }
    return true;
}

std::optional<StoredImage> PhotoRepository::image(const QString &hash)
{
    SqlQuery query(m_library->database());
    query.prepare(u"SELECT hash, data, mime_type, width, height FROM images WHERE hash = :hash"_s);
    query.bindValue(u":hash"_s, hash);
    if (!query.exec()) {
        m_error.fail(query, QObject::tr("Cannot read an image"));
        return std::nullopt;
    }
    if (!query.next()) {
        m_error.fail(QObject::tr("The library has no image %1.").arg(hash));
        return std::nullopt;
    }
    return StoredImage{query.value(u"hash"_s).toString(), query.value(u"data"_s).toByteArray(),
                       query.value(u"mime_type"_s).toString(),
                       QSize(query.value(u"width"_s).toInt(), query.value(u"height"_s).toInt())};
}

QByteArray PhotoRepository::thumbnail(qint64 photoId)
{
    SqlQuery query(m_library->database());
    query.prepare(u"SELECT thumbnail FROM photos WHERE id = :id"_s);
    query.bindValue(u":id"_s, photoId);
    if (!query.exec() || !query.next())
        return {};
    return query.value(u"thumbnail"_s).toByteArray();
}

PhotoRepository::SaveResult PhotoRepository::decideCaption(Photo &photo, CaptionApproval decision, const QString &comment)
{
    if (!Workflow::checkCaptionDecision(PeopleRepository(m_library).roleOfActor()).allowed) {
        m_error.fail(QObject::tr("Only an editor can approve captions or request changes; %1 is not an editor of this library.")
                         .arg(m_library->actor()));
        return SaveResult::NotAllowed;
    }
    if (decision == CaptionApproval::Pending) {
        m_error.fail(QObject::tr("A decision is an approval or a request for changes."));
        return SaveResult::Failed;
    }
    if (decision == CaptionApproval::ChangesRequested && comment.trimmed().isEmpty()) {
        m_error.fail(QObject::tr("Say what should change when you request changes."));
        return SaveResult::Failed;
    }
    WriteTransaction transaction(m_library, &m_error);
    if (!transaction.begin())
        return SaveResult::Failed;
    if (m_library->dialect().serverEnforcesWorkflow()) {
        // The server checks the role again and records what the decision
        // saw from the stored photo, as the login's person.
        SqlQuery call(m_library->database());
        call.prepare(u"SELECT newsdesk.decide_caption(:id, :version, :decision, :comment) AS row_version"_s);
        call.bindValue(u":id"_s, photo.id);
        call.bindValue(u":version"_s, photo.rowVersion);
        call.bindValue(u":decision"_s, captionApprovalKey(decision));
        call.bindValue(u":comment"_s, sqlText(TextSafety::clean(comment.trimmed(), TextSafety::Lines::Multi)));
        if (!call.exec() || !call.next())
            return RepositoryError::as<SaveResult>(
                m_error.failFromServer(call, QObject::tr("Cannot record the decision on photo %1").arg(photo.virin)));
        const qint64 rowVersion = call.value(0).toLongLong();
        call.finish();
        if (!transaction.commit())
            return SaveResult::Failed;
        photo.approval = decision;
        photo.rowVersion = rowVersion;
        photo.updatedAt = QDateTime::currentDateTimeUtc();
        photo.updatedBy = m_library->actor();
        Q_EMIT m_library->photosChanged(photo.id);
        return SaveResult::Saved;
    }
    const QString now = Library::nowUtc();
    // The decision is about the stored text, and only if the editor saw the
    // current version of it.
    SqlQuery query(m_library->database());
    query.prepare(u"UPDATE photos SET approval_state = :state, updated_at = :now, updated_by = :actor, "
                  "row_version = row_version + 1 WHERE id = :id AND row_version = :version"_s);
    query.bindValue(u":state"_s, captionApprovalKey(decision));
    query.bindValue(u":now"_s, now);
    query.bindValue(u":actor"_s, sqlText(m_library->actor()));
    query.bindValue(u":id"_s, photo.id);
    query.bindValue(u":version"_s, photo.rowVersion);
    if (!query.exec()) {
        m_error.fail(query, QObject::tr("Cannot record the decision on photo %1").arg(photo.virin));
        return SaveResult::Failed;
    }
    if (query.numRowsAffected() != 1) {
        m_error.fail(QObject::tr("Photo %1 changed since you looked at it; review its caption again.").arg(photo.virin));
        return SaveResult::Conflict;
    }
    // The decision keeps every field it covers as stored now.
    query.prepare(u"SELECT %1 FROM photos WHERE id = :id"_s.arg(photoColumns));
    query.bindValue(u":id"_s, photo.id);
    if (!query.exec() || !query.next()) {
        m_error.fail(query, QObject::tr("Cannot record the decision on photo %1").arg(photo.virin));
        return SaveResult::Failed;
    }
    const Photo seen = photoFromQuery(query);
    query.finish();
    QJsonObject reviewed;
    for (const PhotoField field : reviewedPhotoFields())
        reviewed.insert(photoFieldKey(field), photoFieldText(seen, field));
    query.prepare(u"INSERT INTO caption_approvals (photo_id, decision, caption, alt_text, reviewed, comment, decided_by, "
                  "decided_at) VALUES (:id, :decision, :caption, :alt_text, :reviewed, :comment, :actor, :now)"_s);
    query.bindValue(u":caption"_s, sqlText(seen.caption));
    query.bindValue(u":alt_text"_s, sqlText(seen.altText));
    query.bindValue(u":reviewed"_s, QString::fromUtf8(QJsonDocument(reviewed).toJson(QJsonDocument::Compact)));
    query.bindValue(u":decision"_s, captionApprovalKey(decision));
    query.bindValue(u":comment"_s, sqlText(TextSafety::clean(comment.trimmed(), TextSafety::Lines::Multi)));
    query.bindValue(u":actor"_s, sqlText(m_library->actor()));
    query.bindValue(u":now"_s, now);
    query.bindValue(u":id"_s, photo.id);
    if (!query.exec()) {
        m_error.fail(query, QObject::tr("Cannot record the decision on photo %1").arg(photo.virin));
        return SaveResult::Failed;
    }
    m_library->audit(u"caption-"_s + captionApprovalKey(decision), u"photo"_s, photo.id, comment.trimmed());
    if (!transaction.commit())
        return SaveResult::Failed;
    photo.approval = decision;
    photo.rowVersion += 1;
    photo.updatedAt = QDateTime::fromString(now, Qt::ISODateWithMs);
    photo.updatedBy = m_library->actor();
    Q_EMIT m_library->photosChanged(photo.id);
    return SaveResult::Saved;
}

QList<CaptionDecision> PhotoRepository::captionDecisions(qint64 photoId)
{
    QList<CaptionDecision> decisions;
    SqlQuery query(m_library->database());
    query.prepare(u"SELECT id, photo_id, decision, caption, alt_text, reviewed, comment, decided_by, decided_at "
                  "FROM caption_approvals WHERE photo_id = :id ORDER BY id DESC"_s);
    query.bindValue(u":id"_s, photoId);
    if (!query.exec()) {
        m_error.fail(query, QObject::tr("Cannot read the caption's review history"));
        return decisions;
    }
    const QSqlRecord record = query.record();
    auto value = [&](const char *name) { return query.value(record.indexOf(QLatin1StringView(name))); };
    while (query.next()) {
        CaptionDecision decision;
        decision.id = value("id").toLongLong();
        decision.photoId = value("photo_id").toLongLong();
        decision.decision = captionApprovalFromKey(value("decision").toString()).value_or(CaptionApproval::Pending);
        decision.reviewed.id = decision.photoId;
        decision.reviewed.caption = value("caption").toString();
        decision.reviewed.altText = value("alt_text").toString();
        const QVariant reviewed = value("reviewed");
        decision.reviewedRecorded = !reviewed.isNull();
        const QJsonObject fields = QJsonDocument::fromJson(reviewed.toString().toUtf8()).object();
        for (auto it = fields.constBegin(); it != fields.constEnd(); ++it) {
            if (const std::optional<PhotoField> field = photoFieldFromKey(it.key()))
                setPhotoFieldText(decision.reviewed, *field, it.value().toString());
        }
        decision.comment = value("comment").toString();
        decision.decidedBy = value("decided_by").toString();
        decision.decidedAt = QDateTime::fromString(value("decided_at").toString(), Qt::ISODateWithMs);
        decisions << decision;
    }
    return decisions;
}
