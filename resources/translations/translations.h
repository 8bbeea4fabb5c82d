// SPDX-License-Identifier: MIT
#pragma once

#include <QLocale>

// Newsdesk's translations: the .qm files built from resources/translations/
// and embedded under :/i18n/, plus Qt's own (qtbase) from the system.
namespace Translations {

// Installs on the running QCoreApplication, for the locale's languages
// (QLocale::uiLanguages(): LANGUAGE, LC_ALL, LC_MESSAGES, LANG on Linux):
// Newsdesk's English (its plural forms: "1 photo", "2 photos"), then, over
// it, the locale's translation of Newsdesk and Qt's own when there is one.
// en_XA is the pseudo-translation (LANGUAGE=en_XA). Returns the name of the
// Newsdesk translation loaded over English ("de", "en_XA"), or an empty
// string when there is none.
QString install(const QLocale &locale = QLocale());

} // namespace Translations
