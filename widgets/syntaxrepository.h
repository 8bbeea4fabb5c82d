// SPDX-License-Identifier: MIT
#pragma once

namespace KSyntaxHighlighting {
class Repository;
}

// The application's one syntax-definition repository: loading it reads every
// definition file, so it is created once, on first use.
KSyntaxHighlighting::Repository &syntaxRepository();
