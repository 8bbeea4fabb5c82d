// SPDX-License-Identifier: MIT
#include "workflowcontroller.h"

#include "comments.h"
#include "editorpane.h"
#include "library.h"
#include "mainwindow.h"
#include "markdowneditor.h"
#include "mediapanel.h"
#include "revisiondiff.h"
#include "storylocks.h"
#include "storyrepository.h"

#include <QComboBox>
#include <QCryptographicHash>
#include <QDateTimeEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFormLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QCheckBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QString identityKey(const QString &libraryPath)
{
    return u"identity/"_s
        + QString::fromLatin1(QCryptographicHash::hash(libraryPath.toUtf8(), QCryptographicHash::Sha1).toHex().left(12));
}

bool dialogsAllowed()
{
    return !qEnvironmentVariableIsSet("NEWSDESK_NO_DIALOGS");
}

QString diffDocument(const QString &before, const QString &after)
{
    const QList<DiffSegment> diff = RevisionDiff::compareWords(before, after);
    const RevisionDiff::Counts counts = RevisionDiff::countWords(diff);
    return u"<style>ins { background: #c8f0c8; text-decoration: none; } del { background: #f6c6c6; }</style>"_s
        + u"<p><b>%1</b></p>"_s.arg((counts.inserted == 1 ? QObject::tr("1 word added") : QObject::tr("%1 words added").arg(counts.inserted))
                                    + u", "_s
                                    + (counts.deleted == 1 ? QObject::tr("1 word removed") : QObject::tr("%1 words removed").arg(counts.deleted)))
        + u"<div style=\"white-space: pre-wrap\">"_s + RevisionDiff::toHtml(diff) + u"</div>"_s;
}

} // namespace

WorkflowController::WorkflowController(MainWindow *window)
    : QObject(window)
    , m_window(window)
    , m_person(new QLabel(window))
    , m_counts(new QLabel(window))
    , m_dock(new QDockWidget(tr("Review Queue"), window))
    , m_queue(new QTreeWidget(m_dock))
    , m_heartbeat(new QTimer(this))
{
    m_person->setObjectName(u"currentPerson"_s);
    m_person->setTextFormat(Qt::PlainText); // a person's name, as typed
    m_counts->setObjectName(u"reviewCounts"_s);
    window->statusBar()->addPermanentWidget(m_counts);
    window->statusBar()->addPermanentWidget(m_person);

    m_dock->setObjectName(u"reviewQueueDock"_s);
    m_queue->setObjectName(u"reviewQueue"_s);
    m_queue->setHeaderLabels({tr("Waiting for review"), tr("By")});
    m_queue->setRootIsDecorated(true);
    m_dock->setWidget(m_queue);
    window->addDockWidget(Qt::LeftDockWidgetArea, m_dock);
    m_dock->hide();
    connect(m_queue, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const qint64 storyId = item->data(0, Qt::UserRole).toLongLong();
        if (storyId > 0)
            m_window->openStory(storyId);
        const qint64 photoId = item->data(0, Qt::UserRole + 1).toLongLong();
        if (photoId > 0 && m_window->mediaPanel())
            m_window->mediaPanel()->selectPhoto(photoId);
    });

    m_heartbeat->setInterval(StoryLocks::heartbeatSeconds * 1000);
    connect(m_heartbeat, &QTimer::timeout, this, [this] {
        if (m_library)
            StoryLocks(m_library).heartbeat();
    });
    createActions();
    updateActions();
}

WorkflowController::~WorkflowController()
{
    releaseLock();
}

void WorkflowController::createActions()
{
    QMenu *review = new QMenu(tr("&Review"), m_window);
    review->setObjectName(u"menuReview"_s);
    // Before Help, where people look for it.
    const QList<QAction *> menus = m_window->menuBar()->actions();
    m_window->menuBar()->insertMenu(menus.isEmpty() ? nullptr : menus.constLast(), review);

    struct Entry
    {
        WorkflowAction action;
        QString objectName;
        QString text;
        QKeySequence shortcut;
    };
    const QList<Entry> entries = {
        {WorkflowAction::Submit, u"actionSubmitForReview"_s, tr("&Submit for Review"), QKeySequence(Qt::CTRL | Qt::Key_Return)},
        {WorkflowAction::RequestChanges, u"actionRequestChanges"_s, tr("Request &Changes…"), {}},
        {WorkflowAction::Approve, u"actionApproveStory"_s, tr("&Approve Story"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A)},
        {WorkflowAction::Publish, u"actionPublishStory"_s, tr("&Publish"), {}},
        {WorkflowAction::Correct, u"actionCorrectStory"_s, tr("Start a C&orrection…"), {}},
    };
    for (const Entry &entry : entries) {
        QAction *action = review->addAction(entry.text, this, [this, which = entry.action] { takeAction(which); });
        action->setObjectName(entry.objectName);
        if (!entry.shortcut.isEmpty())
            action->setShortcut(entry.shortcut);
        m_actions.insert(entry.action, action);
    }
    // Archive lives in the Story menu (MainWindow); it goes through takeAction too.
    review->addSeparator();
    m_commentStory = review->addAction(tr("Comment on &Story…"), this, [this] { addComment(false); });
    m_commentStory->setObjectName(u"actionCommentStory"_s);
    m_commentPhoto = review->addAction(tr("Comment on P&hoto…"), this, [this] { addComment(true); });
    m_commentPhoto->setObjectName(u"actionCommentPhoto"_s);
    m_embargo = review->addAction(tr("&Embargo…"), this, &WorkflowController::setEmbargo);
    m_embargo->setObjectName(u"actionEmbargo"_s);
    review->addSeparator();
    m_changes = review->addAction(tr("Changes Since &Last Approval…"), this, &WorkflowController::showChangesSinceApproval);
    m_changes->setObjectName(u"actionChangesSinceApproval"_s);
    m_history = review->addAction(tr("&History…"), this, &WorkflowController::showHistory);
    m_history->setObjectName(u"actionStoryHistory"_s);
    m_history->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H)); // Ctrl+H is Replace
    review->addSeparator();
    QAction *queue = m_dock->toggleViewAction();
    queue->setText(tr("Review &Queue"));
    queue->setObjectName(u"actionReviewQueue"_s);
    queue->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
    review->addAction(queue);

    connect(m_window->editor(), &EditorPane::edited, this, &WorkflowController::updateActions);
}

void WorkflowController::setLibrary(Library *library)
{
    releaseLock();
    m_library = library;
    connect(library, &Library::storiesChanged, this, &WorkflowController::refreshQueue);
    connect(library, &Library::photosChanged, this, &WorkflowController::refreshQueue);
    connect(library, &Library::actorChanged, this, [this](const QString &name) {
        updateActions();
        Q_EMIT currentPersonChanged(name);
    });
    PeopleRepository people(library);
    const QString remembered = QSettings().value(identityKey(library->path())).toString();
    if (!remembered.isEmpty() && people.findByName(remembered))
        library->setActor(remembered);
    else if (const std::optional<Person> person = people.findByLogin(operatingSystemLogin()))
        library->setActor(person->name); // the person this account is, as on the command line
    if (!people.roleOfActor() && dialogsAllowed()) {
        // Asked over the window once it shows, not before it appears.
        QTimer::singleShot(0, this, [this, library = QPointer<Library>(library)] {
            if (library && library == m_library && !PeopleRepository(library).roleOfActor())
                askIdentity();
        });
    }
    updateActions();
    refreshQueue();
}

bool WorkflowController::setCurrentPerson(const QString &name)
{
    if (!m_library)
        return false;
    PeopleRepository people(m_library);
    if (!people.findByName(name)) {
        m_errorString = tr("%1 is not among this library's people.").arg(name);
        return false;
    }
    QSettings().setValue(identityKey(m_library->path()), name);
    m_library->setActor(name);
    updateActions();
    return true;
}

std::optional<Person> WorkflowController::addPerson(const Person &person)
{
    if (!m_library)
        return std::nullopt;
    PeopleRepository people(m_library);
    const bool first = people.all().isEmpty();
    const std::optional<Person> added = people.add(person);
    if (!added) {
        m_errorString = people.errorString();
        return std::nullopt;
    }
    if (first)
        setCurrentPerson(added->name);
    return added;
}

QString WorkflowController::currentPerson() const
{
    return m_library ? m_library->actor() : QString();
}

void WorkflowController::askIdentity()
{
    PeopleRepository people(m_library);
    const QList<Person> everyone = people.all();
    QDialog dialog(m_window);
    dialog.setObjectName(u"identityDialog"_s);
    dialog.setWindowTitle(tr("Who Is Working?"));
    auto *form = new QFormLayout;
    auto *existing = new QComboBox(&dialog);
    existing->setObjectName(u"identityExisting"_s);
    auto *name = new QLineEdit(m_library->actor(), &dialog);
    name->setObjectName(u"identityName"_s);
    auto *title = new QLineEdit(&dialog);
    title->setObjectName(u"identityTitle"_s);
    title->setPlaceholderText(tr("Public Affairs Specialist"));
    if (everyone.isEmpty()) {
        form->addRow(new QLabel(tr("This library has nobody yet. You are its first person and its editor; "
                                   "you can add writers and editors in Preferences."),
                                &dialog));
        form->addRow(tr("Your &name:"), name);
        form->addRow(tr("Your &title:"), title);
    } else {
        for (const Person &person : everyone)
            existing->addItem(u"%1 (%2)"_s.arg(person.name, personRoleLabel(person.role)), person.name);
        form->addRow(new QLabel(tr("Choose who you are. Someone new is added by an editor in Preferences."), &dialog));
        form->addRow(tr("&I am:"), existing);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addLayout(form);
    layout->addWidget(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (everyone.isEmpty()) {
        // Whoever starts the library on this account is its person on the
        // command line too.
        if (!addPerson(Person{.name = name->text(),
                              .title = title->text().trimmed(),
                              .role = PersonRole::Editor,
                              .login = operatingSystemLogin()}))
            report(tr("Cannot add you"), m_errorString);
    } else {
        setCurrentPerson(existing->currentData().toString());
    }
}

void WorkflowController::storyOpened(qint64 id)
{
    releaseLock();
    m_readOnly = false;
    m_lockHolder.clear();
    if (m_library && id > 0) {
        StoryLocks locks(m_library);
        StoryLock holder;
        switch (locks.acquire(id, &holder)) {
        case StoryLocks::Result::Acquired:
            m_lockedStory = id;
            m_heartbeat->start();
            break;
        case StoryLocks::Result::HeldByOther:
            m_readOnly = true;
            m_lockHolder = holder.holder;
            m_window->statusBar()->showMessage(
                tr("%1 is editing this story on %2; it is open read-only.").arg(holder.holder, holder.host), 15000);
            break;
        case StoryLocks::Result::Failed:
            m_window->statusBar()->showMessage(locks.errorString(), 10000);
            break;
        }
    }
    updateActions();
}

void WorkflowController::applyEditability()
{
    // Someone else's lock, or a status whose text this person may not change
    // (models/ refuses such a save too; this only saves typing in vain).
    EditorPane *editor = m_window->editor();
    bool readOnly = m_readOnly;
    if (m_library && editor->hasStory())
        readOnly |= !Workflow::checkTextEdit(PeopleRepository(m_library).roleOfActor(), editor->story().status).allowed;
    for (QLineEdit *field : {editor->headlineField(), editor->dekField(), editor->bylineField(), editor->datelineField(),
                             editor->correctionNoteField()})
        field->setReadOnly(readOnly);
    editor->bodyEditor()->setReadOnly(readOnly);
}

void WorkflowController::releaseLock()
{
    if (m_library && m_lockedStory > 0)
        StoryLocks(m_library).release(m_lockedStory);
    m_lockedStory = 0;
    m_heartbeat->stop();
}

bool WorkflowController::isReadOnly() const
{
    return m_readOnly;
}

QString WorkflowController::lockHolder() const
{
    return m_lockHolder;
}

QString WorkflowController::askComment(const QString &title, const QString &label)
{
    QInputDialog dialog(m_window);
    dialog.setObjectName(u"workflowCommentDialog"_s);
    dialog.setWindowTitle(title);
    dialog.setLabelText(label);
    dialog.setOption(QInputDialog::UsePlainTextEditForTextInput);
    if (dialog.exec() != QDialog::Accepted)
        return {};
    return dialog.textValue().trimmed();
}

bool WorkflowController::takeAction(WorkflowAction action, const QString &givenComment)
{
    EditorPane *editor = m_window->editor();
    if (!m_library || !editor->hasStory() || !m_window->saveCurrentStory())
        return false;
    QString comment = givenComment;
    if (Workflow::needsComment(action) && comment.trimmed().isEmpty()) {
        comment = action == WorkflowAction::Correct
            ? askComment(tr("Start a Correction"), tr("The correction note readers will see at the end of the article:"))
            : askComment(tr("Request Changes"), tr("What should the writer change?"));
        if (comment.isEmpty())
            return false;
    }
    Story story = editor->story();
    StoryRepository repository(m_library);
    if (repository.transition(story, action, comment) != StoryRepository::SaveResult::Saved) {
        report(workflowActionLabel(action), repository.errorString());
        return false;
    }
    editor->setStory(story);
    m_window->statusBar()->showMessage(tr("\"%1\" is now %2.").arg(story.headline, storyStatusLabel(story.status).toLower()), 6000);
    updateActions();
    return true;
}

void WorkflowController::updateActions()
{
    applyEditability();
    const bool hasStory = m_window->editor()->hasStory() && m_library;
    const std::optional<PersonRole> role = m_library ? PeopleRepository(m_library).roleOfActor() : std::nullopt;
    const StoryStatus status = hasStory ? m_window->editor()->story().status : StoryStatus::Draft;
    for (auto it = m_actions.cbegin(); it != m_actions.cend(); ++it) {
        // A comment is asked for later, so it does not count here.
        const Workflow::Verdict verdict = Workflow::check(role, status, it.key(), u"-"_s);
        it.value()->setEnabled(hasStory && !m_readOnly && verdict.allowed);
        it.value()->setToolTip(hasStory ? verdict.reason : QString());
    }
    for (QAction *action : {m_commentStory, m_commentPhoto, m_history, m_changes, m_embargo}) {
        if (action)
            action->setEnabled(hasStory && role.has_value());
    }
    if (m_embargo)
        m_embargo->setEnabled(hasStory && role.has_value() && !m_readOnly);
    const QString name = m_library ? m_library->actor() : QString();
    if (role)
        m_person->setText(tr("%1 · %2").arg(name, personRoleLabel(*role)));
    else
        m_person->setText(name.isEmpty() ? tr("Nobody · not in this library") : tr("%1 · not in this library").arg(name));
    m_person->setToolTip(tr("Who is working: recorded on every change. Change it in Preferences."));
}

void WorkflowController::refreshQueue()
{
    if (!m_library)
        return;
    QString error;
    const ReviewQueue queue = ReviewQueue::load(m_library, &error);
    // English plurals without a translation loaded: "%n story(s)" would show as is.
    const qsizetype storyCount = queue.stories.size();
    const qsizetype captionCount = queue.captions.size();
    m_counts->setText(tr("Review: %1 · %2")
                          .arg(storyCount == 1 ? tr("1 story") : tr("%1 stories").arg(storyCount),
                               captionCount == 1 ? tr("1 caption") : tr("%1 captions").arg(captionCount)));
    m_counts->setToolTip(tr("Stories in review and captions waiting for an editor (Review ▸ Review Queue)"));
    m_queue->clear();
    auto *stories = new QTreeWidgetItem(m_queue, {tr("Stories in review (%1)").arg(queue.stories.size())});
    for (const ReviewQueue::StoryItem &item : queue.stories) {
        auto *row = new QTreeWidgetItem(stories, {item.headline, item.updatedBy});
        row->setData(0, Qt::UserRole, item.storyId);
    }
    auto *captions = new QTreeWidgetItem(m_queue, {tr("Captions pending (%1)").arg(queue.captions.size())});
    for (const ReviewQueue::CaptionItem &item : queue.captions) {
        const QString photo = item.virin.isEmpty() ? tr("photo %1").arg(item.photoId) : item.virin;
        auto *row = new QTreeWidgetItem(captions, {item.resetDetail.isEmpty() ? photo : tr("%1 · approval reset").arg(photo),
                                                   item.headline});
        // Why an approved photo is back: the fields edited since.
        for (int column = 0; column < 2; ++column)
            row->setToolTip(column, item.resetDetail);
        row->setData(0, Qt::UserRole, item.storyId);
        row->setData(0, Qt::UserRole + 1, item.photoId);
    }
    m_queue->expandAll();
    updateActions();
}

void WorkflowController::addComment(bool onPhoto)
{
    if (!m_library || !m_window->editor()->hasStory())
        return;
    const qint64 photoId = onPhoto && m_window->mediaPanel() ? m_window->mediaPanel()->currentPhotoId() : 0;
    if (onPhoto && photoId <= 0) {
        report(tr("Comment"), tr("Select a photo in the media panel first."));
        return;
    }
    CommentRepository comments(m_library);
    const QString entity = onPhoto ? u"photo"_s : u"story"_s;
    const qint64 id = onPhoto ? photoId : m_window->editor()->story().id;
    QStringList earlier;
    for (const ReviewComment &comment : comments.comments(entity, id))
        earlier << u"%1 (%2): %3"_s.arg(comment.author, comment.createdAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s), comment.body);
    const QString text = askComment(onPhoto ? tr("Comment on Photo") : tr("Comment on Story"),
                                    earlier.isEmpty() ? tr("Your comment:") : earlier.join(u'\n') + u"\n\n"_s + tr("Your comment:"));
    if (text.isEmpty())
        return;
    if (!comments.add(entity, id, text))
        report(tr("Comment"), comments.errorString());
}

void WorkflowController::showHistory()
{
    if (!m_library || !m_window->editor()->hasStory() || !m_window->saveCurrentStory())
        return;
    StoryRepository repository(m_library);
    const Story story = m_window->editor()->story();
    const QList<Revision> revisions = repository.revisions(story.id);
    QDialog dialog(m_window);
    dialog.setObjectName(u"historyDialog"_s);
    dialog.setWindowTitle(tr("History of \"%1\"").arg(story.headline));
    auto *list = new QListWidget(&dialog);
    list->setObjectName(u"historyRevisions"_s);
    auto *base = new QComboBox(&dialog);
    base->setObjectName(u"historyBase"_s);
    for (const Revision &revision : revisions) {
        const QString line = tr("%1 · %2 · %3 (%4)")
                                 .arg(revision.createdAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s), revision.createdBy,
                                      revisionKindKey(revision.kind), storyStatusLabel(revision.status));
        auto *item = new QListWidgetItem(line, list);
        item->setData(Qt::UserRole, revision.id);
        base->addItem(line, revision.id);
    }
    auto *browser = new QTextBrowser(&dialog);
    browser->setObjectName(u"historyDiff"_s);
    auto showDiff = [&] {
        const int row = list->currentRow();
        const int baseRow = base->currentIndex();
        if (row < 0 || baseRow < 0)
            return;
        const Revision &shown = revisions.at(row);
        const Revision &against = revisions.at(baseRow);
        browser->setHtml(diffDocument(RevisionDiff::storyText(against), RevisionDiff::storyText(shown)));
    };
    connect(list, &QListWidget::currentRowChanged, &dialog, [&, showDiff](int row) {
        // By default each revision is compared with the one before it.
        if (row >= 0)
            base->setCurrentIndex(qMin(row + 1, int(revisions.size()) - 1));
        showDiff();
    });
    connect(base, &QComboBox::currentIndexChanged, &dialog, showDiff);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    QPushButton *restore = buttons->addButton(tr("&Restore This Revision"), QDialogButtonBox::ActionRole);
    restore->setObjectName(u"historyRestore"_s);
    restore->setEnabled(!m_readOnly);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    connect(restore, &QPushButton::clicked, &dialog, [&] {
        const int row = list->currentRow();
        if (row < 0)
            return;
        Story current = m_window->editor()->story();
        if (repository.restore(current, revisions.at(row).id) != StoryRepository::SaveResult::Saved) {
            report(tr("Cannot restore"), repository.errorString());
            return;
        }
        m_window->editor()->setStory(current);
        dialog.accept();
    });
    auto *splitter = new QSplitter(Qt::Vertical, &dialog);
    splitter->addWidget(list);
    auto *lower = new QWidget(splitter);
    auto *lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    auto *baseRow = new QFormLayout;
    baseRow->addRow(tr("Compared &with:"), base);
    lowerLayout->addLayout(baseRow);
    lowerLayout->addWidget(browser);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(splitter);
    layout->addWidget(buttons);
    dialog.resize(800, 640);
    if (!revisions.isEmpty())
        list->setCurrentRow(0);
    dialog.exec();
}

void WorkflowController::showChangesSinceApproval()
{
    if (!m_library || !m_window->editor()->hasStory())
        return;
    const Story story = m_window->editor()->story();
    const std::optional<Revision> approved = StoryRepository(m_library).lastApprovedRevision(story.id);
    QDialog dialog(m_window);
    dialog.setObjectName(u"changesDialog"_s);
    dialog.setWindowTitle(tr("Changes Since the Last Approval"));
    auto *browser = new QTextBrowser(&dialog);
    browser->setObjectName(u"changesDiff"_s);
    if (approved) {
        browser->setHtml(u"<p>"_s + tr("Approved by %1 at %2.").arg(approved->createdBy, approved->createdAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s)).toHtmlEscaped()
                         + u"</p>"_s
                         + diffDocument(RevisionDiff::storyText(*approved), RevisionDiff::storyText(story)));
    } else {
        browser->setPlainText(tr("This story has not been approved before."));
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(browser);
    layout->addWidget(buttons);
    dialog.resize(760, 560);
    dialog.exec();
}

void WorkflowController::setEmbargo()
{
    if (!m_library || !m_window->editor()->hasStory() || !m_window->saveCurrentStory())
        return;
    Story story = m_window->editor()->story();
    QDialog dialog(m_window);
    dialog.setObjectName(u"embargoDialog"_s);
    dialog.setWindowTitle(tr("Embargo"));
    auto *enabled = new QCheckBox(tr("&Hold publication until:"), &dialog);
    enabled->setObjectName(u"embargoEnabled"_s);
    auto *time = new QDateTimeEdit(story.embargoUntil.isValid() ? story.embargoUntil.toLocalTime()
                                                                 : QDateTime::currentDateTime().addSecs(3600),
                                   &dialog);
    time->setObjectName(u"embargoTime"_s);
    time->setCalendarPopup(true);
    time->setDisplayFormat(u"yyyy-MM-dd HH:mm"_s);
    enabled->setChecked(story.embargoUntil.isValid());
    time->setEnabled(enabled->isChecked());
    connect(enabled, &QCheckBox::toggled, time, &QWidget::setEnabled);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(enabled);
    layout->addWidget(time);
    layout->addWidget(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return;
    story.embargoUntil = enabled->isChecked() ? time->dateTime().toUTC() : QDateTime();
    StoryRepository repository(m_library);
    if (repository.save(story) != StoryRepository::SaveResult::Saved) {
        report(tr("Cannot set the embargo"), repository.errorString());
        return;
    }
    m_library->audit(u"embargo"_s, u"story"_s, story.id,
                     story.embargoUntil.isValid() ? story.embargoUntil.toString(Qt::ISODate) : u"none"_s);
    m_window->editor()->setStory(story);
}

QWidget *WorkflowController::createPeopleEditor(QWidget *parent)
{
    auto *box = new QWidget(parent);
    box->setObjectName(u"peopleEditor"_s);
    auto *table = new QTableWidget(box);
    table->setObjectName(u"peopleTable"_s);
    table->setColumnCount(4);
    // The login is the operating-system account the command line knows the
    // person by (`newsdesk import` and `export` refuse anyone else).
    table->setHorizontalHeaderLabels({tr("Name"), tr("Title"), tr("Role"), tr("Login")});
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto *current = new QComboBox(box);
    current->setObjectName(u"peopleCurrent"_s);
    auto *name = new QLineEdit(box);
    name->setObjectName(u"peopleNewName"_s);
    name->setPlaceholderText(tr("Name"));
    auto *title = new QLineEdit(box);
    title->setObjectName(u"peopleNewTitle"_s);
    title->setPlaceholderText(tr("Title"));
    auto *login = new QLineEdit(box);
    login->setObjectName(u"peopleNewLogin"_s);
    login->setPlaceholderText(tr("Login (for the command line)"));
    auto *role = new QComboBox(box);
    role->setObjectName(u"peopleNewRole"_s);
    role->addItem(personRoleLabel(PersonRole::Writer), int(PersonRole::Writer));
    role->addItem(personRoleLabel(PersonRole::Editor), int(PersonRole::Editor));
    auto *add = new QPushButton(tr("&Add Person"), box);
    add->setObjectName(u"peopleAdd"_s);

    auto fill = [this, table, current, box] {
        if (!m_library)
            return;
        PeopleRepository people(m_library);
        const bool editor = people.roleOfActor() == PersonRole::Editor;
        const QList<Person> everyone = people.all();
        table->setRowCount(int(everyone.size()));
        const QSignalBlocker blocker(current);
        current->clear();
        for (int row = 0; row < everyone.size(); ++row) {
            const Person &person = everyone.at(row);
            table->setItem(row, 0, new QTableWidgetItem(person.name));
            table->setItem(row, 1, new QTableWidgetItem(person.title));
            auto *roleBox = new QComboBox(table);
            roleBox->addItem(personRoleLabel(PersonRole::Writer), int(PersonRole::Writer));
            roleBox->addItem(personRoleLabel(PersonRole::Editor), int(PersonRole::Editor));
            roleBox->setCurrentIndex(person.role == PersonRole::Editor ? 1 : 0);
            roleBox->setEnabled(editor);
            connect(roleBox, &QComboBox::currentIndexChanged, box, [this, roleBox, id = person.id] {
                PeopleRepository repository(m_library);
                if (!repository.setRole(id, PersonRole(roleBox->currentData().toInt())))
                    report(tr("Cannot change the role"), repository.errorString());
                updateActions();
            });
            table->setCellWidget(row, 2, roleBox);
            if (editor) {
                auto *loginField = new QLineEdit(person.login, table);
                loginField->setObjectName(u"peopleLogin"_s);
                connect(loginField, &QLineEdit::editingFinished, box, [this, loginField, id = person.id, was = person.login] {
                    if (loginField->text().trimmed() == was)
                        return;
                    PeopleRepository repository(m_library);
                    if (!repository.setLogin(id, loginField->text())) {
                        report(tr("Cannot change the login"), repository.errorString());
                        loginField->setText(was);
                    }
                });
                table->setCellWidget(row, 3, loginField);
            } else {
                table->setItem(row, 3, new QTableWidgetItem(person.login));
            }
            current->addItem(person.name, person.name);
        }
        current->setCurrentIndex(current->findData(m_library->actor()));
    };
    fill();
    connect(current, &QComboBox::activated, box, [this, current] { setCurrentPerson(current->currentData().toString()); });
    connect(add, &QPushButton::clicked, box, [this, name, title, login, role, fill] {
        if (!addPerson(Person{.name = name->text(),
                              .title = title->text().trimmed(),
                              .role = PersonRole(role->currentData().toInt()),
                              .login = login->text()})) {
            report(tr("Cannot add the person"), m_errorString);
            return;
        }
        name->clear();
        title->clear();
        login->clear();
        fill();
    });
    const bool editor = m_library && PeopleRepository(m_library).roleOfActor() == PersonRole::Editor;
    for (QWidget *field : {static_cast<QWidget *>(name), static_cast<QWidget *>(title), static_cast<QWidget *>(login),
                           static_cast<QWidget *>(role), static_cast<QWidget *>(add)})
        field->setEnabled(editor);

    auto *addRow = new QHBoxLayout;
    addRow->addWidget(name);
    addRow->addWidget(title);
    addRow->addWidget(login);
    addRow->addWidget(role);
    addRow->addWidget(add);
    auto *layout = new QFormLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addRow(tr("&You are:"), current);
    layout->addRow(table);
    layout->addRow(addRow);
    if (!editor)
        layout->addRow(new QLabel(tr("Only editors add people and change roles."), box));
    return box;
}

void WorkflowController::report(const QString &title, const QString &message)
{
    m_errorString = message;
    m_window->statusBar()->showMessage(message, 15000);
    if (m_window->isVisible() && dialogsAllowed()) {
        // Messages quote headlines and names: plain text, never markup.
        QMessageBox box(QMessageBox::Warning, title, message, QMessageBox::Ok, m_window);
        box.setTextFormat(Qt::PlainText);
        box.exec();
    }
}

QAction *WorkflowController::action(WorkflowAction which) const
{
    return m_actions.value(which);
}

QLabel *WorkflowController::personLabel() const
{
    return m_person;
}

QLabel *WorkflowController::reviewCountLabel() const
{
    return m_counts;
}

QDockWidget *WorkflowController::reviewDock() const
{
    return m_dock;
}

QTreeWidget *WorkflowController::reviewQueueView() const
{
    return m_queue;
}

QString WorkflowController::errorString() const
{
    return m_errorString;
}
