// SPDX-License-Identifier: MIT
#pragma once

// The team library's administration on the command line (issue 13):
//   newsdesk team setup --library URL
//   newsdesk people add --library URL --login NAME --role writer|editor [--name NAME]
// Both run as the database login the URL names; what that login may do
// (create roles, grant them) is the server's to decide.
void registerTeamCommands();
