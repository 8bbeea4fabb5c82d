// SPDX-License-Identifier: MIT
#pragma once

#include "photobatch.h"

#include <QHash>
#include <QSet>
#include <QWidget>

#include <optional>

class QFormLayout;

// Editors for a set of photo fields whose values may differ between the
// photos they stand for: a field whose photos disagree is empty with the
// placeholder "(mixed)" (a combo box says so, a check box is partly
// checked), and is left alone unless the user changes it. The media panel's
// batch form and the metadata templates' editor use it.
class PhotoFieldsEditor : public QWidget
{
    Q_OBJECT
public:
    explicit PhotoFieldsEditor(const QList<PhotoField> &fields, QWidget *parent = nullptr);

    // Each field's text (photoFieldText's form), nullopt for "mixed"; a
    // field not given is empty. Forgets what was touched.
    void setValues(const QMap<PhotoField, std::optional<QString>> &values);
    // The fields the user changed since setValues(), with their text.
    PhotoBatch::Edits edits() const;
    // Every field's text as shown (a mixed field untouched is left out).
    PhotoBatch::Edits values() const;
    bool isTouched(PhotoField field) const;
    // Why edits() cannot be applied (a date that is no date), or empty.
    QString problem() const;

    QWidget *editor(PhotoField field) const;
    QList<PhotoField> fields() const;
    // The placeholder of a mixed field.
    static QString mixedText();

Q_SIGNALS:
    void edited();
    // Return pressed in a one-line field.
    void submitted();

private:
    void touch(PhotoField field);
    QString textOf(PhotoField field) const;

    QList<PhotoField> m_fields;
    QHash<int, QWidget *> m_editors; // by PhotoField
    QSet<int> m_touched;
    QSet<int> m_mixed;
    bool m_loading = false;
};
