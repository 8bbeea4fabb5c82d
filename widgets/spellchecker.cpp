// SPDX-License-Identifier: MIT
#include "spellchecker.h"

#include <Sonnet/Speller>

#include <QFuture>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace {

const QString dictionaryLanguage = u"en_US"_s;

// The preloaded speller and the load still running; GUI thread only.
struct Preload
{
    ~Preload() { loading.waitForFinished(); }
    std::unique_ptr<Sonnet::Speller> speller;
    QFuture<void> loading;
};

Preload &preloaded()
{
    static Preload preload;
    return preload;
}

} // namespace

SpellChecker::SpellChecker(QObject *parent)
    : QObject(parent)
{
}

SpellChecker::~SpellChecker() = default;

void SpellChecker::preload()
{
    Preload &preload = preloaded();
    if (preload.speller)
        return;
    // Sonnet's loader and its plugins come up here, on the GUI thread (the
    // loader is a QObject); the worker only reads the dictionary, which
    // Sonnet does the first time a speller is asked whether it is valid.
    preload.speller = std::make_unique<Sonnet::Speller>(dictionaryLanguage);
    preload.loading = QtConcurrent::run([speller = preload.speller.get()] { (void)speller->isValid(); });
}

Sonnet::Speller &SpellChecker::speller() const
{
    if (!m_speller) {
        Preload &preload = preloaded();
        preload.loading.waitForFinished();
        m_speller = preload.speller ? std::move(preload.speller) : std::make_unique<Sonnet::Speller>(dictionaryLanguage);
    }
    return *m_speller;
}

bool SpellChecker::isValid() const
{
    return speller().isValid();
}

QString SpellChecker::language() const
{
    return speller().language();
}

bool SpellChecker::isMisspelled(const QString &word) const
{
    if (word.size() < 2 || !speller().isValid())
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
    const bool misspelled = speller().isMisspelled(key);
    m_cache.insert(key, misspelled);
    return misspelled;
}

QStringList SpellChecker::suggestions(const QString &word) const
{
    QString key = word;
    key.replace(u'’', u'\'');
    return speller().suggest(key).mid(0, 8);
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
