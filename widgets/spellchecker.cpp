// SPDX-License-Identifier: MIT
#include "spellchecker.h"

#include <Sonnet/Speller>

using namespace Qt::StringLiterals;

SpellChecker::SpellChecker(QObject *parent)
    : QObject(parent)
    , m_speller(std::make_unique<Sonnet::Speller>(u"en_US"_s))
{
}

SpellChecker::~SpellChecker() = default;

bool SpellChecker::isValid() const
{
    return m_speller->isValid();
}

QString SpellChecker::language() const
{
    return m_speller->language();
}

bool SpellChecker::isMisspelled(const QString &word) const
{
    if (word.size() < 2 || !m_speller->isValid())
        return false;
    bool hasLower = false;
    for (const QChar c : word) {
        if (c.isDigit())
            return false;
        hasLower = hasLower || c.isLower();
    }
    if (!hasLower)
        return false;
    // The dictionary knows the typewriter apostrophe; the body has the curly one.
    QString key = word;
    key.replace(u'’', u'\'');
    if (key.endsWith(u"'s"_s))
        key.chop(2);
    if (m_accepted.contains(key))
        return false;
    const auto cached = m_cache.constFind(key);
    if (cached != m_cache.constEnd())
        return *cached;
    const bool misspelled = m_speller->isMisspelled(key);
    m_cache.insert(key, misspelled);
    return misspelled;
}

QStringList SpellChecker::suggestions(const QString &word) const
{
    QString key = word;
    key.replace(u'’', u'\'');
    return m_speller->suggest(key).mid(0, 8);
}

QStringList SpellChecker::acceptedNames() const
{
    QStringList names(m_accepted.cbegin(), m_accepted.cend());
    names.sort();
    return names;
}

void SpellChecker::setAcceptedNames(const QStringList &names)
{
    const QSet<QString> accepted(names.cbegin(), names.cend());
    if (accepted == m_accepted)
        return;
    m_accepted = accepted;
    Q_EMIT acceptedNamesChanged();
}

void SpellChecker::addAcceptedName(const QString &name)
{
    if (name.isEmpty() || m_accepted.contains(name))
        return;
    m_accepted.insert(name);
    Q_EMIT acceptedNamesChanged();
}
