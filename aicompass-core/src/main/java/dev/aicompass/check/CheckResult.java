package dev.aicompass.check;

import dev.aicompass.deploy.Deployment;
import dev.aicompass.internal.Quantities;
import dev.aicompass.memory.MemoryBreakdown;
import dev.aicompass.memory.MemoryEstimator;
import dev.aicompass.perf.LatencyEstimate;
import dev.aicompass.units.Money;
import dev.aicompass.units.TimeSpan;
import dev.aicompass.workload.ServiceLevel;
import dev.aicompass.workload.Workload;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The answer of {@link CapacityCheck}: the memory estimate, the latency estimate (absent when the
 * deployment does not fit), what falls short and why, and a readable report.
 */
public final class CheckResult {
  private final Deployment deployment;
  private final Workload workload;
  private final ServiceLevel serviceLevel;
  private final CheckOptions options;
  private final MemoryBreakdown memory;
  private final Optional<LatencyEstimate> estimate;
  private final List<Shortfall> shortfalls;
  private final List<String> reasons;

  CheckResult(Deployment deployment, Workload workload, ServiceLevel serviceLevel, CheckOptions options,
      MemoryBreakdown memory, Optional<LatencyEstimate> estimate, List<Shortfall> shortfalls, List<String> reasons) {
    this.deployment = deployment;
    this.workload = workload;
    this.serviceLevel = serviceLevel;
    this.options = options;
    this.memory = memory;
    this.estimate = estimate;
    this.shortfalls = List.copyOf(shortfalls);
    this.reasons = List.copyOf(reasons);
  }

  public Deployment deployment() {
    return deployment;
  }

  public Workload workload() {
    return workload;
  }

  public ServiceLevel serviceLevel() {
    return serviceLevel;
  }

  public CheckOptions options() {
    return options;
  }

  /** Returns the memory per device, as {@code aicompass memory} computes it (no workload). */
  public MemoryBreakdown memory() {
    return memory;
  }

  /** Returns the latency estimate; absent when the deployment does not fit in memory. */
  public Optional<LatencyEstimate> estimate() {
    return estimate;
  }

  /** Returns whether the deployment meets every stated requirement. */
  public boolean passes() {
    return shortfalls.isEmpty();
  }

  /** Returns what falls short, in the order memory, context length, TTFT, TPOT, throughput. */
  public List<Shortfall> shortfalls() {
    return shortfalls;
  }

  /** Returns one sentence per shortfall, in the same order. */
  public List<String> reasons() {
    return reasons;
  }

  /** Returns the tokens the KV pool holds per replica ({@code aicompass memory}'s {@code kvCacheTokens}). */
  public long kvCacheTokens() {
    return memory.kvCacheTokens();
  }

  /** Returns the KV tokens the workload's requests in flight would hold per replica if all were admitted at full length. */
  public long kvTokensInFlight() {
    double perReplica = Math.ceil(workload.concurrency() / (double) deployment.parallelism().dp());
    return (long) (perReplica * MemoryEstimator.sequenceTokens(deployment.model(), workload));
  }

  /** Returns the devices the deployment uses. */
  public int devices() {
    return deployment.parallelism().devices();
  }

  /** Returns the hourly price of all devices, when the accelerator has one. */
  public Optional<Money> hourlyCost() {
    return deployment.accelerator().hourlyPrice().map(p -> p.times(devices()));
  }

  /**
   * Returns what limits the deployment, for the first shortfall: {@code "memory"},
   * {@code "max-model-len"}, {@code "prefill compute"}, {@code "decode memory bandwidth"}, ...;
   * empty when it passes.
   */
  public Optional<String> limitedBy() {
    if (shortfalls.isEmpty()) {
      return Optional.empty();
    }
    switch (shortfalls.get(0)) {
      case MEMORY:
        return Optional.of("device memory");
      case CONTEXT_LENGTH:
        return Optional.of("max-model-len");
      case TTFT:
        return Optional.of("prefill " + bound(estimate.get().prefillBound().id()));
      default:
        return Optional.of("decode " + bound(estimate.get().decodeBound().id()));
    }
  }

  private static String bound(String id) {
    return id.equals("memory") ? "memory bandwidth" : id;
  }

  /** Returns a one-line summary: the verdict and the first reason. */
  public String summary() {
    return passes() ? "PASS" : "FAIL: " + reasons.get(0) + limitedBy().map(l -> " (limited by " + l + ")").orElse("");
  }

  /**
   * Returns a multi-line report with aligned columns: the deployment, the workload, then memory, KV
   * capacity, TTFT, TPOT and throughput with the estimate, its error band, the target and whether it
   * is met, then the verdict.
   */
  public String report() {
    StringBuilder sb = new StringBuilder();
    Deployment d = deployment;
    sb.append(String.format(Locale.ROOT, "%s on %s × %d (%s, %s, weights %s%s, KV %s, max-model-len %d)%n",
        d.model().name(), d.accelerator().id(), devices(), d.parallelism(), d.engine(), d.weightPrecision().id(),
        d.quantization().map(q -> " + " + q.id()).orElse(""), d.kvCachePrecision().id(), d.maxModelLen()));
    sb.append(String.format(Locale.ROOT, "workload: %d in / %d out, %s%s%n", workload.inputTokens(), workload.outputTokens(),
        workload.requestRate().isPresent() ? "open loop, " + num(workload.requestRate().getAsDouble()) + " requests/s"
            : "closed loop, concurrency " + workload.concurrency(),
        d.engine().prefixCacheHitRate() > 0 ? ", prefix-cache hit rate " + num(d.engine().prefixCacheHitRate()) : ""));
    String fmt = "  %-20s %-36s %-18s %s%n";
    sb.append(String.format(Locale.ROOT, fmt, "", "estimate", "required", options.pessimistic() ? "(judged at band edge)" : ""));
    sb.append(String.format(Locale.ROOT, fmt, "memory per device",
        String.format(Locale.ROOT, "%s of %s GiB", Quantities.number(memory.total().toGibibytes(), 2),
            Quantities.number(memory.usable().toGibibytes(), 2)),
        "fits", memory.fits() ? "ok" : "NO"));
    sb.append(String.format(Locale.ROOT, fmt, "KV capacity",
        String.format(Locale.ROOT, "%d tokens (%s × %d)", memory.kvCacheTokens(),
            Quantities.number(memory.maxConcurrency(), 1), d.maxModelLen()),
        "≥ " + d.maxModelLen() + " tokens",
        memory.fits() ? "ok" : "NO"));
    long seq = MemoryEstimator.sequenceTokens(d.model(), workload);
    sb.append(String.format(Locale.ROOT, fmt, "request length", seq + " tokens", "≤ " + d.maxModelLen(),
        seq <= d.maxModelLen() ? "ok" : "NO"));
    if (estimate.isPresent()) {
      LatencyEstimate e = estimate.get();
      double lo = e.errorBand().low();
      double hi = e.errorBand().high();
      sb.append(String.format(Locale.ROOT, fmt, "TTFT", banded(e.ttft(), e.ttftErrorBand().low(), e.ttftErrorBand().high()),
          serviceLevel.ttft().map(t -> "≤ " + t).orElse("-"),
          serviceLevel.ttft().isEmpty() ? "" : shortfalls.contains(Shortfall.TTFT) ? "NO" : "ok"));
      sb.append(String.format(Locale.ROOT, fmt, "TPOT", banded(e.tpot(), lo, hi),
          serviceLevel.tpot().map(t -> "≤ " + t).orElse("-"),
          serviceLevel.tpot().isEmpty() ? "" : shortfalls.contains(Shortfall.TPOT) ? "NO" : "ok"));
      double out = e.outputThroughput().tokensPerSecond();
      sb.append(String.format(Locale.ROOT, fmt, "output throughput", String.format(Locale.ROOT, "%s (band %s–%s)",
          rate(out), Quantities.number(out / hi, 0), Quantities.number(out / lo, 0)),
          serviceLevel.throughput().map(t -> "≥ " + rate(t.tokensPerSecond())).orElse(e.saturated() ? "sustain load" : "-"),
          serviceLevel.throughput().isEmpty() && !e.saturated() ? "" : shortfalls.contains(Shortfall.THROUGHPUT) ? "NO" : "ok"));
      sb.append(String.format(Locale.ROOT, fmt, "bottleneck", "prefill " + bound(e.prefillBound().id()) + ", decode "
          + bound(e.decodeBound().id()), "", ""));
    } else {
      sb.append(String.format(Locale.ROOT, fmt, "TTFT / TPOT", "not estimated: the deployment does not fit", "", ""));
    }
    String table = sb.toString().replaceAll("(?m)[ \t]+$", "");
    sb.setLength(0);
    sb.append(table);
    sb.append("verdict: ").append(passes() ? "PASS" : "FAIL").append('\n');
    for (String r : reasons) {
      sb.append("  - ").append(r).append('\n');
    }
    limitedBy().ifPresent(l -> sb.append("  limited by ").append(l).append('\n'));
    return sb.toString();
  }

  /** Prints a time with its band: {@code "92.22 ms (band 79.31–125.4)"}, in seconds from 10 s. */
  static String banded(TimeSpan t, double lo, double hi) {
    double v = t.toMillis();
    if (v >= 10_000) {
      return String.format(Locale.ROOT, "%.1f s (band %.1f–%.1f)", v / 1e3, v * lo / 1e3, v * hi / 1e3);
    }
    return String.format(Locale.ROOT, "%s ms (band %s–%s)", ms(v), ms(v * lo), ms(v * hi));
  }

  private static String ms(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%.1f" : "%.2f", v);
  }

  static String num(double v) {
    return Quantities.number(v, v >= 100 ? 0 : 2);
  }

  static String rate(double tokensPerSecond) {
    return Quantities.number(tokensPerSecond, 0) + " tok/s";
  }

  @Override
  public String toString() {
    return summary();
  }
}
