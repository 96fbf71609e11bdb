package dev.tsforge.bench;

/**
 * What the service's AUTO job did on one series, beside the forecast's scores.
 *
 * @param winner         the spec AUTO chose, in short
 * @param runningSeconds from the job's RUNNING to its SUCCEEDED, by the job's own timestamps
 * @param fallback       the forecast's fallback (it diverged and a statistical method answered), null when none or
 *                       when the service does not report it
 * @param intervalMethod how the forecast's intervals were made, null when the service does not say
 */
record AutoRun(String series, String group, String winner, int budgetSeconds, double runningSeconds,
        String fallback, String intervalMethod) {

    /** Running time over budget: the goal is at most 1.2. */
    double budgetRatio() {
        return runningSeconds / budgetSeconds;
    }
}
