#!/usr/bin/env bash
# styr backup and restore (issue 14 item 6): a copy taken while another
# process writes restores into a database that passes its integrity check
# and `styr audit verify` and holds a prefix of the writes; a quiet
# database restores identical in every table (users, grants, the audit
# log, approvals, SIE accounts and balances, the mapping); and bad input
# is refused before anything is written.  On SQLite and PostgreSQL.
. "$(dirname "$0")/lib.sh"

d=$SRCDIR/data/demo
db=$(newdb src)
"$STYR" --db "$db" init >/dev/null 2>&1 || fail "init"
"$STYR" --db "$db" import csv "$d"/*.csv >/dev/null 2>&1 || fail "import demo"
"$STYR" --db "$db" import sie "$SHARED/testdata/sie/transaktioner_ovnbolag.se" --unit LKR-VVO \
	>/dev/null 2>&1 || fail "import sie"
echo karl-losen | "$STYR" --db "$db" user add karl --role controller >/dev/null 2>&1 ||
	fail "adding karl"
"$STYR" --db "$db" workflow LKR 2024 submit --as karl >/dev/null 2>&1 || fail "submit"
"$STYR" --db "$db" workflow LKR 2024 approve --as karl >/dev/null 2>&1 || fail "approve"

# A quiet database: the restored copy is the same in every table.
run --db "$db" backup "$T/quiet.bak"
expect_eq "backup exit" 0 "$rc"
expect_contains "backup says where" "written to $T/quiet.bak" "$out"
expect_eq "no part file left" "" "$(ls "$T" | grep '\.part$')"
copy=$(newdb copy)
run --db "$copy" restore "$T/quiet.bak"
expect_eq "restore exit" 0 "$rc"
expect_eq "restored identical (every table)" "$(dbdump "$db")" "$(dbdump "$copy")"
q="SELECT u.name, g.role, s.state FROM app_user u JOIN app_grant g ON g.user_id = u.id, report_state s WHERE u.name = 'karl'"
expect_eq "karl's grant and the approval (2) restored" "$(sql "$db" "$q")" "$(sql "$copy" "$q")"
expect_contains "karl approved it" "karl|" "$(sql "$copy" "$q")"
expect_eq "SIE balances" "$(sql "$db" 'SELECT count(*) FROM account_balance')" \
	"$(sql "$copy" 'SELECT count(*) FROM account_balance')"
run --db "$copy" audit verify
expect_eq "audit verify after restore" 0 "$rc"

# Bad input: nothing is written.
run --db "$db" backup "$T/quiet.bak"
expect_eq "backup onto a file refused" 2 "$rc"
expect_contains "says the file exists" "quiet.bak exists: a backup goes to a new file" "$errout"
run --db "$copy" restore "$T/quiet.bak"
if [ "$BACKEND" = pg ]; then
	expect_eq "restore into a styr database refused" 2 "$rc"
	expect_contains "says it is not empty" "has a styr schema already" "$errout"
else
	expect_eq "restore onto a file refused" 2 "$rc"
	expect_contains "says it exists" "exists: restore into a new file" "$errout"
fi
printf 'not a backup\n' >"$T/junk.bak"
empty=$(newdb empty)
run --db "$empty" restore "$T/junk.bak"
expect_eq "a foreign file refused" 2 "$rc"
expect_contains "says what it is not" "junk.bak is not a backup of a" "$errout"
if [ "$BACKEND" = pg ]; then
	expect_eq "nothing restored" "" "$(sql "$empty" "SELECT to_regclass('styr_schema')")"
else
	expect_eq "no file made" "no" "$([ -e "$empty" ] && echo yes || echo no)"
	# A damaged SQLite file: pages overwritten in the middle.
	cp "$T/quiet.bak" "$T/damaged.bak"
	size=$(stat -c %s "$T/damaged.bak")
	dd if=/dev/urandom of="$T/damaged.bak" bs=4096 seek=$((size / 4096 / 2)) count=4 \
		conv=notrunc 2>/dev/null
	run --db "$empty" restore "$T/damaged.bak"
	expect_eq "a damaged backup refused" 2 "$rc"
	expect_eq "still no file" "no" "$([ -e "$empty" ] && echo yes || echo no)"
fi
run --db "$empty" restore "$T/missing.bak"
expect_eq "a missing backup refused" 2 "$rc"
expect_contains "says it cannot read it" "missing.bak: cannot read the backup" "$errout"
long=$T/$(head -c 5000 /dev/zero | tr '\0' a)
run --db "$db" backup "$long"
expect_eq "a path too long refused" 2 "$rc"
expect_contains "says so" "the path is too long: 50" "$errout"
expect_eq "nothing written" "" "$(ls "$T" | grep aaaa)"

# While another process writes: one import a value, and a user added (an
# audited transaction), in a loop; the backup is taken in the middle.
n=30
for i in $(seq 1 $n); do
	printf 'indicator;unit;period;value;numerator;denominator;missing_reason;source\nID0285;LKR;%d;%d;;;;loop\n' \
		$((1990 + i)) "$i" >"$T/v$i.csv"
done
(
	for i in $(seq 1 $n); do
		"$STYR" --db "$db" import csv "$T/v$i.csv" >/dev/null 2>&1 || echo "import $i failed"
		echo "pw-$i-losen" | "$STYR" --db "$db" user add "w$i" --role reader >/dev/null 2>&1 ||
			echo "user $i failed"
	done
) >"$T/writer.out" &
writer=$!
sleep 1
run --db "$db" backup "$T/busy.bak"
expect_eq "backup while writing" 0 "$rc"
wait "$writer"
expect_eq "the writer was not disturbed" "" "$(cat "$T/writer.out")"
busy=$(newdb busy)
run --db "$busy" restore "$T/busy.bak"
expect_eq "restore of the busy backup" 0 "$rc"
if [ "$BACKEND" = sqlite ]; then
	expect_eq "integrity check" "ok" "$(sqlite3 "$busy" 'PRAGMA integrity_check')"
fi
run --db "$busy" audit verify
expect_eq "audit verify of the busy backup" 0 "$rc"
k=$(sql "$busy" "SELECT count(*) FROM value v JOIN indicator i ON i.id = v.indicator_id WHERE i.code = 'ID0285' AND v.year BETWEEN 1991 AND 2020")
got=$(sql "$busy" "SELECT v.year - 1990 FROM value v JOIN indicator i ON i.id = v.indicator_id WHERE i.code = 'ID0285' AND v.year BETWEEN 1991 AND 2020 ORDER BY v.year" | tr '\n' ' ')
expect_eq "a prefix of the value writes" "$(seq -s ' ' 1 "$k" 2>/dev/null) " "${got:- }"
echo "the backup holds $k of $n value writes" >&2
u=$(sql "$busy" "SELECT count(*) FROM app_user WHERE name LIKE 'w%'")
ok=yes
for i in $(seq 1 "$u"); do
	[ "$(sql "$busy" "SELECT count(*) FROM app_user WHERE name = 'w$i'")" = 1 ] || ok=no
done
expect_eq "a prefix of the audited user writes ($u)" yes "$ok"
expect_eq "the source has them all" "$n" \
	"$(sql "$db" "SELECT count(*) FROM value v JOIN indicator i ON i.id = v.indicator_id WHERE i.code = 'ID0285' AND v.year BETWEEN 1991 AND 2020")"
finish
