// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QCheckBox;
class QLineEdit;

// The password a team library's server asks for (File ▸ Open Library, the
// recent list, start-up): typed in a masked line, and kept in the desktop's
// secret store when the user leaves "Keep" ticked (PasswordStore); never in
// settings.
class PasswordDialog : public QDialog
{
    Q_OBJECT
public:
    // library: how the library is shown (host and database); login: the
    // PostgreSQL login asked about; refusal: the server's words when a
    // password given before was refused (empty on the first ask).
    PasswordDialog(const QString &library, const QString &login, const QString &refusal, QWidget *parent = nullptr);

    QString password() const;
    bool keepPassword() const;
    void setPassword(const QString &password);
    void setKeepPassword(bool keep);

private:
    QLineEdit *m_password;
    QCheckBox *m_keep;
};
