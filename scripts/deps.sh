#!/bin/sh
# Make sure Debian packages are present: those named as arguments, else the
# ones rectrack builds and tests with. As root it installs what is
# missing; otherwise it prints the exact command and exits 1.
set -eu

if [ $# -gt 0 ]; then
	pkgs="$*"
else
	pkgs="build-essential pkg-config libsqlite3-dev libyaml-dev libxlsxwriter-dev libutf8proc-dev libcmocka-dev libcsv-dev sqlite3 jq python3 time procps git"
	# draft: HTML through libxml2, PDF through pdftotext, its recall test
	pkgs="$pkgs libxml2-dev poppler-utils python3-yaml"
	# tests: strace holds one process up to force an order (guard-db)
	pkgs="$pkgs strace"
fi

missing=""
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
	echo "deps: installing$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >&2
else
	echo "deps: missing Debian packages:$missing" >&2
	echo "deps: run: sudo apt-get install$missing" >&2
	exit 1
fi
