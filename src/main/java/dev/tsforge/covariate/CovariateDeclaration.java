package dev.tsforge.covariate;

import dev.tsforge.model.CovariateKind;

/**
 * A covariate declared in a collection: by one of its members, or by the collection itself for all of them.
 *
 * @param seriesId the member that declared it, null for the collection's own
 */
public record CovariateDeclaration(Long seriesId, String name, CovariateKind kind) {
}
