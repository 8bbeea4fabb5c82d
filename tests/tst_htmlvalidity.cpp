// SPDX-License-Identifier: MIT
#include "samplelibrary.h"
#include "storyexporter.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QWebEnginePage>
#include <QWebEngineView>

#include <memory>

using namespace Qt::StringLiterals;

// The exported page judged by tools we did not write: the W3C Nu Html
// Checker (vnu.jar, run with Java) and axe-core (injected into the page in
// Qt WebEngine). ./dev installs both (NEWSDESK_NPM_PACKAGES); when they are
// missing these tests fail and say where they looked.
class TestHtmlValidity : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void nuHtmlCheckerFindsNoErrors_data();
    void nuHtmlCheckerFindsNoErrors();
    void axeFindsNoViolations_data();
    void axeFindsNoViolations();

private:
    void addExportRows();
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_sample;   // the sample story, cleared and exported
    QString m_features; // a story using every Markdown feature the renderer knows
    QString m_faulty;   // a hand-written page with errors and violations
};

// Everything the renderer turns into HTML, so each construct is validated,
// not only those the sample story happens to use.
static const auto featureBody = uR"md(## A section heading

WASHINGTON — Text with *emphasis*, **strong**, `code`, ~~struck~~, a [link](https://www.defense.gov/News/ "Title")
and an autolink www.defense.gov, a hard break\
and a soft one.

![](photo:250306-D-PM193-1268K)

> We want to work together to achieve peace and security in Europe.
> — Pete Hegseth, Defense Secretary

> A plain block quote with no speaker.

| Country | Pledge | Share |
|:--------|:------:|------:|
| U.K.    | £2.5bn | 2.5 % |
| U.S.    | —      | 3.4 % |

1. First
2. Second
   - nested *item*

- [ ] not a task list, just brackets
- tight item

```
code block <b>not bold</b>
```

<script>alert("raw HTML is dropped")</script>

<div onclick="x()">dropped too</div>

---

### A smaller heading

Last paragraph with an unbalanced "quotation mark.
)md"_s;

void TestHtmlValidity::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    Library library;
    QString error;
    std::optional<Story> story = SampleLibrary::open(&library, m_dir->filePath(u"lib.newsdesk"_s), &error);
    QVERIFY2(story, qPrintable(error));
    QVERIFY2(SampleLibrary::clearForPublication(&library, *story, &error), qPrintable(error));
    StoryExporter exporter(&library);
    m_sample = m_dir->filePath(u"sample"_s);
    StoryExporter::Result result = exporter.exportStory(*story, m_sample);
    QVERIFY2(result.success, qPrintable(result.errorMessage + result.blockingReasons.join(u' ')));

    Story features;
    features.headline = u"Every Feature: Tables, Quotes & <Code>"_s;
    features.dek = u"A story that uses each construct the renderer knows."_s;
    features.byline = u"By Newsdesk's test suite"_s;
    features.dateline = u"ARLINGTON, Va. —"_s;
    features.body = featureBody;
    std::optional<Story> created = StoryRepository(&library).create(features);
    QVERIFY(created);
    QVERIFY(PhotoRepository(&library).attach(created->id, PhotoRepository(&library).photosOfStory(story->id).at(0).id));
    StoryExporter::Options options;
    options.overrideReason = u"validity test of a draft"_s;
    options.render.publisher = u"U.S. Department of Defense"_s;
    options.render.publicationUrl = QUrl(u"https://www.example.mil/News/every-feature/"_s);
    m_features = m_dir->filePath(u"features"_s);
    result = exporter.exportStory(*created, m_features, options);
    QVERIFY2(result.success, qPrintable(result.errorMessage));

    m_faulty = m_dir->filePath(u"faulty"_s);
    QVERIFY(QDir().mkpath(m_faulty));
    QFile page(m_faulty + u"/index.html"_s);
    QVERIFY(page.open(QIODevice::WriteOnly));
    page.write("<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"></head>\n<body>\n"
               "<p style=\"color: #ddd\">Faint text</p><img src=\"missing.png\">\n<center>old</center>\n</body>\n</html>\n");
    page.close();
    QFile css(m_faulty + u"/article.css"_s);
    QVERIFY(css.open(QIODevice::WriteOnly));
    css.write("p { color: #ddd; }\n");
}

void TestHtmlValidity::addExportRows()
{
    QTest::addColumn<QString>("folder");
    QTest::addColumn<bool>("clean");
    QTest::newRow("sample story") << m_sample << true;
    QTest::newRow("every Markdown feature") << m_features << true;
    // A page with faults both tools know, to show they really looked.
    QTest::newRow("control: a faulty page is caught") << m_faulty << false;
}

void TestHtmlValidity::nuHtmlCheckerFindsNoErrors_data()
{
    addExportRows();
}

void TestHtmlValidity::nuHtmlCheckerFindsNoErrors()
{
    QFETCH(QString, folder);
    QFETCH(bool, clean);
    const QString vnu = QStringLiteral(NEWSDESK_VNU_JAR);
    if (!QFile::exists(vnu))
        QFAIL(qPrintable(u"The W3C Nu Html Checker is not at %1. ./dev installs it (npm package vnu-jar, "
                         "NEWSDESK_NPM_PACKAGES in dev); see /var/cache/newsdesk/npm.log if that failed."_s.arg(vnu)));
    const QString java = QStandardPaths::findExecutable(QStringLiteral(NEWSDESK_JAVA));
    if (java.isEmpty())
        QFAIL("Java is not installed (Debian package default-jre-headless, in NEWSDESK_PACKAGES); the Nu Html Checker needs it.");

    QProcess checker;
    checker.start(java, {u"-jar"_s, vnu, u"--format"_s, u"json"_s, u"--stdout"_s, u"--also-check-css"_s,
                         folder + u"/index.html"_s, folder + u"/article.css"_s});
    QVERIFY2(checker.waitForFinished(240000), "the Nu Html Checker did not finish");
    const QByteArray output = checker.readAllStandardOutput();
    QJsonParseError parseError;
    const QJsonObject report = QJsonDocument::fromJson(output, &parseError).object();
    QVERIFY2(parseError.error == QJsonParseError::NoError,
             qPrintable(u"unreadable checker output: "_s + QString::fromUtf8(output + checker.readAllStandardError())));
    QStringList errors;
    const QJsonArray messages = report.value(u"messages"_s).toArray();
    for (const QJsonValue &value : messages) {
        const QJsonObject message = value.toObject();
        const QString text = u"%1:%2: %3 (%4)"_s.arg(message.value(u"url"_s).toString().section(u'/', -1))
                                 .arg(message.value(u"lastLine"_s).toInt())
                                 .arg(message.value(u"message"_s).toString(), message.value(u"extract"_s).toString());
        if (message.value(u"type"_s).toString() == u"info"_s)
            qInfo("vnu %s: %s", qPrintable(message.value(u"subType"_s).toString(u"info"_s)), qPrintable(text));
        else
            errors << text;
    }
    if (clean)
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    else
        QVERIFY2(errors.size() >= 2, qPrintable(errors.join(u'\n'))); // no <title>, <center>
}

void TestHtmlValidity::axeFindsNoViolations_data()
{
    addExportRows();
}

void TestHtmlValidity::axeFindsNoViolations()
{
    QFETCH(QString, folder);
    QFETCH(bool, clean);
    QFile axeFile(QStringLiteral(NEWSDESK_AXE_JS));
    if (!axeFile.open(QIODevice::ReadOnly))
        QFAIL(qPrintable(u"axe-core is not at %1. ./dev installs it (npm package axe-core, NEWSDESK_NPM_PACKAGES in "
                         "dev); see /var/cache/newsdesk/npm.log if that failed."_s.arg(axeFile.fileName())));
    const QString axe = QString::fromUtf8(axeFile.readAll());

    // A shown view of a desktop size, so the page is laid out and painted:
    // axe's contrast and visibility rules look at what is on screen.
    QWebEngineView view;
    view.resize(1280, 900);
    view.show();
    QWebEnginePage &page = *view.page();
    QSignalSpy loaded(&page, &QWebEnginePage::loadFinished);
    page.load(QUrl::fromLocalFile(folder + u"/index.html"_s));
    QVERIFY(loaded.wait(60000));
    QVERIFY(loaded.constFirst().constFirst().toBool());

    // axe.run() answers with a promise; its result is left on the page as
    // JSON and collected from there.
    page.runJavaScript(axe);
    page.runJavaScript(u"window.newsdeskAxe = null;"
                       "axe.run(document)"
                       "  .then(r => { window.newsdeskAxe = JSON.stringify({violations: r.violations, passes: r.passes.length, "
                       "      incomplete: r.incomplete.map(i => i.id)}); })"
                       "  .catch(e => { window.newsdeskAxe = JSON.stringify({error: String(e)}); });"_s);
    // An answer can come after the wait for it gave up, or when the page is
    // destroyed (Qt then answers every open question with nothing): it goes
    // to memory the callback keeps alive, and one question is out at a time.
    struct Answer
    {
        QString json;
        bool asking = false;
    };
    const auto answer = std::make_shared<Answer>();
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     if (!answer->asking) {
                         answer->asking = true;
                         page.runJavaScript(u"window.newsdeskAxe"_s, [answer](const QVariant &value) {
                             answer->json = value.toString();
                             answer->asking = false;
                         });
                     }
                     return !answer->json.isEmpty();
                 },
                 120000),
             "axe-core gave no result");
    const QString json = answer->json;
    const QJsonObject result = QJsonDocument::fromJson(json.toUtf8()).object();
    QVERIFY2(!result.contains(u"error"_s), qPrintable(result.value(u"error"_s).toString()));
    // axe ran its rules at all: the page passed some.
    QVERIFY(result.value(u"passes"_s).toInt() > 0);
    // What axe could not decide by itself (a person should look).
    const QJsonArray incomplete = result.value(u"incomplete"_s).toArray();
    for (const QJsonValue &rule : incomplete)
        qInfo("axe could not decide: %s", qPrintable(rule.toString()));
    QStringList violations;
    const QJsonArray list = result.value(u"violations"_s).toArray();
    for (const QJsonValue &value : list) {
        const QJsonObject violation = value.toObject();
        QStringList targets;
        for (const QJsonValue &node : violation.value(u"nodes"_s).toArray())
            targets << QString::fromUtf8(QJsonDocument(node.toObject().value(u"target"_s).toArray()).toJson(QJsonDocument::Compact));
        violations << u"%1 (%2): %3 at %4"_s.arg(violation.value(u"id"_s).toString(), violation.value(u"impact"_s).toString(),
                                                 violation.value(u"help"_s).toString(), targets.join(u", "_s));
    }
    if (clean) {
        QVERIFY2(violations.isEmpty(), qPrintable(violations.join(u'\n')));
    } else {
        // No lang, no title, an image without alt text, faint text.
        for (const QString &rule : {u"html-has-lang"_s, u"document-title"_s, u"image-alt"_s, u"color-contrast"_s})
            QVERIFY2(!violations.filter(QRegularExpression(u"^"_s + rule + u" "_s)).isEmpty(), qPrintable(violations.join(u'\n')));
    }
}

int main(int argc, char **argv)
{
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    TestHtmlValidity test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_htmlvalidity.moc"
