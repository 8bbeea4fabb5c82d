// SPDX-License-Identifier: MIT
#pragma once

#include <QImage>
#include <QStringList>
#include <QWidget>

class Library;
class PhotoForm;
class PhotoListModel;
class Prompter;
class QLabel;
class QListView;
class QPushButton;

// The photos of the open story: thumbnails with VIRIN and caption state,
// reordered by dragging (or Ctrl+Up/Down), and the form of the selected one.
// Photos come in by the Add button, by dropping files on the panel, or by
// pasting; the panel only collects them and asks (photosOffered), since
// reading images and their metadata is the application's work.
class MediaPanel : public QWidget
{
    Q_OBJECT
public:
    // prompter (which must outlive the panel) asks the form's questions.
    MediaPanel(PhotoListModel *model, Library *library, Prompter &prompter, QWidget *parent = nullptr);

    QListView *view() const;
    PhotoForm *form() const;
    qint64 currentPhotoId() const;
    bool selectPhoto(qint64 photoId);
    // Moves the selected photo one place earlier (-1) or later (+1).
    bool moveCurrent(int delta);

    // Image files in urls (local files only), for drops and pastes.
    static QStringList imageFiles(const QList<QUrl> &urls);

Q_SIGNALS:
    void currentPhotoChanged(qint64 photoId);
    // Files to add to the story, or a pasted image (null when files).
    void photosOffered(const QStringList &files, const QImage &pastedImage);
    void addPhotosRequested();
    void insertIntoBodyRequested(const QString &virin);
    void removeFromStoryRequested(qint64 photoId);
    void errorOccurred(const QString &message);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void paste();
    void updateButtons();

    PhotoListModel *m_model;
    QListView *m_view;
    PhotoForm *m_form;
    QLabel *m_summary;
    QPushButton *m_add;
    QPushButton *m_insert;
    QPushButton *m_remove;
};
