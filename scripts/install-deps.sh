#!/usr/bin/env bash
# Installs the system packages Buurtstem builds against (Debian/Ubuntu), only those missing: safe to run again.
set -euo pipefail

if ! command -v swift >/dev/null 2>&1; then
  echo "error: Swift is not on the PATH. Install Swift 6.1 or newer (https://www.swift.org/install/linux/) first." >&2
  exit 1
fi

packages=(pkg-config libsodium-dev libsqlite3-dev libqrencode-dev)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "error: need root or sudo to install ${missing[*]}" >&2; exit 1; }
    sudo_cmd=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
