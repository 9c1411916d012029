package dev.aicompass.perf;

import dev.aicompass.deploy.Deployment;
import dev.aicompass.explain.Derivation;
import dev.aicompass.hardware.EfficiencyProfile;
import dev.aicompass.internal.Checks;
import dev.aicompass.units.ByteSize;
import dev.aicompass.units.FlopCount;
import dev.aicompass.units.TimeSpan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The cost of one phase on one device of a deployment: the prefill of a batch of prompts, or one
 * decode step of a batch at a KV length. Operators are summed over the layers of the device's
 * pipeline stage (the largest stage); FLOPs and bytes are per device (TP shards divided), times
 * come from the deployment's {@link EfficiencyProfile}.
 *
 * <p>Counting conventions: see {@link CostOptions}. With the defaults the prefill attention core
 * is causal ({@code 4·S·(S+1)/2·heads·head_dim} per layer and sequence), the LM head runs on the
 * last prompt token only, and MLA decode attends over the compressed latent. Linear FLOPs are
 * {@code 2·tokens·weights} counted from the dimensions (biases, norms and softmax excluded, as in
 * seeds 001 and 003).
 */
public final class PhaseCost {

  /** Which phase a cost describes. */
  public enum Phase {
    PREFILL,
    DECODE
  }

  private final Phase phase;
  private final List<OperatorCost> operators;
  private final double overheadSeconds;

  private PhaseCost(Phase phase, List<OperatorCost> operators, double overheadSeconds) {
    this.phase = phase;
    this.operators = Collections.unmodifiableList(operators);
    this.overheadSeconds = overheadSeconds;
  }

  /**
   * Returns the prefill of {@code batch} prompts of {@code promptTokens} tokens each on one device
   * of {@code deployment}, with the default efficiency profile and counting conventions.
   *
   * @throws IllegalArgumentException if {@code promptTokens} or {@code batch} is not positive
   */
  public static PhaseCost prefill(Deployment deployment, int promptTokens, int batch) {
    return prefill(deployment, promptTokens, batch, EfficiencyProfile.of(deployment.accelerator()), CostOptions.defaults());
  }

  /**
   * Returns the prefill of {@code batch} prompts of {@code promptTokens} tokens each, with
   * {@code efficiency} and the counting conventions {@code options}.
   *
   * @throws IllegalArgumentException if {@code promptTokens} or {@code batch} is not positive
   */
  public static PhaseCost prefill(Deployment deployment, int promptTokens, int batch, EfficiencyProfile efficiency,
      CostOptions options) {
    Checks.positive("promptTokens", promptTokens);
    Checks.positive("batch", batch);
    StepModel sm = new StepModel(deployment, efficiency, options);
    double keys = meanPrefillKeys(promptTokens, options);
    return record(Phase.PREFILL, sm, s -> sm.step(0, 1, 0, (double) promptTokens * batch, keys, batch, 0, 0, s));
  }

  /**
   * Returns one decode step of {@code batch} sequences attending over {@code kvLength} cached
   * tokens each (a mean; fractional lengths such as seed 001's 1536.5 are allowed), with the
   * default efficiency profile and conventions.
   *
   * @throws IllegalArgumentException if {@code batch} is not positive or {@code kvLength} is negative
   */
  public static PhaseCost decode(Deployment deployment, int batch, double kvLength) {
    return decode(deployment, batch, kvLength, EfficiencyProfile.of(deployment.accelerator()), CostOptions.defaults());
  }

  /** Returns one decode step, with {@code efficiency} and the counting conventions {@code options}. */
  public static PhaseCost decode(Deployment deployment, int batch, double kvLength, EfficiencyProfile efficiency,
      CostOptions options) {
    Checks.positive("batch", batch);
    Checks.nonNegative("kvLength", kvLength);
    StepModel sm = new StepModel(deployment, efficiency, options);
    return record(Phase.DECODE, sm, s -> sm.step(batch, 1, kvLength, 0, 0, 0, 0, 0, s));
  }

  /** Returns the mean keys a prefill token attends over under {@code options}' convention. */
  static double meanPrefillKeys(double promptTokens, CostOptions options) {
    return options.attention() == CostOptions.AttentionConvention.FULL_SQUARE ? promptTokens : (promptTokens + 1) / 2.0;
  }

  interface Run {
    double run(StepModel.Sink sink);
  }

  static PhaseCost record(Phase phase, StepModel sm, Run run) {
    Map<String, OperatorCost> ops = new LinkedHashMap<>();
    run.run((name, flops, bytes, comm, seconds, bound) ->
        ops.merge(name, new OperatorCost(name, flops, bytes, comm, seconds, bound), OperatorCost::plus));
    return new PhaseCost(phase, new ArrayList<>(ops.values()), sm.stepOverhead);
  }

  public Phase phase() {
    return phase;
  }

  /** Returns the operators in execution order, each summed over the stage's layers. */
  public List<OperatorCost> operators() {
    return operators;
  }

  /** Returns the operator named {@code name}, if the phase has one. */
  public Optional<OperatorCost> operator(String name) {
    return operators.stream().filter(o -> o.name().equals(name)).findFirst();
  }

  /** Returns the FLOPs of every operator. */
  public FlopCount flops() {
    double f = 0;
    for (OperatorCost o : operators) {
      f += o.rawFlops();
    }
    return FlopCount.of(f);
  }

  /** Returns the device-memory bytes of every operator. */
  public ByteSize bytes() {
    double b = 0;
    for (OperatorCost o : operators) {
      b += o.rawBytes();
    }
    return ByteSize.ofBytes(b);
  }

  /** Returns the bytes the device sends over links. */
  public ByteSize communicationBytes() {
    double b = 0;
    for (OperatorCost o : operators) {
      b += o.rawCommunicationBytes();
    }
    return ByteSize.ofBytes(b);
  }

  /** Returns the engine's fixed per-step overhead included in {@link #time()}. */
  public TimeSpan overhead() {
    return TimeSpan.ofSeconds(overheadSeconds);
  }

  /** Returns the modelled time: the sum of operator times plus the step overhead. */
  public TimeSpan time() {
    double t = overheadSeconds;
    for (OperatorCost o : operators) {
      t += o.rawSeconds();
    }
    return TimeSpan.ofSeconds(t);
  }

  /** Returns the bound that accounts for the most operator time. */
  public Bound bound() {
    double[] byBound = new double[Bound.values().length];
    for (OperatorCost o : operators) {
      byBound[o.bound().ordinal()] += o.rawSeconds();
    }
    Bound best = Bound.MEMORY;
    for (Bound b : Bound.values()) {
      if (byBound[b.ordinal()] > byBound[best.ordinal()]) {
        best = b;
      }
    }
    return best;
  }

  /** Returns one term per operator: FLOPs, bytes, link bytes, time and bound. */
  public Derivation derivation() {
    Derivation.Builder b = Derivation.builder();
    for (OperatorCost o : operators) {
      b.add(phase.name().toLowerCase(Locale.ROOT) + "." + o.name(),
          o.flops() + ", " + o.bytes() + (o.rawCommunicationBytes() > 0 ? ", link " + o.communicationBytes() : ""),
          o.time() + " (" + o.bound() + ")");
    }
    b.add(phase.name().toLowerCase(Locale.ROOT) + ".time", "Σ operators + step overhead " + overhead(), time() + " (" + bound() + ")");
    return b.build();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(phase + " " + time() + " " + bound() + "\n");
    for (OperatorCost o : operators) {
      sb.append("  ").append(o).append('\n');
    }
    return sb.toString();
  }
}
