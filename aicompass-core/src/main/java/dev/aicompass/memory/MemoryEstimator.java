package dev.aicompass.memory;

import dev.aicompass.Method;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.deploy.EngineKind;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.explain.Derivation;
import dev.aicompass.internal.Quantities;
import dev.aicompass.model.Component;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.MoeSpec;
import dev.aicompass.parallel.Parallelism;
import dev.aicompass.units.ByteSize;
import dev.aicompass.workload.Workload;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Estimates the memory of one device of a deployment, per component, the way its serving engine
 * accounts it. Stateless and thread-safe.
 *
 * <p>{@link Method#ROOFLINE} (default): weights from the architecture and dtypes, sharded per
 * device; activation peak of the engine's profiling pass; non-torch memory; the engine's KV pool
 * and its token capacity (vLLM's hybrid KV groups for sliding-window models, blocks, minimum over
 * pipeline stages). {@link Method#REFERENCE}: the original AICompass formulas, see
 * {@link ReferenceMemory}.
 */
public final class MemoryEstimator {
  private MemoryEstimator() {}

  /** Estimates {@code deployment} without a workload, with {@link Method#ROOFLINE}. */
  public static MemoryBreakdown estimate(Deployment deployment) {
    return estimate(deployment, Optional.empty(), Method.ROOFLINE);
  }

  /** Estimates {@code deployment} serving {@code workload}, with {@link Method#ROOFLINE}. */
  public static MemoryBreakdown estimate(Deployment deployment, Workload workload) {
    return estimate(deployment, Optional.of(workload), Method.ROOFLINE);
  }

  /**
   * Estimates {@code deployment}, serving {@code workload} when present, with {@code method}.
   *
   * @throws IllegalArgumentException never for a valid deployment; not fitting is an answer ({@link MemoryBreakdown#fits()})
   */
  public static MemoryBreakdown estimate(Deployment deployment, Optional<Workload> workload, Method method) {
    if (method == Method.REFERENCE) {
      return ReferenceMemory.estimate(deployment, workload);
    }
    return new Roofline(deployment, workload, false).run();
  }

  /** Returns the sequence tokens one request of {@code workload} occupies: prompt + output + image and audio tokens. */
  public static long sequenceTokens(ModelSpec m, Workload w) {
    long tokens = (long) w.inputTokens() + w.outputTokens();
    if (m.vision().isPresent()) {
      tokens += (long) w.imagesPerRequest() * m.vision().get().tokensPerImage();
    }
    if (m.audio().isPresent()) {
      tokens += (long) Math.ceil(w.audioSecondsPerRequest() * m.audio().get().tokensPerSecond());
    }
    return tokens;
  }

  /** Returns the KV bytes of one token summed over the whole model (all layers, no sharding). */
  public static ByteSize kvBytesPerTokenWholeModel(Deployment d) {
    return ByteSize.ofBytes(Sharding.kvBytesPerToken(
        Deployment.builder().from(d).parallelism(Parallelism.single()).build(), d.model().numLayers()));
  }

  private static String gib(double bytes) {
    return Quantities.number(bytes / ByteSize.GIB, 3) + " GiB";
  }

  /** One ROOFLINE estimate. */
  private static final class Roofline {
    private final Deployment d;
    private final ModelSpec m;
    private final EngineProfile e;
    private final Parallelism p;
    private final Optional<Workload> w;
    /** The terms of the derivation; null while estimating without explaining (the derivation is then built on demand). */
    private final Derivation.Builder why;

    Roofline(Deployment d, Optional<Workload> w, boolean explain) {
      this.d = d;
      this.m = d.model();
      this.e = d.engine();
      this.p = d.parallelism();
      this.w = w;
      this.why = explain ? Derivation.builder() : null;
    }

    MemoryBreakdown run() {
      int[] parts = Sharding.stageLayers(m.numLayers(), p.pp());
      double usable = d.accelerator().usableMemory().bytes();
      double budget = e.memoryUtilization() * usable;
      double nonTorch = nonTorch();
      double graphs = e.cudaGraphs() ? ByteSize.ofGibibytes(0.9).bytes() : 0;

      if (why != null) {
        why.add("parameters", "from the architecture", String.format(java.util.Locale.ROOT, "%.3fB total, %.3fB active",
            m.parameters().total() / 1e9, m.parameters().active() / 1e9));
      }

      Stage binding = null;
      List<Stage> stages = new ArrayList<>();
      for (int s = 0; s < p.pp(); s++) {
        Stage st = stage(s, parts, budget, nonTorch);
        stages.add(st);
        if (binding == null || st.tokens < binding.tokens) {
          binding = st;
        }
      }
      long tokens = binding.tokens;
      if (p.pp() > 1 && why != null) {
        why.add("kvCacheTokens", "min over " + p.pp() + " stages (the engine shrinks every stage to the smallest)", tokens);
      }
      Optional<ByteSize> required = w.map(this::kvRequired);
      List<String> problems = new ArrayList<>();
      for (Stage st : stages) {
        if (st.pool <= 0) {
          problems.add(String.format(java.util.Locale.ROOT,
              "stage %d needs %s for weights, activation and overhead but the engine budget is %s",
              st.index, gib(st.weights + st.activation + nonTorch), gib(budget)));
        }
      }
      double pool = Math.max(0, binding.pool);
      double kvRequiredBytes = required.map(ByteSize::bytes).orElse(0L);
      if (e.kind() == EngineKind.HF) {
        pool = kvRequiredBytes;
        double totalHf = binding.weights + binding.activation + nonTorch + pool;
        if (totalHf > usable) {
          problems.add("weights + KV + activation " + gib(totalHf) + " exceed the usable " + gib(usable));
        }
        tokens = w.map(x -> sequenceTokens(m, x) * x.concurrency()).orElse(0L);
      } else {
        if (problems.isEmpty() && tokens < Math.min(d.maxModelLen(), maxUsefulTokensPerRequest())) {
          problems.add("the KV pool holds " + tokens + " tokens, fewer than one request of max-model-len " + d.maxModelLen());
        }
        if (required.isPresent() && kvRequiredBytes > pool) {
          problems.add("the workload needs " + gib(kvRequiredBytes) + " of KV cache per device but the pool holds " + gib(pool));
        }
      }
      double total = binding.weights + binding.activation + nonTorch + graphs + pool;
      if (e.kind() != EngineKind.HF && total > usable && problems.isEmpty()) {
        problems.add("engine budget plus CUDA graphs " + gib(total) + " exceed the usable " + gib(usable));
      }
      if (why != null) {
        why.add("total", "weights + activation + non-torch + CUDA graphs + KV pool", gib(total));
      }

      Map<Component, ByteSize> byComponent = new EnumMap<>(Component.class);
      binding.components.forEach((k, v) -> byComponent.put(k, ByteSize.ofBytes(v)));
      return MemoryBreakdown.builder()
          .deployment(d)
          .method(Method.ROOFLINE)
          .weights(ByteSize.ofBytes(binding.weights))
          .weightsByComponent(byComponent)
          .activation(ByteSize.ofBytes(binding.activation))
          .nonTorch(ByteSize.ofBytes(nonTorch))
          .cudaGraph(ByteSize.ofBytes(graphs))
          .kvCachePool(ByteSize.ofBytes(pool))
          .kvCacheTokens(tokens)
          .kvBytesPerToken(ByteSize.ofBytes(binding.kvPerToken))
          .kvCacheRequired(required)
          .total(ByteSize.ofBytes(total))
          .usable(d.accelerator().usableMemory())
          .fits(problems.isEmpty())
          .problems(problems)
          .explanation(explanation())
          .stages(stages.stream().map(st -> new StageMemory(st.index, parts[st.index], ByteSize.ofBytes(st.weights),
              ByteSize.ofBytes(st.activation), ByteSize.ofBytes(Math.max(0, st.pool)), st.tokens)).collect(java.util.stream.Collectors.toList()))
          .build();
    }

    /** Returns the derivation: the terms collected here, or (when not explaining) the same estimate run again with them. */
    private java.util.function.Supplier<Derivation> explanation() {
      if (why != null) {
        Derivation built = why.build();
        return () -> built;
      }
      return () -> new Roofline(d, w, true).run().derivation();
    }

    private long maxUsefulTokensPerRequest() {
      return m.maxPositionEmbeddings() > 0 ? Long.MAX_VALUE : 0;
    }

    private Stage stage(int s, int[] parts, double budget, double nonTorch) {
      Map<Component, Double> components = Sharding.stageWeightBytes(d, s);
      double rotary = Sharding.rotaryCacheBytes(d);
      double weights = rotary;
      for (double v : components.values()) {
        weights += v;
      }
      boolean last = s == p.pp() - 1;
      double activation = activation(last);
      double pool = e.kind() == EngineKind.HF ? 0 : pool(budget, weights, activation, nonTorch);
      KvLayout kv = new KvLayout(d, parts[s], Sharding.slidingLayersInStage(m, parts, s));
      long tokens = kv.tokens(Math.max(0, pool), e.kind() == EngineKind.VLLM && e.isVllmAtLeast(0, 10));
      if (why != null) {
        String tag = p.pp() > 1 ? "[stage " + s + "] " : "";
        why.add(tag + "weights", "Σ component params / shards × bytes + rotary cache " + gib(rotary), gib(weights));
        why.add(tag + "activation", activationFormula(last), gib(activation));
        if (e.kind() != EngineKind.HF) {
          why.add(tag + "kvCachePool", poolFormula(), gib(pool));
        }
        why.add(tag + "kvBytesPerToken", kv.describe(), kv.bytesPerTokenEffective() + " B");
        why.add(tag + "kvCacheTokens", kv.tokensFormula(), tokens);
      }
      return new Stage(s, components, weights, activation, pool, tokens, kv.bytesPerTokenEffective());
    }

    private double pool(double budget, double weights, double activation, double nonTorch) {
      switch (e.kind()) {
        case SGLANG:
          return budget - weights - nonTorch;
        case TRTLLM:
          return e.memoryUtilization() * (d.accelerator().usableMemory().bytes() - weights - activation - nonTorch);
        default:
          return budget - weights - activation - nonTorch;
      }
    }

    private String poolFormula() {
      switch (e.kind()) {
        case SGLANG:
          return "mem_fraction_static " + e.memoryUtilization() + " × usable " + d.accelerator().usableMemory() + " − weights − non-torch";
        case TRTLLM:
          return "free fraction " + e.memoryUtilization() + " × (usable " + d.accelerator().usableMemory() + " − weights − activation − non-torch)";
        default:
          return "gpu_memory_utilization " + e.memoryUtilization() + " × usable " + d.accelerator().usableMemory()
              + " − weights − activation − non-torch";
      }
    }

    private double nonTorch() {
      double v;
      if (p.tp() > 1) {
        v = e.nonTorchTensorParallelBase().bytes() + e.nonTorchTensorParallelPerRank().bytes() * p.tp();
      } else if (p.pp() > 1) {
        v = e.nonTorchPipelineOnly().bytes();
      } else {
        v = e.nonTorchSingleDevice().bytes();
      }
      if (why != null) {
        String formula = p.tp() > 1 ? e.nonTorchTensorParallelBase() + " + " + e.nonTorchTensorParallelPerRank() + " × TP " + p.tp()
            : p.pp() > 1 ? "pipeline-only constant" : "single-device constant of " + e;
        why.add("nonTorch", formula, gib(v));
      }
      return v;
    }

    /** The activation peak the engine reserves (vLLM: profiling pass) or the workload needs (HF). */
    private double activation(boolean lastStage) {
      double actBytes = d.activationPrecision().bytes();
      double hidden = m.hiddenSize();
      if (e.kind() == EngineKind.HF) {
        Workload wl = w.orElse(Workload.of(Math.min(d.maxModelLen(), 1024), 0, 1));
        double tokens = (double) wl.concurrency() * wl.inputTokens();
        double forward = e.forwardActivationFactor() * tokens * actBytes * (3 * widestFfn() + 4 * hidden);
        double logits = lastStage ? 2.0 * wl.concurrency() * m.vocabSize() * 4 : 0;
        return forward + logits;
      }
      double t = e.maxNumBatchedTokens();
      double forward = e.forwardActivationFactor() * t * actBytes * (3 * widestFfn() + 4 * hidden + moeScratch());
      if (p.pp() > 1 && !lastStage) {
        forward += 2 * t * hidden * actBytes;
      }
      forward = Math.max(forward, encoderActivation());
      if (!lastStage || e.kind() != EngineKind.VLLM) {
        // Only vLLM's profiling run samples max_num_seqs full-vocabulary rows; TensorRT-LLM and
        // SGLang size activations by their token budget.
        return forward;
      }
      double sampler = t * hidden * actBytes + e.samplerLogitCopies() * e.maxNumSeqs() * m.vocabSize() * 4.0
          + heldMoeWorkspace(t, actBytes) + multimodalBuffers(t, actBytes);
      return Math.max(forward, sampler);
    }

    /**
     * The fused-MoE kernel's cached workspace (intermediate caches of tokens × experts-per-token ×
     * widths), still held when the sampler runs. vLLM's MXFP4 path uses other kernels without it.
     */
    private double heldMoeWorkspace(double tokens, double actBytes) {
      if (m.moe().isEmpty() || d.quantization().map(q -> q.id().equals("mxfp4")).orElse(false)) {
        return 0;
      }
      MoeSpec moe = m.moe().get();
      double expertWidth = moe.expertIntermediateSize() / (double) Math.min(p.tp(), p.expertShards());
      return tokens * moe.expertsPerToken() * (Math.max(2 * expertWidth, m.hiddenSize()) + expertWidth) * actBytes;
    }

    /** Multimodal models keep an inputs-embeds buffer and the dummy encoder outputs of the profiling run. */
    private double multimodalBuffers(double tokens, double actBytes) {
      return m.isMultimodal() ? 2 * tokens * m.hiddenSize() * actBytes : 0;
    }

    private String activationFormula(boolean lastStage) {
      if (e.kind() == EngineKind.HF) {
        return "factor × batch·prompt × bytes × (3·intermediate/TP + 4·hidden) + last-token FP32 logits";
      }
      String fwd = e.forwardActivationFactor() + " × max_num_batched_tokens " + e.maxNumBatchedTokens()
          + " × bytes × (3·intermediate/TP + 4·hidden)";
      return lastStage
          ? "max(forward " + fwd + ", sampler: tokens·hidden·bytes + " + e.samplerLogitCopies() + " × max_num_seqs "
              + e.maxNumSeqs() + " × vocab " + m.vocabSize() + " × 4 B"
              + (m.isMoe() ? " + held fused-MoE workspace" : "") + (m.isMultimodal() ? " + 2·tokens·hidden·bytes multimodal buffers" : "") + ")"
          : "forward " + fwd;
    }

    /** The widest per-device FFN activation width of a layer (dense or MoE, experts per token included). */
    private double widestFfn() {
      double dense = m.intermediateSize() / (double) p.tp();
      if (m.moe().isEmpty()) {
        return dense;
      }
      MoeSpec moe = m.moe().get();
      double expert = (moe.expertsPerToken() * (double) moe.expertIntermediateSize()) / p.tp()
          + moe.sharedIntermediateSize() / (double) p.tp();
      return Math.max(m.moe().get().firstDenseLayers() > 0 || moe.layerStep() > 1 ? dense : 0, expert);
    }

    /** The fused-MoE output scratch: tokens × experts-per-token × hidden. */
    private double moeScratch() {
      return m.moe().map(x -> (double) x.expertsPerToken() * m.hiddenSize()).orElse(0.0);
    }

    /** The vision encoder's dummy pass over one image's patches. */
    private double encoderActivation() {
      if (m.vision().isEmpty()) {
        return 0;
      }
      var v = m.vision().get();
      double patches = Math.pow(v.imageSize() / (double) v.patchSize(), 2);
      double tokens = Math.max(patches, Math.min(e.maxNumBatchedTokens(), patches * 4));
      return e.forwardActivationFactor() * tokens * 2 * (3.0 * v.intermediateSize() / p.tp() + 4.0 * v.hiddenSize());
    }

    private ByteSize kvRequired(Workload wl) {
      long seq = sequenceTokens(m, wl);
      int[] parts = Sharding.stageLayers(m.numLayers(), p.pp());
      double worst = 0;
      for (int s = 0; s < p.pp(); s++) {
        int sliding = Sharding.slidingLayersInStage(m, parts, s);
        int full = parts[s] - sliding;
        double perLayerToken = Sharding.kvBytesPerToken(d, 1);
        long window = m.slidingWindow().isPresent() ? Math.min(seq, m.slidingWindow().getAsInt()) : seq;
        double bytes = wl.concurrency() * perLayerToken * ((double) full * seq + (double) sliding * window);
        worst = Math.max(worst, bytes);
      }
      if (why != null) {
        why.add("kvCacheRequired", "concurrency " + wl.concurrency() + " × (full layers × " + seq
            + " tokens + sliding layers × min(window, tokens)) × KV bytes per layer-token", gib(worst));
      }
      return ByteSize.ofBytes(worst);
    }
  }

  private static final class Stage {
    final int index;
    final Map<Component, Double> components;
    final double weights;
    final double activation;
    final double pool;
    final long tokens;
    final long kvPerToken;

    Stage(int index, Map<Component, Double> components, double weights, double activation, double pool, long tokens,
        long kvPerToken) {
      this.index = index;
      this.components = components;
      this.weights = weights;
      this.activation = activation;
      this.pool = pool;
      this.tokens = tokens;
      this.kvPerToken = kvPerToken;
    }
  }
}
