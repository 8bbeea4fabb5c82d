// SPDX-License-Identifier: MIT
#pragma once

#include "glossary.h"

#include <QDialog>

#include <optional>

class Library;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;

// Tools ▸ Glossary…: the library's names and code replacements, to search,
// add, change and delete. What the library refuses (a code taken, a control
// character, a writer changing an entry) is said under the form, and what was
// typed stays there to fix. A deletion can be undone while the dialog is open.
class GlossaryDialog : public QDialog
{
    Q_OBJECT
public:
    explicit GlossaryDialog(Library *library, QWidget *parent = nullptr);

    QLineEdit *searchField() const;
    QLineEdit *codeField() const;
    QLineEdit *textField() const;
    QTableView *table() const;
    QPushButton *addButton() const;
    QPushButton *saveButton() const;
    QPushButton *deleteButton() const;
    QPushButton *undoDeleteButton() const;
    // What the last action said: its error, or what it did.
    QLabel *messageLabel() const;

    // The entries shown, in order (after the search).
    QList<GlossaryEntry> shownEntries() const;
    // Selects the entry with id, filling the form with it.
    void selectEntry(qint64 id);

Q_SIGNALS:
    // An entry was added, changed or deleted: reload what depends on it.
    void glossaryChanged();

private:
    void reload(qint64 selectId = 0);
    void fillForm();
    void add();
    void save();
    void removeSelected();
    void undoDelete();
    std::optional<GlossaryEntry> selectedEntry() const;
    void report(const QString &message, bool error);

    Library *m_library;
    QLineEdit *m_search;
    QStandardItemModel *m_model;
    QSortFilterProxyModel *m_filter;
    QTableView *m_table;
    QLineEdit *m_code;
    QLineEdit *m_text;
    QPushButton *m_add;
    QPushButton *m_save;
    QPushButton *m_delete;
    QPushButton *m_undoDelete;
    QLabel *m_message;
    std::optional<GlossaryEntry> m_deleted;
};
