#!/usr/bin/env bash
# Checks the GitHub Actions workflows against the Actions schema, offline from GitHub: the
# validator comes from the npm registry (Node.js and npm are installed with apt-get if missing).
source "$(dirname "$0")/setup.sh"

if ! command -v npx >/dev/null; then
  echo "ci: installing nodejs and npm"
  apt_update_once
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
npx --yes @action-validator/cli@0.6.0 .github/workflows/*.yml
echo "check-workflows: $(ls .github/workflows/*.yml | wc -l) workflow file(s) valid"
