// SPDX-License-Identifier: MIT
#include "glossary.h"

#include "library.h"
#include "people.h"
#include "sqldialect.h"
#include "sqlquery.h"
#include "textsafety.h"
#include "workflow.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Glossary", text);
}

bool isCodeCharacter(QChar c)
{
    return (c.unicode() < 128 && c.isLetterOrNumber()) || c == u'-' || c == u'_';
}

// The first character no entry may hold, as U+XXXX, for a message that
// points at it; empty when there is none.
QString forbiddenCharacter(const QString &text)
{
    for (const char32_t c : QStringView(text).toUcs4()) {
        if (TextSafety::isForbidden(c) || c == U'\n' || c == U'\r' || c == U'\t')
            return u"U+"_s + QString::number(uint(c), 16).toUpper().rightJustified(4, u'0');
    }
    return {};
}

} // namespace

namespace Glossary {

QString problem(const QString &code, const QString &text)
{
    if (code.size() > maxCodeLength)
        return tr("A code is at most %1 characters long.").arg(maxCodeLength);
    for (const QChar c : code) {
        if (!isCodeCharacter(c))
            return tr("A code is letters, digits, - and _ only (it is typed between two = signs): \"%1\" is not.")
                .arg(TextSafety::forTerminal(code));
    }
    if (text.trimmed().isEmpty())
        return code.isEmpty() ? tr("Type the name the glossary should know.") : tr("Type what =%1= expands to.").arg(code);
    if (text.size() > maxTextLength)
        return tr("An entry is at most %1 characters long; this one has %2.").arg(maxTextLength).arg(text.size());
    if (const QString character = forbiddenCharacter(text); !character.isEmpty())
        return tr("An entry is one line of text; it holds the invisible character %1 (a control character, a line "
                  "break or a direction override), which would go into every caption it expands in.")
            .arg(character);
    if (text != text.trimmed())
        return tr("An entry does not start or end with spaces.");
    return {};
}

std::optional<Typography::Replacement> expansionAt(QStringView text, qsizetype cursor, const QHash<QString, QString> &codes)
{
    if (codes.isEmpty() || cursor < 3 || cursor > text.size() || text.at(cursor - 1) != u'=')
        return std::nullopt;
    qsizetype start = cursor - 2;
    while (start >= 0 && cursor - 1 - start <= maxCodeLength + 1 && isCodeCharacter(text.at(start)))
        --start;
    if (start < 0 || text.at(start) != u'=' || start == cursor - 2)
        return std::nullopt;
    if (start > 0 && text.at(start - 1).isLetterOrNumber())
        return std::nullopt;
    const QString code = text.mid(start + 1, cursor - start - 2).toString();
    const auto found = codes.constFind(code);
    if (found == codes.constEnd())
        return std::nullopt;
    return Typography::Replacement{.offset = start, .length = cursor - start, .text = *found};
}

QHash<QString, QString> codes(const QList<GlossaryEntry> &entries)
{
    QHash<QString, QString> result;
    for (const GlossaryEntry &entry : entries) {
        if (!entry.code.isEmpty())
            result.insert(entry.code, entry.text);
    }
    return result;
}

QStringList words(const QList<GlossaryEntry> &entries)
{
    static const QRegularExpression word(u"\\p{L}+(?:['’-]\\p{L}+)*"_s);
    QStringList result;
    for (const GlossaryEntry &entry : entries) {
        for (const QRegularExpressionMatch &match : word.globalMatch(entry.text))
            result << match.captured().replace(u'’', u'\'');
    }
    result.removeDuplicates();
    return result;
}

QStringList names(const QList<GlossaryEntry> &entries)
{
    QStringList result;
    for (const GlossaryEntry &entry : entries)
        result << entry.text;
    return result;
}

} // namespace Glossary

GlossaryRepository::GlossaryRepository(Library *library)
    : m_library(library)
{
}

QString GlossaryRepository::errorString() const
{
    return m_error.message();
}

std::optional<QList<GlossaryEntry>> GlossaryRepository::entries()
{
    SqlQuery query(m_library->database());
    if (!query.exec(u"SELECT id, code, text, created_by FROM glossary ORDER BY %1, id"_s.arg(
            m_library->dialect().caseInsensitiveOrder(u"text"_s)))) {
        m_error.fail(query, tr("Cannot read the glossary"));
        return std::nullopt;
    }
    const QSqlRecord record = query.record();
    const int id = record.indexOf(u"id"_s);
    const int code = record.indexOf(u"code"_s);
    const int text = record.indexOf(u"text"_s);
    const int createdBy = record.indexOf(u"created_by"_s);
    QList<GlossaryEntry> result;
    while (query.next()) {
        result << GlossaryEntry{.id = query.value(id).toLongLong(),
                                .code = query.value(code).toString(),
                                .text = query.value(text).toString(),
                                .createdBy = query.value(createdBy).toString()};
    }
    return result;
}

bool GlossaryRepository::failUnique(const QString &code, const QString &text)
{
    // Asked before writing, to name what is there; the unique indexes are
    // what holds when two desks add the same code at once.
    SqlQuery query(m_library->database());
    query.prepare(u"SELECT text FROM glossary WHERE (:code <> '' AND code = :code) OR (:code = '' AND code = '' AND text = :text)"_s);
    query.bindValue(u":code"_s, sqlText(code));
    query.bindValue(u":text"_s, sqlText(text));
    if (!query.exec())
        return m_error.fail(query, tr("Cannot read the glossary"));
    if (!query.next())
        return true;
    if (!code.isEmpty())
        return m_error.fail(tr("The glossary already has the code =%1= (for \"%2\").").arg(code, query.value(0).toString()));
    return m_error.fail(tr("The glossary already has \"%1\".").arg(text));
}

std::optional<GlossaryEntry> GlossaryRepository::add(const QString &code, const QString &text)
{
    m_error.clear();
    if (const QString why = Glossary::problem(code, text); !why.isEmpty()) {
        m_error.fail(why);
        return std::nullopt;
    }
    WriteTransaction transaction(m_library, &m_error);
    if (!transaction.begin() || !failUnique(code, text))
        return std::nullopt;
    SqlQuery query(m_library->database());
    // On a team library the server writes when and by whom.
    if (m_library->dialect().serverEnforcesWorkflow()) {
        query.prepare(u"INSERT INTO glossary (code, text) VALUES (:code, :text) RETURNING id, created_by"_s);
    } else {
        query.prepare(u"INSERT INTO glossary (code, text, created_at, created_by) VALUES (:code, :text, :at, :by) "
                      "RETURNING id, created_by"_s);
        query.bindValue(u":at"_s, Library::nowUtc());
        query.bindValue(u":by"_s, sqlText(m_library->actor()));
    }
    query.bindValue(u":code"_s, sqlText(code));
    query.bindValue(u":text"_s, sqlText(text));
    if (!query.exec() || !query.next()) {
        m_error.fail(query, tr("Cannot add \"%1\" to the glossary").arg(text));
        return std::nullopt;
    }
    GlossaryEntry entry{.id = query.value(0).toLongLong(), .code = code, .text = text, .createdBy = query.value(1).toString()};
    query.finish();
    if (!m_library->audit(u"glossary-add"_s, u"glossary"_s, entry.id, code.isEmpty() ? text : u"=%1= %2"_s.arg(code, text))) {
        m_error.fail(tr("Cannot record the new glossary entry in the audit log"));
        return std::nullopt;
    }
    if (!transaction.commit())
        return std::nullopt;
    Q_EMIT m_library->glossaryChanged();
    return entry;
}

bool GlossaryRepository::addName(const QString &name)
{
    const std::optional<QList<GlossaryEntry>> known = entries();
    if (!known)
        return false;
    for (const GlossaryEntry &entry : *known) {
        if (entry.code.isEmpty() && entry.text == name)
            return true;
    }
    return add(QString(), name).has_value();
}

bool GlossaryRepository::mayChange()
{
    const Workflow::Verdict verdict = Workflow::checkGlossaryChange(PeopleRepository(m_library).roleOfActor());
    return verdict.allowed || m_error.fail(verdict.reason);
}

bool GlossaryRepository::update(const GlossaryEntry &entry)
{
    m_error.clear();
    if (const QString why = Glossary::problem(entry.code, entry.text); !why.isEmpty())
        return m_error.fail(why);
    if (!mayChange())
        return false;
    WriteTransaction transaction(m_library, &m_error);
    if (!transaction.begin())
        return false;
    SqlQuery clash(m_library->database());
    clash.prepare(u"SELECT text FROM glossary WHERE id <> :id AND ((:code <> '' AND code = :code) "
                  "OR (:code = '' AND code = '' AND text = :text))"_s);
    clash.bindValue(u":id"_s, entry.id);
    clash.bindValue(u":code"_s, sqlText(entry.code));
    clash.bindValue(u":text"_s, sqlText(entry.text));
    if (!clash.exec())
        return m_error.fail(clash, tr("Cannot read the glossary"));
    if (clash.next()) {
        return m_error.fail(entry.code.isEmpty()
                                ? tr("The glossary already has \"%1\".").arg(entry.text)
                                : tr("The glossary already has the code =%1= (for \"%2\").").arg(entry.code, clash.value(0).toString()));
    }
    SqlQuery query(m_library->database());
    query.prepare(u"UPDATE glossary SET code = :code, text = :text WHERE id = :id"_s);
    query.bindValue(u":id"_s, entry.id);
    query.bindValue(u":code"_s, sqlText(entry.code));
    query.bindValue(u":text"_s, sqlText(entry.text));
    if (!query.exec())
        return m_error.fail(query, tr("Cannot change the glossary entry \"%1\"").arg(entry.text));
    if (query.numRowsAffected() != 1)
        return m_error.fail(tr("The glossary entry \"%1\" was deleted meanwhile.").arg(entry.text));
    if (!m_library->audit(u"glossary-change"_s, u"glossary"_s, entry.id,
                          entry.code.isEmpty() ? entry.text : u"=%1= %2"_s.arg(entry.code, entry.text)))
        return m_error.fail(tr("Cannot record the glossary change in the audit log"));
    if (!transaction.commit())
        return false;
    Q_EMIT m_library->glossaryChanged();
    return true;
}

bool GlossaryRepository::remove(qint64 id)
{
    m_error.clear();
    if (!mayChange())
        return false;
    WriteTransaction transaction(m_library, &m_error);
    if (!transaction.begin())
        return false;
    SqlQuery query(m_library->database());
    query.prepare(u"DELETE FROM glossary WHERE id = :id RETURNING code, text"_s);
    query.bindValue(u":id"_s, id);
    if (!query.exec())
        return m_error.fail(query, tr("Cannot delete glossary entry %1").arg(id));
    if (!query.next())
        return m_error.fail(tr("The glossary has no entry %1 (deleted meanwhile?).").arg(id));
    const QString code = query.value(0).toString();
    const QString text = query.value(1).toString();
    query.finish();
    if (!m_library->audit(u"glossary-delete"_s, u"glossary"_s, id, code.isEmpty() ? text : u"=%1= %2"_s.arg(code, text)))
        return m_error.fail(tr("Cannot record the deletion in the audit log"));
    if (!transaction.commit())
        return false;
    Q_EMIT m_library->glossaryChanged();
    return true;
}
