// SPDX-License-Identifier: MIT
#include "captionchecker.h"
#include "photorepository.h"
#include "phototemplates.h"
#include "samplelibrary.h"
#include "storymarkdown.h"
#include "photorepository.h"
#include "storyrepository.h"
#include "textsafety.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QRegularExpression>
#include <QTest>
#include <QTimeZone>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

// The account this test runs as, read here without Newsdesk's help: the
// command line must know people by it, whatever USER says.
QString accountName()
{
    const passwd *entry = getpwuid(getuid());
    return entry && entry->pw_name ? QString::fromLocal8Bit(entry->pw_name) : QString();
}

// The person this account is in the test libraries.
const QString loginPerson = u"Lou Login"_s;

} // namespace

// Runs the real newsdesk executable on libraries prepared here, as a user (or
// a publishing script) would.
class TestStoryCommands : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();

    void renderPrintsTheExportedPage();
    void renderFragmentPrintsOnlyTheArticle();
    void usageErrors_data();
    void usageErrors();
    void exportOfUnclearedStoryIsBlocked();
    void exportOfClearedStoryWritesTheFolder();
    void exportOverrideIsRecorded();
    void checkListsFindingsAndFailsOnErrors();
    void checkJsonIsStructured();
    void checkOfClearedStoryHasNoGateFindings();
    void checkListsDvidsReadinessAsWarnings();
    void checkSaysEachProblemOnce();
    void checkPassesRealCaptions();
    void embargoedStoryFailsCheckAndExport();
    void unreviewedImageFailsCheckAndExport();
    void dumpAndImportRoundTrip();
    void importOfBadFileIsRefused();
    void importAppliesATemplateToEveryPhoto();
    void ninjsExportAndImportByContent();
    void helpListsTheStoryCommands();
    void environmentDoesNotMakeAnEditor();
    void unknownAccountChangesNothing_data();
    void unknownAccountChangesNothing();
    void unknownAccountReadsTheLibrary();
    void importIntoAnEmptyFileMakesTheAccountItsEditor();
    void loginFallsBackToAPersonOfThatName();
    void numberAlwaysNamesAnId();
    void libraryTextCannotDriveTheTerminal();
    void fileAndArgumentTextCannotDriveTheTerminal();
    void initCreatesALibraryAPipelineCanUse();
    void initWithSampleHasTheSampleStory();
    void initNeverWritesOverAnything_data();
    void initNeverWritesOverAnything();
    void initRefusesWhatItCannotCreate_data();
    void initRefusesWhatItCannotCreate();
    void missingLibrarySaysHowToCreateOne();
    void photosSearchFindsTheLibrarysPhotos();
    void photosSearchUsageErrors_data();
    void photosSearchUsageErrors();

private:
    struct Result
    {
        int exitCode;
        QString out;
        QString err;
    };
    Result run(const QStringList &arguments) const;
    Result check() const { return run({u"check"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s, u"--json"_s}); }
    static QJsonArray findingsOf(const Result &result)
    {
        return QJsonDocument::fromJson(result.out.toUtf8()).object().value(u"findings"_s).toArray();
    }
    void clearSample();
    // Adds this account to the library at path as name with role, or takes
    // its login away (no role).
    static void setAccountPerson(const QString &path, std::optional<PersonRole> role, const QString &name = loginPerson);
    static int auditLength(const QString &path);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_library;
};

void TestStoryCommands::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // Loud, never a skip: without an account name the command line can
    // change no library, and these tests could not show who it works as.
    QVERIFY2(!accountName().isEmpty(), "the test's user id has no account name (getpwuid)");
}

void TestStoryCommands::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_library = m_dir->filePath(u"lib.newsdesk"_s);
    Library library;
    QString error;
    QVERIFY2(SampleLibrary::open(&library, m_library, &error), qPrintable(error));
    // The command line works as the person this account is: an editor here.
    setAccountPerson(m_library, PersonRole::Editor);
}

void TestStoryCommands::setAccountPerson(const QString &path, std::optional<PersonRole> role, const QString &name)
{
    Library library;
    QVERIFY2(library.open(path), qPrintable(library.errorString()));
    PeopleRepository people(&library);
    if (!people.findByName(u"Eve Editor"_s))
        QVERIFY2(people.add(Person{.name = u"Eve Editor"_s, .role = PersonRole::Editor}), qPrintable(people.errorString()));
    library.setActor(u"Eve Editor"_s);
    std::optional<Person> person = people.findByName(name);
    if (!person && role) {
        person = people.add(Person{.name = name, .role = *role});
        QVERIFY2(person, qPrintable(people.errorString()));
    }
    if (!person)
        return;
    QVERIFY2(people.setLogin(person->id, role ? accountName() : QString()), qPrintable(people.errorString()));
    if (role && person->role != *role)
        QVERIFY2(people.setRole(person->id, *role), qPrintable(people.errorString()));
}

int TestStoryCommands::auditLength(const QString &path)
{
    Library library;
    return library.open(path) ? int(library.auditTrail().size()) : -1;
}

void TestStoryCommands::clearSample()
{
    Library library;
    QString error;
    std::optional<Story> story = SampleLibrary::open(&library, m_library, &error);
    QVERIFY2(story && SampleLibrary::clearForPublication(&library, *story, &error), qPrintable(error));
}

TestStoryCommands::Result TestStoryCommands::run(const QStringList &arguments) const
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // The environment names the sample's editor, which must not matter: the
    // command line works as the person the operating-system account is.
    environment.insert(u"USER"_s, u"Eve Editor"_s);
    environment.insert(u"LOGNAME"_s, u"Eve Editor"_s);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(NEWSDESK_BINARY), arguments);
    if (!process.waitForFinished(120000))
        return {-1, {}, u"timed out"_s};
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

void TestStoryCommands::renderPrintsTheExportedPage()
{
    const Result result = run({u"render"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.startsWith(u"<!DOCTYPE html>\n<html lang=\"en\""_s));
    QVERIFY(result.out.contains(u"<h1>Hegseth, U.K. Counterpart Discuss Working Toward Peace in Ukraine</h1>"_s));
    QVERIFY(result.out.contains(u"<img src=\"images/250306-D-PM193-1268K.jpg\""_s));
    QVERIFY(result.out.contains(u"<link rel=\"stylesheet\" href=\"article.css\">"_s));
    QVERIFY(result.err.isEmpty());
    // By slug, the same page.
    const Result bySlug = run({u"render"_s, u"--library"_s, m_library, u"--story"_s,
                               u"hegseth-uk-counterpart-discuss-working-toward-peace-in-ukraine"_s});
    QCOMPARE(bySlug.exitCode, 0);
    // The story is not published yet, so each page is dated by its render.
    static const QRegularExpression time(u"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"_s);
    QVERIFY(result.out.contains(time));
    QCOMPARE(QString(bySlug.out).replace(time, u"TIME"_s), QString(result.out).replace(time, u"TIME"_s));
}

void TestStoryCommands::renderFragmentPrintsOnlyTheArticle()
{
    const Result result = run({u"render"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s, u"--fragment"_s});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.startsWith(u"<article>\n"_s));
    QVERIFY(result.out.endsWith(u"</article>\n"_s));
}

void TestStoryCommands::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString missing = u"/nonexistent/library.newsdesk"_s;
    QTest::newRow("render without --story") << QStringList{u"render"_s, u"--library"_s, u"@LIB@"_s} << u"missing --story"_s;
    QTest::newRow("unknown option") << QStringList{u"render"_s, u"--library"_s, u"@LIB@"_s, u"--story"_s, u"1"_s, u"--frobnicate"_s}
                                    << u"Unknown option 'frobnicate'"_s;
    QTest::newRow("missing library") << QStringList{u"render"_s, u"--library"_s, missing, u"--story"_s, u"1"_s}
                                     << u"there is no library at /nonexistent/library.newsdesk"_s;
    QTest::newRow("not a library") << QStringList{u"check"_s, u"--library"_s, u"@NOTLIB@"_s, u"--story"_s, u"1"_s}
                                   << u"cannot open the library"_s;
    QTest::newRow("unknown story") << QStringList{u"dump"_s, u"--library"_s, u"@LIB@"_s, u"--story"_s, u"no-such-story"_s}
                                   << u"there is no story 'no-such-story'"_s;
    QTest::newRow("export without --out") << QStringList{u"export"_s, u"--library"_s, u"@LIB@"_s, u"--story"_s, u"1"_s}
                                          << u"missing --out"_s;
    QTest::newRow("empty override reason")
        << QStringList{u"export"_s, u"--library"_s, u"@LIB@"_s, u"--story"_s, u"1"_s, u"--out"_s, u"@OUT@"_s, u"--override-reason"_s, u" "_s}
        << u"--override-reason needs a reason"_s;
    QTest::newRow("import without a file") << QStringList{u"import"_s, u"--library"_s, u"@LIB@"_s} << u"expected 1 file argument"_s;
    QTest::newRow("import of a missing file") << QStringList{u"import"_s, u"--library"_s, u"@LIB@"_s, u"/nonexistent/story.md"_s}
                                              << u"there is no file /nonexistent/story.md"_s;
}

void TestStoryCommands::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QFile notALibrary(m_dir->filePath(u"notes.txt"_s));
    QVERIFY(notALibrary.open(QIODevice::WriteOnly));
    notALibrary.write("just some notes\n");
    notALibrary.close();
    const QHash<QString, QString> places{{u"@NOTLIB@"_s, notALibrary.fileName()},
                                         {u"@LIB@"_s, m_library},
                                         {u"@OUT@"_s, m_dir->filePath(u"out"_s)}};
    for (QString &argument : arguments)
        argument = places.value(argument, argument);
    const Result result = run(arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
    QVERIFY(result.out.isEmpty());
    QVERIFY(!QFileInfo::exists(m_dir->filePath(u"out"_s)));
    // A missing library is never created by a command.
    QVERIFY(!QFileInfo::exists(u"/nonexistent"_s));
}

void TestStoryCommands::exportOfUnclearedStoryIsBlocked()
{
    const QString out = m_dir->filePath(u"web"_s);
    const Result result = run({u"export"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s, u"--out"_s, out});
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.err.contains(u"\n  The story is not approved (it is Draft).\n"_s));
    QVERIFY(result.err.contains(u"\n  Photo 250306-D-PM193-1268K: its caption is pending approval.\n"_s));
    QVERIFY(result.err.contains(u"\n  Photo 250306-F-UO417-1153K: its caption is pending approval.\n"_s));
    QVERIFY(result.err.contains(u"--override-reason"_s));
    QVERIFY(result.out.isEmpty());
    QVERIFY(!QFileInfo::exists(out));
}

void TestStoryCommands::exportOfClearedStoryWritesTheFolder()
{
    clearSample();
    const QString out = m_dir->filePath(u"web"_s);
    const Result result = run({u"export"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s, u"--out"_s, out});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.err.isEmpty(), qPrintable(result.err));
    const QStringList files = result.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(files.size(), 5);
    for (const QString &file : files)
        QVERIFY2(QFileInfo(file).isFile() && file.startsWith(out + u'/'), qPrintable(file));
    QVERIFY(QFileInfo::exists(out + u"/index.html"_s));
    QVERIFY(QFileInfo::exists(out + u"/images/250306-D-PM193-1416K.jpg"_s));
}

void TestStoryCommands::exportOverrideIsRecorded()
{
    const QString out = m_dir->filePath(u"web"_s);
    const Result result = run({u"export"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s, u"--out"_s, out,
                               u"--override-reason"_s, u"Cleared by the Secretary's office"_s});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.err.contains(u"exported despite 4 blocking reason"_s));
    QVERIFY(QFileInfo::exists(out + u"/index.html"_s));
    Library library;
    QVERIFY(library.open(m_library));
    bool recorded = false;
    for (const AuditEntry &entry : library.auditTrail(u"story"_s, 1)) {
        recorded = recorded
            || (entry.action == u"export-override"_s && entry.actor == loginPerson
                && entry.detail.startsWith(u"Cleared by the Secretary's office"_s));
    }
    QVERIFY(recorded);
}

void TestStoryCommands::checkListsFindingsAndFailsOnErrors()
{
    const Result result = run({u"check"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s});
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.out.startsWith(u"error: The story is not approved (it is Draft). [story-not-approved]\n"_s));
    QVERIFY(result.out.contains(u"error: Photo 250306-D-PM193-1416K: its caption is pending approval. [caption-not-approved]\n"_s));
    QVERIFY(result.out.contains(u"hegseth-uk-counterpart-discuss-working-toward-peace-in-ukraine: "_s));
}

void TestStoryCommands::checkJsonIsStructured()
{
    const Result result = run({u"check"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s, u"--json"_s});
    QCOMPARE(result.exitCode, 1);
    QJsonParseError parseError;
    const QJsonObject report = QJsonDocument::fromJson(result.out.toUtf8(), &parseError).object();
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
    QCOMPARE(report.value(u"story"_s).toObject().value(u"status"_s).toString(), u"draft"_s);
    const QJsonArray findings = report.value(u"findings"_s).toArray();
    int errors = 0;
    QStringList codes;
    for (const QJsonValue &value : findings) {
        const QJsonObject finding = value.toObject();
        QVERIFY(!finding.value(u"message"_s).toString().isEmpty());
        QVERIFY(!finding.value(u"subject"_s).toString().isEmpty());
        errors += finding.value(u"severity"_s).toString() == u"error"_s;
        codes << finding.value(u"code"_s).toString();
    }
    QCOMPARE(report.value(u"errors"_s).toInt(), errors);
    QVERIFY(errors >= 4);
    QCOMPARE(codes.count(u"story-not-approved"_s), 1);
    QCOMPARE(codes.count(u"caption-not-approved"_s), 3);
    // The VIRIN checker's word on the trailing letter defense.gov adds.
    QVERIFY(codes.contains(u"virin-unusual"_s));
    // The original's last paragraph opens a quotation it never closes.
    bool unbalanced = false;
    for (const QJsonValue &value : findings) {
        const QJsonObject finding = value.toObject();
        unbalanced = unbalanced
            || (finding.value(u"code"_s).toString() == u"quote-unbalanced"_s && finding.value(u"subject"_s).toString() == u"paragraph 15"_s
                && finding.value(u"severity"_s).toString() == u"warning"_s);
    }
    QVERIFY2(unbalanced, qPrintable(result.out));
}

void TestStoryCommands::checkOfClearedStoryHasNoGateFindings()
{
    clearSample();
    const Result result = run({u"check"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s, u"--json"_s});
    const QJsonObject report = QJsonDocument::fromJson(result.out.toUtf8()).object();
    QVERIFY(!report.isEmpty());
    int errors = 0;
    for (const QJsonValue &value : report.value(u"findings"_s).toArray()) {
        const QString code = value.toObject().value(u"code"_s).toString();
        QVERIFY2(code != u"story-not-approved"_s && code != u"caption-not-approved"_s && code != u"photo-not-released"_s,
                 qPrintable(code));
        errors += value.toObject().value(u"severity"_s).toString() == u"error"_s;
    }
    // Whatever the caption and VIRIN checkers say, the exit code follows them.
    QCOMPARE(result.exitCode, errors > 0 ? 1 : 0);
}

// The sample's photos have everything DVIDS asks for (keywords from their
// files included) but, until an editor names one, a release authority.
void TestStoryCommands::checkListsDvidsReadinessAsWarnings()
{
    {
        // The sample photos have keywords (from their files); one loses them.
        Library library;
        QVERIFY(library.open(m_library));
        library.setActor(u"Eve Editor"_s);
        PhotoRepository photos(&library);
        Photo photo = *photos.load(1);
        QCOMPARE(photo.virin, u"250306-D-PM193-1268K"_s);
        QVERIFY(!photo.keywords.isEmpty());
        photo.keywords.clear();
        QCOMPARE(photos.save(photo), PhotoRepository::SaveResult::Saved);
    }
    const Result text = run({u"check"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s});
    QCOMPARE(text.exitCode, 1); // the story is not approved; DVIDS has no part in that
    QVERIFY2(text.out.contains(u"warning: Photo 250306-D-PM193-1268K: DVIDS needs keywords: add at least one (at most "
                               "six) to Keywords. [dvids-keywords]\n"_s),
             qPrintable(text.out));
    QVERIFY2(text.out.contains(u"warning: Photo 250306-F-UO417-1153K: DVIDS needs release instructions: name the "
                               "release authority (name, rank, unit, phone, email). [dvids-release]\n"_s),
             qPrintable(text.out));

    const Result json = check();
    QCOMPARE(json.exitCode, 1);
    QHash<QString, QStringList> subjects; // DVIDS code → photos
    for (const QJsonValue &value : findingsOf(json)) {
        const QJsonObject finding = value.toObject();
        const QString code = finding.value(u"code"_s).toString();
        if (!code.startsWith(u"dvids-"_s))
            continue;
        QCOMPARE(finding.value(u"severity"_s).toString(), u"warning"_s);
        subjects[code] << finding.value(u"subject"_s).toString();
    }
    const QStringList virins = {u"250306-D-PM193-1268K"_s, u"250306-D-PM193-1416K"_s, u"250306-F-UO417-1153K"_s};
    QCOMPARE(subjects.keys().size(), 2);
    QCOMPARE(subjects.value(u"dvids-keywords"_s), QStringList{virins.first()});
    QCOMPARE(subjects.value(u"dvids-release"_s), virins);

    // Cleared for the web, with an authority named: DVIDS still wants
    // keywords for the one photo, and the story still passes.
    clearSample();
    const Result cleared = check();
    QCOMPARE(cleared.exitCode, 0);
    QStringList codes;
    for (const QJsonValue &value : findingsOf(cleared))
        codes << value.toObject().value(u"code"_s).toString();
    QCOMPARE(codes.count(u"dvids-keywords"_s), 1);
    QVERIFY(!codes.contains(u"dvids-release"_s));
}

// DVIDS needs a caption, a VIRIN and release instructions, but where the
// caption checker, the VIRIN checker or the gate already says one is
// missing, check says it once, in their words.
void TestStoryCommands::checkSaysEachProblemOnce()
{
    {
        Library library;
        QVERIFY(library.open(m_library));
        library.setActor(u"Eve Editor"_s);
        PhotoRepository photos(&library);
        Photo placed = *photos.load(1); // placed in the body by its VIRIN
        placed.caption.clear();
        placed.keywords.clear(); // which only DVIDS asks for
        placed.releaseState = ReleaseState::NotReviewed;
        QCOMPARE(photos.save(placed), PhotoRepository::SaveResult::Saved);
        Photo unnamed = *photos.load(2); // without a VIRIN the body no longer places it
        unnamed.virin.clear();
        unnamed.releaseState = ReleaseState::NotReviewed;
        QCOMPARE(photos.save(unnamed), PhotoRepository::SaveResult::Saved);
    }
    const Result result = check();
    QCOMPARE(result.exitCode, 1);
    QHash<QString, QStringList> codes; // subject → codes
    for (const QJsonValue &value : findingsOf(result))
        codes[value.toObject().value(u"subject"_s).toString()] << value.toObject().value(u"code"_s).toString();

    const QStringList placed = codes.value(u"250306-D-PM193-1268K"_s);
    QVERIFY2(placed.contains(u"caption-missing"_s) && placed.contains(u"photo-not-released"_s),
             qPrintable(placed.join(u' ')));
    QVERIFY(!placed.contains(u"dvids-description"_s));
    QVERIFY(!placed.contains(u"dvids-release"_s));
    QVERIFY(placed.contains(u"dvids-keywords"_s));

    const QStringList unnamed = codes.value(u"photo 2"_s);
    QVERIFY2(unnamed.contains(u"virin-invalid"_s), qPrintable(unnamed.join(u' ')));
    QVERIFY(!unnamed.contains(u"dvids-virin"_s));
    // Not placed, so the gate is silent on its release: DVIDS is not.
    QVERIFY(!unnamed.contains(u"photo-not-released"_s));
    QVERIFY(unnamed.contains(u"dvids-release"_s));
}

// Real captions as DVIDS, defense.gov and the services published them
// (tests/data/captions/real-captions.json) raise no caption finding and no
// VIRIN date mismatch in check: a Navy caption that opens with its VIRIN and
// a dateline in capitals, and two with an inline credit.
void TestStoryCommands::checkPassesRealCaptions()
{
    QFile file(QStringLiteral(NEWSDESK_SOURCE_DIR "/tests/data/captions/real-captions.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QHash<QString, QJsonObject> real;
    for (const QJsonValue &value : QJsonDocument::fromJson(file.readAll()).object().value(u"captions"_s).toArray())
        real.insert(value[u"id"_s].toString(), value.toObject());
    const QStringList ids = {u"navy-annapolis-virin-first"_s, u"defense-gov-miking-milley"_s,
                             u"defense-gov-night-burn"_s};
    QStringList virins;
    {
        Library library;
        QVERIFY(library.open(m_library));
        library.setActor(u"Eve Editor"_s);
        PhotoRepository photos(&library);
        for (qsizetype i = 0; i < ids.size(); ++i) {
            const QJsonObject caption = real.value(ids.at(i));
            QVERIFY2(!caption.isEmpty(), qPrintable(ids.at(i)));
            Photo photo = *photos.load(i + 1);
            photo.caption = caption.value(u"caption"_s).toString();
            photo.credit = caption.value(u"credit"_s).toString();
            photo.dateShot = QDate::fromString(caption.value(u"date_shot"_s).toString(), Qt::ISODate);
            photo.virin = caption.value(u"virin"_s).toString();
            QVERIFY(!photo.virin.isEmpty());
            // The sample's own place fields would name a place for the caption.
            photo.city.clear();
            photo.sublocation.clear();
            photo.state.clear();
            photo.country.clear();
            QCOMPARE(photos.save(photo), PhotoRepository::SaveResult::Saved);
            virins << photo.virin;
        }
    }
    // The codes check gives the caption checker's findings.
    QStringList checkerCodes;
    for (const QString &rule : CaptionChecker::ruleIds())
        checkerCodes << (rule.startsWith(u"caption-"_s) ? rule : u"caption-"_s + rule);
    const Result result = check();
    QVERIFY2(result.exitCode == 0 || result.exitCode == 1, qPrintable(result.err));
    int seen = 0;
    for (const QJsonValue &value : findingsOf(result)) {
        const QJsonObject finding = value.toObject();
        if (!virins.contains(finding.value(u"subject"_s).toString()))
            continue;
        ++seen;
        const QString code = finding.value(u"code"_s).toString();
        const QString message = finding.value(u"message"_s).toString();
        QVERIFY2(!checkerCodes.contains(code), qPrintable(message));
        QVERIFY2(code != u"virin-mismatch"_s || !message.contains(u"caption"_s), qPrintable(message));
    }
    QVERIFY(seen > 0); // the photos were checked (their DVIDS and file-name findings, at least)
}

void TestStoryCommands::embargoedStoryFailsCheckAndExport()
{
    clearSample();
    {
        Library library;
        QVERIFY(library.open(m_library));
        library.setActor(u"Eve Editor"_s);
        StoryRepository stories(&library);
        Story story = *stories.load(1);
        story.embargoUntil = QDateTime(QDate(2099, 1, 1), QTime(12, 0), QTimeZone::UTC);
        QCOMPARE(stories.save(story), StoryRepository::SaveResult::Saved);
    }
    const Result check = run({u"check"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s});
    QCOMPARE(check.exitCode, 1);
    QVERIFY2(check.out.contains(u"error: The story is under embargo until 2099-01-01 12:00 UTC. [story-embargoed]\n"_s),
             qPrintable(check.out));
    const QString out = m_dir->filePath(u"out"_s);
    const Result refused = run({u"export"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s, u"--out"_s, out});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY(refused.err.contains(u"under embargo"_s));
    QVERIFY(!QFileInfo::exists(out));
}

void TestStoryCommands::unreviewedImageFailsCheckAndExport()
{
    clearSample();
    {
        Library library;
        QVERIFY(library.open(m_library));
        library.setActor(u"Eve Editor"_s);
        StoryRepository stories(&library);
        Story story = *stories.load(1);
        story.body += u"\n\nA chart: ![chart](https://example.com/chart.png)\n"_s;
        QCOMPARE(stories.save(story), StoryRepository::SaveResult::Saved);
    }
    const Result check = run({u"check"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s});
    QCOMPARE(check.exitCode, 1);
    static const QRegularExpression finding(u"error: Line \\d+ of the body shows an image \\(https://example.com/chart.png\\) "
                                            "that nobody reviewed; [^\n]* \\[image-not-reviewed\\]\n"_s);
    QVERIFY2(check.out.contains(finding), qPrintable(check.out));
    const QString out = m_dir->filePath(u"out"_s);
    const Result refused = run({u"export"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s, u"--out"_s, out});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(u"https://example.com/chart.png) that nobody reviewed"_s), qPrintable(refused.err));
    QVERIFY(!QFileInfo::exists(out));
    // Nor does the page rendered for a CMS carry it.
    const Result render = run({u"render"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s});
    QCOMPARE(render.exitCode, 0);
    QVERIFY(!render.out.contains(u"example.com"_s));
    QVERIFY(render.out.contains(u"A chart: chart</p>"_s));
}

void TestStoryCommands::dumpAndImportRoundTrip()
{
    clearSample();
    const QString md = m_dir->filePath(u"transfer/story.md"_s);
    const Result dumped = run({u"dump"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s, u"--out"_s, md});
    QCOMPARE(dumped.exitCode, 0);
    // A file that exists is replaced only when asked.
    const Result refused = run({u"dump"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s, u"--out"_s, md});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(u"already exists; --force replaces it"_s), qPrintable(refused.err));
    QCOMPARE(run({u"dump"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s, u"--out"_s, md, u"--force"_s}).exitCode, 0);
    QCOMPARE(run({u"dump"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s, u"--force"_s}).exitCode, 2);
    QVERIFY(QFileInfo::exists(m_dir->filePath(u"transfer/250306-F-UO417-1153K.jpg"_s)));
    QFile file(md);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    const Result printed = run({u"dump"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s});
    QCOMPARE(printed.exitCode, 0);
    QCOMPARE(printed.out, text);

    // Into a library of its own, where the same editor works.
    const QString other = m_dir->filePath(u"other.newsdesk"_s);
    setAccountPerson(other, PersonRole::Editor);
    const Result imported = run({u"import"_s, u"--library"_s, other, md});
    QCOMPARE(imported.exitCode, 0);
    QVERIFY2(imported.err.isEmpty(), qPrintable(imported.err));
    QVERIFY(imported.out.startsWith(u"imported story 1 (hegseth-uk-counterpart-discuss-working-toward-peace-in-ukraine) with 3 photo"_s));
    const Result again = run({u"dump"_s, u"--library"_s, other, u"--story"_s, u"1"_s});
    QCOMPARE(again.exitCode, 0);
    QCOMPARE(again.out, text);
}

// export --format ninjs writes the news item beside the images; import
// knows it by its content, whatever the file is called.
void TestStoryCommands::ninjsExportAndImportByContent()
{
    const QString out = m_dir->filePath(u"wire"_s);
    const Result wrongFormat =
        run({u"export"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s, u"--out"_s, out, u"--format"_s, u"newsml"_s});
    QCOMPARE(wrongFormat.exitCode, 2);
    QVERIFY2(wrongFormat.err.contains(u"--format is html or ninjs"_s), qPrintable(wrongFormat.err));
    // The same gate as the page.
    const Result blocked = run({u"export"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s, u"--out"_s, out, u"--format"_s, u"ninjs"_s});
    QCOMPARE(blocked.exitCode, 1);
    QVERIFY(blocked.err.contains(u"\n  The story is not approved (it is Draft).\n"_s));
    QVERIFY(!QFileInfo::exists(out));

    clearSample();
    const Result exported = run({u"export"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s, u"--out"_s, out, u"--format"_s, u"ninjs"_s});
    QCOMPARE(exported.exitCode, 0);
    QVERIFY2(exported.err.isEmpty(), qPrintable(exported.err));
    QStringList files = exported.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(files.size(), 4);
    QVERIFY(files.contains(out + u"/ninjs.json"_s));
    QVERIFY(!QFileInfo::exists(out + u"/index.html"_s));
    QFile json(out + u"/ninjs.json"_s);
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonObject item = QJsonDocument::fromJson(json.readAll()).object();
    QCOMPARE(item.value(u"type"_s).toString(), u"text"_s);
    QCOMPARE(item.value(u"associations"_s).toArray().size(), 3);

    // Named like anything: the content says it is ninjs.
    QVERIFY(QFile::copy(out + u"/ninjs.json"_s, out + u"/story.txt"_s));
    const Result imported = run({u"import"_s, u"--library"_s, m_library, out + u"/story.txt"_s});
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
    QVERIFY2(imported.out.contains(u"imported story 2 ("_s) && imported.out.contains(u"with 3 photos"_s), qPrintable(imported.out));
    // The sample keeps its slug: the import is told, and takes another.
    QVERIFY2(imported.err.contains(u"slug:"_s), qPrintable(imported.err));
    const Result dumped = run({u"dump"_s, u"--library"_s, m_library, u"--story"_s, u"2"_s});
    QCOMPARE(dumped.exitCode, 0);
    QVERIFY(dumped.out.contains(u"status: draft"_s));
    QVERIFY(dumped.out.contains(u"![](photo:250306-D-PM193-1268K)"_s));
}

void TestStoryCommands::importOfBadFileIsRefused()
{
    const QString md = m_dir->filePath(u"bad.md"_s);
    QFile file(md);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("---\nheadline: x\nstatus: finished\n---\nBody\n");
    file.close();
    const Result result = run({u"import"_s, u"--library"_s, m_library, md});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(u"line 3: status 'finished' is not one of"_s), qPrintable(result.err));
    Library library;
    QVERIFY(library.open(m_library));
    QCOMPARE(StoryRepository(&library).count(), 1);
}

// newsdesk import --template NAME: the template's filled fields on every
// photo the file brings in; an unknown name changes nothing.
void TestStoryCommands::importAppliesATemplateToEveryPhoto()
{
    const QString md = m_dir->filePath(u"story.md"_s);
    QFile file(md);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("---\nnewsdesk: 1\nheadline: \"Two photos\"\nphotos:\n"
               "  - virin: \"250306-D-PM193-1001\"\n    unit: \"From the file\"\n    caption: \"Kept.\"\n"
               "  - virin: \"250306-D-PM193-1002\"\n---\nBody\n");
    file.close();
    {
        Library library;
        QVERIFY(library.open(m_library));
        library.setActor(loginPerson);
        PhotoTemplate assignment;
        assignment.name = u"Pentagon visit"_s;
        for (const PhotoField field : templateFields())
            assignment.values.insert(field, QString());
        assignment.values[PhotoField::Unit] = u"Defense Media Activity"_s;
        assignment.values[PhotoField::CommandShown] = u"USNORTHCOM"_s;
        assignment.values[PhotoField::Keywords] = u"Pentagon"_s;
        PhotoTemplateRepository templates(&library);
        QCOMPARE(templates.save(assignment), PhotoTemplateRepository::SaveResult::Saved);
    }
    const Result unknown = run({u"import"_s, u"--library"_s, m_library, u"--template"_s, u"No such"_s, md});
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.err.contains(u"no metadata template named \"No such\""_s), qPrintable(unknown.err));
    {
        Library library;
        QVERIFY(library.open(m_library));
        QCOMPARE(StoryRepository(&library).count(), 1);
    }
    const Result imported = run({u"import"_s, u"--library"_s, m_library, u"--template"_s, u"pentagon VISIT"_s, md});
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
    Library library;
    QVERIFY(library.open(m_library));
    const QList<Photo> photos = PhotoRepository(&library).photosOfStory(2);
    QCOMPARE(photos.size(), 2);
    for (const Photo &photo : photos) {
        QCOMPARE(photo.unit, u"Defense Media Activity"_s);
        QCOMPARE(photo.commandShown, u"USNORTHCOM"_s);
        QCOMPARE(photo.keywords, QStringList{u"Pentagon"_s});
    }
    // What the template leaves empty, the file says.
    QCOMPARE(photos.first().caption, u"Kept."_s);
    const Result help = run({u"import"_s, u"--help"_s});
    QVERIFY(help.out.contains(u"--template"_s));
}

void TestStoryCommands::helpListsTheStoryCommands()
{
    const Result result = run({u"--help"_s});
    QCOMPARE(result.exitCode, 0);
    for (const QString &command : {u"render"_s, u"export"_s, u"check"_s, u"import"_s, u"dump"_s})
        QVERIFY2(result.out.contains(u"  newsdesk "_s + command + u" --library PATH"_s), qPrintable(command));
    const Result exportHelp = run({u"export"_s, u"--help"_s});
    QCOMPARE(exportHelp.exitCode, 0);
    QVERIFY(exportHelp.out.contains(u"--override-reason"_s));
}

// USER and LOGNAME name the sample's editor (run() sets them); the account
// is a writer's. Neither the gate's override nor an editor's decisions in a
// file come with the name.
void TestStoryCommands::environmentDoesNotMakeAnEditor()
{
    setAccountPerson(m_library, PersonRole::Writer);
    const int before = auditLength(m_library);
    const QString out = m_dir->filePath(u"web"_s);
    const Result refused = run({u"export"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s, u"--out"_s, out,
                                u"--override-reason"_s, u"Because USER says so"_s});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(u"Only an editor of this library may export a story that is not cleared"_s), qPrintable(refused.err));
    QVERIFY(refused.err.contains(u"\n  The story is not approved (it is Draft).\n"_s));
    QVERIFY(!QFileInfo::exists(out));
    QCOMPARE(auditLength(m_library), before);

    // An approved story with released photos and approved captions, dumped
    // and marked published, comes back from the writer for review.
    clearSample();
    const QString md = m_dir->filePath(u"transfer/story.md"_s);
    QCOMPARE(run({u"dump"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s, u"--out"_s, md}).exitCode, 0);
    QFile file(md);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QString text = QString::fromUtf8(file.readAll());
    file.close();
    QVERIFY(text.contains(u"status: approved\n"_s));
    text.replace(u"status: approved\n"_s, u"status: published\npublished_at: 2025-03-06T15:00:00Z\n"_s);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(text.toUtf8());
    file.close();
    const Result imported = run({u"import"_s, u"--library"_s, m_library, md});
    QCOMPARE(imported.exitCode, 0);
    for (const QString &warning : {u"warning: status: the story comes in as In review, not Published"_s,
                                   u"warning: published_at: left out"_s,
                                   u"warning: photo 250306-D-PM193-1268K: approval: the caption comes in as pending"_s,
                                   u"warning: photo 250306-D-PM193-1268K: release: the photo comes in as not reviewed"_s})
        QVERIFY2(imported.err.contains(warning), qPrintable(warning + u"\n"_s + imported.err));
    Library library;
    QVERIFY(library.open(m_library));
    const Story story = *StoryRepository(&library).load(2);
    QCOMPARE(story.status, StoryStatus::InReview);
    QVERIFY(!story.publishedAt.isValid());
    QCOMPARE(story.createdBy, loginPerson);
    const QList<Photo> photos = PhotoRepository(&library).photosOfStory(2);
    QCOMPARE(photos.size(), 3);
    for (const Photo &photo : photos) {
        QCOMPARE(photo.approval, CaptionApproval::Pending);
        QCOMPARE(photo.releaseState, ReleaseState::NotReviewed);
    }
}

void TestStoryCommands::unknownAccountChangesNothing_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("nobody"); // the library has no people at all
    QTest::addColumn<QString>("message");
    const QStringList exportArguments{u"export"_s, u"--library"_s, u"@LIB@"_s, u"--story"_s, u"1"_s, u"--out"_s, u"@OUT@"_s};
    const QString notAmong = u"is not among the people of"_s;
    QTest::newRow("import") << QStringList{u"import"_s, u"--library"_s, u"@LIB@"_s, u"@MD@"_s} << false << notAmong;
    QTest::newRow("export of a cleared story") << (QStringList{u"@CLEAR@"_s} + exportArguments) << false << notAmong;
    QTest::newRow("export with an override")
        << (exportArguments + QStringList{u"--override-reason"_s, u"x"_s}) << false << notAmong;
    QTest::newRow("import into a library of nobody")
        << QStringList{u"import"_s, u"--library"_s, u"@LIB@"_s, u"@MD@"_s} << true << u"has nobody in it yet"_s;
}

// An account the library does not know changes nothing, and is told how to
// be added.
void TestStoryCommands::unknownAccountChangesNothing()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, nobody);
    QFETCH(QString, message);
    if (arguments.removeAll(u"@CLEAR@"_s))
        clearSample();
    const QString md = m_dir->filePath(u"story.md"_s);
    QFile file(md);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("---\nheadline: From outside\nstatus: draft\n---\nBody.\n");
    file.close();
    QString library = m_library;
    if (nobody) {
        library = m_dir->filePath(u"nobody.newsdesk"_s);
        Library created;
        QString error;
        QVERIFY2(LibrarySetup::openWithSample(&created, library, &error), qPrintable(error));
    } else {
        setAccountPerson(m_library, std::nullopt); // Lou Login stays, without a login
    }
    const int before = auditLength(library);
    const QString out = m_dir->filePath(u"out"_s);
    for (QString &argument : arguments)
        argument = QHash<QString, QString>{{u"@LIB@"_s, library}, {u"@MD@"_s, md}, {u"@OUT@"_s, out}}.value(argument, argument);
    const Result result = run(arguments);
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
    QVERIFY2(result.err.contains(u"Edit ▸ Preferences ▸ People"_s), qPrintable(result.err));
    QVERIFY2(result.err.contains(u"login "_s + accountName()), qPrintable(result.err));
    QVERIFY(result.out.isEmpty());
    QVERIFY(!QFileInfo::exists(out));
    QCOMPARE(auditLength(library), before);
    Library opened;
    QVERIFY(opened.open(library));
    QCOMPARE(StoryRepository(&opened).count(), 1);
}

// An empty file becomes a library, and the account that first changes it
// from the command line its first editor, as `init` would make it (the
// team's start-up measurement makes its library this way): a pipeline can
// start from `: > news.newsdesk`.
void TestStoryCommands::importIntoAnEmptyFileMakesTheAccountItsEditor()
{
    const QString library = m_dir->filePath(u"empty.newsdesk"_s);
    QFile empty(library);
    QVERIFY(empty.open(QIODevice::WriteOnly));
    empty.close();
    const QString md = m_dir->filePath(u"story.md"_s);
    QFile file(md);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("---\nheadline: From an empty file\nstatus: draft\n---\nBody.\n");
    file.close();
    const Result result = run({u"import"_s, u"--library"_s, library, md});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY2(result.err.contains(u"is its first person, an editor"_s), qPrintable(result.err));
    Library opened;
    QVERIFY(opened.open(library));
    const QList<Person> people = PeopleRepository(&opened).all();
    QCOMPARE(people.size(), 1);
    QCOMPARE(people.constFirst().login, accountName());
    QCOMPARE(people.constFirst().role, PersonRole::Editor);
    QCOMPARE(StoryRepository(&opened).loadBySlug(u"from-an-empty-file"_s)->createdBy, people.constFirst().name);
}

// Reading needs nobody's say: render, check and dump run for any account.
void TestStoryCommands::unknownAccountReadsTheLibrary()
{
    setAccountPerson(m_library, std::nullopt);
    const int before = auditLength(m_library);
    const Result rendered = run({u"render"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s});
    QCOMPARE(rendered.exitCode, 0);
    QVERIFY(rendered.out.contains(u"<h1>Hegseth, U.K. Counterpart"_s));
    const Result checked = check();
    QCOMPARE(checked.exitCode, 1); // the draft's findings, not a refusal
    QVERIFY(!findingsOf(checked).isEmpty());
    const Result dumped = run({u"dump"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s});
    QCOMPARE(dumped.exitCode, 0);
    QVERIFY(dumped.out.startsWith(u"---\nnewsdesk: 1\n"_s));
    const QString md = m_dir->filePath(u"copy/story.md"_s);
    QCOMPARE(run({u"dump"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s, u"--out"_s, md}).exitCode, 0);
    QVERIFY(QFileInfo::exists(md));
    for (const Result &result : {rendered, checked, dumped})
        QVERIFY2(result.err.isEmpty(), qPrintable(result.err));
    QCOMPARE(auditLength(m_library), before);
}

// People added before logins were kept are found by their name; a login
// someone has beats a name.
void TestStoryCommands::loginFallsBackToAPersonOfThatName()
{
    setAccountPerson(m_library, std::nullopt);
    {
        Library library;
        QVERIFY(library.open(m_library));
        library.setActor(u"Eve Editor"_s);
        QVERIFY(PeopleRepository(&library).add(Person{.name = accountName(), .role = PersonRole::Editor}));
    }
    const QString out = m_dir->filePath(u"web"_s);
    const QStringList exportArguments{u"export"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s,
                                      u"--out"_s, out, u"--override-reason"_s, u"Named like the account"_s};
    const Result exported = run(exportArguments);
    QCOMPARE(exported.exitCode, 0);
    {
        Library library;
        QVERIFY(library.open(m_library));
        QStringList overriders;
        for (const AuditEntry &entry : library.auditTrail(u"story"_s, 1)) {
            if (entry.action == u"export-override"_s)
                overriders << entry.actor;
        }
        QCOMPARE(overriders, QStringList{accountName()});
    }
    // Now a writer has the account's login: the editor of that name is not it.
    setAccountPerson(m_library, PersonRole::Writer);
    QVERIFY(QDir(out).removeRecursively());
    const Result refused = run(exportArguments);
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(u"Only an editor of this library"_s), qPrintable(refused.err));
    QVERIFY(!QFileInfo::exists(out));
}

// `--story 1` is story 1, whatever slugs an older library holds; a story
// whose slug is a number is still reached, by its id.
void TestStoryCommands::numberAlwaysNamesAnId()
{
    {
        Library library;
        QVERIFY(library.open(m_library));
        library.setActor(u"Eve Editor"_s);
        const std::optional<Story> second = StoryRepository(&library).create(Story{.headline = u"Second story"_s});
        QVERIFY(second);
        QCOMPARE(second->id, 2);
        // As a library from before the rule could have it.
        QSqlQuery query(library.database());
        QVERIFY(query.exec(u"UPDATE stories SET slug = '1' WHERE id = 2"_s));
    }
    const Result first = run({u"render"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s, u"--fragment"_s});
    QCOMPARE(first.exitCode, 0);
    QVERIFY2(first.out.contains(u"<h1>Hegseth, U.K. Counterpart"_s), qPrintable(first.out.left(200)));
    QVERIFY(!first.out.contains(u"Second story"_s));
    {
        Library library;
        QVERIFY(library.open(m_library));
        QVERIFY(QSqlQuery(library.database()).exec(u"UPDATE stories SET slug = '7' WHERE id = 2"_s));
    }
    const Result missing = run({u"dump"_s, u"--library"_s, m_library, u"--story"_s, u"7"_s});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains(u"there is no story '7'"_s), qPrintable(missing.err));
    QVERIFY2(missing.err.contains(u"story 2 has the slug \"7\"; name it by its id, 2"_s), qPrintable(missing.err));
    const Result second = run({u"dump"_s, u"--library"_s, m_library, u"--story"_s, u"2"_s});
    QCOMPARE(second.exitCode, 0);
    QVERIFY(second.out.contains(u"headline: \"Second story\"\n"_s));
}

namespace {

// What in text could move a terminal's cursor, change its state or reorder
// its line (a line break is the command's own); empty when nothing could.
QString terminalControlIn(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            ++i;
            continue;
        }
        if (c != u'\n' && (c.isSurrogate() || TextSafety::needsTerminalEscape(c.unicode())))
            return u"U+%1 at %2 in: %3"_s.arg(uint(c.unicode()), 4, 16, QLatin1Char('0')).arg(i).arg(TextSafety::forTerminal(text));
    }
    return {};
}

#define VERIFY_TERMINAL_SAFE(text) QVERIFY2(terminalControlIn(text).isEmpty(), qPrintable(terminalControlIn(text)))

} // namespace

// Issue 11, finding 8: the command line printed VIRINs, headlines and slugs
// raw, so a story could clear the screen and print a fake "0 error(s)". The
// library file here is written by other means than Newsdesk, which would not
// store such text.
void TestStoryCommands::libraryTextCannotDriveTheTerminal()
{
    const QString slug = u"s\x1b[2J\x1b[H\x1b]0;owned\x07\n0 error(s), 0 warning(s)\r\u202e"_s;
    const QString virin = u"\x1b[31m250306-D-PM193-1268K\x9b\u2067"_s;
    {
        Library library;
        QString error;
        QVERIFY2(SampleLibrary::open(&library, m_library, &error), qPrintable(error));
        QSqlQuery query(library.database());
        query.prepare(u"UPDATE stories SET slug = :slug, headline = :headline, body = :body WHERE id = 1"_s);
        query.bindValue(u":slug"_s, slug);
        query.bindValue(u":headline"_s, u"Head\x1b[2Jline"_s);
        query.bindValue(u":body"_s, u"Body \x1b[2J\x7f text.\n\n![](photo:250306-D-PM193-1268K)\n"_s);
        QVERIFY(query.exec());
        query.prepare(u"UPDATE photos SET virin = :virin, caption = :caption WHERE virin = '250306-D-PM193-1268K'"_s);
        query.bindValue(u":virin"_s, virin);
        query.bindValue(u":caption"_s, u"Caption\x1b[2J\nwith a line"_s);
        QVERIFY(query.exec());
        QCOMPARE(query.numRowsAffected(), 1);
    }

    const Result check = run({u"check"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s});
    QCOMPARE(check.exitCode, 1);
    VERIFY_TERMINAL_SAFE(check.out);
    VERIFY_TERMINAL_SAFE(check.err);
    // One summary line, the last, and it is the command's own.
    const QStringList lines = check.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.filter(u"error(s)"_s).size(), 1);
    QVERIFY2(lines.constLast().startsWith(u"s\\x1b[2J\\x1b[H\\x1b]0;owned\\x07\\n0 error(s), 0 warning(s)\\r\\u202e: "_s),
             qPrintable(lines.constLast()));
    QVERIFY(!lines.constLast().endsWith(u": 0 error(s), 0 warning(s)"_s));
    QVERIFY2(check.out.contains(u"\\x1b[31m250306-D-PM193-1268K\\x9b\\u2067"_s), qPrintable(check.out));

    // JSON escapes every control, and a reader gets the text back exactly.
    const Result json = run({u"check"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s, u"--json"_s});
    VERIFY_TERMINAL_SAFE(json.out);
    QJsonParseError parseError;
    const QJsonObject report = QJsonDocument::fromJson(json.out.toUtf8(), &parseError).object();
    QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
    QCOMPARE(report.value(u"story"_s).toObject().value(u"slug"_s).toString(), slug);
    QStringList subjects;
    for (const QJsonValue &finding : report.value(u"findings"_s).toArray())
        subjects << finding.toObject().value(u"subject"_s).toString();
    QVERIFY(subjects.contains(virin));

    const Result exported = run({u"export"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s, u"--out"_s, m_dir->filePath(u"out"_s)});
    QCOMPARE(exported.exitCode, 1);
    VERIFY_TERMINAL_SAFE(exported.err);
    QVERIFY2(exported.err.contains(u"'s\\x1b[2J\\x1b[H\\x1b]0;owned\\x07\\n0 error(s), 0 warning(s)\\r\\u202e' is not cleared"_s),
             qPrintable(exported.err));

    // The page and the Markdown are data, not messages: what the library may
    // not hold is left out of them.
    for (const QStringList &arguments : {QStringList{u"render"_s}, QStringList{u"render"_s, u"--fragment"_s}, QStringList{u"dump"_s}}) {
        const Result result = run(arguments + QStringList{u"--library"_s, m_library, u"--story"_s, u"1"_s});
        QCOMPARE(result.exitCode, 0);
        VERIFY_TERMINAL_SAFE(result.out);
        VERIFY_TERMINAL_SAFE(result.err);
    }
}

void TestStoryCommands::fileAndArgumentTextCannotDriveTheTerminal()
{
    // An unknown key and an error in a Markdown file.
    const QString file = m_dir->filePath(u"story.md"_s);
    {
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("---\nheadline: \"Head\\e[2Jline\"\n\"key\\e[2J\\n0 error(s)\": x\nphotos:\n  - virin: \"V\\e]0;x\\a\"\n"
                  "    alt: \"Alt\\0text\"\n---\nBody.\n");
    }
    const Result imported = run({u"import"_s, u"--library"_s, m_library, file});
    QCOMPARE(imported.exitCode, 0);
    VERIFY_TERMINAL_SAFE(imported.out);
    VERIFY_TERMINAL_SAFE(imported.err);
    QVERIFY2(imported.err.contains(u"unknown key 'key\\x1b[2J\\n0 error(s)' ignored"_s), qPrintable(imported.err));
    QVERIFY2(imported.err.contains(u"photo V]0;x alt: 1 control character removed"_s), qPrintable(imported.err));

    QFile bad(m_dir->filePath(u"bad.md"_s));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("---\nheadline: x\nstatus: \"\\e[2Jpublished\"\n---\n");
    bad.close();
    const Result refused = run({u"import"_s, u"--library"_s, m_library, bad.fileName()});
    QCOMPARE(refused.exitCode, 1);
    VERIFY_TERMINAL_SAFE(refused.err);
    QVERIFY2(refused.err.contains(u"status '\\x1b[2Jpublished'"_s), qPrintable(refused.err));

    // Arguments: a story, an option and a command name.
    for (const QStringList &arguments : {QStringList{u"check"_s, u"--library"_s, m_library, u"--story"_s, u"\x1b[2Jnope"_s},
                                         QStringList{u"check"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s, u"--\x1b[2J"_s},
                                         QStringList{u"check"_s, u"--library"_s, m_library + u"\x1b[2J"_s, u"--story"_s, u"1"_s},
                                         QStringList{u"\x1b[2Jcheck"_s}}) {
        const Result result = run(arguments);
        QCOMPARE(result.exitCode, 2);
        VERIFY_TERMINAL_SAFE(result.err);
        QVERIFY2(result.err.contains(u"\\x1b[2J"_s), qPrintable(result.err));
    }
}

void TestStoryCommands::initCreatesALibraryAPipelineCanUse()
{
    const QString created = m_dir->filePath(u"new.newsdesk"_s);
    const Result init = run({u"init"_s, u"--library"_s, created, u"--name"_s, u"Pat Pipeline"_s});
    QCOMPARE(init.exitCode, 0);
    QVERIFY2(init.out.contains(u"Pat Pipeline"_s) && init.out.contains(accountName()), qPrintable(init.out));
    {
        Library library;
        QVERIFY(library.open(created));
        const QList<Person> people = PeopleRepository(&library).all();
        QCOMPARE(people.size(), 1);
        QCOMPARE(people.constFirst().name, u"Pat Pipeline"_s);
        QCOMPARE(people.constFirst().role, PersonRole::Editor);
        QCOMPARE(people.constFirst().login, accountName());
        QCOMPARE(StoryRepository(&library).count(), 0);
    }
    // At once, from the command line alone: a story goes in.
    const QString markdown = m_dir->filePath(u"story.md"_s);
    QCOMPARE(run({u"dump"_s, u"--library"_s, m_library, u"--story"_s, u"1"_s, u"--out"_s, markdown}).exitCode, 0);
    const Result imported = run({u"import"_s, u"--library"_s, created, markdown});
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
    QCOMPARE(run({u"render"_s, u"--library"_s, created, u"--story"_s, u"1"_s}).exitCode, 0);
}

void TestStoryCommands::initWithSampleHasTheSampleStory()
{
    const QString created = m_dir->filePath(u"sample.newsdesk"_s);
    const Result init = run({u"init"_s, u"--library"_s, created, u"--sample"_s});
    QVERIFY2(init.exitCode == 0, qPrintable(init.err));
    const Result render = run({u"render"_s, u"--library"_s, created, u"--story"_s, u"1"_s});
    QCOMPARE(render.exitCode, 0);
    QVERIFY(render.out.contains(u"Hegseth, U.K. Counterpart"_s));
}

void TestStoryCommands::initNeverWritesOverAnything_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("a library") << u"library"_s;
    QTest::newRow("a file") << u"file"_s;
    QTest::newRow("an empty file") << u"empty"_s;
    QTest::newRow("a folder") << u"folder"_s;
    QTest::newRow("a FIFO") << u"fifo"_s;
    QTest::newRow("a link to a file") << u"link"_s;
    QTest::newRow("a dangling link") << u"dangling"_s;
}

void TestStoryCommands::initNeverWritesOverAnything()
{
    QFETCH(QString, kind);
    const QString target = m_dir->filePath(u"target"_s);
    const QString elsewhere = m_dir->filePath(u"elsewhere.txt"_s);
    const QByteArray keep = "keep me\n";
    auto write = [&keep](const QString &path) {
        QFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(keep) == keep.size();
    };
    if (kind == u"library"_s)
        QVERIFY(QFile::copy(m_library, target));
    else if (kind == u"file"_s)
        QVERIFY(write(target));
    else if (kind == u"empty"_s)
        QVERIFY(QFile(target).open(QIODevice::WriteOnly));
    else if (kind == u"folder"_s)
        QVERIFY(QDir().mkdir(target));
    else if (kind == u"fifo"_s)
        QCOMPARE(::mkfifo(QFile::encodeName(target).constData(), 0600), 0);
    else if (kind == u"link"_s)
        QVERIFY(write(elsewhere) && QFile::link(elsewhere, target));
    else
        QVERIFY(QFile::link(elsewhere, target));
    const QFileInfo before(target);
    const qint64 sizeBefore = before.size();

    const Result result = run({u"init"_s, u"--library"_s, target});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(u"already exists; nothing was changed"_s), qPrintable(result.err));
    const QFileInfo after(target);
    QCOMPARE(after.isSymLink(), before.isSymLink());
    QCOMPARE(after.isDir(), before.isDir());
    QCOMPARE(after.size(), sizeBefore);
    if (kind == u"link"_s) {
        QFile file(elsewhere);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), keep);
    }
    if (kind == u"dangling"_s)
        QVERIFY2(!QFileInfo::exists(elsewhere), "init created the file a dangling link points to");
}

void TestStoryCommands::initRefusesWhatItCannotCreate_data()
{
    QTest::addColumn<QString>("library");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("says");
    QTest::newRow("no such folder") << u"no/such/folder/x.newsdesk"_s << 2 << u"there is no folder"_s;
    QTest::newRow("team library") << u"postgresql://db.example.mil/newsroom"_s << 1 << u"cannot be created by this version yet"_s;
    QTest::newRow("password in URL") << u"postgresql://eve:hunter2@db/newsroom"_s << 2 << u"carries a password"_s;
    QTest::newRow("another scheme") << u"mysql://db/newsroom"_s << 2 << u"postgresql://"_s;
}

void TestStoryCommands::initRefusesWhatItCannotCreate()
{
    QFETCH(QString, library);
    QFETCH(int, exitCode);
    QFETCH(QString, says);
    const QString path = library.contains(u"://"_s) ? library : m_dir->filePath(library);
    const Result result = run({u"init"_s, u"--library"_s, path});
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.err.contains(says), qPrintable(result.err));
    QVERIFY(!result.err.contains(u"hunter2"_s));
    QVERIFY(result.out.isEmpty());
}

void TestStoryCommands::missingLibrarySaysHowToCreateOne()
{
    const QString missing = m_dir->filePath(u"missing.newsdesk"_s);
    for (const QString &command : {u"render"_s, u"check"_s, u"export"_s, u"dump"_s}) {
        QStringList arguments{command, u"--library"_s, missing, u"--story"_s, u"1"_s};
        if (command == u"export"_s)
            arguments << u"--out"_s << m_dir->filePath(u"out"_s);
        const Result result = run(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(u"create one with: newsdesk init --library "_s + missing), qPrintable(result.err));
    }
    QVERIFY(!QFileInfo::exists(missing));
}

void TestStoryCommands::photosSearchFindsTheLibrarysPhotos()
{
    {
        // A photo whose caption would clear the screen, printed as it is not.
        Library library;
        QVERIFY(library.open(m_library));
        Photo photo;
        photo.virin = u"241118-N-XY123-1001"_s;
        photo.caption = u"Sailors moor the destroyer.\x1b[2J\u202e"_s;
        QVERIFY(PhotoRepository(&library).add(photo, "img", u"image/jpeg"_s, QSize(1, 1), {}));
        // The library cleans what it stores; a file written by other means may not be.
        QSqlQuery raw(library.database());
        QVERIFY(raw.exec(u"UPDATE photos SET caption = caption || char(27) || '[2J' || char(8238) WHERE virin = '241118-N-XY123-1001'"_s));
    }
    const Result hegseth = run({u"photos"_s, u"search"_s, u"Hegseth"_s, u"--library"_s, m_library});
    QCOMPARE(hegseth.exitCode, 0);
    QVERIFY2(hegseth.out.contains(u"\t250306-D-PM193-1268K\t"_s), qPrintable(hegseth.out));
    QVERIFY(!hegseth.out.contains(u"241118-N-XY123-1001"_s));

    const Result destroyer = run({u"photos"_s, u"search"_s, u"destroyer 241118"_s, u"--library"_s, m_library, u"--json"_s});
    QCOMPARE(destroyer.exitCode, 0);
    const QJsonArray photos = QJsonDocument::fromJson(destroyer.out.toUtf8()).object().value(u"photos"_s).toArray();
    QCOMPARE(photos.size(), 1);
    QCOMPARE(photos.at(0).toObject().value(u"virin"_s).toString(), u"241118-N-XY123-1001"_s);
    QCOMPARE(photos.at(0).toObject().value(u"approval"_s).toString(), u"pending"_s);
    const Result plain = run({u"photos"_s, u"search"_s, u"destroyer"_s, u"--library"_s, m_library});
    QVERIFY(!plain.out.contains(QChar(0x1b)));
    QVERIFY(!plain.out.contains(QChar(0x202e)));
    QVERIFY2(plain.out.contains(u"\\x1b[2J"_s), qPrintable(plain.out));

    const Result none = run({u"photos"_s, u"search"_s, u"Kandahar"_s, u"--library"_s, m_library});
    QCOMPARE(none.exitCode, 0);
    QVERIFY(none.out.isEmpty());
    QVERIFY2(none.err.contains(u"no photo matches"_s), qPrintable(none.err));
}

void TestStoryCommands::photosSearchUsageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("no subcommand") << QStringList{u"photos"_s};
    QTest::newRow("unknown subcommand") << QStringList{u"photos"_s, u"delete"_s, u"x"_s, u"--library"_s, u"LIB"_s};
    QTest::newRow("no query") << QStringList{u"photos"_s, u"search"_s, u"--library"_s, u"LIB"_s};
    QTest::newRow("no library") << QStringList{u"photos"_s, u"search"_s, u"Hegseth"_s};
    QTest::newRow("limit not a number") << QStringList{u"photos"_s, u"search"_s, u"x"_s, u"--library"_s, u"LIB"_s, u"--limit"_s, u"many"_s};
    QTest::newRow("limit zero") << QStringList{u"photos"_s, u"search"_s, u"x"_s, u"--library"_s, u"LIB"_s, u"--limit"_s, u"0"_s};
    QTest::newRow("missing library file") << QStringList{u"photos"_s, u"search"_s, u"x"_s, u"--library"_s, u"/nonexistent/l.newsdesk"_s};
}

void TestStoryCommands::photosSearchUsageErrors()
{
    QFETCH(QStringList, arguments);
    arguments.replaceInStrings(u"LIB"_s, m_library);
    const Result result = run(arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.out.isEmpty());
    QVERIFY2(result.err.startsWith(u"newsdesk photos"_s), qPrintable(result.err));
}

QTEST_GUILESS_MAIN(TestStoryCommands)
#include "tst_storycommands.moc"
