#!/usr/bin/env bash
# Builds NADA Studio for Linux with jpackage: an app image (default) or a .deb (--deb), each with
# a runtime trimmed by jlink, the offline CPU natives of libtorch inside (the pytorch-native-cpu
# jar), an icon and, for the .deb, a desktop entry in the Graphics menu.
#   packaging/build.sh [--deb] [--no-build]      -> target/packaging/nada-studio/ or the .deb
# Two launchers: bin/nada-studio (the studio) and bin/nada-cli (the headless commands).
# Windows and macOS: see packaging/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
type=app-image
build=yes
for a in "$@"; do
  case "$a" in
    --deb) type=deb ;;
    --no-build) build=no ;;
    *) echo "usage: packaging/build.sh [--deb] [--no-build]" >&2; exit 2 ;;
  esac
done
for tool in jlink jpackage; do
  command -v "$tool" >/dev/null || { echo "$tool not found: a full JDK 17+ is needed (not a JRE)" >&2; exit 1; }
done
if [ "$build" = yes ]; then
  ./mvnw -B -q package -DskipTests -Dai.djl.offline=true -DOPT_OUT_TRACKING=true
fi
version=$(sed -n 's:.*<version>\([0-9][0-9.]*\)\(-SNAPSHOT\)\{0,1\}</version>.*:\1:p' pom.xml | head -1)
out=target/packaging
rm -rf "$out"
mkdir -p "$out/input"
cp target/nada-studio.jar target/lib/*.jar "$out/input/"
# jdeps over the app and its libraries names these; the JavaFX jars run from the class path
modules=java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http,java.prefs
modules=$modules,java.scripting,java.sql,java.xml,jdk.charsets,jdk.crypto.ec,jdk.jfr,jdk.localedata
modules=$modules,jdk.management,jdk.unsupported,jdk.zipfs
jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$out/runtime"
# DJL must never download natives nor phone home; the studio's own launcher sets the same
opts="-Dai.djl.offline=true -DOPT_OUT_TRACKING=true -Dnada.packaged=true"
common=(--name nada-studio --app-version "$version" --vendor "NADA Studio"
  --description "StyleGAN-NADA studio: CLIP-guided domain adaptation of StyleGAN2 generators"
  --input "$out/input" --main-jar nada-studio.jar --main-class studio.nada.ui.StudioLauncher
  --runtime-image "$out/runtime" --java-options "$opts" --icon packaging/nada-studio.png
  --add-launcher nada-cli=packaging/cli-launcher.properties --dest "$out")
if [ "$type" = deb ]; then
  command -v fakeroot >/dev/null && command -v dpkg-deb >/dev/null \
    || { echo "a .deb needs fakeroot and dpkg-deb (apt-get install fakeroot dpkg)" >&2; exit 1; }
  jpackage --type deb "${common[@]}" --linux-shortcut --linux-menu-group Graphics \
    --linux-app-category graphics --linux-deb-maintainer "nada-studio@localhost"
  ls -l "$out"/*.deb
else
  jpackage --type app-image "${common[@]}"
  du -sh "$out/nada-studio"
fi
