#!/bin/sh
# Entrypoint of the CUDA image (docker/Dockerfile.cuda). ND4J 1.0.0-M2.1's CUDA kernels run only on compute
# capability 3.7-8.x GPUs, and ND4J spreads its work over every GPU CUDA shows it. On a machine that mixes generations
# (an A100 beside an H100) this hides the GPUs the kernels cannot run on, with CUDA_VISIBLE_DEVICES, which CUDA reads
# once per process: it has to be set before the JVM starts, so here and not in the service. A value already set (by
# you or a device plugin) is kept; the service checks it at start and refuses (cuda) or falls back (auto) with the
# reason when it names an unsupported GPU. On a machine with no supported GPU nothing is hidden either, so that the
# service names the GPU it cannot use instead of seeing none.
set -eu
app=/opt/tsforge/app/tsforge.jar
if [ -z "${CUDA_VISIBLE_DEVICES+set}" ]; then
  # Prints the supported GPUs' UUIDs when generations mix, nothing otherwise; a failure here must not stop the start
  devices=$(env -u JDK_JAVA_OPTIONS java -XX:TieredStopAtLevel=1 -cp "$app" dev.tsforge.runtime.SupportedGpus) \
    || devices=""
  if [ -n "$devices" ]; then
    CUDA_VISIBLE_DEVICES=$devices
    export CUDA_VISIBLE_DEVICES
  fi
fi
exec java -jar "$app" "$@"
