package dev.tsforge.registry;

/** A model as the registry shows it: the version, whether it is its series' champion. */
public record RegisteredModel(ModelVersion version, boolean champion) {
}
