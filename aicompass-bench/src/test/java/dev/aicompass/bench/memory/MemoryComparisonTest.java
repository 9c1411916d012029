package dev.aicompass.bench.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.bench.memory.MemoryComparison.Component;
import dev.aicompass.bench.memory.MemoryComparison.Result;
import dev.aicompass.catalog.Catalog;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Compares the synthetic CSV (made-up measurements, not from a GPU). Expected estimates are
 * computed here by hand from the published configs, not by the library.
 */
class MemoryComparisonTest {
  private static final Catalog CATALOG = Catalog.builtIn();

  /**
   * Llama-3.1-8B parameters from its config.json: embedding and untied LM head 2·128256·4096,
   * 32 layers of q/o 2·4096·4096, k/v 2·4096·1024, MLP 3·4096·14336 and two norms 2·4096, final
   * norm 4096; 8,030,261,248 in all (the model card's 8.03B).
   */
  private static final long LLAMA_8B_PARAMS = 2L * 128256 * 4096
      + 32L * (2L * 4096 * 4096 + 2L * 4096 * 1024 + 3L * 4096 * 14336 + 2 * 4096) + 4096;

  /** KV bytes of a bf16 cache: 2 (K and V) · layers · KV heads · head dim · 2 bytes · batch · tokens. */
  private static long kv(int layers, int kvHeads, int headDim, int batch, int tokens) {
    return 2L * layers * kvHeads * headDim * 2 * batch * tokens;
  }

  @Test
  void estimatesWeightsAsParametersTimesTwoBytes() throws IOException {
    assertEquals(8_030_261_248L, LLAMA_8B_PARAMS);
    Result r = report().results().get(0);
    // Plain transformers computes RoPE on the fly: no cos/sin cache, so weights are parameters × 2 bytes.
    long expected = LLAMA_8B_PARAMS * 2;
    assertEquals(expected, r.estimated().get(Component.WEIGHTS));
    // The synthetic row measured exactly parameters × 2 bytes.
    assertEquals(0.0, r.relativeError(Component.WEIGHTS), 1e-12);
  }

  @Test
  void estimatesKvCacheFromLayersHeadsAndTokens() throws IOException {
    List<Result> results = report().results();
    // Llama-3.1-8B: 32 layers, 8 KV heads of 128; batch 2 of 256 + 256 tokens.
    assertEquals(kv(32, 8, 128, 2, 512), results.get(0).estimated().get(Component.KV_CACHE));
    assertEquals(0.0, results.get(0).relativeError(Component.KV_CACHE), 0.0);
    // Mixtral-8x7B scaled to 15 of 32 layers: KV follows the built layers.
    assertEquals(kv(15, 8, 128, 1, 512), results.get(2).estimated().get(Component.KV_CACHE));
    // LLaVA-1.5-7B: MHA (32 KV heads) and 576 image tokens before the 256 + 256 text tokens.
    assertEquals(kv(32, 32, 128, 1, 576 + 512), results.get(3).estimated().get(Component.KV_CACHE));
  }

  @Test
  void totalIsTheSumOfTheComponentsAgainstThePeak() throws IOException {
    for (Result r : report().results()) {
      assertEquals(r.estimated().get(Component.WEIGHTS) + r.estimated().get(Component.KV_CACHE)
          + r.estimated().get(Component.ACTIVATION), r.estimated().get(Component.TOTAL));
      assertEquals(r.row().peakBytes().getAsLong(), r.measured().get(Component.TOTAL));
    }
  }

  @Test
  void skipsOomRowsAndSummarizesTheRest() throws IOException {
    MemoryComparison.Report report = report();
    assertEquals(4, report.results().size());
    assertEquals(1, report.skipped().size());
    MemoryComparison.Summary kv = report.summaries().get(Component.KV_CACHE.ordinal());
    // |errors|: 0 and 0 for the two Llama rows, then the made-up 1000-byte Mixtral and LLaVA rows.
    double mixtral = (kv(15, 8, 128, 1, 512) - 1000) / 1000.0;
    double llava = (kv(32, 32, 128, 1, 1088) - 1000) / 1000.0;
    assertEquals(4, kv.rows());
    assertEquals(mixtral / 2, kv.median(), 1e-9);
    assertEquals(llava, kv.p90(), 1e-9);
    assertEquals(llava, kv.max(), 1e-9);
    String text = MemoryComparison.format(report);
    assertTrue(text.contains("over 4 rows (1 skipped: oom or error)"), text);
  }

  @Test
  void rejectsAModelTheScriptDoesNotRun() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MemoryComparison.compare(List.of(MemoryCheckCsvTest.row("gpt-2")), CATALOG));
    assertTrue(e.getMessage().startsWith("model (\"gpt-2\") must be one of"), e.getMessage());
  }

  private static MemoryComparison.Report report() throws IOException {
    return MemoryComparison.compare(MemoryCheckCsv.read(MemoryCheckCsvTest.SYNTHETIC), CATALOG);
  }
}
