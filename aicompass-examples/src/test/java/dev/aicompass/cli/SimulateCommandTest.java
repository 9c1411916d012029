package dev.aicompass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class SimulateCommandTest {
  private static final String[] DEPLOYMENT = {"simulate", "--model", "llama-3.1-8b", "--gpu", "h100-sxm"};

  private static String[] args(String... more) {
    String[] a = new String[DEPLOYMENT.length + more.length];
    System.arraycopy(DEPLOYMENT, 0, a, 0, DEPLOYMENT.length);
    System.arraycopy(more, 0, a, DEPLOYMENT.length, more.length);
    return a;
  }

  private static String[] run(int expectedCode, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    assertEquals(expectedCode, code, out + "\n" + err);
    return new String[] {out.toString(), err.toString()};
  }

  @Test
  void jsonHasEveryRequestAndPercentileSummaries() throws Exception {
    String out = run(0, args("--input-len", "1024", "--output-len", "128", "--concurrency", "8", "--requests", "40",
        "--json"))[0];
    assertEquals(1, out.trim().split("\n").length);
    JsonNode n = Json.MAPPER.readTree(out);
    assertEquals("closed_loop", n.get("mode").asText());
    assertEquals(40, n.get("requests").size());
    JsonNode first = n.get("requests").get(0);
    for (String f : new String[] {"ttftMs", "tpotMs", "e2eMs", "outputTokens", "arrivalMs"}) {
      assertTrue(first.has(f), f);
    }
    for (String q : new String[] {"ttftMs", "tpotMs", "itlMs", "e2eMs"}) {
      JsonNode s = n.get("summary").get(q);
      assertTrue(s.get("p50").asDouble() > 0, q);
      assertTrue(s.get("p50").asDouble() <= s.get("p90").asDouble() && s.get("p90").asDouble() <= s.get("p99").asDouble(), q);
    }
    assertTrue(n.get("summary").get("outputTokensPerSecond").asDouble() > 0);
    // the steady state agrees with the estimate (ServingSimulatorProperties)
    double ttft = n.get("steadyState").get("ttftMs").get("mean").asDouble();
    assertEquals(n.get("estimate").get("ttftMs").asDouble(), ttft, 0.1 * ttft);
    assertTrue(!first.has("tokenTimesMs"));
  }

  @Test
  void openLoopTokenTimesAndSeed() throws Exception {
    String[] a = args("--input-len", "512", "--output-len", "16", "--request-rate", "10", "--requests", "20", "--seed", "3",
        "--json", "--token-times");
    JsonNode n = Json.MAPPER.readTree(run(0, a)[0]);
    assertEquals("open_loop", n.get("mode").asText());
    assertEquals(16, n.get("requests").get(5).get("tokenTimesMs").size());
    assertEquals(n.toString(), Json.MAPPER.readTree(run(0, a)[0]).toString());
  }

  @Test
  void printsTheSummaryTableNextToTheEstimate() {
    String out = run(0, args("--input-len", "1024", "--output-len", "64", "--concurrency", "4", "--requests", "20"))[0];
    assertTrue(out.contains("closed loop of 4 clients, 20 requests"), out);
    for (String row : new String[] {"TTFT", "TPOT", "ITL", "E2E", "output throughput", "estimate"}) {
      assertTrue(out.contains(row), row + " in\n" + out);
    }
  }

  @Test
  void animationReplaysTokensAndStaysBounded() {
    String out = run(0, args("--input-len", "256", "--output-len", "32", "--concurrency", "2", "--requests", "4", "--animate",
        "--speed", "50"))[0];
    assertTrue(out.contains("streaming the first 4 requests at 50.0× simulated speed"), out);
    assertTrue(out.contains("#0   first token"), out);
    assertTrue(out.contains("#3   done: 32 tokens"), out);
    // a terminal line: one ▮ per token up to 48 tokens, the count, and the TTFT
    String line = TokenAnimation.line(dev.aicompass.AICompass.model("llama-3.1-8b").on("h100-sxm")
        .simulate(dev.aicompass.workload.Workload.of(256, 32, 1), dev.aicompass.simulate.SimulationOptions.of(1, 0))
        .requests().get(0), 0.2, 1);
    assertTrue(line.matches("  #0 +TTFT +[0-9.]+ ms ▮+ +[0-9]+/32"), line);
  }

  @Test
  void badInputIsExitCodeTwo() {
    assertTrue(run(2, args("--speed", "0", "--animate"))[1].contains("--speed (0.0) must be a positive number"));
    assertTrue(run(2, args("--concurrency", "2", "--request-rate", "3"))[1].contains("mutually exclusive"));
    assertTrue(run(2, args("--input-len", "8000", "--output-len", "500", "--max-model-len", "8192"))[1]
        .contains("must not exceed maxModelLen (8192)"));
  }
}
