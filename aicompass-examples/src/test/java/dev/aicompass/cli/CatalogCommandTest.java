package dev.aicompass.cli;

import static dev.aicompass.cli.Cli.hasFields;
import static dev.aicompass.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code aicompass catalog} against shared/docs/CLI.md ("Catalog ids that must resolve"). */
class CatalogCommandTest {

  @Test
  void listJsonHoldsTheContractIds() {
    JsonNode n = run("catalog", "list", "--json").json();
    Set<String> models = ids(n.get("models"));
    Set<String> gpus = ids(n.get("accelerators"));
    for (String m : List.of("llama-3.1-8b", "llama-3.1-70b", "mixtral-8x22b", "deepseek-r1", "gpt-oss-120b", "qwen3-235b-a22b")) {
      assertTrue(models.contains(m), m);
    }
    for (String g : List.of("h100-sxm", "h200", "gh200", "l40s", "a100-sxm-80gb", "mi300x", "tpu-v6e", "inferentia2")) {
      assertTrue(gpus.contains(g), g);
    }
    assertTrue(ids(n.get("quantization")).containsAll(List.of("fp8-dynamic", "gptq-int4", "awq-int4", "mxfp4", "nvfp4")));
  }

  @Test
  void showResolvesAnAlias() {
    JsonNode n = run("catalog", "show", "H100_SXM_80GB", "--json").json();
    assertEquals("h100-sxm", n.get("id").asText());
    hasFields(n, "memory", "memoryBandwidth", "peak", "source");
  }

  @Test
  void unknownIdIsBadInputOnOneLine() {
    run("catalog", "show", "h100-sxm5-nope", "--json").fails(2, "h100-sxm5-nope").oneLine();
  }

  @Test
  void unknownActionIsBadInput() {
    run("catalog", "delete").fails(2, "catalog ACTION ('delete')").oneLine();
  }

  private static Set<String> ids(JsonNode arr) {
    Set<String> out = new HashSet<>();
    arr.forEach(e -> out.add(e.get("id").asText()));
    return out;
  }
}
