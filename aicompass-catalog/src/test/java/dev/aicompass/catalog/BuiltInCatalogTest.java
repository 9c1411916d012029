package dev.aicompass.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.aicompass.hardware.Accelerator;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.ParameterBreakdown;
import dev.aicompass.model.Precision;
import dev.aicompass.units.FlopRate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The shipped presets: every entry loads and validates, parameter totals match the published
 * figures, every id of the command-line contract resolves, accelerator datasheets are sane.
 */
class BuiltInCatalogTest {

  /** Loads the built-in catalog, failing with every problem listed (one per line) when any entry is bad. */
  static Catalog catalog() {
    try {
      return Catalog.builtIn();
    } catch (CatalogException e) {
      fail("the built-in catalog has " + e.problems().size() + " invalid entries:\n  " + String.join("\n  ", e.problems()));
      throw e;
    }
  }

  @Test
  void everyPresetLoadsAndValidates() {
    Catalog c = catalog();
    assertFalse(c.models().isEmpty(), "no model presets found");
    assertFalse(c.accelerators().isEmpty(), "no accelerator presets found");
    List<String> bad = new ArrayList<>();
    for (ModelEntry m : c.models()) {
      try {
        ParameterBreakdown p = m.spec().parameters();
        if (p.total() <= 0 || p.active() <= 0 || p.active() > p.total()) {
          bad.add(m.id() + ": parameters total " + p.total() + ", active " + p.active());
        }
        if (m.source().isBlank()) {
          bad.add(m.id() + ": no source");
        }
        if (!m.spec().name().equals(m.id())) {
          bad.add(m.id() + ": spec named " + m.spec().name());
        }
      } catch (RuntimeException e) {
        bad.add(m.id() + ": " + e);
      }
    }
    for (AcceleratorEntry a : c.accelerators()) {
      if (a.accelerator().source().isBlank()) {
        bad.add(a.id() + ": no source");
      }
    }
    assertTrue(bad.isEmpty(), "invalid presets:\n  " + String.join("\n  ", bad));
  }

  /**
   * Derived totals against published counts (within 2 %): Meta's Llama 3.1 model card (8.03B,
   * 70.6B, 405.9B... as 8B/70B/405B with exact counts on the Hugging Face pages), Mistral's Mixtral
   * announcements (46.7B, 141B; 140.6B exact), DeepSeek-V3 technical report (671B total, 37B
   * activated), Qwen3 technical report (30.5B, 235.1B... as 30B-A3B and 235B-A22B), Gemma 2 report
   * (9.24B for 9B), Phi-4 technical report (14.7B).
   */
  private static final Map<String, Double> PUBLISHED_TOTALS = new LinkedHashMap<>();

  static {
    PUBLISHED_TOTALS.put("llama-3.1-8b", 8.03e9);
    PUBLISHED_TOTALS.put("llama-3.1-70b", 70.6e9);
    PUBLISHED_TOTALS.put("llama-3.1-405b", 405.9e9);
    PUBLISHED_TOTALS.put("mixtral-8x7b", 46.7e9);
    PUBLISHED_TOTALS.put("mixtral-8x22b", 140.6e9);
    PUBLISHED_TOTALS.put("deepseek-v3", 671e9);
    PUBLISHED_TOTALS.put("qwen3-30b-a3b", 30.5e9);
    PUBLISHED_TOTALS.put("qwen3-235b-a22b", 235.1e9);
    PUBLISHED_TOTALS.put("gemma-2-9b", 9.24e9);
    PUBLISHED_TOTALS.put("phi-4", 14.7e9);
  }

  @Test
  void parameterTotalsMatchPublishedCountsWithinTwoPercent() {
    Catalog c = catalog();
    List<String> problems = new ArrayList<>();
    StringBuilder table = new StringBuilder();
    PUBLISHED_TOTALS.forEach((id, published) -> {
      Optional<ModelEntry> m = c.model(id);
      if (m.isEmpty()) {
        problems.add("preset '" + id + "' is missing from the catalog (models/*.json); the published total "
            + published / 1e9 + "B cannot be checked");
        return;
      }
      long total = m.get().spec().parameters().total();
      double err = (total - published) / published;
      table.append(String.format(Locale.ROOT, "%-18s %9.3fB %9.3fB %+6.2f%%%n", id, total / 1e9, published / 1e9,
          100 * err));
      if (Math.abs(err) > 0.02) {
        problems.add(String.format(Locale.ROOT, "%s: derived %.3fB vs published %.3fB (%+.2f%%, limit 2%%)", id,
            total / 1e9, published / 1e9, 100 * err));
      }
    });
    System.out.print(table);
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void deepSeekV3ActivatesAbout37BillionParameters() {
    // DeepSeek-V3 technical report: 671B total, 37B activated per token (embedding and head included).
    ModelSpec v3 = catalog().requireModel("deepseek-v3").spec();
    double active = v3.parameters().active();
    assertEquals(37e9, active, 0.03 * 37e9, "active parameters " + active / 1e9 + "B");
  }

  /**
   * Every preset that records {@code publishedParameters} is within 3 % of the derived total.
   * Decided per entry, the published figures of the multimodal entries cover the whole checkpoint
   * (gemma-3-4b: 4.30B "text + vision"; llama-4-scout/maverick: 109B/400B incl. the vision tower),
   * so the total including encoders is compared for all. Entries whose published figure is only a
   * rounded headline (kimi-k2's "1T") still fall within 3 %.
   */
  @Test
  void everyPublishedParameterCountIsWithinThreePercent() {
    List<String> problems = new ArrayList<>();
    for (ModelEntry m : catalog().models()) {
      if (m.publishedParameters().isEmpty()) {
        continue;
      }
      long published = m.publishedParameters().getAsLong();
      long derived = m.spec().parameters().total();
      double err = (derived - published) / (double) published;
      if (Math.abs(err) > 0.03) {
        problems.add(String.format(Locale.ROOT, "%s (%s): derived %.3fB vs published %.3fB (%+.2f%%)", m.id(),
            m.file(), derived / 1e9, published / 1e9, 100 * err));
      }
    }
    assertTrue(problems.isEmpty(), "published parameter counts off by more than 3 %:\n  " + String.join("\n  ", problems));
  }

  /** The ids of docs/CLI.md, section "Catalog ids that must resolve". */
  static final List<String> CLI_MODELS = List.of("llama-2-7b", "llama-2-13b", "llama-2-70b", "codellama-7b",
      "codellama-34b", "llama-3.1-8b", "llama-3.1-70b", "llama-3.3-70b", "llama-3.1-405b", "llama-4-scout",
      "llama-4-maverick", "mistral-7b", "mixtral-8x7b", "mixtral-8x22b", "mistral-small-3.1-24b",
      "mistral-small-3.2-24b", "qwen2.5-7b", "qwen2.5-32b", "qwen2.5-72b", "qwen3-0.6b", "qwen3-8b", "qwen3-14b",
      "qwen3-32b", "qwen3-30b-a3b", "qwen3-235b-a22b", "qwen1.5-moe-a2.7b", "deepseek-v2-lite", "deepseek-v3",
      "deepseek-r1", "gemma-7b", "gemma-2-2b", "gemma-2-9b", "gemma-2-27b", "gemma-3-4b", "gemma-3-12b", "gemma-3-27b",
      "phi-2", "phi-4", "granite-3.1-2b", "granite-3.1-8b", "granite-3.3-8b", "granite-vision-3.3-2b", "kimi-dev-72b",
      "kimi-vl-a3b", "gpt-oss-20b", "gpt-oss-120b", "gpt-j-6b", "llava-1.5-7b", "qwen2-vl-7b", "qwen2-audio-7b");

  static final List<String> CLI_ACCELERATORS = List.of("a100-sxm-40gb", "a100-sxm-80gb", "a100-pcie-80gb", "h100-sxm",
      "h100-pcie", "h100-nvl", "h200", "h20", "h800", "gh200", "b200", "gb200", "l40s", "l4", "rtx-4090",
      "rtx-pro-6000", "mi250x", "mi300x", "mi325x", "gaudi2", "gaudi3", "tpu-v5e", "tpu-v5p", "tpu-v6e", "ascend-910b",
      "ascend-910c", "trainium2", "inferentia2");

  static final List<String> CLI_QUANTIZATION = List.of("fp8-dynamic", "fp8-block", "w8a8", "gptq-int4", "awq-int4",
      "mxfp4", "nvfp4");

  @Test
  void everyCommandLineModelIdResolves() {
    Catalog c = catalog();
    List<String> missing = new ArrayList<>();
    for (String id : CLI_MODELS) {
      if (c.model(id).isEmpty()) {
        missing.add(id);
      }
    }
    assertTrue(missing.isEmpty(), "model ids promised by docs/CLI.md are missing from models/*.json: " + missing);
  }

  @Test
  void everyCommandLineAcceleratorIdResolves() {
    Catalog c = catalog();
    List<String> missing = new ArrayList<>();
    for (String id : CLI_ACCELERATORS) {
      if (c.accelerator(id).isEmpty()) {
        missing.add(id);
      }
    }
    assertTrue(missing.isEmpty(), "accelerator ids promised by docs/CLI.md are missing from accelerators/*.json: "
        + missing);
  }

  @Test
  void everyCommandLineQuantizationSchemeResolves() {
    Catalog c = catalog();
    for (String id : CLI_QUANTIZATION) {
      assertTrue(c.quantization(id).isPresent(), id);
    }
  }

  /** Precision tiers from narrow to wide; a narrower tier's peak must not be below a wider tier's. */
  private static final List<List<Precision>> TIERS = List.of(
      List.of(Precision.INT4, Precision.FP4),
      List.of(Precision.FP8, Precision.INT8),
      List.of(Precision.BF16, Precision.FP16),
      List.of(Precision.TF32),
      List.of(Precision.FP32));

  @Test
  void acceleratorDatasheetsAreSane() {
    List<String> problems = new ArrayList<>();
    for (AcceleratorEntry e : catalog().accelerators()) {
      Accelerator a = e.accelerator();
      if (a.memory().bytes() <= 0) {
        problems.add(a.id() + ": memory " + a.memory() + " must be positive");
      }
      if (a.usableMemory().isGreaterThan(a.memory())) {
        problems.add(a.id() + ": usableMemory " + a.usableMemory() + " exceeds memory " + a.memory());
      }
      if (!(a.memoryBandwidth().bytesPerSecond() > 0)) {
        problems.add(a.id() + ": bandwidth must be positive");
      }
      for (int i = 0; i < TIERS.size(); i++) {
        for (int j = i + 1; j < TIERS.size(); j++) {
          for (Precision narrow : TIERS.get(i)) {
            for (Precision wide : TIERS.get(j)) {
              FlopRate n = a.peaks().get(narrow);
              FlopRate w = a.peaks().get(wide);
              if (n != null && w != null && n.compareTo(w) < 0) {
                problems.add(a.id() + " (" + e.file() + "): peak " + narrow + " " + n + " is below " + wide + " " + w);
              }
            }
          }
        }
      }
    }
    assertTrue(problems.isEmpty(), "accelerator datasheet problems:\n  " + String.join("\n  ", problems));
  }

  @Test
  void shippedQuantizationIsReadFromTheConfig() {
    Catalog c = catalog();
    assertEquals("fp8-block", c.requireModel("deepseek-v3").spec().nativeQuantization().orElseThrow().id());
    assertEquals("mxfp4", c.requireModel("gpt-oss-120b").spec().nativeQuantization().orElseThrow().id());
    assertTrue(c.requireModel("llama-3.1-8b").spec().nativeQuantization().isEmpty());
  }

  @Test
  void slidingWindowLayersFollowTheArchitecture() {
    Catalog c = catalog();
    // Gemma-2 slides on even layers: 42 layers -> 21 (HF Gemma2Config layer_types).
    assertEquals(21, c.requireModel("gemma-2-9b").spec().slidingWindowLayers());
    // Gemma-3 27B: 62 layers, every 6th global -> 52 sliding (model card: 5 local : 1 global).
    assertEquals(52, c.requireModel("gemma-3-27b").spec().slidingWindowLayers());
    // gpt-oss-120b: layer_types alternate sliding/full over 36 layers, window 128.
    ModelSpec oss = c.requireModel("gpt-oss-120b").spec();
    assertEquals(18, oss.slidingWindowLayers());
    assertEquals(128, oss.slidingWindow().getAsInt());
    // Qwen2.5: use_sliding_window false -> no window.
    assertTrue(c.requireModel("qwen2.5-7b").spec().slidingWindow().isEmpty());
  }
}
