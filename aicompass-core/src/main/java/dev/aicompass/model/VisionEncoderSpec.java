package dev.aicompass.model;

import dev.aicompass.internal.Checks;
import dev.aicompass.internal.ValueStyle;
import org.immutables.value.Value;

/** A ViT-style vision encoder and its projector into the language model. */
@Value.Immutable
@ValueStyle
public abstract class VisionEncoderSpec {
  public abstract int numLayers();

  public abstract int hiddenSize();

  public abstract int intermediateSize();

  public abstract int numHeads();

  /** Returns the input image side in pixels (e.g. 336). */
  public abstract int imageSize();

  /** Returns the patch side in pixels (e.g. 14). */
  public abstract int patchSize();

  /** Returns how many patches merge into one language-model token along each side (Qwen2-VL: 2). */
  @Value.Default
  public int spatialMergeSize() {
    return 1;
  }

  /** Returns whether the encoder MLP is gated (SwiGLU, Qwen2.5-VL) rather than plain. */
  @Value.Default
  public boolean gatedMlp() {
    return false;
  }

  /** Returns the projector's parameters (LLaVA's 2-layer MLP, Qwen2-VL's merger). */
  @Value.Default
  public long projectorParameters() {
    return 0;
  }

  /** Returns the language-model tokens one image becomes, unless overridden: {@code (imageSize/patchSize)² / merge²}. */
  @Value.Default
  public int tokensPerImage() {
    if (patchSize() <= 0 || spatialMergeSize() <= 0) {
      return 1; // invalid; check() names the field
    }
    int side = imageSize() / patchSize();
    return Math.max(1, side * side / (spatialMergeSize() * spatialMergeSize()));
  }

  /** Returns the encoder's own parameters (patch and position embeddings, transformer blocks, final norm), projector excluded. */
  public long encoderParameters() {
    long h = hiddenSize();
    long patches = (long) (imageSize() / patchSize()) * (imageSize() / patchSize());
    long patchEmbed = 3L * patchSize() * patchSize() * h + h;
    long positions = (patches + 1) * h + h;
    long attention = 4 * h * h + 4 * h;
    long mlp = (gatedMlp() ? 3 : 2) * h * intermediateSize() + intermediateSize() + h;
    long norms = 4 * h;
    return patchEmbed + positions + numLayers() * (attention + mlp + norms) + 4 * h;
  }

  @Value.Check
  protected void check() {
    Checks.positive("vision.numLayers", numLayers());
    Checks.positive("vision.hiddenSize", hiddenSize());
    Checks.positive("vision.intermediateSize", intermediateSize());
    Checks.positive("vision.numHeads", numHeads());
    Checks.positive("vision.imageSize", imageSize());
    Checks.positive("vision.patchSize", patchSize());
    Checks.positive("vision.spatialMergeSize", spatialMergeSize());
    Checks.nonNegative("vision.projectorParameters", projectorParameters());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link VisionEncoderSpec}. */
  public static final class Builder extends ImmutableVisionEncoderSpec.Builder {}
}
