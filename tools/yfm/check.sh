#!/usr/bin/env bash
# Renders the generated docs pages with the docs team's renderer, Diplodoc (`yfm`, pinned in
# tools/yfm/package.json), at their real paths in a tree laid out like the official docs
# repositories, and fails on what would break them there.
#
#   tools/yfm/check.sh [DOCS_DIR]        (default: docs)
#
# For each DOCS_DIR/<lang>/ it copies tests/fixtures/official-tree/<lang>/ (the few files of
# the official repository that our pages include or link to) into a temporary directory, drops
# every DOCS_DIR/<lang>/**/*.md at the same relative path, and fails (exit 1, one "FAIL" line
# per problem, naming the page) on:
#   - a relative link or include of our pages that does not resolve inside the tree (for a link
#     to a page the official repository has, files.txt, a stub page stands in);
#   - an error or warning of `yfm build` about our pages (missing include, unreachable link,
#     unclosed table, unknown liquid variable, ...);
#   - a rendered table of our pages whose rows do not all have the header's cell count, or
#     with merged cells; a rendered link whose page or #anchor does not exist.
#
# The fixture tree holds the Russian repository's files verbatim and English stand-ins (see its
# README.md). B24_OFFICIAL_DOCS_DIR=DIR puts the real files of DIR/<lang>/ (a checkout) in
# place of the fixture's. The English repository has the Russian one's layout, so links of the
# English pages are resolved against ru/files.txt.
# B24_YFM_KEEP=1 keeps the temporary directory for a look at the trees, logs and HTML.
#
# Installs the pinned packages with `npm ci --prefix tools/yfm` when node_modules is missing or
# older than the lockfile. Writes nothing in the repository besides tools/yfm/node_modules.
set -euo pipefail
shopt -s nullglob

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
docs_arg=${1:-docs}
if [[ ! -d $docs_arg ]]; then
    echo "yfm check: no docs directory '$docs_arg'" >&2
    exit 2
fi
docs=$(cd "$docs_arg" && pwd)
fixtures=$repo/tests/fixtures/official-tree
official=${B24_OFFICIAL_DOCS_DIR:-}
if [[ -n $official && -d $official ]]; then official=$(cd "$official" && pwd); fi

command -v node >/dev/null || { echo "yfm check: node is not installed" >&2; exit 2; }
if [[ ! -x $here/node_modules/.bin/yfm || $here/package-lock.json -nt $here/node_modules/.package-lock.json ]]; then
    echo "yfm check: installing the pinned @diplodoc/cli (npm ci --prefix tools/yfm)"
    start=$SECONDS
    npm ci --prefix "$here" --no-audit --no-fund --loglevel=error
    echo "yfm check: installed in $((SECONDS - start)) s"
fi
echo "yfm check: $("$here/node_modules/.bin/yfm" --version 2>/dev/null | tail -n 1 | sed 's/^/@diplodoc\/cli /'), node $(node --version)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/b24-yfm-check.XXXXXX")
if [[ ${B24_YFM_KEEP:-} == 1 ]]; then
    echo "yfm check: keeping $tmp"
else
    trap 'rm -rf "$tmp"' EXIT
fi

status=0
langs=0
pages=0
report=$tmp/report.txt
: >"$report"
for lang_dir in "$docs"/*/; do
    lang=$(basename "$lang_dir")
    shown_dir=${docs_arg%/}/$lang
    fixture=$fixtures/$lang
    langs=$((langs + 1))
    echo "== $lang: $shown_dir"
    if [[ ! -d $fixture ]]; then
        echo "FAIL $shown_dir: no official tree for '$lang' in tests/fixtures/official-tree/" | tee -a "$report"
        status=1
        continue
    fi
    work=$tmp/$lang
    tree=$work/tree
    mkdir -p "$tree"
    cp -R "$fixture/." "$tree/"
    rm -f "$tree/files.txt"

    # Real official files over the stand-ins, where a checkout is at hand.
    source="tests/fixtures/official-tree/$lang"
    if [[ -n $official && -d $official/$lang ]]; then
        real=0
        while IFS= read -r f; do
            if [[ -f $official/$lang/$f ]]; then
                cp "$official/$lang/$f" "$tree/$f"
                real=$((real + 1))
            fi
        done < <(cd "$fixture" && find . -type f ! -name files.txt ! -name .yfm | sed 's|^\./||')
        source="$real official files from $official/$lang, stand-ins for the rest"
    fi
    echo "official tree: $source"

    : >"$work/pages.tsv"
    while IFS= read -r rel; do
        if [[ -e $tree/$rel ]]; then
            echo "note: $shown_dir/$rel takes the place of the official tree's $rel"
        fi
        mkdir -p "$(dirname "$tree/$rel")"
        cp "$lang_dir$rel" "$tree/$rel"
        printf '%s\t%s\n' "$rel" "$shown_dir/$rel" >>"$work/pages.tsv"
    done < <(cd "$lang_dir" && find . -type f -name '*.md' | sed 's|^\./||' | LC_ALL=C sort)
    if [[ ! -s $work/pages.tsv ]]; then
        echo "FAIL $shown_dir: no .md pages" | tee -a "$report"
        status=1
        continue
    fi

    files=$fixture/files.txt
    [[ -f $files ]] || files=$fixtures/ru/files.txt
    node "$here/tree.mjs" prepare "$tree" "$files" "$work/pages.tsv" "$work/stubs.txt" | tee -a "$report" || status=1

    start=$SECONDS
    rc=0
    (cd "$work" && "$here/node_modules/.bin/yfm" build -i tree -o out) >"$work/yfm.log" 2>&1 || rc=$?
    echo "yfm build: exit $rc in $((SECONDS - start)) s"
    node "$here/tree.mjs" log "$work/yfm.log" "$work/pages.tsv" "$rc" | tee -a "$report" || status=1

    node "$here/check-tables.mjs" "$work/out" "$work/pages.tsv" "$work/stubs.txt" | tee -a "$report" || status=1
    pages=$((pages + $(wc -l <"$work/pages.tsv")))
done

if [[ $langs == 0 ]]; then
    echo "FAIL $docs_arg: no language folders (expected $docs_arg/<lang>/)" | tee -a "$report"
    status=1
fi
# Pages with a problem, and one more for problems that name no page (yfm itself, a language).
failed=$(sed -n 's/^FAIL \([^:]*\):.*/\1/p' "$report" | sort -u | wc -l)
if [[ $status != 0 && $failed == 0 ]]; then failed=1; fi
passed=$((pages > failed ? pages - failed : 0))
if [[ $status != 0 ]]; then
    echo "yfm check: FAILED (Diplodoc would not render the pages in $docs_arg as written; see the FAIL lines above)"
else
    echo "yfm check: passed"
fi
echo "yfm: $passed passed, $failed failed"
exit "$status"
