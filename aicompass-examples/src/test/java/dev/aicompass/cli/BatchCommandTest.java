package dev.aicompass.cli;

import static dev.aicompass.cli.Cli.onlyJsonObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code aicompass batch}: one JSON object per input line, in order, failures as {"error": ...}. */
class BatchCommandTest {

  @Test
  void writesOneObjectPerLineInOrderAndGoesOnAfterAFailure() {
    String input = String.join("\n",
        "memory --model llama-3.1-8b --gpu h100-sxm --json",
        "# a comment",
        "",
        "perf --model llama-3.1-8b --gpu h100-sxm --concurrency 4",
        "memory --model no-such-model --gpu h100-sxm",
        "aicompass recommend --model llama-3.1-8b --gpu h100-sxm --concurrency 4 --ttft 1s --tpot 50ms",
        "batch") + "\n";
    Cli.Run r = withStdin(input, () -> Cli.run("batch"));
    assertEquals(0, r.code, r.err);
    List<String> lines = r.out.strip().lines().toList();
    assertEquals(5, lines.size(), r.out);
    JsonNode mem = onlyJsonObject(lines.get(0));
    assertTrue(mem.has("kvCacheTokens"), mem.toString());
    JsonNode perf = onlyJsonObject(lines.get(1));
    assertTrue(perf.has("tpotMs"), "--json is added when missing: " + perf);
    JsonNode bad = onlyJsonObject(lines.get(2));
    assertTrue(bad.get("error").asText().startsWith("model 'no-such-model' is unknown"), bad.toString());
    assertTrue(onlyJsonObject(lines.get(3)).has("plans"));
    assertEquals("batch cannot run inside batch", onlyJsonObject(lines.get(4)).get("error").asText());
  }

  @Test
  void aParseErrorBecomesAnErrorObject() {
    JsonNode n = onlyJsonObject(BatchCommand.runLine("perf --model llama-3.1-8b --gpu h100-sxm --concurrency x"));
    assertTrue(n.get("error").asText().contains("--concurrency"), n.toString());
    assertFalse(n.get("error").asText().startsWith("aicompass: "), n.toString());
  }

  @Test
  void splitsQuotedWords() {
    assertEquals(List.of("memory", "--model", "/tmp/my model/config.json", "--gpu", "h100-sxm"),
        BatchCommand.split("memory --model '/tmp/my model/config.json' --gpu \"h100-sxm\""));
    assertEquals(List.of("a b", "c"), BatchCommand.split("a\\ b c"));
    assertThrows(IllegalArgumentException.class, () -> BatchCommand.split("memory --model 'oops"));
  }

  private static Cli.Run withStdin(String input, java.util.function.Supplier<Cli.Run> body) {
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    try {
      return body.get();
    } finally {
      System.setIn(saved);
    }
  }
}
