package dev.tsforge.training;

import dev.tsforge.model.ModelSpec;
import dev.tsforge.series.GapPolicy;

/** What every child of a collection run does: train one spec, or run an AUTO search. */
public sealed interface RunPlan {

    CollectionRun.Mode mode();

    /** Train {@code spec} on every member, as {@code POST /series/{id}/trainings} would. */
    record Train(ModelSpec spec) implements RunPlan {

        @Override
        public CollectionRun.Mode mode() {
            return CollectionRun.Mode.TRAIN;
        }
    }

    /** An AUTO search on every member, as {@code POST /series/{id}/auto-trainings} would. */
    record Auto(int horizon, long seed, GapPolicy gapPolicy, int budgetSeconds) implements RunPlan {

        @Override
        public CollectionRun.Mode mode() {
            return CollectionRun.Mode.AUTO;
        }
    }
}
