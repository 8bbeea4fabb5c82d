// SPDX-License-Identifier: MIT
// The live preview driven offscreen with real widgets and a real page: loaded
// once, patched block by block, its scroll position kept, the editor leading
// it, clicks leading back to the editor, hostile Markdown running nothing and
// reaching nothing; and the export dialog's gate and override.

// A failed check anywhere, helpers that return a value included, ends the
// test function: evaluate() cannot return an empty answer that a later
// "nothing ran" check would take for a good one.
#define QTEST_THROW_ON_FAIL
#include "application.h"
#include "editorpane.h"
#include "exportdialog.h"
#include "mainwindow.h"
#include "photorepository.h"
#include "storylistpanel.h"
#include "markdowneditor.h"
#include "previewpane.h"
#include "samplelibrary.h"
#include "scriptedprompter.h"
#include "workflow.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QTimer>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QThread>
#include <QWebEnginePage>
#include <QWebEngineUrlScheme>
#include <QWebEngineView>
#include <QWindow>

#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr int pageTimeout = 30000;

// The pane's view is a QWebEngineView made by the preview module; this test
// links WebEngine itself to drive the page.
QWebEngineView *webView(const PreviewPane *pane)
{
    auto *view = qobject_cast<QWebEngineView *>(pane->view());
    if (!view)
        qFatal("the preview pane has no web view");
    return view;
}

// Runs script in the page's main world and waits for its value; a page that
// does not answer fails the test (a dead page must not pass for one where
// nothing happened). The answer goes to memory the callback keeps alive: it
// may come after a failed wait has left this function.
QVariant evaluate(QWebEnginePage *page, const QString &script)
{
    struct Answer
    {
        QVariant value;
        bool done = false;
    };
    const auto answer = std::make_shared<Answer>();
    page->runJavaScript(script, [answer](const QVariant &result) {
        answer->value = result;
        answer->done = true;
    });
    if (!QTest::qWaitFor([&] { return answer->done; }, pageTimeout))
        QFAIL(qPrintable(u"the page did not answer within %1 ms: %2"_s.arg(pageTimeout).arg(script)));
    return answer->value;
}

QString paragraphs(int count, const QString &word)
{
    QStringList body;
    for (int i = 1; i <= count; ++i)
        body << u"Paragraph %1 about %2, long enough to wrap once or twice in a narrow preview pane of the window."_s.arg(i).arg(word);
    return body.join(u"\n\n"_s);
}

Story storyWith(const QString &body)
{
    Story story;
    story.id = 1;
    story.headline = u"Preview test"_s;
    story.byline = u"By Test Writer"_s;
    story.body = body;
    return story;
}

// Stands in for the system browser.
class BrowserStandIn : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> opened;
public Q_SLOTS:
    void openUrl(const QUrl &url) { opened << url; }
};

} // namespace

class TestPreviewPane : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void loadsThePageOnceAndReplacesOnlyChangedBlocks();
    void reportsWhenTheStoryIsPainted();
    void drawsInSoftwareOnlyWithoutAGpu();
    void keepsTheScrollPositionAcrossUpdates();
    void coalescesRequestsMadeDuringARender();
    void editorScrollLeadsThePreview();
    void clickingABlockMovesTheEditorCursor();
    void correctionNoteFollowsTheBody();
    void hostileMarkdownRunsNothingAndReachesNothing_data();
    void hostileMarkdownRunsNothingAndReachesNothing();
    void linksOpenInTheSystemBrowser();
    void requestsOutsideTheAppSchemesAreBlocked();
    void widthPresetsAndDarkPageArePersisted();
    void theModuleRegistersTheSchemes();
    void aModuleThatCannotLoadIsReportedInThePane_data();
    void aModuleThatCannotLoadIsReportedInThePane();
    void theExecutableLeavesWebEngineToTheModule();

    void exportDialogListsWhatBlocksAndNeedsAReasonToOverride();
    void exportDialogOverrideIsForEditorsOnly();
    void exportDialogExportsAnApprovedStoryAndReportsErrors();
    void exportDialogWorksOffTheWindowThreadAndCancels();
    void exportDialogFinishesThroughItsSignal();
    void exportDialogClosedOrDestroyedMidExport_data();
    void exportDialogClosedOrDestroyedMidExport();
    void mainWindowCopiesHtmlAndFollowsClicks();
    void mainWindowPaintsBeforeStartingThePreview();
    void mainWindowExportsAndImportsMarkdown();

private:
    ScriptedPrompter m_exportPrompter; // answers the export dialog's questions
    // A shown pane whose page shows story.
    void showInPane(const Story &story);
    void waitForRevision(int revision);
    QWebEnginePage *page() const { return webView(m_pane.get())->page(); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<PreviewPane> m_pane;
};

void TestPreviewPane::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestPreviewPane::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir->filePath(u"settings"_s));
    QSettings().clear();
}

void TestPreviewPane::cleanup()
{
    m_pane.reset();
    m_dir.reset();
}

void TestPreviewPane::waitForRevision(int revision)
{
    int shown = -1;
    const QMetaObject::Connection connection = connect(m_pane.get(), &PreviewPane::contentShown, this, [&](int r) { shown = r; });
    QTRY_VERIFY_WITH_TIMEOUT(shown >= revision, pageTimeout);
    disconnect(connection);
}

void TestPreviewPane::showInPane(const Story &story)
{
    m_pane = std::make_unique<PreviewPane>();
    m_pane->resize(700, 600);
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
    QSignalSpy shown(m_pane.get(), &PreviewPane::contentShown);
    m_pane->showStory(story, {});
    QTRY_VERIFY_WITH_TIMEOUT(m_pane->view(), pageTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.constLast().constFirst().toInt() == m_pane->revision(), pageTimeout);
}

void TestPreviewPane::loadsThePageOnceAndReplacesOnlyChangedBlocks()
{
    showInPane(storyWith(u"First paragraph.\n\nSecond paragraph.\n\nThird paragraph."_s));
    QCOMPARE(m_pane->pageLoads(), 1);
    QCOMPARE(evaluate(page(), u"document.querySelectorAll('#story-body > p').length"_s).toInt(), 3);
    evaluate(page(), u"document.querySelectorAll('#story-body > p').forEach(p => p.dataset.marker = 'kept')"_s);

    // Typing in the third paragraph and adding one above the first.
    m_pane->showStory(storyWith(u"New opening.\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird paragraph, edited."_s), {});
    waitForRevision(m_pane->revision());
    const QStringList texts = evaluate(page(), u"Array.from(document.querySelectorAll('#story-body > p'), p => p.textContent)"_s).toStringList();
    QCOMPARE(texts, (QStringList{u"New opening."_s, u"First paragraph."_s, u"Second paragraph."_s, u"Third paragraph, edited."_s}));
    const QStringList markers = evaluate(page(), u"Array.from(document.querySelectorAll('#story-body > p'), p => p.dataset.marker || '')"_s).toStringList();
    QCOMPARE(markers, (QStringList{QString(), u"kept"_s, u"kept"_s, QString()}));
    // Source positions follow the lines that moved.
    QCOMPARE(evaluate(page(), u"document.querySelectorAll('#story-body > p')[1].dataset.first"_s).toString(), u"3"_s);
    QCOMPARE(m_pane->pageLoads(), 1);
}

void TestPreviewPane::reportsWhenTheStoryIsPainted()
{
    // bench_startup's exec -> preview painted mark; main() chose the
    // rendering as the app does, so on a machine without a GPU this is the
    // software path.
    m_pane = std::make_unique<PreviewPane>();
    m_pane->resize(700, 600);
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
    QSignalSpy painted(m_pane.get(), &PreviewPane::contentPainted);
    m_pane->showStory(storyWith(u"Painted paragraph."_s), {});
    QTRY_VERIFY_WITH_TIMEOUT(!painted.isEmpty(), pageTimeout);
    QCOMPARE(painted.constFirst().constFirst().toInt(), m_pane->revision());
    QCOMPARE(evaluate(page(), u"document.querySelector('#story-body > p').textContent"_s).toString(), u"Painted paragraph."_s);
}

void TestPreviewPane::drawsInSoftwareOnlyWithoutAGpu()
{
    const QByteArray forced = qgetenv("LIBGL_ALWAYS_SOFTWARE");
    const auto restore = qScopeGuard([&] {
        if (forced.isNull())
            qunsetenv("LIBGL_ALWAYS_SOFTWARE");
        else
            qputenv("LIBGL_ALWAYS_SOFTWARE", forced);
    });
    qunsetenv("LIBGL_ALWAYS_SOFTWARE");
    const QDir dev(m_dir->filePath(u"dev"_s));
    QVERIFY(dev.mkpath(u"dri"_s));
    const auto touch = [&](const QString &name) {
        QFile file(dev.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
    };
    // A virtual display or a container: nothing to draw with but the CPU.
    QCOMPARE(PreviewPane::renderingFor(dev.path()), PreviewPane::Rendering::Software);
    touch(u"dri/card0"_s); // a display controller alone renders nothing
    QCOMPARE(PreviewPane::renderingFor(dev.path()), PreviewPane::Rendering::Software);
    touch(u"dri/renderD128"_s);
    QCOMPARE(PreviewPane::renderingFor(dev.path()), PreviewPane::Rendering::Gpu);
    QVERIFY(QFile::remove(dev.filePath(u"dri/renderD128"_s)));
    touch(u"nvidia0"_s);
    QCOMPARE(PreviewPane::renderingFor(dev.path()), PreviewPane::Rendering::Gpu);
    // Mesa told to draw in software draws with llvmpipe, GPU or not.
    qputenv("LIBGL_ALWAYS_SOFTWARE", "1");
    QCOMPARE(PreviewPane::renderingFor(dev.path()), PreviewPane::Rendering::Software);
}

void TestPreviewPane::keepsTheScrollPositionAcrossUpdates()
{
    const QString body = paragraphs(120, u"the budget"_s);
    showInPane(storyWith(body));
    evaluate(page(), u"window.scrollTo(0, 2500)"_s);
    QTRY_COMPARE(evaluate(page(), u"Math.round(window.scrollY)"_s).toInt(), 2500);
    m_pane->showStory(storyWith(body + u"\n\nOne more paragraph at the end."_s), {});
    waitForRevision(m_pane->revision());
    QVERIFY(evaluate(page(), u"document.body.textContent.includes('One more paragraph at the end.')"_s).toBool());
    QCOMPARE(evaluate(page(), u"Math.round(window.scrollY)"_s).toInt(), 2500);
    QCOMPARE(m_pane->pageLoads(), 1);
}

void TestPreviewPane::coalescesRequestsMadeDuringARender()
{
    showInPane(storyWith(u"Start."_s));
    const int before = m_pane->revision();
    constexpr int requests = 40;
    for (int i = 1; i <= requests; ++i)
        m_pane->showStory(storyWith(paragraphs(300, u"edit %1"_s.arg(i))), {});
    QTRY_VERIFY_WITH_TIMEOUT(evaluate(page(), u"document.body.textContent.includes('about edit 40,')"_s).toBool(), pageTimeout);
    // One render ran, and one more for everything that came while it ran.
    QVERIFY2(m_pane->revision() - before < requests / 2, qPrintable(QString::number(m_pane->revision() - before)));
}

void TestPreviewPane::editorScrollLeadsThePreview()
{
    const QString body = paragraphs(150, u"the alliance"_s);
    QPlainTextEdit editor;
    editor.setPlainText(body);
    editor.resize(400, 300);
    editor.show();
    showInPane(storyWith(body));
    m_pane->followEditor(&editor);

    editor.verticalScrollBar()->setValue(editor.verticalScrollBar()->maximum() / 2);
    const int topLine = editor.cursorForPosition(QPoint(0, 0)).blockNumber() + 1;
    QVERIFY(topLine > 40);
    // The block at the top of the page is the one whose source holds the
    // editor's top line (or, on a blank line, the paragraph just above it).
    const QString topBlock = u"(() => { let found = null;"
                             " for (const e of document.getElementById('story-body').children)"
                             "   if (e.getBoundingClientRect().top <= 1) found = e;"
                             " return found ? Number(found.dataset.first) : 0; })()"_s;
    QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                 const int first = evaluate(page(), topBlock).toInt();
                                 return first == topLine || first == topLine - 1;
                             }()),
                             pageTimeout);
    QVERIFY(evaluate(page(), u"window.scrollY"_s).toDouble() > 1000);

    editor.verticalScrollBar()->setValue(0);
    QTRY_COMPARE_WITH_TIMEOUT(evaluate(page(), u"Math.round(window.scrollY)"_s).toInt(), 0, pageTimeout);
}

void TestPreviewPane::clickingABlockMovesTheEditorCursor()
{
    const QString body = u"Opening line.\n\nSecond paragraph.\n\n> A block quote.\n\nClosing paragraph."_s;
    QPlainTextEdit editor;
    editor.setPlainText(body);
    editor.show();
    showInPane(storyWith(body));
    m_pane->followEditor(&editor);
    QCOMPARE(editor.textCursor().blockNumber(), 0);

    const QVariantList box = evaluate(page(), u"(() => { const r = document.querySelector('#story-body > blockquote').getBoundingClientRect();"
                                               " return [r.left + 20, r.top + r.height / 2]; })()"_s)
                                 .toList();
    QCOMPARE(box.size(), 2);
    const QPoint point(box.at(0).toInt(), box.at(1).toInt());
    QWidget *input = m_pane->view()->focusProxy();
    QVERIFY(input);
    QTest::mouseClick(input, Qt::LeftButton, {}, point);
    // The block quote's source starts at line 5.
    QTRY_COMPARE_WITH_TIMEOUT(editor.textCursor().blockNumber(), 4, pageTimeout);
}

void TestPreviewPane::correctionNoteFollowsTheBody()
{
    Story story = storyWith(u"First paragraph.\n\nLast paragraph."_s);
    showInPane(story);
    QCOMPARE(evaluate(page(), u"document.querySelectorAll('.correction').length"_s).toInt(), 0);
    evaluate(page(), u"document.querySelectorAll('#story-body > p').forEach(p => p.dataset.marker = 'kept')"_s);
    const QString lastText = u"(() => { const all = document.querySelectorAll('article p'); return all[all.length - 1].textContent; })()"_s;

    // As the export prints it: the article's last paragraph, after the body.
    story.correctionNote = u"An earlier version gave the wrong <b>date</b>."_s;
    m_pane->showStory(story, {});
    waitForRevision(m_pane->revision());
    QCOMPARE(evaluate(page(), lastText).toString(), u"Correction: An earlier version gave the wrong <b>date</b>."_s);
    QCOMPARE(evaluate(page(), u"document.querySelectorAll('.correction').length"_s).toInt(), 1);
    QCOMPARE(evaluate(page(), u"document.querySelectorAll('.correction b').length"_s).toInt(), 0);
    // The body's blocks stayed as they were.
    QCOMPARE(evaluate(page(), u"Array.from(document.querySelectorAll('#story-body > p'), p => p.dataset.marker || '').join()"_s).toString(),
             u"kept,kept"_s);

    story.correctionNote = u"An earlier version gave the wrong day."_s;
    m_pane->showStory(story, {});
    waitForRevision(m_pane->revision());
    QCOMPARE(evaluate(page(), lastText).toString(), u"Correction: An earlier version gave the wrong day."_s);

    story.correctionNote.clear();
    m_pane->showStory(story, {});
    waitForRevision(m_pane->revision());
    QCOMPARE(evaluate(page(), lastText).toString(), u"Last paragraph."_s);
    QCOMPARE(evaluate(page(), u"document.querySelectorAll('.correction').length"_s).toInt(), 0);
}

void TestPreviewPane::hostileMarkdownRunsNothingAndReachesNothing_data()
{
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<bool>("click"); // click the first link after loading
    QTest::newRow("raw script element") << u"Before.\n\n<script>window.pwned = 'script'</script>\n\nAfter."_s << false;
    QTest::newRow("inline script in a paragraph") << u"Text <script>window.pwned = 'inline'</script> more."_s << false;
    QTest::newRow("onerror attribute") << u"<img src=\"x\" onerror=\"window.pwned = 'onerror'\">"_s << false;
    QTest::newRow("javascript: link clicked") << u"[click me](javascript:window.pwned='link')"_s << true;
    QTest::newRow("iframe to the network") << u"<iframe src=\"http://127.0.0.1:PORT/frame\"></iframe>"_s << false;
    // Images nobody reviewed are shown as their text, never loaded (the
    // export gate's rule): no <img>, so no request, not even a refused one.
    QTest::newRow("remote image") << u"![tracker](http://127.0.0.1:PORT/pixel.png)"_s << false;
    QTest::newRow("svg data image with script") << u"![x](data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%20onload='window.pwned=1'/%3E)"_s << false;
    QTest::newRow("remote image in a table") << u"| a |\n|---|\n| ![t](http://127.0.0.1:PORT/cell.png) |"_s << false;
    QTest::newRow("link to the network clicked") << u"[site](http://127.0.0.1:PORT/page)"_s << true;
}

// No fixed waits: after the hostile content, the story ends in a canary link
// and the test then adds a canary remote image to the page; the checks run
// only once both are seen handled (the link opened in the browser stand-in,
// the image refused by the page's policy). A navigation the hostile click
// started would be decided before the canary's, and the page starts its image
// loads in document order, so what the hostile content tried has been tried.
void TestPreviewPane::hostileMarkdownRunsNothingAndReachesNothing()
{
    QFETCH(QString, markdown);
    QFETCH(bool, click);
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    int connections = 0;
    connect(&server, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *socket = server.nextPendingConnection()) {
            ++connections;
            socket->close();
        }
    });
    BrowserStandIn browser;
    QDesktopServices::setUrlHandler(u"http"_s, &browser, "openUrl");
    QDesktopServices::setUrlHandler(u"https"_s, &browser, "openUrl");
    const auto unsetHandlers = qScopeGuard([] {
        QDesktopServices::unsetUrlHandler(u"http"_s);
        QDesktopServices::unsetUrlHandler(u"https"_s);
    });
    const QString port = QString::number(server.serverPort());
    markdown.replace(u"PORT"_s, port);
    const QUrl canaryLink(u"https://canary.example/after"_s);
    const QString canaryImage = u"http://127.0.0.1:%1/canary.png"_s.arg(port);

    // The page records what its policy refuses from the start of the story.
    showInPane(storyWith(u"Safe opening."_s));
    evaluate(page(), u"window.refused = []; document.addEventListener('securitypolicyviolation', "
                     "event => window.refused.push(event.blockedURI))"_s);
    m_pane->showStory(storyWith(u"Safe opening.\n\n"_s + markdown + u"\n\nSafe closing.\n\n[canary]("_s
                                + canaryLink.toString() + u")"_s),
                      {});
    waitForRevision(m_pane->revision());

    if (click)
        evaluate(page(), u"document.querySelector('#story-body a').click()"_s);
    evaluate(page(), u"document.querySelector('#story-body a[href=\"%1\"]').click()"_s.arg(canaryLink.toString()));
    QTRY_VERIFY_WITH_TIMEOUT(browser.opened.contains(canaryLink), pageTimeout);
    QCOMPARE(evaluate(page(), u"document.querySelectorAll('#story-body img').length"_s).toInt(), 0);
    evaluate(page(), u"{ const canary = document.createElement('img'); canary.src = '%1'; "
                     "document.getElementById('story-body').appendChild(canary); }"_s.arg(canaryImage));
    evaluate(page(), u"window.scrollTo(0, document.body.scrollHeight)"_s);
    const QString refusedSoFar = u"window.refused"_s;
    QTRY_VERIFY_WITH_TIMEOUT(evaluate(page(), refusedSoFar).toStringList().contains(canaryImage), pageTimeout);

    QVERIFY(evaluate(page(), u"document.body.textContent.includes('Safe closing.')"_s).toBool());
    QCOMPARE(evaluate(page(), u"typeof window.pwned"_s).toString(), u"undefined"_s);
    QCOMPARE(evaluate(page(), u"document.querySelectorAll('script').length"_s).toInt(), 2); // qwebchannel.js, preview.js
    QCOMPARE(evaluate(page(), u"document.querySelectorAll('iframe, object, embed, [onerror], [onload]').length"_s).toInt(), 0);
    QCOMPARE(page()->url(), PreviewPane::pageUrl());
    QCOMPARE(m_pane->pageLoads(), 1);
    // The policy stopped every load before it became a request: none reached
    // the profile's last guard, and none the network.
    QCOMPARE(m_pane->blockedRequests(), 0);
    QCOMPARE(connections, 0);
    // A clicked link goes to the system browser, and only a web link does.
    QList<QUrl> expectedOpened{canaryLink};
    if (click && markdown.contains(u"](http"_s))
        expectedOpened.prepend(QUrl(u"http://127.0.0.1:%1/page"_s.arg(port)));
    QCOMPARE(browser.opened, expectedOpened);
}

void TestPreviewPane::linksOpenInTheSystemBrowser()
{
    BrowserStandIn browser;
    QDesktopServices::setUrlHandler(u"https"_s, &browser, "openUrl");
    showInPane(storyWith(u"Read [the statement](https://www.defense.gov/News/)."_s));
    evaluate(page(), u"document.querySelector('#story-body a').click()"_s);
    QTRY_COMPARE_WITH_TIMEOUT(browser.opened, QList<QUrl>{QUrl(u"https://www.defense.gov/News/"_s)}, pageTimeout);
    QCOMPARE(page()->url(), PreviewPane::pageUrl());
    QCOMPARE(m_pane->pageLoads(), 1);
    QDesktopServices::unsetUrlHandler(u"https"_s);
}

void TestPreviewPane::requestsOutsideTheAppSchemesAreBlocked()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    int connections = 0;
    connect(&server, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *socket = server.nextPendingConnection()) {
            ++connections;
            socket->close();
        }
    });
    showInPane(storyWith(u"Text."_s));
    QCOMPARE(m_pane->blockedRequests(), 0);
    // The page's policy and navigation filter stop what its content asks
    // for; beneath them the profile's interceptor stops any request at all,
    // here a plain page in the preview's profile loading from the network.
    QWebEnginePage other(page()->profile());
    QSignalSpy loaded(&other, &QWebEnginePage::loadFinished);
    other.load(QUrl(u"http://127.0.0.1:%1/page"_s.arg(server.serverPort())));
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), pageTimeout);
    QCOMPARE(loaded.constFirst().constFirst().toBool(), false);
    QTRY_COMPARE_WITH_TIMEOUT(m_pane->blockedRequests(), 1, pageTimeout);
    QCOMPARE(connections, 0);
}

void TestPreviewPane::widthPresetsAndDarkPageArePersisted()
{
    showInPane(storyWith(u"Some text."_s));
    QAction *phone = nullptr;
    QAction *dark = nullptr;
    for (QAction *action : m_pane->viewActions()) {
        if (action->objectName() == u"actionPreviewphone")
            phone = action;
        if (action->objectName() == u"actionPreviewDark")
            dark = action;
    }
    QVERIFY(phone && dark);
    QCOMPARE(evaluate(page(), u"document.documentElement.dataset.theme"_s).toString(), u"light"_s);
    phone->trigger();
    dark->trigger();
    QCOMPARE(m_pane->width(), PreviewPane::Width::Phone);
    QTRY_VERIFY_WITH_TIMEOUT(evaluate(page(), u"window.innerWidth"_s).toInt() <= 390, pageTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(evaluate(page(), u"document.documentElement.dataset.theme"_s).toString(), u"dark"_s, pageTimeout);
    QCOMPARE(evaluate(page(), u"getComputedStyle(document.documentElement).backgroundColor"_s).toString(), u"rgb(21, 25, 31)"_s);

    PreviewPane again;
    QCOMPARE(again.width(), PreviewPane::Width::Phone);
    QVERIFY(again.isDarkPage());
}

// The module registers the app's schemes when it loads, before its first
// view starts WebEngine, which ignores registrations after that: the page
// must be a secure context (its Content-Security-Policy and QWebChannel rely
// on it) and images must be fetched under CORS.
void TestPreviewPane::theModuleRegistersTheSchemes()
{
    showInPane(storyWith(u"Text."_s));
    const QWebEngineUrlScheme images = QWebEngineUrlScheme::schemeByName(PreviewPane::imageScheme());
    QCOMPARE(images.name(), PreviewPane::imageScheme());
    QCOMPARE(images.syntax(), QWebEngineUrlScheme::Syntax::Path);
    QCOMPARE(images.flags(), QWebEngineUrlScheme::SecureScheme | QWebEngineUrlScheme::CorsEnabled);
    const QWebEngineUrlScheme pageScheme = QWebEngineUrlScheme::schemeByName(PreviewPane::pageScheme());
    QCOMPARE(pageScheme.name(), PreviewPane::pageScheme());
    QCOMPARE(pageScheme.flags(), QWebEngineUrlScheme::SecureScheme);
    QCOMPARE(evaluate(page(), u"window.isSecureContext"_s).toBool(), true);
}

// Start-up (issue 14): the web view comes from a module loaded after the
// window's first frame. One that is missing or broken leaves the preview's
// place saying so and what to do; the pane renders on and nothing crashes.
void TestPreviewPane::aModuleThatCannotLoadIsReportedInThePane_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("missing") << QByteArray();
    QTest::newRow("not a library") << QByteArray("\x7f" "ELF but no more");
    QTest::newRow("empty") << QByteArray("");
}

void TestPreviewPane::aModuleThatCannotLoadIsReportedInThePane()
{
    QFETCH(QByteArray, content);
    const QString module = m_dir->filePath(u"lib/newsdesk/webpreview.so"_s);
    if (!content.isNull()) {
        QVERIFY(QDir().mkpath(QFileInfo(module).path()));
        QFile file(module);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }
    PreviewPane::setModuleFile(module);
    const auto restore = qScopeGuard([] { PreviewPane::setModuleFile(QString()); });
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^newsdesk: the preview module could not be loaded: "_s));
    m_pane = std::make_unique<PreviewPane>();
    m_pane->resize(700, 600);
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane.get()));
    const auto *placeholder = m_pane->findChild<QLabel *>(u"previewPlaceholder"_s);
    QVERIFY(placeholder);
    QTRY_VERIFY2(placeholder->text().startsWith(u"The preview is not available"_s), qPrintable(placeholder->text()));
    QVERIFY2(placeholder->text().contains(module), qPrintable(placeholder->text()));
    QVERIFY(placeholder->isVisible());
    QVERIFY(!m_pane->view());
    QVERIFY(!m_pane->ensureView());

    m_pane->showStory(storyWith(u"Rendered all the same."_s), {});
    QTRY_COMPARE(m_pane->revision(), 1);
    QCOMPARE(m_pane->pageLoads(), 0);
    QCOMPARE(m_pane->blockedRequests(), 0);
    QVERIFY(placeholder->isVisible());
}

// Start-up (issue 14): the window's executable links neither WebEngine nor
// Qt Quick or QML, so the dynamic loader maps them only when the preview
// module loads (bench_startup: they were a fifth of the time to the window).
void TestPreviewPane::theExecutableLeavesWebEngineToTheModule()
{
    QProcess loader;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // glibc's dynamic loader lists what it maps, and runs nothing (ldd).
    environment.insert(u"LD_TRACE_LOADED_OBJECTS"_s, u"1"_s);
    loader.setProcessEnvironment(environment);
    loader.start(QStringLiteral(NEWSDESK_BINARY), {u"--version"_s});
    QVERIFY(loader.waitForFinished(30000));
    QCOMPARE(loader.exitCode(), 0);
    const QString mapped = QString::fromLocal8Bit(loader.readAllStandardOutput());
    QVERIFY2(mapped.contains(u"libQt6Widgets.so"_s), qPrintable(mapped));
    for (const QString &library : {u"libQt6WebEngineCore.so"_s, u"libQt6WebEngineWidgets.so"_s, u"libQt6WebChannel.so"_s,
                                   u"libQt6Quick.so"_s, u"libQt6Qml.so"_s})
        QVERIFY2(!mapped.contains(library), qPrintable(library + u" is mapped at start-up:\n"_s + mapped));
    // Where the executable looks for the module (the tests lie beside it).
    QVERIFY2(QFileInfo(PreviewPane::moduleFile()).isFile(), qPrintable(PreviewPane::moduleFile()));
}

void TestPreviewPane::exportDialogListsWhatBlocksAndNeedsAReasonToOverride()
{
    Library library;
    QString error;
    std::optional<Story> story = SampleLibrary::open(&library, m_dir->filePath(u"lib.newsdesk"_s), &error);
    QVERIFY2(story, qPrintable(error));
    ExportDialog dialog(&library, *story, m_exportPrompter);
    dialog.setFolder(m_dir->filePath(u"out/story"_s));
    dialog.show();
    auto *blockers = dialog.findChild<QListWidget *>(u"exportBlockers"_s);
    auto *override = dialog.findChild<QCheckBox *>(u"exportOverride"_s);
    auto *reason = dialog.findChild<QLineEdit *>(u"exportOverrideReason"_s);
    auto *button = dialog.findChild<QPushButton *>(u"exportButton"_s);
    QVERIFY(blockers && override && reason && button);
    // Alt+F reaches the folder: its label has the field as buddy.
    auto *folder = dialog.findChild<QLineEdit *>(u"exportFolder"_s);
    const QList<QLabel *> labels = dialog.findChildren<QLabel *>();
    QVERIFY(std::any_of(labels.cbegin(), labels.cend(), [folder](QLabel *label) { return label->buddy() == folder; }));
    // A draft whose three captions nobody approved.
    QCOMPARE(blockers->count(), 4);
    QVERIFY(blockers->item(0)->text().contains(u"not approved"_s));
    QVERIFY(!button->isEnabled());
    QVERIFY(override->isEnabled());
    QTest::mouseClick(override, Qt::LeftButton, {}, QPoint(8, override->height() / 2));
    QVERIFY(override->isChecked());
    QVERIFY(!button->isEnabled()); // no reason yet
    QTest::keyClicks(reason, u"Cleared by phone"_s);
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 30000);
    QVERIFY(dialog.exportResult().overridden);
    QVERIFY(QFileInfo::exists(m_dir->filePath(u"out/story/index.html"_s)));
    bool recorded = false;
    for (const AuditEntry &entry : library.auditTrail(u"story"_s, story->id))
        recorded = recorded || (entry.action == u"export-override" && entry.detail.startsWith(u"Cleared by phone"_s));
    QVERIFY(recorded);
}

void TestPreviewPane::exportDialogOverrideIsForEditorsOnly()
{
    Library library;
    QString error;
    std::optional<Story> story = SampleLibrary::open(&library, m_dir->filePath(u"lib.newsdesk"_s), &error);
    QVERIFY2(story, qPrintable(error));
    PeopleRepository people(&library);
    QVERIFY(people.add(Person{.name = u"Wes Writer"_s, .role = PersonRole::Writer}));
    library.setActor(u"Wes Writer"_s);
    ExportDialog dialog(&library, *story, m_exportPrompter);
    dialog.setFolder(m_dir->filePath(u"out/story"_s));
    auto *override = dialog.findChild<QCheckBox *>(u"exportOverride"_s);
    QVERIFY(!override->isEnabled());
    // In the words of the rule the exporter keeps.
    QCOMPARE(dialog.findChild<QLabel *>(u"exportOverrideNote"_s)->text(), Workflow::checkExportOverride(PersonRole::Writer).reason);
    QVERIFY(!dialog.findChild<QPushButton *>(u"exportButton"_s)->isEnabled());
    QVERIFY(!dialog.startExport());
    QVERIFY(!QFileInfo::exists(m_dir->filePath(u"out/story"_s)));
}

void TestPreviewPane::exportDialogExportsAnApprovedStoryAndReportsErrors()
{
    Library library;
    QString error;
    std::optional<Story> story = SampleLibrary::open(&library, m_dir->filePath(u"lib.newsdesk"_s), &error);
    QVERIFY2(story, qPrintable(error));
    QVERIFY2(SampleLibrary::clearForPublication(&library, *story, &error), qPrintable(error));
    // A folder holding someone else's files is refused, and the dialog says so.
    QVERIFY(QDir().mkpath(m_dir->filePath(u"busy"_s)));
    QFile other(m_dir->filePath(u"busy/notes.txt"_s));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.close();
    ExportDialog dialog(&library, *story, m_exportPrompter);
    QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
    QCOMPARE(dialog.findChild<QListWidget *>(u"exportBlockers"_s)->count(), 0);
    dialog.setFolder(m_dir->filePath(u"busy"_s));
    QVERIFY(dialog.startExport());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QCOMPARE(finished.takeFirst().at(0).toBool(), false);
    QVERIFY(dialog.findChild<QLabel *>(u"exportStatus"_s)->text().contains(u"Export failed"_s));
    QVERIFY(QFileInfo::exists(m_dir->filePath(u"busy/notes.txt"_s)));

    dialog.setFolder(m_dir->filePath(u"web"_s));
    QVERIFY(dialog.startExport());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QCOMPARE(finished.takeFirst().at(0).toBool(), true);
    QVERIFY(!dialog.exportResult().overridden);
    QVERIFY(QFileInfo::exists(m_dir->filePath(u"web/index.html"_s)));
    QVERIFY(QFileInfo::exists(m_dir->filePath(u"web/images/250306-D-PM193-1268K.jpg"_s)));
}

void TestPreviewPane::exportDialogWorksOffTheWindowThreadAndCancels()
{
    Library library;
    QString error;
    std::optional<Story> story = SampleLibrary::open(&library, m_dir->filePath(u"lib.newsdesk"_s), &error);
    QVERIFY2(story, qPrintable(error));
    QVERIFY2(SampleLibrary::clearForPublication(&library, *story, &error), qPrintable(error));
    ExportDialog dialog(&library, *story, m_exportPrompter);
    dialog.setFolder(m_dir->filePath(u"cancelled"_s));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    // Cancel (as the button or Escape does) once the first photo is written.
    QList<int> steps;
    QSet<int> totals;
    bool offWindowThread = true;
    StoryExporter::Options options;
    options.progress = [&](int done, int total) {
        steps << done;
        totals << total;
        offWindowThread = offWindowThread && QThread::currentThread() != dialog.thread();
        if (done == 1) {
            QMetaObject::invokeMethod(
                &dialog,
                [&dialog] {
                    QVERIFY(dialog.isExporting());
                    dialog.reject();
                },
                Qt::BlockingQueuedConnection);
        }
        return true;
    };
    dialog.setExportOptions(options);
    QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
    QVERIFY(dialog.startExport());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QCOMPARE(finished.takeFirst().at(0).toBool(), false);
    QVERIFY(offWindowThread);
    QCOMPARE(steps, QList<int>({0, 1}));
    QCOMPARE(totals, QSet<int>({3})); // the three photos the sample body places
    QVERIFY(dialog.exportResult().cancelled);
    QVERIFY(dialog.isVisible()); // the dialog stays for another try
    QVERIFY(dialog.findChild<QLabel *>(u"exportStatus"_s)->text().contains(u"cancelled"_s));
    // Nothing left behind: no folder, no half-written staging folder.
    QVERIFY(!QFileInfo::exists(m_dir->filePath(u"cancelled"_s)));
    const QStringList leftovers = QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    QVERIFY2(std::none_of(leftovers.cbegin(), leftovers.cend(), [](const QString &name) { return name.startsWith(u".cancelled"_s); }),
             qPrintable(leftovers.join(u' ')));

    // Again, to the end: every photo reported, the folder in place.
    steps.clear();
    options.progress = [&steps](int done, int) {
        steps << done;
        return true;
    };
    dialog.setExportOptions(options);
    QVERIFY(dialog.startExport());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QCOMPARE(finished.takeFirst().at(0).toBool(), true);
    QCOMPARE(steps, QList<int>({0, 1, 2, 3}));
    QVERIFY(QFileInfo::exists(m_dir->filePath(u"cancelled/index.html"_s)));
    // Escape after the export closes the dialog as usual.
    dialog.reject();
    QVERIFY(!dialog.isVisible());
}

// The Export button starts the export and returns to the event loop: the
// dialog paints its progress meanwhile, and its watcher's signal finishes.
void TestPreviewPane::exportDialogFinishesThroughItsSignal()
{
    Library library;
    QString error;
    std::optional<Story> story = SampleLibrary::open(&library, m_dir->filePath(u"lib.newsdesk"_s), &error);
    QVERIFY2(story, qPrintable(error));
    QVERIFY2(SampleLibrary::clearForPublication(&library, *story, &error), qPrintable(error));
    ExportDialog dialog(&library, *story, m_exportPrompter);
    dialog.setFolder(m_dir->filePath(u"web"_s));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    // The worker holds at its first photo until the test has looked.
    auto gate = std::make_shared<QSemaphore>();
    StoryExporter::Options options;
    options.progress = [gate](int done, int) {
        if (done == 0)
            gate->tryAcquire(1, 30000);
        return true;
    };
    dialog.setExportOptions(options);
    QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
    auto *button = dialog.findChild<QPushButton *>(u"exportButton"_s);
    QTest::mouseClick(button, Qt::LeftButton);
    // Back from the click while the export runs (a handler that waited for it
    // would have come back only when the gate gave up, the export done).
    QVERIFY(dialog.isExporting());
    QVERIFY(!button->isEnabled());
    QVERIFY(dialog.findChild<QProgressBar *>(u"exportProgress"_s)->isVisible());
    QCOMPARE(finished.size(), 0);
    gate->release();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    QCOMPARE(finished.first().at(0).toBool(), true);
    QVERIFY(!dialog.isExporting());
    QVERIFY(dialog.exportResult().success);
    QVERIFY(QFileInfo::exists(m_dir->filePath(u"web/index.html"_s)));
    // The button's export closes the dialog once written.
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(!dialog.isVisible());
    QVERIFY(button->isEnabled());
}

void TestPreviewPane::exportDialogClosedOrDestroyedMidExport_data()
{
    QTest::addColumn<bool>("destroy");
    QTest::newRow("closed: the export is cancelled, nothing half-written") << false;
    QTest::newRow("destroyed: the export is written completely first") << true;
}

void TestPreviewPane::exportDialogClosedOrDestroyedMidExport()
{
    QFETCH(bool, destroy);
    Library library;
    QString error;
    std::optional<Story> story = SampleLibrary::open(&library, m_dir->filePath(u"lib.newsdesk"_s), &error);
    QVERIFY2(story, qPrintable(error));
    QVERIFY2(SampleLibrary::clearForPublication(&library, *story, &error), qPrintable(error));
    auto dialog = std::make_unique<ExportDialog>(&library, *story, m_exportPrompter);
    const QString target = m_dir->filePath(u"midway"_s);
    dialog->setFolder(target);
    dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));
    auto gate = std::make_shared<QSemaphore>();
    auto reported = std::make_shared<std::atomic_int>(-1);
    StoryExporter::Options options;
    options.progress = [gate, reported, destroy](int done, int) {
        reported->store(done);
        // Closing: the worker holds at its first photo until the dialog is closed.
        if (!destroy && done == 0)
            gate->tryAcquire(1, 30000);
        return true;
    };
    dialog->setExportOptions(options);
    QSignalSpy finished(dialog.get(), &ExportDialog::exportFinished);
    QVERIFY(dialog->startExport());
    QVERIFY(dialog->isExporting());
    if (destroy) {
        // Gone before the worker is done (nothing has reached the dialog's
        // event loop yet): the destructor waits for it.
        dialog.reset();
        QCOMPARE(reported->load(), 3);
        QVERIFY(QFileInfo::exists(QDir(target).filePath(u"index.html"_s)));
        QCOMPARE(QDir(QDir(target).filePath(u"images"_s)).entryList(QDir::Files).size(), 3);
        bool recorded = false;
        for (const AuditEntry &entry : library.auditTrail(u"story"_s, story->id))
            recorded = recorded || entry.action == u"export";
        QVERIFY(recorded);
        // The progress the worker posted finds no dialog, and does nothing.
        QCoreApplication::processEvents();
    } else {
        QTRY_COMPARE_WITH_TIMEOUT(reported->load(), 0, 30000);
        QVERIFY(!dialog->close()); // closing cancels; the dialog stays until the worker has stopped
        QVERIFY(dialog->isVisible());
        gate->release();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        QCOMPARE(finished.first().at(0).toBool(), false);
        QVERIFY(dialog->exportResult().cancelled);
        QVERIFY(!QFileInfo::exists(target));
        QVERIFY(dialog->close()); // and once it has, closing closes
    }
    const QStringList leftovers = QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    QVERIFY2(std::none_of(leftovers.cbegin(), leftovers.cend(), [](const QString &name) { return name.startsWith(u".midway"_s); }),
             qPrintable(leftovers.join(u' ')));
}

namespace {

// What the window looks like when the window system first asks it for a
// frame: the preview's view made yet or not, and where the preview is.
class FirstExposeProbe : public QObject
{
public:
    explicit FirstExposeProbe(PreviewPane *pane)
        : m_pane(pane)
    {
    }
    bool exposed = false;
    bool viewAtExpose = false;
    bool placeholderAtExpose = false;
    QRect paneAtExpose;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (!exposed && event->type() == QEvent::Expose && static_cast<QWindow *>(watched)->isExposed()) {
            exposed = true;
            viewAtExpose = m_pane->view() != nullptr;
            const auto *placeholder = m_pane->findChild<QLabel *>(u"previewPlaceholder"_s);
            placeholderAtExpose = placeholder && placeholder->isVisible();
            paneAtExpose = m_pane->geometry();
        }
        return false;
    }

private:
    PreviewPane *m_pane;
};

} // namespace

// Start-up (issue 14): WebEngine's start holds the GUI thread for tens of
// milliseconds, so the window paints its first frame (the story in the
// editor, the preview's placeholder) before the preview's view is made, and
// the preview then shows the story without the layout moving.
void TestPreviewPane::mainWindowPaintsBeforeStartingThePreview()
{
    QSettings().setValue(u"library/last"_s, QString());
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    QVERIFY(window.openLibrary(m_dir->filePath(u"window.newsdesk"_s)));
    PreviewPane *pane = window.preview();
    window.createWinId();
    FirstExposeProbe probe(pane);
    window.windowHandle()->installEventFilter(&probe);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(probe.exposed);
    QVERIFY(!probe.viewAtExpose);
    QVERIFY(probe.placeholderAtExpose);
    QTRY_VERIFY_WITH_TIMEOUT(pane->view(), pageTimeout);
    QCOMPARE(pane->geometry(), probe.paneAtExpose);
    QTRY_VERIFY_WITH_TIMEOUT(evaluate(webView(pane)->page(), u"document.querySelectorAll('#story-body p').length"_s).toInt() > 0,
                             pageTimeout);
    QCOMPARE(pane->geometry(), probe.paneAtExpose);
    QCOMPARE(pane->pageLoads(), 1);
}

void TestPreviewPane::mainWindowCopiesHtmlAndFollowsClicks()
{
    QSettings().setValue(u"library/last"_s, QString());
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    QVERIFY(window.openLibrary(m_dir->filePath(u"window.newsdesk"_s)));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    PreviewPane *pane = window.preview();
    QTRY_VERIFY_WITH_TIMEOUT(pane->view(), pageTimeout);
    QWebEnginePage *windowPage = webView(pane)->page();
    QTRY_VERIFY_WITH_TIMEOUT(evaluate(windowPage, u"document.querySelectorAll('#story-body figure.photo').length"_s).toInt() == 3, pageTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(evaluate(windowPage, u"document.querySelector('#story-body figure.photo img').naturalWidth"_s).toInt() > 0, pageTimeout);

    window.findChild<QAction *>(u"actionCopyHtml"_s)->trigger();
    const QString copied = QGuiApplication::clipboard()->text();
    QVERIFY(copied.startsWith(u"<article>"_s));
    QVERIFY(copied.contains(u"src=\"images/250306-D-PM193-1268K.jpg\""_s));

    // Clicking the last paragraph puts the cursor on its first line.
    evaluate(windowPage, u"document.querySelector('#story-body > p:last-of-type').scrollIntoView()"_s);
    const QVariantList at = evaluate(windowPage, u"(() => { const e = document.querySelector('#story-body > p:last-of-type');"
                                                  " const r = e.getBoundingClientRect(); return [r.left + 5, r.top + 5, Number(e.dataset.first)]; })()"_s)
                                .toList();
    QCOMPARE(at.size(), 3);
    QTest::mouseClick(pane->view()->focusProxy(), Qt::LeftButton, {}, QPoint(at.at(0).toInt(), at.at(1).toInt()));
    QTRY_COMPARE_WITH_TIMEOUT(window.editor()->bodyEditor()->textCursor().blockNumber() + 1, at.at(2).toInt(), pageTimeout);
    QCOMPARE(pane->pageLoads(), 1);
}

void TestPreviewPane::mainWindowExportsAndImportsMarkdown()
{
    QSettings().setValue(u"library/last"_s, QString());
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    QVERIFY(window.openLibrary(m_dir->filePath(u"window.newsdesk"_s)));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const Story sample = window.editor()->story();
    const QString path = m_dir->filePath(u"out/sample.md"_s);
    QVERIFY(QDir().mkpath(m_dir->filePath(u"out"_s)));

    prompter.files << QStringList{path};
    window.findChild<QAction *>(u"actionExportMarkdown"_s)->trigger();
    QCOMPARE(prompter.asked.constLast().title, u"Export Markdown"_s);
    QVERIFY(QFileInfo::exists(path));
    // The story and its three photos' images beside it.
    QCOMPARE(QDir(m_dir->filePath(u"out"_s)).entryList(QDir::Files).size(), 4);

    prompter.files << QStringList{path};
    window.findChild<QAction *>(u"actionImportMarkdown"_s)->trigger();
    QCOMPARE(prompter.asked.constLast().title, u"Import Markdown"_s);
    QVERIFY(window.currentStoryId() != sample.id);
    const Story imported = window.editor()->story();
    QCOMPARE(imported.headline, sample.headline);
    QCOMPARE(imported.body, sample.body);
    QCOMPARE(PhotoRepository(window.library()).photosOfStory(imported.id).size(), 3);
    QCOMPARE(window.storyList()->currentStoryId(), imported.id);
}

int main(int argc, char **argv)
{
    // As the app does (application.cpp).
    PreviewPane::chooseRendering();
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    Newsdesk::setApplicationIdentity();
    QCoreApplication::setApplicationName(u"NewsdeskPreviewTest"_s);
    TestPreviewPane test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_previewpane.moc"
