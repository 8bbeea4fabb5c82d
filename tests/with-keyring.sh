#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs a test with the desktop's secret store as a desk has it: a private
# D-Bus session bus and an unlocked GNOME Keyring (the Secret Service that
# QtKeychain talks to), in a throwaway home, so no test reads or writes the
# keyring of the person running it. Everything ends with the bus.
set -eu
home=$(mktemp -d "${TMPDIR:-/tmp}/newsdesk-keyring.XXXXXX")
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" XDG_RUNTIME_DIR="$home/run"
mkdir -m 700 "$XDG_RUNTIME_DIR"
status=0
dbus-run-session -- sh -c '
    printf newsdesk | gnome-keyring-daemon --unlock --components=secrets >/dev/null || {
        echo "with-keyring.sh: GNOME Keyring did not start" >&2; exit 1; }
    exec "$@"' with-keyring "$@" || status=$?
exit "$status"
