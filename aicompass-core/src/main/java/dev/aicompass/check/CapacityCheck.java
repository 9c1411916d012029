package dev.aicompass.check;

import dev.aicompass.Method;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.memory.MemoryBreakdown;
import dev.aicompass.memory.MemoryEstimator;
import dev.aicompass.perf.LatencyEstimate;
import dev.aicompass.perf.PerformanceEstimator;
import dev.aicompass.perf.ServingMode;
import dev.aicompass.workload.ServiceLevel;
import dev.aicompass.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a concrete deployment serves a workload within a service level: the one decision
 * behind {@code aicompass check}, the assertion API and the advisor's re-estimates (stateless,
 * thread-safe).
 *
 * <p>A deployment passes when
 * <ol>
 *   <li>its memory fits ({@link MemoryEstimator} without a workload, as {@code aicompass memory}
 *       computes it: weights, activation and overhead leave a KV pool that holds one request of
 *       max-model-len — requests beyond the pool's capacity queue, which the latency estimate
 *       accounts for);
 *   <li>a request of the workload (prompt + output, image and audio tokens) is no longer than
 *       max-model-len;
 *   <li>the {@link PerformanceEstimator} estimate (closed loop at the workload's concurrency, open
 *       loop at its request rate) has TTFT and TPOT within the targets, output throughput at or
 *       above the target, and an open-loop load the deployment sustains.
 * </ol>
 * With {@link CheckOptions#pessimistic()} the latencies are judged at the upper edge of the error
 * band and the throughput at the estimate divided by that edge (at a fixed concurrency throughput is
 * inversely proportional to latency).
 */
public final class CapacityCheck {
  private CapacityCheck() {}

  /** Checks {@code deployment} with {@link CheckOptions#defaults()}. */
  public static CheckResult check(Deployment deployment, Workload workload, ServiceLevel serviceLevel) {
    return check(deployment, workload, serviceLevel, CheckOptions.defaults());
  }

  /** Checks a resolved serving command with the options it resolved to. */
  public static CheckResult check(ResolvedCommand command, Workload workload, ServiceLevel serviceLevel) {
    return check(command.deployment(), workload, serviceLevel, command.options());
  }

  /**
   * Checks whether {@code deployment} serves {@code workload} within {@code serviceLevel}.
   *
   * @throws IllegalArgumentException never for valid values; a deployment that does not fit is an answer
   */
  public static CheckResult check(Deployment deployment, Workload workload, ServiceLevel serviceLevel,
      CheckOptions options) {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(serviceLevel, "serviceLevel");
    Objects.requireNonNull(options, "options");
    MemoryBreakdown memory = MemoryEstimator.estimate(deployment, Optional.empty(), Method.ROOFLINE);
    List<Shortfall> shortfalls = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    if (!memory.fits()) {
      shortfalls.add(Shortfall.MEMORY);
      reasons.add(String.join("; ", memory.problems()));
    }
    long sequence = MemoryEstimator.sequenceTokens(deployment.model(), workload);
    if (sequence > deployment.maxModelLen()) {
      shortfalls.add(Shortfall.CONTEXT_LENGTH);
      reasons.add(String.format(Locale.ROOT, "a request of %d tokens (prompt + output) exceeds max-model-len %d", sequence,
          deployment.maxModelLen()));
    }
    Optional<LatencyEstimate> estimate = Optional.empty();
    if (memory.fits()) {
      ServingMode mode = workload.requestRate().isPresent() ? ServingMode.OPEN_LOOP : ServingMode.CLOSED_LOOP;
      LatencyEstimate e = PerformanceEstimator.estimate(deployment, workload, mode, options.performance(), null);
      estimate = Optional.of(e);
      double high = options.pessimistic() ? e.errorBand().high() : 1.0;
      // closed loop: throughput = concurrency / end-to-end latency, so its band is the latency band inverted
      double low = 1.0 / high;
      String edge = options.pessimistic() ? " at the band's edge" : "";
      double ttftHigh = options.pessimistic() ? e.ttftErrorBand().high() : 1.0;
      if (serviceLevel.ttft().isPresent() && e.ttft().times(ttftHigh).isLongerThan(serviceLevel.ttft().get())) {
        shortfalls.add(Shortfall.TTFT);
        reasons.add("TTFT " + e.ttft().times(ttftHigh) + edge + " exceeds the " + serviceLevel.ttft().get() + " target");
      }
      if (serviceLevel.tpot().isPresent() && e.tpot().times(high).isLongerThan(serviceLevel.tpot().get())) {
        shortfalls.add(Shortfall.TPOT);
        reasons.add("TPOT " + e.tpot().times(high) + edge + " exceeds the " + serviceLevel.tpot().get() + " target");
      }
      double rate = e.outputThroughput().tokensPerSecond() * low;
      if (e.saturated()) {
        shortfalls.add(Shortfall.THROUGHPUT);
        reasons.add(String.format(Locale.ROOT, "%s requests/s arrive but the deployment serves at most %s",
            CheckResult.num(workload.requestRate().orElse(0)), CheckResult.num(e.requestRate())));
      } else if (serviceLevel.throughput().isPresent() && rate < serviceLevel.throughput().get().tokensPerSecond()) {
        shortfalls.add(Shortfall.THROUGHPUT);
        reasons.add("output throughput " + CheckResult.rate(rate) + edge + " is below the "
            + CheckResult.rate(serviceLevel.throughput().get().tokensPerSecond()) + " target");
      }
    }
    return new CheckResult(deployment, workload, serviceLevel, options, memory, estimate, shortfalls, reasons);
  }
}
