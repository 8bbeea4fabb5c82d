// SPDX-License-Identifier: MIT
#include "publicationform.h"

#include "people.h"
#include "workflow.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

using namespace Qt::StringLiterals;

PublicationForm::PublicationForm(Library *library, QWidget *parent)
    : QWidget(parent)
    , m_library(library)
    , m_publisher(new QLineEdit(this))
    , m_address(new QLineEdit(this))
    , m_copyright(new QLineEdit(this))
    , m_usageTerms(new QLineEdit(this))
    , m_hint(new QLabel(this))
{
    setObjectName(u"publicationForm"_s);
    m_publisher->setObjectName(u"publicationPublisher"_s);
    m_publisher->setPlaceholderText(tr("U.S. Department of Defense"));
    m_address->setObjectName(u"publicationAddress"_s);
    m_address->setPlaceholderText(tr("https://www.example.mil/News/{slug}/"));
    m_address->setToolTip(tr("{slug} and {id} stand for the story's slug and number."));
    m_copyright->setObjectName(u"publicationCopyright"_s);
    m_copyright->setPlaceholderText(tr("Public domain: a work of the U.S. Government"));
    m_copyright->setToolTip(tr("Sent with every story exported as IPTC ninjs (copyrightNotice)."));
    m_usageTerms->setObjectName(u"publicationUsageTerms"_s);
    m_usageTerms->setPlaceholderText(tr("Credit the photographer and the Department of Defense"));
    m_usageTerms->setToolTip(tr("Sent with every story exported as IPTC ninjs (usageTerms)."));
    m_hint->setObjectName(u"publicationHint"_s);
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::PlainText);
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_example.id = 42;
    m_example.slug = u"your-story-slug"_s;
    PublicationSettingsRepository repository(library);
    m_saved = repository.load();
    m_publisher->setText(m_saved.publisher);
    m_address->setText(m_saved.articleUrlTemplate);
    m_copyright->setText(m_saved.copyrightNotice);
    m_usageTerms->setText(m_saved.usageTerms);
    const bool editor = Workflow::checkPublicationSettings(PeopleRepository(library).roleOfActor()).allowed;
    m_publisher->setReadOnly(!editor);
    m_address->setReadOnly(!editor);
    m_copyright->setReadOnly(!editor);
    m_usageTerms->setReadOnly(!editor);

    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("&Publisher:"), m_publisher);
    form->addRow(tr("&Article address:"), m_address);
    form->addRow(QString(), m_hint);
    form->addRow(tr("&Copyright notice:"), m_copyright);
    form->addRow(tr("&Usage terms:"), m_usageTerms);
    if (!editor) {
        auto *note = new QLabel(tr("Only an editor of this library can change these."), this);
        note->setWordWrap(true);
        form->addRow(QString(), note);
    }
    connect(m_address, &QLineEdit::textChanged, this, &PublicationForm::updateExample);
    updateExample();
}

void PublicationForm::setExampleStory(const Story &story)
{
    m_example = story;
    updateExample();
}

PublicationSettings PublicationForm::edited() const
{
    return PublicationSettings{m_publisher->text().trimmed(), m_address->text().trimmed(), m_copyright->text().trimmed(),
                               m_usageTerms->text().trimmed()};
}

void PublicationForm::updateExample()
{
    const PublicationSettings settings = edited();
    const QString problem = PublicationSettings::templateProblem(settings.articleUrlTemplate);
    QPalette palette = m_hint->palette();
    palette.setColor(QPalette::WindowText, problem.isEmpty() ? this->palette().color(QPalette::WindowText) : QColor(0xb0, 0x00, 0x20));
    m_hint->setPalette(palette);
    if (!problem.isEmpty())
        m_hint->setText(problem);
    else if (settings.articleUrlTemplate.isEmpty())
        m_hint->setText(tr("Without an address, exported pages link to themselves and their images by relative paths."));
    else
        m_hint->setText(tr("For example: %1").arg(settings.articleUrl(m_example).toString()));
}

bool PublicationForm::apply()
{
    m_errorString.clear();
    const PublicationSettings settings = edited();
    if (settings == m_saved)
        return true;
    PublicationSettingsRepository repository(m_library);
    if (!repository.save(settings)) {
        m_errorString = repository.errorString();
        m_hint->setText(m_errorString);
        return false;
    }
    m_saved = settings;
    return true;
}

QString PublicationForm::errorString() const
{
    return m_errorString;
}
