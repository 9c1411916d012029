package dev.aicompass.deploy;

import dev.aicompass.internal.Checks;
import dev.aicompass.internal.ValueStyle;
import dev.aicompass.units.ByteSize;
import dev.aicompass.units.TimeSpan;
import org.immutables.value.Value;

/**
 * A serving engine's memory rules and scheduler limits at one version. The constants were fitted
 * on the measured vLLM startup logs of {@code shared/reference/calibration/memory.csv}; every
 * default is documented on its accessor and can be overridden.
 */
@Value.Immutable
@ValueStyle
public abstract class EngineProfile {
  public abstract EngineKind kind();

  /** Returns the engine version the constants describe, e.g. {@code "0.19.0"}. */
  @Value.Default
  public String version() {
    switch (kind()) {
      case VLLM:
        return "0.19.0";
      case SGLANG:
        return "0.5";
      case TRTLLM:
        return "1.0";
      default:
        return "5";
    }
  }

  /**
   * Returns the memory share the engine may use: vLLM's {@code gpu_memory_utilization} (default
   * 0.9), SGLang's {@code mem_fraction_static} (default 0.88), TensorRT-LLM's
   * {@code kv_cache_free_gpu_mem_fraction} (default 0.9); 1.0 for plain transformers.
   */
  @Value.Default
  public double memoryUtilization() {
    switch (kind()) {
      case SGLANG:
        return 0.88;
      case HF:
        return 1.0;
      default:
        return 0.9;
    }
  }

  /** Returns the KV-cache block (page) size in tokens; default 16 (SGLang pages are 1 token). */
  @Value.Default
  public int blockSize() {
    return kind() == EngineKind.SGLANG || kind() == EngineKind.HF ? 1 : kind() == EngineKind.TRTLLM ? 32 : 16;
  }

  /** Returns the tokens one scheduler step may process ({@code max_num_batched_tokens}); default 8192. */
  @Value.Default
  public int maxNumBatchedTokens() {
    return 8192;
  }

  /**
   * Returns the most sequences in one batch ({@code max_num_seqs}); default 1024 (vLLM's default on
   * 70+ GiB GPUs from 0.8, the V1 engine), 256 for vLLM before 0.8.
   */
  @Value.Default
  public int maxNumSeqs() {
    return kind() == EngineKind.VLLM && !isVllmAtLeast(0, 8) ? 256 : 1024;
  }

  /**
   * Returns whether long prompts are split into chunks interleaved with decode steps; default true,
   * except for plain transformers and for vLLM before 0.8 (its V0 engine chunked prompts only when
   * asked, or for contexts over 32K).
   */
  @Value.Default
  public boolean chunkedPrefill() {
    return kind() != EngineKind.HF && (kind() != EngineKind.VLLM || isVllmAtLeast(0, 8));
  }

  /** Returns whether decode runs as captured CUDA graphs (vLLM without {@code --enforce-eager}); default true for vLLM, SGLang and TensorRT-LLM. */
  @Value.Default
  public boolean cudaGraphs() {
    return kind() != EngineKind.HF;
  }

  /** Returns the share of prompt tokens found in the prefix cache; default 0. */
  @Value.Default
  public double prefixCacheHitRate() {
    return 0.0;
  }

  /**
   * Returns memory outside PyTorch's allocator on one device when TP = 1 and PP = 1 (cuBLAS
   * workspace, CUDA context growth): vLLM 0.18+ logs 0.24-0.25 GiB, 0.15-0.17 log 0.13 GiB.
   */
  @Value.Default
  public ByteSize nonTorchSingleDevice() {
    return ByteSize.ofGibibytes(isVllmAtLeast(0, 18) ? 0.25 : 0.13);
  }

  /**
   * Returns non-torch memory per device when TP ≥ 2 (NCCL and custom all-reduce buffers): measured
   * 2.06-2.07 GiB at TP2 and 2.13 GiB at TP4 in vLLM 0.19, modelled as 2.01 GiB + 0.03 GiB·TP.
   */
  @Value.Default
  public ByteSize nonTorchTensorParallelBase() {
    return ByteSize.ofGibibytes(2.01);
  }

  @Value.Default
  public ByteSize nonTorchTensorParallelPerRank() {
    return ByteSize.ofGibibytes(0.03);
  }

  /** Returns non-torch memory per device under pipeline parallelism alone: 0.07 GiB measured at PP2 and PP4. */
  @Value.Default
  public ByteSize nonTorchPipelineOnly() {
    return ByteSize.ofGibibytes(0.07);
  }

  /**
   * Returns how many full-vocabulary FP32 logit tensors of {@code max_num_seqs} rows the profiling
   * run's sampler holds at its peak: 3.71 for vLLM ≥ 0.17 (fitted on Llama-3.1-8B, Qwen2.5-7B,
   * Qwen3-14B, Gemma-2 2B/9B and Phi-2, each within 4 %), 9.67 before (fitted on Qwen3-14B at 0.15/0.16
   * and Llama-3.1-8B at 0.11).
   */
  @Value.Default
  public double samplerLogitCopies() {
    return isVllmAtLeast(0, 17) ? 3.71 : 9.67;
  }

  /**
   * Returns the forward pass's activation peak per activation element of the widest block
   * ({@code tokens × (3·intermediate/TP + 4·hidden) × bytes}): 1.05, fitted on the Llama-3.1-8B PP
   * rows and CodeLlama-7B.
   */
  @Value.Default
  public double forwardActivationFactor() {
    return 1.05;
  }

  /**
   * Returns the fixed CPU/launch overhead of one scheduler step: 0.4 ms for TensorRT-LLM (fitted on
   * the calibration latency.csv offline rows with the GPU efficiency constants, see
   * EfficiencyProfile); 1.5 ms for vLLM from 0.8 (the V1 engine) and SGLang with CUDA graphs (fitted
   * on 14 vLLM rows measured at low batch, docs/validation/latency-extra.csv: the nightly CI's batch-8
   * latencies on A100/H100/H200 and a concurrency 1-8 sweep on H100; SGLang's residuals favour the
   * same); 4 ms for vLLM's V0 engine (before 0.8) with CUDA graphs; without CUDA graphs 8 ms.
   */
  @Value.Default
  public TimeSpan stepOverhead() {
    if (kind() == EngineKind.TRTLLM) {
      return TimeSpan.ofMillis(0.4);
    }
    if (!cudaGraphs()) {
      return TimeSpan.ofMillis(8.0);
    }
    boolean v0 = kind() == EngineKind.VLLM && !isVllmAtLeast(0, 8);
    return TimeSpan.ofMillis(v0 ? 4.0 : 1.5);
  }

  /**
   * Returns the fixed time a request spends outside model steps before its first token (API
   * server, tokenization, scheduling, first-token streaming): 5 ms for TensorRT-LLM (fitted on the
   * low-load TTFT of the Triton online rows of the calibration latency.csv) and plain transformers;
   * 45 ms for vLLM's and SGLang's HTTP servers, fitted on the TTFT of 29 online rows of
   * docs/validation/latency-extra.csv (median error 70 % with 5 ms, 26 % with 45 ms; the vLLM rows
   * alone favour 45-60 ms, the SGLang rows alone 30-45 ms). In-process benchmarks (offline, static
   * batch) have none: set it to zero for them.
   */
  @Value.Default
  public TimeSpan requestOverhead() {
    return TimeSpan.ofMillis(kind() == EngineKind.VLLM || kind() == EngineKind.SGLANG ? 45.0 : 5.0);
  }

  /** Returns whether this is vLLM at {@code major.minor} or later (versions that do not parse count as latest). */
  public boolean isVllmAtLeast(int major, int minor) {
    if (kind() != EngineKind.VLLM) {
      return false;
    }
    int[] v = versionNumbers();
    return v[0] > major || (v[0] == major && v[1] >= minor);
  }

  /** Returns {major, minor} of {@link #version()}, parsed once (the memory estimator asks for every deployment). */
  @Value.Lazy
  int[] versionNumbers() {
    return parseVersion(version());
  }

  static int[] parseVersion(String version) {
    String v = version.trim().toLowerCase(java.util.Locale.ROOT);
    if (v.startsWith("v")) {
      v = v.substring(1);
    }
    String[] parts = v.split("[.\\-+ ]");
    try {
      int major = Integer.parseInt(parts[0]);
      int minor = parts.length > 1 ? Integer.parseInt(parts[1].replaceAll("[^0-9].*", "")) : 0;
      return new int[] {major, minor};
    } catch (NumberFormatException e) {
      return new int[] {Integer.MAX_VALUE, 0};
    }
  }

  @Value.Check
  protected void check() {
    Checks.notBlank("engine version", version());
    Checks.inRange("memoryUtilization", memoryUtilization(), 0.05, 1.0);
    Checks.positive("blockSize", blockSize());
    Checks.positive("maxNumBatchedTokens", maxNumBatchedTokens());
    Checks.positive("maxNumSeqs", maxNumSeqs());
    Checks.inRange("prefixCacheHitRate", prefixCacheHitRate(), 0.0, 1.0);
    Checks.nonNegative("samplerLogitCopies", samplerLogitCopies());
    Checks.nonNegative("forwardActivationFactor", forwardActivationFactor());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Returns vLLM 0.19 defaults. */
  public static EngineProfile vllm() {
    return builder().kind(EngineKind.VLLM).build();
  }

  /** Returns vLLM defaults for {@code version} (constants change at 0.17 and 0.18). */
  public static EngineProfile vllm(String version) {
    return builder().kind(EngineKind.VLLM).version(version).build();
  }

  public static EngineProfile sglang() {
    return builder().kind(EngineKind.SGLANG).build();
  }

  public static EngineProfile trtllm() {
    return builder().kind(EngineKind.TRTLLM).build();
  }

  /** Returns plain Hugging Face transformers {@code generate()}. */
  public static EngineProfile huggingFace() {
    return builder().kind(EngineKind.HF).build();
  }

  /** Returns the defaults of {@code kind}. */
  public static EngineProfile of(EngineKind kind) {
    return builder().kind(kind).build();
  }

  /** Builds an {@link EngineProfile}. */
  public static final class Builder extends ImmutableEngineProfile.Builder {}

  @Override
  public String toString() {
    return kind().id() + " " + version();
  }
}
