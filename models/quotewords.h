// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>
#include <vector>

// The word lists the quote analyzer reads names, titles and attributions with
// (speech verbs, title words, …). Each is a text file in models/wordlists/,
// one word a line, compiled into the models library as a resource, so a copy
// editor can read and extend a list without reading the reader.
namespace Quotes {

// A fixed set of words, looked up without allocating. Case-sensitive.
class WordSet
{
public:
    WordSet() = default;
    explicit WordSet(const QStringList &words);

    bool contains(QStringView word) const;
    bool isEmpty() const { return m_words.empty(); }

private:
    std::vector<QString> m_words; // sorted
};

struct WordLists {
    WordSet speechVerbs;
    WordSet listenerVerbs;
    WordSet adverbs;
    WordSet auxiliaries;
    WordSet titleWords;
    WordSet organisationWords;
    WordSet sentenceWords;
    WordSet pronouns;
    WordSet determiners;
    WordSet titleConnectors;
    WordSet nameParticles;
    WordSet nameSuffixes;
    WordSet abbreviations;

    // The name of each list, as its file is named without ".txt".
    static QStringList names();
    // The resource path of the list called name.
    static QString path(const QString &name);
    // The words of the list file at path, in file order: blank lines and
    // everything from a # on are skipped. Nothing, with *error set, when the
    // file cannot be read, is not UTF-8, holds a line that is no single word,
    // or holds no word at all.
    static std::optional<QStringList> read(const QString &path, QString *error);
};

// The lists, read from the resources on first use (thread-safe). A list that
// cannot be read stops the program with a message naming it: an analysis
// without its speech verbs or titles would find no speaker, and nobody would
// see why. The lists are compiled in, so only a broken build gets there, and
// tst_quoteanalyzer reads each of them.
const WordLists &wordLists();

} // namespace Quotes
