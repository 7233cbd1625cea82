#!/usr/bin/env bash
# Renders the pictures in docs/ from the .xlsx the Worker serves: the national comparison
# sheet and one province's, downloaded exactly as a user would, printed by LibreOffice
# (PDF, A4 landscape as the workbook's print setup says) and turned into PNG by pdftoppm.
#
#   npm start                      # in another terminal: the local Worker with demo data
#   scripts/render-docs.sh         # THADS_URL=http://127.0.0.1:8787 PERIOD=2026-09 PROVINCE=52 FORM=01
#
# Needs curl, soffice (libreoffice-calc) and pdftoppm (poppler-utils). Starts nothing itself.
set -euo pipefail
cd "$(dirname "$0")/.."

URL="${THADS_URL:-http://127.0.0.1:8787}"
PERIOD="${PERIOD:-2026-09}"
PROVINCE="${PROVINCE:-52}"
FORM="${FORM:-01}"
TOKEN="${TOKEN:-demo-national}"
XLSX="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

for tool in curl soffice pdftoppm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "render-docs: $tool is missing (Debian: apt-get install curl libreoffice-calc poppler-utils)" >&2; exit 1; }
done
if ! curl -fsS "$URL/api/v1/health" >/dev/null 2>&1; then
  echo "render-docs: no Worker at $URL — run 'npm start' in another terminal first (or set THADS_URL)" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

download() { # parent name
  curl -fsS -H "Authorization: Bearer $TOKEN" -H "Accept: $XLSX" \
    "$URL/api/v1/comparisons?parent=$1&form=$FORM&period=$PERIOD" -o "$work/$2.xlsx"
  echo "downloaded $2.xlsx ($(wc -c <"$work/$2.xlsx") bytes)"
}
download VN so-sanh-toan-quoc
download "$PROVINCE" "so-sanh-tinh-$PROVINCE"

# A fresh LibreOffice profile with a Vietnamese locale (84,25%; 1.234.567), recalculating on load.
mkdir -p "$work/profile/user"
cat >"$work/profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>vi-VN</value></prop></item>
</oor:items>
XCU
soffice "-env:UserInstallation=file://$work/profile" --headless --norestore --convert-to pdf --outdir "$work" \
  "$work/so-sanh-toan-quoc.xlsx" "$work/so-sanh-tinh-$PROVINCE.xlsx" >/dev/null 2>&1

mkdir -p docs
for name in so-sanh-toan-quoc "so-sanh-tinh-$PROVINCE"; do
  # The table, its notes and the chart below them print on the first page (A4 landscape, one page wide).
  pdftoppm -png -r 150 -f 1 -l 1 -singlefile "$work/$name.pdf" "docs/$name"
  echo "docs/$name.png ($(pdfinfo "$work/$name.pdf" 2>/dev/null | awk '/^Pages:/{print $2}') pages, $(pdfinfo "$work/$name.pdf" 2>/dev/null | awk -F': +' '/^Page size:/{print $2}'))"
done
