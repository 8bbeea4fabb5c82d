// SPDX-License-Identifier: MIT
#include "storyexporter.h"
#include "textsafety.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// Runs the real newsdesk executable, as a user would.
class TestPhotoCommands : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void virinExitCodes_data();
    void virinExitCodes();
    void virinJson();
    void virinText();
    void photoInfoJsonReadsTheSamples();
    void photoInfoText();
    void photoInfoUnreadableFile();
    void photoInfoUsage_data();
    void photoInfoUsage();
    void helpListsBothCommands();
    void fileAndArgumentTextCannotDriveTheTerminal();

private:
    struct Result
    {
        int exitCode;
        QString out;
        QString err;
    };
    static Result run(const QStringList &arguments);
};

namespace {
const QString sampleDir = QStringLiteral(NEWSDESK_SOURCE_DIR "/resources/samples/hegseth-healey");
}

TestPhotoCommands::Result TestPhotoCommands::run(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(NEWSDESK_BINARY), arguments);
    if (!process.waitForFinished(60000))
        return {-1, {}, u"timed out"_s};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

void TestPhotoCommands::virinExitCodes_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");

    QTest::newRow("valid") << QStringList{u"virin"_s, u"260108-N-GR847-1010"_s} << 0;
    QTest::newRow("warnings are not failures") << QStringList{u"virin"_s, u"250306-D-PM193-1268K"_s,
                                                              u"170518-N-MD297-201"_s}
                                               << 0;
    QTest::newRow("one invalid among valid") << QStringList{u"virin"_s, u"260108-N-GR847-1010"_s,
                                                            u"251306-D-PM193-1268"_s}
                                             << 1;
    QTest::newRow("invalid with --json") << QStringList{u"virin"_s, u"--json"_s, u"250306_D_PM193_1268"_s} << 1;
    QTest::newRow("no VIRIN") << QStringList{u"virin"_s} << 2;
    QTest::newRow("only --json") << QStringList{u"virin"_s, u"--json"_s} << 2;
    QTest::newRow("unknown option") << QStringList{u"virin"_s, u"--xml"_s, u"260108-N-GR847-1010"_s} << 2;
    QTest::newRow("help") << QStringList{u"virin"_s, u"--help"_s} << 0;
}

void TestPhotoCommands::virinExitCodes()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    const Result result = run(arguments);
    QVERIFY2(result.exitCode == exitCode, qPrintable(result.err));
    if (exitCode == 2) {
        QVERIFY(result.err.contains(u"Usage: newsdesk virin"_s));
        QVERIFY(result.out.isEmpty());
    }
}

void TestPhotoCommands::virinJson()
{
    const Result result = run({u"virin"_s, u"--json"_s, u"250306-D-PM193-1268K"_s, u"250231-D-PM193-1268"_s,
                               u"250306-O-AB123-1001-GB"_s});
    QCOMPARE(result.exitCode, 1);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(result.out.toUtf8(), &error);
    QVERIFY2(document.isArray(), qPrintable(error.errorString()));
    const QJsonArray verdicts = document.array();
    QCOMPARE(verdicts.size(), 3);

    const QJsonObject first = verdicts.at(0).toObject();
    const QStringList keys = {u"virin"_s,    u"status"_s,   u"date"_s,   u"service"_s, u"serviceName"_s,
                              u"visionId"_s, u"sequence"_s, u"suffix"_s, u"country"_s, u"messages"_s};
    for (const QString &key : keys)
        QVERIFY2(first.contains(key), qPrintable(key));
    QCOMPARE(first.size(), keys.size());
    QCOMPARE(first.value(u"virin"_s).toString(), u"250306-D-PM193-1268K"_s);
    QCOMPARE(first.value(u"status"_s).toString(), u"warning"_s);
    QCOMPARE(first.value(u"date"_s).toString(), u"2025-03-06"_s);
    QCOMPARE(first.value(u"service"_s).toString(), u"D"_s);
    QCOMPARE(first.value(u"serviceName"_s).toString(), u"Department of Defense"_s);
    QCOMPARE(first.value(u"visionId"_s).toString(), u"PM193"_s);
    QCOMPARE(first.value(u"sequence"_s).toString(), u"1268"_s);
    QCOMPARE(first.value(u"suffix"_s).toString(), u"K"_s);
    QCOMPARE(first.value(u"country"_s).toString(), QString());
    QCOMPARE(first.value(u"messages"_s).toArray().size(), 1);

    const QJsonObject february = verdicts.at(1).toObject();
    QCOMPARE(february.value(u"status"_s).toString(), u"invalid"_s);
    QVERIFY(february.value(u"date"_s).isNull());
    QVERIFY(february.value(u"messages"_s).toArray().first().toString().contains(u"February 31"_s));

    const QJsonObject foreign = verdicts.at(2).toObject();
    QCOMPARE(foreign.value(u"status"_s).toString(), u"valid"_s);
    QCOMPARE(foreign.value(u"country"_s).toString(), u"GB"_s);
    QCOMPARE(foreign.value(u"messages"_s).toArray().size(), 0);
}

void TestPhotoCommands::virinText()
{
    const Result result = run({u"virin"_s, u"250306-D-PM193-1268K"_s, u"250306-Q-PM193-1268"_s});
    QCOMPARE(result.exitCode, 1);
    const QStringList lines = result.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.value(0), u"250306-D-PM193-1268K: warning"_s);
    QVERIFY(lines.value(1).contains(u"date 2025-03-06"_s));
    QVERIFY(lines.value(1).contains(u"service D (Department of Defense)"_s));
    QVERIFY(lines.value(2).startsWith(u"  warning: "_s));
    QVERIFY(result.out.contains(u"250306-Q-PM193-1268: invalid\n"_s));
    QVERIFY(result.out.contains(u"  invalid: \"Q\" is not a service letter"_s));
}

void TestPhotoCommands::photoInfoJsonReadsTheSamples()
{
    QFile file(sampleDir + u"/story.json"_s);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonArray story = QJsonDocument::fromJson(file.readAll()).object().value(u"photos"_s).toArray();
    QStringList arguments = {u"photo-info"_s, u"--json"_s};
    for (const QJsonValue &photo : story)
        arguments << sampleDir + u'/' + photo.toObject().value(u"file"_s).toString();

    const Result result = run(arguments);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QJsonArray photos = QJsonDocument::fromJson(result.out.toUtf8()).array();
    QCOMPARE(photos.size(), 3);
    const QStringList fields = {u"virin"_s,       u"title"_s,       u"caption"_s,          u"altText"_s,
                                u"credit"_s,      u"photographer"_s, u"unit"_s,            u"operation"_s,
                                u"dateShot"_s,    u"city"_s,        u"sublocation"_s,      u"state"_s,
                                u"country"_s,     u"countryCode"_s, u"keywords"_s,         u"releaseState"_s,
                                u"releaseAuthority"_s, u"captionWriter"_s};
    for (qsizetype i = 0; i < photos.size(); ++i) {
        const QJsonObject read = photos.at(i).toObject();
        const QJsonObject expected = story.at(i).toObject();
        for (const QString &field : fields)
            QVERIFY2(read.contains(field), qPrintable(field));
        QCOMPARE(read.value(u"virin"_s).toString(), expected.value(u"virin"_s).toString());
        QCOMPARE(read.value(u"title"_s).toString(), expected.value(u"title"_s).toString());
        QCOMPARE(read.value(u"caption"_s).toString(), expected.value(u"caption"_s).toString());
        QCOMPARE(read.value(u"altText"_s).toString(), expected.value(u"alt"_s).toString());
        QVERIFY(read.value(u"credit"_s).toString().startsWith(expected.value(u"credit"_s).toString().section(u", "_s, 0, 0)));
        QCOMPARE(read.value(u"dateShot"_s).toString(), expected.value(u"date_shot"_s).toString());
        QCOMPARE(read.value(u"city"_s).toString(), expected.value(u"city"_s).toString());
        QCOMPARE(read.value(u"sublocation"_s).toString(), expected.value(u"sublocation"_s).toString());
        QCOMPARE(read.value(u"state"_s).toString(), expected.value(u"state"_s).toString());
        QCOMPARE(read.value(u"country"_s).toString(), expected.value(u"country"_s).toString());
        QCOMPARE(read.value(u"releaseState"_s).toString(), u"released"_s);
        QCOMPARE(read.value(u"keywords"_s).toArray().size(), 3);
    }
    QCOMPARE(photos.at(0).toObject().value(u"photographer"_s).toString(),
             u"Navy Petty Officer 1st Class Alexander Kubitza"_s);
}

void TestPhotoCommands::photoInfoText()
{
    const Result result = run({u"photo-info"_s, sampleDir + u"/250306-D-PM193-1268K.jpg"_s});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY(result.out.contains(u"  virin: 250306-D-PM193-1268K\n"_s));
    QVERIFY(result.out.contains(u"  title: Hegseth and Healey\n"_s));
    QVERIFY(result.out.contains(u"  photographer: Navy Petty Officer 1st Class Alexander Kubitza\n"_s));
    QVERIFY(result.out.contains(u"  keywords: Hegseth, Healey, United Kingdom\n"_s));
    QVERIFY(result.out.contains(u"  dateShot: 2025-03-06\n"_s));
    QVERIFY(result.out.contains(u"  note: IPTC By-line was cut"_s));
}

void TestPhotoCommands::photoInfoUnreadableFile()
{
    QTemporaryDir dir;
    const QString text = dir.filePath(u"notes.jpg"_s);
    QFile file(text);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not a photo\n");
    file.close();
    const Result result = run({u"photo-info"_s, u"--json"_s, text, sampleDir + u"/250306-D-PM193-1416K.jpg"_s});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(u"notes.jpg"_s) && result.err.contains(u"not an image"_s), qPrintable(result.err));
    // The readable file is still reported.
    const QJsonArray photos = QJsonDocument::fromJson(result.out.toUtf8()).array();
    QCOMPARE(photos.size(), 1);
    QCOMPARE(photos.first().toObject().value(u"virin"_s).toString(), u"250306-D-PM193-1416K"_s);
}

void TestPhotoCommands::photoInfoUsage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("no file") << QStringList{u"photo-info"_s};
    QTest::newRow("only --json") << QStringList{u"photo-info"_s, u"--json"_s};
    QTest::newRow("unknown option") << QStringList{u"photo-info"_s, u"--all"_s, sampleDir + u"/x.jpg"_s};
}

void TestPhotoCommands::photoInfoUsage()
{
    QFETCH(QStringList, arguments);
    const Result result = run(arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.err.contains(u"Usage: newsdesk photo-info"_s));
}

void TestPhotoCommands::helpListsBothCommands()
{
    const Result result = run({u"--help"_s});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.contains(u"newsdesk virin [--json] VIRIN..."_s));
    QVERIFY(result.out.contains(u"newsdesk photo-info [--json] FILE..."_s));
}

// Issue 11, finding 8: what a photo's metadata or an argument holds is shown,
// never obeyed, by the terminal: controls come out as escapes.
void TestPhotoCommands::fileAndArgumentTextCannotDriveTheTerminal()
{
    auto controlIn = [](const QString &text) {
        for (const QChar c : text) {
            if (c != u'\n' && TextSafety::needsTerminalEscape(c.unicode()))
                return TextSafety::forTerminal(text);
        }
        return QString();
    };
    QTemporaryDir dir;
    QFile sample(sampleDir + u"/250306-D-PM193-1268K.jpg"_s);
    QVERIFY(sample.open(QIODevice::ReadOnly));
    Photo photo;
    photo.virin = u"250306-D-PM193-1268K\x1b[2J"_s;
    photo.title = u"Title\u2066owned"_s; // XMP cannot hold C0 controls, but this
    photo.caption = u"Caption\n0 error(s)\r\u202eevil"_s;
    photo.keywords = {u"peace\x9b" u"2J"_s};
    QString error;
    const QByteArray jpeg = StoryExporter::embedPhotoMetadata(sample.readAll(), photo, &error);
    QVERIFY2(!jpeg.isEmpty(), qPrintable(error));
    const QString path = dir.filePath(u"odd\x1b[2J.jpg"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(jpeg) == jpeg.size());
    file.close();

    const Result text = run({u"photo-info"_s, path});
    QVERIFY2(text.exitCode == 0, qPrintable(text.err));
    QVERIFY2(controlIn(text.out).isEmpty(), qPrintable(controlIn(text.out)));
    QVERIFY2(text.out.contains(u"odd\\x1b[2J.jpg\n"_s), qPrintable(text.out));
    QVERIFY2(text.out.contains(u"  title: Title\\u2066owned\n"_s), qPrintable(text.out));
    QVERIFY2(text.out.contains(u"\\n0 error(s)\\r\\u202eevil"_s), qPrintable(text.out));

    const Result json = run({u"photo-info"_s, u"--json"_s, path});
    QCOMPARE(json.exitCode, 0);
    QVERIFY2(controlIn(json.out).isEmpty(), qPrintable(controlIn(json.out)));
    const QJsonObject object = QJsonDocument::fromJson(json.out.toUtf8()).array().first().toObject();
    QCOMPARE(object.value(u"title"_s).toString(), photo.title);
    QCOMPARE(object.value(u"file"_s).toString(), path);

    const Result missing = run({u"photo-info"_s, dir.filePath(u"gone\x1b[2J.jpg"_s)});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(controlIn(missing.err).isEmpty(), qPrintable(controlIn(missing.err)));

    for (const QStringList &arguments : {QStringList{u"virin"_s, u"\x1b[2J250306-D-PM193-1268K\u202e"_s},
                                         QStringList{u"virin"_s, u"--json"_s, u"\x1b[2J250306-D-PM193-1268K\u202e"_s},
                                         QStringList{u"virin"_s, u"--\x1b[2J"_s}}) {
        const Result result = run(arguments);
        QVERIFY2(controlIn(result.out).isEmpty(), qPrintable(controlIn(result.out)));
        QVERIFY2(controlIn(result.err).isEmpty(), qPrintable(controlIn(result.err)));
    }
    QVERIFY(run({u"virin"_s, u"\x1b[2J250306"_s}).out.startsWith(u"\\x1b[2J250306: invalid\n"_s));
}

QTEST_GUILESS_MAIN(TestPhotoCommands)
#include "tst_photocommands.moc"
