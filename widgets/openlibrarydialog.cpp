// SPDX-License-Identifier: MIT
#include "openlibrarydialog.h"

#include "librarylocation.h"
#include "prompter.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QUrl>
#include <QUrlQuery>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

constexpr int defaultPort = 5432;
const QString recentKey = u"library/recent"_s;

} // namespace

OpenLibraryDialog::OpenLibraryDialog(const QStringList &recent, Prompter &prompter, QWidget *parent)
    : QDialog(parent)
    , m_prompter(prompter)
    , m_tabs(new QTabWidget(this))
    , m_recent(new QListWidget(this))
    , m_path(new QLineEdit(this))
    , m_host(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_database(new QLineEdit(this))
    , m_login(new QLineEdit(this))
    , m_sslMode(new QComboBox(this))
    , m_urlPreview(new QLabel(this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"openLibraryDialog"_s);
    setWindowTitle(tr("Open Library"));

    // Recent libraries, of both kinds: a double click (or Return) opens one.
    auto *recentPage = new QWidget(this);
    auto *recentLayout = new QVBoxLayout(recentPage);
    m_recent->setObjectName(u"recentLibraries"_s);
    for (const QString &location : recent) {
        const std::optional<LibraryLocation> parsed = LibraryLocation::parse(location);
        auto *item = new QListWidgetItem(parsed ? parsed->displayName() : location, m_recent);
        item->setData(Qt::UserRole, location);
        item->setToolTip(location);
    }
    recentLayout->addWidget(m_recent);
    connect(m_recent, &QListWidget::currentTextChanged, this, [this] {
        if (QListWidgetItem *item = m_recent->currentItem())
            fillFromRecent(item->data(Qt::UserRole).toString());
    });
    connect(m_recent, &QListWidget::itemActivated, this, [this] { accept(); });

    // A file on this computer.
    auto *filePage = new QWidget(this);
    auto *fileLayout = new QFormLayout(filePage);
    auto *pathRow = new QHBoxLayout;
    m_path->setObjectName(u"libraryPath"_s);
    m_path->setPlaceholderText(tr("news.newsdesk"));
    auto *browse = new QPushButton(tr("&Browse…"), filePage);
    browse->setObjectName(u"browseLibrary"_s);
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    fileLayout->addRow(tr("&File:"), pathRow);
    auto *fileHint = new QLabel(tr("A library file that does not exist yet is created, with the sample story."), filePage);
    fileHint->setWordWrap(true);
    fileLayout->addRow(fileHint);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString start = m_path->text().isEmpty() ? QDir::homePath() : QFileInfo(m_path->text()).absolutePath();
        const QString path = m_prompter.askFile(this, Prompter::FileMode::OpenOrCreate, tr("Open or Create Library"), start,
                                                tr("Newsdesk libraries (*.newsdesk);;All files (*)"));
        if (!path.isEmpty())
            m_path->setText(path);
    });

    // A team library: libpq's connection, field by field.
    auto *teamPage = new QWidget(this);
    auto *teamLayout = new QFormLayout(teamPage);
    m_host->setObjectName(u"teamHost"_s);
    m_host->setPlaceholderText(tr("db.example.mil (empty: this computer)"));
    m_port->setObjectName(u"teamPort"_s);
    m_port->setRange(1, 65535);
    m_port->setValue(defaultPort);
    m_database->setObjectName(u"teamDatabase"_s);
    m_database->setPlaceholderText(tr("newsroom"));
    m_login->setObjectName(u"teamLogin"_s);
    m_login->setPlaceholderText(tr("your database login"));
    m_sslMode->setObjectName(u"teamSslMode"_s);
    m_sslMode->addItem(tr("Required, server verified (verify-full)"), u"verify-full"_s);
    m_sslMode->addItem(tr("Required (require)"), u"require"_s);
    m_sslMode->addItem(tr("If the server offers it (prefer)"), u"prefer"_s);
    m_sslMode->addItem(tr("Never: this computer's socket only (disable)"), u"disable"_s);
    m_sslMode->setCurrentIndex(2);
    teamLayout->addRow(tr("&Server:"), m_host);
    teamLayout->addRow(tr("&Port:"), m_port);
    teamLayout->addRow(tr("&Database:"), m_database);
    teamLayout->addRow(tr("&Login:"), m_login);
    teamLayout->addRow(tr("&Encryption:"), m_sslMode);
    auto *teamHint = new QLabel(tr("No password here: PostgreSQL asks for one when the office's server needs it, and "
                                   "Kerberos or a smart card certificate need none."),
                                teamPage);
    teamHint->setWordWrap(true);
    teamLayout->addRow(teamHint);
    m_urlPreview->setObjectName(u"teamUrl"_s);
    m_urlPreview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_urlPreview->setWordWrap(true);
    teamLayout->addRow(tr("Address:"), m_urlPreview);

    m_tabs->addTab(recentPage, tr("&Recent"));
    m_tabs->addTab(filePage, tr("F&ile"));
    m_tabs->addTab(teamPage, tr("&Team Library"));
    m_tabs->setCurrentIndex(recent.isEmpty() ? 1 : 0);
    m_tabs->setTabEnabled(0, !recent.isEmpty());

    m_error->setObjectName(u"openLibraryError"_s);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"color: palette(highlight);"_s);
    m_error->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &OpenLibraryDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *field : {m_path, m_host, m_database, m_login})
        connect(field, &QLineEdit::textChanged, this, &OpenLibraryDialog::updateButtons);
    connect(m_port, &QSpinBox::valueChanged, this, &OpenLibraryDialog::updateButtons);
    connect(m_sslMode, &QComboBox::currentIndexChanged, this, &OpenLibraryDialog::updateButtons);
    connect(m_tabs, &QTabWidget::currentChanged, this, &OpenLibraryDialog::updateButtons);
    if (!recent.isEmpty())
        m_recent->setCurrentRow(0);
    updateButtons();
}

QString OpenLibraryDialog::location() const
{
    return m_location;
}

QString OpenLibraryDialog::teamUrl() const
{
    const QString database = m_database->text().trimmed();
    const QString login = m_login->text().trimmed();
    if (database.isEmpty() || login.isEmpty())
        return {};
    // QUrl percent-encodes what a name may hold; a host left empty is the
    // local socket, as libpq reads postgresql:///db.
    QUrl url;
    url.setScheme(u"postgresql"_s);
    url.setUserName(login);
    url.setHost(m_host->text().trimmed());
    if (m_port->value() != defaultPort)
        url.setPort(m_port->value());
    url.setPath(u'/' + database);
    QUrlQuery query;
    query.addQueryItem(u"sslmode"_s, m_sslMode->currentData().toString());
    url.setQuery(query);
    return url.toString(QUrl::FullyEncoded);
}

void OpenLibraryDialog::fillFromRecent(const QString &location)
{
    const std::optional<LibraryLocation> parsed = LibraryLocation::parse(location);
    if (!parsed)
        return;
    if (!parsed->isTeamLibrary()) {
        m_path->setText(parsed->path());
        return;
    }
    m_host->setText(parsed->parameter(u"host"_s));
    m_port->setValue(parsed->parameter(u"port"_s).isEmpty() ? defaultPort : parsed->parameter(u"port"_s).toInt());
    m_database->setText(parsed->parameter(u"dbname"_s));
    m_login->setText(parsed->parameter(u"user"_s));
    const int ssl = m_sslMode->findData(parsed->parameter(u"sslmode"_s));
    if (ssl >= 0)
        m_sslMode->setCurrentIndex(ssl);
}

void OpenLibraryDialog::updateButtons()
{
    m_urlPreview->setText(teamUrl().isEmpty() ? tr("(a database and a login are needed)") : teamUrl());
    bool ready = false;
    switch (m_tabs->currentIndex()) {
    case 0:
        ready = m_recent->currentItem() != nullptr;
        break;
    case 1:
        ready = !m_path->text().trimmed().isEmpty();
        break;
    default:
        ready = !teamUrl().isEmpty();
        break;
    }
    m_buttons->button(QDialogButtonBox::Open)->setEnabled(ready);
    m_error->hide();
}

void OpenLibraryDialog::accept()
{
    QString chosen;
    switch (m_tabs->currentIndex()) {
    case 0:
        chosen = m_recent->currentItem() ? m_recent->currentItem()->data(Qt::UserRole).toString() : QString();
        break;
    case 1:
        chosen = m_path->text().trimmed();
        break;
    default:
        chosen = teamUrl();
        break;
    }
    QString error;
    const std::optional<LibraryLocation> location = LibraryLocation::parse(chosen, &error);
    if (chosen.isEmpty() || !location) {
        m_error->setText(error.isEmpty() ? tr("Choose a library first.") : error);
        m_error->show();
        return;
    }
    m_location = location->toString();
    QDialog::accept();
}

QStringList OpenLibraryDialog::recentLibraries()
{
    return QSettings().value(recentKey).toStringList();
}

void OpenLibraryDialog::rememberLibrary(const QString &location)
{
    QStringList recent = recentLibraries();
    recent.removeAll(location);
    recent.prepend(location);
    QSettings().setValue(recentKey, recent.mid(0, maxRecent));
}
