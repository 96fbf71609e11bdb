package dev.tsforge.statistics;

/**
 * The form of an exponential smoothing state space model, printed with R's letters as forecast::ets names it:
 * error, trend ({@code d} when damped), season, e.g. {@code "ANN"} (simple exponential smoothing), {@code "AAdN"}
 * (damped Holt), {@code "MAM"} (multiplicative Holt-Winters with multiplicative errors).
 */
public record EtsForm(Component error, Component trend, boolean damped, Component season) {

    /** How a component enters the model. */
    public enum Component {
        NONE('N'), ADDITIVE('A'), MULTIPLICATIVE('M');

        private final char letter;

        Component(char letter) {
            this.letter = letter;
        }

        public char letter() {
            return letter;
        }

        static Component of(char letter) {
            for (Component component : values()) {
                if (component.letter == letter) {
                    return component;
                }
            }
            throw new IllegalArgumentException("not an ETS component letter: '" + letter + "'");
        }
    }

    public EtsForm {
        if (error == null || trend == null || season == null) {
            throw new IllegalArgumentException("an ETS form needs its error, trend and season");
        }
        if (error == Component.NONE) {
            throw new IllegalArgumentException("an ETS model has an additive or multiplicative error");
        }
        if (damped && trend == Component.NONE) {
            throw new IllegalArgumentException("only a trend can be damped");
        }
    }

    /** Reads R's letters: "ANN", "AAdN", "MAM", "MAdM"... */
    public static EtsForm parse(String text) {
        String letters = text == null ? "" : text.strip();
        boolean damped = letters.length() == 4 && letters.charAt(2) == 'd';
        if (letters.length() != (damped ? 4 : 3)) {
            throw new IllegalArgumentException("not an ETS form (e.g. \"ANN\", \"AAdN\", \"MAM\"): " + text);
        }
        return new EtsForm(Component.of(letters.charAt(0)), Component.of(letters.charAt(1)), damped,
                Component.of(letters.charAt(letters.length() - 1)));
    }

    public boolean hasTrend() {
        return trend != Component.NONE;
    }

    public boolean hasSeason() {
        return season != Component.NONE;
    }

    /** True when any component is multiplicative: then the data must be strictly positive. */
    public boolean needsPositiveData() {
        return error == Component.MULTIPLICATIVE || trend == Component.MULTIPLICATIVE
                || season == Component.MULTIPLICATIVE;
    }

    /** R's name for the model, e.g. "ETS(M,Ad,M)". */
    public String method() {
        return "ETS(" + error.letter + "," + trend.letter + (damped ? "d" : "") + "," + season.letter + ")";
    }

    @Override
    public String toString() {
        return "" + error.letter + trend.letter + (damped ? "d" : "") + season.letter;
    }
}
