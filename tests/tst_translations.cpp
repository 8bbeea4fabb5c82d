// SPDX-License-Identifier: MIT
// Newsdesk under its pseudo-translation (en_XA: every letter accented, every
// text bracketed and 30 % longer), as a translator's language would stress
// it: the main window at 1366×768 and every dialog and question is opened on
// real widgets, offscreen, and
// - no label, button, field, combo box or spin box that shows is smaller than
//   its size hint (a longer translation would be cut off);
// - no text that shows is still English (it escaped tr(), or lupdate cannot
//   see it); what the user and the story wrote is excluded.
// The language comes the way users' does: LANGUAGE=en_XA, read by
// Translations::install() from the system locale, for the window and for
// the command line. And English itself: every plural text has its English
// forms ("1 photo", "2 photos").
#include "changesdialog.h"
#include "exportdialog.h"
#include "passworddialog.h"
#include "findreplacebar.h"
#include "iptclimits.h"
#include "library.h"
#include "mainwindow.h"
#include "people.h"
#include "photorepository.h"
#include "scriptedprompter.h"
#include "storymarkdown.h"
#include "storyrepository.h"
#include "translations.h"
#include "widgetfit.h"
#include "windowtestfixture.h"
#include "workflowcontroller.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDockWidget>
#include <QFile>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScreen>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTabWidget>
#include <QTest>
#include <QTextDocument>
#include <QTimer>
#include <QTranslator>
#include <QXmlStreamReader>

#include <pwd.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

// Labels that elide or wrap by design, shown narrower than their one-line
// size hint on purpose. Keep this list short: each entry is a layout that
// cannot grow.
const QStringList elidedByDesign = {
    // The status bar's passing messages: QStatusBar elides them.
};

// Text of a label, as the user reads it (rich text without its tags).
QString shownText(const QLabel *label)
{
    if (label->textFormat() == Qt::PlainText
        || (label->textFormat() == Qt::AutoText && !Qt::mightBeRichText(label->text())))
        return label->text();
    QTextDocument document;
    document.setHtml(label->text());
    return document.toPlainText();
}

// Words the user or the story wrote, which no translation changes.
QSet<QString> wordsOf(const QString &text)
{
    QSet<QString> words;
    static const QRegularExpression word(u"[A-Za-z]{2,}"_s);
    for (const QRegularExpressionMatch &match : word.globalMatch(text))
        words.insert(match.captured());
    return words;
}

class Inspector
{
public:
    explicit Inspector(QSet<QString> userWords)
        : m_userWords(std::move(userWords))
    {
    }

    // Checks every widget of window that shows; where says which window.
    void inspect(QWidget *window, const QString &where)
    {
        // Layouts a text change asked for are done first, as before a paint.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        text(window->windowTitle(), where + u" title"_s);
        QList<QWidget *> widgets = window->findChildren<QWidget *>();
        widgets.prepend(window);
        for (QWidget *widget : std::as_const(widgets)) {
            if (!widget->isVisible())
                continue;
            const QString name = where + u" › "_s + describe(widget);
            text(widget->toolTip(), name + u" tooltip"_s);
            if (auto *label = qobject_cast<QLabel *>(widget)) {
                text(shownText(label), name);
                if (!elidedByDesign.contains(label->objectName()))
                    fits(label, name, label->wordWrap());
            } else if (auto *button = qobject_cast<QAbstractButton *>(widget);
                       button && !qobject_cast<QTabBar *>(button->parentWidget())) {
                // (A tab bar's own scroll arrows are checked as the bar.)
                // QDialogButtonBox's standard buttons speak Qt's translation
                // (qtbase), which has no en_XA.
                if (!isStandardButton(button))
                    text(button->text(), name);
                fits(button, name);
            } else if (auto *combo = qobject_cast<QComboBox *>(widget)) {
                for (int i = 0; i < combo->count(); ++i)
                    text(combo->itemText(i), name + u" item"_s);
                fits(combo, name);
            } else if (auto *spin = qobject_cast<QAbstractSpinBox *>(widget)) {
                fits(spin, name);
            } else if (auto *field = qobject_cast<QLineEdit *>(widget)) {
                text(field->placeholderText(), name + u" placeholder"_s);
                // A line edit's size hint is a width of 17 'x', whatever it
                // shows: only its height must be whole. A spin box's own
                // editor sits inside its frame, smaller by design: the spin
                // box itself is checked above.
                if (!qobject_cast<QAbstractSpinBox *>(field->parentWidget()) && field->height() < field->sizeHint().height())
                    m_problems << u"%1 is %2 px high, needs %3"_s.arg(name).arg(field->height()).arg(field->sizeHint().height());
            } else if (auto *group = qobject_cast<QGroupBox *>(widget)) {
                text(group->title(), name);
                fits(group, name);
            } else if (auto *tabs = qobject_cast<QTabBar *>(widget)) {
                for (int i = 0; i < tabs->count(); ++i)
                    text(tabs->tabText(i), name + u" tab"_s);
                // Tabs that do not fit scroll (or elide): the bar must have room.
                fits(tabs, name);
            } else if (auto *dock = qobject_cast<QDockWidget *>(widget)) {
                text(dock->windowTitle(), name);
            } else if (auto *view = qobject_cast<QAbstractItemView *>(widget)) {
                for (QHeaderView *header : view->findChildren<QHeaderView *>()) {
                    if (!header->isVisible() || !view->model())
                        continue;
                    for (int i = 0; i < header->count(); ++i)
                        text(view->model()->headerData(i, header->orientation()).toString(), name + u" header"_s);
                }
            }
        }
        if (auto *mainWindow = qobject_cast<QMainWindow *>(window))
            menus(mainWindow->menuBar()->actions(), where + u" menu"_s);
    }

    // A text the user reads elsewhere (a question, a button of a question).
    void text(const QString &shown, const QString &where)
    {
        QString rest = shown;
        // Names code puts into texts, addresses, paths, and what a text
        // quotes (“…”, "…"): the user's words, possibly cut.
        static const QRegularExpression notWords(u"\\{[a-z]+\\}|\\b[a-z]+://\\S*|/\\S+|“[^”]*”|\"[^\"]*\""_s);
        rest.remove(notWords);
        for (const QString &word : wordsOf(rest)) {
            if (!m_userWords.contains(word)) {
                m_problems << u"%1: \"%2\" is not translated (\"%3\")"_s.arg(where, shown, word);
                return;
            }
        }
    }

    QStringList problems() const { return m_problems; }

private:
    static QString describe(const QWidget *widget)
    {
        QString name = QString::fromLatin1(widget->metaObject()->className());
        if (!widget->objectName().isEmpty())
            name += u" "_s + widget->objectName();
        return name;
    }

    static bool isStandardButton(QAbstractButton *button)
    {
        const auto *box = qobject_cast<QDialogButtonBox *>(button->parentWidget());
        return box && box->standardButton(button) != QDialogButtonBox::NoButton;
    }

    void fits(QWidget *widget, const QString &name, bool wraps = false) { m_problems << WidgetFit::tooSmall(widget, name, wraps); }

    void menus(const QList<QAction *> &actions, const QString &where)
    {
        for (QAction *action : actions) {
            if (action->isSeparator() || !action->isVisible())
                continue;
            text(action->text(), where + u" › "_s + action->text());
            if (action->menu())
                menus(action->menu()->actions(), where + u" › "_s + action->text());
        }
    }

    QSet<QString> m_userWords;
    QStringList m_problems;
};

} // namespace

class TestTranslations : public QObject, private WindowTestFixture
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void pseudoTranslationIsTheSystemLocales();
    void commandLineSpeaksTheSystemLocale();
    void everyPluralHasItsEnglishForms();
    void mainWindowFitsAndIsTranslated();
    void everyDialogFitsAndIsTranslated();

private:
    // Opens the sample library with its first person, an editor.
    void openDesk(MainWindow &window);
    // The user's and the story's words, and the locale's own (month names).
    QSet<QString> userWords(MainWindow &window) const;
    void check(QWidget *window, const QString &where, const QSet<QString> &words);

    QString m_loaded;
};

void TestTranslations::initTestCase()
{
    setUpSettings();
    // main() set LANGUAGE=en_XA, as a user of the pseudo-translation does.
    m_loaded = Translations::install();
}

void TestTranslations::init()
{
    startFresh();
}

void TestTranslations::pseudoTranslationIsTheSystemLocales()
{
    QCOMPARE(m_loaded, u"en_XA"_s);
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    QMenu *file = window.menuBar()->actions().constFirst()->menu();
    QVERIFY(file);
    // "&File", accented, bracketed and longer, its accelerator kept.
    QCOMPARE(file->title(), u"[&Fîļé~~]"_s);
}

void TestTranslations::commandLineSpeaksTheSystemLocale()
{
    QProcess newsdesk;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"LANGUAGE"_s, u"en_XA"_s);
    newsdesk.setProcessEnvironment(environment);
    newsdesk.start(QStringLiteral(NEWSDESK_BINARY), {u"virin"_s, u"250306-D-PM193-126"_s});
    QVERIFY(newsdesk.waitForFinished(30000));
    const QString pseudo = QString::fromUtf8(newsdesk.readAllStandardOutput());
    QVERIFY2(pseudo.contains(u"[Ţĥé šéǫûéñçé 126 ĥåš 3 đîĝîţš"_s), qPrintable(pseudo));

    environment.remove(u"LANGUAGE"_s);
    environment.insert(u"LC_ALL"_s, u"C"_s);
    newsdesk.setProcessEnvironment(environment);
    newsdesk.start(QStringLiteral(NEWSDESK_BINARY), {u"virin"_s, u"250306-D-PM193-126"_s});
    QVERIFY(newsdesk.waitForFinished(30000));
    const QString english = QString::fromUtf8(newsdesk.readAllStandardOutput());
    QVERIFY2(english.contains(u"The sequence 126 has 3 digits"_s), qPrintable(english));
}

// Every text with %n that lupdate finds in the sources (this build's
// extraction) has both English forms in newsdesk_en.ts: otherwise English
// users read "1 photo(s)".
void TestTranslations::everyPluralHasItsEnglishForms()
{
    QTranslator english;
    QVERIFY(english.load(u":/i18n/newsdesk_en.qm"_s));
    QFile extracted(QStringLiteral(NEWSDESK_SOURCE_TS));
    QVERIFY2(extracted.open(QIODevice::ReadOnly), qPrintable(extracted.fileName()));
    QXmlStreamReader ts(&extracted);
    QString context;
    int plurals = 0;
    QStringList missing;
    while (ts.readNextStartElement() || !ts.atEnd()) {
        if (!ts.isStartElement())
            continue;
        if (ts.name() == u"name") {
            context = ts.readElementText();
        } else if (ts.name() == u"message") {
            const bool numerus = ts.attributes().value(u"numerus"_s) == u"yes";
            while (ts.readNextStartElement()) {
                if (ts.name() != u"source") {
                    ts.skipCurrentElement();
                    continue;
                }
                const QString source = ts.readElementText();
                if (!numerus)
                    continue;
                ++plurals;
                const QByteArray key = source.toUtf8();
                const QByteArray contextKey = context.toUtf8();
                const QString one = english.translate(contextKey.constData(), key.constData(), nullptr, 1);
                const QString two = english.translate(contextKey.constData(), key.constData(), nullptr, 2);
                if (one.isEmpty() || two.isEmpty() || one.contains(u"(s)"_s) || two.contains(u"(s)"_s))
                    missing << context + u": "_s + source;
            }
        }
    }
    QVERIFY(!ts.hasError());
    QVERIFY(plurals >= 10);
    QVERIFY2(missing.isEmpty(), qPrintable(u"run update_translations and give the English forms in "
                                           "resources/translations/newsdesk_en.ts:\n"_s + missing.join(u'\n')));
}

void TestTranslations::openDesk(MainWindow &window)
{
    QVERIFY2(window.openLibrary(libraryPath()), qPrintable(window.errorString()));
    QVERIFY(window.workflow()->addPerson(Person{.name = u"Eve Editor"_s, .title = u"Managing Editor"_s}));
    window.resize(1366, 768);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
}

QSet<QString> TestTranslations::userWords(MainWindow &window) const
{
    QString texts = libraryPath() + u" Newsdesk Qt Eve Editor Managing "_s + QString::fromLatin1(qVersion());
    // The account running the test made the sample story: its revisions say so.
    if (const passwd *account = getpwuid(getuid()))
        texts += u' ' + QString::fromLocal8Bit(account->pw_name);
    // IPTC's names of its fields ("By-line", "Object Name") are the
    // standard's, which photo desks use untranslated.
    for (const IimField &field : IptcLimits::fields())
        texts += u' ' + field.name;
    // The combatant commands' names (Command Shown) are the DoD's own.
    texts += u' ' + combatantCommands().join(u' ');
    StoryRepository stories(window.library());
    const std::optional<Story> story = stories.load(window.currentStoryId());
    if (story)
        texts += StoryMarkdown::dump(*story, PhotoRepository(window.library()).photosOfStory(story->id));
    const QLocale locale;
    for (int i = 1; i <= 12; ++i)
        texts += u' ' + locale.monthName(i) + u' ' + locale.monthName(i, QLocale::ShortFormat);
    for (int i = 1; i <= 7; ++i)
        texts += u' ' + locale.dayName(i) + u' ' + locale.dayName(i, QLocale::ShortFormat);
    texts += u' ' + locale.amText() + u' ' + locale.pmText();
    return wordsOf(texts);
}

void TestTranslations::check(QWidget *window, const QString &where, const QSet<QString> &words)
{
    Inspector inspector(words);
    inspector.inspect(window, where);
    QVERIFY2(inspector.problems().isEmpty(), qPrintable(inspector.problems().join(u'\n')));
}

void TestTranslations::mainWindowFitsAndIsTranslated()
{
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    openDesk(window);
    const QSet<QString> words = userWords(window);
    // The story's counts come 300 ms after it opens.
    auto *stats = window.findChild<QLabel *>(u"storyStats"_s);
    QVERIFY(stats);
    QTRY_VERIFY(!stats->text().isEmpty());
    check(&window, u"main window"_s, words);
    if (QTest::currentTestFailed())
        return;

    // With the find and replace bar open.
    window.findChild<QAction *>(u"actionReplace"_s)->trigger();
    QTRY_VERIFY(window.findReplaceBar()->isVisible());
    check(&window, u"main window with find and replace"_s, words);
}

void TestTranslations::everyDialogFitsAndIsTranslated()
{
    ScriptedPrompter prompter;
    MainWindow window(&prompter);
    openDesk(window);
    const QSet<QString> words = userWords(window);

    QStringList opened;
    QStringList problems;
    const auto inspectDialog = [&](QDialog *dialog) {
        dialog->show();
        if (QTest::qWaitForWindowExposed(dialog)) {
            Inspector inspector(words);
            inspector.inspect(dialog, dialog->objectName());
            // Every page of a tabbed dialog, not only the one it opens on.
            for (QTabWidget *tabs : dialog->findChildren<QTabWidget *>()) {
                for (int page = 0; page < tabs->count(); ++page) {
                    if (!tabs->isTabEnabled(page) || page == tabs->currentIndex())
                        continue;
                    tabs->setCurrentIndex(page);
                    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
                    inspector.inspect(dialog, dialog->objectName() + u" › "_s + tabs->tabText(page));
                }
            }
            problems << inspector.problems();
            opened << dialog->objectName();
        }
        dialog->reject();
        return int(QDialog::Rejected);
    };
    const QStringList dialogs = {u"identityDialog"_s, u"openLibraryDialog"_s, u"preferencesDialog"_s, u"exportDialog"_s,
                                 u"historyDialog"_s,  u"changesDialog"_s,     u"embargoDialog"_s,    u"glossaryDialog"_s,
                                 u"mediaArchiveDialog"_s, u"captionReviewDialog"_s};
    for (const QString &name : dialogs)
        prompter.dialogs.insert(name, inspectDialog);

    // Who is working: the dialog a new library's first start shows.
    {
        ScriptedPrompter firstStart;
        firstStart.dialogs.insert(u"identityDialog"_s, inspectDialog);
        MainWindow fresh(&firstStart);
        QVERIFY(fresh.openLibrary(filePath(u"fresh.newsdesk"_s)));
        fresh.show();
        QTRY_COMPARE(firstStart.count(u"run"_s), 1);
    }
    for (const char *action : {"actionOpenLibrary", "actionPreferences", "actionExport", "actionStoryHistory",
                               "actionChangesSinceApproval", "actionEmbargo", "actionGlossary",
                               "actionMediaArchive", "actionReviewCaptions"}) {
        QAction *trigger = window.findChild<QAction *>(QString::fromLatin1(action));
        QVERIFY2(trigger && trigger->isEnabled(), action);
        trigger->trigger();
    }
    // A team library's password, asked when its server wants one.
    {
        PasswordDialog password(u"postgresql://db.example.mil/newsroom"_s, u"jgaramone"_s, QString(), &window);
        inspectDialog(&password);
    }
    QCOMPARE(opened, dialogs + QStringList{u"passwordDialog"_s});
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));

    // The About box, a QMessageBox of its own.
    bool aboutSeen = false;
    QTimer::singleShot(0, &window, [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        Inspector inspector(words);
        inspector.inspect(box, u"about"_s);
        problems << inspector.problems();
        aboutSeen = true;
        box->accept();
    });
    window.findChild<QAction *>(u"actionAbout"_s)->trigger();
    QVERIFY(aboutSeen);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));

    // Questions (the Prompter's): their titles, messages and buttons.
    window.findChild<QAction *>(u"actionDeleteStory"_s)->trigger();
    Inspector questions(words);
    for (const ScriptedPrompter::Asked &asked : std::as_const(prompter.asked)) {
        if (asked.kind == u"run"_s)
            continue;
        questions.text(asked.title, asked.kind + u" title"_s);
        questions.text(asked.message, asked.kind + u" "_s + asked.title);
        for (const Prompter::Button &button : asked.buttons)
            questions.text(button.label, asked.kind + u" "_s + asked.title + u" button"_s);
    }
    QVERIFY(prompter.count(u"choose"_s) >= 1);
    QVERIFY2(questions.problems().isEmpty(), qPrintable(questions.problems().join(u'\n')));
}

int main(int argc, char **argv)
{
    // The pseudo-translation, chosen as users choose a language.
    qputenv("LANGUAGE", "en_XA");
    qputenv("LANG", "en_US.UTF-8");
    qunsetenv("LC_ALL");
    qunsetenv("LC_MESSAGES");
    // A laptop's 1366×768 screen rather than offscreen's 800×600: a dialog
    // opens at its size hint, up to two thirds of the screen.
    WidgetFit::OffscreenScreen screen(argc, argv, QSize(1366, 768));
    QApplication app(argc, argv);
    if (!screen.check())
        return 1;
    TestTranslations test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_translations.moc"
