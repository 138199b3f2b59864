#!/usr/bin/env bash
# Builds the Teams app package to upload (Teams admin center, or Teams → Apps → Manage your apps → Upload an app):
#   manifests/teams/package.sh APP_ID HOST [OUT.zip]
# APP_ID is the Azure Bot's Microsoft App ID (a GUID, the same value as Teams:AppId); HOST is the public host name
# the bot answers on (e.g. feedbackbot.example.com: no scheme, port or path). The zip holds manifest.json with
# both filled in, color.png and outline.png, all at its root as Teams requires
# (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-package).
# OUT defaults to ./feedbackbot-teams.zip.
set -euo pipefail

usage() { echo "usage: $0 APP_ID HOST [OUT.zip]" >&2; exit 2; }
[ $# -ge 2 ] && [ $# -le 3 ] || usage

app_id=$1
host=$2
out=${3:-feedbackbot-teams.zip}
here=$(cd "$(dirname "$0")" && pwd)

guid='^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
if ! [[ $app_id =~ $guid ]]; then
  echo "$0: APP_ID must be a GUID (the Azure Bot's Microsoft App ID), got '$app_id'" >&2
  exit 2
fi

# A DNS host name: dot-separated labels of letters, digits and inner hyphens, at most 253 characters. Anything
# else (a scheme, port, path, quote or space) is refused before it reaches the manifest.
label='[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?'
if [ ${#host} -gt 253 ] || ! [[ $host =~ ^$label(\.$label)*$ ]]; then
  echo "$0: HOST must be a host name such as feedbackbot.example.com (no https://, port or path), got '$host'" >&2
  exit 2
fi

app_id=$(printf '%s' "$app_id" | tr 'A-F' 'a-f')
host=$(printf '%s' "$host" | tr 'A-Z' 'a-z')

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
# Both values were validated above, so they hold no character sed or JSON would treat specially.
sed -e "s/{{APP_ID}}/$app_id/g" -e "s/{{HOST}}/$host/g" "$here/manifest.json" >"$stage/manifest.json"
if grep -q '{{' "$stage/manifest.json"; then
  echo "$0: manifest.json still has a placeholder after filling it in" >&2
  exit 1
fi
cp "$here/color.png" "$here/outline.png" "$stage/"

case $out in /*) ;; *) out="$PWD/$out" ;; esac
rm -f "$out"
if command -v zip >/dev/null 2>&1; then
  (cd "$stage" && zip -q -X "$out" manifest.json color.png outline.png)
else
  (cd "$stage" && python3 -m zipfile -c "$out" manifest.json color.png outline.png)
fi
echo "$out"
