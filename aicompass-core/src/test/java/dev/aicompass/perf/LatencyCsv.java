package dev.aicompass.perf;

import dev.aicompass.deploy.EngineKind;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.Precision;
import dev.aicompass.testing.Fixtures;
import dev.aicompass.testing.PerfFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Reads shared/reference/calibration/latency.csv into {@link LatencyValidation.Row}s (test helper). */
final class LatencyCsv {
  private LatencyCsv() {}

  static final Map<String, Supplier<ModelSpec>> MODELS = Map.of(
      "llama-3.1-8b", Fixtures::llama31_8b,
      "llama-3.1-70b", PerfFixtures::llama31_70b,
      "mistral-7b", PerfFixtures::mistral7b,
      "mixtral-8x7b", Fixtures::mixtral8x7b,
      "mixtral-8x22b", PerfFixtures::mixtral8x22b,
      "gpt-j-6b", PerfFixtures::gptJ6b,
      "llama-2-13b", PerfFixtures::llama2_13b,
      "llama-2-70b", PerfFixtures::llama2_70b);

  /** Model keys of rows whose {@code model_key} is empty, by their Hugging Face {@code model} id (catalog aliases). */
  static final Map<String, String> HF_IDS = Map.of("mistralai/Mixtral-8x22B-v0.1", "mixtral-8x22b");

  static final Map<String, Supplier<Accelerator>> GPUS = Map.of(
      "A100_SXM_80GB", PerfFixtures::a100Sxm80,
      "H100_SXM_80GB", Fixtures::h100,
      "H200_SXM_141GB", PerfFixtures::h200,
      "GH200", PerfFixtures::gh200,
      "L40S", PerfFixtures::l40s);

  /** Returns the CSV: system property {@code aicompass.calibration.dir}, else ../../shared/reference/calibration. */
  static Optional<Path> locate() {
    String dir = System.getProperty("aicompass.calibration.dir");
    Path p = dir != null ? Paths.get(dir, "latency.csv") : Paths.get("..", "..", "shared", "reference", "calibration", "latency.csv");
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  /**
   * The TensorRT-LLM settings of the calibration rows: kv_cache_free_gpu_mem_fraction 0.95 (offline)
   * or 0.9, max_batch_size 2048, max_num_tokens 8192. TensorRT-LLM keeps one FP32 logits row per
   * sequence (not vLLM's sampler copies), hence samplerLogitCopies 1.
   */
  static EngineProfile trtllm(double freeFraction) {
    return EngineProfile.builder().kind(EngineKind.TRTLLM).memoryUtilization(freeFraction).maxNumSeqs(2048)
        .maxNumBatchedTokens(8192).samplerLogitCopies(1.0).build();
  }

  /**
   * The Triton TensorRT-LLM backend (0.14) of the online rows, streaming every token: 2 ms per
   * scheduler step (fitted on TPOT at the lowest request rates: 8 ms measured on H100 vs 6.5 ms of
   * weight streaming), request overhead as {@link EngineProfile#requestOverhead()}.
   */
  static EngineProfile triton(double freeFraction) {
    return EngineProfile.builder().from(trtllm(freeFraction)).version("0.14-triton")
        .stepOverhead(dev.aicompass.units.TimeSpan.ofMillis(2.0)).build();
  }

  static List<LatencyValidation.Row> read(Path csv, List<String> skipped) throws IOException {
    List<List<String>> records = parse(Files.readString(csv, StandardCharsets.UTF_8));
    List<String> header = records.get(0);
    Map<String, Integer> col = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      col.put(header.get(i), i);
    }
    List<LatencyValidation.Row> rows = new ArrayList<>();
    for (List<String> r : records.subList(1, records.size())) {
      if (r.size() < header.size()) {
        continue;
      }
      java.util.function.Function<String, String> f = name -> r.get(col.get(name)).trim();
      String id = f.apply("row_id");
      String key = f.apply("model_key").isEmpty() ? HF_IDS.getOrDefault(f.apply("model"), "") : f.apply("model_key");
      Supplier<ModelSpec> model = MODELS.get(key);
      Supplier<Accelerator> gpu = GPUS.get(f.apply("gpu_key"));
      if (model == null || gpu == null || !f.apply("tp").matches("\\d+")) {
        skipped.add(id + " (" + f.apply("model") + ", " + f.apply("gpu_key") + ", tp " + f.apply("tp") + ")");
        continue;
      }
      LatencyValidation.Category category = LatencyValidation.Category.parse(f.apply("category"));
      Precision weights = Precision.parse(f.apply("weight_precision").toLowerCase(Locale.ROOT));
      String kv = f.apply("kv_cache_dtype").toLowerCase(Locale.ROOT);
      Precision kvPrecision = kv.startsWith("fp8") || (kv.isEmpty() && weights == Precision.FP8) ? Precision.FP8
          : weights.bits() >= 16 ? weights : Precision.BF16;
      double freeFraction = category == LatencyValidation.Category.OFFLINE_MAX_THROUGHPUT ? 0.95 : 0.9;
      EngineProfile engine = trtllm(freeFraction);
      if (category == LatencyValidation.Category.ONLINE_SERVING) {
        engine = triton(freeFraction);
      } else if (category == LatencyValidation.Category.STATIC_BATCH) {
        // engine-level benchmark (gptSessionBenchmark): no server in front of the engine
        engine = EngineProfile.builder().from(engine).requestOverhead(dev.aicompass.units.TimeSpan.ZERO).build();
      }
      String qps = f.apply("request_rate_qps");
      double rate = qps.isEmpty() ? Double.NaN : qps.equalsIgnoreCase("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(qps);
      String batch = f.apply("batch_size").isEmpty() ? f.apply("concurrency") : f.apply("batch_size");
      rows.add(new LatencyValidation.Row(id, category, model.get(), gpu.get(), weights, kvPrecision, engine,
          Integer.parseInt(f.apply("tp")), f.apply("pp").matches("\\d+") ? Integer.parseInt(f.apply("pp")) : 1,
          Integer.parseInt(f.apply("isl")), f.apply("osl").matches("\\d+") ? Integer.parseInt(f.apply("osl")) : 0,
          batch.matches("\\d+") ? Integer.parseInt(batch) : 0, rate,
          f.apply("num_requests").matches("\\d+") ? Integer.parseInt(f.apply("num_requests")) : 0,
          number(f.apply("output_tok_s_total")), number(f.apply("ttft_ms_mean")), number(f.apply("tpot_ms_mean"))));
    }
    return rows;
  }

  private static double number(String s) {
    return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
  }

  /** Splits RFC 4180 CSV text (quoted fields, doubled quotes, newlines inside quotes). */
  static List<List<String>> parse(String text) {
    List<List<String>> out = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            cell.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(cell.toString());
        cell.setLength(0);
        if (!(row.size() == 1 && row.get(0).isEmpty())) {
          out.add(row);
        }
        row = new ArrayList<>();
      } else {
        cell.append(c);
      }
    }
    if (cell.length() > 0 || !row.isEmpty()) {
      row.add(cell.toString());
      out.add(row);
    }
    return out;
  }
}
