package dev.tsforge.covariate.web;

import dev.tsforge.covariate.CovariateSeries;
import dev.tsforge.model.CovariateKind;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

@Schema(name = "Covariate", description = "A covariate series: its kind, point count and range")
record CovariateView(
        @Schema(example = "temp") String name,
        @Schema(description = "KNOWN_FUTURE: given for the forecast horizon (stored ahead or sent with a forecast); "
                + "PAST_ONLY: observed with the target, read up to the forecast origin only (DIRECT networks)")
        CovariateKind kind,
        @Schema(description = "Whether it is the collection's, shared by its members (in a series' list: "
                + "inherited from its collection, unless the series has its own of the same name)") boolean shared,
        long count, Instant first, Instant last, Instant createdAt) {

    static CovariateView of(CovariateSeries c) {
        return new CovariateView(c.name(), c.kind(), c.shared(), c.count(), c.first(), c.last(), c.createdAt());
    }
}
