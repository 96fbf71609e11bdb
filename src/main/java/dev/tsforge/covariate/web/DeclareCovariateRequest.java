package dev.tsforge.covariate.web;

import dev.tsforge.model.CovariateKind;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

@Schema(description = "Declares a covariate series")
record DeclareCovariateRequest(
        @Schema(description = "KNOWN_FUTURE (planned prices, a weather forecast: given for the horizon) or PAST_ONLY "
                + "(observed with the target: used up to the origin, by DIRECT networks only)",
                example = "KNOWN_FUTURE") @NotNull CovariateKind kind) {
}
