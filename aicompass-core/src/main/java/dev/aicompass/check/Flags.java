package dev.aicompass.check;

import dev.aicompass.deploy.EngineKind;
import java.util.HashMap;
import java.util.Map;

/** The command-line flags of vLLM's and SGLang's servers that a capacity check reads or knowingly ignores. */
final class Flags {
  /** What a flag sets. */
  enum Setting {
    MODEL, TP, PP, DP, EP_SIZE, EXPERT_PARALLEL, MAX_MODEL_LEN, MEMORY_UTILIZATION, MAX_NUM_SEQS,
    MAX_NUM_BATCHED_TOKENS, CHUNK_SIZE, KV_CACHE_DTYPE, QUANTIZATION, DTYPE, BLOCK_SIZE, ENFORCE_EAGER, CHUNKED_PREFILL,
    PREFIX_CACHING, SPECULATIVE_CONFIG, SPEC_MODEL, SPEC_TOKENS, SPEC_ALGORITHM, SPEC_STEPS, SPEC_DRAFT_TOKENS,
    /** Recognised, no effect on capacity. */
    IGNORED,
    /** Recognised, affects memory or speed in a way the estimate does not model. */
    UNMODELLED
  }

  /** How a flag reads its value. */
  enum Arity {
    /** Takes one value ({@code --flag V} or {@code --flag=V}). */
    VALUE,
    /** A switch that turns the setting on. */
    ON,
    /** A switch that turns the setting off ({@code --no-...}, {@code --disable-...}). */
    OFF
  }

  /** One flag: what it sets, how it reads, and why it is ignored when it is. */
  static final class Flag {
    final Setting setting;
    final Arity arity;
    final String why;

    Flag(Setting setting, Arity arity, String why) {
      this.setting = setting;
      this.arity = arity;
      this.why = why;
    }
  }

  private static final Map<String, Flag> VLLM = new HashMap<>();
  private static final Map<String, Flag> SGLANG = new HashMap<>();

  private Flags() {}

  private static void put(Map<String, Flag> m, Setting s, Arity a, String why, String... names) {
    for (String n : names) {
      m.put(n, new Flag(s, a, why));
    }
  }

  private static void ignored(Map<String, Flag> m, Arity a, String why, String... names) {
    put(m, Setting.IGNORED, a, why, names);
  }

  private static void unmodelled(Map<String, Flag> m, Arity a, String why, String... names) {
    put(m, Setting.UNMODELLED, a, why, names);
  }

  static {
    Map<String, Flag> v = VLLM;
    put(v, Setting.MODEL, Arity.VALUE, null, "--model");
    put(v, Setting.TP, Arity.VALUE, null, "--tensor-parallel-size", "-tp");
    put(v, Setting.PP, Arity.VALUE, null, "--pipeline-parallel-size", "-pp");
    put(v, Setting.DP, Arity.VALUE, null, "--data-parallel-size", "-dp");
    put(v, Setting.EXPERT_PARALLEL, Arity.ON, null, "--enable-expert-parallel", "-ep");
    put(v, Setting.EXPERT_PARALLEL, Arity.OFF, null, "--no-enable-expert-parallel");
    put(v, Setting.MAX_MODEL_LEN, Arity.VALUE, null, "--max-model-len");
    put(v, Setting.MEMORY_UTILIZATION, Arity.VALUE, null, "--gpu-memory-utilization");
    put(v, Setting.MAX_NUM_SEQS, Arity.VALUE, null, "--max-num-seqs");
    put(v, Setting.MAX_NUM_BATCHED_TOKENS, Arity.VALUE, null, "--max-num-batched-tokens");
    put(v, Setting.KV_CACHE_DTYPE, Arity.VALUE, null, "--kv-cache-dtype");
    put(v, Setting.QUANTIZATION, Arity.VALUE, null, "--quantization", "-q");
    put(v, Setting.DTYPE, Arity.VALUE, null, "--dtype");
    put(v, Setting.BLOCK_SIZE, Arity.VALUE, null, "--block-size");
    put(v, Setting.ENFORCE_EAGER, Arity.ON, null, "--enforce-eager");
    put(v, Setting.ENFORCE_EAGER, Arity.OFF, null, "--no-enforce-eager");
    put(v, Setting.CHUNKED_PREFILL, Arity.ON, null, "--enable-chunked-prefill");
    put(v, Setting.CHUNKED_PREFILL, Arity.OFF, null, "--no-enable-chunked-prefill");
    put(v, Setting.PREFIX_CACHING, Arity.ON, null, "--enable-prefix-caching");
    put(v, Setting.PREFIX_CACHING, Arity.OFF, null, "--no-enable-prefix-caching");
    put(v, Setting.SPECULATIVE_CONFIG, Arity.VALUE, null, "--speculative-config");
    put(v, Setting.SPEC_MODEL, Arity.VALUE, null, "--speculative-model");
    put(v, Setting.SPEC_TOKENS, Arity.VALUE, null, "--num-speculative-tokens");
    ignored(v, Arity.VALUE, "server endpoint", "--host", "--port", "--root-path", "--uds", "--api-key",
        "--served-model-name", "--uvicorn-log-level", "--ssl-keyfile", "--ssl-certfile", "--ssl-ca-certs",
        "--allowed-origins", "--allowed-methods", "--allowed-headers", "--middleware", "--response-role",
        "--max-log-len", "--log-config-file", "--api-server-count");
    ignored(v, Arity.ON, "server endpoint", "--disable-log-requests", "--disable-log-stats", "--enable-log-requests",
        "--disable-fastapi-docs", "--allow-credentials", "--disable-uvicorn-access-log", "--enable-request-id-headers",
        "--enable-prompt-tokens-details", "--enable-server-load-tracking", "--enable-force-include-usage",
        "--disable-frontend-multiprocessing", "--enable-auto-tool-choice", "--headless");
    ignored(v, Arity.ON, "loading and tokenizer", "--trust-remote-code", "--skip-tokenizer-init");
    ignored(v, Arity.VALUE, "loading, tokenizer and chat options", "--tokenizer", "--tokenizer-mode", "--revision",
        "--code-revision", "--tokenizer-revision", "--download-dir", "--load-format", "--config-format", "--hf-token",
        "--chat-template", "--chat-template-content-format", "--tool-call-parser", "--tool-parser-plugin",
        "--reasoning-parser", "--generation-config", "--override-generation-config", "--seed", "--hf-config-path",
        "--allowed-local-media-path", "--guided-decoding-backend", "--structured-outputs-config", "--logprobs-mode",
        "--max-logprobs", "--distributed-executor-backend", "--worker-cls", "--worker-extension-cls",
        "--data-parallel-address", "--data-parallel-rpc-port", "--data-parallel-size-local", "--data-parallel-start-rank",
        "--otlp-traces-endpoint", "--collect-detailed-traces", "--scheduling-policy", "--compilation-config", "-O",
        "--log-level");
    unmodelled(v, Arity.VALUE, "weights or KV moved to CPU memory are not modelled", "--cpu-offload-gb", "--swap-space",
        "--kv-offloading-size", "--kv-transfer-config", "--kv-events-config");
    unmodelled(v, Arity.VALUE, "its settings are not read", "--config");
    unmodelled(v, Arity.ON, "LoRA adapter memory is not modelled", "--enable-lora");
    unmodelled(v, Arity.VALUE, "LoRA adapter memory is not modelled", "--max-loras", "--max-lora-rank", "--lora-modules",
        "--max-cpu-loras");
    unmodelled(v, Arity.VALUE, "multimodal profiling limits are not modelled", "--limit-mm-per-prompt",
        "--mm-processor-kwargs");
    unmodelled(v, Arity.VALUE, "the estimate assumes the default", "--num-gpu-blocks-override", "--max-num-partial-prefills",
        "--long-prefill-token-threshold", "--hf-overrides", "--rope-scaling", "--device", "--attention-backend",
        "--decode-context-parallel-size", "-dcp");
    unmodelled(v, Arity.ON, "the estimate assumes the default", "--async-scheduling", "--disable-custom-all-reduce",
        "--disable-hybrid-kv-cache-manager", "--enable-eplb", "--enable-dbo", "--calculate-kv-scales");

    Map<String, Flag> s = SGLANG;
    put(s, Setting.MODEL, Arity.VALUE, null, "--model-path", "--model");
    put(s, Setting.TP, Arity.VALUE, null, "--tp", "--tp-size", "--tensor-parallel-size");
    put(s, Setting.PP, Arity.VALUE, null, "--pp", "--pp-size", "--pipeline-parallel-size");
    put(s, Setting.DP, Arity.VALUE, null, "--dp", "--dp-size", "--data-parallel-size");
    put(s, Setting.EP_SIZE, Arity.VALUE, null, "--ep", "--ep-size", "--expert-parallel-size");
    put(s, Setting.EXPERT_PARALLEL, Arity.ON, null, "--enable-ep-moe");
    put(s, Setting.MAX_MODEL_LEN, Arity.VALUE, null, "--context-length");
    put(s, Setting.MEMORY_UTILIZATION, Arity.VALUE, null, "--mem-fraction-static");
    put(s, Setting.MAX_NUM_SEQS, Arity.VALUE, null, "--max-running-requests");
    put(s, Setting.CHUNK_SIZE, Arity.VALUE, null, "--chunked-prefill-size");
    put(s, Setting.KV_CACHE_DTYPE, Arity.VALUE, null, "--kv-cache-dtype");
    put(s, Setting.QUANTIZATION, Arity.VALUE, null, "--quantization");
    put(s, Setting.DTYPE, Arity.VALUE, null, "--dtype");
    put(s, Setting.BLOCK_SIZE, Arity.VALUE, null, "--page-size");
    put(s, Setting.ENFORCE_EAGER, Arity.ON, null, "--disable-cuda-graph");
    put(s, Setting.PREFIX_CACHING, Arity.OFF, null, "--disable-radix-cache");
    put(s, Setting.SPEC_ALGORITHM, Arity.VALUE, null, "--speculative-algorithm");
    put(s, Setting.SPEC_MODEL, Arity.VALUE, null, "--speculative-draft-model-path", "--speculative-draft-model");
    put(s, Setting.SPEC_STEPS, Arity.VALUE, null, "--speculative-num-steps");
    put(s, Setting.SPEC_DRAFT_TOKENS, Arity.VALUE, null, "--speculative-num-draft-tokens");
    ignored(s, Arity.VALUE, "server endpoint", "--host", "--port", "--api-key", "--served-model-name", "--log-level",
        "--log-level-http", "--file-storage-path", "--admin-api-key");
    ignored(s, Arity.ON, "server endpoint", "--log-requests", "--enable-metrics", "--skip-server-warmup",
        "--show-time-cost", "--enable-cache-report");
    ignored(s, Arity.ON, "loading and tokenizer", "--trust-remote-code", "--skip-tokenizer-init");
    ignored(s, Arity.VALUE, "loading, tokenizer and chat options", "--tokenizer-path", "--tokenizer-mode", "--revision",
        "--download-dir", "--load-format", "--chat-template", "--random-seed", "--reasoning-parser", "--tool-call-parser",
        "--grammar-backend", "--sampling-backend", "--speculative-eagle-topk", "--schedule-policy", "--dist-init-addr",
        "--nnodes", "--node-rank", "--attention-backend", "--stream-interval", "--dist-timeout", "--decode-log-interval",
        "--context-length-override");
    unmodelled(s, Arity.ON, "DP attention's memory and speed are not modelled", "--enable-dp-attention");
    unmodelled(s, Arity.ON, "the estimate assumes the default", "--enable-torch-compile", "--enable-mixed-chunk",
        "--disable-overlap-schedule", "--enable-two-batch-overlap", "--enable-lora");
    unmodelled(s, Arity.VALUE, "the estimate assumes the default", "--cuda-graph-max-bs", "--max-prefill-tokens",
        "--max-total-tokens", "--cpu-offload-gb", "--schedule-conservativeness", "--torch-compile-max-bs",
        "--max-loras-per-batch", "--lora-paths");
  }

  /** Returns the flag {@code name} of {@code engine} (vLLM names with {@code _} read as {@code -}), or null. */
  static Flag find(EngineKind engine, String name) {
    String n = name.startsWith("--") ? "--" + name.substring(2).replace('_', '-') : name;
    return (engine == EngineKind.SGLANG ? SGLANG : VLLM).get(n);
  }
}
