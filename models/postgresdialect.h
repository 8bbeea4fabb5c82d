// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

// What only PostgreSQL understands, for team libraries (issue 13): the
// schema's engine-specific DDL, the group roles writers and editors are
// members of, and the functions through which the server itself enforces the
// editorial workflow. The rules are not restated here: the server's
// transition table is generated from Workflow::transitionRules().
//
// This is the first part of the team library: the workflow core (people,
// stories' status, the audit log, transitions). The rest of the schema
// follows the SQLite one (SqlDialect::migrationStatements) as the
// repositories learn to run on both engines.
namespace PostgresDialect {

// The group roles. Editors are members of the writer role too, so what
// writers may do, editors may.
inline constexpr char writerRole[] = "newsdesk_writer";
inline constexpr char editorRole[] = "newsdesk_editor";

// Creates the newsdesk schema, the group roles (when missing), the tables
// and the workflow functions, with privileges: writers and editors read
// everything, write only the text columns of stories, and change a story's
// status only through newsdesk.transition(story, action, comment), which
// checks the caller's role (session_user's membership) and writes the audit
// row as session_user. Nobody but the owner writes the audit log or the
// transition table. Run once, as a role that may create roles, in the
// library's database.
QStringList setupStatements();

} // namespace PostgresDialect
