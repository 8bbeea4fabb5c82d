// SPDX-License-Identifier: MIT
#pragma once

#include "photo.h"
#include "story.h"
#include "storyexporter.h"

#include <QList>

class Library;

// The story commands of the `newsdesk` command line:
//
//   newsdesk render --library PATH --story ID|SLUG [--fragment]
//   newsdesk export --library PATH --story ID|SLUG --out DIR [--override-reason TEXT]
//   newsdesk check  --library PATH --story ID|SLUG [--json]
//   newsdesk import --library PATH FILE.md
//   newsdesk dump   --library PATH --story ID|SLUG [--out FILE.md]
//
// Exit codes: 0 success; 1 a refusal or failure (export blocked by the gate,
// a check with an error finding, a file that cannot be imported, a write that
// failed, a person the library does not know changing it); 2 a usage error,
// which includes a library that is missing or is not a Newsdesk library and a
// story that is not in it. The commands never create a library.
//
// The commands work as the library's person whom the operating-system account
// names (its login, else a person of that name without one), never as USER or
// LOGNAME. import and export (which writes the audit log) refuse anyone else;
// render, check and dump only read the library and run for anyone.
void registerStoryCommands();

namespace StoryCommands {

// What `newsdesk check` reports: the export gate's findings, then for each of
// the story's photos its image, VIRIN and caption findings and what DVIDS
// would refuse (warnings, code "dvids-…"), then the body's quotation findings
// (warnings and notes, subject "paragraph N").
QList<StoryFinding> checkStory(Library *library, const Story &story, const QList<Photo> &storyPhotos);

} // namespace StoryCommands
