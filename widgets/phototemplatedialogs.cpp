// SPDX-License-Identifier: MIT
#include "phototemplatedialogs.h"

#include "library.h"
#include "photofieldseditor.h"
#include "prompter.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

// A template's field as the list shows it: keywords comma-separated.
QString shownValue(PhotoField field, const QString &text)
{
    return field == PhotoField::Keywords ? text.split(u'\n', Qt::SkipEmptyParts).join(u", "_s) : text;
}

} // namespace

ApplyTemplateDialog::ApplyTemplateDialog(const QList<PhotoTemplate> &templates, int photoCount, QWidget *parent)
    : QDialog(parent)
    , m_templates(templates)
    , m_choice(new QComboBox(this))
    , m_fields(new QListWidget(this))
{
    setObjectName(u"applyTemplateDialog"_s);
    setWindowTitle(tr("Apply Template"));
    m_choice->setObjectName(u"templateChoice"_s);
    for (const PhotoTemplate &each : templates)
        m_choice->addItem(each.name, each.id);
    m_fields->setObjectName(u"templateFields"_s);
    m_fields->setToolTip(tr("Ticked fields are set on every selected photo; an empty field that is ticked is cleared."));
    auto *form = new QFormLayout;
    auto *choiceLabel = new QLabel(tr("&Template:"), this);
    choiceLabel->setBuddy(m_choice);
    form->addRow(choiceLabel, m_choice);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_apply = buttons->button(QDialogButtonBox::Ok);
    m_apply->setObjectName(u"applyTemplate"_s);
    m_apply->setText(tr("&Apply to %n Photo(s)", nullptr, photoCount));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Fields to set:"), this));
    layout->addWidget(m_fields, 1);
    layout->addWidget(buttons);
    connect(m_choice, &QComboBox::currentIndexChanged, this, &ApplyTemplateDialog::showTemplate);
    connect(m_fields, &QListWidget::itemChanged, this, [this] { m_apply->setEnabled(!tickedFields().isEmpty()); });
    showTemplate(m_choice->currentIndex());
    resize(sizeHint().expandedTo(QSize(420, 420)));
}

QComboBox *ApplyTemplateDialog::templateChoice() const
{
    return m_choice;
}

QListWidget *ApplyTemplateDialog::fieldList() const
{
    return m_fields;
}

const PhotoTemplate &ApplyTemplateDialog::chosen() const
{
    static const PhotoTemplate none;
    const int index = m_choice->currentIndex();
    return index >= 0 && index < m_templates.size() ? m_templates.at(index) : none;
}

void ApplyTemplateDialog::showTemplate(int index)
{
    m_fields->clear();
    if (index < 0 || index >= m_templates.size())
        return;
    const PhotoTemplate &shown = m_templates.at(index);
    for (const PhotoField field : templateFields()) {
        const QString value = shown.values.value(field);
        auto *item = new QListWidgetItem(
            value.isEmpty() ? tr("%1: (empty)").arg(photoFieldLabel(field))
                            : tr("%1: %2").arg(photoFieldLabel(field), shownValue(field, value)),
            m_fields);
        item->setData(Qt::UserRole, int(field));
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(value.isEmpty() ? Qt::Unchecked : Qt::Checked);
    }
    m_apply->setEnabled(!tickedFields().isEmpty());
}

PhotoBatch::Edits ApplyTemplateDialog::tickedFields() const
{
    PhotoBatch::Edits edits;
    const PhotoTemplate &shown = chosen();
    for (int row = 0; row < m_fields->count(); ++row) {
        const QListWidgetItem *item = m_fields->item(row);
        if (item->checkState() == Qt::Checked) {
            const auto field = PhotoField(item->data(Qt::UserRole).toInt());
            edits.insert(field, shown.values.value(field));
        }
    }
    return edits;
}

TemplateManagerDialog::TemplateManagerDialog(Library *library, Prompter &prompter, QWidget *parent)
    : QDialog(parent)
    , m_library(library)
    , m_prompter(prompter)
    , m_list(new QListWidget(this))
    , m_name(new QLineEdit(this))
    , m_editor(new PhotoFieldsEditor(templateFields(), this))
    , m_new(new QPushButton(tr("&New…"), this))
    , m_delete(new QPushButton(tr("&Delete…"), this))
    , m_save(new QPushButton(tr("&Save"), this))
{
    setObjectName(u"templateManager"_s);
    setWindowTitle(tr("Metadata Templates"));
    m_list->setObjectName(u"templateList"_s);
    m_name->setObjectName(u"templateName"_s);
    m_editor->setObjectName(u"templateFieldsEditor"_s);
    m_new->setObjectName(u"newTemplate"_s);
    m_delete->setObjectName(u"deleteTemplate"_s);
    m_save->setObjectName(u"saveTemplate"_s);
    m_save->setShortcut(QKeySequence::Save);
    m_save->setAutoDefault(false);
    m_new->setAutoDefault(false);
    m_delete->setAutoDefault(false);

    auto *nameLabel = new QLabel(tr("&Name:"), this);
    nameLabel->setBuddy(m_name);
    auto *nameRow = new QHBoxLayout;
    nameRow->addWidget(nameLabel);
    nameRow->addWidget(m_name, 1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_editor);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *right = new QVBoxLayout;
    right->addLayout(nameRow);
    right->addWidget(scroll, 1);

    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_new);
    listButtons->addWidget(m_delete);
    listButtons->addStretch(1);
    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);

    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right, 2);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_save, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(buttons);

    connect(m_new, &QPushButton::clicked, this, &TemplateManagerDialog::createTemplate);
    connect(m_delete, &QPushButton::clicked, this, &TemplateManagerDialog::deleteShown);
    connect(m_save, &QPushButton::clicked, this, &TemplateManagerDialog::saveShown);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (m_switching)
            return;
        // The one shown is kept before another is shown.
        if (isModified()) {
            const qint64 wanted = row >= 0 && row < m_templates.size() ? m_templates.at(row).id : 0;
            if (saveShown()) {
                reload(wanted);
            } else {
                m_switching = true;
                m_list->setCurrentRow(m_shown);
                m_switching = false;
            }
            return;
        }
        showTemplate(row);
    });
    reload(0);
    resize(sizeHint().expandedTo(QSize(760, 560)));
}

QListWidget *TemplateManagerDialog::templateList() const
{
    return m_list;
}

QLineEdit *TemplateManagerDialog::nameEdit() const
{
    return m_name;
}

PhotoFieldsEditor *TemplateManagerDialog::fieldsEditor() const
{
    return m_editor;
}

void TemplateManagerDialog::reload(qint64 selectId)
{
    m_switching = true;
    m_templates = m_library ? PhotoTemplateRepository(m_library).list() : QList<PhotoTemplate>();
    m_list->clear();
    int select = m_templates.isEmpty() ? -1 : 0;
    for (int i = 0; i < m_templates.size(); ++i) {
        m_list->addItem(m_templates.at(i).name);
        if (m_templates.at(i).id == selectId)
            select = i;
    }
    m_list->setCurrentRow(select);
    m_switching = false;
    showTemplate(select);
}

void TemplateManagerDialog::showTemplate(int row)
{
    m_shown = row;
    const bool any = row >= 0 && row < m_templates.size();
    m_name->setEnabled(any);
    m_editor->setEnabled(any);
    m_delete->setEnabled(any);
    m_save->setEnabled(any);
    QMap<PhotoField, std::optional<QString>> values;
    if (any) {
        m_name->setText(m_templates.at(row).name);
        for (auto it = m_templates.at(row).values.cbegin(); it != m_templates.at(row).values.cend(); ++it)
            values.insert(it.key(), it.value());
    } else {
        m_name->clear();
    }
    m_editor->setValues(values);
}

bool TemplateManagerDialog::isModified() const
{
    if (m_shown < 0 || m_shown >= m_templates.size())
        return false;
    const PhotoTemplate &shown = m_templates.at(m_shown);
    if (m_name->text().trimmed() != shown.name)
        return true;
    const PhotoBatch::Edits values = m_editor->values();
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        if (it.value() != shown.values.value(it.key()))
            return true;
    }
    return false;
}

bool TemplateManagerDialog::createTemplate()
{
    if (!m_library)
        return false;
    if (isModified() && !saveShown())
        return false;
    const std::optional<QString> name = m_prompter.askText(this, tr("New Template"), tr("Name of the new template:"));
    if (!name || name->trimmed().isEmpty())
        return false;
    PhotoTemplate created;
    created.name = *name;
    for (const PhotoField field : templateFields())
        created.values.insert(field, QString());
    PhotoTemplateRepository repository(m_library);
    if (repository.save(created) != PhotoTemplateRepository::SaveResult::Saved) {
        m_prompter.tell(this, Prompter::Severity::Warning, tr("New Template"), repository.errorString());
        return false;
    }
    reload(created.id);
    m_editor->setFocus();
    return true;
}

bool TemplateManagerDialog::saveShown()
{
    if (!m_library || m_shown < 0 || m_shown >= m_templates.size())
        return false;
    PhotoTemplate edited = m_templates.at(m_shown);
    edited.name = m_name->text();
    const PhotoBatch::Edits values = m_editor->values();
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        edited.values.insert(it.key(), it.value());
    PhotoTemplateRepository repository(m_library);
    if (repository.save(edited) != PhotoTemplateRepository::SaveResult::Saved) {
        m_prompter.tell(this, Prompter::Severity::Warning, tr("Save Template"), repository.errorString());
        return false;
    }
    reload(edited.id);
    return true;
}

bool TemplateManagerDialog::deleteShown()
{
    if (!m_library || m_shown < 0 || m_shown >= m_templates.size())
        return false;
    const PhotoTemplate shown = m_templates.at(m_shown);
    const int answer = m_prompter.choose(this, Prompter::Severity::Warning, tr("Delete Template"),
                                         tr("Delete the template \"%1\" for everyone using this library?").arg(shown.name),
                                         {{tr("Delete"), Prompter::Button::Role::Destructive}, {tr("Cancel"), Prompter::Button::Role::Cancel}},
                                         1);
    if (answer != 0)
        return false;
    PhotoTemplateRepository repository(m_library);
    if (!repository.remove(shown.id)) {
        m_prompter.tell(this, Prompter::Severity::Warning, tr("Delete Template"), repository.errorString());
        return false;
    }
    reload(0);
    return true;
}

void TemplateManagerDialog::done(int result)
{
    // Closing keeps what was typed, as switching does.
    if (isModified() && !saveShown())
        return;
    QDialog::done(result);
}
