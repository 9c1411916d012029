package dev.aicompass.deploy;

import dev.aicompass.hardware.Accelerator;
import dev.aicompass.internal.Checks;
import dev.aicompass.internal.ValueStyle;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.Precision;
import dev.aicompass.model.QuantizationScheme;
import dev.aicompass.parallel.Parallelism;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A concrete way of serving a model: which accelerator, how it is split, which engine, and the
 * dtypes of weights and KV cache.
 */
@Value.Immutable
@ValueStyle
public abstract class Deployment {
  public abstract ModelSpec model();

  public abstract Accelerator accelerator();

  @Value.Default
  public Parallelism parallelism() {
    return Parallelism.single();
  }

  @Value.Default
  public EngineProfile engine() {
    return EngineProfile.vllm();
  }

  /** Returns the weight quantization; defaults to the checkpoint's native one, if any. */
  @Value.Default
  public Optional<QuantizationScheme> quantization() {
    return model() == null ? Optional.empty() : model().nativeQuantization();
  }

  /** Returns the dtype of unquantized weights and activations; defaults to the checkpoint's {@code torch_dtype}. */
  @Value.Default
  public Precision weightPrecision() {
    return model() == null ? Precision.BF16 : model().nativePrecision();
  }

  /** Returns the KV-cache dtype; defaults to the activation dtype ({@code --kv-cache-dtype auto}). */
  @Value.Default
  public Precision kvCachePrecision() {
    return activationPrecision();
  }

  /** Returns the longest request the engine admits ({@code --max-model-len}); default 8192. */
  @Value.Default
  public int maxModelLen() {
    return 8192;
  }

  /** Returns the dtype activations are held in: the weight dtype, or BF16 when weights are 8 bits or fewer. */
  public Precision activationPrecision() {
    Precision w = weightPrecision();
    return w.bits() >= 16 ? (w == Precision.TF32 ? Precision.FP32 : w) : Precision.BF16;
  }

  /** Returns the dtype tensor-core math runs in. */
  public Precision computePrecision() {
    if (quantization().isPresent() && quantization().get().scope() == QuantizationScheme.Scope.ALL_LINEAR) {
      return quantization().get().computePrecision();
    }
    Precision w = weightPrecision();
    return w.bits() >= 16 ? w : w;
  }

  @Value.Check
  protected void check() {
    Checks.notNull("model", model());
    Checks.notNull("accelerator", accelerator());
    Checks.positive("maxModelLen", maxModelLen());
    ModelSpec m = model();
    Parallelism p = parallelism();
    if (m.mla().isEmpty() && m.numHeads() % p.tp() != 0) {
      throw Checks.invalid("tp", p.tp(), "divide numAttentionHeads (" + m.numHeads() + ") of " + m.name());
    }
    if (m.mla().isPresent() && m.numHeads() % p.tp() != 0) {
      throw Checks.invalid("tp", p.tp(), "divide numAttentionHeads (" + m.numHeads() + ") of " + m.name());
    }
    if (p.pp() > m.numLayers()) {
      throw Checks.invalid("pp", p.pp(), "not exceed numLayers (" + m.numLayers() + ") of " + m.name());
    }
    if (p.ep() > 1) {
      if (m.moe().isEmpty()) {
        throw Checks.invalid("ep", p.ep(), "be 1 for a dense model (" + m.name() + " has no experts)");
      }
      int experts = m.moe().get().numExperts();
      if (experts % p.ep() != 0) {
        throw Checks.invalid("ep", p.ep(), "divide numExperts (" + experts + ") of " + m.name());
      }
    }
    int devicesPerNode = accelerator().interconnect().map(i -> i.devicesPerNode()).orElse(Integer.MAX_VALUE);
    if (p.tp() > 1 && accelerator().interconnect().isPresent() && p.tp() > devicesPerNode) {
      throw Checks.invalid("tp", p.tp(), "fit in one node (" + devicesPerNode + " devices of " + accelerator().id() + ")");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Deployment}. */
  public static final class Builder extends ImmutableDeployment.Builder {}
}
