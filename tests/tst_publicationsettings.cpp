// SPDX-License-Identifier: MIT
// Where the library's stories are published: kept in the library, set by
// editors in Preferences, and written into every exported page's metadata.
#include "exportdialog.h"
#include "publicationform.h"
#include "publicationsettings.h"
#include "samplelibrary.h"
#include "storycommands.h"
#include "storyexporter.h"
#include "scriptedprompter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QLineEdit>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestPublicationSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void templateProblems_data();
    void templateProblems();
    void articleUrlFillsInTheStory();
    void editorSavesAndTheLibraryKeepsIt();
    void writerCannotChangeThem();
    void exportedPageUsesThem();
    void formShowsAnExampleAndRefusesABadAddress();
    void formIsReadOnlyForWriters();
    void exportDialogAndCheckNameTheAddress();
    void formKeepsTheRightsExchangeFormatsCarry();
    void exportDialogWritesNinjsAndRemembersTheChoice();

private:
    ScriptedPrompter m_exportPrompter; // answers the export dialog's questions
    QString libraryPath() const { return m_dir->filePath(u"lib.newsdesk"_s); }
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Library> m_library;
    Story m_story;
};

void TestPublicationSettings::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_library = std::make_unique<Library>();
    QString error;
    const std::optional<Story> story = SampleLibrary::open(m_library.get(), libraryPath(), &error);
    QVERIFY2(story, qPrintable(error));
    m_story = *story;
}

void TestPublicationSettings::templateProblems_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("none") << QString() << true;
    QTest::newRow("slug") << u"https://www.defense.gov/News/News-Stories/Article/{slug}/"_s << true;
    QTest::newRow("id and slug") << u"https://www.example.mil/a/{id}/{slug}"_s << true;
    QTest::newRow("no placeholder") << u"https://www.defense.gov/News/"_s << false;
    QTest::newRow("relative") << u"/News/{slug}/"_s << false;
    QTest::newRow("not the web") << u"ftp://example.mil/{slug}"_s << false;
    QTest::newRow("no host") << u"https:///{slug}"_s << false;
    QTest::newRow("spaces") << u"https://www.example .mil/{slug}"_s << false;
}

void TestPublicationSettings::templateProblems()
{
    QFETCH(QString, address);
    QFETCH(bool, accepted);
    QCOMPARE(PublicationSettings::templateProblem(address).isEmpty(), accepted);
}

void TestPublicationSettings::articleUrlFillsInTheStory()
{
    PublicationSettings settings{u"DoD"_s, u"https://www.example.mil/a/{id}/{slug}/"_s};
    Story story;
    story.id = 4113581;
    story.slug = u"hegseth-uk-counterpart"_s;
    QCOMPARE(settings.articleUrl(story).toString(), u"https://www.example.mil/a/4113581/hegseth-uk-counterpart/"_s);
    // A slug that is not one (a hand-edited library) gives no address,
    // rather than one that leads elsewhere; {id} alone still does.
    for (const QString &hostile : {u"a b/c?d"_s, u".."_s, u"../../News"_s, u"%2e%2e"_s, u"Upper"_s}) {
        story.slug = hostile;
        QVERIFY2(settings.articleUrl(story).isEmpty(), qPrintable(settings.articleUrl(story).toString()));
    }
    story.slug = u"42"_s; // an older library's, already in a published address
    QCOMPARE(settings.articleUrl(story).toString(), u"https://www.example.mil/a/4113581/42/"_s);
    story.slug = u"../x"_s;
    settings.articleUrlTemplate = u"https://www.example.mil/a/{id}/"_s;
    QCOMPARE(settings.articleUrl(story).toString(), u"https://www.example.mil/a/4113581/"_s);
    settings.articleUrlTemplate.clear();
    QVERIFY(settings.articleUrl(story).isEmpty());
}

void TestPublicationSettings::editorSavesAndTheLibraryKeepsIt()
{
    PublicationSettingsRepository repository(m_library.get());
    QCOMPARE(repository.load(), PublicationSettings());
    const PublicationSettings wanted{u"U.S. Department of Defense"_s, u"https://www.defense.gov/News/{slug}/"_s};
    QVERIFY2(repository.save(wanted), qPrintable(repository.errorString()));
    QVERIFY(!repository.save(PublicationSettings{u"X"_s, u"https://www.defense.gov/News/"_s}));
    QVERIFY(repository.errorString().contains(u"{slug}"_s));
    m_library.reset();
    Library reopened;
    QVERIFY(reopened.open(libraryPath()));
    QCOMPARE(PublicationSettingsRepository(&reopened).load(), wanted);
    bool audited = false;
    for (const AuditEntry &entry : reopened.auditTrail(u"library"_s, 0))
        audited = audited || (entry.action == u"publication-settings"_s && entry.actor == u"Eve Editor"_s);
    QVERIFY(audited);
}

void TestPublicationSettings::writerCannotChangeThem()
{
    QVERIFY(PeopleRepository(m_library.get()).add(Person{.name = u"Wes Writer"_s, .role = PersonRole::Writer}));
    m_library->setActor(u"Wes Writer"_s);
    PublicationSettingsRepository repository(m_library.get());
    QVERIFY(!repository.save(PublicationSettings{u"Someone"_s, QString()}));
    QVERIFY(repository.errorString().contains(u"Only an editor"_s));
    QCOMPARE(repository.load(), PublicationSettings());
}

void TestPublicationSettings::exportedPageUsesThem()
{
    QVERIFY(PublicationSettingsRepository(m_library.get())
                .save(PublicationSettings{u"U.S. Department of Defense"_s, u"https://www.defense.gov/News/{slug}/"_s}));
    QString error;
    QVERIFY2(SampleLibrary::clearForPublication(m_library.get(), m_story, &error), qPrintable(error));
    const StoryExporter::Result result = StoryExporter(m_library.get()).exportStory(m_story, m_dir->filePath(u"out"_s));
    QVERIFY2(result.success, qPrintable(result.errorMessage));
    QFile page(m_dir->filePath(u"out/index.html"_s));
    QVERIFY(page.open(QIODevice::ReadOnly));
    const QString html = QString::fromUtf8(page.readAll());
    const QString address = u"https://www.defense.gov/News/"_s + m_story.slug + u'/';
    QVERIFY2(html.contains(u"<meta property=\"og:url\" content=\"%1\">"_s.arg(address)), qPrintable(html.left(3000)));
    QVERIFY(html.contains(u"<link rel=\"canonical\" href=\"%1\">"_s.arg(address)));
    // Images too, from the page's address: Open Graph readers want them whole.
    QVERIFY(html.contains(u"<meta property=\"og:image\" content=\"%1images/250306-D-PM193-1268K.jpg\">"_s.arg(address)));
    static const QRegularExpression jsonLd(u"<script type=\"application/ld\\+json\">(.*?)</script>"_s,
                                           QRegularExpression::DotMatchesEverythingOption);
    const QJsonObject article = QJsonDocument::fromJson(jsonLd.match(html).captured(1).toUtf8()).object();
    QCOMPARE(article.value(u"publisher"_s).toObject().value(u"name"_s).toString(), u"U.S. Department of Defense"_s);
    // The page's own images stay relative in the article body.
    QVERIFY(html.contains(u"<img src=\"images/250306-D-PM193-1268K.jpg\""_s));
}

void TestPublicationSettings::formShowsAnExampleAndRefusesABadAddress()
{
    PublicationForm form(m_library.get());
    form.setExampleStory(m_story);
    form.show();
    QVERIFY(QTest::qWaitForWindowExposed(&form));
    auto *publisher = form.findChild<QLineEdit *>(u"publicationPublisher"_s);
    auto *address = form.findChild<QLineEdit *>(u"publicationAddress"_s);
    auto *hint = form.findChild<QLabel *>(u"publicationHint"_s);
    QVERIFY(publisher && address && hint);
    QVERIFY(!address->isReadOnly());
    QTest::keyClicks(address, u"https://www.defense.gov/News/"_s);
    QVERIFY2(hint->text().contains(u"{slug}"_s), qPrintable(hint->text()));
    QVERIFY(!form.apply());
    QCOMPARE(PublicationSettingsRepository(m_library.get()).load(), PublicationSettings());
    QTest::keyClicks(address, u"{slug}/"_s);
    QCOMPARE(hint->text(), u"For example: https://www.defense.gov/News/%1/"_s.arg(m_story.slug));
    QTest::keyClicks(publisher, u"U.S. Department of Defense"_s);
    QVERIFY2(form.apply(), qPrintable(form.errorString()));
    QCOMPARE(PublicationSettingsRepository(m_library.get()).load(),
             (PublicationSettings{u"U.S. Department of Defense"_s, u"https://www.defense.gov/News/{slug}/"_s}));
}

void TestPublicationSettings::formIsReadOnlyForWriters()
{
    QVERIFY(PublicationSettingsRepository(m_library.get()).save(PublicationSettings{u"DoD"_s, QString()}));
    QVERIFY(PeopleRepository(m_library.get()).add(Person{.name = u"Wes Writer"_s, .role = PersonRole::Writer}));
    m_library->setActor(u"Wes Writer"_s);
    PublicationForm form(m_library.get());
    auto *publisher = form.findChild<QLineEdit *>(u"publicationPublisher"_s);
    QCOMPARE(publisher->text(), u"DoD"_s);
    QVERIFY(publisher->isReadOnly());
    QVERIFY(form.findChild<QLineEdit *>(u"publicationAddress"_s)->isReadOnly());
    QVERIFY(form.apply()); // nothing changed, nothing to refuse
}

void TestPublicationSettings::exportDialogAndCheckNameTheAddress()
{
    const auto checkCodes = [this] {
        QStringList codes;
        for (const StoryFinding &finding : StoryCommands::checkStory(m_library.get(), m_story, {}))
            codes << finding.code;
        return codes;
    };
    {
        ExportDialog dialog(m_library.get(), m_story, m_exportPrompter);
        QVERIFY(dialog.findChild<QLabel *>(u"exportAddress"_s)->text().startsWith(u"No article address is set"_s));
    }
    QVERIFY(checkCodes().contains(u"no-article-address"_s));

    QVERIFY(PublicationSettingsRepository(m_library.get())
                .save(PublicationSettings{u"DoD"_s, u"https://www.defense.gov/News/{slug}/"_s}));
    ExportDialog dialog(m_library.get(), m_story, m_exportPrompter);
    QCOMPARE(dialog.findChild<QLabel *>(u"exportAddress"_s)->text(),
             u"The page says it is published at https://www.defense.gov/News/%1/."_s.arg(m_story.slug));
    QVERIFY(!checkCodes().contains(u"no-article-address"_s));
}

void TestPublicationSettings::formKeepsTheRightsExchangeFormatsCarry()
{
    PublicationForm form(m_library.get());
    form.show();
    QVERIFY(QTest::qWaitForWindowExposed(&form));
    auto *copyright = form.findChild<QLineEdit *>(u"publicationCopyright"_s);
    auto *terms = form.findChild<QLineEdit *>(u"publicationUsageTerms"_s);
    QVERIFY(copyright && terms);
    QTest::keyClicks(copyright, u"Public domain: a work of the U.S. Government."_s);
    QTest::keyClicks(terms, u"Credit the photographer and DoD."_s);
    QVERIFY2(form.apply(), qPrintable(form.errorString()));
    const PublicationSettings saved = PublicationSettingsRepository(m_library.get()).load();
    QCOMPARE(saved.copyrightNotice, u"Public domain: a work of the U.S. Government."_s);
    QCOMPARE(saved.usageTerms, u"Credit the photographer and DoD."_s);
    // Shown again, read-only, to a writer.
    QVERIFY(PeopleRepository(m_library.get()).add(Person{.name = u"Wes Writer"_s, .role = PersonRole::Writer}));
    m_library->setActor(u"Wes Writer"_s);
    PublicationForm writers(m_library.get());
    QCOMPARE(writers.findChild<QLineEdit *>(u"publicationCopyright"_s)->text(), saved.copyrightNotice);
    QVERIFY(writers.findChild<QLineEdit *>(u"publicationUsageTerms"_s)->isReadOnly());
}

void TestPublicationSettings::exportDialogWritesNinjsAndRemembersTheChoice()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().remove(u"export/format"_s);
    QString error;
    QVERIFY2(SampleLibrary::clearForPublication(m_library.get(), m_story, &error), qPrintable(error));
    {
        ExportDialog dialog(m_library.get(), m_story, m_exportPrompter);
        dialog.setFolder(m_dir->filePath(u"wire/story"_s));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *format = dialog.findChild<QComboBox *>(u"exportFormat"_s);
        QVERIFY(format);
        QCOMPARE(format->currentData().toString(), u"html"_s); // the default
        // Alt+O reaches the choice, and the keyboard makes it.
        QTest::keyClick(&dialog, Qt::Key_O, Qt::AltModifier);
        QTRY_VERIFY(format->hasFocus());
        QTest::keyClick(format, Qt::Key_Down);
        QCOMPARE(format->currentData().toString(), u"ninjs"_s);
        QCOMPARE(dialog.format(), StoryExporter::Options::Format::Ninjs);
        QTest::mouseClick(dialog.findChild<QPushButton *>(u"exportButton"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 30000);
    }
    QVERIFY(QFileInfo::exists(m_dir->filePath(u"wire/story/ninjs.json"_s)));
    QVERIFY(!QFileInfo::exists(m_dir->filePath(u"wire/story/index.html"_s)));
    ExportDialog again(m_library.get(), m_story, m_exportPrompter);
    QCOMPARE(again.findChild<QComboBox *>(u"exportFormat"_s)->currentData().toString(), u"ninjs"_s);
    QSettings().remove(u"export/format"_s);
}

QTEST_MAIN(TestPublicationSettings)
#include "tst_publicationsettings.moc"
