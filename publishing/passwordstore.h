// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <optional>

// Team-library passwords in the desktop's secret store (QtKeychain: the
// Secret Service of GNOME Keyring or KWallet on Linux), under the library's
// URL, which never holds a password itself (LibraryLocation refuses one).
// Never in settings, never on disk in the clear: without a secret store the
// password is asked for each time instead (QtKeychain's plain-text fallback
// stays off).
namespace PasswordStore {

// The password kept for libraryUrl; nullopt when none is kept or the store
// cannot be reached (*errorString says which, when given).
std::optional<QString> read(const QString &libraryUrl, QString *errorString = nullptr);
bool write(const QString &libraryUrl, const QString &password, QString *errorString = nullptr);
// Forgetting one that is not kept is no error.
bool remove(const QString &libraryUrl, QString *errorString = nullptr);

} // namespace PasswordStore
