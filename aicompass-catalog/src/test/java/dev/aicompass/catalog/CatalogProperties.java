package dev.aicompass.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.aicompass.catalog.internal.JsonDocument;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.ParameterBreakdown;
import dev.aicompass.model.Precision;
import dev.aicompass.units.Bandwidth;
import dev.aicompass.units.ByteSize;
import dev.aicompass.units.FlopRate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Properties of the loader and the importer over generated inputs. */
class CatalogProperties {
  private static final List<String> BYTE_UNITS = List.of("GiB", "GB", "MiB", "TiB", "MB");
  private static final List<String> BANDWIDTH_UNITS = List.of("TB/s", "GB/s", "GiB/s", "Gb/s");
  private static final List<String> RATE_UNITS = List.of("TFLOPS", "PFLOPS", "TOPS", "GFLOPS");

  private static Accelerator loadAccelerator(String memory, String bandwidth, String peak) {
    String json = "{\"accelerators\": [{\"id\": \"gen\", \"memory\": \"" + memory + "\", \"memoryBandwidth\": \""
        + bandwidth + "\", \"peak\": {\"bf16\": \"" + peak + "\"}, \"source\": \"generated\"}]}";
    return Catalog.empty().withDocuments(List.of(JsonDocument.parse("gen.json", json))).requireAccelerator("gen")
        .accelerator();
  }

  @Test
  void quantityStringsRoundTripThroughTheLoader() {
    qt().withExamples(300).forAll(doubles().between(0.01, 4096), integers().between(0, BYTE_UNITS.size() - 1),
        integers().between(0, BANDWIDTH_UNITS.size() - 1), integers().between(0, RATE_UNITS.size() - 1))
        .checkAssert((value, bu, wu, ru) -> {
          String number = String.format(Locale.ROOT, "%.3f", value);
          String memory = number + " " + BYTE_UNITS.get(bu);
          String bandwidth = number + " " + BANDWIDTH_UNITS.get(wu);
          String peak = number + " " + RATE_UNITS.get(ru);
          Accelerator a = loadAccelerator(memory, bandwidth, peak);
          // the loader parses exactly as the unit types do
          assertEquals(ByteSize.parse(memory), a.memory(), memory);
          assertEquals(Bandwidth.parse(bandwidth), a.memoryBandwidth(), bandwidth);
          assertEquals(FlopRate.parse(peak), a.peaks().get(Precision.BF16), peak);
          // and what the types print loads back to (nearly) the same value: toString keeps 3+ significant digits
          Accelerator again = loadAccelerator(a.memory().toString(), a.memoryBandwidth().toString(),
              a.peaks().get(Precision.BF16).toString());
          assertClose(a.memory().bytes(), again.memory().bytes(), memory);
          assertClose(a.memoryBandwidth().bytesPerSecond(), again.memoryBandwidth().bytesPerSecond(), bandwidth);
          assertClose(a.peaks().get(Precision.BF16).flopsPerSecond(), again.peaks().get(Precision.BF16).flopsPerSecond(),
              peak);
        });
  }

  private static void assertClose(double expected, double actual, String what) {
    assertTrue(Math.abs(expected - actual) <= 0.005 * expected + 1, what + ": " + expected + " vs " + actual);
  }

  private static final List<String> ARCHITECTURES = List.of("LlamaForCausalLM", "Qwen2ForCausalLM",
      "Gemma2ForCausalLM", "PhiForCausalLM", "MixtralForCausalLM", "Qwen3MoeForCausalLM", "DeepseekV3ForCausalLM",
      "GptOssForCausalLM", "SomethingNewForCausalLM");

  /** A config of the given architecture whose fields are all valid (heads divisible by KV heads, MoE fields present). */
  static String config(String arch, int headsLog, int kvLog, int headDimStep, int layers, int inter, int vocab,
      int experts) {
    int heads = 1 << headsLog;
    int kv = 1 << Math.min(kvLog, headsLog);
    int headDim = 16 * headDimStep;
    int hidden = heads * headDim;
    int k = Math.max(1, Math.min(experts, 2));
    StringBuilder sb = new StringBuilder("{\"architectures\": [\"" + arch + "\"], \"hidden_size\": " + hidden
        + ", \"num_hidden_layers\": " + layers + ", \"num_attention_heads\": " + heads + ", \"num_key_value_heads\": "
        + kv + ", \"intermediate_size\": " + inter + ", \"vocab_size\": " + vocab + ", \"torch_dtype\": \"bfloat16\""
        + ", \"max_position_embeddings\": 4096, \"sliding_window\": 1024");
    sb.append(", \"num_local_experts\": ").append(experts).append(", \"num_experts\": ").append(experts)
        .append(", \"n_routed_experts\": ").append(experts).append(", \"num_experts_per_tok\": ").append(k)
        .append(", \"experts_per_token\": ").append(k).append(", \"moe_intermediate_size\": ").append(inter)
        .append(", \"n_shared_experts\": 1, \"first_k_dense_replace\": ").append(Math.min(1, layers - 1))
        .append(", \"kv_lora_rank\": 64, \"q_lora_rank\": null, \"qk_rope_head_dim\": 16, \"qk_nope_head_dim\": 32,")
        .append(" \"v_head_dim\": 32}");
    return sb.toString();
  }

  @Test
  void importedSpecsAlwaysHavePositiveParameterCounts() {
    qt().withExamples(400).forAll(integers().between(0, ARCHITECTURES.size() - 1), integers().between(0, 6),
        integers().between(0, 6), integers().between(1, 16))
        .checkAssert((a, headsLog, kvLog, headDimStep) -> {
          for (int[] shape : new int[][] {{1, 64, 100, 1}, {3, 1000, 32000, 4}, {5, 7, 7, 2}}) {
            String arch = ARCHITECTURES.get(a);
            ImportResult r = HfConfigImporter.fromJson("gen", config(arch, headsLog, kvLog, headDimStep, shape[0],
                shape[1], shape[2], shape[3]));
            ModelSpec m = r.spec();
            ParameterBreakdown p = m.parameters();
            assertTrue(p.total() > 0, arch + ": total " + p.total());
            assertTrue(p.active() > 0 && p.active() <= p.total(), arch + ": active " + p.active());
            for (long v : p.byComponent().values()) {
              assertTrue(v > 0, arch + ": " + p);
            }
          }
        });
  }
}
