package dev.aicompass.cli;

import static dev.aicompass.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aicompass.catalog.Catalog;
import dev.aicompass.deploy.EngineKind;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.perf.LatencyValidation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aicompass calibrate}: recovers the overheads that generated its rows, and writes a usable catalog entry. */
class CalibrateCommandTest {
  private static final String HEADER = "row_id,category,engine,engine_version,model_key,weight_precision,gpu_key,tp,isl,osl,"
      + "concurrency,request_rate_qps,num_requests,batch_size,output_tok_s_total,ttft_ms_mean,tpot_ms_mean";

  @TempDir
  Path temp;

  /**
   * Rows of vLLM 0.10 on an H100 (online at several concurrencies and lengths, and static batches)
   * whose "measurements" are the estimator's own with a 3 ms step and an 80 ms request overhead.
   */
  private Path syntheticRows() throws IOException {
    List<Map<String, String>> spec = new ArrayList<>();
    int id = 0;
    for (int c : new int[] {1, 4, 16, 64}) {
      for (int[] len : new int[][] {{256, 128}, {2048, 256}}) {
        spec.add(row("S" + id++, "online_serving", c, len[0], len[1], ""));
      }
    }
    for (int b : new int[] {1, 8, 32}) {
      spec.add(row("S" + id++, "static_batch", 0, 128, 128, String.valueOf(b)));
    }
    Catalog catalog = Catalog.builtIn();
    List<String> lines = new ArrayList<>(List.of(HEADER));
    for (Map<String, String> r : spec) {
      LatencyValidation.Row row = LatencyRows.map(List.of(r), catalog).rows.get(0);
      LatencyValidation.RowResult e = LatencyValidation.estimate(CalibrateCommand.with(row, 3.0, 80.0));
      boolean online = r.get("category").equals("online_serving");
      lines.add(String.join(",", r.get("row_id"), r.get("category"), "vLLM", "0.10.0", "llama-3.1-8b", "BF16",
          "H100_SXM_80GB", "1", r.get("isl"), r.get("osl"), r.get("concurrency"), r.get("request_rate_qps"),
          r.get("num_requests"), r.get("batch_size"), num(e.predictedOutputTokensPerSecond()),
          online ? num(e.predictedTtftMs()) : "", online ? num(e.predictedTpotMs()) : ""));
    }
    Path csv = temp.resolve("rows.csv");
    Files.write(csv, lines, StandardCharsets.UTF_8);
    return csv;
  }

  private static Map<String, String> row(String id, String category, int c, int isl, int osl, String batch) {
    Map<String, String> r = new LinkedHashMap<>();
    r.put("row_id", id);
    r.put("category", category);
    r.put("engine", "vLLM");
    r.put("engine_version", "0.10.0");
    r.put("model_key", "llama-3.1-8b");
    r.put("weight_precision", "BF16");
    r.put("gpu_key", "H100_SXM_80GB");
    r.put("tp", "1");
    r.put("isl", String.valueOf(isl));
    r.put("osl", String.valueOf(osl));
    r.put("concurrency", c > 0 ? String.valueOf(c) : "");
    r.put("request_rate_qps", c > 0 ? "inf" : "");
    r.put("num_requests", c > 0 ? String.valueOf(10 * c) : "");
    r.put("batch_size", batch);
    return r;
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }

  @Test
  void recoversTheOverheadsThatProducedTheRowsAndWritesACatalogEntry() throws Exception {
    Path csv = syntheticRows();
    Path out = temp.resolve("my-vllm.json");
    JsonNode n = run("calibrate", "--file", csv.toString(), "--engine", "vllm", "--out", out.toString(), "--json").json();
    assertEquals("vllm", n.get("engine").asText());
    assertEquals(11, n.get("rows").asInt());
    assertEquals(1.5, n.at("/stepOverheadMs/before").asDouble(), 1e-9, "vLLM V1's default");
    assertEquals(3.0, n.at("/stepOverheadMs/fitted").asDouble(), 1e-9);
    assertEquals(45.0, n.at("/requestOverheadMs/before").asDouble(), 1e-9, "vLLM's default");
    assertEquals(80.0, n.at("/requestOverheadMs/fitted").asDouble(), 1e-9);
    assertTrue(n.at("/medianErrorBefore/ttft").asDouble() > 0.05, n.toString());
    assertTrue(n.at("/medianErrorAfter/ttft").asDouble() < 1e-3, n.toString());
    assertTrue(n.at("/medianErrorAfter/tpot").asDouble() < 1e-3, n.toString());
    // the entry applies to later estimates through --catalog
    EngineProfile p = Catalog.load(out).engineProfile(EngineKind.VLLM, "0.10.0");
    assertEquals(3.0, p.stepOverhead().toMillis(), 1e-9);
    assertEquals(80.0, p.requestOverhead().toMillis(), 1e-9);
    assertEquals(EngineProfile.vllm("0.10.0").maxNumSeqs(), p.maxNumSeqs(), "fields it does not set keep the defaults");
    JsonNode validated = run("validate", "latency", "--file", csv.toString(), "--catalog", out.toString(), "--json").json();
    assertTrue(validated.at("/summary/ttft/all/median").asDouble() < 1e-3, validated.get("summary").toString());
  }

  @Test
  void humanOutputNamesWhatWasFittedAndOnHowManyRows() throws Exception {
    String text = run("calibrate", "--file", syntheticRows().toString()).out;
    assertTrue(text.startsWith("vllm: 11 rows\n"), text);
    assertTrue(text.contains("step overhead        1.50 ms ->    3.00 ms  (fitted on 11 rows)"), text);
    assertTrue(text.contains("request overhead    45.00 ms ->   80.00 ms  (fitted on 8 online rows)"), text);
  }

  @Test
  void anEngineWithoutRowsIsBadInputAndWritesNothing() throws Exception {
    Path out = temp.resolve("nothing.json");
    run("calibrate", "--file", syntheticRows().toString(), "--engine", "sglang", "--out", out.toString())
        .fails(2, "has no estimable rows of engine sglang").oneLine();
    assertFalse(Files.exists(out));
  }
}
