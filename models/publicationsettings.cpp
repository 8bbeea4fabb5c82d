// SPDX-License-Identifier: MIT
#include "publicationsettings.h"

#include "library.h"
#include "people.h"
#include "sqlquery.h"
#include "story.h"
#include "textsafety.h"
#include "workflow.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::StringLiterals;

namespace {

const QString publisherKey = u"publisher"_s;
const QString templateKey = u"article_url_template"_s;
const QString copyrightKey = u"copyright_notice"_s;
const QString usageTermsKey = u"usage_terms"_s;

QString tr(const char *text)
{
    return QCoreApplication::translate("PublicationSettings", text);
}

} // namespace

QString PublicationSettings::templateProblem(const QString &articleUrlTemplate)
{
    const QString text = articleUrlTemplate.trimmed();
    if (text.isEmpty())
        return {};
    if (!text.contains(u"{slug}"_s) && !text.contains(u"{id}"_s))
        return tr("The address needs {slug} or {id}, or every story would have the same address.");
    QString sample = text;
    sample.replace(u"{slug}"_s, u"slug"_s).replace(u"{id}"_s, u"1"_s);
    const QUrl url(sample, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != u"https"_s && url.scheme() != u"http"_s) || url.host().isEmpty())
        return tr("The address must be a whole web address, like https://www.example.mil/News/{slug}/.");
    return {};
}

QUrl PublicationSettings::articleUrl(const Story &story) const
{
    const QString text = articleUrlTemplate.trimmed();
    if (text.isEmpty() || !templateProblem(text).isEmpty())
        return {};
    // A slug is made of URL-safe characters; a story whose slug is not one
    // (a hand-edited library file: "../x") gets no address rather than one
    // that points elsewhere.
    if (text.contains(u"{slug}"_s) && !isSlug(story.slug))
        return {};
    QString address = text;
    address.replace(u"{slug}"_s, QString::fromLatin1(QUrl::toPercentEncoding(story.slug)))
        .replace(u"{id}"_s, QString::number(story.id));
    return QUrl(address);
}

PublicationSettingsRepository::PublicationSettingsRepository(Library *library)
    : m_library(library)
{
}

PublicationSettings PublicationSettingsRepository::load()
{
    m_error.clear();
    PublicationSettings settings;
    SqlQuery query(m_library->database());
    if (!query.exec(u"SELECT key, value FROM library_settings"_s)) {
        m_error.fail(query, QCoreApplication::translate("PublicationSettingsRepository", "Cannot read the library's publication settings"));
        return settings;
    }
    const QSqlRecord record = query.record();
    const int keyColumn = record.indexOf(u"key"_s), valueColumn = record.indexOf(u"value"_s);
    while (query.next()) {
        const QString key = query.value(keyColumn).toString();
        if (key == publisherKey)
            settings.publisher = query.value(valueColumn).toString();
        else if (key == templateKey)
            settings.articleUrlTemplate = query.value(valueColumn).toString();
        else if (key == copyrightKey)
            settings.copyrightNotice = query.value(valueColumn).toString();
        else if (key == usageTermsKey)
            settings.usageTerms = query.value(valueColumn).toString();
    }
    return settings;
}

bool PublicationSettingsRepository::save(const PublicationSettings &given)
{
    m_error.clear();
    // The publisher is printed on every exported page.
    PublicationSettings settings = given;
    TextSafety::cleanPublicationSettings(settings);
    if (const Workflow::Verdict verdict = Workflow::checkPublicationSettings(PeopleRepository(m_library).roleOfActor());
        !verdict.allowed) {
        m_error.fail(verdict.reason);
        return false;
    }
    const QString problem = PublicationSettings::templateProblem(settings.articleUrlTemplate);
    if (!problem.isEmpty()) {
        m_error.fail(problem);
        return false;
    }
    WriteTransaction transaction(m_library, &m_error);
    if (!transaction.begin())
        return false;
    SqlQuery query(m_library->database());
    query.prepare(u"INSERT INTO library_settings (key, value) VALUES (:key, :value) "
                  "ON CONFLICT (key) DO UPDATE SET value = excluded.value"_s);
    const QList<std::pair<QString, QString>> values{{publisherKey, settings.publisher.trimmed()},
                                                    {templateKey, settings.articleUrlTemplate.trimmed()},
                                                    {copyrightKey, settings.copyrightNotice.trimmed()},
                                                    {usageTermsKey, settings.usageTerms.trimmed()}};
    for (const auto &[key, value] : values) {
        query.bindValue(u":key"_s, key);
        query.bindValue(u":value"_s, sqlText(value));
        if (!query.exec()) {
            m_error.fail(query, QCoreApplication::translate("PublicationSettingsRepository", "Cannot save the library's publication settings"));
            return false;
        }
    }
    if (!m_library->audit(u"publication-settings"_s, u"library"_s, 0,
                          settings.publisher.trimmed() + u" · "_s + settings.articleUrlTemplate.trimmed())) {
        m_error.fail(QCoreApplication::translate("PublicationSettingsRepository", "Cannot record the change in the library's audit log."));
        return false;
    }
    return transaction.commit();
}

QString PublicationSettingsRepository::errorString() const
{
    return m_error.message();
}
