#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The Debian package's checks, each a CTest test (tests/CMakeLists.txt):
#   check.sh build BUILD_DIR OUT     cpack into OUT, unpacked into OUT/root (the fixture)
#   check.sh desktop OUT             desktop-file-validate on the installed .desktop file
#   check.sh appstream OUT           appstreamcli validate-tree --pedantic, offline
#   check.sh lintian OUT             lintian on the .deb
#   check.sh contents OUT VERSION    what the package must hold and depend on
# A check fails when its tool reports anything above info (printing what it
# said), and says so.
set -euo pipefail
what=$1 out=$2

deb() { ls "$out"/newsdesk_*.deb; }
# Runs a tool, prints what it said, and fails when a line matches the
# pattern of what is above info for that tool, or the tool fails.
judge() { # judge PATTERN command...
    local pattern=$1 said status=0
    shift
    said=$("$@" 2>&1) || status=$?
    [ -z "$said" ] || printf '%s\n' "$said"
    if [ "$status" -ne 0 ] || grep -Eq "$pattern" <<<"$said"; then
        echo "FAIL: $* reported problems above info (exit $status)"
        exit 1
    fi
    echo "passed: $*"
}

case $what in
build)
    build=$3
    rm -rf "$out"
    cpack --config "$build/CPackConfig.cmake" -G DEB -B "$out" >"$out.log" 2>&1 || { cat "$out.log"; exit 1; }
    dpkg-deb -x "$(deb)" "$out/root"
    echo "built and unpacked $(deb)"
    ;;
desktop)
    # Errors and warnings fail; hints are information.
    judge '^[^ ]*: (error|warning):' desktop-file-validate "$out"/root/usr/share/applications/org.newsdesk.Newsdesk.desktop
    ;;
appstream)
    # E: error, W: warning; I: info and P: pedantic do not fail.
    judge '^ *[EW]: ' appstreamcli validate-tree --pedantic --no-net "$out/root"
    ;;
lintian)
    # E: error, W: warning; I: info, P: pedantic, N: notes do not fail.
    judge '^[EW]: ' lintian --display-info --pedantic "$(deb)"
    ;;
contents)
    version=$3
    failed=0
    bad() { echo "FAIL: $*"; failed=1; }
    [ "$(basename "$(deb)")" = "newsdesk_${version}_amd64.deb" ] || bad "the package is $(basename "$(deb)"), not newsdesk_${version}_amd64.deb"
    [ "$(dpkg-deb -f "$(deb)" Version)" = "$version" ] || bad "the package's version is not the project's ($version)"
    for file in usr/bin/newsdesk usr/lib/newsdesk/plugins/webpreview.so \
        usr/share/applications/org.newsdesk.Newsdesk.desktop \
        usr/share/metainfo/org.newsdesk.Newsdesk.metainfo.xml \
        usr/share/icons/hicolor/scalable/apps/org.newsdesk.Newsdesk.svg \
        usr/share/man/man1/newsdesk.1.gz \
        usr/share/bash-completion/completions/newsdesk \
        usr/share/doc/newsdesk/copyright usr/share/doc/newsdesk/changelog.gz; do
        [ -s "$out/root/$file" ] || bad "the package has no /$file"
    done
    for size in 16 22 24 32 48 64 128 256 512; do
        png=$out/root/usr/share/icons/hicolor/${size}x$size/apps/org.newsdesk.Newsdesk.png
        [ -s "$png" ] || { bad "the package has no ${size}x$size icon"; continue; }
        file "$png" | grep -q "PNG image data, $size x $size," || bad "the ${size}x$size icon is $(file -b "$png")"
    done
    # AppStream takes plain http for information only; software centres want https.
    grep -n 'http://' "$out/root/usr/share/metainfo/org.newsdesk.Newsdesk.metainfo.xml" && bad "the metainfo has an address that is not https"
    # The version of the newest release, in the metainfo and the changelog.
    release=$(sed -n 's/.*<release version="\([^"]*\)".*/\1/p' "$out/root/usr/share/metainfo/org.newsdesk.Newsdesk.metainfo.xml" | head -n 1)
    [ "$release" = "$version" ] || bad "the metainfo's newest release is '$release', not the project's version $version"
    changelog=$(zcat "$out/root/usr/share/doc/newsdesk/changelog.gz" | dpkg-parsechangelog -l - -S Version)
    [ "$changelog" = "$version" ] || bad "the changelog's newest entry is '$changelog', not the project's version $version"
    # Computed dependencies (dpkg-shlibdeps) and the plugins it cannot see.
    depends=$(dpkg-deb -f "$(deb)" Depends)
    for package in libqt6webenginewidgets6 libqt6core6t64 libexiv2-28 libqt6sql6-sqlite libqt6sql6-psql qt6-image-formats-plugins qt6-svg-plugins; do
        grep -Eq "(^|, )$package( |,|$)" <<<"$depends" || bad "the package does not depend on $package (Depends: $depends)"
    done
    [ "$failed" = 0 ] || exit 1
    echo "passed: the package holds the binary, its preview module, menu entry, icons, metainfo, man page, completion, copyright and changelog"
    ;;
*)
    echo "check.sh: unknown check '$what'" >&2
    exit 2
    ;;
esac
