#!/bin/sh
# Installs the built one-folder app (dist/workstation, from `make package`) with its desktop
# entry, AppStream metainfo and icons:  sh packaging/linux/install.sh [PREFIX]
# PREFIX defaults to ~/.local (no root needed); /usr/local or /opt/... work as root.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
prefix=${1:-$HOME/.local}
app_id=org.editorialworkstation.Workstation
dist=${DIST:-$root/dist/workstation}
icons=$root/resources/icons/app

[ -x "$dist/workstation" ] || { echo "No built app at $dist: run 'make package' first." >&2; exit 2; }

mkdir -p "$prefix/lib" "$prefix/bin" "$prefix/share/applications" "$prefix/share/metainfo"
rm -rf "$prefix/lib/editorial-workstation"
cp -a "$dist" "$prefix/lib/editorial-workstation"
ln -sf "$prefix/lib/editorial-workstation/workstation" "$prefix/bin/workstation"
# The menu entry names the installed binary by its full path, so it works without PREFIX/bin on PATH.
sed "s|^Exec=workstation|Exec=$prefix/bin/workstation|" "$here/$app_id.desktop" > "$prefix/share/applications/$app_id.desktop"
cp "$here/$app_id.metainfo.xml" "$prefix/share/metainfo/"
for png in "$icons"/workstation-*.png; do
    size=$(basename "$png" .png | sed 's/workstation-//')
    mkdir -p "$prefix/share/icons/hicolor/${size}x${size}/apps"
    cp "$png" "$prefix/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
done
mkdir -p "$prefix/share/icons/hicolor/scalable/apps"
cp "$icons/workstation.svg" "$prefix/share/icons/hicolor/scalable/apps/$app_id.svg"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$prefix/share/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" || true
echo "Installed Editorial Workstation into $prefix"
