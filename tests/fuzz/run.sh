#!/bin/bash
# SPDX-License-Identifier: MIT
# Builds the libFuzzer targets with clang, AddressSanitizer and UBSan (every
# library instrumented, so that libFuzzer sees our code's coverage) in their
# own build directory, then fuzzes the photo import path.
#
#   tests/fuzz/run.sh [SECONDS] [--merge]
#
# Inside the build environment: ./dev shell -- tests/fuzz/run.sh 600
# New inputs go to a scratch corpus; --merge adds the ones that reach new code
# to the corpus in the tree (tests/fuzz/corpus/photometadata), minimised; an
# added input that PhotoMetadata refuses must then be listed, with why, in
# tests/data/photometadata-refusals.txt (tst_photometadata says which).
# A crash leaves crash-* in the current directory; it exits non-zero.
set -euo pipefail

src=$(cd "$(dirname "$0")/../.." && pwd)
build=${NEWSDESK_FUZZ_BUILD_DIR:-$src/build-fuzz}
seconds=60
merge=false
for argument in "$@"; do
    case $argument in
        --merge) merge=true ;;
        *[!0-9]* | '') echo "usage: $0 [SECONDS] [--merge]" >&2; exit 2 ;;
        *) seconds=$argument ;;
    esac
done

sanitizers="-fsanitize=address,undefined -fno-sanitize=vptr -fno-sanitize-recover=undefined"
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DNEWSDESK_FUZZ=ON \
    -DCMAKE_CXX_FLAGS="$sanitizers -fsanitize=fuzzer-no-link" \
    -DCMAKE_EXE_LINKER_FLAGS="$sanitizers" >/dev/null
cmake --build "$build" --target fuzz_photometadata

seeds=$src/tests/fuzz/corpus/photometadata
scratch=$build/corpus/photometadata
mkdir -p "$scratch"
# Qt's offscreen platform: nothing here opens a window, but Qt may look.
export QT_QPA_PLATFORM=offscreen
"$build/bin/fuzz_photometadata" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
    -print_final_stats=1 "$scratch" "$seeds"
if $merge; then
    "$build/bin/fuzz_photometadata" -merge=1 -max_len=65536 "$seeds" "$scratch"
fi
