// SPDX-License-Identifier: MIT
// The window's story list as the user sees it: search as you type, and under
// each headline the passage that matched or the story's status.
#include "library.h"
#include "storylistdelegate.h"
#include "storylistmodel.h"
#include "storylistpanel.h"
#include "storyrepository.h"

#include <QApplication>
#include <QComboBox>
#include <QHelpEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QToolTip>

using namespace Qt::StringLiterals;

class TestStoryListPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void searchShowsThePassageUnderEachHeadline();
    void withoutSearchRowsShowStatusAndWho();
    void emptyListSaysWhy();
    void tooltipShowsMarkupAsTyped();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Library> m_library;
};

void TestStoryListPanel::init()
{
    m_library = std::make_unique<Library>();
    QVERIFY(m_library->open(m_dir.filePath(u"lib-%1.newsdesk"_s.arg(QLatin1StringView(QTest::currentTestFunction())))));
    m_library->setActor(u"Jim Garamone"_s);
    StoryRepository repository(m_library.get());
    QVERIFY(repository.create(Story{.headline = u"Readiness review"_s, .body = u"The fleet's readiness improved."_s}));
    QVERIFY(repository.create(Story{.headline = u"Budget talks"_s, .body = u"Congress met on the budget."_s}));
}

void TestStoryListPanel::searchShowsThePassageUnderEachHeadline()
{
    StoryListModel model(m_library.get());
    StoryListPanel panel(&model);
    panel.resize(320, 400);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTest::keyClicks(panel.searchField(), u"readiness"_s);
    QTRY_COMPARE(panel.view()->model()->rowCount(), 1);
    const QModelIndex first = panel.view()->model()->index(0, 0);
    QCOMPARE(first.data().toString(), u"Readiness review"_s);
    const QString detail = StoryListDelegate::detailHtml(first);
    QVERIFY2(detail.contains(u"fleet's <b>readiness</b> improved"_s), qPrintable(detail));

    // Room for the headline and two lines of passage.
    const int rowHeight = panel.view()->visualRect(first).height();
    QVERIFY2(rowHeight >= 3 * panel.view()->fontMetrics().height(), qPrintable(QString::number(rowHeight)));
}

void TestStoryListPanel::withoutSearchRowsShowStatusAndWho()
{
    StoryListModel model(m_library.get());
    StoryListPanel panel(&model);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTRY_COMPARE(panel.view()->model()->rowCount(), 2);
    const QString detail = StoryListDelegate::detailHtml(panel.view()->model()->index(0, 0));
    QVERIFY2(detail.startsWith(u"Draft · "_s), qPrintable(detail));
    QVERIFY2(detail.endsWith(u" · Jim Garamone"_s), qPrintable(detail));
    // Markup in a headline or name is shown, not obeyed.
    StoryRepository(m_library.get()).create(Story{.headline = u"<i>x</i>"_s});
    m_library->setActor(u"<b>Ed</b>"_s);
    StoryRepository(m_library.get()).create(Story{.headline = u"Tagged"_s});
    QTRY_COMPARE(panel.view()->model()->rowCount(), 4);
    QVERIFY(StoryListDelegate::detailHtml(panel.view()->model()->index(0, 0)).endsWith(u"&lt;b&gt;Ed&lt;/b&gt;"_s));
}

void TestStoryListPanel::emptyListSaysWhy()
{
    StoryListModel model(m_library.get());
    StoryListPanel panel(&model);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTRY_COMPARE(panel.view()->model()->rowCount(), 2);
    QVERIFY(panel.view()->isVisible());
    QVERIFY(!panel.emptyNote()->isVisible());

    QTest::keyClicks(panel.searchField(), u"zeppelin"_s);
    QTRY_VERIFY(panel.emptyNote()->isVisible());
    QVERIFY(!panel.view()->isVisible());
    QCOMPARE(panel.emptyNote()->text(), u"No story matches “zeppelin”."_s);
    panel.searchField()->clear();
    QTest::keyClicks(panel.searchField(), u"the"_s);
    QTRY_COMPARE(panel.emptyNote()->text(), u"“the” is too common to search for. Add a less common word."_s);
    QVERIFY(panel.emptyNote()->isVisible());

    panel.searchField()->clear();
    QTRY_VERIFY(panel.view()->isVisible());
    QVERIFY(!panel.emptyNote()->isVisible());
    panel.statusFilter()->setCurrentIndex(panel.statusFilter()->findText(u"Published"_s));
    QTRY_VERIFY(panel.emptyNote()->isVisible());
    QCOMPARE(panel.emptyNote()->text(), u"No story is published."_s);
}

// Issue 11, finding 9: a tooltip that looks like markup is shown as rich
// text, so a headline "<img src=/path>" loaded a local file into it.
void TestStoryListPanel::tooltipShowsMarkupAsTyped()
{
    const QString headline = u"<img src=\"/etc/hostname\"> <b>Bold</b> & more"_s;
    StoryRepository(m_library.get()).create(Story{.headline = headline});
    StoryListModel model(m_library.get());
    StoryListPanel panel(&model);
    panel.resize(320, 400);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QTRY_COMPARE(panel.view()->model()->rowCount(), 3);
    QModelIndex row;
    for (int i = 0; i < 3; ++i) {
        if (panel.view()->model()->index(i, 0).data().toString() == headline)
            row = panel.view()->model()->index(i, 0);
    }
    QVERIFY(row.isValid());

    // Hover the row as a user would; the view shows the tooltip.
    QWidget *viewport = panel.view()->viewport();
    const QPoint position = panel.view()->visualRect(row).center();
    QHelpEvent event(QEvent::ToolTip, position, viewport->mapToGlobal(position));
    QApplication::sendEvent(viewport, &event);
    QLabel *tip = nullptr;
    QTRY_VERIFY((tip = [] {
        for (QWidget *widget : QApplication::topLevelWidgets()) {
            if (widget->objectName() == u"qtooltip_label"_s && widget->isVisible())
                return qobject_cast<QLabel *>(widget);
        }
        return static_cast<QLabel *>(nullptr);
    }()));
    // What the label shows: its text, or the text of the document its markup makes.
    const bool rich = tip->textFormat() == Qt::RichText || (tip->textFormat() == Qt::AutoText && Qt::mightBeRichText(tip->text()));
    QString shown = tip->text();
    if (rich) {
        QTextDocument document;
        document.setHtml(tip->text());
        shown = document.toPlainText();
    }
    QVERIFY2(shown.startsWith(headline + u'\n'), qPrintable(shown));
    QVERIFY2(shown.contains(u"Draft · updated"_s), qPrintable(shown));
    QToolTip::hideText();
}

QTEST_MAIN(TestStoryListPanel)
#include "tst_storylistpanel.moc"
