#!/usr/bin/env bash
# Builds the app image from the jar `./mvnw package` left in target/ and checks that it starts:
# the command-line launcher renders images through the bundled runtime and libtorch natives, and
# the studio opens headless (under Xvfb), renders its first previews and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/nada-studio.jar ] || { echo "run ./mvnw package first" >&2; exit 1; }
if ! command -v jpackage >/dev/null || ! command -v jlink >/dev/null; then
  echo "packaging smoke test SKIPPED: this JDK has no jpackage/jlink"
  exit 0
fi
packaging/build.sh --no-build
app=target/packaging/nada-studio
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$app/bin/nada-cli" --version
"$app/bin/nada-cli" generate --seeds 0-3 --out "$tmp/images" >/dev/null
[ -f "$tmp/images/grid.png" ] || { echo "the app image's nada-cli wrote no images" >&2; exit 1; }
echo "app image: nada-cli generate OK"
# JavaFX's glass needs GTK 3 on Linux: without it the studio cannot open on this machine at all
if ! command -v xvfb-run >/dev/null; then
  echo "app image: studio start SKIPPED (no xvfb-run on this machine; nada-cli ran from the image)"
elif ! ldconfig -p 2>/dev/null | grep -q 'libgtk-3\.so\.0'; then
  echo "app image: studio start SKIPPED (no GTK 3, libgtk-3.so.0, which JavaFX needs; nada-cli ran from the image)"
else
  HOME="$tmp" timeout 180 xvfb-run -a "$app/bin/nada-studio" --smoke-test
  echo "app image: the studio started headless and exited cleanly"
fi
