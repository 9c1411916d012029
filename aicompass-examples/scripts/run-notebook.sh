#!/usr/bin/env bash
# Executes aicompass-examples/notebooks/capacity-planning.ipynb (or the notebook given) headless with a Java
# kernel from Maven Central (io.github.padreati:rapaio-jupyter-kernel) installed into a temporary kernelspec,
# and fails on the first cell that fails. The executed copy goes to aicompass-examples/target/notebooks/.
#
#   aicompass-examples/scripts/run-notebook.sh [NOTEBOOK.ipynb] [OUTPUT_DIR]
#
# Needs: Jupyter's nbconvert and a Python kernel manager (Debian/Ubuntu:
#   apt-get install -y jupyter-nbconvert jupyter-client python3-ipykernel),
# a JDK 17+ (JAVA_HOME or java on the PATH), the built jar (./mvnw -q -DskipTests package), and Maven
# Central for the kernel jar and the notebook's %dependency magics (XChart).
# Environment: RJK_VERSION (default 3.0.1), NOTEBOOK_TIMEOUT seconds per cell (default 600).
set -euo pipefail

examples="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$(cd "$examples/.." && pwd)"
notebook="$(realpath "${1:-$examples/notebooks/capacity-planning.ipynb}")"
out="${2:-$examples/target/notebooks}"
version="${RJK_VERSION:-3.0.1}"

fail() { echo "run-notebook: $*" >&2; exit 2; }
command -v jupyter >/dev/null 2>&1 \
  || fail "jupyter not found (apt-get install -y jupyter-nbconvert jupyter-client python3-ipykernel)"
jupyter nbconvert --version >/dev/null 2>&1 || fail "jupyter nbconvert not found (apt-get install -y jupyter-nbconvert)"
[ -f "$notebook" ] || fail "no notebook $notebook"
[ -f "$examples/target/aicompass.jar" ] \
  || fail "$examples/target/aicompass.jar not built (./mvnw -q -DskipTests package)"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; else java="$(command -v java)"; fi
[ -n "$java" ] || fail "no java (set JAVA_HOME)"

work="$(mktemp -d "${TMPDIR:-/tmp}/aicompass-notebook.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# the kernel jar, through Maven (the local repository caches it)
"$root/mvnw" -B -q -f "$root/pom.xml" -N \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
  -Dartifact="io.github.padreati:rapaio-jupyter-kernel:$version" -DoutputDirectory="$work" \
  || fail "could not fetch io.github.padreati:rapaio-jupyter-kernel:$version"

kernel="$work/jupyter/kernels/aicompass-java"
mkdir -p "$kernel" "$work/mima"
cat > "$kernel/kernel.json" <<JSON
{
  "argv": ["$java", "-Djava.awt.headless=true", "-jar", "$work/rapaio-jupyter-kernel-$version.jar", "{connection_file}"],
  "display_name": "Java (rjk $version, AICompass run-notebook)",
  "language": "java",
  "interrupt_mode": "message",
  "env": {"RJK_CLASSPATH": "", "RJK_COMPILER_OPTIONS": "", "RJK_INIT_SCRIPT": "", "RJK_TIMEOUT_MILLIS": "-1",
          "RJK_MIMA_CACHE": "$work/mima"}
}
JSON

mkdir -p "$out"
export JUPYTER_PATH="$work/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
export JUPYTER_DATA_DIR="$work/data" JUPYTER_RUNTIME_DIR="$work/runtime" JUPYTER_CONFIG_DIR="$work/config"
# nbconvert runs the kernel in the notebook's folder, so %jars ../target/aicompass.jar resolves
execute() {
  jupyter nbconvert --to notebook --execute "$notebook" --output-dir "$out" \
    --ExecutePreprocessor.kernel_name=aicompass-java \
    --ExecutePreprocessor.startup_timeout=120 \
    --ExecutePreprocessor.timeout="${NOTEBOOK_TIMEOUT:-600}" 2>&1 | tee "$work/nbconvert.log"
  return "${PIPESTATUS[0]}"
}
# a kernel that never answers its first request (seen once in ~20 runs) is started again, once; cell errors are not
if ! execute; then
  grep -q "Kernel didn't respond" "$work/nbconvert.log" || exit 1
  echo "run-notebook: the kernel did not answer; starting it again" >&2
  execute
fi
echo "run-notebook: executed $(basename "$notebook") -> $out/$(basename "$notebook")"
