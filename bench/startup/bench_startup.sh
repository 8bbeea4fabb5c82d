#!/bin/bash
# SPDX-License-Identifier: MIT
#
# Start-up and memory, Newsdesk beside ghostwriter (issue 14), in one run on
# one virtual display with the same 20,169-word story: the two programs
# alternate RUNS times (NEWSDESK_STARTUP_RUNS, 7); each run measures the time
# from exec to the program's first visible window (polled every 5 ms:
# `xdotool search --sync` polls only every 500 ms) and, SETTLE seconds later
# (NEWSDESK_STARTUP_SETTLE, 8), the PSS of its whole process tree from
# /proc/PID/smaps_rollup (the WebEngine helpers included). For Newsdesk alone
# it also reports exec → its first frame (the story in the editor: the window
# is visible, mapped, a little earlier) and exec → the preview painted with
# the story, which the app logs under the newsdesk.startup category. Prints every run, both medians
# and both ratios; asserts nothing.
#
# ./dev bench startup installs ghostwriter (and what this script uses) in the
# build environment when missing. NEWSDESK_BENCH_VERBOSE=1 also prints each
# Newsdesk process's share of the PSS.
set -u

here=$(cd "$(dirname "$0")" && pwd)
newsdesk=${NEWSDESK_BIN:-$here/newsdesk}
method=@NEWSDESK_BENCH_DIR@
sample=@NEWSDESK_SAMPLE_STORY@
runs=${NEWSDESK_STARTUP_RUNS:-7}
settle=${NEWSDESK_STARTUP_SETTLE:-8}

for tool in ghostwriter xdotool Xvfb python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "bench_startup: $tool is not installed (./dev bench startup installs it)" >&2; exit 1; }
done
[ -x "$newsdesk" ] || { echo "bench_startup: no Newsdesk at $newsdesk" >&2; exit 1; }

work=$(mktemp -d)
xvfb=
running=
cleanup() {
    [ -n "$running" ] && kill "$running" 2>/dev/null && wait "$running" 2>/dev/null
    [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null && wait "$xvfb" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The story: ghostwriter opens the Markdown file, Newsdesk the same text as
# the only story of a library whose person is this account (no first-start
# question).
python3 "$method/make-story20k.py" "$sample" "$work/story20k.md" || exit 1
{
    printf -- '---\nnewsdesk: 1\nslug: "story20k"\nheadline: "Story of twenty thousand words"\nstatus: "draft"\n---\n'
    tail -n +3 "$work/story20k.md"
} >"$work/nd.md"
export HOME=$work XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config XDG_CACHE_HOME=$work/cache
# The real window on the virtual display, whatever ./dev bench set.
export QT_QPA_PLATFORM=xcb
"$newsdesk" init --library "$work/lib.newsdesk" --name "Bench Editor" >/dev/null &&
    "$newsdesk" import --library "$work/lib.newsdesk" "$work/nd.md" >/dev/null || { echo "bench_startup: cannot make the library" >&2; exit 1; }

display=70
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
export DISPLAY=:$display
# -noreset: by default the server resets when its last client leaves (a
# killed program, each xdotool poll) and refuses connections meanwhile, which
# a program starting just then met as "could not connect to display".
Xvfb "$DISPLAY" -screen 0 1600x1000x24 -nolisten tcp -noreset >/dev/null 2>&1 &
xvfb=$!
for _ in $(seq 100); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.05; done

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Every process under pid, pid first.
tree() {
    local child
    echo "$1"
    for child in $(pgrep -P "$1"); do tree "$child"; done
}

pss_kb() { awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup" 2>/dev/null; }
# Anonymous memory (heaps, V8, caches) as PSS: unlike the whole PSS, not
# lowered when other programs on the machine map the same libraries (another
# WebEngine program, a test), which share those pages' cost with them.
anon_kb() { awk '/^Pss_Anon:/ {print $2}' "/proc/$1/smaps_rollup" 2>/dev/null; }

# Runs the program given; leaves "MS_TO_WINDOW PSS_MB" in $work/result, its
# stderr in $work/stderr and the exec time in $work/t0. Runs in this shell, so
# an interrupted benchmark ends the program too.
measure() {
    local t0 t1 polls=0 total=0 anon=0 pid kb
    t0=$(now_ms)
    echo "$t0" >"$work/t0"
    "$@" >/dev/null 2>"$work/stderr" &
    running=$!
    until xdotool search --onlyvisible --pid "$running" >/dev/null 2>&1; do
        sleep 0.005
        polls=$((polls + 1))
        if [ $polls -ge 4000 ] || ! kill -0 "$running" 2>/dev/null; then
            echo "bench_startup: no window from $1: $(grep -m 1 -v Sandboxing "$work/stderr")" >&2
            kill "$running" 2>/dev/null
            wait "$running" 2>/dev/null
            running=
            return 1
        fi
    done
    t1=$(now_ms)
    sleep "$settle"
    : >"$work/pss"
    for pid in $(tree "$running"); do
        kb=$(pss_kb "$pid")
        total=$((total + ${kb:-0}))
        anon=$((anon + $(anon_kb "$pid")))
        echo "${kb:-0} $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -o -- '--type=[a-z-]*' || echo main)" >>"$work/pss"
    done
    kill "$running" 2>/dev/null
    wait "$running" 2>/dev/null
    running=
    sleep 1
    echo "$((t1 - t0)) $((total / 1024)) $((anon / 1024))" >"$work/result"
}

ghostwriter_run() {
    # From fresh settings each run: ghostwriter restarted after a kill can
    # stall for minutes recovering its session.
    rm -rf "$work/gw"
    mkdir -p "$work/gw"
    XDG_CONFIG_HOME=$work/gw/config XDG_DATA_HOME=$work/gw/data XDG_CACHE_HOME=$work/gw/cache \
        measure ghostwriter "$work/story20k.md"
}

newsdesk_run() {
    QT_LOGGING_RULES="newsdesk.startup.info=true" measure "$newsdesk" gui --library "$work/lib.newsdesk"
}

# A start that shows no window (the virtual display refusing a connection
# now and then on a busy machine) is tried again, twice at most.
with_retries() {
    "$1" || { sleep 1; "$1"; } || { sleep 1; "$1"; } || { echo "bench_startup: $1 failed three times" >&2; exit 1; }
}

# The exec → EVENT time of the last Newsdesk run, from its newsdesk.startup
# line "EVENT at MS", or "-".
logged_ms() {
    local at
    at=$(sed -n "s/.*$1 at \([0-9]*\).*/\1/p" "$work/stderr" | head -n 1)
    if [ -n "$at" ]; then echo $((at - $(cat "$work/t0"))); else echo -; fi
}
preview_ms() { logged_ms 'preview painted with the story'; }
# The window's first frame: Qt paints the widgets while it handles the first
# expose, and the story is in the editor by then. The window counts as
# visible when it is mapped, which is earlier.
frame_ms() { logged_ms 'window exposed'; }

median() { printf '%s\n' "$@" | grep -v '^-$' | sort -n | awk '{a[NR] = $1} END {if (NR) print a[int((NR + 1) / 2)]; else print "-"}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

echo "bench_startup: $(wc -w <"$work/story20k.md") words, $runs runs each, PSS $settle s after the window; WebEngine sandbox $([ -n "${QTWEBENGINE_DISABLE_SANDBOX:-}" ] && echo "off (QTWEBENGINE_DISABLE_SANDBOX, as in the build root) for both" || echo on)"
# Untimed first starts: disk caches warm for both programs alike.
with_retries ghostwriter_run
with_retries newsdesk_run

gw_ms=() gw_mb=() nd_ms=() nd_mb=() nd_preview=() nd_frame=() gw_anon=() nd_anon=()
for i in $(seq "$runs"); do
    with_retries ghostwriter_run
    read -r ms mb anon <"$work/result"
    gw_ms+=("$ms") gw_mb+=("$mb") gw_anon+=("$anon")
    with_retries newsdesk_run
    read -r ms mb anon <"$work/result"
    nd_ms+=("$ms") nd_mb+=("$mb") nd_anon+=("$anon") nd_preview+=("$(preview_ms)") nd_frame+=("$(frame_ms)")
    echo "run $i: ghostwriter ${gw_ms[-1]} ms ${gw_mb[-1]} MB (anon ${gw_anon[-1]}) | newsdesk ${nd_ms[-1]} ms ${nd_mb[-1]} MB (anon ${nd_anon[-1]}), first frame ${nd_frame[-1]} ms, preview painted ${nd_preview[-1]} ms"
    if [ -n "${NEWSDESK_BENCH_VERBOSE:-}" ]; then
        awk '{kb = $1; $1 = ""; printf "    newsdesk %-28s %4d MB\n", $0, kb / 1024}' "$work/pss"
    fi
done

G=$(median "${gw_ms[@]}") D=$(median "${nd_ms[@]}") GM=$(median "${gw_mb[@]}") DM=$(median "${nd_mb[@]}")
echo "median exec → first visible window:      ghostwriter $G ms, newsdesk $D ms, ratio $(ratio "$D" "$G") (goal ≤ 0.50)"
echo "median PSS of the process tree after ${settle} s: ghostwriter $GM MB, newsdesk $DM MB, ratio $(ratio "$DM" "$GM") (goal ≤ 0.75)"
GU=$(median "${gw_anon[@]}") DU=$(median "${nd_anon[@]}")
echo "median anonymous PSS of the tree:         ghostwriter $GU MB, newsdesk $DU MB, ratio $(ratio "$DU" "$GU")"
echo "median exec → first frame, story in the editor (newsdesk): $(median "${nd_frame[@]}") ms"
echo "median exec → preview painted with the story (newsdesk): $(median "${nd_preview[@]}") ms"
