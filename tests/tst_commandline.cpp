// SPDX-License-Identifier: MIT
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;

// Runs the real newsdesk executable, as a user would.
class TestCommandLine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void helpListsUsage();
    void helpPutsEachSummaryUnderItsSynopsis();
    void versionPrintsVersion();
    void unknownCommandIsAUsageError();
    void windowWithoutDisplayExplainsHowToGetOne();

private:
    struct Result
    {
        int exitCode;
        QString out;
        QString err;
    };
    static Result run(const QStringList &arguments, const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
};

TestCommandLine::Result TestCommandLine::run(const QStringList &arguments, const QProcessEnvironment &environment)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(NEWSDESK_BINARY), arguments);
    if (!process.waitForFinished(60000))
        return {-1, {}, u"timed out"_s};
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

void TestCommandLine::helpListsUsage()
{
    const Result result = run({u"--help"_s});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.startsWith(u"Usage: newsdesk"_s));
    QVERIFY(result.out.contains(u"--version"_s));
}

// help2man turns a line followed by one indented by 20 into a tagged
// paragraph of the man page, and the bash completion reads the synopses from
// the lines "  newsdesk COMMAND ...": each command gets both.
void TestCommandLine::helpPutsEachSummaryUnderItsSynopsis()
{
    const Result result = run({u"--help"_s});
    QCOMPARE(result.exitCode, 0);
    const QStringList lines = result.out.split(u'\n');
    qsizetype synopses = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (!lines.at(i).startsWith(u"  newsdesk "_s))
            continue;
        ++synopses;
        const QString summary = lines.value(i + 1);
        QVERIFY2(summary.startsWith(QString(20, u' ')) && !summary.at(20).isSpace(), qPrintable(lines.at(i)));
    }
    QVERIFY2(synopses >= 11, qPrintable(result.out)); // gui and every command
}

void TestCommandLine::versionPrintsVersion()
{
    const Result result = run({u"--version"_s});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.out.trimmed(), u"newsdesk " NEWSDESK_VERSION ""_s);
}

void TestCommandLine::unknownCommandIsAUsageError()
{
    const Result result = run({u"frobnicate"_s});
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.err.contains(u"unknown command 'frobnicate'"_s));
    QVERIFY(result.out.isEmpty());
}

void TestCommandLine::windowWithoutDisplayExplainsHowToGetOne()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(u"DISPLAY"_s);
    environment.remove(u"WAYLAND_DISPLAY"_s);
    environment.remove(u"QT_QPA_PLATFORM"_s);
    const Result result = run({}, environment);
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.err.contains(u"no display"_s));
    QVERIFY(result.err.contains(u"Xvfb"_s));
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
