// SPDX-License-Identifier: MIT
#pragma once

#include "phototemplates.h"

#include <QDialog>
#include <QPointer>

class Library;
class PhotoFieldsEditor;
class Prompter;
class QComboBox;
class QLineEdit;
class QListWidget;
class QPushButton;

// Applies one of the library's metadata templates to the selected photos,
// with a tick per field: the fields the template fills are ticked, the empty
// ones not (ticking one clears that field on every photo).
class ApplyTemplateDialog : public QDialog
{
    Q_OBJECT
public:
    ApplyTemplateDialog(const QList<PhotoTemplate> &templates, int photoCount, QWidget *parent = nullptr);

    QComboBox *templateChoice() const;
    QListWidget *fieldList() const;
    const PhotoTemplate &chosen() const;
    // The ticked fields with the chosen template's text.
    PhotoBatch::Edits tickedFields() const;

private:
    void showTemplate(int index);

    QList<PhotoTemplate> m_templates;
    QComboBox *m_choice;
    QListWidget *m_fields;
    QPushButton *m_apply;
};

// Creates, edits, renames and deletes the library's metadata templates.
// Changing to another template (or closing) saves the one shown.
class TemplateManagerDialog : public QDialog
{
    Q_OBJECT
public:
    // prompter (which must outlive the dialog) asks for a new template's name
    // and whether to delete one.
    TemplateManagerDialog(Library *library, Prompter &prompter, QWidget *parent = nullptr);

    QListWidget *templateList() const;
    QLineEdit *nameEdit() const;
    PhotoFieldsEditor *fieldsEditor() const;
    // The buttons' work, for the buttons and tests.
    bool createTemplate();
    bool saveShown();
    bool deleteShown();
    void done(int result) override;

private:
    void reload(qint64 selectId);
    void showTemplate(int row);
    bool isModified() const;

    QPointer<Library> m_library;
    Prompter &m_prompter;
    QList<PhotoTemplate> m_templates;
    int m_shown = -1;
    bool m_switching = false;
    QListWidget *m_list;
    QLineEdit *m_name;
    PhotoFieldsEditor *m_editor;
    QPushButton *m_new;
    QPushButton *m_delete;
    QPushButton *m_save;
};
