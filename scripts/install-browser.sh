#!/usr/bin/env bash
# Installs what the browser tests (tests/test_browser.py) need, and nothing when it is already there:
#   - Debian's chromium at /usr/bin/chromium (apt-get; needs root), only if it is missing;
#   - two font families the page layout is tested under, as if each were the machine's only fonts:
#     DejaVu (fonts-dejavu-core) and Liberation (fonts-liberation2), only if missing (apt-get);
#   - axe-core, at the version pinned in scripts/axe/package-lock.json, into build/axe/ (npm ci),
#     only if build/axe/node_modules/axe-core/axe.min.js is missing or has another version.
# Usage: scripts/install-browser.sh          (from anywhere; exits non-zero with a message on failure)
# The Python side (playwright) comes from the project's test dependencies, not from here.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHROMIUM="/usr/bin/chromium"
AXE_SRC="$ROOT/scripts/axe"
AXE_DIR="$ROOT/build/axe"
AXE_JS="$AXE_DIR/node_modules/axe-core/axe.min.js"

die() {
    echo "install-browser: $*" >&2
    exit 1
}

# apt_install WHAT PACKAGE...: install Debian packages for WHAT, or say how when this cannot.
apt_install() {
    local what="$1"
    shift
    echo "install-browser: installing $* (apt-get)"
    if [[ "$(id -u)" -ne 0 ]]; then
        die "$what is missing and this is not root: run 'sudo apt-get update && sudo apt-get install -y --no-install-recommends $*', then this script again"
    fi
    command -v apt-get >/dev/null || die "$what is missing and there is no apt-get to install it with"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || die "apt-get update failed"
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null || die "apt-get install $* failed"
}

# The version pinned in the lock file, read without node so that the message below works without it.
AXE_VERSION="$(sed -n '/"node_modules\/axe-core"/,/}/s/.*"version": *"\([^"]*\)".*/\1/p' "$AXE_SRC/package-lock.json")"
[[ -n "$AXE_VERSION" ]] || die "cannot read the axe-core version from $AXE_SRC/package-lock.json"

# --- Chromium -------------------------------------------------------------------------------
if [[ -x "$CHROMIUM" ]]; then
    echo "install-browser: chromium already installed ($CHROMIUM)"
else
    apt_install "$CHROMIUM" chromium
    [[ -x "$CHROMIUM" ]] || die "apt-get installed chromium but $CHROMIUM is still missing"
fi
# Prove the binary runs (a broken install shows here rather than as a hanging test).
"$CHROMIUM" --version >/dev/null 2>&1 || die "$CHROMIUM does not run ('$CHROMIUM --version' failed)"

# --- Fonts ---------------------------------------------------------------------------------
# The layout must not depend on which fonts a machine has: the tests draw the pages once with only
# DejaVu and once with only Liberation (each family found by its files, so an older
# fonts-liberation does as well as fonts-liberation2).
font_installed() {
    [[ -n "$(find /usr/share/fonts /usr/local/share/fonts -name "$1" -print -quit 2>/dev/null)" ]]
}
missing_fonts=()
font_installed "DejaVuSerif.ttf" || missing_fonts+=(fonts-dejavu-core)
font_installed "LiberationSerif-Regular.ttf" || missing_fonts+=(fonts-liberation2)
if [[ ${#missing_fonts[@]} -eq 0 ]]; then
    echo "install-browser: fonts already installed (DejaVu, Liberation)"
else
    apt_install "the fonts ${missing_fonts[*]}" "${missing_fonts[@]}"
fi

# --- axe-core -------------------------------------------------------------------------------
installed_axe_version() {
    local pkg="$AXE_DIR/node_modules/axe-core/package.json"
    [[ -f "$AXE_JS" && -f "$pkg" ]] || return 0
    sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$pkg" | head -n 1
}

if [[ "$(installed_axe_version)" == "$AXE_VERSION" ]]; then
    echo "install-browser: axe-core $AXE_VERSION already in $AXE_DIR"
else
    echo "install-browser: installing axe-core $AXE_VERSION into $AXE_DIR (npm ci)"
    command -v npm >/dev/null || die "npm is missing: install Node.js and npm (Debian: apt-get install -y nodejs npm)"
    mkdir -p "$AXE_DIR"
    cp "$AXE_SRC/package.json" "$AXE_SRC/package-lock.json" "$AXE_DIR/"
    (cd "$AXE_DIR" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci for axe-core $AXE_VERSION failed"
    [[ "$(installed_axe_version)" == "$AXE_VERSION" ]] || die "npm ran but $AXE_JS is not axe-core $AXE_VERSION"
fi
echo "install-browser: ready (chromium: $("$CHROMIUM" --version 2>/dev/null | head -n 1); fonts DejaVu and Liberation; axe-core $AXE_VERSION)"
