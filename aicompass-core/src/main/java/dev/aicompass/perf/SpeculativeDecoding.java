package dev.aicompass.perf;

import dev.aicompass.internal.Checks;
import dev.aicompass.internal.ValueStyle;
import org.immutables.value.Value;

/**
 * Speculative decoding: a draft (separate model or MTP head) proposes {@code k} tokens, the target
 * verifies them in one step of {@code k+1} queries per sequence. With per-token acceptance rate α
 * a verify step yields {@code (1 − α^(k+1)) / (1 − α)} tokens on average.
 */
@Value.Immutable
@ValueStyle
public abstract class SpeculativeDecoding {
  /** Returns the draft tokens per step ({@code num_speculative_tokens}); seed 002 uses 3. */
  public abstract int draftTokens();

  /** Returns the probability that a draft token is accepted, in [0, 1). */
  public abstract double acceptanceRate();

  /**
   * Returns the cost of one draft step relative to one target decode step at the same batch;
   * default 0.05 (an MTP head of one layer on a 61-layer model is ~1/61 of the weights plus its LM head).
   */
  @Value.Default
  public double draftCostRatio() {
    return 0.05;
  }

  /** Returns the expected tokens per verify step: {@code (1 − α^(k+1)) / (1 − α)}. */
  public double expectedTokensPerStep() {
    double a = acceptanceRate();
    return (1 - Math.pow(a, draftTokens() + 1)) / (1 - a);
  }

  @Value.Check
  protected void check() {
    Checks.positive("draftTokens", draftTokens());
    Checks.inRange("acceptanceRate", acceptanceRate(), 0.0, 0.999);
    Checks.nonNegative("draftCostRatio", draftCostRatio());
  }

  /** Returns multi-token prediction with {@code k} draft tokens accepted at rate {@code alpha}. */
  public static SpeculativeDecoding mtp(int k, double alpha) {
    return builder().draftTokens(k).acceptanceRate(alpha).build();
  }

  /** Returns a draft model whose step costs {@code costRatio} of the target's. */
  public static SpeculativeDecoding draftModel(int k, double alpha, double costRatio) {
    return builder().draftTokens(k).acceptanceRate(alpha).draftCostRatio(costRatio).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link SpeculativeDecoding}. */
  public static final class Builder extends ImmutableSpeculativeDecoding.Builder {}
}
