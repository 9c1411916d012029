package dev.aicompass.plan;

import dev.aicompass.Method;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.explain.Derivation;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.memory.MemoryBreakdown;
import dev.aicompass.parallel.Parallelism;
import dev.aicompass.perf.LatencyEstimate;
import dev.aicompass.units.ByteSize;
import dev.aicompass.units.Money;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One candidate deployment the planner examined: accelerator, layout, device count, the estimate,
 * memory per device, whether it meets the service level and, if not, what limits it.
 */
public final class DeploymentPlan {
  private final Deployment deployment;
  private final Method method;
  private final int count;
  private final Optional<LatencyEstimate> estimate;
  private final ByteSize memoryPerGpu;
  private final boolean meetsSlo;
  private final List<Limit> limitedBy;
  private final Optional<Money> costPerMillionOutputTokens;
  private final Supplier<Derivation> explanation;
  private volatile Derivation derivation;

  /** {@code explanation} produces the derivation on first request (the planner explains only the plans it is asked about). */
  DeploymentPlan(Deployment deployment, Method method, int count, Optional<LatencyEstimate> estimate,
      ByteSize memoryPerGpu, boolean meetsSlo, List<Limit> limitedBy, Optional<Money> costPerMillionOutputTokens,
      Supplier<Derivation> explanation) {
    this.deployment = deployment;
    this.method = method;
    this.count = count;
    this.estimate = estimate;
    this.memoryPerGpu = memoryPerGpu;
    this.meetsSlo = meetsSlo;
    this.limitedBy = Collections.unmodifiableList(limitedBy);
    this.costPerMillionOutputTokens = costPerMillionOutputTokens;
    this.explanation = explanation;
  }

  public Deployment deployment() {
    return deployment;
  }

  public Accelerator accelerator() {
    return deployment.accelerator();
  }

  /** Returns the accelerator id (JSON {@code gpu}). */
  public String gpu() {
    return deployment.accelerator().id();
  }

  public Parallelism parallelism() {
    return deployment.parallelism();
  }

  /** Returns the devices the plan uses (JSON {@code count}). */
  public int count() {
    return count;
  }

  public int tp() {
    return parallelism().tp();
  }

  public int pp() {
    return parallelism().pp();
  }

  public int ep() {
    return parallelism().ep();
  }

  public int dp() {
    return parallelism().dp();
  }

  public Method method() {
    return method;
  }

  /** Returns the latency estimate (absent for the reference method, which estimates no latency). */
  public Optional<LatencyEstimate> estimate() {
    return estimate;
  }

  /** Returns the memory one device needs (JSON {@code memoryPerGpuGiB} is its {@link ByteSize#toGibibytes()}). */
  public ByteSize memoryPerGpu() {
    return memoryPerGpu;
  }

  public boolean meetsSlo() {
    return meetsSlo;
  }

  /** Returns what keeps the plan from the service level (empty when it meets it; reference plans name the binding rule). */
  public List<Limit> limitedBy() {
    return limitedBy;
  }

  /** Returns the hourly price of all devices, when the accelerator has one. */
  public Optional<Money> hourlyCost() {
    return accelerator().hourlyPrice().map(p -> p.times(count));
  }

  /** Returns the cost of one million output tokens at the estimated throughput, when a price is known. */
  public Optional<Money> costPerMillionOutputTokens() {
    return costPerMillionOutputTokens;
  }

  /** Returns how the plan was chosen and every figure of its memory and latency estimates (computed on first call). */
  public Derivation derivation() {
    Derivation d = derivation;
    if (d == null) {
      d = explanation.get();
      derivation = d;
    }
    return d;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s ×%d (%s)%s%s%s", gpu(), count, parallelism(),
        estimate.map(e -> ", TTFT " + e.ttft() + ", TPOT " + e.tpot() + ", " + e.outputThroughput()).orElse(""),
        ", " + String.format(Locale.ROOT, "%.1f GiB/GPU", memoryPerGpu.toGibibytes()),
        meetsSlo ? ", meets SLO" : ", limited by " + limitedBy.stream().map(Limit::id).collect(Collectors.joining(", ")));
  }
}
