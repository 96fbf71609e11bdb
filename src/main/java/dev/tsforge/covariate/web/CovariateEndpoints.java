package dev.tsforge.covariate.web;

import dev.tsforge.config.TsforgeProperties;
import dev.tsforge.covariate.CovariateOwner;
import dev.tsforge.covariate.CovariateService;
import dev.tsforge.series.IngestResult;
import dev.tsforge.series.PointBatchValidator;
import dev.tsforge.series.RawPoint;
import dev.tsforge.web.ApiProblemException;
import dev.tsforge.web.ProblemType;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/** What the series' and the collections' covariate endpoints do alike, once the owner is known. */
final class CovariateEndpoints {

    private final CovariateService covariates;
    private final TsforgeProperties properties;
    private final JsonMapper json;

    CovariateEndpoints(CovariateService covariates, TsforgeProperties properties, JsonMapper json) {
        this.covariates = covariates;
        this.properties = properties;
        this.json = json;
    }

    ResponseEntity<CovariateView> declare(CovariateOwner owner, String name, DeclareCovariateRequest request,
            URI location) {
        CovariateService.Declared declared = covariates.declare(owner, name, request == null ? null : request.kind());
        CovariateView view = CovariateView.of(declared.covariate());
        return declared.created() ? ResponseEntity.created(location).body(view) : ResponseEntity.ok(view);
    }

    List<CovariateView> list(CovariateOwner owner) {
        return covariates.list(owner).stream().map(CovariateView::of).toList();
    }

    CovariateView get(CovariateOwner owner, String name) {
        return CovariateView.of(covariates.get(owner, name));
    }

    ResponseEntity<Void> delete(CovariateOwner owner, String name) {
        covariates.delete(owner, name);
        return ResponseEntity.noContent().build();
    }

    /** The body is read before the owner is looked up: a malformed one is refused without a query. */
    IngestResult ingest(Supplier<CovariateOwner> owner, String name, byte[] body, MediaType contentType) {
        List<RawPoint> rows = CovariateBodies.points(body, contentType, json,
                properties.limits().maxPointsPerRequest());
        return covariates.ingest(owner.get(), name, rows);
    }

    Map<String, IngestResult> ingestLong(Supplier<CovariateOwner> owner, byte[] body, MediaType contentType) {
        Map<String, List<RawPoint>> rows = CovariateBodies.longRows(body, contentType, json,
                properties.limits().maxPointsPerRequest());
        return covariates.ingestAll(owner.get(), rows);
    }

    List<PointView> points(CovariateOwner owner, String name, String from, String to) {
        return covariates.points(owner, name, bound(owner, "from", from), bound(owner, "to", to)).stream()
                .map(p -> new PointView(p.timestamp(), p.value())).toList();
    }

    record PointView(Instant timestamp, double value) {
    }

    private static Instant bound(CovariateOwner owner, String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant parsed = PointBatchValidator.parseTimestamp(text, owner.grid().zone());
        if (parsed == null) {
            throw new ApiProblemException(ProblemType.INVALID_PARAMETER, "Parameter '" + name + "' must be an "
                    + "ISO-8601 date-time, got '" + text + "'", Map.of("parameter", name));
        }
        return parsed;
    }
}
