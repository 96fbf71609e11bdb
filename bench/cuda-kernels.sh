#!/usr/bin/env bash
# Which GPU architectures ND4J's CUDA library has kernels for, read from the CUDA jar with cuobjdump, written to the
# list the service checks GPUs against (src/main/resources/dev/tsforge/runtime/cuda-kernels.properties). The default
# build never downloads that jar (905 MB, only in the cuda profile), so the list is kept in the sources and this
# script re-derives it whenever the ND4J version changes.
#
#   ./mvnw -Pcuda dependency:resolve        # fetches the CUDA jar into ~/.m2 (once)
#   bench/cuda-kernels.sh                   # rewrites the list from the jar
#   bench/cuda-kernels.sh --check           # exits 1 when the list in the sources differs from the jar's
#   CUDA_JAR=/path/to/nd4j-cuda-11.6-1.0.0-M2.1-linux-x86_64.jar bench/cuda-kernels.sh --check
#
# Needs cuobjdump (CUDA toolkit, any version that reads CUDA 11 fat binaries) and unzip; no GPU.
set -euo pipefail
cd "$(dirname "$0")/.."
resource=src/main/resources/dev/tsforge/runtime/cuda-kernels.properties

version=$(sed -n 's:.*<dl4j.version>\(.*\)</dl4j.version>.*:\1:p' pom.xml | head -n 1)
jar=${CUDA_JAR:-$HOME/.m2/repository/org/nd4j/nd4j-cuda-11.6/$version/nd4j-cuda-11.6-$version-linux-x86_64.jar}
if [[ ! -f "$jar" ]]; then
  echo "no CUDA jar at $jar: run ./mvnw -Pcuda dependency:resolve, or set CUDA_JAR" >&2
  exit 2
fi
command -v cuobjdump >/dev/null || { echo "cuobjdump not found (CUDA toolkit)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unzip -q -j -o "$jar" '*libnd4jcuda.so' -d "$work"
library="$work/libnd4jcuda.so"

# Every fat binary lists its cubins (machine code, SASS) and PTX by architecture, e.g. "libnd4jcuda.12.sm_86.cubin"
architectures() {
  { cuobjdump "$1" "$library" 2>/dev/null || true; } | { grep -o 'sm_[0-9]*[a-z]*' || true; } | sort -u -V \
    | tr '\n' ' ' | sed 's/ $//'
}
sass=$(architectures --list-elf)
ptx=$(architectures --list-ptx)
fatbins=$({ cuobjdump --list-elf "$library" 2>/dev/null || true; } | { grep -o 'libnd4jcuda\.[0-9]*\.' || true; } \
  | sort -u | wc -l)
echo "$(basename "$jar"): $fatbins fat binaries; SASS: ${sass:-none}; PTX: ${ptx:-none}" >&2

derived=$(printf 'library=ND4J %s\nsass=%s\nptx=%s\n' "$version" "$sass" "$ptx")
kept=$(grep -E '^(library|sass|ptx)=' "$resource")

if [[ "${1:-}" == "--check" ]]; then
  if [[ "$derived" == "$kept" ]]; then
    echo "$resource agrees with the jar" >&2
    exit 0
  fi
  echo "$resource differs from the jar:" >&2
  diff <(echo "$kept") <(echo "$derived") >&2 || true
  exit 1
fi

# Keep the file's comments, replace its three values
grep -vE '^(library|sass|ptx)=' "$resource" > "$work/kept"
{ cat "$work/kept"; echo "$derived"; } > "$resource"
echo "wrote $resource" >&2
