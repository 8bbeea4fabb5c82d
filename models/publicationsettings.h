// SPDX-License-Identifier: MIT
#pragma once

#include "repositoryerror.h"

#include <QString>
#include <QUrl>

class Library;
struct Story;

// Where a library's stories are published, kept in the library (one office
// publishes to one site, whoever exports): the publishing organisation for
// schema.org and the address of an article, with {slug} and {id} standing
// for the story's. Exported pages need an absolute address: Open Graph
// readers ignore a relative og:url.
struct PublicationSettings
{
    QString publisher;          // "U.S. Department of Defense"
    QString articleUrlTemplate; // "https://www.defense.gov/News/News-Stories/Article/{slug}/"
    // The rights exchange formats carry with every story (ninjs
    // copyrightNotice and usageTerms): "Public domain: a work of the U.S.
    // Government." and "Credit the photographer and DoD."
    QString copyrightNotice;
    QString usageTerms;

    bool operator==(const PublicationSettings &other) const = default;

    // Why the template cannot serve (empty: it can, or it is empty): not an
    // http(s) address, no host, or no {slug}/{id}, which would give every
    // story the same address.
    static QString templateProblem(const QString &articleUrlTemplate);
    // The story's article address; empty when there is no template.
    QUrl articleUrl(const Story &story) const;
};

class PublicationSettingsRepository
{
public:
    explicit PublicationSettingsRepository(Library *library);

    PublicationSettings load();
    // Editors only; the template must pass templateProblem(). Audited.
    bool save(const PublicationSettings &settings);

    QString errorString() const;

private:
    Library *m_library;
    RepositoryError m_error;
};
