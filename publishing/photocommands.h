// SPDX-License-Identifier: MIT
#pragma once

#include "photo.h"
#include "virin.h"

#include <QJsonObject>

// The photo commands of the `newsdesk` command line:
//
//   newsdesk virin [--json] VIRIN...       one verdict per VIRIN
//   newsdesk photo-info [--json] FILE...   the metadata Newsdesk reads from image files
//
// virin exits 0 when no VIRIN is invalid, 1 when one is, 2 on a usage error
// (no VIRIN, an unknown option). photo-info exits 1 when a file cannot be
// read (after reporting the others), 2 on a usage error.
void registerPhotoCommands();

namespace PhotoCommands {

// {virin, status, date, service, serviceName, visionId, sequence, suffix,
// country, messages}; date is YYYY-MM-DD or null when the date does not parse.
QJsonObject virinJson(const Virin &virin);
// The metadata fields of photo under the Photo member names (virin, title,
// caption, altText, credit, photographer, unit, operation, dateShot, city,
// sublocation, state, country, countryCode, keywords, releaseState,
// releaseAuthority, captionWriter). dateShot is YYYY-MM-DD or null, keywords
// an array, releaseState a key ("released", "not_released", "not_reviewed").
QJsonObject photoJson(const Photo &photo);

} // namespace PhotoCommands
