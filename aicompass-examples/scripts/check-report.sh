#!/usr/bin/env bash
# Renders an AICompass HTML report in headless Chromium and checks that it displays.
#
# Usage: check-report.sh [REPORT.html [EXPECTED_TEXT...]]
#   Without REPORT.html, writes one with aicompass-examples/target/aicompass.jar (build it first:
#   ./mvnw -q -DskipTests install) for llama-3.1-8b on h100-sxm and l40s.
#
# Checks
#   - the page uses no external resource (no http(s) src/href, <link>, <script>, @import, url());
#   - chromium --dump-dom holds the title and the Inputs, Results, Derivation and Accuracy headings,
#     at least two chart images, and every EXPECTED_TEXT;
#   - a 1280x2000 screenshot is larger than 20 KB and not uniform (at least 16 colours, at least 2 %
#     of pixels not white; checked with a small Java program when java is on the PATH).
#
# Environment: CHROMIUM (default: chromium), CHECK_REPORT_OUT=DIR keeps dom.html and screenshot.png.
# Exit codes: 0 every check passed, 1 a check failed, 2 usage error or no chromium.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
chromium="${CHROMIUM:-chromium}"
if ! command -v "$chromium" >/dev/null 2>&1; then
  echo "check-report: '$chromium' not found (apt-get install chromium, or set CHROMIUM)" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ $# -ge 1 ]]; then
  html="$1"
  shift
else
  jar="$here/../target/aicompass.jar"
  if [[ ! -f "$jar" ]]; then
    echo "check-report: no report given and no $jar (run ./mvnw -q -DskipTests install)" >&2
    exit 2
  fi
  html="$work/report.html"
  java -jar "$jar" report --model llama-3.1-8b --gpu h100-sxm --gpu l40s --input-len 1024 --output-len 256 \
    --concurrency 16 --ttft 500ms --tpot 40ms --html "$html"
fi
if [[ ! -f "$html" ]]; then
  echo "check-report: $html: no such file" >&2
  exit 2
fi
html="$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"
url="file://$html"

failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
pass() {
  echo "ok:   $*"
}

# 1. self-contained
if grep -Eiq '(src|href)="https?:|<link[ >]|<script|@import|url\(' "$html"; then
  fail "the page refers to an external resource: $(grep -Eio '(src|href)="https?:[^"]*"|<link[^>]*>|<script[^>]*>|@import[^;]*|url\([^)]*\)' "$html" | head -3 | tr '\n' ' ')"
else
  pass "no external resources"
fi

flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update
  --disable-sync --no-first-run --hide-scrollbars --disable-dev-shm-usage)

# 2. the DOM Chromium built
if ! timeout 120 "$chromium" "${flags[@]}" --user-data-dir="$work/profile-dom" --dump-dom "$url" \
    >"$work/dom.html" 2>"$work/dom.err"; then
  tail -5 "$work/dom.err" >&2
  fail "chromium --dump-dom failed"
fi
dom_has() {
  if grep -Fq -- "$1" "$work/dom.html"; then
    pass "DOM contains: $1"
  else
    fail "DOM lacks: $1"
  fi
}
dom_has "<h1>AICompass report"
for h in Inputs Results Derivation Accuracy; do
  dom_has "<h2>$h</h2>"
done
for text in "$@"; do
  dom_has "$text"
done
images=$(grep -o '<img ' "$work/dom.html" | wc -l)
if [[ $images -ge 2 ]]; then
  pass "DOM holds $images chart images"
else
  fail "DOM holds $images chart images, expected at least 2"
fi

# 3. the screenshot
if ! timeout 120 "$chromium" "${flags[@]}" --user-data-dir="$work/profile-shot" --screenshot="$work/screenshot.png" \
    --window-size=1280,2000 "$url" >"$work/shot.out" 2>&1; then
  tail -5 "$work/shot.out" >&2
  fail "chromium --screenshot failed"
fi
if [[ -f "$work/screenshot.png" ]]; then
  size=$(wc -c <"$work/screenshot.png")
  if [[ $size -gt 20480 ]]; then
    pass "screenshot is $size bytes"
  else
    fail "screenshot is $size bytes, expected more than 20480"
  fi
  if command -v java >/dev/null 2>&1; then
    cat >"$work/PngCheck.java" <<'EOF'
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/** Prints the size, distinct colours and non-white share of a PNG; exits 1 if it looks blank. */
public class PngCheck {
  public static void main(String[] args) throws Exception {
    BufferedImage im = ImageIO.read(new File(args[0]));
    Set<Integer> colours = new HashSet<>();
    long ink = 0;
    for (int y = 0; y < im.getHeight(); y++) {
      for (int x = 0; x < im.getWidth(); x++) {
        int rgb = im.getRGB(x, y) & 0xFFFFFF;
        colours.add(rgb);
        if (rgb != 0xFFFFFF) {
          ink++;
        }
      }
    }
    double share = ink / (double) ((long) im.getWidth() * im.getHeight());
    System.out.printf("%dx%d, %d colours, %.1f%% not white%n", im.getWidth(), im.getHeight(), colours.size(), 100 * share);
    System.exit(im.getWidth() == 1280 && im.getHeight() == 2000 && colours.size() >= 16 && share >= 0.02 ? 0 : 1);
  }
}
EOF
    if summary=$(java -Djava.awt.headless=true "$work/PngCheck.java" "$work/screenshot.png" 2>&1); then
      pass "screenshot is not uniform: $summary"
    else
      fail "screenshot looks blank or has the wrong size: $summary"
    fi
  else
    echo "note: no java on the PATH; the screenshot was checked by size only"
  fi
else
  fail "chromium wrote no screenshot"
fi

if [[ -n "${CHECK_REPORT_OUT:-}" ]]; then
  mkdir -p "$CHECK_REPORT_OUT"
  cp "$work/dom.html" "$CHECK_REPORT_OUT/dom.html" 2>/dev/null || true
  cp "$work/screenshot.png" "$CHECK_REPORT_OUT/screenshot.png" 2>/dev/null || true
  echo "kept dom.html and screenshot.png in $CHECK_REPORT_OUT"
fi

if [[ $failures -gt 0 ]]; then
  echo "check-report: $failures check(s) failed for $html"
  exit 1
fi
echo "check-report: $html displays"
