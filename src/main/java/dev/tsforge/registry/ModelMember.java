package dev.tsforge.registry;

import dev.tsforge.evaluation.HoldoutEvaluation;

/**
 * A global model on one member of its collection: its accuracy on the member's holdout beside naive and seasonal
 * naive, and whether the per-series champion gate made it the member's champion, and why.
 *
 * @param uniqueId the member's name within the collection (null when read before it was known)
 */
public record ModelMember(long seriesId, String uniqueId, HoldoutEvaluation evaluation, boolean promoted,
        String reason) {
}
