package dev.tsforge.runtime;

import java.util.function.LongSupplier;
import org.bytedeco.javacpp.Pointer;

/**
 * The limit on the process's resident memory ({@code tsforge.runtime.max-physical-bytes}), checked once per training
 * minibatch. JavaCPP can enforce the same limit itself, but it does so on every native allocation, and ND4J allocates
 * a shape descriptor for every array and view it creates, so the resident size would be read many times per training
 * step (the cost is in bench/RESULTS.md). So {@link NativeRuntimeSetup} turns JavaCPP's check off and the trainers
 * call {@link #check()} instead: past the limit they collect garbage, as JavaCPP would, and fail the job if that does
 * not bring the process back under it. A {@code -Dorg.bytedeco.javacpp.maxphysicalbytes} on the command line keeps
 * JavaCPP's own check, and is the limit here too.
 */
public final class ProcessMemoryLimit {

    /** The system property {@link NativeRuntimeSetup} sets from {@code tsforge.runtime.max-physical-bytes}. */
    static final String PROPERTY = "tsforge.runtime.max-physical-bytes";

    /** Collections tried before giving up, as JavaCPP's {@code maxretries} default. */
    private static final int COLLECTIONS = 10;

    private static final long LIMIT = resolve();

    private ProcessMemoryLimit() {
    }

    /** The limit in bytes; 0 when there is none. */
    public static long bytes() {
        return LIMIT;
    }

    /** Who checks the limit: JavaCPP on every native allocation, or the trainers once per minibatch. */
    public static String checkedBy() {
        if (LIMIT == 0) {
            return "nobody: no limit";
        }
        return Pointer.maxPhysicalBytes() > 0 ? "JavaCPP, on every native allocation" : "the trainers, per minibatch";
    }

    /**
     * Passes while the process's resident memory is under the limit; past it, collects garbage (ND4J frees an array's
     * native memory when the array is collected) and looks again, then gives up.
     *
     * @throws ProcessMemoryExceededException when the process stays over the limit
     */
    public static void check() {
        check(LIMIT, Pointer::physicalBytes, ProcessMemoryLimit::collectGarbage);
    }

    static void check(long limit, LongSupplier physicalBytes, Runnable collectGarbage) {
        if (limit == 0) {
            return;
        }
        long physical = physicalBytes.getAsLong();
        for (int tries = 0; physical > limit && tries < COLLECTIONS; tries++) {
            collectGarbage.run();
            physical = physicalBytes.getAsLong();
        }
        if (physical > limit) {
            throw new ProcessMemoryExceededException(physical, limit);
        }
    }

    /** As JavaCPP does: a collection, then a pause for ND4J's deallocator threads to free what it found. */
    private static void collectGarbage() {
        System.gc();
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long resolve() {
        return resolve(Pointer.maxPhysicalBytes(), System.getProperty(PROPERTY, ""), Runtime.getRuntime().maxMemory(),
                Pointer.maxBytes());
    }

    /**
     * @param javacppLimit JavaCPP's own limit, 0 when off
     * @param setting      {@code tsforge.runtime.max-physical-bytes}, blank for the default
     * @param heap         the heap's maximum size
     * @param maxBytes     JavaCPP's off-heap limit
     */
    static long resolve(long javacppLimit, String setting, long heap, long maxBytes) {
        if (javacppLimit > 0) {
            return javacppLimit;
        }
        if (!setting.isBlank()) {
            return Pointer.parseBytes(setting.trim(), heap);
        }
        // JavaCPP's own default, which NativeRuntimeSetup turned off: its off-heap limit plus three heaps
        return maxBytes > 0 ? maxBytes + 3 * heap : 0;
    }

    /** The process stayed over {@code tsforge.runtime.max-physical-bytes} after garbage collection. */
    public static final class ProcessMemoryExceededException extends RuntimeException {

        ProcessMemoryExceededException(long physical, long limit) {
            super("The process uses " + physical / (1024 * 1024) + " MiB of memory, over its limit of "
                    + limit / (1024 * 1024) + " MiB (tsforge.runtime.max-physical-bytes), even after garbage "
                    + "collection: training stopped. Train with fewer or shorter windows, fewer units or a smaller "
                    + "batch, run fewer jobs at once, or raise the limit and the container's memory with it.");
        }
    }
}
