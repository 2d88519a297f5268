#!/usr/bin/env bash
# Installs what Buurtstem builds against (Debian/Ubuntu), only what is missing: safe to run again.
#   scripts/install-deps.sh            build dependencies (libsodium, SQLite, libqrencode)
#   scripts/install-deps.sh --browser  also headless Chromium, its driver and selenium, for the browser tests
set -euo pipefail

if ! command -v swift >/dev/null 2>&1; then
  echo "error: Swift is not on the PATH. Install Swift 6.1 or newer (https://www.swift.org/install/linux/) first." >&2
  exit 1
fi

browser=false
for argument in "$@"; do
  case "$argument" in
    --browser) browser=true ;;
    *) echo "error: unknown option '$argument' (known: --browser)" >&2; exit 64 ;;
  esac
done

packages=(pkg-config libsodium-dev libsqlite3-dev libqrencode-dev)
if $browser; then
  packages+=(chromium chromium-driver poppler-utils zbar-tools python3 python3-pip)
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
# python3 may come from elsewhere (pyenv); only ask apt for it when there is none at all.
if command -v python3 >/dev/null 2>&1; then
  filtered=()
  for package in "${missing[@]}"; do
    case "$package" in python3|python3-pip) ;; *) filtered+=("$package") ;; esac
  done
  missing=("${filtered[@]}")
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  if [ ${#sudo_cmd[@]} -gt 0 ] && ! command -v sudo >/dev/null 2>&1; then
    echo "error: need root or sudo to install ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# selenium drives Chromium; selenium-axe-python ships axe-core (the accessibility audit of every kiosk screen);
# pabulib-checker is the tool Pabulib runs on contributions: the record's Pabulib export must pass it.
for module in selenium:selenium selenium_axe_python:selenium-axe-python pabulib.checker:pabulib-checker==1.0.8; do
  if $browser && ! python3 -c "import ${module%%:*}" >/dev/null 2>&1; then
    echo "Installing ${module##*:} (PyPI) for the browser tests"
    python3 -m pip install --quiet --user "${module##*:}" 2>/dev/null \
      || python3 -m pip install --quiet --user --break-system-packages "${module##*:}" 2>/dev/null \
      || python3 -m pip install --quiet "${module##*:}"
  fi
done
