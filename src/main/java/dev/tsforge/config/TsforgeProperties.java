package dev.tsforge.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every {@code tsforge.*} setting, with its default. The README's configuration table mirrors this record.
 */
@Validated
@ConfigurationProperties("tsforge")
public record TsforgeProperties(
        @Valid @NotNull @DefaultValue Storage storage,
        @Valid @NotNull @DefaultValue Limits limits,
        @Valid @NotNull @DefaultValue Training training,
        @Valid @NotNull @DefaultValue Forecasting forecasting,
        @Valid @NotNull @DefaultValue Runtime runtime,
        @Valid @NotNull @DefaultValue Charts charts) {

    /**
     * Where trained model artifacts live. {@code models}: in the database beside their registry rows (the default) or
     * as files in {@code modelDir}; in the database, {@code modelDir} only holds a model while it is written.
     * {@code maxModelBytes}: the largest artifact the store takes; a bigger model fails its training. The bytes are
     * read whole (into a row, or to load a model), so the bound is on heap as much as on the table, and it also bounds
     * imports, which take the smaller of it and {@code limits.maxArtifactBytes}.
     */
    public record Storage(
            @NotNull @DefaultValue("database") ModelStorage models,
            @NotNull @DefaultValue("./data/models") Path modelDir,
            @Min(1024) @DefaultValue("67108864") long maxModelBytes) {
    }

    /**
     * Bounds on what one request may ask for. {@code maxHiddenUnits}: recurrent units of a network summed over its
     * layers (both directions of a bidirectional one), the bound on its size and training cost;
     * {@code maxTrainingSeconds}: wall time of one training or backtest job before it is stopped and FAILED.
     */
    public record Limits(
            @Min(1) @DefaultValue("100000") int maxPointsPerRequest,
            @Min(1) @DefaultValue("1000") int maxHorizon,
            @Min(1024) @DefaultValue("268435456") long maxArtifactBytes,
            @Min(1) @DefaultValue("500") int maxBatchItems,
            @Min(1024) @DefaultValue("67108864") long maxRequestBytes,
            @Min(1) @DefaultValue("10000") int maxEpochs,
            @Min(1) @DefaultValue("1024") int maxHiddenUnits,
            @Min(1) @DefaultValue("3600") int maxTrainingSeconds,
            @Valid @NotNull @DefaultValue Bulk bulk) {
    }

    /**
     * Long-format uploads into a collection ({@code POST /collections/{name}/points}), which stream and so have their
     * own bounds instead of {@code maxRequestBytes} and {@code maxPointsPerRequest}. {@code maxBytes}: the body (413
     * by {@code Content-Length} before it is read, or as soon as a chunked body passes it); {@code maxSeries}: series
     * one upload may touch, which bounds the memory of its per-series state.
     */
    public record Bulk(
            @Min(1024) @DefaultValue("2147483648") long maxBytes,
            @Min(1) @DefaultValue("100000") int maxSeries) {
    }

    /**
     * The training queue: how many jobs run at once and how many may wait. {@code fusedLstm}: unidirectional LSTMs
     * trained as tsforge's {@code FusedLstmLayer} (a step loop of few ND4J ops, served by a plain-Java forward; the
     * same function as DL4J's layer, with less per-op overhead) or, when false, as DL4J's own layer. Models trained
     * either way load and serve. {@code gpuMemoryRecheck}: on the CUDA backend, how long a job that found too little
     * free GPU memory waits, without holding a worker, before it looks again. {@code childrenInFlight}: the most
     * children of collection runs handed to JobRunr at once, across replicas (the rest wait in our table, holding no
     * place in JobRunr's one first-come queue, so a request behind a collection waits for at most these);
     * {@code dispatchInterval}: how often every replica hands waiting children on and closes finished runs, besides
     * doing so whenever a child ends.
     */
    public record Training(
            @Min(1) @Max(64) @DefaultValue("1") int concurrency,
            @Min(0) @DefaultValue("16") int queueCapacity,
            @DefaultValue("true") boolean fusedLstm,
            @NotNull @DefaultValue("15s") Duration gpuMemoryRecheck,
            @Min(1) @Max(1000) @DefaultValue("2") int childrenInFlight,
            @NotNull @DefaultValue("5s") Duration dispatchInterval) {
    }

    /**
     * Upper bounds on the size a chart request may ask for, in pixels (SVG: its width and height). A PNG costs
     * width × height × 4 bytes of heap while it is drawn, so the bound keeps one request from taking the heap.
     */
    public record Charts(
            @Min(200) @Max(10000) @DefaultValue("2000") int maxWidth,
            @Min(200) @Max(10000) @DefaultValue("2000") int maxHeight) {
    }

    /**
     * Serving. {@code cacheSize}: loaded networks kept in memory. {@code concurrency}: forecast requests computed at
     * once (0: one per available core); the rest wait their turn, first come first served, for at most
     * {@code queueTimeout}, then get 503. Request threads beyond the cores only take turns on them, and each turn a
     * request loses adds to its latency.
     */
    public record Forecasting(
            @Min(1) @DefaultValue("32") int cacheSize,
            @Min(0) @DefaultValue("0") int concurrency,
            @NotNull @DefaultValue("10s") Duration queueTimeout) {

        /** The permits {@code concurrency} stands for. */
        public int permits() {
            return concurrency > 0 ? concurrency : java.lang.Runtime.getRuntime().availableProcessors();
        }
    }

    /**
     * The ND4J backend and its native resources. {@code mathThreads}: ND4J math threads per process. Small
     * recurrent networks are dominated by per-op overhead, and OpenMP threads that outnumber free cores spin, so one
     * thread is the default (bench/RESULTS.md, "Threads"); 0 leaves ND4J's own choice (OMP_NUM_THREADS or all
     * cores). {@code cacheDir} and {@code maxBytes} become JavaCPP's {@code org.bytedeco.javacpp.cachedir} and
     * {@code maxbytes} (empty: JavaCPP's defaults, {@code ~/.javacpp/cache} and the heap size); they are applied before
     * ND4J loads, by {@code NativeRuntimeSetup}, which reads {@code backend} too. {@code maxPhysicalBytes} limits the
     * process's resident memory, checked per training minibatch by {@code ProcessMemoryLimit} (empty: JavaCPP's
     * default rule, its off-heap limit plus three heaps; 0: none).
     */
    public record Runtime(
            @NotNull @DefaultValue("auto") BackendChoice backend,
            @Min(0) @Max(256) @DefaultValue("1") int mathThreads,
            @DefaultValue("") String cacheDir,
            @Pattern(regexp = "|\\d+[kKmMgGtT]?") @DefaultValue("") String maxBytes,
            @Pattern(regexp = "|\\d+[kKmMgGtT]?") @DefaultValue("") String maxPhysicalBytes) {
    }
}
