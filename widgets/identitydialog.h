// SPDX-License-Identifier: MIT
#pragma once

#include "people.h"

#include <QDialog>

class QComboBox;
class QLineEdit;

// "Who is working?", asked when the library does not know who this is. A
// library with people offers them to choose from (someone new is added by an
// editor in Preferences); a library with nobody asks the first person's name
// and title, and that person becomes its editor. The caller records the
// answer (WorkflowController).
class IdentityDialog : public QDialog
{
    Q_OBJECT
public:
    // people: the library's, in the order to offer them; suggestedName: the
    // name to start from when the library has nobody.
    IdentityDialog(const QList<Person> &people, const QString &suggestedName, QWidget *parent = nullptr);

    // True when the library has nobody yet: the answer is a new person.
    bool asksForFirstPerson() const;

    // With people: the names offered, and the one chosen.
    QStringList offeredNames() const;
    QString chosenName() const;
    bool choose(const QString &name);

    // With nobody: the first person as typed (name and title trimmed).
    QString name() const;
    void setName(const QString &name);
    QString title() const;
    void setTitle(const QString &title);

private:
    bool m_firstPerson;
    QComboBox *m_existing;
    QLineEdit *m_name;
    QLineEdit *m_title;
};
