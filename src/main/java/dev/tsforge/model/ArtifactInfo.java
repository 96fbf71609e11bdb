package dev.tsforge.model;

/**
 * What a model file says about itself.
 *
 * @param engine the library and backend that trained it
 */
public record ArtifactInfo(ModelSpec spec, int lookback, int outputSteps, String engine) {
}
