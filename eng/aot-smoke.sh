#!/usr/bin/env bash
# Publishes tests/ServiceModel.AotSmoke trimmed and Native-AOT compiled, fails on any trim/AOT
# warning (IL2xxx/IL3xxx), then runs the binary, which reads and writes a Service.
set -euo pipefail
cd "$(dirname "$0")/.."

rid=linux-x64
cc=""
for candidate in clang clang-18 clang-17 clang-16 clang-15 clang-14; do
  if command -v "$candidate" > /dev/null; then cc="$candidate"; break; fi
done
if [ -z "$cc" ]; then echo "aot-smoke: no clang on PATH (Native AOT needs one to link)"; exit 1; fi

out=artifacts/aot-smoke
log=$(mktemp)
rm -rf "$out"
if ! dotnet publish tests/ServiceModel.AotSmoke/ServiceModel.AotSmoke.csproj -c Release -r "$rid" \
    -p:CppCompilerAndLinker="$cc" -o "$out" > "$log" 2>&1; then
  grep -E "error|warning" "$log" | sort -u | head -40
  echo "aot-smoke: publish failed"; rm -f "$log"; exit 1
fi
if grep -E "warning (IL|SYSLIB)[0-9]+" "$log" | sort -u | grep -q .; then
  grep -E "warning (IL|SYSLIB)[0-9]+" "$log" | sort -u | head -40
  echo "aot-smoke: trim/AOT warnings"; rm -f "$log"; exit 1
fi
rm -f "$log"
"$out/ServiceModel.AotSmoke" | tail -n 1
