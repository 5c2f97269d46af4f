#!/usr/bin/env bash
# Make sure headless Chromium (Debian packages `chromium` and `chromium-driver`) is installed:
# tests/spec/test_rendered_docs.py opens the rendered API reference in it.
# Idempotent: does nothing when both are present. CI runs as root; elsewhere we use sudo if we can.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  echo "chromium: $(chromium --version 2>/dev/null || echo present)"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "chromium is missing and we cannot install it (not root, no passwordless sudo)." >&2
  echo "Install the Debian packages 'chromium' and 'chromium-driver', then re-run." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium chromium-driver fonts-liberation
chromium --version
