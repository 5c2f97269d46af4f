#!/usr/bin/env bash
# Make sure headless Chromium (Debian packages `chromium` and `chromium-driver`) is installed:
# tests/spec/test_rendered_docs.py opens the rendered API reference in it, as a reader's browser would.
# Idempotent: does nothing when both are present. Says what it installs and why before doing it; waits
# for another apt/dpkg process instead of failing; keeps apt's output in a log shown only on failure.
# Without root it uses sudo when that works without a password, and otherwise stops with what to install.
set -euo pipefail

PACKAGES=(chromium chromium-driver fonts-liberation)
LOCK_WAIT_S=600
LOG="${CHROMIUM_INSTALL_LOG:-build/chromium-install.log}"

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  echo "chromium: $(chromium --version 2>/dev/null || echo present) (for tests/spec/test_rendered_docs.py)"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  if command -v sudo >/dev/null 2>&1; then why="sudo asks for a password"; else why="there is no sudo"; fi
  cat >&2 <<MSG
make test needs headless Chromium for tests/spec/test_rendered_docs.py (it opens the rendered API
reference in a real browser), and it is not installed. This user is not root and $why,
so it cannot be installed from here. Install it once as root, then re-run make test:

    sudo apt-get install --no-install-recommends ${PACKAGES[*]}

MSG
  exit 1
fi

mkdir -p "$(dirname "$LOG")"
: >"$LOG"
echo "chromium: installing the Debian packages ${PACKAGES[*]} with apt-get${SUDO:+ (through sudo)}:"
echo "  tests/spec/test_rendered_docs.py opens the rendered API reference in headless Chromium."
echo "  About 150 MB to download and 450 MB on disk, once; a few minutes. Log: $LOG"

# apt-get waits up to LOCK_WAIT_S for dpkg's lock (DPkg::Lock::Timeout), but `apt-get update` does not
# wait for the package lists' lock: retry it while another apt process holds that lock.
apt_get() {
  local waited=0
  while true; do
    if "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout="$LOCK_WAIT_S" -qq "$@" \
         >>"$LOG" 2>&1 </dev/null; then
      return 0
    fi
    if tail -n 5 "$LOG" | grep -q "Could not get lock" && [ "$waited" -lt "$LOCK_WAIT_S" ]; then
      [ "$waited" -eq 0 ] && echo "  another apt process holds its lock: waiting (up to ${LOCK_WAIT_S} s)"
      sleep 5
      waited=$((waited + 5))
      continue
    fi
    echo "chromium: 'apt-get $*' failed; the end of $LOG:" >&2
    tail -n 40 "$LOG" >&2
    return 1
  done
}

started=$SECONDS
echo "  apt-get update ..."
apt_get update
echo "  apt-get install ..."
apt_get install -y --no-install-recommends "${PACKAGES[@]}"
echo "chromium: $(chromium --version) installed in $((SECONDS - started)) s"
