// SPDX-License-Identifier: MIT
#pragma once

#include "sqldialect.h"

#include <QStringList>

// PostgreSQL, for team libraries (issue 13): the schema's engine-specific
// DDL, the group roles writers and editors are members of, the search
// (tsvector with GIN, stemming, prefix on the word being typed, the headline
// weighted most), and the functions and triggers through which the server
// itself enforces the editorial workflow.
//
// The rules are not restated here: the server's tables of what each role may
// do are generated from models/ (Workflow::transitionRules, checkCreate,
// checkTextEdit, checkCaptionDecision, checkExportOverride, …) when the
// library is set up, and tst_teamlibrary checks the server against
// Workflow row by row.
class PostgresDialect final : public SqlDialect
{
public:
    // The group roles. Editors are members of the writer role too, so what
    // writers may do, editors may.
    static constexpr char writerRole[] = "newsdesk_writer";
    static constexpr char editorRole[] = "newsdesk_editor";
    // The schema version this build sets up (newsdesk.library_info); a team
    // library with a larger one was set up by a newer Newsdesk and is refused.
    static constexpr int currentSchemaVersion = 4;
    // SQLSTATE the server's functions raise when the caller's copy is stale:
    // the repositories report it as a conflict.
    static constexpr char staleCopyState[] = "40001";
    // The channel the server announces every change on (NOTIFY): a JSON
    // object with the table, the row's story or photo id, its row_version
    // (stories, photos) and the changing connection's backend pid.
    static constexpr char changesChannel[] = "newsdesk_changes";

    Engine engine() const override { return Engine::PostgreSQL; }
    ErrorKind errorKind(const QSqlError &error) const override;
    QString beginWriteStatement() const override;
    QString caseInsensitiveOrder(const QString &column) const override;
    QStringList maintenanceStatements() const override;
    QString logCheckpointStatement() const override;
    // A story's row holds its status beside the id (the texts are TOASTed).
    QString statusByIdIndexHint() const override { return {}; }
    bool serverEnforcesWorkflow() const override { return true; }
    QString lockSessionAliveExpression() const override;
    QString ftsUpsertStatement() const override;
    QString ftsDeleteStatement() const override;
    QString ftsSearchStatement() const override;
    QString ftsSnippetsStatement(int idCount) const override;
    QString ftsQueryFromUserText(const QString &text) const override;
    QString ftsQueryWithoutPrefix(const QString &ftsQuery) const override;
    QString photoSearchStatement() const override;

    // Creates the newsdesk schema at format 1 (migrationStatements takes it on
    // to currentSchemaVersion, ruleStatements fills the rules): the group roles
    // (when missing), the tables, and the rules, functions and triggers, with
    // privileges. Writers and editors read everything; they write the text
    // of stories and photos, and nothing else of them. A story's status
    // changes only through newsdesk.transition(), a caption decision only
    // through newsdesk.decide_caption(), an audit row only through
    // newsdesk.audit() (which refuses the actions those two record) or the
    // server's own triggers; every "by" column is the person of
    // session_user, whatever a client sends. Run once, as a role that may
    // create roles, in the library's database.
    static QStringList setupStatements();

    // Moves a team library from format `from` to from + 1: new tables with
    // their grants, changed functions. Empty when there is no such step.
    // TeamSetup runs the steps, in one transaction with the new version.
    static QStringList migrationStatements(int from);
    // The characters no library text may hold (TextSafety::isForbidden), as
    // a bracket expression of PostgreSQL's regular expressions.
    static QString forbiddenCharacterClass();

    // Every story's search copy made anew by the server, in one pass, and
    // its index built after: for a team library just filled (copy-library),
    // as its owner, inside the filling transaction. write, when given, is
    // the statement that writes the copies instead of adding one per story.
    static QStringList searchRebuildStatements(const QString &write = {});

    // Glossary::problem() as a CHECK on a row of the glossary (its columns
    // code and text): true for the entries it finds no problem with. The
    // text's length counted in UTF-16 code units and its spaces as
    // QString::trimmed() has them, so that the two agree character by character.
    static QString glossaryEntryCheck();
    // isSlug as a CHECK on the stories table's slug column.
    static QString slugCheck();

    // The server's copy of the rules (transitions, story_rules,
    // audit_actions), written anew from models/: run by every set-up, so a
    // library set up by an older Newsdesk enforces this one's rules.
    static QStringList ruleStatements();

    // The server's words for an error, on one line, without "ERROR:" and the
    // SQLSTATE: "Only an editor may approve a story."
    static QString serverMessage(const QSqlError &error);
};
