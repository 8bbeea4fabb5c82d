// SPDX-License-Identifier: MIT
#include "photofieldseditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDate>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>

using namespace Qt::StringLiterals;

namespace {

bool isMultiLine(PhotoField field)
{
    return field == PhotoField::Caption || field == PhotoField::AltText;
}

// Keywords are one a line in a photo, comma-separated in a one-line field
// (as in the photo form).
QString shownText(PhotoField field, const QString &text)
{
    return field == PhotoField::Keywords ? text.split(u'\n', Qt::SkipEmptyParts).join(u", "_s) : text;
}

QString storedText(PhotoField field, const QString &shown)
{
    if (field != PhotoField::Keywords)
        return field == PhotoField::DateShot ? shown.trimmed() : shown;
    QStringList keywords;
    for (const QString &keyword : shown.split(u',', Qt::SkipEmptyParts)) {
        if (!keyword.trimmed().isEmpty())
            keywords << keyword.trimmed();
    }
    return keywords.join(u'\n');
}

} // namespace

PhotoFieldsEditor::PhotoFieldsEditor(const QList<PhotoField> &fields, QWidget *parent)
    : QWidget(parent)
    , m_fields(fields)
{
    auto *layout = new QFormLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->setRowWrapPolicy(QFormLayout::WrapLongRows);
    for (const PhotoField field : fields) {
        QWidget *editor = nullptr;
        if (isMultiLine(field)) {
            auto *text = new QPlainTextEdit(this);
            text->setTabChangesFocus(true);
            text->setFixedHeight(text->fontMetrics().lineSpacing() * (field == PhotoField::Caption ? 4 : 2) + 12);
            connect(text, &QPlainTextEdit::textChanged, this, [this, field] { touch(field); });
            editor = text;
        } else if (field == PhotoField::Decorative) {
            auto *box = new QCheckBox(this);
            connect(box, &QCheckBox::clicked, this, [this, field, box] {
                box->setTristate(false); // chosen now: on or off for every photo
                touch(field);
            });
            editor = box;
        } else if (field == PhotoField::ReleaseState || field == PhotoField::CommandShown) {
            auto *combo = new QComboBox(this);
            if (field == PhotoField::ReleaseState) {
                for (const ReleaseState state : {ReleaseState::NotReviewed, ReleaseState::Released, ReleaseState::NotReleased})
                    combo->addItem(releaseStateLabel(state), releaseStateKey(state));
            } else {
                combo->addItem(tr("none"), QString());
                for (const QString &command : combatantCommands())
                    combo->addItem(command, command);
            }
            connect(combo, &QComboBox::activated, this, [this, field, combo] {
                // "(mixed)" is no value to choose.
                const int mixed = combo->findData(QVariant());
                if (mixed >= 0 && combo->currentIndex() != mixed)
                    combo->removeItem(mixed);
                if (combo->findData(QVariant()) < 0)
                    touch(field);
            });
            editor = combo;
        } else {
            auto *line = new QLineEdit(this);
            if (field == PhotoField::DateShot)
                line->setPlaceholderText(tr("YYYY-MM-DD"));
            connect(line, &QLineEdit::textEdited, this, [this, field] { touch(field); });
            connect(line, &QLineEdit::returnPressed, this, &PhotoFieldsEditor::submitted);
            editor = line;
        }
        editor->setObjectName(photoFieldKey(field));
        m_editors.insert(int(field), editor);
        auto *label = new QLabel(photoFieldLabel(field) + u':', this);
        label->setBuddy(editor);
        layout->addRow(label, editor);
    }
}

QString PhotoFieldsEditor::mixedText()
{
    return tr("(mixed)");
}

QList<PhotoField> PhotoFieldsEditor::fields() const
{
    return m_fields;
}

QWidget *PhotoFieldsEditor::editor(PhotoField field) const
{
    return m_editors.value(int(field));
}

void PhotoFieldsEditor::setValues(const QMap<PhotoField, std::optional<QString>> &values)
{
    m_loading = true;
    m_touched.clear();
    m_mixed.clear();
    for (const PhotoField field : std::as_const(m_fields)) {
        const std::optional<QString> value = values.value(field, QString());
        if (!value)
            m_mixed.insert(int(field));
        QWidget *widget = editor(field);
        if (auto *line = qobject_cast<QLineEdit *>(widget)) {
            line->setText(value ? shownText(field, *value) : QString());
            line->setCursorPosition(0);
            if (field != PhotoField::DateShot || !value)
                line->setPlaceholderText(value ? QString() : mixedText());
            else
                line->setPlaceholderText(tr("YYYY-MM-DD"));
        } else if (auto *text = qobject_cast<QPlainTextEdit *>(widget)) {
            text->setPlainText(value.value_or(QString()));
            text->setPlaceholderText(value ? QString() : mixedText());
        } else if (auto *box = qobject_cast<QCheckBox *>(widget)) {
            box->setTristate(!value);
            box->setCheckState(!value ? Qt::PartiallyChecked : *value == u"true"_s ? Qt::Checked : Qt::Unchecked);
            box->setText(value ? QString() : mixedText());
        } else if (auto *combo = qobject_cast<QComboBox *>(widget)) {
            const int oldMixed = combo->findData(QVariant());
            if (oldMixed >= 0)
                combo->removeItem(oldMixed);
            if (!value) {
                combo->insertItem(0, mixedText(), QVariant());
                combo->setCurrentIndex(0);
            } else {
                // A value from elsewhere that is not in the list still shows.
                if (combo->findData(*value) < 0)
                    combo->addItem(*value, *value);
                combo->setCurrentIndex(combo->findData(*value));
            }
        }
    }
    m_loading = false;
}

void PhotoFieldsEditor::touch(PhotoField field)
{
    if (m_loading)
        return;
    m_touched.insert(int(field));
    Q_EMIT edited();
}

bool PhotoFieldsEditor::isTouched(PhotoField field) const
{
    return m_touched.contains(int(field));
}

QString PhotoFieldsEditor::textOf(PhotoField field) const
{
    QWidget *widget = editor(field);
    if (auto *line = qobject_cast<QLineEdit *>(widget))
        return storedText(field, line->text());
    if (auto *text = qobject_cast<QPlainTextEdit *>(widget))
        return text->toPlainText();
    if (auto *box = qobject_cast<QCheckBox *>(widget))
        return box->checkState() == Qt::Checked ? u"true"_s : u"false"_s;
    if (auto *combo = qobject_cast<QComboBox *>(widget))
        return combo->currentData().toString();
    return {};
}

PhotoBatch::Edits PhotoFieldsEditor::edits() const
{
    PhotoBatch::Edits edits;
    for (const PhotoField field : std::as_const(m_fields)) {
        if (isTouched(field))
            edits.insert(field, textOf(field));
    }
    return edits;
}

PhotoBatch::Edits PhotoFieldsEditor::values() const
{
    PhotoBatch::Edits values;
    for (const PhotoField field : std::as_const(m_fields)) {
        if (isTouched(field) || !m_mixed.contains(int(field)))
            values.insert(field, textOf(field));
    }
    return values;
}

QString PhotoFieldsEditor::problem() const
{
    const PhotoBatch::Edits changed = edits();
    const QString date = changed.value(PhotoField::DateShot);
    if (!date.isEmpty() && !QDate::fromString(date, Qt::ISODate).isValid())
        return tr("The date shot \"%1\" is not a date like 2025-03-06.").arg(date);
    return {};
}
