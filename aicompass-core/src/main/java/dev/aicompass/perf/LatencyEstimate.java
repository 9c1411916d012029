package dev.aicompass.perf;

import dev.aicompass.deploy.Deployment;
import dev.aicompass.explain.Derivation;
import dev.aicompass.units.TimeSpan;
import dev.aicompass.units.TokenRate;
import dev.aicompass.workload.Workload;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Serving latency and throughput of a deployment under a workload: time to first token, time per
 * output token, output and total token rates of the whole deployment and per device, the decode
 * batch per replica, what bounds prefill and decode, and an error band. The derivation and the
 * per-operator phase costs are built on first use.
 */
public final class LatencyEstimate {
  private final Deployment deployment;
  private final Workload workload;
  private final ServingMode mode;
  private final double ttft;
  private final double tpot;
  private final double outputRate;
  private final double totalRate;
  private final double requestRate;
  private final double decodeBatch;
  private final double maxBatch;
  private final long kvCacheTokens;
  private final int devices;
  private final boolean saturated;
  private final ErrorBand errorBand;
  private final ErrorBand ttftErrorBand;
  private final Memo<PhaseCost> prefill;
  private final Memo<PhaseCost> decode;
  private final Memo<Derivation> derivation;

  LatencyEstimate(Deployment deployment, Workload workload, ServingMode mode, double ttft, double tpot,
      double outputRate, double totalRate, double requestRate, double decodeBatch, double maxBatch, long kvCacheTokens,
      int devices, boolean saturated, ErrorBand errorBand, ErrorBand ttftErrorBand, Supplier<PhaseCost> prefill,
      Supplier<PhaseCost> decode,
      Supplier<Derivation> derivation) {
    this.deployment = deployment;
    this.workload = workload;
    this.mode = mode;
    this.ttft = ttft;
    this.tpot = tpot;
    this.outputRate = outputRate;
    this.totalRate = totalRate;
    this.requestRate = requestRate;
    this.decodeBatch = decodeBatch;
    this.maxBatch = maxBatch;
    this.kvCacheTokens = kvCacheTokens;
    this.devices = devices;
    this.saturated = saturated;
    this.errorBand = errorBand;
    this.ttftErrorBand = ttftErrorBand;
    this.prefill = new Memo<>(prefill);
    this.decode = new Memo<>(decode);
    this.derivation = new Memo<>(derivation);
  }

  public Deployment deployment() {
    return deployment;
  }

  public Workload workload() {
    return workload;
  }

  public ServingMode mode() {
    return mode;
  }

  /** Returns the mean time from a request's arrival to its first output token. */
  public TimeSpan ttft() {
    return TimeSpan.ofSeconds(ttft);
  }

  /** Returns the mean time per output token after the first. */
  public TimeSpan tpot() {
    return TimeSpan.ofSeconds(tpot);
  }

  /** Returns the generated tokens per second of the whole deployment (all replicas). */
  public TokenRate outputThroughput() {
    return TokenRate.ofTokensPerSecond(outputRate);
  }

  /** Returns {@link #outputThroughput()} divided by the devices. */
  public TokenRate outputThroughputPerGpu() {
    return TokenRate.ofTokensPerSecond(outputRate / devices);
  }

  /** Returns prompt plus generated tokens per second of the whole deployment. */
  public TokenRate totalThroughput() {
    return TokenRate.ofTokensPerSecond(totalRate);
  }

  /** Returns the completed requests per second of the whole deployment. */
  public double requestRate() {
    return requestRate;
  }

  /** Returns the mean number of sequences in one replica's decode step. */
  public double decodeBatch() {
    return decodeBatch;
  }

  /** Returns the most sequences one replica admits (KV capacity, max sequences). */
  public double maxBatch() {
    return maxBatch;
  }

  /** Returns the KV-cache tokens one replica holds (from the memory estimate). */
  public long kvCacheTokens() {
    return kvCacheTokens;
  }

  /** Returns the devices of the deployment (all replicas, both pools when disaggregated). */
  public int devices() {
    return devices;
  }

  /** Returns whether the offered load exceeds what the deployment can serve (queues grow without bound). */
  public boolean saturated() {
    return saturated;
  }

  /**
   * Returns the multipliers bracketing measured values (10th-90th percentile of measured/predicted):
   * for TensorRT-LLM those of the calibration rows; for vLLM, SGLang and the rest those of the
   * extra validation rows (wider). It applies to TPOT and throughput; TTFT has {@link #ttftErrorBand()}.
   */
  public ErrorBand errorBand() {
    return errorBand;
  }

  /**
   * Returns the band of {@link #ttft()}: the same as {@link #errorBand()} for TensorRT-LLM; for the
   * other engines ×0.86-×4.65, as TTFT measured through their HTTP servers ran up to several times
   * the modelled engine time.
   */
  public ErrorBand ttftErrorBand() {
    return ttftErrorBand;
  }

  /** Returns the per-operator cost of one prefill (a request's prompt, or a static batch's). */
  public PhaseCost prefillCost() {
    return prefill.get();
  }

  /** Returns the per-operator cost of one decode step at the estimate's batch and mean KV length. */
  public PhaseCost decodeCost() {
    return decode.get();
  }

  /** Returns what bounds the prefill. */
  public Bound prefillBound() {
    return prefill.get().bound();
  }

  /** Returns what bounds a decode step. */
  public Bound decodeBound() {
    return decode.get().bound();
  }

  /** Returns every step of the estimate, phase costs included. */
  public Derivation derivation() {
    return derivation.get();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s %s: TTFT %s, TPOT %s, %s output (%s per GPU), batch %.1f%s", mode,
        deployment.parallelism(), ttft(), tpot(), outputThroughput(), outputThroughputPerGpu(), decodeBatch,
        saturated ? " (saturated)" : "");
  }

  /** A thread-safe memoizing supplier. */
  static final class Memo<T> {
    private Supplier<T> supplier;
    private volatile T value;

    Memo(Supplier<T> supplier) {
      this.supplier = supplier;
    }

    T get() {
      T v = value;
      if (v == null) {
        synchronized (this) {
          v = value;
          if (v == null) {
            v = supplier.get();
            value = v;
            supplier = null;
          }
        }
      }
      return v;
    }
  }
}
