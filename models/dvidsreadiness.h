// SPDX-License-Identifier: MIT
#pragma once

#include "captionchecker.h"

#include <QList>
#include <QStringList>

struct Photo;

// What DVIDS (the Defense Visual Information Distribution Service) would
// refuse in a photo: it accepts JPEG only, and requires title, description,
// release instructions, date created, VIRIN, country and keywords (DOMAIN.md).
// Pure, and in the caption checker's finding shape; each finding is about a
// field as a whole (offset and length 0).
//
// Every finding is a warning: uploading to DVIDS is separate from publishing
// on the web, so none of them may stop the export gate.
//
// The rules, by id:
//   dvids-title        no title
//   dvids-description  no caption (DVIDS's description)
//   dvids-release      no release instructions: the photo is not reviewed for
//                      release, or released without its release authority
//   dvids-date         no date shot (DVIDS's date created)
//   dvids-virin        no VIRIN
//   dvids-country      neither a country nor a country code
//   dvids-keywords     no keywords
//   dvids-jpeg         the image is not a JPEG (by the image store's MIME
//                      type; a photo without an image yet is not judged)
namespace DvidsReadiness {

// Everything DVIDS would refuse, in the order of the rules above.
QList<CaptionFinding> check(const Photo &photo);

// check() for a list that also shows captionFindings, the caption checker's
// findings on the same photo: what the caption checker already says
// ("caption-missing" is DVIDS's missing description) is left out, so that
// the list says it once.
QList<CaptionFinding> check(const Photo &photo, const QList<CaptionFinding> &captionFindings);

// The rule ids above, in order.
QStringList ruleIds();

} // namespace DvidsReadiness
