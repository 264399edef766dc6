#!/usr/bin/env bash
# Drift check: does eventscope still pass its tests with the NEWEST versions pyproject.toml allows?
#
# constraints.txt pins the versions the suite was last green with, so installs reproduce. Upstream
# keeps releasing (lxml 5.2 moving lxml.html.clean out broke HTML ingest on fresh installs once);
# this script installs without the pins into a throwaway venv, runs the whole suite there and names
# every package whose version differs from constraints.txt, so a breaking release is seen, and
# named, before a user meets it.
#
#   scripts/check_drift.sh            # report only
#   scripts/check_drift.sh --update   # and, when the tests pass, rewrite constraints.txt
#
# Exit status: 0 tests pass with the newest versions (whether or not versions drifted),
# 1 tests fail with the newest versions, 3 the unconstrained install itself failed.
# The venv (default .venv-drift, or $DRIFT_VENV) keeps pytest.log and freeze.txt for a look.
set -uo pipefail
cd "$(dirname "$0")/.."

update=0
[ "${1:-}" = "--update" ] && update=1
venv=${DRIFT_VENV:-.venv-drift}

rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install -q --upgrade pip >/dev/null 2>&1
if ! "$venv/bin/pip" install -q -e ".[dev]" >"$venv/install.log" 2>&1; then
  echo "drift: the unconstrained install failed (see $venv/install.log):"
  grep -E "^ERROR" "$venv/install.log" | head -5 | sed 's/^/drift:   /'
  exit 3
fi
"$venv/bin/pip" freeze --exclude eventscope >"$venv/freeze.txt" 2>/dev/null

# Name what moved: locked version → newest version, plus packages added or dropped.
"$venv/bin/python" - constraints.txt "$venv/freeze.txt" <<'PY'
import re
import sys


def versions(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            out[re.sub(r"[-_.]+", "-", name).lower()] = version.strip()
    return out


locked, newest = versions(sys.argv[1]), versions(sys.argv[2])
changed = [f"{n} {locked[n]} -> {newest[n]}" for n in sorted(locked) if n in newest and locked[n] != newest[n]]
added = [f"{n} {newest[n]} (new)" for n in sorted(set(newest) - set(locked))]
dropped = [f"{n} {locked[n]} (no longer installed)" for n in sorted(set(locked) - set(newest))]
moved = changed + added + dropped
print(f"drift: {len(moved)} package(s) differ from constraints.txt" + (":" if moved else ""))
for line in moved:
    print(f"drift:   {line}")
PY

"$venv/bin/python" -m pytest -q -p no:cacheprovider >"$venv/pytest.log" 2>&1
status=$?
summary=$(grep -E "(passed|failed|error)" "$venv/pytest.log" | tail -1 | sed 's/=//g; s/^ *//')
if [ "$status" = "0" ] || [ "$status" = "5" ]; then
  echo "drift: the tests pass with the newest versions ($summary)"
  if [ "$update" = "1" ]; then
    { sed -n '/^#/p' constraints.txt; cat "$venv/freeze.txt"; } >constraints.txt.new
    mv constraints.txt.new constraints.txt
    echo "drift: constraints.txt rewritten from $venv/freeze.txt"
  fi
  exit 0
fi
echo "drift: WARNING the tests FAIL with the newest versions ($summary); failing tests:"
grep -E "^(FAILED|ERROR) " "$venv/pytest.log" | head -20 | sed 's/^/drift:   /'
echo "drift: full log in $venv/pytest.log; the locked versions (constraints.txt) are unaffected"
exit 1
