// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <memory>

namespace Sonnet {
class Speller;
}

// Spelling for the story body with KF6 Sonnet and an English dictionary,
// plus the story's own list of proper names to accept. Answers are cached per
// word: a story repeats its words, and a dictionary lookup costs far more than
// a hash lookup, which keeps checking a changed paragraph cheap.
class SpellChecker : public QObject
{
    Q_OBJECT
public:
    explicit SpellChecker(QObject *parent = nullptr);
    ~SpellChecker() override;

    // Loading the dictionary is a good share of the time before the
    // window's first frame: the GUI starts it on a worker thread while it
    // builds the window (once, on the GUI thread, after the QApplication
    // exists). The first checker to need its dictionary takes that one,
    // waiting for it if it is still loading; a checker touches Sonnet only
    // then, never while the preload runs.
    static void preload();

    // False when no dictionary for the language is installed.
    bool isValid() const;
    QString language() const;

    // True for a word the dictionary does not know and the story does not
    // accept. Words with digits and all-capital acronyms (NATO) are accepted.
    bool isMisspelled(const QString &word) const;
    QStringList suggestions(const QString &word) const;

    QStringList acceptedNames() const;
    void setAcceptedNames(const QStringList &names);
    void addAcceptedName(const QString &name);

Q_SIGNALS:
    // The answers changed (another story's names): check the text again.
    void acceptedNamesChanged();

private:
    Sonnet::Speller &speller() const;

    mutable std::unique_ptr<Sonnet::Speller> m_speller;
    QSet<QString> m_accepted;
    mutable QHash<QString, bool> m_cache;
};
