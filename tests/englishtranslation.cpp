// SPDX-License-Identifier: MIT
// Linked into every test: the application's translations installed as the
// application installs them, in English whatever the machine's locale, so
// tests read what users of an English desktop read ("1 photo", not
// "1 photo(s)") and no test depends on the locale CI runs in.
#include "translations.h"

#include <QCoreApplication>

static void installEnglish()
{
    Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
}
Q_COREAPP_STARTUP_FUNCTION(installEnglish)
