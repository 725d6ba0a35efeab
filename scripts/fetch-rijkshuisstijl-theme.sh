#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
# Build step for a central-government deployment: fetch the Rijkshuisstijl
# community theme (design tokens) into the theme folder. Its tokens are not
# openly licensed, so they are fetched when building, never committed.
# See docs/theme.md. Needs npm and access to the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."

version="${RHC_TOKENS_VERSION:-11.1.0}"
target="${MELDPUNT_THEME_DIR:-var/theme}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "@rijkshuisstijl-community/design-tokens@$version" >/dev/null)
tar -xzf "$work"/rijkshuisstijl-community-design-tokens-*.tgz -C "$work"
mkdir -p "$target"
cp "$work/package/dist/index.css" "$target/rijkshuisstijl.css"

cat <<MESSAGE
Rijkshuisstijl community tokens $version written to $target/rijkshuisstijl.css.
Run Meldpunt with:
  MELDPUNT_THEME_DIR=$target
  MELDPUNT_THEME_CSS=theme/rijkshuisstijl.css
  MELDPUNT_THEME_CLASS=rhc-theme
and, in production, run 'meldpunt collectstatic' after this step.
MESSAGE
