// SPDX-License-Identifier: MIT
#include "imagefile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMimeDatabase>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace ImageFile {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ImageFile", text);
}

// Closes a descriptor when it goes out of scope.
class Descriptor
{
public:
    explicit Descriptor(int fd)
        : m_fd(fd)
    {
    }
    ~Descriptor()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Descriptor(const Descriptor &) = delete;
    Descriptor &operator=(const Descriptor &) = delete;
    int get() const { return m_fd; }

private:
    int m_fd;
};

// Opening never waits: a FIFO without a writer would block a plain open for
// ever, and a regular file reads the same with O_NONBLOCK.
constexpr int readFlags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

enum class Kind { Image, Document };

QString tooLarge(const QString &shown, qint64 size, qint64 limit, Kind kind = Kind::Image)
{
    const qint64 mb = 1024 * 1024;
    if (kind == Kind::Document)
        return tr("%1 is %2 MB; a story file may be at most %3 MB.").arg(shown).arg(size / mb).arg(limit / mb);
    return tr("%1 is %2 MB; Newsdesk takes images up to %3 MB.").arg(shown).arg(size / mb).arg(limit / mb);
}

// Everything after opening, on the descriptor itself: what was opened is
// what is checked and read. Any content: the caller judges it.
Result readRegular(int fd, const QString &shown, qint64 limit, Kind kind = Kind::Image)
{
    Result result;
    struct stat info = {};
    if (::fstat(fd, &info) != 0) {
        result.errorString = tr("Cannot read %1: %2").arg(shown, systemError(errno));
        return result;
    }
    if (!S_ISREG(info.st_mode)) {
        result.errorString = S_ISDIR(info.st_mode)
            ? tr("%1 is a folder, not an image file.").arg(shown)
            : tr("%1 is not a regular file (it is a pipe, a device or a socket); Newsdesk reads images only from files.").arg(shown);
        return result;
    }
    if (info.st_size > limit) {
        result.errorString = tooLarge(shown, info.st_size, limit, kind);
        return result;
    }
    // Read with the bound, not the size fstat gave: the file may grow.
    QByteArray data;
    constexpr qint64 chunk = 1024 * 1024;
    for (;;) {
        const qint64 before = data.size();
        if (before > limit) {
            result.errorString = tooLarge(shown, before, limit, kind);
            return result;
        }
        const qint64 wanted = std::min(chunk, limit + 1 - before);
        data.resize(before + wanted);
        const ssize_t got = ::read(fd, data.data() + before, size_t(wanted));
        if (got < 0) {
            if (errno == EINTR)
                continue;
            result.errorString = tr("Cannot read %1: %2").arg(shown, systemError(errno));
            return result;
        }
        data.resize(before + got);
        if (got == 0)
            break;
    }
    result.data = data;
    return result;
}

// readRegular(), and only an image Newsdesk takes.
Result readOpened(int fd, const QString &shown, qint64 limit)
{
    Result result = readRegular(fd, shown, limit);
    if (!result.errorString.isEmpty())
        return result;
    const QByteArray data = std::exchange(result.data, QByteArray());
    // By content, not by name: a text file called .jpg is not a photo.
    const QString mimeType = QMimeDatabase().mimeTypeForData(data).name();
    if (!acceptedMimeTypes().contains(mimeType)) {
        result.errorString = tr("%1 is not a JPEG, PNG, TIFF or WebP image (it looks like %2).").arg(shown, mimeType);
        return result;
    }
    result.data = data;
    result.mimeType = mimeType;
    return result;
}

// Why opening name in the folder dir failed, for a path a document named.
Result openFailure(int dir, const QByteArray &name, int error, const QString &shown)
{
    Result result;
    struct stat info = {};
    if (error == ENOENT) {
        result.missing = true;
        result.errorString = tr("There is no file %1.").arg(shown);
    } else if (::fstatat(dir, name.constData(), &info, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(info.st_mode)) {
        result.errorString = tr("%1 is a symbolic link; a story file's photos must be files in its folder, not links.").arg(shown);
    } else if (error == ENOTDIR) {
        result.errorString = tr("%1 is not in a folder: a part of its path is a file.").arg(shown);
    } else {
        result.errorString = tr("Cannot read %1: %2").arg(shown, systemError(error));
    }
    return result;
}

} // namespace

QStringList acceptedMimeTypes()
{
    return {u"image/jpeg"_s, u"image/png"_s, u"image/tiff"_s, u"image/webp"_s};
}

Result read(const QString &path, qint64 limit)
{
    const QString shown = QFileInfo(path).fileName();
    const Descriptor fd(::open(QFile::encodeName(path).constData(), readFlags));
    if (fd.get() < 0) {
        Result result;
        result.missing = errno == ENOENT;
        result.errorString = result.missing ? tr("There is no file %1.").arg(QDir::toNativeSeparators(path))
                                            : tr("Cannot read %1: %2").arg(shown, systemError(errno));
        return result;
    }
    return readOpened(fd.get(), shown, limit);
}

Result readDocument(const QString &path, qint64 limit)
{
    const Descriptor fd(::open(QFile::encodeName(path).constData(), readFlags));
    if (fd.get() < 0) {
        Result result;
        result.missing = errno == ENOENT;
        result.errorString = result.missing ? tr("There is no file %1.").arg(QDir::toNativeSeparators(path))
                                            : tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(path), systemError(errno));
        return result;
    }
    Result result = readRegular(fd.get(), QDir::toNativeSeparators(path), limit, Kind::Document);
    if (result.errorString.isEmpty() && result.data.isNull())
        result.data = QByteArray(""); // an empty file is read, not missing
    return result;
}

Result readInside(const QString &baseDirectory, const QString &relativePath, qint64 limit)
{
    const QString shown = QDir::toNativeSeparators(relativePath);
    const QStringList parts = relativePath.split(u'/', Qt::SkipEmptyParts);
    if (parts.isEmpty() || relativePath.startsWith(u'/') || parts.contains(u".."_s) || parts.contains(u"."_s)) {
        Result result;
        result.errorString = tr("%1 is not a file in the story file's folder.").arg(shown);
        return result;
    }
    auto folder = std::make_unique<Descriptor>(::open(QFile::encodeName(baseDirectory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (folder->get() < 0) {
        Result result;
        result.errorString = tr("Cannot open the folder %1: %2").arg(QDir::toNativeSeparators(baseDirectory), systemError(errno));
        return result;
    }
    // One step at a time, each refusing a link, so no step leads elsewhere.
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        const QByteArray name = QFile::encodeName(parts.at(i));
        const int next = ::openat(folder->get(), name.constData(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (next < 0)
            return openFailure(folder->get(), name, errno, shown);
        folder = std::make_unique<Descriptor>(next);
    }
    const QByteArray name = QFile::encodeName(parts.constLast());
    const Descriptor fd(::openat(folder->get(), name.constData(), readFlags | O_NOFOLLOW));
    if (fd.get() < 0)
        return openFailure(folder->get(), name, errno, shown);
    return readOpened(fd.get(), shown, limit);
}

} // namespace ImageFile
