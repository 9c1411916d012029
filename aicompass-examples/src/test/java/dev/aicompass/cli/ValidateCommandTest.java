package dev.aicompass.cli;

import static dev.aicompass.cli.Cli.hasFields;
import static dev.aicompass.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aicompass validate}: the accuracy targets of the performance issue, checked on the CLI's own
 * output (saturation throughput median ≤ 15 %, p90 ≤ 35 %; TTFT and TPOT under load median ≤ 25 %).
 * The tests that read shared/reference/calibration are skipped where it is absent.
 */
class ValidateCommandTest {

  private static boolean calibrationPresent(String name) {
    try {
      ValidateCommand.locate(name);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Test
  void latencyMeetsTheIssuesAccuracyTargets() {
    assumeTrue(calibrationPresent("latency.csv"), "shared/reference/calibration/latency.csv not found");
    JsonNode n = run("validate", "latency", "--json").json();
    JsonNode s = n.get("summary");
    JsonNode offline = s.get("throughput").get("offline_max_throughput");
    assertTrue(offline.get("n").asInt() >= 250, offline.toString());
    assertTrue(offline.get("median").asDouble() <= 0.15, "saturation throughput median " + offline);
    assertTrue(offline.get("p90").asDouble() <= 0.35, "saturation throughput p90 " + offline);
    JsonNode ttft = s.get("ttft").get("online_serving");
    assertTrue(ttft.get("median").asDouble() <= 0.25, "TTFT under load median " + ttft);
    JsonNode tpot = s.get("tpot").get("online_serving");
    assertTrue(tpot.get("median").asDouble() <= 0.25, "TPOT under load median " + tpot);
    // every row is estimated or says why not
    for (JsonNode r : n.get("rows")) {
      assertTrue(r.has("skipped") || r.has("outputTokensPerSecond") || r.has("ttftMs"), r.toString());
    }
  }

  @Test
  void extraRowsOfOtherEnginesAndDevicesAreEstimatedAsTheReadmeReports() {
    // docs/validation/latency-extra.csv (vLLM, SGLang; NVIDIA, AMD, TPU, Ascend), the README's "Beyond the calibration set"
    JsonNode n = run("validate", "latency", "--file", "../docs/validation/latency-extra.csv", "--json").json();
    int estimated = 0;
    for (JsonNode r : n.get("rows")) {
      if (!r.has("skipped")) {
        estimated++;
      }
    }
    assertEquals(195, estimated, "rows estimated");
    JsonNode s = n.get("summary");
    assertTrue(s.at("/throughput/static_batch/median").asDouble() <= 0.12, s.get("throughput").toString());
    assertTrue(s.at("/throughput/all/median").asDouble() <= 0.50, s.get("throughput").toString());
    assertTrue(s.at("/tpot/all/median").asDouble() <= 0.60, s.get("tpot").toString());
  }

  @Test
  void newerTensorRtLlmTablesAreEstimatedAsTheReadmeReports() {
    // docs/validation/trtllm-extra.csv: TensorRT-LLM 0.19-1.2 tables on Blackwell and Hopper
    JsonNode n = run("validate", "latency", "--file", "../docs/validation/trtllm-extra.csv", "--json").json();
    JsonNode all = n.at("/summary/throughput/all");
    assertEquals(1108, all.get("n").asInt(), all.toString());
    assertTrue(all.get("median").asDouble() <= 0.15, all.toString());
  }

  @Test
  void latencyRowsCarryMeasuredEstimatedAndError() {
    assumeTrue(calibrationPresent("latency.csv"), "shared/reference/calibration/latency.csv not found");
    JsonNode n = run("validate", "latency", "--json").json();
    JsonNode online = null;
    for (JsonNode r : n.get("rows")) {
      if ("online_serving".equals(r.path("category").asText())) {
        online = r;
        break;
      }
    }
    assertTrue(online != null, "no online_serving row");
    for (String q : new String[] {"outputTokensPerSecond", "ttftMs", "tpotMs"}) {
      JsonNode v = online.get(q);
      hasFields(v, "measured", "estimated", "relativeError");
      double err = Math.abs(v.get("estimated").asDouble() - v.get("measured").asDouble()) / v.get("measured").asDouble();
      assertEquals(err, v.get("relativeError").asDouble(), 1e-4, v.toString());
    }
  }

  @Test
  void memoryJsonHasASummaryPerMetric() {
    assumeTrue(calibrationPresent("memory.csv"), "shared/reference/calibration/memory.csv not found");
    JsonNode n = run("validate", "memory", "--json").json();
    for (String m : MemoryValidation.METRICS) {
      hasFields(n.get("summary").get(m), "n", "median", "p90", "max");
    }
    assertTrue(n.get("summary").get("kvPool").get("median").asDouble() < 0.01, n.get("summary").toString());
  }

  @Test
  void allPrintsBothSummaries() {
    assumeTrue(calibrationPresent("memory.csv") && calibrationPresent("latency.csv"), "calibration files not found");
    Cli.Run text = run("validate", "all");
    assertEquals(0, text.code, text.err);
    assertTrue(text.out.contains("kvTokens") && text.out.contains("throughput offline_max_throughput"), text.out);
    JsonNode n = run("validate", "all", "--json").json();
    hasFields(n.get("memory"), "source", "summary");
    hasFields(n.get("latency"), "source", "summary", "estimatedRows", "skippedRows");
  }

  @Test
  void latencyFileOfOneRowWithAnUnknownModelIsSkippedNotFatal(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("rows.csv");
    Files.writeString(csv, "row_id,category,model,model_key,weight_precision,kv_cache_dtype,gpu_key,tp,pp,isl,osl,"
        + "request_rate_qps,batch_size,concurrency,num_requests,output_tok_s_total,ttft_ms_mean,tpot_ms_mean\n"
        + "X1,offline_max_throughput,meta-llama/Llama-3.1-8B,llama-3.1-8b,FP8,fp8,H100_SXM_80GB,1,1,128,128,,,,30000,28836.77,,\n"
        + "X2,offline_max_throughput,acme/Unknown-1B,,FP8,fp8,H100_SXM_80GB,1,1,128,128,,,,30000,1000,,\n");
    JsonNode n = run("validate", "latency", "--file", csv.toString(), "--json").json();
    assertEquals(2, n.get("rows").size());
    JsonNode first = n.get("rows").get(0);
    assertEquals("X1", first.get("row").asText());
    assertTrue(first.get("outputTokensPerSecond").get("relativeError").asDouble() < 0.15, first.toString());
    assertTrue(n.get("rows").get(1).get("skipped").asText().contains("acme/Unknown-1B"), n.toString());
    assertEquals(1, n.get("summary").get("throughput").get("offline_max_throughput").get("n").asInt());
  }

  @Test
  void unknownWhatIsBadInputOnOneLine() {
    run("validate", "speed").fails(2, "validate WHAT ('speed') must be one of memory, latency, all").oneLine();
  }

  @Test
  void allTakesNoFile() {
    run("validate", "all", "--file", "x.csv").fails(2, "--file").oneLine();
  }

  @Test
  void missingFileIsBadInput() {
    run("validate", "latency", "--file", "/nonexistent/latency.csv").fails(2, "/nonexistent/latency.csv").oneLine();
  }
}
