package dev.tsforge.backtest;

import java.util.ArrayList;
import java.util.List;

/**
 * What a panel backtest does: {@code folds} origins, {@code horizon} apart, the last ones of every member (each member
 * cut at the same distance from its own end), each followed by {@code horizon} actual values.
 *
 * @param localNetworks whether the network spec is also fitted on each member alone (one fit per member and fold)
 * @param references    statistical methods scored beside the networks (Naive2 always is)
 */
public record PanelBacktestSettings(int folds, int horizon, boolean localNetworks, List<PanelMethod> references) {

    public PanelBacktestSettings {
        references = List.copyOf(references);
    }

    /** Points a member needs: the first origin's history must train the spec, and the folds must follow it. */
    public int requiredPoints(int minimumTrainingPoints) {
        return minimumTrainingPoints + folds * horizon;
    }

    /** The methods scored, in the order the result lists them. */
    public List<PanelMethod> methods() {
        List<PanelMethod> methods = new ArrayList<>(List.of(PanelMethod.GLOBAL));
        if (localNetworks) {
            methods.add(PanelMethod.LOCAL);
        }
        methods.addAll(references.stream().filter(m -> m != PanelMethod.NAIVE2).toList());
        methods.add(PanelMethod.NAIVE2);
        return methods;
    }

    /** Network fits the job runs for {@code members} members: one global per fold, and one per member if local. */
    public int fits(int members) {
        return folds * (1 + (localNetworks ? members : 0));
    }
}
