package dev.tsforge.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One GPU as nvidia-smi lists it. A field nvidia-smi did not give (not queried, {@code [N/A]}) is null.
 *
 * @param index             nvidia-smi's index (PCI bus order, which CUDA follows only with
 *                          {@code CUDA_DEVICE_ORDER=PCI_BUS_ID})
 * @param uuid              {@code GPU-…}, which {@code CUDA_VISIBLE_DEVICES} accepts whatever the device order
 * @param computeCapability null when nvidia-smi did not say (drivers before 510 lack the field)
 */
record Gpu(Integer index, String uuid, String name, ComputeCapability computeCapability, String driverVersion,
           Long memoryTotalMiB, Long memoryFreeMiB) {

    /** "NVIDIA H200 (compute capability 9.0)". */
    String describe() {
        return name + " (compute capability " + (computeCapability == null ? "unknown" : computeCapability) + ")";
    }

    /** What /actuator/info shows of it, fields nvidia-smi did not give left out. */
    Map<String, Object> facts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        putIfKnown(facts, "index", index);
        putIfKnown(facts, "uuid", uuid);
        facts.put("name", name);
        putIfKnown(facts, "computeCapability", computeCapability == null ? null : computeCapability.toString());
        putIfKnown(facts, "driverVersion", driverVersion);
        putIfKnown(facts, "memoryTotalMiB", memoryTotalMiB);
        putIfKnown(facts, "memoryFreeMiB", memoryFreeMiB);
        return facts;
    }

    private static void putIfKnown(Map<String, Object> facts, String key, Object value) {
        if (value != null) {
            facts.put(key, value);
        }
    }
}
