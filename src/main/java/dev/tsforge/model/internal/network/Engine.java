package dev.tsforge.model.internal.network;

import dev.tsforge.runtime.NativeVersions;
import org.nd4j.linalg.factory.Nd4j;

/** Names the library and backend that trained a model, for its provenance. */
final class Engine {

    private static final String VERSION = NativeVersions.dl4j();

    private Engine() {
    }

    static String describe() {
        return "deeplearning4j " + VERSION + " on " + Nd4j.getBackend().getClass().getSimpleName();
    }
}
