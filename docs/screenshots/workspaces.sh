#!/bin/sh
# Remakes docs/screenshots/workspace-NAME-SIZE.png: each workspace (Alt+1/2/3)
# on a new library, the window as large as a laptop's 1366x768 screen and a
# desktop's 1920x1080. Write is the workspace the window opens on, laid out
# for its first size: View > Workspace > Reset This Workspace lays it out for
# the screen's. Run from anywhere: docs/screenshots/workspaces.sh
set -eu
cd "$(dirname "$0")/../.."
for size in 1366x768 1920x1080; do
    for workspace in "write:alt+1 alt+v w s" "photo-desk:alt+2" "review:alt+3"; do
        NEWSDESK_SCREENSHOT_SIZE=$size NEWSDESK_SCREENSHOT_DELAY=${NEWSDESK_SCREENSHOT_DELAY:-25} \
            NEWSDESK_SCREENSHOT_KEYS="${workspace#*:}" \
            ./dev screenshot "docs/screenshots/workspace-${workspace%%:*}-$size.png"
    done
done
