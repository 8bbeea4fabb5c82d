// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class Library;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTimer;

// Story ▸ Media Archive…: every photo of the library, found by VIRIN,
// photographer, date, place, keyword or caption words
// (PhotoRepository::search), shown with thumbnails; Place in Story puts a
// copy of the found photo in the story being edited (the image is shared;
// the copy's caption starts pending, PhotoRepository::placeCopy).
class MediaArchiveDialog : public QDialog
{
    Q_OBJECT
public:
    // Shows at most this many photos, the best matches (or the newest) first.
    static constexpr int shownLimit = 200;

    // canPlace: a story is open to place photos in.
    MediaArchiveDialog(Library *library, bool canPlace, QWidget *parent = nullptr);

    QLineEdit *searchField() const;
    QListWidget *results() const;
    QPushButton *placeButton() const;
    QLabel *summaryLabel() const;
    // Runs the search for what the field holds now (it runs by itself a
    // moment after typing stops).
    void searchNow();
    // The ids of the photos shown, in order.
    QList<qint64> shownPhotoIds() const;

Q_SIGNALS:
    // Place in Story (or Return on a photo): the window places a copy.
    void placeRequested(qint64 photoId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateDetails();
    void place();

    Library *m_library;
    bool m_canPlace;
    QLineEdit *m_search;
    QListWidget *m_results;
    QLabel *m_details;
    QLabel *m_summary;
    QPushButton *m_place;
    QTimer *m_searchTimer;
};
