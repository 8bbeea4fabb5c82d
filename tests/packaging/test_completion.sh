#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The bash completion (packaging/newsdesk.bash-completion) against a real
# newsdesk: completes lines as bash would and compares what it offers.
# Usage: test_completion.sh COMPLETION-FILE NEWSDESK-BINARY
set -u
completion=${1:?completion file} binary=${2:?newsdesk binary}
# shellcheck source=/dev/null
source "$completion"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
touch news.newsdesk story.md
mkdir exports

failed=0
# complete "LINE" → the offers, sorted, one line, as bash would show them.
complete_line() {
    local line=$1
    read -r -a COMP_WORDS <<<"$line"
    COMP_WORDS=("$binary" "${COMP_WORDS[@]}")
    [[ $line == *' ' || -z $line ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _newsdesk
    printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
}
expect() { # expect "LINE" "OFFERS"
    local got
    got=$(complete_line "$1")
    if [[ $got != "$2" ]]; then
        echo "FAIL: '$1' offered '$got', expected '$2'"
        failed=$((failed + 1))
    fi
}
expect_contains() { # expect_contains "LINE" WORD...
    local got word line=$1
    shift
    got=" $(complete_line "$line") "
    for word in "$@"; do
        [[ $got == *" $word "* ]] || { echo "FAIL: '$line' offered '$got', without '$word'"; failed=$((failed + 1)); }
    done
}

expect_contains "" gui init render export check import dump virin photo-info team people photos
expect "ex" "export"
expect "p" "people photo-info photos"
expect "-" "--help --version"
expect "team " "setup"
expect "photos " "search"
expect "people " "add"
expect "export --" "--format --help --library --out --override-reason --story"
expect "export --library news.newsdesk --story 1 --" "--format --help --out --override-reason"
expect "export --library " "exports news.newsdesk story.md"
expect "export --library news.newsdesk --story " ""
expect "export --library news.newsdesk --story 1 --out " "exports"
expect "import --library news.newsdesk " "exports news.newsdesk story.md"
expect "import --library news.newsdesk st" "story.md"
expect "dump --library news.newsdesk --story 1 --out " "exports news.newsdesk story.md"
expect "init --" "--help --library --name --sample"
expect "virin --" "--help --json"
expect "virin " ""
expect "photo-info st" "story.md"
expect "people add --library postgresql://x --role " "editor writer"
expect "people add --library postgresql://x --role e" "editor"
expect "team setup --library " ""

if ((failed)); then
    echo "$failed completion check(s) failed"
    exit 1
fi
echo "all completion checks passed"
