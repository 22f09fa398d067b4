# The permission matrix: every route of the server's own table (styr serve
# --print-routes) × every role × a unit inside the user's grant (LKR-IM,
# below the grant on LKR: inherited) and one outside it (SUS).  A route is
# allowed when the answer is neither 401/403 nor a redirect to the login;
# allowed must be exactly role >= the route's minimum and, for routes
# scoped to a unit, the unit inside the grant.  The open-data routes
# (role "open") are tests/web/t_kolada.sh's.  A route of role "local"
# (/metrics) answers this machine without a login and anyone else as
# admin: walked here as from elsewhere (through a proxy's header), and
# once as this machine without credentials.
. "$SRCDIR/tests/web/lib.sh"
demo_db
rank() {
	case $1 in none) echo 0 ;; reader) echo 1 ;; unit-manager) echo 2 ;; controller) echo 3 ;;
	admin | local) echo 4 ;; *) echo "unknown role $1" >&2; exit 1 ;; esac
}
for role in reader unit-manager controller admin; do
	add_user "u-$role" "$role" LKR
	eval "TOKEN_$(echo $role | tr - _)=\$(\"\$STYR\" --db \"\$DB\" user token \"u-\$role\")"
done
"$STYR" --db "$DB" serve --print-routes >"$T/routes"
nroutes=$(wc -l <"$T/routes")
[ "$nroutes" -gt 20 ] || fail "expected the route table, got $nroutes rows"
start_server
cases=0
while read -r method pattern minimum scope; do
	# Open data needs no role at all; t_kolada walks those routes.
	[ "$minimum" = open ] && continue
	for role in none reader unit-manager controller admin; do
		for where in own other; do
			[ "$scope" = "-" ] && [ "$where" = other ] && continue
			unit=LKR-IM
			[ "$where" = other ] && unit=SUS
			path=$(echo "$pattern" | sed -e "s/{unit}/$unit/" -e 's/{ind}/ID0069/' \
				-e 's/{goal}/LKR-G02/' -e 's/{period}/2030/' \
				-e 's/{subject}/ekonomi/' -e 's/{plan}/LKR-HP2024/')
			auth=
			fwd=
			[ "$minimum" = local ] && fwd="X-Forwarded-For: 192.0.2.1"
			if [ "$role" != none ]; then
				eval "tok=\$TOKEN_$(echo $role | tr - _)"
				auth="Authorization: Bearer $tok"
			fi
			got=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -X "$method" \
				${auth:+-H "$auth"} ${fwd:+-H "$fwd"} "$BASE$path")
			case "$got" in
			401* | 403* | "303 $BASE/login" | "303 $BASE/login?till="* | "303 $BASE/login?fel="*) allowed=no ;;
			*) allowed=yes ;;
			esac
			want=no
			if [ "$(rank $role)" -ge "$(rank $minimum)" ] &&
				{ [ "$scope" = "-" ] || [ "$where" = own ] || [ "$minimum" = none ]; }; then
				want=yes
			fi
			expect_eq "$method $path as $role ($got)" "$want" "$allowed"
			cases=$((cases + 1))
		done
	done
	if [ "$minimum" = local ]; then
		got=$(curl -s -o /dev/null -w '%{http_code}' -X "$method" "$BASE$pattern")
		expect_eq "$method $pattern from this machine without a login" 200 "$got"
		cases=$((cases + 1))
	fi
done <"$T/routes"
echo "$nroutes routes, $cases cases"
stop_server
finish
