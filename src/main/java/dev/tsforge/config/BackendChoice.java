package dev.tsforge.config;

/**
 * Which ND4J backend the service should run on: {@code tsforge.runtime.backend}. It lives beside the properties that
 * bind it, so that {@code config} depends on no feature and {@code runtime} reads it like any other setting.
 */
public enum BackendChoice {
    /** CUDA when this build has it and an NVIDIA GPU ND4J's CUDA kernels run on is visible, otherwise CPU. */
    AUTO,
    CPU,
    CUDA
}
