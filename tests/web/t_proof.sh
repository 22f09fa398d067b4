# Proof-reading on the web (issue 20): /korrektur's upload form, and the
# marked-up page it answers with (the page `styr proof --format html`
# writes), for a logged-in reader; CSRF, the login, a missing file, a file
# with a NUL byte, a part without a name, and seed 001 against seed 003.
. "$SRCDIR/tests/web/lib.sh"
demo_db
add_user rut reader LKR
start_server
login rut
SEED002=$(ls "$SHARED"/seeds/002_*.txt)
SEED001=$(ls "$SHARED"/seeds/001_*.txt)
SEED003=$(ls "$SHARED"/seeds/003_*.txt)

http GET /korrektur -b "$T/rut.jar"
expect_eq "form" 200 "$status"
expect_contains "form: multipart" 'enctype="multipart/form-data"' "$body"
expect_contains "form: file field" 'name="fil"' "$body"
expect_contains "form: csrf" 'name="csrf"' "$body"

http POST /korrektur -b "$T/rut.jar" -F "csrf=$CSRF_rut" -F "fil=@$SEED002;type=text/plain"
expect_eq "upload" 200 "$status"
expect_contains "upload: the page" '<h1>Korrektur: uppladdad text</h1>' "$body"
expect_contains "upload: akutbesök marked beside its line" \
	'<tr id="r1570" class="x"><td class="n">1570</td>' "$body"
expect_contains "upload: the finding" 'borde vara ökning med 3,6' "$body"
expect_eq "upload: the same findings as styr proof" \
	"$("$STYR" proof --format html "$SEED002" | grep -c 'class="f ')" \
	"$(printf '%s' "$body" | grep -c 'class="f ')"

http POST /korrektur -b "$T/rut.jar" -F "csrf=$CSRF_rut" -F "fil=@$SEED001" -F "mot=@$SEED003"
expect_eq "against" 200 "$status"
expect_contains "against: uppräkning" 'jämförd plan rad 3052: uppräkning 2,9' "$body"

http POST /korrektur -b "$T/rut.jar" -F "fil=@$SEED002"
expect_eq "no csrf" 403 "$status"
http POST /korrektur -b "$T/rut.jar" -F "csrf=$CSRF_rut"
expect_eq "no file" 400 "$status"
printf 'a\0b\n' >"$T/nul.txt"
http POST /korrektur -b "$T/rut.jar" -F "csrf=$CSRF_rut" -F "fil=@$T/nul.txt"
expect_eq "a NUL byte" 400 "$status"
# a part without a name (fuzz/corpus/http/crash-multipart-nameless-part):
# the form is refused, and the server answers the next request
printf -- '--XyZzY\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n%s\r\n--XyZzY\r\nContent-Disposition: form-data; filename="a.txt"\r\n\r\nIndikator\r\n--XyZzY--\r\n' \
	"$CSRF_rut" >"$T/nameless"
http POST /korrektur -b "$T/rut.jar" -H 'Content-Type: multipart/form-data; boundary=XyZzY' \
	--data-binary "@$T/nameless"
expect_eq "a part without a name" 400 "$status"
expect_contains "a part without a name: why" "högst 512 delar, var och en med ett namn" "$body"
http GET /korrektur -b "$T/rut.jar"
expect_eq "a part without a name: the server is still there" 200 "$status"
status=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$BASE/korrektur")
expect_eq "not logged in" "303 $BASE/login?till=/korrektur" "$status"
# another route keeps the small limit
head -c 70000 /dev/zero | tr '\0' a >"$T/big.txt"
http POST /enhet/LKR/analys -b "$T/rut.jar" --data-urlencode "csrf=$CSRF_rut" --data-urlencode "x@$T/big.txt"
expect_eq "other routes: 64 KiB" 413 "$status"
stop_server
finish
