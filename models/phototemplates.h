// SPDX-License-Identifier: MIT
#pragma once

#include "photobatch.h"
#include "repositoryerror.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

class Library;

// A metadata template: the fields a desk sets on every photo of an assignment
// (photographer, unit, credit, operation, place, release authority,
// keywords, Command Shown, the photographer's contact), kept in the library so
// that a team shares them. Applied to a selection with a tick per field
// (PhotoBatch, as the batch form applies edits) or to every photo an import
// brings in.
struct PhotoTemplate
{
    qint64 id = 0;
    QString name;
    // Every templateFields() field's text, as photoFieldText() writes it
    // (keywords one a line); an empty one is empty, not "unset": the apply
    // dialog's ticks say which are applied.
    PhotoBatch::Edits values;
    QDateTime updatedAt;
    QString updatedBy;
    qint64 rowVersion = 0;

    // The fields it sets when applied whole (to an import): those not empty.
    PhotoBatch::Edits filledFields() const;
};

// The photo fields a template holds, in the form's order; their keys are the
// table's columns.
QList<PhotoField> templateFields();

// The library's templates (table photo_templates). Any of its people may
// create, change, rename and delete them (Workflow::checkPhotoTemplates);
// on a team library the server signs each change with the caller's person.
class PhotoTemplateRepository
{
public:
    explicit PhotoTemplateRepository(Library *library);

    // By name, case aside.
    QList<PhotoTemplate> list();
    std::optional<PhotoTemplate> load(qint64 id);
    std::optional<PhotoTemplate> findByName(const QString &name);

    enum class SaveResult { Saved, Conflict, Failed, NotAllowed };
    // A new template (id 0) or a change to one (its rowVersion must be the
    // stored one, else Conflict). The name is needed and unique, case aside;
    // text is cleaned as every text entering the library is.
    SaveResult save(PhotoTemplate &photoTemplate);
    bool remove(qint64 id);

    QString errorString() const;

private:
    bool mayManage();

    Library *m_library;
    RepositoryError m_error;
};
