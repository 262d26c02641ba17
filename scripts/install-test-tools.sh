#!/usr/bin/env bash
# Installs the real clients some tests drive: openssl (s_client), Node.js with npm's `ws`
# package, and Chromium. Without them those tests skip with a message; with them they run.
# Idempotent; needs root (or sudo) for apt-get. Used by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)

if [ ${#missing[@]} -gt 0 ]; then
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	echo "Installing Debian packages: ${missing[*]}"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The WebSocket client package, pinned by package-lock.json.
npm ci --prefix getty-core/src/test/node --no-audit --no-fund --loglevel=error

echo "Test tools: openssl $(openssl version | cut -d' ' -f2), node $(node --version), chromium $(chromium --version 2>/dev/null | cut -d' ' -f2)"
