package dev.tsforge.runtime;

/** Which ND4J backend the service should run on: {@code tsforge.runtime.backend}. */
public enum BackendChoice {
    /** CUDA when this build has it and an NVIDIA GPU is visible, otherwise CPU. */
    AUTO,
    CPU,
    CUDA
}
