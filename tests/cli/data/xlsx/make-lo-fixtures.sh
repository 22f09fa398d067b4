#!/bin/sh
# Regenerates lo/*.xlsx, the workbooks LibreOffice saves from the demo's
# interchange CSV files and from budget.csv and extra_values.csv (one sheet
# each, named after the file), for t_xlsx.  LibreOffice is too heavy for
# CI, so the files are committed; run this where libreoffice-calc(-nogui)
# is installed after a change to the CSV files below:
#   tests/cli/data/xlsx/make-lo-fixtures.sh
# The CSV filter options: ';' separated, '"' quoted, UTF-8 (76), from line
# 1, sv-SE (1053) so that "93,8" is read as a number, as Calc in Sweden does.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
demo=$here/../../../../data/demo
out=$here/lo
mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
set --
for f in $(cat "$here/demo-files"); do
	set -- "$@" "$demo/$f.csv"
done
cd "$out"
soffice --headless "-env:UserInstallation=file://$profile" \
	--infilter="CSV:59,34,76,1,,1053" --convert-to xlsx \
	"$@" "$here/budget.csv" "$here/extra_values.csv" >/dev/null
