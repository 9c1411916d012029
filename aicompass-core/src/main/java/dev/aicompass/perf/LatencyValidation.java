package dev.aicompass.perf;

import dev.aicompass.deploy.Deployment;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.internal.Stats;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.Precision;
import dev.aicompass.parallel.Parallelism;
import dev.aicompass.workload.Workload;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Compares the performance model with measured serving rows (e.g. {@code calibration/latency.csv})
 * and summarises its accuracy. Parsing the measurements is the caller's job: build one {@link Row}
 * per measurement with the model and accelerator already resolved.
 *
 * <p>How a row is estimated depends on its {@link Category}:
 * <ul>
 *   <li>{@code OFFLINE_MAX_THROUGHPUT} (all requests queued, e.g. trtllm-bench at infinite rate):
 *       {@link ServingMode#MAX_THROUGHPUT}; its output tokens/s is compared, and where the row
 *       measured latencies of a finite run, those of a {@link ServingMode#BURST} of its requests;
 *   <li>{@code ONLINE_SERVING} with a concurrency and no finite rate: {@link ServingMode#CLOSED_LOOP}
 *       of that many clients; at a finite request rate: {@link ServingMode#OPEN_LOOP}; TTFT and
 *       TPOT are compared, and the output rate of a finite benchmark of {@code numRequests} requests
 *       ({@code N·OSL / (N/λ + TTFT + (OSL−1)·TPOT)}, the "benchmark duration" the tool divides by);
 *       at an infinite rate: {@link ServingMode#BURST} of {@code numRequests};
 *   <li>{@code STATIC_BATCH}: {@link ServingMode#STATIC_BATCH} with the row's batch.
 * </ul>
 */
public final class LatencyValidation {
  private LatencyValidation() {}

  /** The kind of benchmark a row comes from. */
  public enum Category {
    OFFLINE_MAX_THROUGHPUT,
    ONLINE_SERVING,
    STATIC_BATCH;

    /** Parses {@code offline_max_throughput}, {@code online_serving} or {@code static_batch}. */
    public static Category parse(String text) {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One measured row. Absent measurements are {@code NaN}; an absent request rate is {@code NaN}
   * and an unbounded one {@link Double#POSITIVE_INFINITY}; an absent batch is 0.
   *
   * @param id the row's id, e.g. {@code L0329}
   * @param engine the engine and its settings (e.g. TensorRT-LLM with free-memory fraction 0.95)
   * @param batch the static batch or closed-loop concurrency, 0 if none
   * @param requestRate requests per second of an online row
   * @param numRequests requests in the benchmark (online rows), 0 if unknown
   * @param ep expert-parallel size (1 without)
   * @param dp data-parallel replicas, or attention replicas when {@code ep > tp} (1 without)
   * @param quantization the checkpoint's quantization scheme (e.g. MXFP4 experts), or null for plain weights
   */
  public record Row(String id, Category category, ModelSpec model, Accelerator accelerator, Precision weightPrecision,
      Precision kvCachePrecision, EngineProfile engine, int tp, int pp, int inputTokens, int outputTokens, int batch,
      double requestRate, int numRequests, double measuredOutputTokensPerSecond, double measuredTtftMs,
      double measuredTpotMs, int ep, int dp, dev.aicompass.model.QuantizationScheme quantization) {
    /** A row without a quantization scheme. */
    public Row(String id, Category category, ModelSpec model, Accelerator accelerator, Precision weightPrecision,
        Precision kvCachePrecision, EngineProfile engine, int tp, int pp, int inputTokens, int outputTokens, int batch,
        double requestRate, int numRequests, double measuredOutputTokensPerSecond, double measuredTtftMs,
        double measuredTpotMs, int ep, int dp) {
      this(id, category, model, accelerator, weightPrecision, kvCachePrecision, engine, tp, pp, inputTokens, outputTokens,
          batch, requestRate, numRequests, measuredOutputTokensPerSecond, measuredTtftMs, measuredTpotMs, ep, dp, null);
    }

    /** A row of one TP·PP group without expert or data parallelism. */
    public Row(String id, Category category, ModelSpec model, Accelerator accelerator, Precision weightPrecision,
        Precision kvCachePrecision, EngineProfile engine, int tp, int pp, int inputTokens, int outputTokens, int batch,
        double requestRate, int numRequests, double measuredOutputTokensPerSecond, double measuredTtftMs,
        double measuredTpotMs) {
      this(id, category, model, accelerator, weightPrecision, kvCachePrecision, engine, tp, pp, inputTokens, outputTokens,
          batch, requestRate, numRequests, measuredOutputTokensPerSecond, measuredTtftMs, measuredTpotMs, 1, 1);
    }

    public Row {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(category, "category");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(accelerator, "accelerator");
      Objects.requireNonNull(weightPrecision, "weightPrecision");
      Objects.requireNonNull(kvCachePrecision, "kvCachePrecision");
      Objects.requireNonNull(engine, "engine");
    }

    /** Returns this row with {@code engine} in place of its engine (the measurements unchanged). */
    public Row withEngine(EngineProfile engine) {
      return new Row(id, category, model, accelerator, weightPrecision, kvCachePrecision, engine, tp, pp, inputTokens,
          outputTokens, batch, requestRate, numRequests, measuredOutputTokensPerSecond, measuredTtftMs, measuredTpotMs, ep,
          dp, quantization);
    }

    /** Returns the deployment the row describes (TP·PP·DP devices). */
    public Deployment deployment() {
      return Deployment.builder().model(model).accelerator(accelerator).engine(engine).weightPrecision(weightPrecision)
          .kvCachePrecision(kvCachePrecision).quantization(java.util.Optional.ofNullable(quantization))
          .parallelism(Parallelism.of(tp, pp, ep, dp))
          .maxModelLen(Math.max(2048, inputTokens + Math.max(outputTokens, 1))).build();
    }
  }

  /** The estimate of one row next to its measurements; ratios are predicted / measured ({@code NaN} when not measured). */
  public record RowResult(Row row, double predictedOutputTokensPerSecond, double predictedTtftMs, double predictedTpotMs,
      String bound) {
    public double throughputRatio() {
      return predictedOutputTokensPerSecond / row.measuredOutputTokensPerSecond();
    }

    public double ttftRatio() {
      return predictedTtftMs / row.measuredTtftMs();
    }

    public double tpotRatio() {
      return predictedTpotMs / row.measuredTpotMs();
    }
  }

  /** Accuracy of one quantity over a set of rows: |predicted/measured − 1| statistics and the measured/predicted band. */
  public record Accuracy(String quantity, String category, int rows, double medianError, double p90Error,
      double maxError, double bandLow, double bandHigh) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%-11s %-24s %4d  median %5.1f %%  p90 %5.1f %%  max %6.1f %%  band ×%.2f-×%.2f",
          quantity, category, rows, 100 * medianError, 100 * p90Error, 100 * maxError, bandLow, bandHigh);
    }
  }

  /** The per-row results and the accuracy summary. */
  public record Report(List<RowResult> rows, List<Accuracy> summary) {
    /** Returns the summary line of {@code quantity} over {@code category} ("all" for every category). */
    public Accuracy accuracy(String quantity, String category) {
      return summary.stream().filter(a -> a.quantity().equals(quantity) && a.category().equals(category)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no rows measure " + quantity + " in " + category));
    }

    /** Prints one line per row and the summary table. */
    public String table() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "%-6s %-22s %-14s %-15s %-9s %2s %6s %5s %11s %11s %6s %8s %8s %8s %8s%n",
          "row", "category", "model", "gpu", "prec", "tp", "isl", "osl", "meas tok/s", "pred tok/s", "ratio",
          "ttft ms", "pred", "tpot ms", "pred"));
      for (RowResult r : rows) {
        Row x = r.row();
        sb.append(String.format(Locale.ROOT, "%-6s %-22s %-14s %-15s %-9s %2d %6d %5d %11.0f %11.0f %6.2f %8.1f %8.1f %8.1f %8.1f%n",
            x.id(), x.category(), x.model().name(), x.accelerator().id(), x.weightPrecision(), x.tp(), x.inputTokens(),
            x.outputTokens(), x.measuredOutputTokensPerSecond(), r.predictedOutputTokensPerSecond(), r.throughputRatio(),
            x.measuredTtftMs(), r.predictedTtftMs(), x.measuredTpotMs(), r.predictedTpotMs()));
      }
      sb.append('\n');
      for (Accuracy a : summary) {
        sb.append(a).append('\n');
      }
      return sb.toString();
    }
  }

  /** Estimates every row and summarises the accuracy by quantity and category. */
  public static Report validate(List<Row> rows) {
    List<RowResult> results = new ArrayList<>();
    for (Row r : rows) {
      results.add(estimate(r));
    }
    List<Accuracy> summary = new ArrayList<>();
    Map<String, ToDoubleFunction<RowResult>> quantities = new LinkedHashMap<>();
    quantities.put("throughput", RowResult::throughputRatio);
    quantities.put("ttft", RowResult::ttftRatio);
    quantities.put("tpot", RowResult::tpotRatio);
    for (Map.Entry<String, ToDoubleFunction<RowResult>> q : quantities.entrySet()) {
      for (Category c : Category.values()) {
        accuracy(q.getKey(), c.toString(), results.stream().filter(r -> r.row().category() == c).toList(), q.getValue())
            .ifPresent(summary::add);
      }
      accuracy(q.getKey(), "all", results, q.getValue()).ifPresent(summary::add);
    }
    return new Report(Collections.unmodifiableList(results), Collections.unmodifiableList(summary));
  }

  /** Estimates one row. */
  public static RowResult estimate(Row r) {
    Deployment d = r.deployment();
    int out = Math.max(1, r.outputTokens());
    Workload.Builder w = Workload.builder().inputTokens(r.inputTokens()).outputTokens(out);
    PerformanceOptions o = PerformanceOptions.defaults();
    switch (r.category()) {
      case OFFLINE_MAX_THROUGHPUT: {
        LatencyEstimate e = PerformanceEstimator.estimate(d, w.build(), ServingMode.MAX_THROUGHPUT, o, null);
        if (r.numRequests() > 0 && (Double.isFinite(r.measuredTtftMs()) || Double.isFinite(r.measuredTpotMs()))) {
          // latencies of a finite run with every request sent at once: the burst's, queueing included
          LatencyEstimate b = PerformanceEstimator.estimate(d, Workload.builder().from(w.build()).concurrency(r.numRequests())
              .build(), ServingMode.BURST, o, null);
          return new RowResult(r, e.outputThroughput().tokensPerSecond(), b.ttft().toMillis(), b.tpot().toMillis(),
              e.decodeBound().id());
        }
        return new RowResult(r, e.outputThroughput().tokensPerSecond(), e.ttft().toMillis(), e.tpot().toMillis(),
            e.decodeBound().id());
      }
      case STATIC_BATCH: {
        LatencyEstimate e = PerformanceEstimator.estimate(d, w.concurrency(Math.max(1, r.batch())).build(),
            ServingMode.STATIC_BATCH, o, null);
        double thr = r.outputTokens() > 0 ? e.outputThroughput().tokensPerSecond() : Double.NaN;
        return new RowResult(r, thr, e.ttft().toMillis(), e.tpot().toMillis(), e.decodeBound().id());
      }
      default: {
        int n = r.numRequests() > 0 ? r.numRequests() : 1000;
        if (r.batch() > 0 && !Double.isFinite(r.requestRate())) {
          // a client holding at most `batch` requests in flight at an unbounded rate (vllm bench serve
          // --max-concurrency, sglang bench_serving --max-concurrency): a closed loop
          int clients = Math.min(r.batch(), n);
          LatencyEstimate e = PerformanceEstimator.estimate(d, w.concurrency(clients).build(), ServingMode.CLOSED_LOOP, o,
              null);
          return new RowResult(r, e.outputThroughput().tokensPerSecond(), e.ttft().toMillis(), e.tpot().toMillis(),
              e.decodeBound().id());
        }
        if (Double.isInfinite(r.requestRate())) {
          LatencyEstimate e = PerformanceEstimator.estimate(d, w.concurrency(n).build(), ServingMode.BURST, o, null);
          return new RowResult(r, e.outputThroughput().tokensPerSecond(), e.ttft().toMillis(), e.tpot().toMillis(),
              e.decodeBound().id());
        }
        double rate = Double.isNaN(r.requestRate()) ? 1.0 : r.requestRate();
        LatencyEstimate e = PerformanceEstimator.estimate(d, w.requestRate(rate).build(), ServingMode.OPEN_LOOP, o, null);
        double served = Math.min(rate, e.requestRate());
        double e2e = e.ttft().seconds() + (out - 1) * e.tpot().seconds();
        double thr = n * (double) r.outputTokens() / (n / served + e2e);
        return new RowResult(r, thr, e.ttft().toMillis(), e.tpot().toMillis(), e.decodeBound().id());
      }
    }
  }

  private static java.util.Optional<Accuracy> accuracy(String quantity, String category, List<RowResult> rows,
      ToDoubleFunction<RowResult> ratio) {
    double[] r = rows.stream().mapToDouble(ratio).filter(v -> Double.isFinite(v) && v > 0).toArray();
    if (r.length == 0) {
      return java.util.Optional.empty();
    }
    double[] err = Arrays.stream(r).map(v -> Math.abs(v - 1)).sorted().toArray();
    double[] inv = Arrays.stream(r).map(v -> 1 / v).sorted().toArray();
    return java.util.Optional.of(new Accuracy(quantity, category, r.length, Stats.percentile(err, 0.5), Stats.percentile(err, 0.9),
        err[err.length - 1], Stats.percentile(inv, 0.1), Stats.percentile(inv, 0.9)));
  }


}
