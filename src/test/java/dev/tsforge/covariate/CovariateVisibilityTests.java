package dev.tsforge.covariate;

import static dev.tsforge.model.CovariateKind.KNOWN_FUTURE;
import static dev.tsforge.model.CovariateKind.PAST_ONLY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.model.CovariateKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CovariateVisibilityTests {

    /** The collection's price and rain; member 2 has its own price, member 3 its own promo. */
    private static final CovariateVisibility VISIBILITY = CovariateVisibility.of(List.of(
            new CovariateDeclaration(null, "price", KNOWN_FUTURE), new CovariateDeclaration(null, "rain", PAST_ONLY),
            new CovariateDeclaration(2L, "price", PAST_ONLY), new CovariateDeclaration(3L, "promo", KNOWN_FUTURE)));

    @Test
    void aMembersOwnCovariateWinsOverItsCollectionsOfTheSameName() {
        assertThat(VISIBILITY.kind(1, "price")).isEqualTo(KNOWN_FUTURE);
        assertThat(VISIBILITY.kind(2, "price")).isEqualTo(PAST_ONLY);
        assertThat(VISIBILITY.kind(2, "rain")).as("inherited").isEqualTo(PAST_ONLY);
        assertThat(VISIBILITY.kind(3, "promo")).isEqualTo(KNOWN_FUTURE);
        assertThat(VISIBILITY.kind(1, "promo")).as("another member's own").isNull();
        assertThat(VISIBILITY.kind(1, "nosuch")).isNull();
    }

    @Test
    void kindsByNameListTheMembersThatReadEachInMemberOrder() {
        Map<String, Map<Long, CovariateKind>> kinds = VISIBILITY.kinds(List.of(3L, 1L, 2L),
                List.of("price", "promo", "nosuch"));
        assertThat(kinds).containsOnlyKeys("price", "promo", "nosuch");
        assertThat(kinds.get("price")).containsExactly(Map.entry(3L, KNOWN_FUTURE), Map.entry(1L, KNOWN_FUTURE),
                Map.entry(2L, PAST_ONLY));
        assertThat(kinds.get("promo")).containsExactly(Map.entry(3L, KNOWN_FUTURE));
        assertThat(kinds.get("nosuch")).isEmpty();
    }

    @Test
    void overlayLaysASeriesOwnOverItsCollectionsByName() {
        Map<String, String> visible = CovariateVisibility.overlay(List.of("price=shared", "rain=shared"),
                List.of("price=own"), written -> written.substring(0, written.indexOf('=')));
        assertThat(visible).containsExactly(Map.entry("price", "price=own"), Map.entry("rain", "rain=shared"));
    }
}
