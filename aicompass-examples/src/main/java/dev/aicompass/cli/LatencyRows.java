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

  /** The catalog accelerator id of a {@code gpu_key} of the calibration files. */
  static String gpuId(String gpuKey) {
    return MemoryValidation.gpuId(gpuKey);
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
      Optional<Accelerator> gpu = catalog.accelerator(gpuId(get(r, "gpu_key"))).map(e -> e.accelerator());
      if (gpu.isEmpty()) {
        out.skipped.add(new Skipped(id, label, "accelerator '" + get(r, "gpu_key") + "' is not in the catalog"));
        continue;
      }
      OptionalInt tp = integer(get(r, "tp"));
      if (tp.isEmpty()) {
        out.skipped.add(new Skipped(id, label, "tp '" + get(r, "tp") + "' is not a number"));
        continue;
      }
      try {
        out.rows.add(row(r, fullAttention(model.get().spec()), gpu.get(), tp.getAsInt()));
      } catch (IllegalArgumentException e) {
        out.skipped.add(new Skipped(id, label, Main.oneLine(e.getMessage())));
      }
    }
    return out;
  }

  private static LatencyValidation.Row row(Map<String, String> r, ModelSpec model, Accelerator gpu, int tp) {
    LatencyValidation.Category category = LatencyValidation.Category.parse(get(r, "category"));
    Precision weights = Precision.parse(get(r, "weight_precision").toLowerCase(Locale.ROOT));
    String kv = get(r, "kv_cache_dtype").toLowerCase(Locale.ROOT);
    Precision kvPrecision = kv.startsWith("fp8") || (kv.isEmpty() && weights == Precision.FP8) ? Precision.FP8
        : weights.bits() >= 16 ? weights : Precision.BF16;
    double freeFraction = category == LatencyValidation.Category.OFFLINE_MAX_THROUGHPUT ? 0.95 : 0.9;
    EngineProfile engine = trtllm(freeFraction);
    if (category == LatencyValidation.Category.ONLINE_SERVING) {
      engine = triton(freeFraction);
    } else if (category == LatencyValidation.Category.STATIC_BATCH) {
      // engine-level benchmark (gptSessionBenchmark): no server in front of the engine
      engine = EngineProfile.builder().from(engine).requestOverhead(TimeSpan.ZERO).build();
    }
    String qps = get(r, "request_rate_qps");
    double rate = qps.isEmpty() ? Double.NaN
        : qps.equalsIgnoreCase("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(qps);
    String batch = get(r, "batch_size").isEmpty() ? get(r, "concurrency") : get(r, "batch_size");
    return new LatencyValidation.Row(get(r, "row_id"), category, model, gpu, weights, kvPrecision, engine, tp,
        integer(get(r, "pp")).orElse(1), Integer.parseInt(get(r, "isl")), integer(get(r, "osl")).orElse(0),
        integer(batch).orElse(0), rate, integer(get(r, "num_requests")).orElse(0), number(get(r, "output_tok_s_total")),
        number(get(r, "ttft_ms_mean")), number(get(r, "tpot_ms_mean")));
  }

  /** Returns {@code m} attending over the whole sequence in every layer, as the benchmarked engines ran it. */
  static ModelSpec fullAttention(ModelSpec m) {
    if (m.slidingWindow().isEmpty()) {
      return m;
    }
    return ModelSpec.builder().from(m).slidingWindow(OptionalInt.empty()).slidingWindowLayers(0).build();
  }

  /** The catalog model of a row: its {@code model_key}, else its Hugging Face {@code model} id. */
  private static Optional<ModelEntry> model(Map<String, String> r, Catalog catalog) {
    String key = get(r, "model_key");
    if (!key.isEmpty()) {
      return catalog.model(key);
    }
    return catalog.model(modelName(r));
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

  private static double number(String s) {
    return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
  }
}
