// SPDX-License-Identifier: MIT
#include "phototemplates.h"

#include "library.h"
#include "people.h"
#include "sqldialect.h"
#include "sqlquery.h"
#include "textsafety.h"
#include "workflow.h"

#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::StringLiterals;

QList<PhotoField> templateFields()
{
    return {PhotoField::Photographer, PhotoField::Unit,         PhotoField::CreatorEmail, PhotoField::CreatorPhone,
            PhotoField::Credit,       PhotoField::Operation,    PhotoField::City,         PhotoField::Sublocation,
            PhotoField::State,        PhotoField::Country,      PhotoField::CountryCode,  PhotoField::CommandShown,
            PhotoField::Keywords,     PhotoField::ReleaseAuthority};
}

PhotoBatch::Edits PhotoTemplate::filledFields() const
{
    PhotoBatch::Edits filled;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        if (!it.value().isEmpty())
            filled.insert(it.key(), it.value());
    }
    return filled;
}

namespace {

QString columns()
{
    QStringList names{u"id"_s, u"name"_s};
    for (const PhotoField field : templateFields())
        names << photoFieldKey(field);
    names << u"updated_at"_s << u"updated_by"_s << u"row_version"_s;
    return names.join(u", "_s);
}

PhotoTemplate templateFromQuery(const QSqlQuery &query)
{
    const QSqlRecord record = query.record();
    auto value = [&](const QString &name) { return query.value(record.indexOf(name)); };
    PhotoTemplate result;
    result.id = value(u"id"_s).toLongLong();
    result.name = value(u"name"_s).toString();
    for (const PhotoField field : templateFields())
        result.values.insert(field, value(photoFieldKey(field)).toString());
    result.updatedAt = QDateTime::fromString(value(u"updated_at"_s).toString(), Qt::ISODateWithMs);
    result.updatedBy = value(u"updated_by"_s).toString();
    result.rowVersion = value(u"row_version"_s).toLongLong();
    return result;
}

} // namespace

PhotoTemplateRepository::PhotoTemplateRepository(Library *library)
    : m_library(library)
{
}

QString PhotoTemplateRepository::errorString() const
{
    return m_error.message();
}

bool PhotoTemplateRepository::mayManage()
{
    const Workflow::Verdict verdict = Workflow::checkPhotoTemplates(PeopleRepository(m_library).roleOfActor());
    return verdict.allowed || m_error.fail(verdict.reason);
}

QList<PhotoTemplate> PhotoTemplateRepository::list()
{
    QList<PhotoTemplate> templates;
    SqlQuery query(m_library->database());
    if (!query.exec(u"SELECT %1 FROM photo_templates ORDER BY %2, id"_s.arg(
            columns(), m_library->dialect().caseInsensitiveOrder(u"name"_s)))) {
        m_error.fail(query, QObject::tr("Cannot read the metadata templates"));
        return templates;
    }
    while (query.next())
        templates << templateFromQuery(query);
    return templates;
}

std::optional<PhotoTemplate> PhotoTemplateRepository::load(qint64 id)
{
    SqlQuery query(m_library->database());
    query.prepare(u"SELECT %1 FROM photo_templates WHERE id = :id"_s.arg(columns()));
    query.bindValue(u":id"_s, id);
    if (!query.exec()) {
        m_error.fail(query, QObject::tr("Cannot read the metadata templates"));
        return std::nullopt;
    }
    if (!query.next()) {
        m_error.fail(QObject::tr("The metadata template is gone; someone deleted it."));
        return std::nullopt;
    }
    return templateFromQuery(query);
}

std::optional<PhotoTemplate> PhotoTemplateRepository::findByName(const QString &name)
{
    const QString wanted = TextSafety::clean(name, TextSafety::Lines::Single).trimmed();
    for (const PhotoTemplate &each : list()) {
        if (each.name.compare(wanted, Qt::CaseInsensitive) == 0)
            return each;
    }
    if (m_error.message().isEmpty())
        m_error.fail(QObject::tr("There is no metadata template named \"%1\" in this library.").arg(wanted));
    return std::nullopt;
}

PhotoTemplateRepository::SaveResult PhotoTemplateRepository::save(PhotoTemplate &photoTemplate)
{
    m_error.clear();
    if (!mayManage())
        return SaveResult::NotAllowed;
    // What the library holds is clean, whoever calls (textsafety.h).
    PhotoTemplate clean = photoTemplate;
    clean.name = TextSafety::clean(clean.name, TextSafety::Lines::Single).trimmed();
    for (auto it = clean.values.begin(); it != clean.values.end(); ++it) {
        // Keywords are one a line; every other field is one line.
        const bool lines = it.key() == PhotoField::Keywords;
        it.value() = TextSafety::clean(it.value(), lines ? TextSafety::Lines::Multi : TextSafety::Lines::Single);
        if (lines)
            it.value() = it.value().split(u'\n', Qt::SkipEmptyParts).join(u'\n');
    }
    if (clean.name.isEmpty()) {
        m_error.fail(QObject::tr("A metadata template needs a name."));
        return SaveResult::Failed;
    }
    WriteTransaction transaction(m_library, &m_error);
    if (!transaction.begin())
        return SaveResult::Failed;
    SqlQuery query(m_library->database());
    query.prepare(u"SELECT id, name FROM photo_templates WHERE id <> :id"_s);
    query.bindValue(u":id"_s, clean.id);
    if (!query.exec()) {
        m_error.fail(query, QObject::tr("Cannot read the metadata templates"));
        return SaveResult::Failed;
    }
    while (query.next()) {
        if (query.value(1).toString().compare(clean.name, Qt::CaseInsensitive) == 0) {
            m_error.fail(QObject::tr("There is a metadata template named \"%1\" already; choose another name.")
                             .arg(query.value(1).toString()));
            return SaveResult::Failed;
        }
    }
    query.finish();
    QStringList names{u"name"_s};
    for (const PhotoField field : templateFields())
        names << photoFieldKey(field);
    const QString now = Library::nowUtc();
    if (clean.id == 0) {
        QStringList placeholders;
        for (const QString &name : std::as_const(names))
            placeholders << u':' + name;
        query.prepare(u"INSERT INTO photo_templates (%1, created_at, updated_at, updated_by) VALUES (%2, :now, :now, :actor) "
                      "RETURNING id"_s.arg(names.join(u", "_s), placeholders.join(u", "_s)));
    } else {
        QStringList assignments;
        for (const QString &name : std::as_const(names))
            assignments << u"%1 = :%1"_s.arg(name);
        query.prepare(u"UPDATE photo_templates SET %1, updated_at = :now, updated_by = :actor, row_version = row_version + 1 "
                      "WHERE id = :id AND row_version = :version"_s.arg(assignments.join(u", "_s)));
        query.bindValue(u":id"_s, clean.id);
        query.bindValue(u":version"_s, clean.rowVersion);
    }
    query.bindValue(u":name"_s, sqlText(clean.name));
    for (const PhotoField field : templateFields())
        query.bindValue(u':' + photoFieldKey(field), sqlText(clean.values.value(field)));
    query.bindValue(u":now"_s, now);
    query.bindValue(u":actor"_s, sqlText(m_library->actor()));
    if (!query.exec()) {
        m_error.fail(query, QObject::tr("Cannot save the metadata template \"%1\"").arg(clean.name));
        return SaveResult::Failed;
    }
    if (clean.id == 0) {
        if (!query.next()) {
            m_error.fail(query, QObject::tr("Cannot save the metadata template \"%1\"").arg(clean.name));
            return SaveResult::Failed;
        }
        clean.id = query.value(0).toLongLong();
        clean.rowVersion = 1;
    } else {
        if (query.numRowsAffected() != 1) {
            m_error.fail(QObject::tr("The metadata template \"%1\" was changed or deleted elsewhere since you opened it; "
                                     "your changes were not saved over it.")
                             .arg(clean.name));
            return SaveResult::Conflict;
        }
        clean.rowVersion += 1;
    }
    query.finish();
    if (!transaction.commit())
        return SaveResult::Failed;
    clean.updatedAt = QDateTime::fromString(now, Qt::ISODateWithMs);
    clean.updatedBy = m_library->actor();
    photoTemplate = clean;
    return SaveResult::Saved;
}

bool PhotoTemplateRepository::remove(qint64 id)
{
    m_error.clear();
    if (!mayManage())
        return false;
    SqlQuery query(m_library->database());
    query.prepare(u"DELETE FROM photo_templates WHERE id = :id"_s);
    query.bindValue(u":id"_s, id);
    if (!query.exec())
        return m_error.fail(query, QObject::tr("Cannot delete the metadata template"));
    return true;
}
