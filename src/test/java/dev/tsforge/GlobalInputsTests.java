package dev.tsforge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.support.DrivenPanel;
import dev.tsforge.support.PanelApi;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * {@link GlobalInputsContract} on H2, and what the inputs are worth: the same global network with and without the
 * shared covariate on a panel it drives, and with and without the labels on a panel whose two groups answer it in
 * opposite directions, each judged by its mean MASE over the members' holdouts (seeded).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class GlobalInputsTests extends GlobalInputsContract {

    private static final int MEMBERS = 12;
    private static final int EPOCHS = 20;

    private double meanMase(PanelApi api, Map<String, Object> spec) throws Exception {
        return meanMase(api, api.train("/api/v1/collections/" + api.collection() + "/trainings", spec)
                .get("modelId").asLong());
    }

    private static double meanMase(PanelApi api, long modelId) {
        return api.get("/api/v1/models/{id}", modelId).get("global").get("evaluation").get("meanMase").asDouble();
    }

    @Test
    void theSharedCovariateLowersTheMembersHoldoutError() throws Exception {
        PanelApi api = collection(port, new DrivenPanel(23, LENGTH, false, 0.35), MEMBERS);
        double without = meanMase(api, spec(EPOCHS, List.of(), List.of()));
        long modelId = api.train("/api/v1/collections/" + api.collection() + "/trainings",
                spec(EPOCHS, List.of("promo"), List.of())).get("modelId").asLong();
        double with = meanMase(api, modelId);
        System.out.printf("driven panel, mean MASE over %d members: with promo %.3f, without %.3f (ratio %.2f)%n",
                MEMBERS, with, without, with / without);
        assertThat(with).isLessThan(0.6 * without);

        // the permutation check, member by member: promo shuffled in time, the model's error grows
        double mae = 0;
        double permuted = 0;
        for (JsonNode member : api.get("/api/v1/models/{id}/members", modelId)) {
            mae += member.get("covariateEffects").get(0).get("mae").asDouble();
            permuted += member.get("covariateEffects").get(0).get("permutedMae").asDouble();
        }
        System.out.printf("promo permuted: MAE summed over members %.2f, permuted %.2f%n", mae, permuted);
        assertThat(permuted).isGreaterThan(1.5 * mae);
    }

    @Test
    void theLabelsTellWhichWayAMemberAnswersTheCovariate() throws Exception {
        DrivenPanel panel = new DrivenPanel(29, LENGTH, true, 1 / 16.0);
        PanelApi api = collection(port, panel, MEMBERS);
        double without = meanMase(api, spec(EPOCHS, List.of("promo"), List.of()));
        Map<String, Object> labelled = spec(EPOCHS, List.of("promo"), List.of("group"));
        long modelId = api.train("/api/v1/collections/" + api.collection() + "/trainings", labelled)
                .get("modelId").asLong();
        double with = meanMase(api, modelId);
        System.out.printf("mixed panel, mean MASE over %d members: with labels %.3f, without %.3f (ratio %.2f)%n",
                MEMBERS, with, without, with / without);
        assertThat(with).isLessThan(0.8 * without);

        // series it never saw, a promotion sent for the first forecast day: the label says which way it goes
        double[] promotions = panel.promotions();
        List<Double> promotedFirst = new ArrayList<>(Collections.nCopies(HORIZON, 0.0));
        promotedFirst.set(0, 1.0);
        for (int index = MEMBERS; index < MEMBERS + 4; index++) {
            double[] all = panel.all(index);
            double gains = firstStep(api, modelId, all, promotions, promotedFirst, "gains");
            double loses = firstStep(api, modelId, all, promotions, promotedFirst, "loses");
            System.out.printf("unseen m%d, last value %.2f: first step as 'gains' %.2f, as 'loses' %.2f%n", index,
                    all[LENGTH - 1], gains, loses);
            assertThat(gains).as("m%d", index).isGreaterThan(loses);
        }
    }

    private static double firstStep(PanelApi api, long modelId, double[] values, double[] promotions,
            List<Double> future, String group) {
        Map<String, Object> sent = new HashMap<>(Map.of("modelId", modelId, "horizon", HORIZON,
                "values", slice(values, LENGTH - 2 * LOOKBACK, LENGTH),
                "lastTimestamp", START.plusDays(LENGTH - 1) + "T00:00:00Z",
                "covariateHistory", Map.of("promo", slice(promotions, LENGTH - 2 * LOOKBACK, LENGTH)),
                "covariates", Map.of("promo", future), "labels", Map.of("group", group)));
        ResponseEntity<JsonNode> forecast = api.post("/api/v1/forecasts", sent);
        assertThat(forecast.getStatusCode()).as("%s", forecast.getBody()).isEqualTo(HttpStatus.OK);
        return forecast.getBody().get("points").get(0).get("value").asDouble();
    }
}
