package dev.tsforge.forecasting;

import dev.tsforge.web.ApiProblemException;

/** What one query of a batch came to: its forecast, or the problem it would have raised on its own. */
public sealed interface BatchOutcome {

    record Forecasted(Forecast forecast) implements BatchOutcome {
    }

    /** The problem keeps its status and body, so that the batch reports it as a single request would have. */
    record Refused(ApiProblemException problem) implements BatchOutcome {
    }
}
