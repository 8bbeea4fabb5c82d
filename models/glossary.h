// SPDX-License-Identifier: MIT
#pragma once

#include "repositoryerror.h"
#include "typography.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class Library;

// The library's glossary (issue 15): names the desk spells the same way in
// every story ("Dan Caine", "Yokosuka") and code replacements that expand as
// one types ("=cjcs=" → "Chairman of the Joint Chiefs of Staff Gen. Dan
// Caine"). Every word of every entry counts as correctly spelled, and the
// quote panel takes speakers' full names and titles from it.
struct GlossaryEntry
{
    qint64 id = 0;
    QString code; // without the = marks; empty for a name that only spells
    QString text; // the name, or what the code expands to
    QString createdBy;
    friend bool operator==(const GlossaryEntry &, const GlossaryEntry &) = default;
};

namespace Glossary {

// Longest code and text an entry may hold: a code is typed, and an
// expansion is a name with its title, not an article.
constexpr qsizetype maxCodeLength = 32;
constexpr qsizetype maxTextLength = 500;

// Why code and text cannot be an entry, for people; empty when they can.
// A code is letters, digits, '-' and '_' (it sits between two '='); the text
// is one line without control characters, direction overrides or NUL
// (TextSafety), at most maxTextLength characters. Nothing is cleaned
// silently: what goes into every caption must be what the editor typed.
// A team library's server holds every entry to it too
// (PostgresDialect::glossaryEntryCheck, tested against it).
QString problem(const QString &code, const QString &text);

// The code replacement to make after typing up to cursor in text: when the
// text before cursor ends in "=code=" for a code of codes (and the opening
// '=' does not follow a letter or digit, so "a=b=" in prose is left alone),
// the range of "=code=" and what replaces it.
std::optional<Typography::Replacement> expansionAt(QStringView text, qsizetype cursor,
                                                   const QHash<QString, QString> &codes);

// code → text of the entries that have a code.
QHash<QString, QString> codes(const QList<GlossaryEntry> &entries);
// Every word (letters, with inner apostrophes and hyphens) of every entry:
// what the spell check accepts.
QStringList words(const QList<GlossaryEntry> &entries);
// Every entry's text: the names the quote panel completes speakers from.
QStringList names(const QList<GlossaryEntry> &entries);

} // namespace Glossary

// The glossary as the library keeps it. Anyone may add an entry; changing or
// deleting one is an editor's (Workflow::checkGlossaryChange): an entry goes
// into every desk's captions, so what others rely on is not rewritten in
// passing. A team library's server enforces the same with its grants.
class GlossaryRepository
{
public:
    explicit GlossaryRepository(Library *library);

    // Every entry, by text without regard to case; nullopt on failure.
    std::optional<QList<GlossaryEntry>> entries();
    // Adds an entry (Glossary::problem() must be empty; a code or a plain
    // name already there is refused with a message naming it).
    std::optional<GlossaryEntry> add(const QString &code, const QString &text);
    // Adds name as an entry without a code unless the glossary has it:
    // "Add to Glossary" on a misspelt word. True when it is there afterwards.
    bool addName(const QString &name);
    bool update(const GlossaryEntry &entry);
    bool remove(qint64 id);

    QString errorString() const;

private:
    bool mayChange();
    bool failUnique(const QString &code, const QString &text);

    Library *m_library;
    RepositoryError m_error;
};
