package dev.tsforge.model;

import dev.tsforge.model.SpecOptions.CellActivation;
import dev.tsforge.model.SpecOptions.GradientClipping;
import dev.tsforge.model.SpecOptions.Normalization;
import dev.tsforge.model.SpecOptions.Optimizer;
import dev.tsforge.model.SpecOptions.OutputStrategy;
import dev.tsforge.model.SpecOptions.Rollout;
import dev.tsforge.model.SpecOptions.WeightInitScheme;
import dev.tsforge.series.GapPolicy;
import java.util.List;
import java.util.function.Function;

/**
 * A recurrent forecasting network: recurrent layers of {@code hiddenSizes} units, stacked, optionally bidirectional,
 * then a linear output, and how it is fitted. The spec owns its defaults ({@link #DEFAULTS}), its cross-field rules
 * ({@link #requested}) and what a warm start may change ({@link #continuing}); the API only validates ranges.
 *
 * @param dropout               probability of dropping a recurrent layer's input during training (0 = off)
 * @param validationFraction    share of the most recent training windows kept out of the fit to measure
 *                              validation loss (0 = none, which also turns early stopping off)
 * @param earlyStoppingPatience epochs without a better validation loss before training stops and the best epoch's
 *                              weights are kept (0 = off)
 */
public record NetworkSpec(Architecture architecture, List<Integer> hiddenSizes, boolean bidirectional,
        CellActivation activation, WeightInitScheme weightInit, Optimizer optimizer, double learningRate,
        int batchSize, int epochs, double dropout, double l2, GradientClipping gradientClipping,
        double gradientClipThreshold, Normalization normalization, double validationFraction,
        int earlyStoppingPatience, WindowSpec window, Rollout rollout, Covariates covariates) implements ModelSpec {

    /** What a training request that names nothing gets (the README's "Training spec" table). */
    public static final NetworkSpec DEFAULTS = new NetworkSpec(Architecture.LSTM, List.of(32), false,
            CellActivation.TANH, WeightInitScheme.XAVIER, Optimizer.ADAM, 0.005, 32, 50, 0.0, 0.0,
            GradientClipping.VALUE, 1.0, Normalization.STANDARDIZE, 0.1, 10, WindowSpec.DEFAULTS, Rollout.SLIDING,
            Covariates.NONE);

    public NetworkSpec {
        hiddenSizes = List.copyOf(hiddenSizes);
        rollout = rollout == null ? Rollout.SLIDING : rollout;
        covariates = covariates == null ? Covariates.NONE : covariates;
    }

    /** A network that reads the value alone, as every network did before covariates. */
    public NetworkSpec(Architecture architecture, List<Integer> hiddenSizes, boolean bidirectional,
            CellActivation activation, WeightInitScheme weightInit, Optimizer optimizer, double learningRate,
            int batchSize, int epochs, double dropout, double l2, GradientClipping gradientClipping,
            double gradientClipThreshold, Normalization normalization, double validationFraction,
            int earlyStoppingPatience, WindowSpec window, Rollout rollout) {
        this(architecture, hiddenSizes, bidirectional, activation, weightInit, optimizer, learningRate, batchSize,
                epochs, dropout, l2, gradientClipping, gradientClipThreshold, normalization, validationFraction,
                earlyStoppingPatience, window, rollout, Covariates.NONE);
    }

    /** A network that rolls out {@link Rollout#SLIDING}, as every network did before roll-outs were a choice. */
    public NetworkSpec(Architecture architecture, List<Integer> hiddenSizes, boolean bidirectional,
            CellActivation activation, WeightInitScheme weightInit, Optimizer optimizer, double learningRate,
            int batchSize, int epochs, double dropout, double l2, GradientClipping gradientClipping,
            double gradientClipThreshold, Normalization normalization, double validationFraction,
            int earlyStoppingPatience, WindowSpec window) {
        this(architecture, hiddenSizes, bidirectional, activation, weightInit, optimizer, learningRate, batchSize,
                epochs, dropout, l2, gradientClipping, gradientClipThreshold, normalization, validationFraction,
                earlyStoppingPatience, window, Rollout.SLIDING);
    }

    /**
     * Fields a request may set; null takes the default (a new network) or the parent's (a warm start).
     */
    public record Overrides(Architecture architecture, List<Integer> hiddenSizes, Boolean bidirectional,
            CellActivation activation, WeightInitScheme weightInit, Optimizer optimizer, Double learningRate,
            Integer batchSize, Integer epochs, Double dropout, Double l2, GradientClipping gradientClipping,
            Double gradientClipThreshold, Normalization normalization, Integer lookback, Integer horizon,
            OutputStrategy strategy, Double validationFraction, Integer earlyStoppingPatience, Long seed,
            GapPolicy gapPolicy, Rollout rollout, Covariates covariates) {

        /** Nothing set: the defaults, or the parent's settings. */
        public static final Overrides NONE = new Overrides(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null);

        /** Everything but the covariates. */
        public Overrides(Architecture architecture, List<Integer> hiddenSizes, Boolean bidirectional,
                CellActivation activation, WeightInitScheme weightInit, Optimizer optimizer, Double learningRate,
                Integer batchSize, Integer epochs, Double dropout, Double l2, GradientClipping gradientClipping,
                Double gradientClipThreshold, Normalization normalization, Integer lookback, Integer horizon,
                OutputStrategy strategy, Double validationFraction, Integer earlyStoppingPatience, Long seed,
                GapPolicy gapPolicy, Rollout rollout) {
            this(architecture, hiddenSizes, bidirectional, activation, weightInit, optimizer, learningRate, batchSize,
                    epochs, dropout, l2, gradientClipping, gradientClipThreshold, normalization, lookback, horizon,
                    strategy, validationFraction, earlyStoppingPatience, seed, gapPolicy, rollout, null);
        }

        /** Everything but the roll-out. */
        public Overrides(Architecture architecture, List<Integer> hiddenSizes, Boolean bidirectional,
                CellActivation activation, WeightInitScheme weightInit, Optimizer optimizer, Double learningRate,
                Integer batchSize, Integer epochs, Double dropout, Double l2, GradientClipping gradientClipping,
                Double gradientClipThreshold, Normalization normalization, Integer lookback, Integer horizon,
                OutputStrategy strategy, Double validationFraction, Integer earlyStoppingPatience, Long seed,
                GapPolicy gapPolicy) {
            this(architecture, hiddenSizes, bidirectional, activation, weightInit, optimizer, learningRate, batchSize,
                    epochs, dropout, l2, gradientClipping, gradientClipThreshold, normalization, lookback, horizon,
                    strategy, validationFraction, earlyStoppingPatience, seed, gapPolicy, null, null);
        }
    }

    /**
     * A new network: the defaults with {@code overrides} applied.
     *
     * @throws InvalidSpecException for combinations the layers do not offer
     */
    public static NetworkSpec requested(Overrides o) {
        Architecture cell = or(o.architecture(), DEFAULTS.architecture);
        if (cell == Architecture.GRU && o.activation() == CellActivation.RELU) {
            throw new InvalidSpecException("activation", "GRU uses sigmoid gates and a tanh candidate; RELU is "
                    + "available for SIMPLE_RNN and LSTM");
        }
        if (cell == Architecture.GRU && Boolean.TRUE.equals(o.bidirectional())) {
            throw new InvalidSpecException("bidirectional", "bidirectional layers are available for SIMPLE_RNN and "
                    + "LSTM, not GRU");
        }
        WindowSpec w = WindowSpec.DEFAULTS;
        Rollout rollout = or(o.rollout(), DEFAULTS.rollout);
        if (rollout == Rollout.STATEFUL) {
            statefulAllowed(or(o.strategy(), w.strategy()), or(o.normalization(), DEFAULTS.normalization),
                    or(o.bidirectional(), false), or(o.gapPolicy(), w.gapPolicy()));
        }
        return new NetworkSpec(cell, or(o.hiddenSizes(), DEFAULTS.hiddenSizes), or(o.bidirectional(), false),
                or(o.activation(), DEFAULTS.activation), or(o.weightInit(), DEFAULTS.weightInit),
                or(o.optimizer(), DEFAULTS.optimizer), or(o.learningRate(), DEFAULTS.learningRate),
                or(o.batchSize(), DEFAULTS.batchSize), or(o.epochs(), DEFAULTS.epochs),
                or(o.dropout(), DEFAULTS.dropout),
                or(o.l2(), DEFAULTS.l2), or(o.gradientClipping(), DEFAULTS.gradientClipping),
                or(o.gradientClipThreshold(), DEFAULTS.gradientClipThreshold),
                or(o.normalization(), DEFAULTS.normalization), or(o.validationFraction(), DEFAULTS.validationFraction),
                or(o.earlyStoppingPatience(), DEFAULTS.earlyStoppingPatience),
                new WindowSpec(or(o.lookback(), w.lookback()), or(o.horizon(), w.horizon()),
                        or(o.strategy(), w.strategy()), or(o.gapPolicy(), w.gapPolicy()), or(o.seed(), w.seed())),
                rollout, covariatesAllowed(o, rollout, w));
    }

    /**
     * The requested covariates, checked; none when none are requested.
     *
     * @throws InvalidSpecException for an unknown holiday region, or with a MASK gap policy or a STATEFUL roll-out
     */
    private static Covariates covariatesAllowed(Overrides o, Rollout rollout, WindowSpec w) {
        Covariates covariates = o.covariates() == null ? Covariates.NONE : o.covariates().checked();
        if (covariates.isEmpty()) {
            return Covariates.NONE;
        }
        if (rollout == Rollout.STATEFUL) {
            throw new InvalidSpecException("covariates", "a STATEFUL roll-out feeds back one value per step; networks "
                    + "with covariates roll out SLIDING");
        }
        if (or(o.gapPolicy(), w.gapPolicy()) == GapPolicy.MASK) {
            throw new InvalidSpecException("covariates", "networks with covariates do not read MASK windows yet; "
                    + "choose another gapPolicy");
        }
        return covariates;
    }

    /** @throws InvalidSpecException where a stateful roll-out is not what the network could do */
    private static void statefulAllowed(OutputStrategy strategy, Normalization normalization, boolean bidirectional,
            GapPolicy gapPolicy) {
        if (strategy != OutputStrategy.RECURSIVE) {
            throw new InvalidSpecException("rollout", "a DIRECT network emits the whole horizon in one pass; STATEFUL "
                    + "is a roll-out of RECURSIVE networks");
        }
        if (normalization == Normalization.LAST_VALUE) {
            // WINDOW's stateful roll-out keeps the origin's anchor; measured for global networks only
            throw new InvalidSpecException("rollout", "LAST_VALUE re-anchors every window at its last value, so its "
                    + "forecasts roll out SLIDING; STATEFUL needs STANDARDIZE, MIN_MAX or WINDOW");
        }
        if (bidirectional) {
            throw new InvalidSpecException("rollout", "a bidirectional layer reads each window backwards too, so it "
                    + "has no state to carry forward; STATEFUL needs one-way layers");
        }
        if (gapPolicy == GapPolicy.MASK) {
            throw new InvalidSpecException("rollout", "MASK networks read their windows' masks, which only a sliding "
                    + "roll-out passes; STATEFUL needs another gapPolicy");
        }
    }

    /**
     * A warm start from a model with spec {@code parent}: the network is the parent's, so its weights, optimizer
     * state and normaliser fit; the fitting settings default to the parent's and may be changed, and so may the
     * horizon of a RECURSIVE network (one output either way).
     *
     * @throws InvalidSpecException naming the field that would change the parent's network, or when the parent is
     *                              not a network
     */
    public static NetworkSpec continuing(ModelSpec parent, Overrides o) {
        if (!(parent instanceof NetworkSpec p)) {
            throw new InvalidSpecException("warmStartFrom", "a " + parent.architectureName() + " model has no weights "
                    + "to continue; train a network or run AUTO again");
        }
        same("architecture", o.architecture(), p.architecture);
        same("hiddenSizes", o.hiddenSizes(), p.hiddenSizes);
        same("bidirectional", o.bidirectional(), p.bidirectional);
        same("activation", o.activation(), p.activation);
        same("weightInit", o.weightInit(), p.weightInit);
        same("optimizer", o.optimizer(), p.optimizer);
        same("dropout", o.dropout(), p.dropout);
        same("l2", o.l2(), p.l2);
        same("gradientClipping", o.gradientClipping(), p.gradientClipping);
        same("gradientClipThreshold", o.gradientClipThreshold(), p.gradientClipThreshold);
        same("normalization", o.normalization(), p.normalization);
        same("lookback", o.lookback(), p.lookback());
        same("strategy", o.strategy(), p.strategy());
        same("covariates", o.covariates(), p.covariates);
        if (p.strategy() == OutputStrategy.DIRECT) {
            same("horizon", o.horizon(), p.horizon());
        }
        WindowSpec w = p.window;
        Rollout rollout = or(o.rollout(), p.rollout);
        if (rollout == Rollout.STATEFUL) {
            statefulAllowed(w.strategy(), p.normalization, p.bidirectional, or(o.gapPolicy(), w.gapPolicy()));
        }
        return new NetworkSpec(p.architecture, p.hiddenSizes, p.bidirectional, p.activation, p.weightInit,
                p.optimizer, or(o.learningRate(), p.learningRate), or(o.batchSize(), p.batchSize),
                or(o.epochs(), p.epochs), p.dropout, p.l2, p.gradientClipping, p.gradientClipThreshold,
                p.normalization, or(o.validationFraction(), p.validationFraction),
                or(o.earlyStoppingPatience(), p.earlyStoppingPatience),
                new WindowSpec(w.lookback(), or(o.horizon(), w.horizon()), w.strategy(),
                        or(o.gapPolicy(), w.gapPolicy()), or(o.seed(), w.seed())), rollout, p.covariates);
    }

    @Override
    public <T> T match(Function<NetworkSpec, T> network, Function<StatisticalSpec, T> statistical) {
        return network.apply(this);
    }

    @Override
    public String architectureName() {
        return architecture.name();
    }

    /** Recurrent units in all layers, both directions counted. */
    public int recurrentUnits() {
        return hiddenSizes.stream().mapToInt(Integer::intValue).sum() * (bidirectional ? 2 : 1);
    }

    public NetworkSpec withWindow(WindowSpec value) {
        return new NetworkSpec(architecture, hiddenSizes, bidirectional, activation, weightInit, optimizer,
                learningRate, batchSize, epochs, dropout, l2, gradientClipping, gradientClipThreshold, normalization,
                validationFraction, earlyStoppingPatience, value, rollout, covariates);
    }

    public NetworkSpec withEpochs(int value) {
        return new NetworkSpec(architecture, hiddenSizes, bidirectional, activation, weightInit, optimizer,
                learningRate, batchSize, value, dropout, l2, gradientClipping, gradientClipThreshold, normalization,
                validationFraction, earlyStoppingPatience, window, rollout, covariates);
    }

    public NetworkSpec withLayers(Architecture cell, List<Integer> sizes, boolean twoWay) {
        return new NetworkSpec(cell, sizes, twoWay, activation, weightInit, optimizer, learningRate, batchSize, epochs,
                dropout, l2, gradientClipping, gradientClipThreshold, normalization, validationFraction,
                earlyStoppingPatience, window, rollout, covariates);
    }

    public NetworkSpec withNormalization(Normalization value) {
        return new NetworkSpec(architecture, hiddenSizes, bidirectional, activation, weightInit, optimizer,
                learningRate, batchSize, epochs, dropout, l2, gradientClipping, gradientClipThreshold, value,
                validationFraction, earlyStoppingPatience, window, rollout, covariates);
    }

    public NetworkSpec withValidation(double fraction, int patience) {
        return new NetworkSpec(architecture, hiddenSizes, bidirectional, activation, weightInit, optimizer,
                learningRate, batchSize, epochs, dropout, l2, gradientClipping, gradientClipThreshold, normalization,
                fraction, patience, window, rollout, covariates);
    }

    public NetworkSpec withCovariates(Covariates value) {
        return new NetworkSpec(architecture, hiddenSizes, bidirectional, activation, weightInit, optimizer,
                learningRate, batchSize, epochs, dropout, l2, gradientClipping, gradientClipThreshold, normalization,
                validationFraction, earlyStoppingPatience, window, rollout, value);
    }

    /** Inputs per time step: the value and the covariates' columns. */
    public int inputs() {
        return 1 + covariates.width();
    }

    public NetworkSpec withRollout(Rollout value) {
        return new NetworkSpec(architecture, hiddenSizes, bidirectional, activation, weightInit, optimizer,
                learningRate, batchSize, epochs, dropout, l2, gradientClipping, gradientClipThreshold, normalization,
                validationFraction, earlyStoppingPatience, window, value, covariates);
    }

    private static void same(String field, Object requested, Object parents) {
        if (requested != null && !requested.equals(parents)) {
            throw new InvalidSpecException(field, "a warm start keeps the parent model's network; its " + field
                    + " is " + parents);
        }
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
