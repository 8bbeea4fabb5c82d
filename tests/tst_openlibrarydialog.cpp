// SPDX-License-Identifier: MIT
// File ▸ Open Library…: the team library form gives the URL libpq reads,
// field by field, and a recent library fills the form it came from.
#include "librarylocation.h"
#include "openlibrarydialog.h"
#include "scriptedprompter.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>

using namespace Qt::StringLiterals;

class TestOpenLibraryDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void teamFormGivesTheUrl_data();
    void teamFormGivesTheUrl();
    void recentTeamLibraryFillsTheForm();
    void openIsOnlyEnabledWithWhatItNeeds();
};

void TestOpenLibraryDialog::teamFormGivesTheUrl_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("login");
    QTest::addColumn<QString>("sslmode");
    QTest::newRow("office server") << u"db.example.mil"_s << 5432 << u"newsroom"_s << u"jgaramone"_s << u"verify-full"_s;
    QTest::newRow("other port") << u"db.example.mil"_s << 6543 << u"newsroom"_s << u"jgaramone"_s << u"require"_s;
    QTest::newRow("this computer's socket") << QString() << 5432 << u"newsroom"_s << u"eve"_s << u"disable"_s;
    // Characters a URL must escape reach libpq as typed, not as URL syntax.
    QTest::newRow("odd names") << u"db.example.mil"_s << 5432 << u"news room/2?x"_s << u"o'brien@dod"_s << u"prefer"_s;
}

void TestOpenLibraryDialog::teamFormGivesTheUrl()
{
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, database);
    QFETCH(QString, login);
    QFETCH(QString, sslmode);
    ScriptedPrompter prompter;
    OpenLibraryDialog dialog({}, prompter);
    dialog.findChild<QTabWidget *>()->setCurrentIndex(2);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"teamHost"_s), host);
    dialog.findChild<QSpinBox *>(u"teamPort"_s)->setValue(port);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"teamDatabase"_s), database);
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"teamLogin"_s), login);
    auto *ssl = dialog.findChild<QComboBox *>(u"teamSslMode"_s);
    ssl->setCurrentIndex(ssl->findData(sslmode));
    dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Open)->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QString error;
    const std::optional<LibraryLocation> location = LibraryLocation::parse(dialog.location(), &error);
    QVERIFY2(location, qPrintable(error));
    QVERIFY(location->isTeamLibrary());
    QCOMPARE(location->parameter(u"host"_s), host);
    QCOMPARE(location->parameter(u"dbname"_s), database);
    QCOMPARE(location->parameter(u"user"_s), login);
    QCOMPARE(location->parameter(u"sslmode"_s), sslmode);
    QCOMPARE(location->parameter(u"port"_s), port == 5432 ? QString() : QString::number(port));
    QCOMPARE(dialog.findChild<QLabel *>(u"teamUrl"_s)->text(), dialog.location());
}

void TestOpenLibraryDialog::recentTeamLibraryFillsTheForm()
{
    ScriptedPrompter prompter;
    const QString url = u"postgresql://eve@db.example.mil:6543/newsroom?sslmode=require"_s;
    OpenLibraryDialog dialog({url, u"/tmp/field.newsdesk"_s}, prompter);
    auto *recent = dialog.findChild<QListWidget *>(u"recentLibraries"_s);
    QCOMPARE(recent->count(), 2);
    QCOMPARE(recent->item(0)->text(), LibraryLocation::parse(url)->displayName());
    QCOMPARE(dialog.findChild<QLineEdit *>(u"teamHost"_s)->text(), u"db.example.mil"_s);
    QCOMPARE(dialog.findChild<QSpinBox *>(u"teamPort"_s)->value(), 6543);
    QCOMPARE(dialog.findChild<QLineEdit *>(u"teamDatabase"_s)->text(), u"newsroom"_s);
    QCOMPARE(dialog.findChild<QLineEdit *>(u"teamLogin"_s)->text(), u"eve"_s);
    QCOMPARE(dialog.findChild<QComboBox *>(u"teamSslMode"_s)->currentData().toString(), u"require"_s);
    recent->setCurrentRow(1);
    QCOMPARE(dialog.findChild<QLineEdit *>(u"libraryPath"_s)->text(), u"/tmp/field.newsdesk"_s);
    dialog.accept();
    QCOMPARE(dialog.location(), u"/tmp/field.newsdesk"_s);
}

void TestOpenLibraryDialog::openIsOnlyEnabledWithWhatItNeeds()
{
    ScriptedPrompter prompter;
    OpenLibraryDialog dialog({}, prompter);
    QPushButton *open = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Open);
    auto *tabs = dialog.findChild<QTabWidget *>();
    QVERIFY(!tabs->isTabEnabled(0)); // nothing recent yet
    QCOMPARE(tabs->currentIndex(), 1);
    QVERIFY(!open->isEnabled());
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"libraryPath"_s), u"news.newsdesk"_s);
    QVERIFY(open->isEnabled());
    tabs->setCurrentIndex(2);
    QVERIFY(!open->isEnabled());
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"teamDatabase"_s), u"newsroom"_s);
    QVERIFY(!open->isEnabled()); // and whose login?
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"teamLogin"_s), u"eve"_s);
    QVERIFY(open->isEnabled());
    // A Browse… answer lands in the path.
    tabs->setCurrentIndex(1);
    prompter.files << QStringList{u"/tmp/chosen.newsdesk"_s};
    dialog.findChild<QPushButton *>(u"browseLibrary"_s)->click();
    QCOMPARE(dialog.findChild<QLineEdit *>(u"libraryPath"_s)->text(), u"/tmp/chosen.newsdesk"_s);
}

QTEST_MAIN(TestOpenLibraryDialog)
#include "tst_openlibrarydialog.moc"
