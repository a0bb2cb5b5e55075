#!/usr/bin/env bash
# Installs Debian's Chromium, which the browser test of the HTML rule catalogue (RuleCatalogueBrowserIntegrationTest
# in triage-examples) runs headless. Idempotent: does nothing when /usr/bin/chromium is already there.
# Needs root or sudo and Debian's package sources. Without Chromium, `mvn -B verify` skips that test with a line saying
# so; CI runs it with -Dtwitchtriage.requireBrowserTests=true, which fails instead.
set -euo pipefail

if [[ -x /usr/bin/chromium ]]; then
  echo "install-chromium: /usr/bin/chromium is already installed"
  exit 0
fi

sudo=""
if [[ "$(id -u)" -ne 0 ]]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "install-chromium: run as root, or install sudo: apt-get needs root" >&2
    exit 1
  fi
  sudo="sudo"
fi

$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium

if [[ ! -x /usr/bin/chromium ]]; then
  echo "install-chromium: the package was installed but /usr/bin/chromium is missing" >&2
  exit 1
fi
/usr/bin/chromium --version || true
