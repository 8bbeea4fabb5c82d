// SPDX-License-Identifier: MIT
#pragma once

// The Prompter tests install in the windows they build: it answers every
// question from a script, without a dialog, and records what was asked so a
// test can assert that the user was (or was not) asked, and with what words.
// With no answer scripted it behaves as a user who dismisses everything:
// choose() takes the Cancel button, askText() and askFiles() are cancelled,
// dialogs are rejected.

#include "prompter.h"

#include <QDialog>
#include <QHash>

class ScriptedPrompter : public Prompter
{
public:
    struct Asked
    {
        QString kind; // "tell", "choose", "askText", "askFiles", "run"
        QString title; // for "run": the dialog's objectName
        QString message;
        QList<Button> buttons; // for "choose": what the user could take
    };
    QList<Asked> asked;

    // Answers, each used once, in order.
    QList<int> choices; // indexes into choose()'s buttons
    QList<std::optional<QString>> texts;
    QList<QStringList> files;
    // Dialogs of ours, answered by objectName: the function fills the dialog
    // in and returns QDialog::Accepted or Rejected.
    QHash<QString, std::function<int(QDialog *)>> dialogs;

    qsizetype count(const QString &kind) const
    {
        return std::count_if(asked.cbegin(), asked.cend(), [&kind](const Asked &a) { return a.kind == kind; });
    }

    void tell(QWidget *, Severity, const QString &title, const QString &message) override
    {
        asked << Asked{QStringLiteral("tell"), title, message, {}};
    }
    int choose(QWidget *, Severity, const QString &title, const QString &message, const QList<Button> &buttons,
               int) override
    {
        asked << Asked{QStringLiteral("choose"), title, message, buttons};
        if (!choices.isEmpty())
            return choices.takeFirst();
        for (qsizetype i = 0; i < buttons.size(); ++i) {
            if (buttons.at(i).role == Button::Role::Cancel)
                return int(i);
        }
        return -1;
    }
    std::optional<QString> askText(QWidget *, const QString &title, const QString &label, const QString &,
                                   bool) override
    {
        asked << Asked{QStringLiteral("askText"), title, label, {}};
        return texts.isEmpty() ? std::nullopt : texts.takeFirst();
    }
    QStringList askFiles(QWidget *, FileMode, const QString &title, const QString &, const QString &) override
    {
        asked << Asked{QStringLiteral("askFiles"), title, QString(), {}};
        return files.isEmpty() ? QStringList() : files.takeFirst();
    }
    int run(QDialog *dialog) override
    {
        asked << Asked{QStringLiteral("run"), dialog->objectName(), dialog->windowTitle(), {}};
        const auto answer = dialogs.constFind(dialog->objectName());
        return answer == dialogs.cend() ? int(QDialog::Rejected) : (*answer)(dialog);
    }
};
