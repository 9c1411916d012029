package dev.aicompass.model;

import dev.aicompass.internal.Checks;
import dev.aicompass.internal.ValueStyle;
import org.immutables.value.Value;

/** A Whisper-style audio encoder (two convolutions, then transformer blocks) and its projector. */
@Value.Immutable
@ValueStyle
public abstract class AudioEncoderSpec {
  public abstract int numLayers();

  /** Returns the model width ({@code d_model}). */
  public abstract int hiddenSize();

  /** Returns the MLP width ({@code encoder_ffn_dim}). */
  public abstract int intermediateSize();

  public abstract int numHeads();

  /** Returns the mel bins of the input ({@code num_mel_bins}), e.g. 128. */
  @Value.Default
  public int melBins() {
    return 128;
  }

  /** Returns the encoder positions ({@code max_source_positions}), e.g. 1500 for 30 s. */
  @Value.Default
  public int maxSourcePositions() {
    return 1500;
  }

  /** Returns the language-model tokens per second of audio (Qwen2-Audio: 25 after pooling). */
  @Value.Default
  public double tokensPerSecond() {
    return 25.0;
  }

  /** Returns the projector's parameters. */
  @Value.Default
  public long projectorParameters() {
    return 0;
  }

  /** Returns the encoder's own parameters (convolutions, positions, blocks, final norm), projector excluded. */
  public long encoderParameters() {
    long d = hiddenSize();
    long conv = (long) melBins() * d * 3 + d + d * d * 3 + d;
    long positions = (long) maxSourcePositions() * d;
    long block = 4 * d * d + 3 * d + 2 * d * intermediateSize() + intermediateSize() + d + 4 * d;
    return conv + positions + numLayers() * block + 2 * d;
  }

  @Value.Check
  protected void check() {
    Checks.positive("audio.numLayers", numLayers());
    Checks.positive("audio.hiddenSize", hiddenSize());
    Checks.positive("audio.intermediateSize", intermediateSize());
    Checks.positive("audio.numHeads", numHeads());
    Checks.positive("audio.melBins", melBins());
    Checks.positive("audio.maxSourcePositions", maxSourcePositions());
    Checks.positive("audio.tokensPerSecond", tokensPerSecond());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link AudioEncoderSpec}. */
  public static final class Builder extends ImmutableAudioEncoderSpec.Builder {}
}
