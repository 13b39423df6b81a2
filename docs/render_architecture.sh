#!/bin/sh
# Render docs/architecture.mmd to docs/architecture.svg with mermaid-cli and the system Chromium:
#   npm i --prefix /tmp/mmdc @mermaid-js/mermaid-cli   (PUPPETEER_SKIP_DOWNLOAD=1: no browser download)
set -e
here=$(dirname "$0")
config=$(mktemp)
echo '{"executablePath": "'"${CHROMIUM:-/usr/bin/chromium}"'", "args": ["--no-sandbox"]}' > "$config"
"${MMDC:-/tmp/mmdc/node_modules/.bin/mmdc}" -p "$config" -i "$here/architecture.mmd" -o "$here/architecture.svg" -b white
rm -f "$config"
