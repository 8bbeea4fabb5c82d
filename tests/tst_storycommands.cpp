// SPDX-License-Identifier: MIT
#include "samplelibrary.h"
#include "storymarkdown.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QRegularExpression>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;

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
    void embargoedStoryFailsCheckAndExport();
    void dumpAndImportRoundTrip();
    void importOfBadFileIsRefused();
    void helpListsTheStoryCommands();

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

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_library;
};

void TestStoryCommands::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestStoryCommands::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_library = m_dir->filePath(u"lib.newsdesk"_s);
    Library library;
    QString error;
    QVERIFY2(SampleLibrary::open(&library, m_library, &error), qPrintable(error));
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
    // The command line works as the user named by USER: the sample's editor.
    environment.insert(u"USER"_s, u"Eve Editor"_s);
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
            || (entry.action == u"export-override"_s && entry.actor == u"Eve Editor"_s
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

// The sample's photos have everything DVIDS asks for but keywords and, until
// an editor names one, a release authority.
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
    {
        Library library;
        QVERIFY(library.open(other));
        QVERIFY(PeopleRepository(&library).add(Person{.name = u"Eve Editor"_s, .role = PersonRole::Editor}));
    }
    const Result imported = run({u"import"_s, u"--library"_s, other, md});
    QCOMPARE(imported.exitCode, 0);
    QVERIFY2(imported.err.isEmpty(), qPrintable(imported.err));
    QVERIFY(imported.out.startsWith(u"imported story 1 (hegseth-uk-counterpart-discuss-working-toward-peace-in-ukraine) with 3 photo"_s));
    const Result again = run({u"dump"_s, u"--library"_s, other, u"--story"_s, u"1"_s});
    QCOMPARE(again.exitCode, 0);
    QCOMPARE(again.out, text);
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

QTEST_GUILESS_MAIN(TestStoryCommands)
#include "tst_storycommands.moc"
