// SPDX-License-Identifier: MIT
#include "workflowcontroller.h"

#include "captionreviewdialog.h"
#include "changesdialog.h"
#include "comments.h"
#include "embargodialog.h"
#include "historydialog.h"
#include "identitydialog.h"
#include "library.h"
#include "sqldialect.h"
#include "lockkeeper.h"
#include "prompter.h"
#include "storylocks.h"
#include "storyrepository.h"

#include <QAction>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDockWidget>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QTimer>
#include <QTreeWidget>

using namespace Qt::StringLiterals;

namespace {

QString identityKey(const QString &libraryPath)
{
    return u"identity/"_s
        + QString::fromLatin1(QCryptographicHash::hash(libraryPath.toUtf8(), QCryptographicHash::Sha1).toHex().left(12));
}

} // namespace

WorkflowHost::~WorkflowHost() = default;

WorkflowController::WorkflowController(WorkflowHost &host, Prompter &prompter, QWidget *parent)
    : m_host(host)
    , m_prompter(prompter)
    , m_parent(parent)
    , m_person(new QLabel(parent))
    , m_counts(new QLabel(parent))
    , m_dock(new QDockWidget(tr("Review Queue"), parent))
    , m_queue(new QTreeWidget(m_dock))
    , m_locks(new LockKeeper(this))
{
    m_person->setObjectName(u"currentPerson"_s);
    m_person->setTextFormat(Qt::PlainText); // a person's name, as typed
    m_counts->setObjectName(u"reviewCounts"_s);

    // The lock went with a dropped connection and someone took the story
    // meanwhile. The text stays editable: what this desk has not saved is
    // checked against theirs on saving (a conflict keeps it as a copy).
    connect(m_locks, &LockKeeper::lockLost, this, [this](qint64, const StoryLock &holder) {
        Q_EMIT statusMessage(tr("While the connection was down, %1 started editing this story. Saving compares your "
                                "text with theirs; nothing of yours is overwritten.")
                                 .arg(holder.holder),
                             0);
    });
    m_dock->setObjectName(u"reviewQueueDock"_s);
    m_queue->setObjectName(u"reviewQueue"_s);
    m_queue->setHeaderLabels({tr("Waiting for review"), tr("By")});
    m_queue->setRootIsDecorated(true);
    // What waits (a whole VIRIN, "Stories in review") is never elided in a narrow panel.
    m_queue->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_dock->setWidget(m_queue);
    connect(m_queue, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const qint64 storyId = item->data(0, Qt::UserRole).toLongLong();
        if (storyId > 0)
            Q_EMIT storyRequested(storyId);
        const qint64 photoId = item->data(0, Qt::UserRole + 1).toLongLong();
        if (photoId > 0)
            Q_EMIT photoRequested(photoId);
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
    QMenu *review = m_menu = new QMenu(tr("&Review"), m_parent);
    review->setObjectName(u"menuReview"_s);

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
    m_takeOver = review->addAction(tr("&Take Over Editing…"), this, &WorkflowController::takeOver);
    m_takeOver->setObjectName(u"actionTakeOver"_s);
    review->addSeparator();
    m_changes = review->addAction(tr("Changes Since &Last Approval…"), this, &WorkflowController::showChangesSinceApproval);
    m_changes->setObjectName(u"actionChangesSinceApproval"_s);
    m_history = review->addAction(tr("&History…"), this, &WorkflowController::showHistory);
    m_history->setObjectName(u"actionStoryHistory"_s);
    m_history->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H)); // Ctrl+H is Replace
    m_reviewCaptions = review->addAction(tr("Review &Captions…"), this, &WorkflowController::reviewCaptions);
    m_reviewCaptions->setObjectName(u"actionReviewCaptions"_s);
    m_reviewCaptions->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_R));
    review->addSeparator();
    QAction *queue = m_dock->toggleViewAction();
    queue->setText(tr("Review &Queue"));
    queue->setObjectName(u"actionReviewQueue"_s);
    queue->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
    review->addAction(queue);
}

void WorkflowController::setLibrary(Library *library)
{
    releaseLock();
    m_library = library;
    m_locks->setLibrary(library);
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
    if (!people.roleOfActor()) {
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
    IdentityDialog dialog(PeopleRepository(m_library).all(), m_library->actor(), m_parent);
    if (m_prompter.run(&dialog) != QDialog::Accepted || !m_library)
        return;
    if (dialog.asksForFirstPerson()) {
        // Whoever starts the library on this account is its person on the
        // command line too.
        if (!addPerson(Person{.name = dialog.name(),
                              .title = dialog.title(),
                              .role = PersonRole::Editor,
                              .login = operatingSystemLogin()}))
            report(tr("Cannot add you"), m_errorString);
    } else {
        setCurrentPerson(dialog.chosenName());
    }
}

void WorkflowController::storyOpened(qint64 id)
{
    releaseLock();
    m_readOnly = false;
    m_lockHolder.clear();
    if (m_library && id > 0) {
        StoryLock holder;
        switch (m_locks->acquire(id, &holder)) {
        case StoryLocks::Result::Acquired:
            break;
        case StoryLocks::Result::HeldByOther:
            m_readOnly = true;
            m_lockHolder = holder.holder;
            Q_EMIT statusMessage(tr("%1 is editing this story on %2; it is open read-only.").arg(holder.holder, holder.host), 15000);
            break;
        case StoryLocks::Result::Failed:
        case StoryLocks::Result::NotAllowed:
            Q_EMIT statusMessage(m_locks->errorString(), 10000);
            break;
        }
    }
    updateActions();
}

void WorkflowController::takeOver()
{
    const std::optional<Story> story = m_host.openStory();
    if (!m_library || !story || !m_readOnly)
        return;
    enum { TakeOver, Cancel };
    const QList<Prompter::Button> buttons{{tr("Take Over"), Prompter::Button::Role::Destructive},
                                          {tr("Cancel"), Prompter::Button::Role::Cancel}};
    if (m_prompter.choose(m_parent, Prompter::Severity::Warning, tr("Take Over Editing"),
                          tr("%1 has \"%2\" open for editing. Take it over? What they have not saved stays on their "
                             "desk: saving it later, they are told the story changed and can keep theirs as a copy. "
                             "The audit log records the take-over.")
                              .arg(m_lockHolder, story->headline),
                          buttons, Cancel)
        != TakeOver)
        return;
    if (m_locks->takeOver(story->id) != StoryLocks::Result::Acquired) {
        report(tr("Cannot take the story over"), m_locks->errorString());
        return;
    }
    Q_EMIT statusMessage(tr("You took \"%1\" over from %2.").arg(story->headline, m_lockHolder), 10000);
    m_readOnly = false;
    m_lockHolder.clear();
    updateActions();
}

void WorkflowController::applyEditability(const std::optional<Story> &story)
{
    // Someone else's lock, or a status whose text this person may not change
    // (models/ refuses such a save too; this only saves typing in vain).
    bool readOnly = m_readOnly;
    if (m_library && story)
        readOnly |= !Workflow::checkTextEdit(PeopleRepository(m_library).roleOfActor(), story->status).allowed;
    m_host.setStoryEditable(!readOnly);
}

void WorkflowController::releaseLock()
{
    m_locks->release();
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
    return m_prompter.askText(m_parent, title, label, {}, true).value_or(QString()).trimmed();
}

bool WorkflowController::takeAction(WorkflowAction action, const QString &givenComment)
{
    if (!m_library || !m_host.openStory() || !m_host.saveOpenStory())
        return false;
    QString comment = givenComment;
    if (Workflow::needsComment(action) && comment.trimmed().isEmpty()) {
        comment = action == WorkflowAction::Correct
            ? askComment(tr("Start a Correction"), tr("The correction note readers will see at the end of the article:"))
            : askComment(tr("Request Changes"), tr("What should the writer change?"));
        if (comment.isEmpty())
            return false;
    }
    std::optional<Story> open = m_host.openStory();
    if (!open)
        return false;
    Story story = *open;
    StoryRepository repository(m_library);
    if (repository.transition(story, action, comment) != StoryRepository::SaveResult::Saved) {
        report(workflowActionLabel(action), repository.errorString());
        return false;
    }
    m_host.showStory(story);
    Q_EMIT statusMessage(tr("\"%1\" is now %2.").arg(story.headline, storyStatusLabel(story.status).toLower()), 6000);
    updateActions();
    return true;
}

void WorkflowController::openStoryEdited()
{
    updateActions();
}

void WorkflowController::updateActions()
{
    const std::optional<Story> story = m_host.openStory();
    applyEditability(story);
    const bool hasStory = story && m_library;
    const std::optional<PersonRole> role = m_library ? PeopleRepository(m_library).roleOfActor() : std::nullopt;
    const StoryStatus status = hasStory ? story->status : StoryStatus::Draft;
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
    // Anyone may look; the dialog lets only editors decide.
    if (m_reviewCaptions)
        m_reviewCaptions->setEnabled(m_library);
    if (m_takeOver) {
        const Workflow::Verdict mayTakeOver = Workflow::checkTakeOver(role);
        m_takeOver->setEnabled(hasStory && m_readOnly && !m_lockHolder.isEmpty() && mayTakeOver.allowed);
        m_takeOver->setToolTip(m_readOnly ? mayTakeOver.reason : QString());
    }
    const QString name = m_library ? m_library->actor() : QString();
    if (role)
        m_person->setText(tr("%1 · %2").arg(name, personRoleLabel(*role)));
    else
        m_person->setText(name.isEmpty() ? tr("Nobody · not in this library") : tr("%1 · not in this library").arg(name));
    m_person->setToolTip(tr("Who is working: recorded on every change. Change it in Preferences."));
}

void WorkflowController::reviewCaptions()
{
    if (!m_library)
        return;
    CaptionReviewDialog dialog(m_library, m_prompter, m_parent);
    m_prompter.run(&dialog);
}

void WorkflowController::refreshQueue()
{
    if (!m_library)
        return;
    QString error;
    const ReviewQueue queue = ReviewQueue::load(m_library, &error);
    m_counts->setText(tr("Review: %1 · %2")
                          .arg(tr("%n story(s)", nullptr, int(queue.stories.size())),
                               tr("%n caption(s)", nullptr, int(queue.captions.size()))));
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
    const std::optional<Story> story = m_host.openStory();
    if (!m_library || !story)
        return;
    const qint64 photoId = onPhoto ? m_host.selectedPhotoId() : 0;
    if (onPhoto && photoId <= 0) {
        report(tr("Comment"), tr("Select a photo in the media panel first."));
        return;
    }
    CommentRepository comments(m_library);
    const QString entity = onPhoto ? u"photo"_s : u"story"_s;
    const qint64 id = onPhoto ? photoId : story->id;
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
    if (!m_library || !m_host.openStory() || !m_host.saveOpenStory())
        return;
    const std::optional<Story> story = m_host.openStory();
    if (!story)
        return;
    StoryRepository repository(m_library);
    HistoryDialog dialog(*story, repository.revisions(story->id), !m_readOnly, m_parent);
    connect(&dialog, &HistoryDialog::restoreRequested, &dialog, [this, &dialog, &repository](qint64 revisionId) {
        std::optional<Story> current = m_host.openStory();
        if (!current)
            return;
        if (repository.restore(*current, revisionId) != StoryRepository::SaveResult::Saved) {
            report(tr("Cannot restore"), repository.errorString());
            return;
        }
        m_host.showStory(*current);
        dialog.accept();
    });
    m_prompter.run(&dialog);
}

void WorkflowController::showChangesSinceApproval()
{
    const std::optional<Story> story = m_host.openStory();
    if (!m_library || !story)
        return;
    ChangesDialog dialog(*story, StoryRepository(m_library).lastApprovedRevision(story->id), m_parent);
    m_prompter.run(&dialog);
}

void WorkflowController::setEmbargo()
{
    if (!m_library || !m_host.openStory() || !m_host.saveOpenStory())
        return;
    std::optional<Story> open = m_host.openStory();
    if (!open)
        return;
    Story story = *open;
    EmbargoDialog dialog(story.embargoUntil, m_parent);
    if (m_prompter.run(&dialog) != QDialog::Accepted || !m_library)
        return;
    story.embargoUntil = dialog.embargoUntil();
    StoryRepository repository(m_library);
    if (repository.save(story) != StoryRepository::SaveResult::Saved) {
        report(tr("Cannot set the embargo"), repository.errorString());
        return;
    }
    // A team library's server records the embargo itself.
    if (!m_library->dialect().serverEnforcesWorkflow())
        m_library->audit(u"embargo"_s, u"story"_s, story.id,
                         story.embargoUntil.isValid() ? story.embargoUntil.toString(Qt::ISODate) : u"none"_s);
    m_host.showStory(story);
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
        const bool editor = Workflow::checkManagePeople(people.roleOfActor()).allowed;
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
    const bool editor = m_library && Workflow::checkManagePeople(PeopleRepository(m_library).roleOfActor()).allowed;
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
    Q_EMIT statusMessage(message, 15000);
    // A window not shown yet (or any more) has its status bar say it.
    if (m_parent && m_parent->isVisible())
        m_prompter.tell(m_parent, Prompter::Severity::Warning, title, message);
}

QAction *WorkflowController::action(WorkflowAction which) const
{
    return m_actions.value(which);
}

QMenu *WorkflowController::reviewMenu() const
{
    return m_menu;
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
