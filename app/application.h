// SPDX-License-Identifier: MIT
#pragma once

#include "commandlineapp.h" // setApplicationIdentity(), which the window uses too

namespace Newsdesk {

// The whole program: the command line when asked for it, otherwise the window.
int main(int argc, char **argv);

} // namespace Newsdesk
