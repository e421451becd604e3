#!/bin/sh
# Make sure the Debian packages the browser test (tests/browser/run.sh)
# needs are present: Chromium, and poppler-utils for pdftotext/pdftoppm.
# As root it installs what is missing; otherwise it prints the command.
set -eu

pkgs="chromium poppler-utils"

missing=""
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
	echo "browser-deps: installing$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >&2
else
	echo "browser-deps: missing Debian packages:$missing" >&2
	echo "browser-deps: run: sudo apt-get install$missing" >&2
	exit 1
fi
