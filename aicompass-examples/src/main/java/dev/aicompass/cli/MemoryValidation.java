package dev.aicompass.cli;

import dev.aicompass.Method;
import dev.aicompass.catalog.Catalog;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.deploy.EngineKind;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.internal.Stats;
import dev.aicompass.memory.MemoryBreakdown;
import dev.aicompass.memory.MemoryEstimator;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.Precision;
import dev.aicompass.model.QuantizationScheme;
import dev.aicompass.parallel.Parallelism;
import dev.aicompass.units.ByteSize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares memory estimates with measured vLLM startup logs (the columns of
 * {@code shared/reference/calibration/memory.csv}): weights per GPU, activation peak, KV pool and
 * KV tokens, per row and as median / p90 / max relative error.
 */
final class MemoryValidation {
  private static final Pattern NUMBER = Pattern.compile("[0-9]+(?:\\.[0-9]+)?");
  private static final Pattern VERSION = Pattern.compile("([0-9]+\\.[0-9]+(?:\\.[0-9]+)?)");

  static final List<String> METRICS = List.of("weights", "activation", "kvPool", "kvTokens");

  /** One compared row. */
  static final class Row {
    final String id;
    final String label;
    final Map<String, double[]> values = new LinkedHashMap<>();
    String skipped;

    Row(String id, String label) {
      this.id = id;
      this.label = label;
    }

    OptionalDouble error(String metric) {
      double[] v = values.get(metric);
      if (v == null) {
        return OptionalDouble.empty();
      }
      return OptionalDouble.of(Math.abs(v[1] - v[0]) / Math.abs(v[0]));
    }
  }

  private MemoryValidation() {}

  static List<Row> run(List<Map<String, String>> csv, Catalog catalog) {
    List<Row> rows = new ArrayList<>();
    for (Map<String, String> r : csv) {
      Row row = new Row(r.get("row_id"), r.get("model_key") + " " + gpuId(r.get("gpu_key")) + " tp" + first(r.get("tp"), 1)
          + (first(r.get("pp"), 1) > 1 ? " pp" + first(r.get("pp"), 1) : "") + " " + version(r.get("engine_version")));
      rows.add(row);
      if (blank(r.get("weights_gib_per_gpu")) && blank(r.get("kv_cache_tokens"))) {
        row.skipped = "no measured weights or tokens";
        continue;
      }
      if (!r.getOrDefault("status", "").startsWith("ok") && !r.getOrDefault("status", "").startsWith("partial")) {
        row.skipped = "status " + r.get("status");
        continue;
      }
      try {
        Deployment d = deployment(r, catalog);
        MemoryBreakdown b = MemoryEstimator.estimate(d, Optional.empty(), Method.ROOFLINE);
        // vLLM logs rank 0: compare the first pipeline stage's figures; tokens are the engine's minimum over stages.
        var rank0 = b.stages().get(0);
        put(row, "weights", r.get("weights_gib_per_gpu"), rank0.weights().toGibibytes());
        put(row, "activation", r.get("activation_peak_gib"), rank0.activation().toGibibytes());
        put(row, "kvPool", r.get("kv_cache_gib_per_gpu"), rank0.kvCachePool().toGibibytes());
        put(row, "kvTokens", r.get("kv_cache_tokens"), b.kvCacheTokens());
      } catch (IllegalArgumentException e) {
        row.skipped = e.getMessage();
      }
    }
    return rows;
  }

  private static void put(Row row, String metric, String measured, double predicted) {
    if (blank(measured)) {
      return;
    }
    double m = Double.parseDouble(NUMBER.matcher(measured).results().findFirst().get().group());
    if (m > 0) {
      row.values.put(metric, new double[] {m, predicted});
    }
  }

  static Deployment deployment(Map<String, String> r, Catalog catalog) {
    ModelSpec model = LatencyRows.model(r, catalog).orElseThrow(() -> new IllegalArgumentException(
        "model '" + r.get("model_key") + "' (" + r.get("model") + ") is not in the catalog")).spec();
    Accelerator gpu = LatencyRows.accelerator(catalog, nonNull(r.get("gpu_key")), nonNull(r.get("gpu")))
        .orElseThrow(() -> new IllegalArgumentException("accelerator '" + r.get("gpu_key") + "' (" + r.get("gpu")
            + ") is not in the catalog"));
    if (!blank(r.get("gpu_total_mem_gib_reported"))) {
      gpu = Accelerator.builder().from(gpu)
          .usableMemory(ByteSize.ofGibibytes(Double.parseDouble(r.get("gpu_total_mem_gib_reported")))).build();
    }
    String version = version(r.get("engine_version"));
    boolean sglang = nonNull(r.get("engine")).toLowerCase(Locale.ROOT).contains("sglang");
    EngineProfile.Builder engine = EngineProfile.builder().kind(sglang ? EngineKind.SGLANG : EngineKind.VLLM).version(version)
        .memoryUtilization(firstDouble(r.get("gpu_memory_utilization"), 0.9));
    if (!blank(r.get("block_size_tokens"))) {
      engine.blockSize((int) first(r.get("block_size_tokens"), 16));
    }
    Deployment.Builder d = Deployment.builder().model(model).accelerator(gpu).engine(engine.build())
        .parallelism(parallelism(r))
        .maxModelLen((int) first(r.get("max_model_len"), 8192));
    String dtype = r.getOrDefault("weight_dtype", "").trim().split("[ (]")[0];
    if (!dtype.isEmpty()) {
      d.weightPrecision(Precision.parse(dtype));
    }
    String quant = r.getOrDefault("weight_quant", "").trim().toLowerCase(Locale.ROOT);
    String modelName = r.getOrDefault("model", "").toLowerCase(Locale.ROOT);
    if (!quant.isEmpty()) {
      QuantizationScheme q;
      if (quant.equals("mxfp4")) {
        q = QuantizationScheme.MXFP4;
      } else if (quant.startsWith("gptq") || modelName.contains("w4a16")) {
        q = QuantizationScheme.GPTQ_INT4;
      } else if (modelName.contains("w8a8")) {
        q = QuantizationScheme.W8A8;
      } else if (quant.startsWith("awq")) {
        q = QuantizationScheme.AWQ_INT4;
      } else {
        q = QuantizationScheme.FP8_DYNAMIC;
      }
      d.quantization(Optional.of(q));
    }
    String kv = r.getOrDefault("kv_cache_dtype", "auto").trim().split("[ (]")[0];
    if (!kv.isEmpty() && !kv.equalsIgnoreCase("auto")) {
      d.kvCachePrecision(Precision.parse(kv));
    }
    return d.build();
  }

  static String gpuId(String gpuKey) {
    String k = gpuKey == null ? "" : gpuKey.replace("?", "").trim();
    switch (k) {
      case "H100_SXM_80GB":
        return "h100-sxm";
      case "A100_SXM_80GB":
        return "a100-sxm-80gb";
      case "H200_SXM_141GB":
        return "h200";
      case "L40S":
        return "l40s";
      case "GH200":
        return "gh200";
      default:
        return k.toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** TP and PP of a row, with its EP (and the DP that EP spans) for expert-parallel MoE rows; DP replicas alone do not change a device's memory. */
  static Parallelism parallelism(Map<String, String> r) {
    int tp = (int) first(r.get("tp"), 1);
    int pp = (int) first(r.get("pp"), 1);
    int ep = (int) first(r.get("ep"), 1);
    int dp = ep > 1 ? (int) Math.max(1, Math.max(first(r.get("dp"), 1), ep / tp)) : 1;
    return Parallelism.of(tp, pp, ep, dp);
  }

  private static String nonNull(String s) {
    return s == null ? "" : s.trim();
  }

  static String version(String text) {
    Matcher m = VERSION.matcher(text == null ? "" : text);
    return m.find() ? m.group(1) : "0.19.0";
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static long first(String s, long dflt) {
    if (blank(s)) {
      return dflt;
    }
    Matcher m = NUMBER.matcher(s);
    return m.find() ? (long) Double.parseDouble(m.group()) : dflt;
  }

  private static double firstDouble(String s, double dflt) {
    if (blank(s)) {
      return dflt;
    }
    Matcher m = NUMBER.matcher(s);
    return m.find() ? Double.parseDouble(m.group()) : dflt;
  }

  /** Median, 90th percentile and maximum of relative errors of {@code metric}. */
  static double[] summary(List<Row> rows, String metric) {
    double[] errs = rows.stream().filter(r -> r.skipped == null).map(r -> r.error(metric))
        .filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble).sorted().toArray();
    if (errs.length == 0) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN, 0};
    }
    return new double[] {Stats.percentile(errs, 0.5), Stats.percentile(errs, 0.9), errs[errs.length - 1], errs.length};
  }


}
