#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs a newsdesk .deb into a clean Debian root with apt, as on a user's
# machine (apt resolves the dependencies from Debian's archive), and runs it
# there as an ordinary account: --version, virin, a library with the sample
# story, the story's export, whose page must hold the headline, and the
# window (offscreen), which must start Qt WebEngine's process.
#
# Usage, as root: install-test.sh DEB CACHE [SUITE [MIRROR]]
#
# CACHE keeps, between runs, a pristine minbase root as a tarball (with its
# apt lists) and every .deb apt fetched, so only the first run downloads;
# each run unpacks a fresh copy of the root, so the install is always into a
# clean system. The tarball is made again when older than
# NEWSDESK_INSTALL_TEST_MAX_AGE days (7), so the archive has not moved on
# from its lists. ./dev test runs this (./dev install-test alone).
set -euo pipefail
deb=$(realpath "${1:?usage: install-test.sh DEB CACHE [SUITE [MIRROR]]}")
cache=${2:?cache folder}
suite=${3:-trixie}
mirror=${4:-}
max_age=${NEWSDESK_INSTALL_TEST_MAX_AGE:-7}
headline="Hegseth, U.K. Counterpart Discuss Working Toward Peace in Ukraine" # the sample story's

# debootstrap, chroot and useradd live in sbin, which an account's PATH may lack.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
step() { printf 'install-test: %s\n' "$*" >&2; }
fail() { printf 'install-test: FAILED: %s\n' "$*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "needs root (debootstrap, chroot and apt)"

# Every mount below lives in a mount namespace of this script's own, so none
# outlasts it, whatever stops it. Inside ./dev's build root (a chroot, whose
# / is no mount point) propagation cannot be changed, and need not be: dev's
# namespace is private already.
if [ -z "${NEWSDESK_INSTALL_TEST_NS:-}" ]; then
    propagation=private
    unshare --mount --propagation private true 2>/dev/null || propagation=unchanged
    exec unshare --mount --propagation "$propagation" env NEWSDESK_INSTALL_TEST_NS=1 "$0" "$@"
fi

version=$(dpkg-deb -f "$deb" Version)
mkdir -p "$cache/archives/partial"
# One run at a time: runs share the archive cache.
exec 8>"$cache/lock"
flock 8

# A run stopped by force leaves its root behind (its mounts went with its
# namespace); with the lock held, none is in use.
rm -rf --one-file-system "$cache"/root.* "$cache"/bootstrap.*

tarball=$cache/$suite-minbase.tar.gz
if [ ! -f "$tarball" ] || [ -n "$(find "$tarball" -mtime +"$max_age")" ]; then
    step "creating a pristine Debian $suite root in $tarball (once; a few minutes)…"
    staging=$(mktemp -d "$cache/bootstrap.XXXXXX")
    debootstrap --variant=minbase "$suite" "$staging" ${mirror:+"$mirror"} >"$cache/debootstrap.log" 2>&1 ||
        { tail -n 20 "$cache/debootstrap.log" >&2; rm -rf --one-file-system "$staging"; fail "debootstrap (see $cache/debootstrap.log)"; }
    # With apt's lists in the tarball, a warm run needs no network.
    cp -L /etc/resolv.conf "$staging/etc/resolv.conf"
    chroot "$staging" apt-get update -q >"$cache/apt-update.log" 2>&1 ||
        { tail -n 20 "$cache/apt-update.log" >&2; rm -rf --one-file-system "$staging"; fail "apt-get update in the new root"; }
    chroot "$staging" apt-get clean
    tar -C "$staging" -czf "$tarball.partial" .
    mv "$tarball.partial" "$tarball"
    rm -rf --one-file-system "$staging"
fi

root=$(mktemp -d "$cache/root.XXXXXX")
cleanup() {
    [ -z "${gui:-}" ] || { kill -KILL -- "-$gui"; wait "$gui"; } 2>/dev/null || true
    umount "$root/var/cache/apt/archives" "$root/proc" "$root/dev/shm" 2>/dev/null || true
    rm -rf --one-file-system "$root"
}
trap cleanup EXIT
step "unpacking a fresh root…"
tar -C "$root" -xzf "$tarball"
chmod 755 "$root" # mktemp's (and the tarball's) 0700 would keep the account out of its own /
mount -t proc proc "$root/proc"
mount --bind "$cache/archives" "$root/var/cache/apt/archives"
cp -L /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/"
# Nothing run in the root keeps the cache's lock (fd 8) open.
in_test_root() {
    chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@" 8>&-
}

# --no-install-recommends: what the package Depends on must be enough.
log=$root/tmp/apt.log
install=(apt-get install -y -q --no-install-recommends -o APT::Keep-Downloaded-Packages=true "/tmp/${deb##*/}")
step "installing ${deb##*/} with apt…"
if ! in_test_root "${install[@]}" >"$log" 2>&1; then
    # The archive may have moved on from the cached lists.
    step "apt failed with the cached lists; updating them and trying again"
    { in_test_root apt-get update -q && in_test_root "${install[@]}"; } >>"$log" 2>&1 ||
        { tail -n 30 "$log" >&2; fail "apt-get install ${deb##*/}"; }
fi
step "$(grep -c '^Unpacking ' "$log") packages unpacked"

in_test_root useradd --create-home --shell /bin/bash reporter
uid=$(in_test_root id -u reporter)
as_reporter() {
    chroot --userspec="$uid:$uid" "$root" /usr/bin/env -i -C /home/reporter HOME=/home/reporter USER=reporter \
        PATH=/usr/bin:/bin LANG=C.UTF-8 "$@" 8>&-
}
check() { # check "what" command...: runs it as the reporter, prints its output on failure
    local what=$1 out
    shift
    if ! out=$(as_reporter "$@" 2>&1); then
        printf '%s\n' "$out" >&2
        fail "$what"
    fi
    printf '%s\n' "$out"
}

out=$(check "newsdesk --version" newsdesk --version)
[ "$out" = "newsdesk $version" ] || fail "newsdesk --version printed '$out', not 'newsdesk $version'"
out=$(check "newsdesk virin" newsdesk virin 250306-D-PM193-1268)
[ "${out%%$'\n'*}" = "250306-D-PM193-1268: valid" ] || fail "newsdesk virin printed '$out'"
check "newsdesk init --sample" newsdesk init --library news.newsdesk --sample >/dev/null
check "newsdesk export" newsdesk export --library news.newsdesk --story 1 --out story \
    --override-reason "install test" >/dev/null
page=$root/home/reporter/story/index.html
[ -s "$page" ] || fail "the export wrote no story/index.html"
grep -qF "$headline" "$page" || fail "story/index.html does not hold the headline '$headline'"
images=$(find "$root/home/reporter/story/images" -name '*.jpg' -size +1k | wc -l)
[ "$images" = 3 ] || fail "the export wrote $images photos, not the sample's 3"
out=$(check "the bash completion" bash -c \
    'source /usr/share/bash-completion/completions/newsdesk; COMP_WORDS=(newsdesk exp); COMP_CWORD=1; _newsdesk; echo "${COMPREPLY[*]}"')
[ "$out" = export ] || fail "the bash completion offered '$out' for 'newsdesk exp'"

# The window, offscreen, on that library: it must start Qt WebEngine's
# process for the preview. QtWebEngineProcess, its resources and locales are
# nothing the binary links; they come from what libqt6webenginewidgets6
# depends on. Chromium wants shared memory, and its sandbox cannot start in
# a chroot (no user namespaces there), so it runs without: a desktop keeps it.
mkdir -p "$root/dev/shm"
mount -t tmpfs -o mode=1777 tmpfs "$root/dev/shm"
# In a session of its own, so that it and WebEngine's processes go together
# (it does not stop on SIGTERM).
setsid chroot --userspec="$uid:$uid" "$root" /usr/bin/env -i -C /home/reporter HOME=/home/reporter USER=reporter \
    PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 \
    newsdesk gui --library news.newsdesk >"$root/tmp/gui.log" 2>&1 8>&- &
gui=$! # setsid, chroot and env exec: newsdesk itself, leading its process group
webengine=
for _ in $(seq 120); do
    kill -0 "$gui" 2>/dev/null || break
    webengine=$(pgrep -P "$gui" -f /usr/lib/qt6/libexec/QtWebEngineProcess || true)
    [ -z "$webengine" ] || break
    sleep 0.5
done
if [ -z "$webengine" ]; then
    tail -n 20 "$root/tmp/gui.log" >&2
    fail "newsdesk gui did not start QtWebEngineProcess within a minute"
fi
kill -KILL -- "-$gui"
wait "$gui" 2>/dev/null || true
gui=
step "passed: installed with its dependencies, newsdesk $version ran --version, virin, init, export and the window with its preview's process"
