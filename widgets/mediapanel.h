// SPDX-License-Identifier: MIT
#pragma once

#include "photobatch.h"

#include <QImage>
#include <optional>
#include <QPointer>
#include <QStringList>
#include <QWidget>

class Library;
class PhotoFieldsEditor;
class PhotoForm;
class PhotoListModel;
class Prompter;
class QLabel;
class QListView;
class QMimeData;
class QPushButton;
class QScrollArea;
class QSplitter;
class QStackedWidget;
class QToolButton;
struct PhotoTemplate;
class QUndoStack;

// The photos of the open story: thumbnails with VIRIN and caption state,
// reordered by dragging (or Ctrl+Up/Down), and the form of the selected one.
// With several selected (Shift/Ctrl+click, Ctrl+A) the form is the batch
// form: the fields they share, "(mixed)" where they differ, applied to all of
// them at once as one step of the panel's undo stack (Ctrl+Z in the list).
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
    // The batch form's fields, its Apply button, and the panel's undo stack
    // (batch edits and templates applied to a selection).
    PhotoFieldsEditor *batchEditor() const;
    QPushButton *batchApplyButton() const;
    QUndoStack *undoStack() const;
    bool isBatchShown() const;
    // The selected photos' ids, in the story's order.
    QList<qint64> selectedPhotoIds() const;
    // Sets edits on every photo of photoIds as one undo step; false (and
    // errorOccurred) when nothing could be changed.
    bool applyToPhotos(const QList<qint64> &photoIds, const PhotoBatch::Edits &edits, const QString &what);
    // The batch form's edits, applied to the selection.
    bool applyBatch();

    // Metadata templates (Templates button): applied to the selection (or the
    // photo shown) with a tick per field, managed in their dialog, and one
    // chosen for the photos that come in next (the window's import asks
    // importTemplate()). The choice is this panel's, for the open library.
    QToolButton *templatesButton() const;
    bool applyTemplate();
    void manageTemplates();
    std::optional<PhotoTemplate> importTemplate() const;
    void setImportTemplate(qint64 templateId);
    qint64 currentPhotoId() const;
    bool selectPhoto(qint64 photoId);
    // Moves the selected photo one place earlier (-1) or later (+1).
    bool moveCurrent(int delta);
    // Moves photos (of the story) before the photo at row (rowCount(): to
    // the end), keeping their order: a drop in the grid, Ctrl+Up/Down. Stored
    // at once, and one step of the panel's undo stack.
    bool movePhotos(const QList<qint64> &photoIds, int row);
    // What dragging photoIds in the grid carries: taken by this grid only,
    // for this story, as a move (a drop elsewhere gets nothing it can use).
    QMimeData *dragData(const QList<qint64> &photoIds) const;
    // The story's photos in their order, as the grid shows them.
    QList<qint64> photoOrder() const;
    // Stores wanted as the order of the story's photos when the stored order
    // is expected (an undo or redo of a move); else errorOccurred and false.
    bool restorePhotoOrder(const QList<qint64> &expected, const QList<qint64> &wanted);

    // The room the grid and the form each have (the splitter between them),
    // for the window to keep with each workspace's layout. Until the user
    // moves it, the split is the default: the grid as many whole columns as
    // leave the form its width (at least two while the form still fits),
    // kept as the panel is resized; saveLayout() is then empty. Restoring an
    // empty state goes back to the default; one that is not a state (another
    // version, garbage) leaves the split as it is.
    QByteArray saveLayout() const;
    bool restoreLayout(const QByteArray &state);
    // The grid's and the form's widths the default split gives a splitter
    // width wide, or empty when not even one column leaves the form its minimum.
    QList<int> defaultSplit(int width) const;

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
    bool storePhotoOrder(const QList<qint64> &order);
    // Gives the splitter the default split for width, while it follows it.
    void followDefaultSplit(int width);
    void updateButtons();
    void updateForms();

    QPointer<Library> m_library;
    PhotoListModel *m_model;
    QListView *m_view;
    QSplitter *m_splitter;
    QScrollArea *m_formArea;
    // The split the default gave last; empty once the user chose their own.
    QList<int> m_defaultSizes;
    bool m_splitFollowsDefault = true;
    PhotoForm *m_form;
    QStackedWidget *m_forms;
    QWidget *m_batchPage;
    QLabel *m_batchHeading;
    PhotoFieldsEditor *m_batch;
    QPushButton *m_batchApply;
    QUndoStack *m_undo;
    Prompter &m_prompter;
    QToolButton *m_templates;
    qint64 m_importTemplateId = 0;
    QLabel *m_summary;
    QPushButton *m_add;
    QPushButton *m_insert;
    QPushButton *m_remove;
};
