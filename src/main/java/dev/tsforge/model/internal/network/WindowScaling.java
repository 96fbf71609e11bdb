package dev.tsforge.model.internal.network;

import dev.tsforge.model.internal.inference.JavaForward;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/**
 * A fitted normaliser of tsforge's windows (one statistic per input, the value and each covariate; one per output
 * step) as plain arithmetic, for {@link JavaForward}: {@code x' = (x − center) / scale + shift} on inputs and its
 * inverse on outputs. Both of ND4J's
 * normalisers tsforge fits are of that form: standardising ({@code mean}, {@code std}, 0) and min-max
 * ({@code min}, {@code range / (target max − target min)}, {@code target min}).
 */
record WindowScaling(double[] featureCenter, double[] featureScale, double featureShift, double[] labelCenter,
        double[] labelScale, double labelShift) {

    /** What {@code normalizer} does to windows of one input and {@code outputSteps} labels, or empty. */
    static Optional<WindowScaling> of(DataNormalization normalizer, int outputSteps) {
        return of(normalizer, 1, outputSteps);
    }

    /**
     * What {@code normalizer} does to windows of {@code inputs} inputs per step and {@code outputSteps} labels, or
     * empty if not of that form.
     */
    static Optional<WindowScaling> of(DataNormalization normalizer, int inputs, int outputSteps) {
        if (normalizer instanceof NormalizerStandardize standardize) {
            return standardize.isFitLabel()
                    ? scaling(standardize.getMean(), standardize.getStd(), 0, standardize.getLabelMean(),
                            standardize.getLabelStd(), 0, inputs, outputSteps)
                    : Optional.empty();
        }
        if (normalizer instanceof NormalizerMinMaxScaler minMax && minMax.isFitLabel()) {
            double targetRange = minMax.getTargetMax() - minMax.getTargetMin();
            return scaling(minMax.getMin(), minMax.getMax().sub(minMax.getMin()).divi(targetRange),
                    minMax.getTargetMin(), minMax.getLabelMin(),
                    minMax.getLabelMax().sub(minMax.getLabelMin()).divi(targetRange), minMax.getTargetMin(),
                    inputs, outputSteps);
        }
        return Optional.empty();
    }

    private static Optional<WindowScaling> scaling(INDArray featureCenter, INDArray featureScale, double shift,
            INDArray labelCenter, INDArray labelScale, double labelShift, int inputs, int outputSteps) {
        if (featureCenter.length() != inputs || labelCenter.length() != outputSteps) {
            return Optional.empty();
        }
        return Optional.of(new WindowScaling(featureCenter.toDoubleVector(), nonZero(featureScale.toDoubleVector()),
                shift, labelCenter.toDoubleVector(), nonZero(labelScale.toDoubleVector()), labelShift));
    }

    /** As ND4J divides: a zero spread is taken as 1. */
    private static double nonZero(double scale) {
        return scale == 0 ? 1 : scale;
    }

    private static double[] nonZero(double[] scales) {
        double[] result = scales.clone();
        for (int i = 0; i < result.length; i++) {
            result[i] = nonZero(result[i]);
        }
        return result;
    }

    /** The value's input, scaled. */
    float feature(double value) {
        return feature(0, value);
    }

    /** Input {@code input} (0 the value, then the covariates), scaled. */
    float feature(int input, double value) {
        return (float) ((value - featureCenter[input]) / featureScale[input] + featureShift);
    }

    int inputs() {
        return featureCenter.length;
    }

    double label(int step, float value) {
        return (value - labelShift) * labelScale[step] + labelCenter[step];
    }
}
