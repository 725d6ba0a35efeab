#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Refresh the vendored front-end files from the exact versions in package.json
# (and package-lock.json). Only needed to upgrade them: the copies committed in
# meldpunt/static/meldpunt/vendor/ and tests/browser/vendor/ are what the
# application and the tests use, so `make run` and `make test` need no npm.
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --no-audit --no-fund --ignore-scripts

static=meldpunt/static/meldpunt/vendor
rm -rf "$static" tests/browser/vendor
mkdir -p "$static/utrecht" "$static/fira-sans" tests/browser/vendor/axe-core

# NL Design System components of the Municipality of Utrecht (EUPL-1.2).
utrecht=node_modules/@utrecht/component-library-css
cp "$utrecht/dist/index.css" "$static/utrecht/component-library.css"
cp "$utrecht/LICENSE.md" "$static/utrecht/LICENSE.md"

# Fira Sans (OFL-1.1): latin and latin-ext, regular, semibold and bold. The
# latin-ext files carry the Dutch ĳ and the accented letters of names.
fira=node_modules/@fontsource/fira-sans
for weight in 400 600 700; do
    for subset in latin latin-ext; do
        cp "$fira/files/fira-sans-$subset-$weight-normal.woff2" "$static/fira-sans/"
    done
done
cp "$fira/LICENSE" "$static/fira-sans/OFL.txt"
python3 scripts/fontfaces.py "$fira" > "$static/fira-sans/fira-sans.css"

# axe-core (MPL-2.0): injected by the accessibility tests only, never served.
cp node_modules/axe-core/axe.min.js node_modules/axe-core/LICENSE \
    tests/browser/vendor/axe-core/

node -e 'for (const p of ["@utrecht/component-library-css", "@fontsource/fira-sans", "axe-core"]) console.log(p, require(p + "/package.json").version)'
