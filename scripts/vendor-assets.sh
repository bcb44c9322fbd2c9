#!/usr/bin/env bash
# Refresh the vendored front-end assets in api/static/vendor/ so that the
# Talkgraph pages work with no internet access (no CDN at runtime).
#
# What it does:
#   1. `npm install` the pinned, exact versions below into a throw-away temp
#      directory (never into the project; the project gets no node_modules,
#      package.json or lock file).
#   2. Copies the prebuilt browser bundles + license files into
#      api/static/vendor/<name>/ and writes SHA256SUMS there.
#
# Usage:   scripts/vendor-assets.sh
# Env:     VIS_NETWORK_VERSION / YASGUI_VERSION  override the pins below
#          KEEP_BUILD_DIR=1                      keep the temp dir for inspection
# Needs:   bash, node + npm (any npm >= 7), sha256sum; access to the npm registry.
#
# After bumping a version, update api/static/vendor/README.md to match.
set -euo pipefail

VIS_NETWORK_VERSION="${VIS_NETWORK_VERSION:-10.1.5}"
YASGUI_VERSION="${YASGUI_VERSION:-4.6.2}"
SWAGGER_UI_VERSION="${SWAGGER_UI_VERSION:-5.35.0}"
AXE_CORE_VERSION="${AXE_CORE_VERSION:-4.11.0}"  # tests only: the accessibility checker of tests/browser

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR="$ROOT/api/static/vendor"
BUILD_DIR="$(mktemp -d "${TMPDIR:-/tmp}/vendor-build.XXXXXX")"

cleanup() {
  if [ "${KEEP_BUILD_DIR:-0}" = "1" ]; then
    echo "build dir kept: $BUILD_DIR"
  else
    rm -rf "$BUILD_DIR"
  fi
}
trap cleanup EXIT

echo "==> npm install vis-network@$VIS_NETWORK_VERSION @zazuko/yasgui@$YASGUI_VERSION into $BUILD_DIR"
(
  cd "$BUILD_DIR"
  npm init -y >/dev/null
  # --ignore-scripts: we only copy prebuilt files, nothing needs to run.
  npm install --ignore-scripts --no-audit --no-fund --save-exact \
    "vis-network@$VIS_NETWORK_VERSION" \
    "@zazuko/yasgui@$YASGUI_VERSION" \
    "swagger-ui-dist@$SWAGGER_UI_VERSION" \
    "axe-core@$AXE_CORE_VERSION"
)
NM="$BUILD_DIR/node_modules"

pkg_field() { # pkg_field <package dir> <field>
  node -e 'const j=require(process.argv[1]+"/package.json");const v=j[process.argv[2]];console.log(typeof v==="string"?v:JSON.stringify(v))' "$1" "$2"
}

# Fail loudly if npm resolved anything other than the pinned versions.
for spec in "vis-network:$VIS_NETWORK_VERSION" "@zazuko/yasgui:$YASGUI_VERSION" "swagger-ui-dist:$SWAGGER_UI_VERSION" \
            "axe-core:$AXE_CORE_VERSION"; do
  name="${spec%:*}"; want="${spec##*:}"
  got="$(pkg_field "$NM/$name" version)"
  if [ "$got" != "$want" ]; then
    echo "ERROR: $name resolved to $got, expected $want" >&2
    exit 1
  fi
done

# ---------------------------------------------------------------- vis-network
VIS_SRC="$NM/vis-network"
VIS_DST="$VENDOR/vis-network"
echo "==> vis-network -> $VIS_DST"
rm -rf "$VIS_DST"
mkdir -p "$VIS_DST"
# Standalone UMD build: bundles vis-data/vis-util/hammerjs/... and injects its
# own CSS from JS; exposes the global `vis` (vis.Network, vis.DataSet, ...).
cp "$VIS_SRC/standalone/umd/vis-network.min.js" "$VIS_DST/"
# Separate stylesheet (optional; the standalone JS already injects the same CSS).
if [ -f "$VIS_SRC/styles/vis-network.min.css" ]; then
  cp "$VIS_SRC/styles/vis-network.min.css" "$VIS_DST/"
fi
cp "$VIS_SRC"/LICENSE* "$VIS_DST/"

# --------------------------------------------------------------------- YASGUI
Y_SRC="$NM/@zazuko/yasgui"
Y_DST="$VENDOR/yasgui"
echo "==> @zazuko/yasgui -> $Y_DST"
rm -rf "$Y_DST"
mkdir -p "$Y_DST"
# build/yasgui.min.js is the UMD browser bundle (package.json "main"); it
# contains Yasqe, Yasr, CodeMirror, DataTables, jQuery, ... and exposes the
# globals `Yasgui`, `Yasqe`, `Yasr`. yasgui.min.css holds all their styles.
cp "$Y_SRC/build/yasgui.min.js" "$Y_SRC/build/yasgui.min.css" "$Y_DST/"

# The npm package ships no LICENSE file; copy one if a future version does,
# otherwise write the MIT text its package.json declares.
if ls "$Y_SRC"/LICEN[CS]E* >/dev/null 2>&1; then
  cp "$Y_SRC"/LICEN[CS]E* "$Y_DST/"
else
  y_license="$(pkg_field "$Y_SRC" license)"
  if [ "$y_license" != "MIT" ]; then
    echo "ERROR: @zazuko/yasgui license is now '$y_license'; update this script" >&2
    exit 1
  fi
  cat > "$Y_DST/LICENSE" <<EOF
@zazuko/yasgui $YASGUI_VERSION -- MIT License

NOTE: the npm package @zazuko/yasgui@$YASGUI_VERSION ships no LICENSE file.
Its package.json declares "license": "MIT", author "Triply <info@triply.cc>",
contributors "Zazuko GmbH" (source: https://github.com/rdfjs/Yasgui). The
standard MIT license text is reproduced below for those copyright holders.

Copyright (c) Triply and Zazuko GmbH

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
EOF
fi

# The minified bundle carries no license comments for the third-party code it
# inlines. List those packages (from the bundle's source map) and append the
# license text each one ships in the temp install.
node - "$Y_SRC/build/yasgui.min.js.map" "$NM" "$Y_DST/THIRD-PARTY-LICENSES.txt" "$YASGUI_VERSION" <<'NODE'
const fs = require("fs"), path = require("path");
const [mapFile, nm, out, yver] = process.argv.slice(2);
const map = JSON.parse(fs.readFileSync(mapFile, "utf8"));
const names = new Set();
for (const src of map.sources) {
  const i = src.lastIndexOf("node_modules/");
  if (i < 0) continue;
  const parts = src.slice(i + "node_modules/".length).split("/");
  names.add(parts[0].startsWith("@") ? parts[0] + "/" + parts[1] : parts[0]);
}
let txt = `Third-party packages inlined in @zazuko/yasgui ${yver} build/yasgui.min.js\n` +
  `(from its source map). Version/license are those of the package installed\n` +
  `alongside it by npm; the bundled copy may be a slightly different version.\n\n`;
const bodies = [];
for (const name of [...names].sort()) {
  const dir = path.join(nm, name);
  let ver = "?", lic = "?";
  try {
    const j = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    ver = j.version; lic = j.license || (j.licenses && JSON.stringify(j.licenses)) || "?";
  } catch (e) {}
  let files = [];
  try { files = fs.readdirSync(dir).filter(f => /^(licen[cs]e|copying)/i.test(f)); } catch (e) {}
  if (lic === "?" && files.length) lic = "see license text below";
  txt += `  ${name}@${ver}  ${lic}\n`;
  for (const f of files) {
    bodies.push(`\n${"=".repeat(78)}\n${name}@${ver} -- ${f}\n${"=".repeat(78)}\n` +
      fs.readFileSync(path.join(dir, f), "utf8").trimEnd() + "\n");
  }
}
fs.writeFileSync(out, txt + bodies.join(""));
NODE

# ----------------------------------------------------------------- Swagger UI
# The API documentation page (/docs): FastAPI's default loads it from a CDN.
S_SRC="$NM/swagger-ui-dist"
S_DST="$VENDOR/swagger-ui"
echo "==> swagger-ui-dist -> $S_DST"
rm -rf "$S_DST"
mkdir -p "$S_DST"
cp "$S_SRC/swagger-ui-bundle.js" "$S_SRC/swagger-ui-bundle.js.LICENSE.txt" "$S_SRC/swagger-ui.css" \
   "$S_SRC/favicon-32x32.png" "$S_SRC/LICENSE" "$S_SRC/NOTICE" "$S_DST/"

# ------------------------------------------------------------------- axe-core
# Not served by the app: the browser tests inject it into our pages to check accessibility.
AXE_DST="$ROOT/tests/browser/vendor/axe-core"
echo "==> axe-core -> $AXE_DST (tests only)"
rm -rf "$AXE_DST"
mkdir -p "$AXE_DST"
cp "$NM/axe-core/axe.min.js" "$NM/axe-core/LICENSE" "$AXE_DST/"
(cd "$AXE_DST" && sha256sum axe.min.js LICENSE > SHA256SUMS)

# ------------------------------------------------------------------ checksums
(
  cd "$VENDOR"
  find vis-network yasgui swagger-ui -type f | LC_ALL=C sort | xargs sha256sum > SHA256SUMS
)

echo "==> done"
(cd "$VENDOR" && find . -type f ! -name SHA256SUMS | LC_ALL=C sort | xargs ls -l)
