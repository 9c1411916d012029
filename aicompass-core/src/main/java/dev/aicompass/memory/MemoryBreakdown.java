package dev.aicompass.memory;

import dev.aicompass.Method;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.explain.Derivation;
import dev.aicompass.internal.ValueStyle;
import dev.aicompass.model.Component;
import dev.aicompass.units.ByteSize;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.immutables.value.Value;

/**
 * Memory of one device of a deployment, by component, as the serving engine accounts it. With
 * pipeline parallelism the figures are those of the stage whose KV pool holds the fewest tokens
 * (the stage that limits capacity); {@link #derivation()} lists every stage.
 */
@Value.Immutable
@ValueStyle
public abstract class MemoryBreakdown {
  public abstract Deployment deployment();

  public abstract Method method();

  /** Returns the weights held by the device, including rotary caches and quantization scales. */
  public abstract ByteSize weights();

  /** Returns the weights by model component. */
  public abstract Map<Component, ByteSize> weightsByComponent();

  /** Returns the peak activation memory the engine reserves outside the KV pool. */
  public abstract ByteSize activation();

  /** Returns memory outside the framework allocator (communication buffers, library workspaces). */
  public abstract ByteSize nonTorch();

  /** Returns CUDA-graph memory, which engines allocate after the KV pool. */
  public abstract ByteSize cudaGraph();

  /** Returns non-torch plus CUDA-graph memory. */
  public ByteSize engineOverhead() {
    return nonTorch().plus(cudaGraph());
  }

  /** Returns the KV-cache pool of the device (the workload's KV for engines without a pool). */
  public abstract ByteSize kvCachePool();

  /** Returns the tokens the pool holds across the model replica (vLLM's "GPU KV cache size"). */
  public abstract long kvCacheTokens();

  /** Returns the KV bytes one token occupies on this device. */
  public abstract ByteSize kvBytesPerToken();

  /** Returns the KV the workload needs on this device, when a workload was given. */
  public abstract Optional<ByteSize> kvCacheRequired();

  /** Returns the memory the device must provide: weights + activation + overheads + KV pool. */
  public abstract ByteSize total();

  /** Returns the memory the device offers to the engine. */
  public abstract ByteSize usable();

  /** Returns whether the deployment fits: the pool is positive, holds one max-length request, and holds the workload. */
  public abstract boolean fits();

  /** Returns why it does not fit (empty when it fits). */
  public abstract List<String> problems();

  /** Returns every pipeline stage's figures, first stage first (one entry without pipeline parallelism). */
  public abstract List<StageMemory> stages();

  /**
   * Returns what produces the derivation: the estimators compute the figures without formatting their
   * terms and explain on first request (the planner estimates many layouts and explains one).
   */
  @Value.Auxiliary
  abstract Supplier<Derivation> explanation();

  /** Returns the derivation of every figure (computed on first call). */
  @Value.Lazy
  public Derivation derivation() {
    return explanation().get();
  }

  /** Returns how many max-length requests the pool holds at once: tokens / max model length. */
  public double maxConcurrency() {
    return kvCacheTokens() / (double) deployment().maxModelLen();
  }

  static Builder builder() {
    return new Builder();
  }

  static final class Builder extends ImmutableMemoryBreakdown.Builder {}

  /** Prints a short table of the components in GiB. */
  @Override
  public String toString() {
    return MemoryReport.table(this);
  }
}
