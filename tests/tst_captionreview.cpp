// SPDX-License-Identifier: MIT
// Review ▸ Review Captions… on real widgets, offscreen: every caption waiting
// for a decision, decided from the keyboard one after the other, with the
// caption checker's findings and what changed since the last decision. On
// both engines (tests/testlibraries.h): on a team library the writer works
// at a desk of their own, as their login, the dialog hears of their changes
// from the server, and the server refuses them a decision.
#include "captionchecker.h"
#include "captionreviewdialog.h"
#include "library.h"
#include "people.h"
#include "photorepository.h"
#include "scriptedprompter.h"
#include "storyrepository.h"
#include "testlibraries.h"
#include "workflow.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextBrowser>
#include <QThreadPool>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestCaptionReview : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void keyboardDecisionsMoveOnAndAreStored();
    void showsTheCaptionChangedSinceAVoidedDecision();
    void aCaptionChangedWhileShownIsNotApprovedUnseen();
    void showsTheFindings();
    void aWriterCannotDecide();
    void saysSoWhenNothingWaits();
    void showsThePublishedImageNotTheStoredThumbnail();
    void decidesOnlyWithThePhotoOnScreen();

private:
    // A photo of the story with caption, pending; 0 on failure.
    qint64 addPhoto(const QString &virin, const QString &caption);
    // Shows dialog, active, so its keys reach it.
    static bool showActive(QDialog &dialog);
    static void press(QDialog &dialog, Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier);
    // Waits until the current caption's photo is on screen (or known not to
    // show): only then may it be decided on.
    static bool photoOnScreen(CaptionReviewDialog &dialog);
    static QByteArray png(Qt::GlobalColor colour);
    CaptionApproval approvalOf(qint64 id);
    // Walt Writer's desk: on a team library a library of its own, connected
    // as his login (another desk: the server tells the editor's of his
    // changes); on a file the editor's library acting as him until
    // editorsTurn().
    Library *writersDesk();
    void editorsTurn();

    // Declared first: the libraries go before the databases they are on.
    std::unique_ptr<TestLibraries> m_libraries;
    std::unique_ptr<Library> m_library;
    std::unique_ptr<Library> m_writer;
    qint64 m_storyId = 0;
};

void TestCaptionReview::init()
{
    m_writer.reset();
    m_library.reset();
    m_libraries = std::make_unique<TestLibraries>();
    m_library = std::make_unique<Library>();
    QVERIFY2(m_libraries->open(*m_library, u"Eve Editor"_s, PersonRole::Editor), qPrintable(m_libraries->errorString()));
    QVERIFY2(m_libraries->addPerson(*m_library, u"Walt Writer"_s, PersonRole::Writer), qPrintable(m_libraries->errorString()));
    QCOMPARE(m_library->actor(), u"Eve Editor"_s);
    const std::optional<Story> story =
        StoryRepository(m_library.get()).create(Story{.headline = u"Sailors return"_s, .body = u"They returned."_s});
    QVERIFY(story);
    m_storyId = story->id;
}

qint64 TestCaptionReview::addPhoto(const QString &virin, const QString &caption)
{
    PhotoRepository photos(m_library.get());
    const std::optional<Photo> photo =
        photos.add(Photo{.virin = virin, .caption = caption, .altText = u"Sailors on a pier."_s,
                         .credit = u"U.S. Navy"_s, .dateShot = QDate(2025, 3, 6)},
                   QByteArray("png bytes ") + virin.toUtf8(), u"image/png"_s, QSize(1, 1), {});
    if (!photo || !photos.attach(m_storyId, photo->id))
        return 0;
    return photo->id;
}

Library *TestCaptionReview::writersDesk()
{
    if (!TestLibraries::onPostgres()) {
        m_library->setActor(u"Walt Writer"_s);
        return m_library.get();
    }
    if (!m_writer) {
        m_writer = std::make_unique<Library>();
        if (!m_libraries->openAgain(*m_writer, u"Walt Writer"_s, PersonRole::Writer)) {
            qWarning("%s", qPrintable(m_libraries->errorString()));
            m_writer.reset();
            return nullptr;
        }
    }
    return m_writer.get();
}

void TestCaptionReview::editorsTurn()
{
    if (!TestLibraries::onPostgres())
        m_library->setActor(u"Eve Editor"_s);
}

bool TestCaptionReview::showActive(QDialog &dialog)
{
    dialog.show();
    dialog.activateWindow();
    return QTest::qWaitForWindowActive(&dialog);
}

void TestCaptionReview::press(QDialog &dialog, Qt::Key key, Qt::KeyboardModifiers modifiers)
{
    QWidget *focus = QApplication::focusWidget();
    QTest::keyClick(focus && focus->window() == &dialog ? focus : static_cast<QWidget *>(&dialog), key, modifiers);
}

bool TestCaptionReview::photoOnScreen(CaptionReviewDialog &dialog)
{
    return QTest::qWaitFor([&] { return dialog.approveAction()->isEnabled(); }, 5000);
}

QByteArray TestCaptionReview::png(Qt::GlobalColor colour)
{
    QImage image(64, 48, QImage::Format_RGB32);
    image.fill(colour);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

CaptionApproval TestCaptionReview::approvalOf(qint64 id)
{
    const std::optional<Photo> photo = PhotoRepository(m_library.get()).load(id);
    return photo ? photo->approval : CaptionApproval::Pending;
}

void TestCaptionReview::keyboardDecisionsMoveOnAndAreStored()
{
    const QString caption = u"NORFOLK, Va. (March 6, 2025) Sailors return. (U.S. Navy photo by Jo Smith)"_s;
    const qint64 first = addPhoto(u"250306-N-AB123-1001"_s, caption);
    const qint64 second = addPhoto(u"250306-N-AB123-1002"_s, caption);
    const qint64 third = addPhoto(u"250306-N-AB123-1003"_s, caption);
    QVERIFY(first && second && third);
    ScriptedPrompter prompter;
    CaptionReviewDialog dialog(m_library.get(), prompter);
    QVERIFY(showActive(dialog));
    QCOMPARE(dialog.photoIds(), (QList<qint64>{first, second, third}));
    QCOMPARE(dialog.currentPhotoId(), first);

    // Next and previous: J / K and Alt+Down / Alt+Up.
    press(dialog, Qt::Key_J);
    QCOMPARE(dialog.currentPhotoId(), second);
    press(dialog, Qt::Key_K);
    QCOMPARE(dialog.currentPhotoId(), first);
    press(dialog, Qt::Key_Down, Qt::AltModifier);
    QCOMPARE(dialog.currentPhotoId(), second);
    press(dialog, Qt::Key_Up, Qt::AltModifier);
    QCOMPARE(dialog.currentPhotoId(), first);

    // Approve the middle one: stored, and on to the one after it by itself.
    press(dialog, Qt::Key_J);
    QCOMPARE(dialog.currentPhotoId(), second);
    QVERIFY(photoOnScreen(dialog));
    press(dialog, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(approvalOf(second), CaptionApproval::Approved);
    QCOMPARE(approvalOf(first), CaptionApproval::Pending);
    QCOMPARE(dialog.photoIds(), (QList<qint64>{first, third}));
    QCOMPARE(dialog.currentPhotoId(), third);

    // Request changes on the first: the comment is asked for and stored with
    // the decision; the caption now waits for its writer, not in this list.
    press(dialog, Qt::Key_K);
    QCOMPARE(dialog.currentPhotoId(), first);
    QVERIFY(photoOnScreen(dialog));
    prompter.texts << u"Spell out the ship's name."_s;
    press(dialog, Qt::Key_Return, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(prompter.count(u"askText"_s), 1);
    QCOMPARE(approvalOf(first), CaptionApproval::ChangesRequested);
    const QList<CaptionDecision> decisions = PhotoRepository(m_library.get()).captionDecisions(first);
    QCOMPARE(decisions.size(), 1);
    QCOMPARE(decisions.constFirst().comment, u"Spell out the ship's name."_s);
    QCOMPARE(decisions.constFirst().decidedBy, u"Eve Editor"_s);
    QCOMPARE(dialog.photoIds(), QList<qint64>{third});
    QCOMPARE(dialog.currentPhotoId(), third);

    // A cancelled comment decides nothing.
    QVERIFY(photoOnScreen(dialog));
    press(dialog, Qt::Key_Return, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(prompter.count(u"askText"_s), 2);
    QCOMPARE(approvalOf(third), CaptionApproval::Pending);
    QCOMPARE(dialog.currentPhotoId(), third);

    // The last one decided: nothing left, and the dialog says so.
    press(dialog, Qt::Key_Enter, Qt::ControlModifier);
    QCOMPARE(approvalOf(third), CaptionApproval::Approved);
    QVERIFY(dialog.photoIds().isEmpty());
    QCOMPARE(dialog.currentPhotoId(), 0);
    QVERIFY(dialog.shownText().contains(u"No captions are waiting for a decision."_s));
    QVERIFY(!dialog.approveAction()->isEnabled());
}

void TestCaptionReview::showsTheCaptionChangedSinceAVoidedDecision()
{
    const qint64 edited = addPhoto(u"250306-N-AB123-1001"_s,
                                   u"NORFOLK, Va. (March 6, 2025) Sailors return. (U.S. Navy photo by Jo Smith)"_s);
    const qint64 fresh = addPhoto(u"250306-N-AB123-1002"_s,
                                  u"NORFOLK, Va. (March 6, 2025) Sailors wave. (U.S. Navy photo by Jo Smith)"_s);
    QVERIFY(edited && fresh);
    PhotoRepository photos(m_library.get());
    std::optional<Photo> photo = photos.load(edited);
    QVERIFY(photo);
    QCOMPARE(photos.decideCaption(*photo, CaptionApproval::Approved), PhotoRepository::SaveResult::Saved);
    // The writer's edit voids the approval: the caption waits again.
    Library *walt = writersDesk();
    QVERIFY(walt);
    PhotoRepository waltsPhotos(walt);
    photo = waltsPhotos.load(edited);
    QVERIFY(photo);
    photo->caption = u"NORFOLK, Va. (March 6, 2025) Sailors disembark. (U.S. Navy photo by Jo Smith)"_s;
    QCOMPARE(waltsPhotos.save(*photo), PhotoRepository::SaveResult::Saved);
    editorsTurn();
    QCOMPARE(approvalOf(edited), CaptionApproval::Pending);

    ScriptedPrompter prompter;
    CaptionReviewDialog dialog(m_library.get(), prompter);
    QCOMPARE(dialog.currentPhotoId(), edited);
    const QString shown = dialog.shownText();
    QVERIFY2(shown.contains(u"Approved by Eve Editor"_s), qPrintable(shown));
    // The caption's word diff: the word the editor saw and the one written since.
    const auto *details = dialog.findChild<QTextBrowser *>(u"captionReviewDetails"_s);
    QVERIFY(details);
    const QString html = details->document()->toHtml();
    QVERIFY2(QRegularExpression(u"line-through[^>]*>return<"_s).match(html).hasMatch(), qPrintable(html));
    QVERIFY2(QRegularExpression(u"underline[^>]*>disembark<"_s).match(html).hasMatch(), qPrintable(html));
    // Only the caption changed.
    QVERIFY(shown.contains(u"Caption: NORFOLK"_s));
    QVERIFY(!shown.contains(u"Alt text: "_s));
    QVERIFY(!shown.contains(u"First review"_s));

    // A caption never decided is a first review.
    dialog.nextAction()->trigger();
    QCOMPARE(dialog.currentPhotoId(), fresh);
    QVERIFY(dialog.shownText().contains(u"First review"_s));
}

// A decision is about the caption on screen: when another desk changes the
// photo after it was shown, the list follows but the caption on screen
// stays; approving is refused (nothing stored), the editor is told, and the
// caption as it is now is shown; approving that works.
void TestCaptionReview::aCaptionChangedWhileShownIsNotApprovedUnseen()
{
    const qint64 id = addPhoto(u"250306-N-AB123-1001"_s, u"NORFOLK, Va. (March 6, 2025) Sailors return. (U.S. Navy photo by Jo Smith)"_s);
    QVERIFY(id);
    ScriptedPrompter prompter;
    CaptionReviewDialog dialog(m_library.get(), prompter);
    QVERIFY(showActive(dialog));
    QCOMPARE(dialog.currentPhotoId(), id);
    QVERIFY(!dialog.shownText().contains(u"disembark"_s));

    // The writer edits the caption meanwhile and a photo is added; the
    // library announces both (a team library: the writer's from the server).
    // The list follows; the caption on screen stays as it was shown.
    Library *walt = writersDesk();
    QVERIFY(walt);
    PhotoRepository theirs(walt);
    std::optional<Photo> photo = theirs.load(id);
    QVERIFY(photo);
    photo->caption = u"NORFOLK, Va. (March 6, 2025) Sailors disembark. (U.S. Navy photo by Jo Smith)"_s;
    QCOMPARE(theirs.save(*photo), PhotoRepository::SaveResult::Saved);
    editorsTurn();
    const qint64 added = addPhoto(u"250306-N-AB123-1002"_s, u"NORFOLK, Va. (March 6, 2025) Sailors wave. (U.S. Navy photo by Jo Smith)"_s);
    QVERIFY(added);
    QTRY_COMPARE(dialog.photoIds(), (QList<qint64>{id, added}));
    QCOMPARE(dialog.currentPhotoId(), id);
    QVERIFY2(!dialog.shownText().contains(u"disembark"_s), qPrintable(dialog.shownText()));

    QVERIFY(photoOnScreen(dialog));
    press(dialog, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(approvalOf(id), CaptionApproval::Pending);
    QCOMPARE(prompter.count(u"tell"_s), 1);
    QVERIFY2(prompter.asked.constLast().message.contains(u"changed since you looked at it"_s), qPrintable(prompter.asked.constLast().message));
    QVERIFY2(dialog.shownText().contains(u"disembark"_s), qPrintable(dialog.shownText()));
    press(dialog, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(approvalOf(id), CaptionApproval::Approved);
    const QList<CaptionDecision> decisions = PhotoRepository(m_library.get()).captionDecisions(id);
    QVERIFY(!decisions.isEmpty());
    QVERIFY(decisions.constLast().reviewed.caption.contains(u"disembark"_s));
}

void TestCaptionReview::showsTheFindings()
{
    // A day of the week and no credit: two errors of the caption checker.
    const qint64 id = addPhoto(u"250306-N-AB123-1001"_s, u"NORFOLK, Va. (Thursday, March 6, 2025) Sailors return."_s);
    QVERIFY(id);
    Photo photo = *PhotoRepository(m_library.get()).load(id);
    photo.credit.clear();
    QCOMPARE(PhotoRepository(m_library.get()).save(photo), PhotoRepository::SaveResult::Saved);
    const QList<CaptionFinding> findings = CaptionChecker::check(photo);
    QStringList rules;
    for (const CaptionFinding &finding : findings)
        rules << finding.rule;
    QVERIFY2(rules.contains(u"day-of-week"_s) && rules.contains(u"credit-missing"_s), qPrintable(rules.join(u", ")));

    ScriptedPrompter prompter;
    CaptionReviewDialog dialog(m_library.get(), prompter);
    const QString shown = dialog.shownText();
    for (const CaptionFinding &finding : findings)
        QVERIFY2(shown.contains(finding.message), qPrintable(finding.message + u"\n\n"_s + shown));
    QVERIFY(!shown.contains(u"The caption checker finds nothing."_s));
}

void TestCaptionReview::aWriterCannotDecide()
{
    const qint64 id = addPhoto(u"250306-N-AB123-1001"_s, u"Sailors return."_s);
    QVERIFY(id);
    Library *walt = writersDesk();
    QVERIFY(walt);
    ScriptedPrompter prompter;
    CaptionReviewDialog dialog(walt, prompter);
    QVERIFY(showActive(dialog));
    QCOMPARE(dialog.currentPhotoId(), id);
    const QString reason = Workflow::checkCaptionDecision(PersonRole::Writer).reason;
    QVERIFY(!reason.isEmpty());
    for (QAction *action : {dialog.approveAction(), dialog.requestChangesAction()})
        QVERIFY(!action->isEnabled());
    for (const char *name : {"captionReviewApprove", "captionReviewRequestChanges"}) {
        auto *button = dialog.findChild<QPushButton *>(QString::fromLatin1(name));
        QVERIFY(button && !button->isEnabled());
        QCOMPARE(button->toolTip(), reason);
    }
    auto *why = dialog.findChild<QLabel *>(u"captionReviewReason"_s);
    QVERIFY(why && why->isVisible());
    QCOMPARE(why->text(), reason);
    press(dialog, Qt::Key_Return, Qt::ControlModifier);
    prompter.texts << u"Fix it."_s;
    press(dialog, Qt::Key_Return, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(approvalOf(id), CaptionApproval::Pending);
    QCOMPARE(prompter.count(u"askText"_s), 0);

    // Past the window, the library refuses him too; on a team library the
    // server does, to his own connection, whatever a client would let through.
    std::optional<Photo> photo = PhotoRepository(walt).load(id);
    QVERIFY(photo);
    QCOMPARE(PhotoRepository(walt).decideCaption(*photo, CaptionApproval::Approved), PhotoRepository::SaveResult::NotAllowed);
    if (TestLibraries::onPostgres()) {
        QSqlQuery raw(walt->database());
        QVERIFY(!raw.exec(u"SELECT newsdesk.decide_caption(%1, %2, 'approved', '')"_s.arg(id).arg(photo->rowVersion)));
        QVERIFY2(raw.lastError().text().contains(u"not an editor"_s), qPrintable(raw.lastError().text()));
    }
    QCOMPARE(approvalOf(id), CaptionApproval::Pending);
}

void TestCaptionReview::saysSoWhenNothingWaits()
{
    ScriptedPrompter prompter;
    CaptionReviewDialog dialog(m_library.get(), prompter);
    QVERIFY(showActive(dialog));
    QVERIFY(dialog.photoIds().isEmpty());
    QVERIFY(dialog.shownText().contains(u"No captions are waiting for a decision."_s));
    for (QAction *action : {dialog.approveAction(), dialog.requestChangesAction(), dialog.nextAction(), dialog.previousAction()})
        QVERIFY(!action->isEnabled());
    press(dialog, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(prompter.count(u"tell"_s), 0);
}

// An editor approves what will be published. A desk that added the photo
// (or a writer over psql) chose the stored thumbnail; the image is the one
// the export publishes, so the dialog shows that.
void TestCaptionReview::showsThePublishedImageNotTheStoredThumbnail()
{
    PhotoRepository photos(m_library.get());
    const std::optional<Photo> photo =
        photos.add(Photo{.virin = u"250306-N-AB123-1001"_s, .caption = u"Sailors return."_s, .altText = u"Sailors."_s},
                   png(Qt::blue), u"image/png"_s, QSize(64, 48), png(Qt::red));
    QVERIFY2(photo, qPrintable(photos.errorString()));
    QVERIFY(photos.attach(m_storyId, photo->id));

    ScriptedPrompter prompter;
    CaptionReviewDialog dialog(m_library.get(), prompter);
    QVERIFY(showActive(dialog));
    QCOMPARE(dialog.currentPhotoId(), photo->id);
    auto *label = dialog.findChild<QLabel *>(u"captionReviewThumbnail"_s);
    QVERIFY(label);
    QVERIFY(photoOnScreen(dialog));
    const QImage shown = label->pixmap().toImage();
    QVERIFY(!shown.isNull());
    QCOMPARE(QColor(shown.pixel(shown.width() / 2, shown.height() / 2)), QColor(Qt::blue));
}

// Decoding a 20-megapixel photo takes a noticeable moment, so it is done
// off the GUI thread; the caption cannot be decided on until its photo is
// on screen (Ctrl+Return pressed early does nothing), a photo once seen
// shows again at once, and the next one is decoded ahead while the editor
// reads this one.
void TestCaptionReview::decidesOnlyWithThePhotoOnScreen()
{
    PhotoRepository photos(m_library.get());
    QList<qint64> ids;
    for (const Qt::GlobalColor colour : {Qt::blue, Qt::green, Qt::yellow}) {
        const std::optional<Photo> photo =
            photos.add(Photo{.virin = u"250306-N-AB123-100%1"_s.arg(ids.size() + 1), .caption = u"Sailors return."_s,
                             .altText = u"Sailors."_s},
                       png(colour), u"image/png"_s, QSize(64, 48), png(Qt::red));
        QVERIFY2(photo, qPrintable(photos.errorString()));
        QVERIFY(photos.attach(m_storyId, photo->id));
        ids << photo->id;
    }
    const auto centre = [](const QLabel *label) {
        const QImage shown = label->pixmap().toImage();
        return shown.isNull() ? QColor() : QColor(shown.pixel(shown.width() / 2, shown.height() / 2));
    };

    ScriptedPrompter prompter;
    CaptionReviewDialog dialog(m_library.get(), prompter);
    auto *label = dialog.findChild<QLabel *>(u"captionReviewThumbnail"_s);
    QVERIFY(label);
    // Nothing has been decoded yet: no event has been handled since the dialog was made.
    QCOMPARE(dialog.currentPhotoId(), ids.at(0));
    QVERIFY(!dialog.approveAction()->isEnabled());
    QVERIFY(!dialog.requestChangesAction()->isEnabled());
    QCOMPARE(label->text(), u"Loading the photo…"_s);
    dialog.approveAction()->trigger();
    QCOMPARE(approvalOf(ids.at(0)), CaptionApproval::Pending);

    QVERIFY(showActive(dialog));
    QVERIFY(photoOnScreen(dialog));
    QCOMPARE(centre(label), QColor(Qt::blue));
    // The next photo is decoded ahead: once that work is done, moving on
    // shows it with no event handled in between.
    QCoreApplication::processEvents();
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::processEvents();
    press(dialog, Qt::Key_J);
    QCOMPARE(dialog.currentPhotoId(), ids.at(1));
    QVERIFY(dialog.approveAction()->isEnabled());
    QCOMPARE(centre(label), QColor(Qt::green));
    // And one seen before shows again at once.
    press(dialog, Qt::Key_K);
    QCOMPARE(dialog.currentPhotoId(), ids.at(0));
    QVERIFY(dialog.approveAction()->isEnabled());
    QCOMPARE(centre(label), QColor(Qt::blue));
    press(dialog, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(approvalOf(ids.at(0)), CaptionApproval::Approved);
    QCOMPARE(dialog.currentPhotoId(), ids.at(1));
}

QTEST_MAIN(TestCaptionReview)
#include "tst_captionreview.moc"
