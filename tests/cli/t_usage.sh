#!/usr/bin/env bash
# The command table: help, unknown commands and options, exit codes.
. "$(dirname "$0")/lib.sh"
run --help
expect_eq "--help exit" 0 "$rc"
help=$out
for c in init import export show report; do
	expect_contains "--help lists $c" "  $c " "$help"
	run "$c" --help
	expect_eq "$c --help exit" 0 "$rc"
	expect_contains "$c --help usage" "usage: styr $c" "$out"
done
run frobnicate
expect_eq "unknown command exit" 2 "$rc"
expect_contains "unknown command message" 'styr: unknown command "frobnicate"' "$errout"
run
expect_eq "no command exit" 2 "$rc"
x=$(newdb x)
run --db "$x" init
run --db "$x" export values --format yaml
expect_eq "bad format exit" 2 "$rc"
expect_contains "bad format message" '--format "yaml": expected csv or json' "$errout"
run --db "$x" import report-text "$SEED002" --unit LKR
expect_eq "missing --year exit" 2 "$rc"
run export values --db "$x"
expect_eq "--db after the command" 0 "$rc"
finish
