#!/usr/bin/env bash
# Scale-out (issue 16 item 3): two `styr serve` processes on one database
# behind nginx, round-robin, with X-Forwarded-For and --proxy.  Nothing one
# process holds is needed by the other: a session made through one is
# good on the other, a write through one shows through the other at once
# (the page cache is checked against the database's data version, a row
# on PostgreSQL that every writing transaction bumps), a report approved
# through one locks the period for the other (423), and failed logins
# through both count together.  Written for PostgreSQL (docs/deploy.md);
# it runs on SQLite too, where two processes share one file on one machine.
. "$SRCDIR/tests/web/lib.sh"
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || {
	echo "nginx not installed (scripts/install-deps installs nginx-light)" >&2
	exit 1
}
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
demo_db
add_user anna unit-manager LKR
add_user karl controller
SERVER2_PID=
NGINX_PID=
trap 'kill $NGINX_PID $SERVER2_PID 2>/dev/null; wait $NGINX_PID 2>/dev/null; stop_server; rm -rf "$T"; [ "$failures" -eq 0 ] || exit 1' EXIT
NBSP=$(printf '\302\240')

# Both with a low address limit, so that the throttle's counting shows.
start_server --proxy 127.0.0.1 --login-limit 4/60 --login-rate 1000
A=$BASE
"$STYR" --db "$DB" serve --port 0 --quiet --proxy 127.0.0.1 --login-limit 4/60 --login-rate 1000 \
	>"$T/serve2.out" 2>"$T/serve2.err" &
SERVER2_PID=$!
i=0
while ! grep -q listening "$T/serve2.out" 2>/dev/null; do
	i=$((i + 1))
	[ $i -gt 100 ] && { echo "second server did not start: $(cat "$T/serve2.err")" >&2; exit 1; }
	sleep 0.05
done
B=$(sed -n 's/^listening on //p' "$T/serve2.out")

# nginx as this user, everything it writes in $T/nginx; a random port,
# tried again when taken.
mkdir -p "$T/nginx/logs"
start_nginx() {
	local port tries=0
	while :; do
		tries=$((tries + 1))
		port=$((20000 + RANDOM % 30000))
		cat >"$T/nginx/nginx.conf" <<EOT
$([ "$(id -u)" = 0 ] && echo "user root;")
worker_processes 1;
events { worker_connections 64; }
http {
	access_log off;
	client_body_temp_path $T/nginx/body;
	proxy_temp_path $T/nginx/proxy;
	fastcgi_temp_path $T/nginx/fastcgi;
	uwsgi_temp_path $T/nginx/uwsgi;
	scgi_temp_path $T/nginx/scgi;
	upstream styr {
		server ${A#http://};
		server ${B#http://};
	}
	server {
		listen 127.0.0.1:$port;
		location / {
			proxy_pass http://styr;
			proxy_set_header Host \$host:\$server_port;
			proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
			proxy_set_header X-Forwarded-Proto \$scheme;
		}
	}
}
EOT
		"$NGINX" -p "$T/nginx" -c nginx.conf -e stderr \
			-g "daemon off; pid $T/nginx/nginx.pid; error_log stderr;" 2>"$T/nginx/err" &
		NGINX_PID=$!
		for i in $(seq 50); do
			curl -s -o /dev/null "http://127.0.0.1:$port/stil.css" && break
			kill -0 $NGINX_PID 2>/dev/null || break
			sleep 0.05
		done
		if kill -0 $NGINX_PID 2>/dev/null; then
			N=http://127.0.0.1:$port
			return
		fi
		wait $NGINX_PID 2>/dev/null
		grep -q "Address already in use" "$T/nginx/err" && [ $tries -lt 10 ] && continue
		echo "nginx did not start: $(cat "$T/nginx/err")" >&2
		exit 1
	done
}
start_nginx

# get URL JAR: the status of a GET with that cookie jar; the body in $T/body
get() { curl -s -o "$T/body" -w '%{http_code}' -b "$2" "$1"; }
# shows TEXT: whether the last body holds TEXT (yes or no, not the page)
shows() { grep -qF "$1" "$T/body" && echo yes || echo no; }
# metric BASE: the requests a process has answered for /stil.css
served() {
	curl -s "$1/metrics" | awk 'index($0, "styr_http_requests_total{route=\"/stil.css\",method=\"GET\",status=\"200\"} ") == 1 { print $NF }'
}

# --- round-robin: both processes answer through nginx
a0=$(served "$A")
b0=$(served "$B")
for i in 1 2 3 4 5 6; do curl -s -o /dev/null "$N/stil.css"; done
a1=$(served "$A")
b1=$(served "$B")
expect_eq "nginx spreads six requests over both processes" "3 3" "$((${a1:-0} - ${a0:-0})) $((${b1:-0} - ${b0:-0}))"

# --- a login through nginx is good on each process and through nginx
BASE=$N
login_post anna anna-losen
expect_eq "login through nginx" 303 "$status"
expect_eq "the session on process A" 200 "$(get "$A/min-sida" "$T/anna.jar")"
expect_eq "the session on process B" 200 "$(get "$B/min-sida" "$T/anna.jar")"
codes=
for i in 1 2 3 4; do codes="$codes $(get "$N/min-sida" "$T/anna.jar")"; done
expect_eq "the session through nginx, both processes" " 200 200 200 200" "$codes"
BASE=$A
login_post karl karl-losen
expect_eq "login on process A" 303 "$status"
expect_eq "karl's session made by A, on B" 200 "$(get "$B/min-sida" "$T/karl.jar")"

# --- a write through one shows through the other at once
tok=$("$STYR" --db "$DB" user token anna)
ktok=$("$STYR" --db "$DB" user token karl)
# put BASE INDICATOR/PERIOD JSON: the status, 2xx for any success (a new
# value or a changed one)
put() {
	local c
	c=$(curl -s -o "$T/body" -w '%{http_code}' -X PUT -H "Authorization: Bearer $tok" --data "$3" "$1/api/v1/units/LKR/values/$2")
	case $c in 2??) echo 2xx ;; *) echo "$c" ;; esac
}
# Both caches warm: eight reads on each process (four workers each, so
# some worker answers twice: a hit).
hits() { curl -s "$1/metrics" | awk 'index($0, "styr_page_cache_requests_total{result=\"hit\"} ") == 1 { print $NF }'; }
h0=$(hits "$B")
for i in 1 2 3 4 5 6 7 8; do
	for u in "$A" "$B"; do get "$u/enhet/LKR" "$T/anna.jar" >/dev/null; done
done
expect_eq "B answers the dashboard from its cache" yes "$([ "$(hits "$B")" -gt "$h0" ] && echo yes || echo no)"
expect_eq "write through A" 2xx "$(put "$A" ID0069/2025 '{"value":77.3}')"
get "$B/enhet/LKR" "$T/anna.jar" >/dev/null
expect_eq "B's cached dashboard shows A's write" yes "$(shows "77,3${NBSP}%")"
expect_eq "write through B" 2xx "$(put "$B" ID0069/2025 '{"value":78.4}')"
get "$A/enhet/LKR" "$T/anna.jar" >/dev/null
expect_eq "A's cached dashboard shows B's write" yes "$(shows "78,4${NBSP}%")"
# The org units a page walks are kept per worker for a data version
# (styr_org_each): a rename and a new unit by another process (the CLI)
# show on each process's next pages, whichever worker answers.  Warm
# first: every worker of both has RST's tree (8 reads, 4 workers each).
for i in 1 2 3 4 5 6 7 8; do
	for u in "$A" "$B"; do get "$u/enhet/RST" "$T/karl.jar" >/dev/null; done
done
expect_eq "RST's tree before: PDV by its name" yes "$(shows '>Personaldriven enhet kognitiv medicin</a>')"
printf 'code;name;kind;parent;valid_from;valid_to;aliases\nPDV;Omdöpt enhet;enhet;RST;;;\nNYE;Ny enhet;enhet;RST;;;\n' >"$T/org.csv"
run --db "$DB" import csv "$T/org.csv"
expect_eq "the org changed by the CLI" 0 "$rc"
renamed=0 added=0 old=0
for i in 1 2 3 4 5 6 7 8; do
	for u in "$A" "$B"; do
		get "$u/enhet/RST" "$T/karl.jar" >/dev/null
		[ "$(shows '>Omdöpt enhet</a>')" = yes ] && renamed=$((renamed + 1))
		[ "$(shows '<a href="/enhet/NYE">Ny enhet</a>')" = yes ] && added=$((added + 1))
		[ "$(shows 'Personaldriven enhet kognitiv medicin')" = yes ] && old=$((old + 1))
	done
done
expect_eq "16 pages through both processes' workers: the new name, the new unit, not the old name" \
	"16 16 0" "$renamed $added $old"
# Through nginx: a write, then each of the next reads, whichever process
# answers, shows it.
for v in 79.1 80.2 81.3; do
	expect_eq "write $v through nginx" 2xx "$(put "$N" ID0069/2025 "{\"value\":$v}")"
	for i in 1 2; do
		get "$N/enhet/LKR" "$T/anna.jar" >/dev/null
		expect_eq "read $i after writing $v through nginx" yes "$(shows "${v/./,}${NBSP}%")"
	done
done
# A form (the session's CSRF token) through nginx, read back on each.
csrf=$(curl -s -b "$T/anna.jar" "$A/org" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
status=$(curl -s -o "$T/body" -w '%{http_code}' -b "$T/anna.jar" \
	--data "csrf=$csrf&indikator=ID0069&period=2025&varde=82,5" "$N/enhet/LKR/varde")
expect_eq "the value form through nginx" 303 "$status"
for u in "$A" "$B"; do
	get "$u/enhet/LKR/indikator/ID0069" "$T/anna.jar" >/dev/null
	expect_eq "the form's value on $u" yes "$(shows "82,5")"
done

# --- a lock taken through one is refused through the other
status=$(curl -s -o "$T/body" -w '%{http_code}' -X POST -H "Authorization: Bearer $tok" "$B/api/v1/units/LKR/reports/2025/submit")
expect_eq "submitted through B" 200 "$status"
status=$(curl -s -o "$T/body" -w '%{http_code}' -X POST -H "Authorization: Bearer $ktok" \
	--data '{}' "$A/api/v1/units/LKR/reports/2025/approve")
expect_eq "approved through A" 200 "$status"
expect_eq "a write through B refused" 423 "$(put "$B" ID0069/2025 '{"value":90}')"
expect_contains "B names the lock" '"code":"period_locked"' "$(cat "$T/body")"
codes=
for i in 1 2; do codes="$codes $(put "$N" ID0069/2025 '{"value":90}')"; done
expect_eq "writes through nginx refused on both" " 423 423" "$codes"
status=$(curl -s -o "$T/body" -w '%{http_code}' -b "$T/anna.jar" \
	--data "csrf=$csrf&indikator=ID0069&period=2025&varde=91" "$B/enhet/LKR/varde")
expect_eq "the form on B refused too" 423 "$status"
expect_eq "the figure approved stays" "82.5" \
	"$(dbsql "SELECT v.value FROM value v JOIN indicator i ON i.id = v.indicator_id JOIN org_unit u ON u.id = v.unit_id WHERE i.code = 'ID0069' AND u.code = 'LKR' AND v.year = 2025")"

# --- failed logins through nginx count on both (four an address)
BASE=$N
codes=
for i in 1 2 3 4; do
	login_post "x$i" fel
	codes="$codes $status"
done
expect_eq "four failures through nginx (both processes)" " 401 401 401 401" "$codes"
# nginx says the client is 127.0.0.1; so does the header here.
for u in "$A" "$B"; do
	BASE=$u
	login_post anna anna-losen -H "X-Forwarded-For: 127.0.0.1"
	expect_eq "the address refused on $u" 429 "$status"
done
BASE=$N
login_post anna anna-losen
expect_eq "and through nginx" 429 "$status"

# --- a process keeps no code -> key of its own across requests: another
# process gives the code LKR-IM to a different unit (here behind styr's
# back), and the next writes through B for LKR-IM land on that unit.
codes=
for i in 1 2 3 4 5 6 7 8; do # every worker of B looks LKR-IM up
	codes="$codes $(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $tok" --data '{"value":1}' "$B/api/v1/units/LKR-IM/values/ID0285/2030" | sed 's/^2../2xx/')"
done
expect_eq "writes for LKR-IM through B" " 2xx 2xx 2xx 2xx 2xx 2xx 2xx 2xx" "$codes"
dbsql "UPDATE org_unit SET code = 'GAMMAL-IM' WHERE code = 'LKR-IM';
	UPDATE org_unit SET code = 'LKR-IM' WHERE code = 'LKR-PO'" >/dev/null
for i in 1 2 3 4 5 6 7 8; do
	curl -s -o /dev/null -X PUT -H "Authorization: Bearer $tok" --data "{\"value\":$((i + 1))}" "$B/api/v1/units/LKR-IM/values/ID0285/2031"
done
expect_eq "the writes after the change went to the unit now called LKR-IM" "LKR-IM" \
	"$(dbsql "SELECT DISTINCT u.code FROM value v JOIN org_unit u ON u.id = v.unit_id JOIN indicator i ON i.id = v.indicator_id WHERE i.code = 'ID0285' AND v.year = 2031 ORDER BY 1" | tr '\n' ' ' | sed 's/ $//')"

kill "$NGINX_PID"
wait "$NGINX_PID" 2>/dev/null
NGINX_PID=
kill "$SERVER2_PID"
wait "$SERVER2_PID"
expect_eq "the second server stops cleanly" 0 "$?"
SERVER2_PID=
stop_server
finish
