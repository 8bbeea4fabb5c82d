// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

// The word-by-word differences between two texts of a story as an HTML
// document for a QTextBrowser: a line that counts the words added and removed,
// then the text with insertions and deletions marked. The History and
// "Changes Since the Last Approval" dialogs show it.
QString diffDocument(const QString &before, const QString &after);
