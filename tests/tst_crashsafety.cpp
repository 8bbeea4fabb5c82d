// SPDX-License-Identifier: MIT
// A Newsdesk process killed (SIGKILL) in the middle of saving must leave a
// library that opens with the last committed save intact.
#include "library.h"
#include "storyrepository.h"

#include <QCoreApplication>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

// Child mode: save the story over and over, printing each committed version.
int saveForever(const QString &path)
{
    Library library;
    if (!library.open(path)) {
        std::fprintf(stderr, "%s\n", qPrintable(library.errorString()));
        return 3;
    }
    StoryRepository repository(&library);
    std::optional<Story> story = repository.load(1);
    if (!story)
        story = repository.create(Story{.headline = u"Crash test"_s});
    for (int i = 1;; ++i) {
        // Big enough that a save takes a while and the kill lands inside one.
        story->body = u"revision %1\n\n"_s.arg(i) + QString(20000 + (i % 7) * 1000, u'w');
        const auto kind = i % 3 == 0 ? Revision::Kind::Save : Revision::Kind::Autosave;
        if (repository.save(*story, kind) != StoryRepository::SaveResult::Saved) {
            std::fprintf(stderr, "%s\n", qPrintable(repository.errorString()));
            return 4;
        }
        std::printf("%lld\n", story->rowVersion);
        std::fflush(stdout);
    }
}

} // namespace

class TestCrashSafety : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void killedDuringSavesKeepsLastCommit_data();
    void killedDuringSavesKeepsLastCommit();
};

void TestCrashSafety::killedDuringSavesKeepsLastCommit_data()
{
    QTest::addColumn<int>("savesBeforeKill");
    QTest::newRow("early") << 5;
    QTest::newRow("after a few dozen saves") << 40;
    QTest::newRow("after many saves") << 150;
}

void TestCrashSafety::killedDuringSavesKeepsLastCommit()
{
    QFETCH(int, savesBeforeKill);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"crash.newsdesk"_s);
    {
        Library library;
        QVERIFY(library.open(path));
    }
    QProcess child;
    child.start(QCoreApplication::applicationFilePath(), {u"--save-forever"_s, path});
    QVERIFY(child.waitForStarted());
    QByteArray output;
    while (output.count('\n') < savesBeforeKill) {
        QVERIFY2(child.waitForReadyRead(20000), child.readAllStandardError().constData());
        output += child.readAllStandardOutput();
    }
    child.kill(); // SIGKILL: no cleanup, no destructors
    QVERIFY(child.waitForFinished());
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);
    output += child.readAllStandardOutput();
    const QList<QByteArray> lines = output.trimmed().split('\n');
    const qint64 lastReported = lines.last().toLongLong();
    QVERIFY(lastReported >= savesBeforeKill);

    Library library;
    QVERIFY2(library.open(path), qPrintable(library.errorString()));
    QSqlQuery check(library.database());
    QVERIFY(check.exec(u"PRAGMA integrity_check"_s) && check.next());
    QCOMPARE(check.value(0).toString(), u"ok"_s);

    const Story story = *StoryRepository(&library).load(1);
    // Everything reported was committed; at most one more save may have
    // committed before the kill arrived and went unreported.
    QVERIFY2(story.rowVersion == lastReported || story.rowVersion == lastReported + 1,
             qPrintable(u"stored %1, last reported %2"_s.arg(story.rowVersion).arg(lastReported)));
    QVERIFY(story.body.startsWith(u"revision %1\n"_s.arg(story.rowVersion - 1)));
    // The newest revision is the stored text: the save and its history
    // were one transaction.
    const QList<Revision> history = StoryRepository(&library).revisions(story.id);
    QVERIFY(!history.isEmpty());
    QCOMPARE(history.first().rowVersion, story.rowVersion);
    QCOMPARE(history.first().body, story.body);
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    if (arguments.size() == 3 && arguments.at(1) == u"--save-forever"_s)
        return saveForever(arguments.at(2));
    TestCrashSafety test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_crashsafety.moc"
