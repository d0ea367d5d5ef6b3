#!/usr/bin/env bash
# One command for a class: K Loss Lab processes behind nginx on one port.
#   bash deploy/serve.sh --processes 2 --port 8080
# Ctrl+C (or SIGTERM) stops nginx and every process. See deploy/serve.py --help.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec python3 deploy/serve.py "$@"
