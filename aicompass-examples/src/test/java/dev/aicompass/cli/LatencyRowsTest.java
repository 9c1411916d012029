package dev.aicompass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.catalog.Catalog;
import dev.aicompass.deploy.EngineKind;
import dev.aicompass.model.Precision;
import dev.aicompass.perf.LatencyValidation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How rows of engines, devices and layouts outside the calibration file are read. */
class LatencyRowsTest {
  private static final Catalog CATALOG = Catalog.builtIn();

  private static Map<String, String> row(String... kv) {
    Map<String, String> r = new HashMap<>();
    r.put("row_id", "T1");
    r.put("category", "online_serving");
    r.put("model_key", "llama-3.1-8b");
    r.put("gpu_key", "H100_SXM_80GB");
    r.put("tp", "1");
    r.put("isl", "1024");
    r.put("osl", "128");
    r.put("weight_precision", "BF16");
    for (int i = 0; i < kv.length; i += 2) {
      r.put(kv[i], kv[i + 1]);
    }
    return r;
  }

  private static LatencyValidation.Row only(Map<String, String> r) {
    LatencyRows.Mapped m = LatencyRows.map(List.of(r), CATALOG);
    assertEquals(List.of(), m.skipped.stream().map(Object::toString).toList());
    return m.rows.get(0);
  }

  @Test
  void vllmRowsGetTheirVersionsDefaults() {
    LatencyValidation.Row v1 = only(row("engine", "vLLM", "engine_version", "0.9.2", "concurrency", "16"));
    assertEquals(EngineKind.VLLM, v1.engine().kind());
    assertTrue(v1.engine().chunkedPrefill());
    assertEquals(1024, v1.engine().maxNumSeqs());
    assertEquals(8192, v1.engine().maxNumBatchedTokens());
    LatencyValidation.Row v0 = only(row("engine", "vLLM", "engine_version", "0.6.3.post1", "concurrency", "16"));
    assertFalse(v0.engine().chunkedPrefill());
    assertEquals(256, v0.engine().maxNumSeqs());
    LatencyValidation.Row offline = only(row("engine", "vLLM", "engine_version", "0.10.0", "category",
        "offline_max_throughput"));
    assertEquals(16384, offline.engine().maxNumBatchedTokens());
    assertEquals(0, offline.engine().requestOverhead().seconds());
    LatencyValidation.Row sglang = only(row("engine", "SGLang", "engine_version", "0.4.6", "concurrency", "16"));
    assertEquals(EngineKind.SGLANG, sglang.engine().kind());
  }

  @Test
  void devicesResolveFromKeysWithMemorySuffixesOrFromTheLabel() {
    assertEquals("mi300x", only(row("gpu_key", "MI300X_192GB")).accelerator().id());
    assertEquals("h800", only(row("gpu_key", "H800_SXM_80GB")).accelerator().id());
    assertEquals("a100-sxm-80gb", only(row("gpu_key", "A100_SXM_80GB")).accelerator().id());
    assertEquals("mi325x", only(row("gpu_key", "", "gpu", "MI325X")).accelerator().id());
    LatencyRows.Mapped unknown = LatencyRows.map(List.of(row("gpu_key", "WARP_DRIVE_9000")), CATALOG);
    assertTrue(unknown.skipped.get(0).reason.contains("'WARP_DRIVE_9000' is not in the catalog"), unknown.skipped.toString());
  }

  @Test
  void layoutsAndPrecisionsAreRead() {
    LatencyValidation.Row r = only(row("tp", "4", "num_gpus", "8", "weight_precision", "INT4 (AWQ)"));
    assertEquals(2, r.dp());
    assertEquals(Precision.INT4, r.weightPrecision());
    assertEquals(Precision.BF16, r.kvCachePrecision());
    LatencyValidation.Row moe = only(row("engine", "vLLM", "model_key", "deepseek-v3", "gpu_key", "H200_SXM_141GB", "tp", "8",
        "attention_dp", "yes", "num_gpus", "8", "weight_precision", "FP8", "kv_cache_dtype", "auto"));
    assertEquals(1, moe.tp(), "SGLang's DP attention: one attention rank per replica");
    assertEquals(8, moe.ep());
    assertEquals(8, moe.dp());
    assertEquals(8, moe.deployment().parallelism().devices());
    LatencyValidation.Row half = only(row("model_key", "deepseek-v3", "gpu_key", "H200_SXM_141GB", "tp", "8",
        "attention_dp", "2", "weight_precision", "FP8"));
    assertEquals(4, half.tp());
    assertEquals(2, half.dp());
    assertEquals(8, half.deployment().parallelism().devices());
    assertEquals(Precision.FP8, moe.weightPrecision());
    assertEquals(Precision.BF16, moe.kvCachePrecision(), "vLLM's auto KV cache is the 16-bit activation type");
  }

  @Test
  void aConcurrencyWithoutARateIsAClosedLoop() {
    LatencyValidation.Row r = only(row("engine", "vLLM", "concurrency", "8", "request_rate_qps", "inf",
        "num_requests", "200", "ttft_ms_mean", "30", "tpot_ms_mean", "8"));
    LatencyValidation.RowResult e = LatencyValidation.estimate(r);
    assertTrue(e.predictedTpotMs() > 4 && e.predictedTpotMs() < 20, "TPOT of 8 clients of Llama-3.1-8B: " + e.predictedTpotMs());
    assertTrue(e.predictedOutputTokensPerSecond() > 8 * 1000 / 20.0 * 0.5, "throughput " + e.predictedOutputTokensPerSecond());
  }

  @Test
  void staticRowsWithOnlyTheirLatencyGetTheirThroughputAndMediansStandInForMeans() {
    LatencyValidation.Row r = only(row("category", "static_batch", "batch_size", "8", "osl", "128", "e2e_latency_ms_mean",
        "2000"));
    assertEquals(8 * 128 / 2.0, r.measuredOutputTokensPerSecond(), 1e-9);
    LatencyValidation.Row m = only(row("concurrency", "4", "ttft_ms_p50", "41.5", "tpot_ms_p50", "7.25"));
    assertEquals(41.5, m.measuredTtftMs());
    assertEquals(7.25, m.measuredTpotMs());
    LatencyRows.Mapped noIsl = LatencyRows.map(List.of(row("isl", "")), CATALOG);
    assertEquals("isl '' is not a whole number of tokens", noIsl.skipped.get(0).reason);
  }

  @Test
  void speculativeRowsAreSkippedWithTheReason() {
    LatencyRows.Mapped m = LatencyRows.map(List.of(row("speculative_decoding", "EAGLE-3, 3 draft tokens")), CATALOG);
    assertEquals(0, m.rows.size());
    assertTrue(m.skipped.get(0).reason.startsWith("speculative decoding ('EAGLE-3, 3 draft tokens')"), m.skipped.toString());
  }

  @Test
  void modelsResolveFromHuggingFaceIdsOfFineTunesAndQuantizations() {
    assertEquals("llama-3.1-8b", only(row("model_key", "", "model", "meta-llama/Meta-Llama-3.1-8B-Instruct")).model().name());
    assertEquals("qwen2.5-7b", only(row("model_key", "", "model", "Qwen/Qwen2.5-7B-Instruct-AWQ")).model().name());
    assertEquals("mixtral-8x7b", only(row("model_key", "", "model", "mistralai/Mixtral-8x7B-Instruct-v0.1",
        "gpu_key", "H200_SXM_141GB")).model().name());
    assertEquals("qwen3-30b-a3b", only(row("model_key", "", "model", "Qwen/Qwen3-30B-A3B-FP8")).model().name());
    LatencyRows.Mapped none = LatencyRows.map(List.of(row("model_key", "", "model", "acme/Llama-Unknown-9B")), CATALOG);
    assertTrue(none.skipped.get(0).reason.contains("is not in the catalog"), none.skipped.toString());
    assertEquals("mi300x", LatencyRows.accelerator(CATALOG, "", "AMD Instinct MI300X 192GB (750W)").orElseThrow().id());
  }
}
