package dev.tsforge.backtest;

import java.util.ArrayList;
import java.util.List;

/**
 * What a panel backtest does: {@code folds} origins, {@code horizon} apart, the last ones of every member (each member
 * cut at the same distance from its own end), each followed by {@code horizon} actual values.
 *
 * @param localNetworks whether the network spec is also fitted on each member alone (one fit per member and fold)
 * @param references    methods scored beside the networks (Naive2 always is)
 * @param autoBudgetSeconds what {@link PanelMethod#AUTO} may take per member and fold; null when AUTO is not scored
 *                          (and in settings stored before AUTO could be)
 */
public record PanelBacktestSettings(int folds, int horizon, boolean localNetworks, List<PanelMethod> references,
        Integer autoBudgetSeconds) {

    public PanelBacktestSettings {
        references = List.copyOf(references);
    }

    public boolean auto() {
        return references.contains(PanelMethod.AUTO);
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

    /**
     * Fits the job runs for {@code members} members: one global network per fold, and per member and fold one local
     * network and one AUTO search where asked.
     */
    public int fits(int members) {
        return folds * (1 + (localNetworks ? members : 0) + (auto() ? members : 0));
    }
}
