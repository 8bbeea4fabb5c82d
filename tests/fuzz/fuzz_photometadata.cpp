// SPDX-License-Identifier: MIT
// libFuzzer target for the photo import path. Whatever bytes a user drops on
// the media panel go through PhotoMetadata::read() (Exiv2, IIM decoding, the
// IIM/XMP choice); what reads is checked by the caption and VIRIN checkers,
// written back into a copy and read again. A crash, a sanitizer report, a
// refusal without a message, or a copy that does not read back with the same
// fields is a finding.
#include "captionchecker.h"
#include "photocommands.h"
#include "photometadata.h"
#include "virin.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const PhotoMetadata::ReadResult read = PhotoMetadata::read(bytes);
    if (!read.ok) {
        if (read.errorString.isEmpty())
            std::abort(); // a refusal must tell the user why
        return 0;
    }
    Virin::parse(read.photo.virin);
    CaptionChecker::check(read.photo);
    VirinChecks::forPhoto(read.photo);

    const PhotoMetadata::WriteResult written = PhotoMetadata::write(bytes, read.photo);
    if (!written.ok) {
        if (written.errorString.isEmpty())
            std::abort();
        return 0;
    }
    // What Newsdesk wrote, Newsdesk must read, with the same fields.
    const PhotoMetadata::ReadResult again = PhotoMetadata::read(written.imageData);
    if (!again.ok || PhotoCommands::photoJson(again.photo) != PhotoCommands::photoJson(read.photo))
        std::abort();
    return 0;
}
