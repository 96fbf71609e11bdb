package dev.tsforge.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The GPUs nvidia-smi listed, or why there is no list ({@link #unknown()}). Parsing is pure, so the tests feed it
 * outputs recorded on real machines.
 *
 * @param gpus    the GPUs of the lines that could be read
 * @param problem why nvidia-smi gave no list (missing, failed, timed out, unreadable); null when it did
 * @param skipped lines that did not fit the query (kept to be shown, not guessed at)
 */
record GpuInventory(List<Gpu> gpus, String problem, List<String> skipped) {

    /** The fields {@link NvidiaSmi} queries, in this order. */
    static final List<String> FIELDS = List.of(
            "index", "uuid", "name", "compute_cap", "driver_version", "memory.total", "memory.free");

    private static final Set<String> NOT_AVAILABLE = Set.of("[n/a]", "n/a", "[not supported]", "[unknown error]", "");

    GpuInventory {
        gpus = List.copyOf(gpus);
        skipped = List.copyOf(skipped);
    }

    static GpuInventory unavailable(String problem) {
        return new GpuInventory(List.of(), problem, List.of());
    }

    /** Whether nvidia-smi could not say which GPUs there are. */
    boolean unknown() {
        return problem != null;
    }

    /**
     * Reads the output of {@code nvidia-smi --query-gpu=<fields> --format=csv,noheader,nounits}: one line per GPU,
     * values in the order of {@code fields}, separated by commas. A line with another number of values is skipped;
     * output with lines but none readable is an unknown inventory, not an empty one.
     */
    static GpuInventory parse(List<String> fields, String output) {
        List<Gpu> gpus = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String line : output.strip().lines().map(String::strip).filter(line -> !line.isEmpty()).toList()) {
            String[] values = line.split(",", -1);
            if (values.length != fields.size()) {
                skipped.add(line);
                continue;
            }
            try {
                gpus.add(gpu(fields, values));
            } catch (IllegalArgumentException e) {
                skipped.add(line);
            }
        }
        if (gpus.isEmpty() && !skipped.isEmpty()) {
            return new GpuInventory(List.of(), "unreadable nvidia-smi output: '" + skipped.get(0) + "'", skipped);
        }
        return new GpuInventory(gpus, null, skipped);
    }

    private static Gpu gpu(List<String> fields, String[] values) {
        String name = value(fields, values, "name");
        if (name == null) {
            throw new IllegalArgumentException("no name");
        }
        String index = value(fields, values, "index");
        String capability = value(fields, values, "compute_cap");
        return new Gpu(index == null ? null : Integer.valueOf(index),
                value(fields, values, "uuid"),
                name,
                capability == null ? null : ComputeCapability.parse(capability),
                value(fields, values, "driver_version"),
                mebibytes(value(fields, values, "memory.total")),
                mebibytes(value(fields, values, "memory.free")));
    }

    private static String value(List<String> fields, String[] values, String field) {
        int at = fields.indexOf(field);
        if (at < 0) {
            return null;
        }
        String value = values[at].strip();
        return NOT_AVAILABLE.contains(value.toLowerCase(Locale.ROOT)) ? null : value;
    }

    // nounits leaves the number alone; without it nvidia-smi appends " MiB"
    private static Long mebibytes(String value) {
        return value == null ? null : Long.valueOf(value.replaceFirst("\\s*MiB$", ""));
    }

    /**
     * The GPUs CUDA will see under {@code CUDA_VISIBLE_DEVICES} (null or unset: all). nvidia-smi ignores the
     * variable, so it is applied here: entries are UUIDs (what the CUDA image's entrypoint writes) or indexes, read as
     * nvidia-smi's; CUDA stops at the first entry it cannot match, and so does this. MIG instances leave all GPUs.
     */
    GpuInventory visibleTo(String cudaVisibleDevices) {
        // a MIG instance is not in nvidia-smi's list of GPUs: judge all of them, among which is its parent
        if (cudaVisibleDevices == null || cudaVisibleDevices.contains("MIG-")) {
            return this;
        }
        List<Gpu> visible = new ArrayList<>();
        for (String entry : Arrays.stream(cudaVisibleDevices.split(",")).map(String::strip).toList()) {
            Predicate<Gpu> matches = gpu -> entry.equals(gpu.uuid())
                    || (gpu.uuid() != null && entry.startsWith("GPU-") && gpu.uuid().startsWith(entry))
                    || entry.equals(String.valueOf(gpu.index()));
            Gpu match = gpus.stream().filter(matches).findFirst().orElse(null);
            if (match == null || visible.contains(match)) {
                break;
            }
            visible.add(match);
        }
        return new GpuInventory(visible, problem, skipped);
    }

    /** "NVIDIA A100-SXM4-80GB (compute capability 8.0), NVIDIA H100 (compute capability 9.0)". */
    String describe() {
        return gpus.stream().map(Gpu::describe).collect(Collectors.joining(", "));
    }
}
