// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QStringList>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;
class QTabWidget;
class Prompter;

// File ▸ Open Library…: a library file on this computer, or a team library
// on a PostgreSQL server (host, port, database, login and how to secure the
// connection; never a password, which PostgreSQL asks for itself), or one of
// the recent libraries of either kind. What it gives back is a location as
// LibraryLocation reads it (a path or a postgresql:// URL), checked before
// the dialog accepts it.
class OpenLibraryDialog : public QDialog
{
    Q_OBJECT
public:
    // recent: locations, newest first (recentLibraries()).
    OpenLibraryDialog(const QStringList &recent, Prompter &prompter, QWidget *parent = nullptr);

    // The location chosen; empty until accepted.
    QString location() const;

    // The team library form's URL as it stands (empty when a field it needs is).
    QString teamUrl() const;

    // The recent libraries kept in the settings, newest first, and one more
    // opened (moved to the top; at most maxRecent kept).
    static constexpr int maxRecent = 8;
    static QStringList recentLibraries();
    static void rememberLibrary(const QString &location);

    void accept() override;

private:
    void fillFromRecent(const QString &location);
    void updateButtons();

    Prompter &m_prompter;
    QTabWidget *m_tabs;
    QListWidget *m_recent;
    QLineEdit *m_path;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_database;
    QLineEdit *m_login;
    QComboBox *m_sslMode;
    QLabel *m_urlPreview;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    QString m_location;
};
