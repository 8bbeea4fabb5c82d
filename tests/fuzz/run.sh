#!/bin/bash
# SPDX-License-Identifier: MIT
# Builds the libFuzzer targets with clang, AddressSanitizer and UBSan (every
# library instrumented, so that libFuzzer sees our code's coverage) in their
# own build directory, then runs each target for SECONDS (default 60):
#
#   fuzz_photometadata   the photo import path (Exiv2, IIM, XMP)
#   fuzz_storymarkdown   Markdown with front matter: import, render, gate, dump
#
#   tests/fuzz/run.sh [SECONDS] [--merge] [TARGET...]
#
# ./dev fuzz [SECONDS] runs it inside the build environment. Each target
# starts from its corpus in the tree (tests/fuzz/corpus/NAME); new inputs go
# to a scratch corpus in the build directory, and --merge adds the ones that
# reach new code to the tree's corpus, minimised; an added photometadata input
# that PhotoMetadata refuses must then be listed, with why, in
# tests/data/photometadata-refusals.txt (tst_photometadata says which). A
# finding leaves crash-* (or timeout-*, oom-*) in the current directory and
# the script exits non-zero after running the other targets.
set -euo pipefail

src=$(cd "$(dirname "$0")/../.." && pwd)
build=${NEWSDESK_FUZZ_BUILD_DIR:-$src/build-fuzz}
all_targets=(fuzz_photometadata fuzz_storymarkdown)
seconds=60
merge=false
targets=()
for argument in "$@"; do
    case $argument in
        --merge) merge=true ;;
        fuzz_*) targets+=("$argument") ;;
        *[!0-9]* | '') echo "usage: $0 [SECONDS] [--merge] [TARGET...] (targets: ${all_targets[*]})" >&2; exit 2 ;;
        *) seconds=$argument ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

sanitizers="-fsanitize=address,undefined -fno-sanitize=vptr -fno-sanitize-recover=undefined"
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DNEWSDESK_FUZZ=ON \
    -DCMAKE_CXX_FLAGS="$sanitizers -fsanitize=fuzzer-no-link" \
    -DCMAKE_EXE_LINKER_FLAGS="$sanitizers" >/dev/null
cmake --build "$build" --target "${targets[@]}"

# Qt's offscreen platform: nothing here opens a window, but Qt may look.
export QT_QPA_PLATFORM=offscreen
status=0
for target in "${targets[@]}"; do
    name=${target#fuzz_}
    seeds=$src/tests/fuzz/corpus/$name
    scratch=$build/corpus/$name
    mkdir -p "$scratch"
    echo "== $target for ${seconds}s (corpus: ${seeds#"$src"/})"
    "$build/bin/$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
        -print_final_stats=1 "$scratch" "$seeds" || status=1
    if $merge; then
        "$build/bin/$target" -merge=1 -max_len=65536 "$seeds" "$scratch"
    fi
done
exit $status
