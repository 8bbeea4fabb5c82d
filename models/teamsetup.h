// SPDX-License-Identifier: MIT
#pragma once

#include "people.h"

#include <QSqlDatabase>
#include <QString>

class LibraryLocation;

// Setting up a team library on PostgreSQL and its people (issue 13): what
// `newsdesk team setup` and `newsdesk people add` do. The SQL is
// PostgresDialect's; this is the order and the checks around it.
namespace TeamSetup {

// Opens a connection to the team library at location (a postgresql:// URL)
// under connectionName. Authentication is PostgreSQL's: no password is ever
// passed here (libpq finds one in ~/.pgpass or PGPASSWORD when the server
// asks), or password when given: one the desk asked its user for, or kept in
// the desktop's secret store (never in settings or the URL). False with
// *errorString on failure; the connection stays registered under
// connectionName either way (QSqlDatabase::removeDatabase it).
bool open(const LibraryLocation &location, const QString &connectionName, QString *errorString, const QString &password = {});

// Whether a failed open's error says the server wants a password that was
// not given, or refused the one given (libpq's and the server's words).
bool isPasswordError(const QString &errorString);
// Of those, whether the server refused a password that was given.
bool isPasswordRefused(const QString &errorString);

enum class SetupResult { Created, Migrated, AlreadySetUp, Failed };
// Creates the schema, roles, tables and functions in one transaction, or
// migrates a library set up by an older Newsdesk to this one's format. Either
// way (and for a library already at this format) the server's copy of the
// rules is written anew from models/. Idempotent.
SetupResult setUp(QSqlDatabase database, QString *errorString);

// Adds (or updates) a person: the login role (created when missing, with
// LOGIN and no password: authentication is the office's pg_hba.conf), its
// group role (writer or editor; a writer who was an editor stops being one)
// and the people row with name. login must be a plain PostgreSQL name
// ([a-z_][a-z0-9_]*, at most 63 bytes). False with *errorString otherwise.
bool addPerson(QSqlDatabase database, const QString &login, const QString &name, PersonRole role, QString *errorString);

} // namespace TeamSetup
