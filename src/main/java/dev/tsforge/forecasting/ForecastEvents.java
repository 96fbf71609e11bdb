package dev.tsforge.forecasting;

/**
 * Published as forecasts are served, so that other features (the ledger) can keep them without {@code forecasting}
 * depending on them. Listeners run on the request thread: they must return at once (hand work to a thread of their
 * own), or the forecast's latency grows.
 */
public final class ForecastEvents {

    private ForecastEvents() {
    }

    /** A series' champion forecast from the series' latest points (asked by series id, not by model). */
    public record ChampionServed(Forecast forecast) {
    }
}
