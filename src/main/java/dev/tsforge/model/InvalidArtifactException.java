package dev.tsforge.model;

/** A model file that is not a tsforge model, or not a safe or complete one. */
public class InvalidArtifactException extends RuntimeException {

    public InvalidArtifactException(String message) {
        super(message);
    }
}
