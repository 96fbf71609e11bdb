package dev.tsforge.config;

/** Where registered models keep their artifacts: {@code tsforge.storage.models}. */
public enum ModelStorage {
    /**
     * In the database, with the registry row and in its transaction: registry and store cannot disagree, and replicas
     * share models through the database alone. The model directory then only holds a model while it is written.
     */
    DATABASE,
    /** As files in {@code tsforge.storage.model-dir}, which replicas must then share (a ReadWriteMany volume). */
    DIRECTORY
}
