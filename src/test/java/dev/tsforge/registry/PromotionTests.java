package dev.tsforge.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tsforge.evaluation.Accuracy;
import dev.tsforge.evaluation.HoldoutEvaluation;
import dev.tsforge.registry.Promotion.ChampionScore;
import org.junit.jupiter.api.Test;

class PromotionTests {

    private static final double[] TRAINING = {1, 2, 3, 1, 2, 3, 1, 2, 3};
    private static final double[] ACTUAL = {1, 2, 4};

    private static HoldoutEvaluation candidate(double... forecast) {
        return HoldoutEvaluation.of(TRAINING, ACTUAL, forecast, 3);
    }

    @Test
    void aModelThatDoesNotBeatSeasonalNaiveStaysAChallenger() {
        // seasonal naive forecasts 1, 2, 3: MAE 1/3; this forecast has MAE 1
        Promotion promotion = Promotion.decide(candidate(2, 3, 5), null, false);
        assertThat(promotion.promoted()).isFalse();
        assertThat(promotion.reason()).startsWith("challenger:").contains("did not beat seasonal naive");
    }

    @Test
    void theFirstModelThatBeatsSeasonalNaiveBecomesChampion() {
        Promotion promotion = Promotion.decide(candidate(1, 2, 4), null, false);
        assertThat(promotion.promoted()).isTrue();
        assertThat(promotion.reason()).startsWith("champion:").contains("no champion");
    }

    @Test
    void aNewModelMustAlsoBeatTheChampionOnTheSameHoldout() {
        HoldoutEvaluation good = candidate(1, 2, 3.5);
        assertThat(Promotion.decide(good, new ChampionScore(7, Accuracy.of(ACTUAL, new double[] {1, 2, 4}, 1)), false)
                .promoted()).isFalse();
        Promotion better = Promotion.decide(good, new ChampionScore(7, Accuracy.of(ACTUAL, new double[] {1, 2, 3}, 1)),
                false);
        assertThat(better.promoted()).isTrue();
        assertThat(better.reason()).contains("champion model 7");
    }

    @Test
    void aStatisticalModelServesASeriesWithoutChampionEvenWhenTheOneHoldoutFavoursSeasonalNaive() {
        Promotion first = Promotion.decide(candidate(2, 3, 5), null, true);
        assertThat(first.promoted()).isTrue();
        assertThat(first.reason()).startsWith("champion: a statistical method").contains("had no champion");
        assertThat(Promotion.decide(candidate(2, 3, 5), new ChampionScore(7, Accuracy.of(ACTUAL,
                new double[] {1, 2, 4}, 1)), true).promoted()).as("a champion stays unless beaten").isFalse();
    }
}
