package dev.aicompass.perf;

import dev.aicompass.Method;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.hardware.EfficiencyProfile;
import dev.aicompass.internal.Checks;
import dev.aicompass.memory.MemoryEstimator;
import dev.aicompass.units.TimeSpan;
import java.util.Objects;
import java.util.Optional;

/**
 * Times engine steps of one replica of a deployment for callers that schedule their own batches,
 * such as a serving simulator: any mix of decoding sequences and prompt chunks costs what
 * {@link PerformanceEstimator} charges for it (the same {@link PhaseCost} operators, efficiency
 * profile and step overhead). Also reports the replica's KV-cache capacity from
 * {@link MemoryEstimator}, as the estimator uses it. Immutable and thread-safe; a {@link Batch} is not.
 */
public final class StepTimer {
  private final StepModel sm;
  private final CostOptions cost;
  private final long kvCacheTokens;

  private StepTimer(StepModel sm, CostOptions cost, long kvCacheTokens) {
    this.sm = sm;
    this.cost = cost;
    this.kvCacheTokens = kvCacheTokens;
  }

  /**
   * Returns the timer of one replica of {@code deployment} with {@code options}' efficiency profile
   * and counting conventions (speculative decoding and disaggregation are not step properties and
   * are ignored).
   */
  public static StepTimer of(Deployment deployment, PerformanceOptions options) {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(options, "options");
    EfficiencyProfile eff = options.efficiency().orElseGet(() -> EfficiencyProfile.of(deployment.accelerator()));
    StepModel sm = new StepModel(deployment, deployment.parallelism(), eff, options.cost());
    long tokens = MemoryEstimator.estimate(Deployment.builder().from(deployment)
        .parallelism(PerformanceEstimator.Replica.replicaLayout(deployment.parallelism())).build(),
        Optional.empty(), Method.ROOFLINE).kvCacheTokens();
    return new StepTimer(sm, options.cost(), tokens);
  }

  /** Returns the timer of one replica of {@code deployment} with default options. */
  public static StepTimer of(Deployment deployment) {
    return of(deployment, PerformanceOptions.defaults());
  }

  /** Returns the KV-cache tokens one replica holds ({@link MemoryEstimator}, as {@link LatencyEstimate#kvCacheTokens()}). */
  public long kvCacheTokens() {
    return kvCacheTokens;
  }

  /** Returns a new empty batch. */
  public Batch batch() {
    return new Batch(cost.attention() == CostOptions.AttentionConvention.CAUSAL);
  }

  /** Returns the time of one step running {@code batch}, the engine's step overhead included; zero for an empty batch. */
  public TimeSpan time(Batch batch) {
    return TimeSpan.ofSeconds(seconds(batch));
  }

  /** Returns the per-operator cost of one step running {@code batch}. */
  public PhaseCost cost(Batch batch) {
    PhaseCost.Phase phase = batch.prefillTokens > 0 ? PhaseCost.Phase.PREFILL : PhaseCost.Phase.DECODE;
    return PhaseCost.record(phase, sm, s -> run(batch, s));
  }

  private double seconds(Batch b) {
    if (b.decodeSeqs == 0 && b.prefillTokens == 0) {
      return 0;
    }
    return run(b, null);
  }

  private double run(Batch b, StepModel.Sink sink) {
    double kv = b.decodeSeqs > 0 ? b.kvTokens / b.decodeSeqs : 0;
    double keys = b.prefillTokens > 0 ? b.keyTokens / b.prefillTokens : 0;
    return sm.step(b.decodeSeqs, 1, kv, b.prefillTokens, keys, b.promptsCompleted, b.images, b.audioSeconds, sink);
  }

  /**
   * The work of one step: sequences each generating one token, and chunks of prompts (a prompt
   * being the prompt tokens plus, after a preemption, the tokens generated so far). Reusable
   * after {@link #clear()}.
   */
  public static final class Batch {
    private final boolean causal;
    private int decodeSeqs;
    private double kvTokens;
    private long prefillTokens;
    private double keyTokens;
    private int promptsCompleted;
    private double images;
    private double audioSeconds;

    Batch(boolean causal) {
      this.causal = causal;
    }

    /** Adds one sequence that generates a token attending over {@code kvLength} cached tokens (itself included). */
    public Batch decode(int kvLength) {
      decodeSeqs++;
      kvTokens += kvLength;
      return this;
    }

    /**
     * Adds prompt positions {@code from} (inclusive) to {@code to} (exclusive) of a prompt of
     * {@code length} tokens; the chunk that reaches {@code length} also runs the LM head.
     *
     * @throws IllegalArgumentException unless {@code 0 ≤ from < to ≤ length}
     */
    public Batch prefill(int from, int to, int length) {
      if (from < 0 || to <= from || to > length) {
        throw new IllegalArgumentException(Checks.format("prefill chunk [%s, %s) must lie within a prompt of %s tokens",
            from, to, length));
      }
      long n = to - from;
      prefillTokens += n;
      // causal: position i attends over i+1 keys, so the chunk's mean is (from + to + 1) / 2
      keyTokens += n * (causal ? (from + to + 1) / 2.0 : length);
      if (to == length) {
        promptsCompleted++;
      }
      return this;
    }

    /** Adds the vision and audio encoders for {@code images} images and {@code audioSeconds} seconds of audio. */
    public Batch encode(double images, double audioSeconds) {
      this.images += images;
      this.audioSeconds += audioSeconds;
      return this;
    }

    /** Returns the number of decoding sequences. */
    public int decodeSequences() {
      return decodeSeqs;
    }

    /** Returns the prompt tokens of the step. */
    public long prefillTokens() {
      return prefillTokens;
    }

    /** Empties the batch. */
    public Batch clear() {
      decodeSeqs = 0;
      kvTokens = 0;
      prefillTokens = 0;
      keyTokens = 0;
      promptsCompleted = 0;
      images = 0;
      audioSeconds = 0;
      return this;
    }
  }
}
