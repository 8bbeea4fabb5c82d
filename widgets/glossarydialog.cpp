// SPDX-License-Identifier: MIT
#include "glossarydialog.h"

#include "library.h"
#include "textsafety.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
constexpr int IdRole = Qt::UserRole + 1;
enum Column { CodeColumn, TextColumn, AddedByColumn };
} // namespace

GlossaryDialog::GlossaryDialog(Library *library, QWidget *parent)
    : QDialog(parent)
    , m_library(library)
    , m_search(new QLineEdit(this))
    , m_model(new QStandardItemModel(0, 3, this))
    , m_filter(new QSortFilterProxyModel(this))
    , m_table(new QTableView(this))
    , m_code(new QLineEdit(this))
    , m_text(new QLineEdit(this))
    , m_add(new QPushButton(tr("&Add"), this))
    , m_save(new QPushButton(tr("&Save Changes"), this))
    , m_delete(new QPushButton(tr("&Delete"), this))
    , m_undoDelete(new QPushButton(tr("&Undo Delete"), this))
    , m_message(new QLabel(this))
{
    setObjectName(u"glossaryDialog"_s);
    setWindowTitle(tr("Glossary"));
    resize(720, 480);

    m_search->setObjectName(u"glossarySearch"_s);
    m_search->setPlaceholderText(tr("Search names, codes and expansions"));
    m_search->setClearButtonEnabled(true);
    m_model->setHorizontalHeaderLabels({tr("Code"), tr("Name or expansion"), tr("Added by")});
    m_filter->setSourceModel(m_model);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setFilterKeyColumn(-1);
    m_table->setObjectName(u"glossaryTable"_s);
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(TextColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();

    m_code->setObjectName(u"glossaryCode"_s);
    m_code->setPlaceholderText(tr("cjcs (typed as =cjcs=); empty for a name"));
    m_code->setMaxLength(int(Glossary::maxCodeLength));
    m_text->setObjectName(u"glossaryText"_s);
    m_text->setPlaceholderText(tr("Chairman of the Joint Chiefs of Staff Gen. Dan Caine"));
    m_add->setObjectName(u"glossaryAdd"_s);
    m_save->setObjectName(u"glossarySave"_s);
    m_delete->setObjectName(u"glossaryDelete"_s);
    m_undoDelete->setObjectName(u"glossaryUndoDelete"_s);
    m_undoDelete->setEnabled(false);
    m_message->setObjectName(u"glossaryMessage"_s);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);

    auto *form = new QFormLayout;
    form->addRow(tr("&Code:"), m_code);
    form->addRow(tr("&Text:"), m_text);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_save);
    buttons->addWidget(m_delete);
    buttons->addWidget(m_undoDelete);
    buttons->addStretch();
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_table, 1);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_message);
    layout->addWidget(close);

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_search, &QLineEdit::textChanged, m_filter, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &GlossaryDialog::fillForm);
    connect(m_add, &QPushButton::clicked, this, &GlossaryDialog::add);
    connect(m_save, &QPushButton::clicked, this, &GlossaryDialog::save);
    connect(m_delete, &QPushButton::clicked, this, &GlossaryDialog::removeSelected);
    connect(m_undoDelete, &QPushButton::clicked, this, &GlossaryDialog::undoDelete);
    // Delete removes the selected entry from the table; Ctrl+Z brings back
    // the last one deleted (the fields keep their own undo).
    auto *deleteKey = new QAction(m_table);
    deleteKey->setShortcut(QKeySequence::Delete);
    deleteKey->setShortcutContext(Qt::WidgetShortcut);
    m_table->addAction(deleteKey);
    connect(deleteKey, &QAction::triggered, this, &GlossaryDialog::removeSelected);
    auto *undoKey = new QAction(m_table);
    undoKey->setShortcut(QKeySequence::Undo);
    undoKey->setShortcutContext(Qt::WidgetShortcut);
    m_table->addAction(undoKey);
    connect(undoKey, &QAction::triggered, this, &GlossaryDialog::undoDelete);

    reload();
    fillForm();
}

QLineEdit *GlossaryDialog::searchField() const { return m_search; }
QLineEdit *GlossaryDialog::codeField() const { return m_code; }
QLineEdit *GlossaryDialog::textField() const { return m_text; }
QTableView *GlossaryDialog::table() const { return m_table; }
QPushButton *GlossaryDialog::addButton() const { return m_add; }
QPushButton *GlossaryDialog::saveButton() const { return m_save; }
QPushButton *GlossaryDialog::deleteButton() const { return m_delete; }
QPushButton *GlossaryDialog::undoDeleteButton() const { return m_undoDelete; }
QLabel *GlossaryDialog::messageLabel() const { return m_message; }

QList<GlossaryEntry> GlossaryDialog::shownEntries() const
{
    QList<GlossaryEntry> entries;
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        GlossaryEntry entry;
        entry.id = m_filter->index(row, CodeColumn).data(IdRole).toLongLong();
        entry.code = m_filter->index(row, CodeColumn).data(Qt::UserRole).toString();
        entry.text = m_filter->index(row, TextColumn).data().toString();
        entry.createdBy = m_filter->index(row, AddedByColumn).data().toString();
        entries << entry;
    }
    return entries;
}

void GlossaryDialog::selectEntry(qint64 id)
{
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        if (m_filter->index(row, CodeColumn).data(IdRole).toLongLong() == id) {
            m_table->selectionModel()->setCurrentIndex(m_filter->index(row, CodeColumn),
                                                       QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            return;
        }
    }
}

void GlossaryDialog::reload(qint64 selectId)
{
    GlossaryRepository repository(m_library);
    const std::optional<QList<GlossaryEntry>> entries = repository.entries();
    if (!entries) {
        report(repository.errorString(), true);
        return;
    }
    m_model->removeRows(0, m_model->rowCount());
    for (const GlossaryEntry &entry : *entries) {
        auto *code = new QStandardItem(entry.code.isEmpty() ? QString() : u"=%1="_s.arg(entry.code));
        code->setData(entry.id, IdRole);
        code->setData(entry.code, Qt::UserRole);
        auto *text = new QStandardItem(entry.text);
        // Shown as typed; a tooltip would read it as markup.
        text->setToolTip(TextSafety::asRichText(entry.text));
        m_model->appendRow({code, text, new QStandardItem(entry.createdBy)});
    }
    if (selectId)
        selectEntry(selectId);
}

std::optional<GlossaryEntry> GlossaryDialog::selectedEntry() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid() || !m_table->selectionModel()->isRowSelected(current.row(), {}))
        return std::nullopt;
    GlossaryEntry entry;
    entry.id = m_filter->index(current.row(), CodeColumn).data(IdRole).toLongLong();
    entry.code = m_filter->index(current.row(), CodeColumn).data(Qt::UserRole).toString();
    entry.text = m_filter->index(current.row(), TextColumn).data().toString();
    return entry;
}

void GlossaryDialog::fillForm()
{
    const std::optional<GlossaryEntry> entry = selectedEntry();
    m_save->setEnabled(entry.has_value());
    m_delete->setEnabled(entry.has_value());
    if (!entry)
        return;
    m_code->setText(entry->code);
    m_text->setText(entry->text);
}

void GlossaryDialog::report(const QString &message, bool error)
{
    m_message->setText(message);
    m_message->setProperty("error", error);
    m_message->setStyleSheet(error ? u"color: palette(highlighted-text); background: #b00020; padding: 4px;"_s : QString());
}

void GlossaryDialog::add()
{
    GlossaryRepository repository(m_library);
    const std::optional<GlossaryEntry> added = repository.add(m_code->text(), m_text->text());
    if (!added) {
        report(repository.errorString(), true);
        return;
    }
    report(added->code.isEmpty() ? tr("Added \"%1\".").arg(added->text)
                                 : tr("Added =%1=: \"%2\".").arg(added->code, added->text),
           false);
    m_search->clear();
    reload(added->id);
    Q_EMIT glossaryChanged();
}

void GlossaryDialog::save()
{
    std::optional<GlossaryEntry> entry = selectedEntry();
    if (!entry)
        return;
    entry->code = m_code->text();
    entry->text = m_text->text();
    GlossaryRepository repository(m_library);
    if (!repository.update(*entry)) {
        report(repository.errorString(), true);
        return;
    }
    report(tr("Saved \"%1\".").arg(entry->text), false);
    reload(entry->id);
    Q_EMIT glossaryChanged();
}

void GlossaryDialog::removeSelected()
{
    const std::optional<GlossaryEntry> entry = selectedEntry();
    if (!entry)
        return;
    GlossaryRepository repository(m_library);
    if (!repository.remove(entry->id)) {
        report(repository.errorString(), true);
        return;
    }
    m_deleted = entry;
    m_undoDelete->setEnabled(true);
    report(tr("Deleted \"%1\". Undo Delete (Ctrl+Z) brings it back.").arg(entry->text), false);
    reload();
    Q_EMIT glossaryChanged();
}

void GlossaryDialog::undoDelete()
{
    if (!m_deleted)
        return;
    GlossaryRepository repository(m_library);
    const std::optional<GlossaryEntry> added = repository.add(m_deleted->code, m_deleted->text);
    if (!added) {
        report(repository.errorString(), true);
        return;
    }
    m_deleted.reset();
    m_undoDelete->setEnabled(false);
    report(tr("\"%1\" is back.").arg(added->text), false);
    reload(added->id);
    Q_EMIT glossaryChanged();
}
