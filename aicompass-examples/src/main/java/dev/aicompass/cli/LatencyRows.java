package dev.aicompass.cli;

import dev.aicompass.catalog.Catalog;
import dev.aicompass.catalog.ModelEntry;
import dev.aicompass.deploy.EngineKind;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.Precision;
import dev.aicompass.perf.LatencyValidation;
import dev.aicompass.units.TimeSpan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Maps the rows of {@code shared/reference/calibration/latency.csv} (TensorRT-LLM performance tables,
 * Triton online-serving rows, early static-batch blogs) to {@link LatencyValidation.Row}s with the
 * catalog's models and accelerators and the engine settings of the benchmarks.
 *
 * <p>Engine settings (the same as the core's {@code LatencyValidationTest}): TensorRT-LLM with
 * {@code max_batch_size} 2048, {@code max_num_tokens} 8192, one FP32 logits row per sequence;
 * {@code kv_cache_free_gpu_mem_fraction} 0.95 for the offline rows (trtllm-bench) and 0.9 otherwise;
 * the Triton backend of the online rows streams every token with a 2 ms scheduler step; the static-batch
 * rows ran the engine without a server (no request overhead). FP8 rows use FP8 weights and an FP8 KV
 * cache (trtllm-bench {@code --quantization FP8}); other rows keep a 16-bit KV cache. TensorRT-LLM
 * attends over the whole sequence unless {@code max_attention_window_size} is set, which these
 * benchmarks do not do, so a model's sliding window (Mistral-7B v0.1's 4096 tokens) is not applied:
 * with it, the KV capacity of the long-prompt rows would allow two to three times the measured
 * throughput.
 */
final class LatencyRows {
  private LatencyRows() {}

  /** The mapped rows and, for every row that could not be mapped, its id and why. */
  static final class Mapped {
    final List<LatencyValidation.Row> rows = new ArrayList<>();
    final List<Skipped> skipped = new ArrayList<>();
  }

  /** A row left out, with its id, a short label and the reason. */
  static final class Skipped {
    final String id;
    final String label;
    final String reason;

    Skipped(String id, String label, String reason) {
      this.id = id;
      this.label = label;
      this.reason = reason;
    }

    @Override
    public String toString() {
      return id + " (" + label + "): " + reason;
    }
  }

  /**
   * The TensorRT-LLM settings of the calibration rows: {@code kv_cache_free_gpu_mem_fraction}
   * {@code freeFraction}, {@code max_batch_size} 2048, {@code max_num_tokens} 8192. TensorRT-LLM keeps
   * one FP32 logits row per sequence (not vLLM's sampler copies), hence one logit copy.
   */
  static EngineProfile trtllm(double freeFraction) {
    return EngineProfile.builder().kind(EngineKind.TRTLLM).memoryUtilization(freeFraction).maxNumSeqs(2048)
        .maxNumBatchedTokens(8192).samplerLogitCopies(1.0).build();
  }

  /**
   * The Triton TensorRT-LLM backend (0.14) of the online rows, streaming every token: 2 ms per scheduler
   * step (fitted on TPOT at the lowest request rates: 8 ms measured on H100 vs 6.5 ms of weight
   * streaming), request overhead as {@link EngineProfile#requestOverhead()}.
   */
  static EngineProfile triton(double freeFraction) {
    return EngineProfile.builder().from(trtllm(freeFraction)).version("0.14-triton").stepOverhead(TimeSpan.ofMillis(2.0))
        .build();
  }

  /** Maps every CSV row (header-keyed, as {@link Csv#read} returns them). */
  static Mapped map(List<Map<String, String>> csv, Catalog catalog) {
    Mapped out = new Mapped();
    for (Map<String, String> r : csv) {
      String id = get(r, "row_id");
      String label = get(r, "model") + ", " + get(r, "gpu_key") + ", tp " + get(r, "tp");
      Optional<ModelEntry> model = model(r, catalog);
      if (model.isEmpty()) {
        out.skipped.add(new Skipped(id, label, "model '" + modelName(r) + "' is not in the catalog"));
        continue;
      }
      Optional<Accelerator> gpu = accelerator(catalog, get(r, "gpu_key"), get(r, "gpu"));
      if (gpu.isEmpty()) {
        out.skipped.add(new Skipped(id, label, "accelerator '" + get(r, "gpu_key") + "' is not in the catalog"));
        continue;
      }
      OptionalInt tp = integer(get(r, "tp"));
      if (tp.isEmpty()) {
        out.skipped.add(new Skipped(id, label, "tp '" + get(r, "tp") + "' is not a number"));
        continue;
      }
      if (!get(r, "speculative_decoding").isEmpty() && !get(r, "speculative_decoding").equalsIgnoreCase("none")) {
        out.skipped.add(new Skipped(id, label, "speculative decoding ('" + get(r, "speculative_decoding")
            + "') is not read from the file; estimate it with PerformanceOptions.speculative"));
        continue;
      }
      try {
        out.rows.add(row(r, fullAttention(model.get().spec()), gpu.get(), tp.getAsInt(), catalog));
      } catch (IllegalArgumentException e) {
        out.skipped.add(new Skipped(id, label, Main.oneLine(e.getMessage())));
      }
    }
    return out;
  }

  private static LatencyValidation.Row row(Map<String, String> r, ModelSpec model, Accelerator gpu, int tp,
      Catalog catalog) {
    LatencyValidation.Category category = LatencyValidation.Category.parse(get(r, "category"));
    Precision weights = precision(get(r, "weight_precision"));
    String kv = get(r, "kv_cache_dtype").toLowerCase(Locale.ROOT);
    // TensorRT-LLM's FP8 and NVFP4 checkpoints (trtllm-bench --quantization FP8, NVIDIA's ModelOpt FP4 models) quantize
    // the KV cache to FP8 unless the row says otherwise
    boolean quantizedTrt = tensorRt(r) && (weights == Precision.FP8 || weights == Precision.FP4);
    Precision kvPrecision = kv.startsWith("fp8") || (kv.isEmpty() && quantizedTrt)
        ? Precision.FP8 : weights.bits() >= 16 ? weights : Precision.BF16;
    int pp = integer(get(r, "pp")).orElse(1);
    int ep = integer(get(r, "ep")).orElse(1);
    int dp = dataParallel(r, tp, pp);
    String qps = get(r, "request_rate_qps");
    double rate = qps.isEmpty() ? Double.NaN
        : qps.toLowerCase(Locale.ROOT).startsWith("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(qps);
    String batch = get(r, "batch_size").isEmpty() ? get(r, "concurrency") : get(r, "batch_size");
    int isl = integer(get(r, "isl")).orElseThrow(() -> new IllegalArgumentException(
        "isl '" + get(r, "isl") + "' is not a whole number of tokens"));
    int osl = integer(get(r, "osl")).orElse(0);
    int b = integer(batch).orElse(0);
    EngineProfile engine = engine(r, category, gpu, isl + Math.max(osl, 1), catalog);
    double throughput = number(get(r, "output_tok_s_total"));
    double e2e = number(get(r, "e2e_latency_ms_mean"));
    if (Double.isNaN(throughput) && category == LatencyValidation.Category.STATIC_BATCH && b > 0 && osl > 0 && e2e > 0) {
      // a fixed batch that finishes together: its tokens over its latency
      throughput = b * (double) osl / (e2e / 1000);
    }
    int attentionTp = tp;
    String attention = get(r, "attention_dp");
    int attentionDp = truthy(attention) ? tp : integer(attention).orElse(1);
    if (attentionDp > 1 && tp % attentionDp == 0) {
      // data-parallel attention (SGLang --enable-dp-attention --dp N, vLLM --data-parallel-size with expert
      // parallelism): N attention replicas of TP/N ranks over the row's TP ranks, experts spread over all of them
      attentionTp = tp / attentionDp;
      ep = Math.max(ep, tp);
      dp = attentionDp;
    }
    // MXFP4 and NVFP4 checkpoints: the scheme decides which layers are 4-bit and the math precision
    // (gpt-oss: MXFP4 experts, BF16 attention and BF16 math on GPUs without FP4 units)
    String label = get(r, "weight_precision").toLowerCase(Locale.ROOT);
    dev.aicompass.model.QuantizationScheme quant = label.contains("mxfp4") ? dev.aicompass.model.QuantizationScheme.MXFP4
        : label.contains("nvfp4") ? dev.aicompass.model.QuantizationScheme.NVFP4 : null;
    Precision stored = quant == null ? weights : model.nativePrecision();
    return new LatencyValidation.Row(get(r, "row_id"), category, model, gpu, stored, kvPrecision, engine, attentionTp, pp,
        isl, osl, b, rate, integer(get(r, "num_requests")).orElse(0), throughput,
        meanOrMedian(r, "ttft_ms"), meanOrMedian(r, "tpot_ms"), ep, dp, quant);
  }

  /** Returns the mean of a latency column ({@code X_mean}), else its median ({@code X_p50}) where a source printed only that. */
  private static double meanOrMedian(Map<String, String> r, String prefix) {
    double mean = number(get(r, prefix + "_mean"));
    return Double.isNaN(mean) ? number(get(r, prefix + "_p50")) : mean;
  }

  private static boolean truthy(String s) {
    String t = s.toLowerCase(Locale.ROOT);
    return t.equals("yes") || t.equals("true") || t.equals("on");
  }

  /** Returns whether the row's engine is TensorRT-LLM (also the default of a row that names no engine). */
  static boolean tensorRt(Map<String, String> r) {
    String e = get(r, "engine").toLowerCase(Locale.ROOT);
    return e.isEmpty() || e.contains("tensorrt") || e.contains("trt");
  }

  /**
   * The engine of a row and its settings. TensorRT-LLM: as the calibration benchmarks ran it (see the
   * class comment). vLLM: the defaults of its version, as {@code vllm serve} and {@code vllm bench
   * throughput} set them: from 0.8 (the V1 engine) chunked prefill, and on devices of 70 GiB or more
   * 1024 sequences and a token budget of 8192 (16 384 offline), else 256 and 2048 (8192 offline); before
   * 0.8 256 sequences without chunked prefill. SGLang: its defaults (chunked prefill of 8192 tokens,
   * CUDA graphs, KV pool at 0.88 of memory). Any other engine (TGI, LMDeploy, MindIE, JetStream, a
   * vendor fork) is estimated as vLLM of the row's version. The constants start from {@code catalog}'s
   * engine entry for the kind and version, so a user catalog's entry applies.
   */
  static EngineProfile engine(Map<String, String> r, LatencyValidation.Category category, Accelerator gpu,
      int maxModelLen, Catalog catalog) {
    String name = get(r, "engine").toLowerCase(Locale.ROOT);
    boolean offline = category == LatencyValidation.Category.OFFLINE_MAX_THROUGHPUT;
    if (tensorRt(r)) {
      double freeFraction = offline ? 0.95 : 0.9;
      EngineProfile engine = trtllm(freeFraction);
      if (category == LatencyValidation.Category.ONLINE_SERVING) {
        engine = triton(freeFraction);
      } else if (category == LatencyValidation.Category.STATIC_BATCH) {
        // engine-level benchmark (gptSessionBenchmark): no server in front of the engine
        engine = EngineProfile.builder().from(engine).requestOverhead(TimeSpan.ZERO).build();
      }
      return engine;
    }
    // the catalog's constants for the engine and version (a user catalog's engine entries, e.g. written by
    // 'aicompass calibrate', apply here), then the settings the benchmark itself implies
    EngineProfile.Builder b = EngineProfile.builder();
    if (name.contains("sglang")) {
      b.from(catalog.engineProfile(EngineKind.SGLANG, null));
    } else {
      String version = MemoryValidation.version(get(r, "engine_version"));
      boolean large = gpu.memory().toGibibytes() >= 70;
      b.from(catalog.engineProfile(EngineKind.VLLM, version));
      if (EngineProfile.vllm(version).isVllmAtLeast(0, 8)) {
        // the V1 engine's defaults depend on the device's memory and on the entry point
        b.maxNumSeqs(large ? 1024 : 256).maxNumBatchedTokens(offline ? (large ? 16384 : 8192) : (large ? 8192 : 2048));
      } else {
        b.maxNumBatchedTokens(Math.max(2048, maxModelLen));
      }
    }
    if (category != LatencyValidation.Category.ONLINE_SERVING) {
      // offline and static-batch benchmarks run the engine in-process: no API server in front of it
      b.requestOverhead(TimeSpan.ZERO);
    }
    return b.build();
  }

  /**
   * Returns the data-parallel replicas of a row: those that {@code num_gpus} holds beyond TP·PP
   * (data-parallel attention is read separately).
   */
  static int dataParallel(Map<String, String> r, int tp, int pp) {
    OptionalInt gpus = integer(get(r, "num_gpus"));
    if (gpus.isPresent() && gpus.getAsInt() > tp * pp && gpus.getAsInt() % (tp * pp) == 0) {
      return gpus.getAsInt() / (tp * pp);
    }
    return 1;
  }

  /**
   * Returns the weight precision of a row's label: the first of its words that names a precision
   * ({@code "FP8 (dynamic)"}, {@code "INT4 AWQ"}, {@code "W4A16"} → INT4, {@code "W8A8"} → INT8).
   */
  static Precision precision(String label) {
    String t = label.toLowerCase(Locale.ROOT);
    if (t.contains("w4a16") || t.contains("awq") || t.contains("gptq")) {
      return Precision.INT4;
    }
    if (t.contains("w8a8-int8") || t.equals("w8a8")) {
      return Precision.INT8;
    }
    if (t.contains("mxfp4") || t.contains("nvfp4")) {
      return Precision.FP4;
    }
    for (String word : t.split("[^a-z0-9]+")) {
      try {
        return Precision.parse(word);
      } catch (IllegalArgumentException e) {
        // not this word
      }
    }
    return Precision.parse(label);
  }

  /**
   * Returns the catalog accelerator of a row: its {@code gpu_key} normalised ({@link MemoryValidation#gpuId}) or its
   * longest run of words the catalog knows ({@link #bestMatch}), else the source's {@code gpu} label
   * the same way.
   */
  static Optional<Accelerator> accelerator(Catalog catalog, String gpuKey, String gpuLabel) {
    for (String text : new String[] {gpuKey, gpuLabel}) {
      if (!text.isEmpty()) {
        Optional<Accelerator> a = catalog.accelerator(MemoryValidation.gpuId(text)).map(e -> e.accelerator())
            .or(() -> bestMatch(text, id -> catalog.accelerator(id).map(e -> e.accelerator()), 1));
        if (a.isPresent()) {
          return a;
        }
      }
    }
    return Optional.empty();
  }


  /** Returns {@code m} attending over the whole sequence in every layer, as the benchmarked engines ran it. */
  static ModelSpec fullAttention(ModelSpec m) {
    if (m.slidingWindow().isEmpty()) {
      return m;
    }
    return ModelSpec.builder().from(m).slidingWindow(OptionalInt.empty()).slidingWindowLayers(0).build();
  }

  /** The catalog model of a row: its {@code model_key}, else its Hugging Face {@code model} id. */
  static Optional<ModelEntry> model(Map<String, String> r, Catalog catalog) {
    for (String text : new String[] {get(r, "model_key"), get(r, "model")}) {
      if (!text.isEmpty()) {
        Optional<ModelEntry> m = bestMatch(text, catalog::model, 2);
        if (m.isPresent()) {
          return m;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the entry that {@code text} names: the text as it is (an id, alias or Hugging Face id),
   * else the longest run of its words that {@code lookup} knows, leftmost first, of at least
   * {@code minWords} words. A Hugging Face id loses its organisation first, and a parenthesised
   * remark is dropped: {@code meta-llama/Meta-Llama-3.1-8B-Instruct} → {@code llama-3.1-8b},
   * {@code Qwen2.5-7B-Instruct-AWQ} → {@code qwen2.5-7b}, {@code AMD Instinct MI300X 192GB (750W)}
   * → {@code mi300x}, {@code H800_SXM_80GB} → {@code h800}.
   */
  static <T> Optional<T> bestMatch(String text, java.util.function.Function<String, Optional<T>> lookup, int minWords) {
    Optional<T> exact = lookup.apply(text.trim());
    if (exact.isPresent()) {
      return exact;
    }
    String t = text.replaceAll("\\(.*?\\)", " ").replace('?', ' ').trim();
    int slash = t.lastIndexOf('/');
    if (slash >= 0) {
      Optional<T> full = lookup.apply(t);
      if (full.isPresent()) {
        return full;
      }
      t = t.substring(slash + 1);
    }
    String[] words = t.toLowerCase(Locale.ROOT).split("[\\s_\\-]+");
    for (int len = words.length; len >= Math.max(1, minWords); len--) {
      for (int from = 0; from + len <= words.length; from++) {
        Optional<T> found = lookup.apply(String.join("-", java.util.Arrays.copyOfRange(words, from, from + len)));
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static String modelName(Map<String, String> r) {
    String key = get(r, "model_key");
    return key.isEmpty() ? get(r, "model").split(" \\(")[0].trim() : key;
  }

  private static String get(Map<String, String> r, String column) {
    String v = r.get(column);
    return v == null ? "" : v.trim();
  }

  private static OptionalInt integer(String s) {
    return s.matches("\\d+") ? OptionalInt.of(Integer.parseInt(s)) : OptionalInt.empty();
  }

  /** Returns the number a cell starts with ({@code "1234.5"}, {@code "~980 (read off a chart)"}), else NaN. */
  private static double number(String s) {
    java.util.regex.Matcher m = NUMBER.matcher(s);
    return m.lookingAt() ? Double.parseDouble(m.group()) : Double.NaN;
  }

  private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
}
