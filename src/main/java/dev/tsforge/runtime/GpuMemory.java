package dev.tsforge.runtime;

import java.util.Optional;

/**
 * Free and total memory of the GPU trainings run on, for the training queue's admission. On the CPU backend there is
 * none to read ({@link #NOT_ON_GPU}); tests put a fake in its place.
 */
public interface GpuMemory {

    /** Not on a GPU: nothing to admit against. */
    GpuMemory NOT_ON_GPU = new GpuMemory() {
        @Override
        public boolean active() {
            return false;
        }

        @Override
        public Optional<Reading> read() {
            return Optional.empty();
        }
    };

    /** Whether trainings run on a GPU whose memory should be checked before they start. */
    boolean active();

    /** The memory now; empty when it cannot be read. */
    Optional<Reading> read();

    /**
     * @param freeBytes  free on the device, as the driver counts it
     * @param totalBytes the device's memory
     * @param device     which GPU, for messages
     */
    record Reading(long freeBytes, long totalBytes, String device) {
    }
}
