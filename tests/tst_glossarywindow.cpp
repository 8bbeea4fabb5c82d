// SPDX-License-Identifier: MIT
// The glossary in the window (issue 15): codes expand as one types in the
// body and the photo form, one undo step each; glossary words are spelled
// right; the Glossary dialog adds, changes, deletes (and undoes a deletion)
// and says what it refuses without losing what was typed.
#include "codeexpander.h"
#include "editorpane.h"
#include "glossary.h"
#include "glossarydialog.h"
#include "library.h"
#include "mainwindow.h"
#include "markdowneditor.h"
#include "mediapanel.h"
#include "people.h"
#include "photoform.h"
#include "quotespanel.h"
#include "scriptedprompter.h"
#include "spellchecker.h"
#include "windowtestfixture.h"
#include "workflow.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QString caine = u"Chairman of the Joint Chiefs of Staff Gen. Dan Caine"_s;
}

class TestGlossaryWindow : public QObject, private WindowTestFixture
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void codeExpandsInALineAndUndoGivesItBack();
    void codeExpandsInTheBodyAsOneUndoStep();
    void pastedCodeStaysAsItIs();
    void codeExpandsInTheCaption();
    void glossaryWordsAreSpelledRightAndNameSpeakers();
    void dialogAddsSearchesChangesAndDeletes();
    void dialogSaysWhatItRefusesAndKeepsTheText();
    void writerIsToldWhyTheyCannotChangeAnEntry();

private:
    std::unique_ptr<ScriptedPrompter> m_prompter;
    std::unique_ptr<MainWindow> m_window;
};

void TestGlossaryWindow::initTestCase()
{
    setUpSettings();
}

void TestGlossaryWindow::init()
{
    startFresh();
    m_prompter = std::make_unique<ScriptedPrompter>();
    m_window = std::make_unique<MainWindow>(m_prompter.get());
    QVERIFY(m_window->openLibrary(libraryPath()));
    PeopleRepository people(m_window->library());
    QVERIFY2(people.add(Person{.name = u"Eve Editor"_s}), qPrintable(people.errorString())); // the first: an editor
    m_window->library()->setActor(u"Eve Editor"_s);
    GlossaryRepository glossary(m_window->library());
    QVERIFY2(glossary.add(u"cjcs"_s, caine), qPrintable(glossary.errorString()));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    // The window reads the glossary as a story opens.
    QVERIFY(m_window->openStory(m_window->currentStoryId()));
    QTRY_VERIFY(m_window->codeExpander()->codes().contains(u"cjcs"_s));
}

void TestGlossaryWindow::cleanup()
{
    m_window.reset();
    m_prompter.reset();
}

void TestGlossaryWindow::codeExpandsInALineAndUndoGivesItBack()
{
    QLineEdit field;
    CodeExpander expander;
    expander.setCodes({{u"cjcs"_s, caine}});
    expander.attach(&field);
    field.show();
    QVERIFY(QTest::qWaitForWindowExposed(&field));
    QTest::keyClicks(&field, u"Shown: =cjcs="_s);
    QCOMPARE(field.text(), u"Shown: "_s + caine);
    QTest::keyClicks(&field, u" speaks"_s);
    QCOMPARE(field.text(), u"Shown: "_s + caine + u" speaks"_s);
    field.undo(); // the typing after it
    QCOMPARE(field.text(), u"Shown: "_s + caine);
    field.undo(); // the expansion: the code is back, as typed
    QCOMPARE(field.text(), u"Shown: =cjcs="_s);
    // An unknown code stays.
    field.clear();
    QTest::keyClicks(&field, u"=nope="_s);
    QCOMPARE(field.text(), u"=nope="_s);
}

void TestGlossaryWindow::codeExpandsInTheBodyAsOneUndoStep()
{
    MarkdownEditor *body = m_window->editor()->bodyEditor();
    const QString before = body->toPlainText();
    typeAtEnd(body, u" With =cjcs="_s);
    QCOMPARE(body->toPlainText(), before + u" With "_s + caine);
    QTest::keyClick(body, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(body->toPlainText(), before + u" With =cjcs="_s);
    QTest::keyClick(body, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(body->toPlainText(), before + u" With "_s + caine);
}

void TestGlossaryWindow::pastedCodeStaysAsItIs()
{
    MarkdownEditor *body = m_window->editor()->bodyEditor();
    body->moveCursor(QTextCursor::End);
    body->insertPlainText(u" =cjcs="_s);
    QVERIFY(body->toPlainText().endsWith(u" =cjcs="_s));
}

void TestGlossaryWindow::codeExpandsInTheCaption()
{
    PhotoForm *form = m_window->mediaPanel()->form();
    QTRY_VERIFY(form->hasPhoto());
    auto *caption = qobject_cast<QPlainTextEdit *>(form->field(u"caption"_s));
    QVERIFY(caption);
    caption->selectAll();
    QTest::keyClick(caption, Qt::Key_Backspace);
    typeAtEnd(caption, u"=cjcs= speaks."_s);
    QCOMPARE(caption->toPlainText(), caine + u" speaks."_s);
    auto *credit = qobject_cast<QLineEdit *>(form->field(u"credit"_s));
    credit->clear();
    QTest::keyClicks(credit, u"=cjcs="_s);
    QCOMPARE(credit->text(), caine);
    QTest::keyClick(credit, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(credit->text(), u"=cjcs="_s);
}

void TestGlossaryWindow::glossaryWordsAreSpelledRightAndNameSpeakers()
{
    SpellChecker *spelling = m_window->editor()->bodyEditor()->spellChecker();
    if (!spelling->isValid())
        QFAIL("no en_US dictionary for Sonnet: the build root installs one (dev's package list)");
    QVERIFY(spelling->isMisspelled(u"Zorblatt"_s));
    QVERIFY(GlossaryRepository(m_window->library()).add(QString(), u"Ens. Zorblatt"_s));
    // Through the dialog's signal, as a change there reaches the window.
    m_prompter->dialogs.insert(u"glossaryDialog"_s, [](QDialog *shown) {
        Q_EMIT static_cast<GlossaryDialog *>(shown)->glossaryChanged();
        return int(QDialog::Rejected);
    });
    m_window->findChild<QAction *>(u"actionGlossary"_s)->trigger();
    QVERIFY(!spelling->isMisspelled(u"Zorblatt"_s));
    QVERIFY(!spelling->isMisspelled(u"Zorblatt's"_s));

    // The quote panel names the speaker as the glossary has them.
    MarkdownEditor *body = m_window->editor()->bodyEditor();
    body->setPlainText(u"\"We are ready,\" Caine said."_s);
    m_window->editor()->analyzeNow();
    const Quotes::Analysis &analysis = m_window->editor()->quotesPanel()->analysis();
    QCOMPARE(analysis.speakers.size(), 1);
    QCOMPARE(analysis.speakers.constFirst().fullName, u"Dan Caine"_s);
}

void TestGlossaryWindow::dialogAddsSearchesChangesAndDeletes()
{
    GlossaryDialog dialog(m_window->library());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QSignalSpy changed(&dialog, &GlossaryDialog::glossaryChanged);
    QCOMPARE(dialog.shownEntries().size(), 1);

    QTest::keyClicks(dialog.codeField(), u"secdef"_s);
    QTest::keyClicks(dialog.textField(), u"Defense Secretary Pete Hegseth"_s);
    QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(dialog.shownEntries().size(), 2);
    QVERIFY(!dialog.messageLabel()->property("error").toBool());

    QTest::keyClicks(dialog.searchField(), u"hegs"_s);
    QCOMPARE(dialog.shownEntries().size(), 1);
    QCOMPARE(dialog.shownEntries().constFirst().code, u"secdef"_s);
    dialog.searchField()->clear();

    // Change: select, edit the text, save.
    qint64 secdef = 0;
    for (const GlossaryEntry &entry : dialog.shownEntries()) {
        if (entry.code == u"secdef"_s)
            secdef = entry.id;
    }
    QVERIFY(secdef);
    dialog.selectEntry(secdef);
    QCOMPARE(dialog.textField()->text(), u"Defense Secretary Pete Hegseth"_s);
    dialog.textField()->selectAll();
    QTest::keyClicks(dialog.textField(), u"Secretary of Defense Pete Hegseth"_s);
    QTest::mouseClick(dialog.saveButton(), Qt::LeftButton);
    QVERIFY2(!dialog.messageLabel()->property("error").toBool(), qPrintable(dialog.messageLabel()->text()));
    QCOMPARE(Glossary::codes(*GlossaryRepository(m_window->library()).entries()).value(u"secdef"_s),
             u"Secretary of Defense Pete Hegseth"_s);

    // Delete from the keyboard, and Ctrl+Z brings it back.
    dialog.selectEntry(secdef);
    dialog.table()->setFocus();
    QTest::keyClick(dialog.table(), Qt::Key_Delete);
    QVERIFY(!Glossary::codes(*GlossaryRepository(m_window->library()).entries()).contains(u"secdef"_s));
    QVERIFY(dialog.undoDeleteButton()->isEnabled());
    QTest::keyClick(dialog.table(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(Glossary::codes(*GlossaryRepository(m_window->library()).entries()).value(u"secdef"_s),
             u"Secretary of Defense Pete Hegseth"_s);
    QVERIFY(!dialog.undoDeleteButton()->isEnabled());
    QCOMPARE(changed.size(), 4);
}

void TestGlossaryWindow::dialogSaysWhatItRefusesAndKeepsTheText()
{
    GlossaryDialog dialog(m_window->library());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QString hostile = u"Gen. Dan \u202eeniaC"_s;
    dialog.codeField()->setText(u"caine"_s);
    dialog.textField()->setText(hostile);
    QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
    QVERIFY(dialog.messageLabel()->property("error").toBool());
    QVERIFY2(dialog.messageLabel()->text().contains(u"U+202E"_s), qPrintable(dialog.messageLabel()->text()));
    QCOMPARE(dialog.textField()->text(), hostile); // kept, to fix
    QCOMPARE(dialog.shownEntries().size(), 1);

    dialog.codeField()->setText(u"cjcs"_s);
    dialog.textField()->setText(u"Someone else"_s);
    QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
    QVERIFY2(dialog.messageLabel()->text().contains(caine), qPrintable(dialog.messageLabel()->text()));
    QCOMPARE(dialog.textField()->text(), u"Someone else"_s);
}

void TestGlossaryWindow::writerIsToldWhyTheyCannotChangeAnEntry()
{
    PeopleRepository people(m_window->library());
    QVERIFY2(people.add(Person{.name = u"Walt Writer"_s, .role = PersonRole::Writer}), qPrintable(people.errorString()));
    m_window->library()->setActor(u"Walt Writer"_s);
    GlossaryDialog dialog(m_window->library());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.selectEntry(dialog.shownEntries().constFirst().id);
    QTest::mouseClick(dialog.deleteButton(), Qt::LeftButton);
    QCOMPARE(dialog.messageLabel()->text(), Workflow::checkGlossaryChange(PersonRole::Writer).reason);
    QCOMPARE(dialog.shownEntries().size(), 1);
    // Adding is theirs.
    dialog.codeField()->clear();
    dialog.textField()->setText(u"Yokosuka"_s);
    QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
    QVERIFY2(!dialog.messageLabel()->property("error").toBool(), qPrintable(dialog.messageLabel()->text()));
    QCOMPARE(dialog.shownEntries().size(), 2);
}

QTEST_MAIN(TestGlossaryWindow)
#include "tst_glossarywindow.moc"
