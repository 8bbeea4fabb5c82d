// SPDX-License-Identifier: MIT
#pragma once

// A real PostgreSQL server for one test: initdb in a temporary folder, a Unix
// socket in that folder and no TCP port, stopped (and its folder removed) when
// the object goes. PostgreSQL refuses to run as root, so when the tests run as
// root (./dev's build root, CI) the server runs as the postgres account that
// Debian's package creates; otherwise as the user running the tests.
//
// The server trusts connections on its socket, so a test can connect as any
// login role it created: what a role may do is decided by the roles and
// grants under test, not by passwords (requirePassword makes one role an
// exception, for the tests of passwords).

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <memory>
#include <pwd.h>

class PostgresServer
{
public:
    PostgresServer() = default;
    PostgresServer(const PostgresServer &) = delete;
    PostgresServer &operator=(const PostgresServer &) = delete;
    ~PostgresServer() { stop(); }

    // Starts the server; false with errorString() saying why.
    bool start()
    {
        m_binDir = findBinDir();
        if (m_binDir.isEmpty())
            return fail(QStringLiteral("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); ./dev installs it"));
        m_dir = std::make_unique<QTemporaryDir>();
        if (!m_dir->isValid())
            return fail(QStringLiteral("cannot create a temporary folder: ") + m_dir->errorString());
        if (geteuid() == 0) {
            const passwd *account = getpwnam("postgres");
            if (!account)
                return fail(QStringLiteral("the tests run as root and there is no postgres account to run the server as"));
            m_uid = account->pw_uid;
            m_gid = account->pw_gid;
            if (::chown(QFile::encodeName(m_dir->path()).constData(), m_uid, m_gid) != 0)
                return fail(QStringLiteral("cannot hand the server's folder to the postgres account"));
        }
        QString output;
        if (!runAsServer(QStringLiteral("initdb"), {QStringLiteral("-D"), dataDir(), QStringLiteral("-U"), superuser(),
                                        QStringLiteral("--auth-local=trust"), QStringLiteral("--encoding=UTF8"),
                                        QStringLiteral("--locale=C.UTF-8"), QStringLiteral("--no-sync")},
                         &output))
            return fail(QStringLiteral("initdb failed: ") + output);
        // No TCP at all: the socket is the only way in, and no port can clash
        // with another test's server.
        const QString options = QStringLiteral("-c listen_addresses= -c unix_socket_directories=%1 -c fsync=off "
                                               "-c full_page_writes=off -c max_connections=120")
                                    .arg(m_dir->path());
        if (!runAsServer(QStringLiteral("pg_ctl"), {QStringLiteral("start"), QStringLiteral("-w"), QStringLiteral("-D"), dataDir(),
                                        QStringLiteral("-l"), m_dir->filePath(QStringLiteral("server.log")),
                                        QStringLiteral("-o"), options},
                         &output))
            return fail(QStringLiteral("the server did not start: ") + output + serverLog());
        m_running = true;
        return true;
    }

    void stop()
    {
        if (!m_running)
            return;
        m_running = false;
        QString output;
        runAsServer(QStringLiteral("pg_ctl"), {QStringLiteral("stop"), QStringLiteral("-w"), QStringLiteral("-m"),
                                   QStringLiteral("immediate"), QStringLiteral("-D"), dataDir()},
                    &output);
    }

    bool isRunning() const { return m_running; }

    // Where the socket is: the host of a connection.
    QString socketDirectory() const { return m_dir ? m_dir->path() : QString(); }
    static QString superuser() { return QStringLiteral("postgres"); }
    // A library URL for database as role.
    QString url(const QString &role, const QString &database) const
    {
        return QStringLiteral("postgresql://%1@/%2?host=%3").arg(role, database, socketDirectory());
    }
    // Runs sql with psql as the superuser on database; false with output in errorString().
    bool psql(const QString &sql, const QString &database = QStringLiteral("postgres"), QString *output = nullptr)
    {
        QString text;
        const bool ok = runAsServer(QStringLiteral("psql"), {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-At"),
                                                  QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                                                  QStringLiteral("-h"), socketDirectory(), QStringLiteral("-U"),
                                                  superuser(), QStringLiteral("-d"), database, QStringLiteral("-c"), sql},
                                    &text);
        if (output)
            *output = text.trimmed();
        if (!ok)
            m_errorString = text;
        return ok;
    }
    // From now on role must give password (SCRAM) to connect; every other
    // role is still trusted on the socket.
    bool requirePassword(const QString &role, const QString &password)
    {
        if (!psql(QStringLiteral("ALTER ROLE %1 PASSWORD '%2'").arg(role, password)))
            return false;
        QFile hba(dataDir() + QStringLiteral("/pg_hba.conf"));
        if (!hba.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("cannot read pg_hba.conf"));
        // The first matching line decides: this one goes before the trust lines.
        const QByteArray rules = "local all " + role.toUtf8() + " scram-sha-256\n" + hba.readAll();
        hba.close();
        if (!hba.open(QIODevice::WriteOnly | QIODevice::Truncate) || hba.write(rules) != rules.size())
            return fail(QStringLiteral("cannot write pg_hba.conf"));
        hba.close();
        return psql(QStringLiteral("SELECT pg_reload_conf()"));
    }

    QString errorString() const { return m_errorString; }
    QString serverLog() const
    {
        QFile log(m_dir ? m_dir->filePath(QStringLiteral("server.log")) : QString());
        return log.open(QIODevice::ReadOnly) ? QString::fromUtf8(log.readAll().right(4000)) : QString();
    }

private:
    static QString findBinDir()
    {
        QDir root(QStringLiteral("/usr/lib/postgresql"));
        QStringList versions = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        std::sort(versions.begin(), versions.end(), [](const QString &a, const QString &b) { return a.toInt() < b.toInt(); });
        for (auto it = versions.crbegin(); it != versions.crend(); ++it) {
            const QString bin = root.filePath(*it + QStringLiteral("/bin"));
            if (QFileInfo(bin + QStringLiteral("/initdb")).isExecutable())
                return bin;
        }
        return {};
    }
    QString dataDir() const { return m_dir->filePath(QStringLiteral("data")); }

    bool runAsServer(const QString &tool, const QStringList &arguments, QString *output)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.setWorkingDirectory(m_dir->path());
        if (m_uid != uid_t(-1)) {
            const uid_t uid = m_uid;
            const gid_t gid = m_gid;
            process.setChildProcessModifier([uid, gid] {
                // Group first: once the user is not root, it cannot change.
                if (::setgroups(0, nullptr) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0)
                    ::_exit(126);
            });
        }
        process.start(m_binDir + u'/' + tool, arguments);
        const bool finished = process.waitForFinished(120000);
        *output = QString::fromLocal8Bit(process.readAll());
        return finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    }
    bool fail(const QString &message)
    {
        m_errorString = message;
        return false;
    }

    QString m_binDir;
    std::unique_ptr<QTemporaryDir> m_dir;
    uid_t m_uid = uid_t(-1);
    gid_t m_gid = gid_t(-1);
    bool m_running = false;
    QString m_errorString;
};
