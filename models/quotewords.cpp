// SPDX-License-Identifier: MIT
#include "quotewords.h"

#include <QFile>
#include <QStringDecoder>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Quotes {

WordSet::WordSet(const QStringList &words)
    : m_words(words.cbegin(), words.cend())
{
    std::sort(m_words.begin(), m_words.end());
}

bool WordSet::contains(QStringView word) const
{
    return std::binary_search(m_words.cbegin(), m_words.cend(), word, [](QStringView a, QStringView b) { return a < b; });
}

namespace {

// Each list's file name and where it goes: one table, so a list cannot be
// named without being loaded or loaded without being named.
struct ListFile {
    QStringView name;
    WordSet WordLists::*set;
};
constexpr ListFile listFiles[] = {
    {u"speech-verbs", &WordLists::speechVerbs},
    {u"listener-verbs", &WordLists::listenerVerbs},
    {u"adverbs", &WordLists::adverbs},
    {u"auxiliaries", &WordLists::auxiliaries},
    {u"title-words", &WordLists::titleWords},
    {u"organisation-words", &WordLists::organisationWords},
    {u"sentence-words", &WordLists::sentenceWords},
    {u"pronouns", &WordLists::pronouns},
    {u"determiners", &WordLists::determiners},
    {u"title-connectors", &WordLists::titleConnectors},
    {u"name-particles", &WordLists::nameParticles},
    {u"name-suffixes", &WordLists::nameSuffixes},
    {u"abbreviations", &WordLists::abbreviations},
};

} // namespace

QStringList WordLists::names()
{
    QStringList names;
    for (const ListFile &list : listFiles)
        names.append(list.name.toString());
    return names;
}

QString WordLists::path(const QString &name)
{
    return u":/newsdesk/wordlists/%1.txt"_s.arg(name);
}

std::optional<QStringList> WordLists::read(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"%1: %2"_s.arg(path, file.errorString());
        return std::nullopt;
    }
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder.decode(file.readAll());
    if (decoder.hasError()) {
        *error = u"%1: not UTF-8"_s.arg(path);
        return std::nullopt;
    }
    QStringList words;
    int lineNumber = 0;
    for (QStringView line : QStringView(text).split(u'\n')) {
        ++lineNumber;
        if (const qsizetype comment = line.indexOf(u'#'); comment >= 0)
            line = line.first(comment);
        line = line.trimmed();
        if (line.isEmpty())
            continue;
        // The reader compares single words; a line with a space or a control
        // character in it could never match and would be dropped unseen.
        if (std::any_of(line.begin(), line.end(), [](QChar c) { return c.isSpace() || c.category() == QChar::Other_Control || c.category() == QChar::Other_Format; })) {
            *error = u"%1:%2: \"%3\" is not a single word"_s.arg(path).arg(lineNumber).arg(line.toString());
            return std::nullopt;
        }
        words.append(line.toString());
    }
    if (words.isEmpty()) {
        *error = u"%1: holds no words"_s.arg(path);
        return std::nullopt;
    }
    return words;
}

namespace {

WordLists load()
{
    WordLists lists;
    for (const ListFile &list : listFiles) {
        QString error;
        const std::optional<QStringList> words = WordLists::read(WordLists::path(list.name.toString()), &error);
        if (!words)
            qFatal("The quote analyzer's word list cannot be read: %s", qPrintable(error));
        lists.*list.set = WordSet(*words);
    }
    return lists;
}

} // namespace

const WordLists &wordLists()
{
    // A function-local static: initialised once, by the first thread that
    // gets here, while any other waits (C++11 "magic statics").
    static const WordLists lists = load();
    return lists;
}

} // namespace Quotes
