// SPDX-License-Identifier: MIT
#include "passworddialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

PasswordDialog::PasswordDialog(const QString &library, const QString &login, const QString &refusal, QWidget *parent)
    : QDialog(parent)
    , m_password(new QLineEdit(this))
    , m_keep(new QCheckBox(tr("&Keep the password in the desktop's keyring"), this))
{
    setObjectName(u"passwordDialog"_s);
    setWindowTitle(tr("Password for %1").arg(library));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(refusal.isEmpty() ? tr("The team library %1 asks for the password of the login “%2”.").arg(library, login)
                                               : tr("The team library %1 refused the password: %2").arg(library, refusal),
                             this);
    intro->setTextFormat(Qt::PlainText); // the server's words and a URL, as they are
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    m_password->setObjectName(u"password"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase);
    form->addRow(tr("&Password:"), m_password);
    layout->addLayout(form);
    m_keep->setObjectName(u"keepPassword"_s);
    m_keep->setChecked(true);
    m_keep->setToolTip(tr("Kept by GNOME Keyring or KWallet under the library's address, so this desk and the command "
                          "line open it without asking. Never written to Newsdesk's settings."));
    layout->addWidget(m_keep);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    connect(m_password, &QLineEdit::textChanged, this,
            [buttons](const QString &text) { buttons->button(QDialogButtonBox::Ok)->setEnabled(!text.isEmpty()); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    m_password->setFocus();
}

QString PasswordDialog::password() const
{
    return m_password->text();
}

bool PasswordDialog::keepPassword() const
{
    return m_keep->isChecked();
}

void PasswordDialog::setPassword(const QString &password)
{
    m_password->setText(password);
}

void PasswordDialog::setKeepPassword(bool keep)
{
    m_keep->setChecked(keep);
}
