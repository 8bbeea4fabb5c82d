// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QCache>
#include <QDialog>
#include <QImage>
#include <QList>

class Library;
class Prompter;
class QAction;
class QLabel;
class QListWidget;
class QPushButton;
class QTextBrowser;

// Review ▸ Review Captions…: every caption of the library waiting for an
// editor's decision (pending; one whose changes were requested waits for its
// writer, and an edit returns it here), the current one shown large: its
// thumbnail, the reviewed fields, the caption checker's findings and a word
// diff of each field changed since the last decision's `reviewed` record.
// Approve (Ctrl+Return) and Request Changes (Ctrl+Shift+Return, the comment
// asked through the Prompter) move on to the next caption by themselves;
// J / K and Alt+Down / Alt+Up go to the next and previous one.
//
// A dialog rather than a dock: its one-key and Ctrl+Return keys must not
// reach the editor, whose Ctrl+Return submits the story, and a review pass
// is a task begun and finished, not a panel kept beside the text. Whether
// someone may decide is Workflow::checkCaptionDecision's; for anyone else the
// two actions are disabled with its reason, and PhotoRepository refuses too.
//
// The photo is decoded from its image, off the GUI thread (a 20-megapixel
// JPEG takes 100-200 ms), kept by image hash while the dialog is open, and
// the next caption's photo is decoded ahead. A caption is decided on with its
// photo on screen: the two actions wait until it is shown, or known to be
// impossible to show.
class CaptionReviewDialog : public QDialog
{
    Q_OBJECT
public:
    // library and prompter must outlive the dialog.
    CaptionReviewDialog(Library *library, Prompter &prompter, QWidget *parent = nullptr);

    // The photos listed, in order, and the one shown (0: none).
    QList<qint64> photoIds() const;
    qint64 currentPhotoId() const;
    // What the dialog shows of the current caption (or the empty state), as plain text.
    QString shownText() const;

    QAction *approveAction() const;
    QAction *requestChangesAction() const;
    QAction *nextAction() const;
    QAction *previousAction() const;

    // Reads the waiting captions again, keeping the current one when it still waits.
    // following: called for a change elsewhere; the caption on screen is
    // then left as it was shown.
    void refresh(bool following = false);

private:
    void showCurrent();
    void move(int step);
    void decide(bool approve);
    // The current caption's photo: shown from the cache, or decoded first.
    void showImage(const QString &hash);
    // Reads the image and decodes it off the thread (unless that is under
    // way); false, with why, when the image cannot be read.
    bool startDecoding(const QString &hash, QString *error = nullptr);
    void decode(const QString &hash, const QByteArray &data);
    void imageDecoded(const QString &hash, const QImage &image);
    void decodeNextAhead();
    void setImageShown(bool shown);

    Library *m_library;
    Prompter &m_prompter;
    QListWidget *m_list;
    QLabel *m_thumbnail;
    QLabel *m_position;
    QTextBrowser *m_details;
    QLabel *m_reason;
    QAction *m_approve;
    QAction *m_requestChanges;
    QAction *m_next;
    QAction *m_previous;
    QPushButton *m_approveButton;
    QPushButton *m_requestButton;
    // The version of the photo on screen: a decision is about what the
    // editor saw, so one made after another desk changed it is refused.
    qint64 m_shownVersion = 0;
    // Whether the person may decide on the current caption, and whether its
    // photo is on screen yet; the two actions need both.
    bool m_mayDecide = false;
    bool m_imageShown = false;
    QString m_currentHash;
    QCache<QString, QImage> m_images{32};
    QList<QString> m_decoding;
};
