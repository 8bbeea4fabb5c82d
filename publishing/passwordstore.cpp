// SPDX-License-Identifier: MIT
#include "passwordstore.h"

#include <QCoreApplication>
#include <QEventLoop>

#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace PasswordStore {

namespace {

// One entry per library in the store, labelled so that a person browsing
// their keyring knows what it is.
const QString service = u"Newsdesk team library"_s;

// QtKeychain's jobs finish on the event loop (a D-Bus round trip): run one to
// its end here. The store answers at once or says it is not there; a locked
// keyring asks the user to unlock it in its own dialog meanwhile.
bool run(QKeychain::Job &job, QString *errorString)
{
    job.setAutoDelete(false);
    job.setInsecureFallback(false);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    if (job.error() == QKeychain::NoError)
        return true;
    if (errorString) {
        *errorString = job.error() == QKeychain::EntryNotFound
                           ? QCoreApplication::translate("PasswordStore", "No password is kept for this library.")
                           : QCoreApplication::translate("PasswordStore", "The desktop's password store: %1").arg(job.errorString());
    }
    return false;
}

} // namespace

std::optional<QString> read(const QString &libraryUrl, QString *errorString)
{
    QKeychain::ReadPasswordJob job(service);
    job.setKey(libraryUrl);
    if (!run(job, errorString))
        return std::nullopt;
    return job.textData();
}

bool write(const QString &libraryUrl, const QString &password, QString *errorString)
{
    QKeychain::WritePasswordJob job(service);
    job.setKey(libraryUrl);
    job.setTextData(password);
    return run(job, errorString);
}

bool remove(const QString &libraryUrl, QString *errorString)
{
    QKeychain::DeletePasswordJob job(service);
    job.setKey(libraryUrl);
    QString error;
    if (run(job, &error) || job.error() == QKeychain::EntryNotFound)
        return true;
    if (errorString)
        *errorString = error;
    return false;
}

} // namespace PasswordStore
