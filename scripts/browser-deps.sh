#!/bin/sh
# The Debian packages the browser test (tests/browser/run.sh) needs:
# Chromium, and poppler-utils for pdftotext, pdfinfo and pdftoppm.
exec sh "$(dirname "$0")/deps.sh" chromium poppler-utils
