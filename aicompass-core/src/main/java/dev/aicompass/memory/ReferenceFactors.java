package dev.aicompass.memory;

import dev.aicompass.internal.Checks;
import dev.aicompass.internal.ValueStyle;
import org.immutables.value.Value;

/**
 * The original AICompass memory factors (seed 000, values from its web tool as recorded in
 * {@code shared/reference/seed-tool.md}). Each can be overridden.
 */
@Value.Immutable
@ValueStyle
public abstract class ReferenceFactors {
  /** F_act: dense activation factor in M_act = B·S·H·F_act·Q_act; tool default 4. */
  @Value.Default
  public double activation() {
    return 4;
  }

  /** F_llm: activation factor of a multimodal model's language part; default 1. */
  @Value.Default
  public double llmActivation() {
    return 1;
  }

  /** F_shared: MoE shared-path activation factor; default 4. */
  @Value.Default
  public double sharedActivation() {
    return 4;
  }

  /** F_expert: MoE expert activation factor (on max(I, H) and max(E_active, 1)); default 4. */
  @Value.Default
  public double expertActivation() {
    return 4;
  }

  /** F_vision_act and F_audio_act; default 1. */
  @Value.Default
  public double encoderActivation() {
    return 1;
  }

  /** F_vision: image tokens counted into the KV sequence; default 1.0. */
  @Value.Default
  public double visionTokens() {
    return 1.0;
  }

  /** F_audio: audio tokens counted into the KV sequence; default 0.8. */
  @Value.Default
  public double audioTokens() {
    return 0.8;
  }

  /** Audio tokens per second of audio in the tool; default 20. */
  @Value.Default
  public double audioTokensPerSecond() {
    return 20;
  }

  /** R_overhead: overhead = (weights + KV + activations) · R; default 0.03. */
  @Value.Default
  public double overheadRatio() {
    return 0.03;
  }

  @Value.Check
  protected void check() {
    Checks.nonNegative("F_act", activation());
    Checks.nonNegative("F_llm", llmActivation());
    Checks.nonNegative("F_shared", sharedActivation());
    Checks.nonNegative("F_expert", expertActivation());
    Checks.nonNegative("F_encoder_act", encoderActivation());
    Checks.nonNegative("F_vision", visionTokens());
    Checks.nonNegative("F_audio", audioTokens());
    Checks.nonNegative("audioTokensPerSecond", audioTokensPerSecond());
    Checks.inRange("R_overhead", overheadRatio(), 0, 10);
  }

  /** Returns the tool's defaults. */
  public static ReferenceFactors defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ReferenceFactors}. */
  public static final class Builder extends ImmutableReferenceFactors.Builder {}
}
