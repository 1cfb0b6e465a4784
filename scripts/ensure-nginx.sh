#!/usr/bin/env bash
# Puts Debian's nginx on the machine (the cluster bench runs a private instance of it as its load balancer).
# Does nothing when /usr/sbin/nginx is already there; needs root for apt-get.
set -euo pipefail
if [ -x /usr/sbin/nginx ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
# A fresh machine may have no package lists yet; refresh only when the first try finds no candidate.
if ! apt-get install -y nginx >/dev/null 2>&1; then
  apt-get update >/dev/null
  apt-get install -y nginx >/dev/null
fi
/usr/sbin/nginx -v
