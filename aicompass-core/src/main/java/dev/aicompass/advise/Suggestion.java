package dev.aicompass.advise;

import dev.aicompass.check.CheckOptions;
import dev.aicompass.check.CheckResult;
import dev.aicompass.check.ServingCommand;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.internal.Quantities;
import dev.aicompass.perf.LatencyEstimate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * One what-if change to a deployment, re-estimated: the changed deployment and check options, the
 * check before and after, the engine flags that make the change, and its caveat. The figures are
 * those of {@link dev.aicompass.check.CapacityCheck} on {@link #deployment()} and {@link #options()};
 * nothing is a canned estimate.
 */
public final class Suggestion {
  /** What a suggestion changes. */
  public enum Kind {
    /** An FP8 KV cache ({@code --kv-cache-dtype fp8}). */
    KV_CACHE_FP8,
    /** FP8 or AWQ INT4 weights ({@code --quantization}). */
    WEIGHT_QUANTIZATION,
    /** Twice or half the tensor-parallel size. */
    TENSOR_PARALLEL,
    /** Twice or half the pipeline-parallel size. */
    PIPELINE_PARALLEL,
    /** Experts spread over TP·DP devices instead of sliced. */
    EXPERT_PARALLEL,
    /** The fewest replicas that pass (more for a failing deployment, fewer for a wasteful one). */
    DATA_PARALLEL,
    /** The fewest devices of the same accelerator that pass, in the planner's layout (TP, PP, EP and DP together). */
    LAYOUT,
    /** A max-model-len that admits the workload's requests, or a shorter one that leaves room for one. */
    MAX_MODEL_LEN,
    /** A scheduler batch cap that admits the load, or a smaller one that shrinks the start-up sampler reserve. */
    MAX_NUM_SEQS,
    /** Chunked prefill on. */
    CHUNKED_PREFILL,
    /** Prefix caching on, at the stated hit rate. */
    PREFIX_CACHING,
    /** Speculative decoding with an EAGLE-3 draft head. */
    SPECULATIVE_DECODING,
    /** Another catalog accelerator at the same or lower hourly cost (without prices: the same or fewer devices). */
    ACCELERATOR;

    /** Returns the lower-case id used in JSON ({@code kv-cache-fp8}, ...). */
    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final Kind kind;
  private final String title;
  private final List<String> flags;
  private final Deployment deployment;
  private final CheckOptions options;
  private final CheckResult before;
  private final CheckResult after;
  private final Optional<String> caveat;

  Suggestion(Kind kind, String title, List<String> flags, Deployment deployment, CheckOptions options, CheckResult before,
      CheckResult after, Optional<String> caveat) {
    this.kind = kind;
    this.title = title;
    this.flags = List.copyOf(flags);
    this.deployment = deployment;
    this.options = options;
    this.before = before;
    this.after = after;
    this.caveat = caveat;
  }

  public Kind kind() {
    return kind;
  }

  /** Returns what to change, e.g. {@code "FP8 KV cache"} or {@code "tensor parallel 1 → 2"}. */
  public String title() {
    return title;
  }

  /**
   * Returns the serving-engine flags that make the change on a vLLM or SGLang command (appended,
   * replacing earlier flags of the same setting); empty when no flag does (another accelerator, an
   * engine without flags).
   */
  public List<String> flags() {
    return flags;
  }

  /** Returns the changed deployment. */
  public Deployment deployment() {
    return deployment;
  }

  /** Returns the check options of the changed deployment (speculative decoding lives here). */
  public CheckOptions options() {
    return options;
  }

  /** Returns the check of the deployment as it is. */
  public CheckResult before() {
    return before;
  }

  /** Returns the check of the changed deployment. */
  public CheckResult after() {
    return after;
  }

  /** Returns whether the changed deployment meets every requirement. */
  public boolean passes() {
    return after.passes();
  }

  /** Returns what to know before applying it (accuracy, a checkpoint to obtain, an assumption). */
  public Optional<String> caveat() {
    return caveat;
  }

  /**
   * Returns the effect as before → after for KV tokens, TTFT, TPOT, output throughput and devices,
   * e.g. {@code "KV 476016 → 952032 tokens, TTFT 130 ms → 128 ms, TPOT 31.2 ms → 29.8 ms, 980 → 1021 tok/s, 1 → 1 GPU"}.
   */
  public String effect() {
    StringBuilder sb = new StringBuilder();
    sb.append("KV ").append(before.kvCacheTokens()).append(" → ").append(after.kvCacheTokens()).append(" tokens");
    sb.append(", TTFT ").append(pair(e -> time(e.ttft().toMillis())));
    sb.append(", TPOT ").append(pair(e -> time(e.tpot().toMillis())));
    sb.append(", ").append(pair(e -> Quantities.number(e.outputThroughput().tokensPerSecond(), 0))).append(" tok/s");
    sb.append(", ").append(before.devices()).append(" → ").append(after.devices()).append(after.devices() == 1 ? " GPU" : " GPUs");
    if (!before.deployment().accelerator().id().equals(after.deployment().accelerator().id())) {
      sb.append(" (").append(before.deployment().accelerator().id()).append(" → ")
          .append(after.deployment().accelerator().id()).append(')');
    }
    return sb.toString();
  }

  private String pair(Function<LatencyEstimate, String> f) {
    return before.estimate().map(f).orElse("-") + " → " + after.estimate().map(f).orElse("-");
  }

  private static String time(double ms) {
    if (ms >= 10_000) {
      return Quantities.number(ms / 1e3, 1) + " s";
    }
    return Quantities.number(ms, ms >= 100 ? 0 : ms >= 10 ? 1 : 2) + " ms";
  }

  @Override
  public String toString() {
    return title + (flags.isEmpty() ? "" : " [" + ServingCommand.toShell(flags) + "]") + ": " + effect()
        + (passes() ? " — passes" : " — still " + after.shortfalls());
  }
}
