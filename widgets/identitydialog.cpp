// SPDX-License-Identifier: MIT
#include "identitydialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

IdentityDialog::IdentityDialog(const QList<Person> &people, const QString &suggestedName, QWidget *parent)
    : QDialog(parent)
    , m_firstPerson(people.isEmpty())
    , m_existing(new QComboBox(this))
    , m_name(new QLineEdit(suggestedName, this))
    , m_title(new QLineEdit(this))
{
    setObjectName(u"identityDialog"_s);
    setWindowTitle(tr("Who Is Working?"));
    m_existing->setObjectName(u"identityExisting"_s);
    m_name->setObjectName(u"identityName"_s);
    m_title->setObjectName(u"identityTitle"_s);
    m_title->setPlaceholderText(tr("Public Affairs Specialist"));
    auto *form = new QFormLayout;
    if (m_firstPerson) {
        auto *intro = new QLabel(tr("This library has nobody yet. You are its first person and its editor; "
                                    "you can add writers and editors in Preferences."),
                                 this);
        // Wrapped: a longer translation makes the dialog taller, not screen-wide.
        intro->setWordWrap(true);
        form->addRow(intro);
        form->addRow(tr("Your &name:"), m_name);
        form->addRow(tr("Your &title:"), m_title);
        m_existing->hide();
    } else {
        for (const Person &person : people)
            m_existing->addItem(u"%1 (%2)"_s.arg(person.name, personRoleLabel(person.role)), person.name);
        auto *intro = new QLabel(tr("Choose who you are. Someone new is added by an editor in Preferences."), this);
        intro->setWordWrap(true);
        form->addRow(intro);
        form->addRow(tr("&I am:"), m_existing);
        m_name->hide();
        m_title->hide();
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

bool IdentityDialog::asksForFirstPerson() const
{
    return m_firstPerson;
}

QStringList IdentityDialog::offeredNames() const
{
    QStringList names;
    for (int i = 0; i < m_existing->count(); ++i)
        names << m_existing->itemData(i).toString();
    return names;
}

QString IdentityDialog::chosenName() const
{
    return m_existing->currentData().toString();
}

bool IdentityDialog::choose(const QString &name)
{
    const int index = m_existing->findData(name);
    if (index < 0)
        return false;
    m_existing->setCurrentIndex(index);
    return true;
}

QString IdentityDialog::name() const
{
    return m_name->text();
}

void IdentityDialog::setName(const QString &name)
{
    m_name->setText(name);
}

QString IdentityDialog::title() const
{
    return m_title->text().trimmed();
}

void IdentityDialog::setTitle(const QString &title)
{
    m_title->setText(title);
}
