// SPDX-License-Identifier: MIT
#include "prompter.h"

#include <QAbstractButton>
#include <QFileDialog>
#include <QInputDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

Prompter::~Prompter() = default;

QString Prompter::askFile(QWidget *parent, FileMode mode, const QString &title, const QString &directory,
                          const QString &filter)
{
    return askFiles(parent, mode, title, directory, filter).value(0);
}

void Prompter::tellWithDetails(QWidget *parent, Severity severity, const QString &title, const QString &message,
                               const QString &details)
{
    tell(parent, severity, title, message + QStringLiteral("\n\n") + details);
}

static QMessageBox::Icon iconFor(Prompter::Severity severity)
{
    switch (severity) {
    case Prompter::Severity::Information:
        return QMessageBox::Information;
    case Prompter::Severity::Warning:
        return QMessageBox::Warning;
    case Prompter::Severity::Critical:
        return QMessageBox::Critical;
    }
    return QMessageBox::NoIcon;
}

void DialogPrompter::tell(QWidget *parent, Severity severity, const QString &title, const QString &message)
{
    QMessageBox box(iconFor(severity), title, message, QMessageBox::Ok, parent);
    // Library text (headlines, names) is shown, never interpreted as markup.
    box.setTextFormat(Qt::PlainText);
    box.exec();
}

void DialogPrompter::tellWithDetails(QWidget *parent, Severity severity, const QString &title, const QString &message,
                                     const QString &details)
{
    QMessageBox box(iconFor(severity), title, message, QMessageBox::Ok, parent);
    box.setTextFormat(Qt::PlainText);
    box.setDetailedText(details); // always plain text
    box.exec();
}

int DialogPrompter::choose(QWidget *parent, Severity severity, const QString &title, const QString &message,
                           const QList<Button> &buttons, int defaultIndex)
{
    QMessageBox box(iconFor(severity), title, message, QMessageBox::NoButton, parent);
    box.setTextFormat(Qt::PlainText);
    QList<QAbstractButton *> added;
    int cancelIndex = -1;
    for (qsizetype i = 0; i < buttons.size(); ++i) {
        QMessageBox::ButtonRole role = QMessageBox::AcceptRole;
        switch (buttons.at(i).role) {
        case Button::Role::Accept:
            role = QMessageBox::AcceptRole;
            break;
        case Button::Role::Destructive:
            role = QMessageBox::DestructiveRole;
            break;
        case Button::Role::Action:
            role = QMessageBox::ActionRole;
            break;
        case Button::Role::Cancel:
            role = QMessageBox::RejectRole;
            cancelIndex = int(i);
            break;
        }
        added << box.addButton(buttons.at(i).label, role);
    }
    if (defaultIndex >= 0 && defaultIndex < added.size())
        box.setDefaultButton(qobject_cast<QPushButton *>(added.at(defaultIndex)));
    if (cancelIndex >= 0)
        box.setEscapeButton(added.at(cancelIndex));
    box.exec();
    const int index = int(added.indexOf(box.clickedButton()));
    return index >= 0 ? index : cancelIndex;
}

std::optional<QString> DialogPrompter::askText(QWidget *parent, const QString &title, const QString &label,
                                               const QString &initial, bool multiLine)
{
    QInputDialog dialog(parent);
    dialog.setWindowTitle(title);
    dialog.setLabelText(label);
    dialog.setTextValue(initial);
    if (multiLine)
        dialog.setOption(QInputDialog::UsePlainTextEditForTextInput);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.textValue();
}

QStringList DialogPrompter::askFiles(QWidget *parent, FileMode mode, const QString &title, const QString &directory,
                                     const QString &filter)
{
    switch (mode) {
    case FileMode::OpenFile: {
        const QString path = QFileDialog::getOpenFileName(parent, title, directory, filter);
        return path.isEmpty() ? QStringList() : QStringList{path};
    }
    case FileMode::OpenFiles:
        return QFileDialog::getOpenFileNames(parent, title, directory, filter);
    case FileMode::SaveFile: {
        const QString path = QFileDialog::getSaveFileName(parent, title, directory, filter);
        return path.isEmpty() ? QStringList() : QStringList{path};
    }
    case FileMode::Directory: {
        const QString path = QFileDialog::getExistingDirectory(parent, title, directory);
        return path.isEmpty() ? QStringList() : QStringList{path};
    }
    case FileMode::OpenOrCreate: {
        QFileDialog dialog(parent, title, directory, filter);
        dialog.setFileMode(QFileDialog::AnyFile);
        dialog.setAcceptMode(QFileDialog::AcceptOpen);
        const QRegularExpressionMatch suffix = QRegularExpression(u"\\*\\.(\\w+)"_s).match(filter);
        if (suffix.hasMatch())
            dialog.setDefaultSuffix(suffix.captured(1));
        if (dialog.exec() != QDialog::Accepted)
            return {};
        return dialog.selectedFiles().mid(0, 1);
    }
    }
    return {};
}

int DialogPrompter::run(QDialog *dialog)
{
    return dialog->exec();
}
