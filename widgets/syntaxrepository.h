// SPDX-License-Identifier: MIT
#pragma once

#include <functional>

class QObject;

namespace KSyntaxHighlighting {
class Definition;
class Repository;
}

// The application's one syntax-definition repository: loading it reads every
// definition file, so it is created once, on first use.
KSyntaxHighlighting::Repository &syntaxRepository();

// Loading the Markdown definition (its XML and the definitions it includes
// for fenced code) is a good share of the time before the window's first
// frame, so the GUI can start it on a worker thread while it builds the
// window (preloadMarkdownDefinition(), once, on the GUI thread). While that
// runs, the GUI thread reads only the repository's themes and gets the
// definition through markdownDefinition() or whenMarkdownDefinitionReady().
void preloadMarkdownDefinition();
// The Markdown definition, loaded; waits for a preload still running.
KSyntaxHighlighting::Definition markdownDefinition();
// Calls then on context's thread once the definition is loaded: now when no
// preload is running.
void whenMarkdownDefinitionReady(QObject *context, std::function<void()> then);
