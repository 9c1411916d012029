package dev.aicompass.cli;

import static dev.aicompass.cli.Cli.hasFields;
import static dev.aicompass.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code aicompass recommend} against shared/docs/CLI.md. */
class RecommendCommandTest {

  @Test
  void jsonListsPlansBestFirstWithTheContractFields() {
    JsonNode n = run("recommend", "--model", "llama-3.1-70b", "--gpu", "h100-sxm", "--gpu", "h200", "--gpu", "l40s",
        "--input-len", "2048", "--output-len", "512", "--concurrency", "64", "--ttft", "500ms", "--tpot", "50ms",
        "--json").json();
    JsonNode plans = n.get("plans");
    assertTrue(plans.isArray() && plans.size() == 3, n.toString());
    for (JsonNode p : plans) {
      hasFields(p, "gpu", "count", "tp", "pp", "ep", "dp", "ttftMs", "tpotMs", "outputTokensPerSecond", "memoryPerGpuGiB",
          "meetsSlo", "limitedBy");
      assertTrue(p.get("limitedBy").isArray());
      assertEquals(p.get("count").asInt(), p.get("tp").asInt() * p.get("pp").asInt() * p.get("dp").asInt(), p.toString());
    }
    JsonNode best = plans.get(0);
    assertTrue(best.get("meetsSlo").asBoolean(), best.toString());
    assertTrue(best.get("ttftMs").asDouble() <= 500 && best.get("tpotMs").asDouble() <= 50, best.toString());
  }

  @Test
  void aBareNumberIsMilliseconds() {
    JsonNode n = run("recommend", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--concurrency", "4", "--ttft", "800",
        "--tpot", "40", "--json").json();
    assertTrue(n.get("plans").get(0).get("meetsSlo").asBoolean());
  }

  @Test
  void badTimeIsBadInputOnOneLine() {
    run("recommend", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--ttft", "soon").fails(2, "--ttft (soon)").oneLine();
  }

  @Test
  void acceleratorWithoutPeakIsBadInput() {
    run("recommend", "--model", "llama-3.1-8b", "--gpu", "mi355x", "--json").fails(2, "mi355x").oneLine();
  }

  @Test
  void parseErrorsAreOneLineWithTheHelpHint() {
    run("recommend", "--model", "llama-3.1-8b", "--bogus").fails(2, "Unknown option: '--bogus' (try 'aicompass recommend --help')").oneLine();
    run("memory", "--gpu", "h100-sxm").fails(2, "Missing required option: '--model=ID|PATH'").oneLine();
  }

  @Test
  void theSeedsSloCaseFromTheExampleCatalogNeedsSixteenCards() {
    JsonNode n = run("recommend", "--catalog", "catalogs/seed-device.json", "--model", "deepseek-r1", "--gpu", "domestic-1123",
        "--input-len", "1024", "--output-len", "1024", "--concurrency", "32", "--ttft", "500ms", "--tpot", "50ms", "--json")
        .json();
    JsonNode best = n.get("plans").get(0);
    assertEquals(16, best.get("count").asInt(), best.toString());
    assertTrue(best.get("meetsSlo").asBoolean());
    assertTrue(best.get("ep").asInt() > best.get("tp").asInt(), "wide expert parallelism: " + best);
  }

  @Test
  void fourBitWeightDtypesNameTheirSchemesAsInPlanAndPerf() {
    // CLI.md lists mxfp4 and nvfp4 for --weight-dtype; recommend once rejected them as unknown precisions
    JsonNode n = run("recommend", "--model", "gpt-oss-20b", "--gpu", "h100-sxm", "--weight-dtype", "mxfp4", "--json").json();
    assertEquals(1, n.get("plans").get(0).get("count").asInt(), n.toString());
    run("recommend", "--model", "gpt-oss-20b", "--gpu", "h100-sxm", "--weight-dtype", "mxfp4", "--quant", "awq-int4")
        .fails(2, "--weight-dtype mxfp4 contradicts --quant awq-int4").oneLine();
    run("plan", "--model", "llama-3.1-8b", "--gpu", "h100-sxm", "--kv-dtype", "int4")
        .fails(2, "--kv-dtype (int4) must be one of auto, bf16, fp16, fp8, fp32").oneLine();
  }
}
