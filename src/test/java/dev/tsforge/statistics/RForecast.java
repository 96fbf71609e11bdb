package dev.tsforge.statistics;

import tools.jackson.databind.JsonNode;

/**
 * A forecast recorded from R's forecast package (means and 80 % / 95 % bounds), and how far one made here is from it.
 */
record RForecast(double[] mean, double[] lower80, double[] upper80, double[] lower95, double[] upper95) {

    static RForecast of(JsonNode node) {
        return new RForecast(numbers(node.get("mean")), numbers(node.get("lower80")), numbers(node.get("upper80")),
                numbers(node.get("lower95")), numbers(node.get("upper95")));
    }

    /**
     * The largest distance over the horizon of the means, the 80 % bounds and the 95 % bounds from R's, each in units
     * of R's 95 % interval width at that step.
     *
     * @param interval80 {lower, upper} at 80 %
     * @param interval95 {lower, upper} at 95 %
     */
    double[] distance(double[] mean, double[][] interval80, double[][] interval95) {
        double[] worst = new double[3];
        for (int h = 0; h < this.mean.length; h++) {
            double width = upper95[h] - lower95[h];
            worst[0] = Math.max(worst[0], Math.abs(mean[h] - this.mean[h]) / width);
            worst[1] = Math.max(worst[1], Math.max(Math.abs(interval80[0][h] - lower80[h]),
                    Math.abs(interval80[1][h] - upper80[h])) / width);
            worst[2] = Math.max(worst[2], Math.max(Math.abs(interval95[0][h] - lower95[h]),
                    Math.abs(interval95[1][h] - upper95[h])) / width);
        }
        return worst;
    }

    static double[] numbers(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }
}
