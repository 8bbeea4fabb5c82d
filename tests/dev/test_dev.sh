#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Tests the parts of ./dev that can run anywhere: package-list bookkeeping and
# host detection. Prints "N passed, N failed" and exits non-zero on failure.
set -u
dev=${1:?usage: test_dev.sh PATH/TO/dev}
# shellcheck source=/dev/null
source "$dev"
set +e

passed=0 failed=0
check() { # check "what" command...
    local what=$1; shift
    if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $what"; fi
}
not() { ! "$@"; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
stamp=$tmp/stamp

check "no stamp means the packages must be installed" packages_changed "$stamp" a b c
record_packages "$stamp" a b c
check "the recorded list is not reported as changed" not packages_changed "$stamp" a b c
check "order and duplicates do not count as a change" not packages_changed "$stamp" c b a a
check "an added package is a change" packages_changed "$stamp" a b c d
check "a removed package is a change" packages_changed "$stamp" a b
record_packages "$stamp" a b
check "recording again moves the baseline" not packages_changed "$stamp" b a
check "the real package list names Qt WebEngine" bash -c "printf '%s\n' ${NEWSDESK_PACKAGES[*]} | grep -qx qt6-webengine-dev"
pinned() { local p; for p in "$@"; do [[ $p =~ ^[a-z0-9@/._-]+@[0-9]+\.[0-9]+\.[0-9]+$ ]] || return 1; done; }
check "every npm tool the tests run is pinned to an exact version" pinned "${NEWSDESK_NPM_PACKAGES[@]}"
check "an unpinned npm tool is noticed" not pinned axe-core@4.14.1 vnu-jar

DEV_SRC=$(cd "$(dirname "$dev")" && pwd -P)
DEV_BUILD=$DEV_SRC/build
use_sanitize_build
check "the sanitizer build has a folder of its own" test "$DEV_BUILD" = "$DEV_SRC/build-sanitize"
check "the sanitizer build turns NEWSDESK_SANITIZE on" bash -c "printf '%s\n' ${DEV_CMAKE_ARGS[*]} | grep -qx -- -DNEWSDESK_SANITIZE=ON"
sanitizer_files_exist() {
    local word file
    for word in $(sanitizer_environment); do
        for file in $(printf '%s' "$word" | tr ':' '\n' | sed -n 's/^suppressions=//p'); do
            [ -f "$file" ] || { echo "missing: $file"; return 1; }
        done
    done
}
check "every sanitizer suppressions file named exists" sanitizer_files_exist

write_os() { printf '%s\n' "$@" > "$tmp/os-release"; }
write_os 'ID=debian' 'VERSION_ID="12"' 'VERSION_CODENAME=bookworm'
check "Debian 12 needs the build root" not host_is_new_enough "$tmp/os-release"
write_os 'ID=debian' 'VERSION_ID="13"' 'VERSION_CODENAME=trixie'
check "Debian 13 builds natively" host_is_new_enough "$tmp/os-release"
write_os 'ID=debian' 'VERSION_CODENAME=sid'
check "Debian unstable builds natively" host_is_new_enough "$tmp/os-release"
write_os 'ID=ubuntu' 'VERSION_ID="24.04"'
check "other distributions are not taken for Debian 13" not host_is_new_enough "$tmp/os-release"
check "a missing os-release is not Debian 13" not host_is_new_enough "$tmp/none"

binds_of() { root_binds "$1" "$2" | tr '\n' ' '; }
has_bind() { case " $(binds_of "$1" "$2")" in *" $3 "*) return 0 ;; esac; return 1; }
check "the build root sees the checkout" has_bind /home/pat /home/pat "$DEV_SRC"
check "the build root sees the home folder" has_bind "$tmp" "$tmp" "$tmp"
check "the build root sees /tmp" has_bind /home/pat /home/pat /tmp
check "a working folder elsewhere is seen at its own path" has_bind /home/pat /opt/newsroom /opt/newsroom
check "a working folder inside home is not bound twice" not has_bind /home/pat /home/pat/stories /home/pat/stories
check "the host's /usr never covers the build root's" not has_bind /home/pat /usr/share /usr/share
check "the host's / never covers the build root's" not has_bind /home/pat / /
check "the host's /etc never covers the build root's" not has_bind /home/pat /etc /etc
check "no archive host of dev's own" test -z "$DEV_MIRROR"

# Once set up, ./dev must not keep the setup lock open: whatever runs next
# (Xvfb, a test run) would hold it, and every other ./dev would wait.
lock_released_after_setup() (
    DEV_CACHE=$tmp/cache DEV_ROOT=$tmp/root SUDO=()
    mkdir -p "$DEV_CACHE" "$DEV_ROOT/usr/bin" "$DEV_ROOT/var/lib/newsdesk"
    touch "$DEV_ROOT/var/lib/newsdesk/bootstrapped"
    printf '#!/bin/sh\n' > "$DEV_ROOT/usr/bin/apt-get" && chmod +x "$DEV_ROOT/usr/bin/apt-get"
    need_root() { :; }
    check_disk() { :; }
    in_root() { :; }
    root_setup >/dev/null 2>&1 || return 1
    [ -f "$DEV_ROOT/var/lib/newsdesk/packages.stamp" ] && ! [ -e "/proc/$BASHPID/fd/9" ]
)
check "./dev lets go of the setup lock once the packages are in" lock_released_after_setup
# usage() prints a fixed range of the header: every command, and nothing after.
check "./dev help lists every command, package and install-test too" \
    bash -c "out=\$(bash '$dev' help); for c in run test build shell setup bench fuzz xvfb screenshot team-server package install-test; do grep -q \"./dev \$c\" <<<\"\$out\" || exit 1; done; ! grep -q 'Newsdesk needs Qt' <<<\"\$out\""

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
