#!/usr/bin/env bash
# Appends to a project's PublicAPI.Unshipped.txt every public symbol that the build reports
# as undeclared (RS0016), then rebuilds to show what is left. Review the diff before committing:
# removed or changed symbols (RS0017) still need a hand edit.
# Usage: eng/update-public-api.sh [project.csproj]   (default: the core, src/ServiceModel)
set -euo pipefail
cd "$(dirname "$0")/.."
project=${1:-src/ServiceModel/ServiceModel.csproj}
unshipped=$(dirname "$project")/PublicAPI.Unshipped.txt
log=$(mktemp)
dotnet build "$project" -c Release --no-incremental > "$log" 2>&1 || true
grep -o "RS0016: Symbol '[^']*' is not part of the declared public API" "$log" \
  | sed -e "s/^RS0016: Symbol '//" -e "s/' is not part of the declared public API$//" \
  | sed -e 's/&lt;/</g' -e 's/&gt;/>/g' \
  | sort -u > "$log.new" || true
if [ -s "$log.new" ]; then
  { cat "$unshipped"; cat "$log.new"; } | grep -v '^#nullable enable$' | sort -u > "$log.all"
  { echo '#nullable enable'; cat "$log.all"; } > "$unshipped"
  echo "added $(wc -l < "$log.new") line(s) to $unshipped"
else
  echo "no undeclared public symbols"
fi
dotnet build "$project" -c Release 2>&1 | grep -E "error|Build succeeded" | sort -u | head -20
rm -f "$log" "$log.new" "$log.all"
