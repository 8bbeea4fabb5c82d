// SPDX-License-Identifier: MIT
#pragma once

#include <QMap>
#include <QString>

#include <functional>

// `newsdesk copy-library`: a whole library from one engine to the other, or
// to another file or database of the same (issue 13), so that a deployed
// team can take a team library into the field as a file and bring it back.
//
// Everything is copied as it is stored — stories with their ids, versions and
// statuses, every revision, the images' bytes, photos with their decisions,
// placements, comments, accepted names, publication settings and the audit
// log — and the search index is rebuilt. Edit locks are not: they belong to
// the sessions of the library copied from.
//
// People: a team library's person is a login role with a group role, so a
// person copied into one becomes (or is matched to) the login they have, or
// one made from their name ("Jim Garamone" → jim_garamone) when they have
// none; from a team library a person keeps their login and their role.
//
// The target must be empty: a new file, or a team library set up (`newsdesk
// team setup`) that holds no stories and no people. Copying into a team
// library needs its owner's login (the administrator's), which may write
// what the roles keep from everyone else.
namespace LibraryCopy {

struct Report
{
    // Rows copied, by table ("stories", "photos", …).
    QMap<QString, qint64> rows;
};

// Copies from → to (paths or postgresql:// URLs); false with *errorString,
// leaving to as it was (a new file is removed again). progress, when set,
// hears each step as it starts.
bool copy(const QString &from, const QString &to, Report *report, QString *errorString,
          const std::function<void(const QString &)> &progress = {});

} // namespace LibraryCopy
