package dev.aicompass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code scripts/check-report.sh}: the report rendered by headless Chromium shows its sections
 * and headline numbers, and its screenshot is not blank. Skipped where chromium is not installed
 * (.ci/run installs it when it can).
 */
class CheckReportScriptTest {
  @Test
  void chromiumDisplaysTheReport(@TempDir Path dir) throws Exception {
    assumeTrue(onPath("chromium"), "chromium is not on the PATH");
    assumeTrue(onPath("bash"), "bash is not on the PATH");
    String[] options = {"--model", "llama-3.1-70b", "--gpu", "h100-sxm", "--gpu", "h200", "--gpu", "l40s", "--input-len",
        "2048", "--output-len", "512", "--concurrency", "32", "--ttft", "500ms", "--tpot", "50ms"};
    Path html = dir.resolve("report.html");
    List<String> report = new ArrayList<>(List.of("report"));
    report.addAll(List.of(options));
    report.addAll(List.of("--html", html.toString()));
    PlanCommandTest.Result r = PlanCommandTest.run(report.toArray(new String[0]));
    assertEquals(0, r.exit, r.err);

    List<String> plan = new ArrayList<>(List.of("plan"));
    plan.addAll(List.of(options));
    plan.add("--json");
    JsonNode best = Json.MAPPER.readTree(PlanCommandTest.run(plan.toArray(new String[0])).out).get("best");

    Path out = Path.of("target", "check-report");
    List<String> cmd = new ArrayList<>(List.of("bash", "scripts/check-report.sh", html.toString(),
        best.get("count").asInt() + " × " + best.get("gpu").asText(),
        String.format(Locale.ROOT, "%.1f ms", best.get("ttftMs").asDouble()),
        String.format(Locale.ROOT, "%.2f ms", best.get("tpotMs").asDouble()),
        "<h3 id=\"latency\">Latency</h3>", "time to first token"));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile());
    pb.environment().put("CHECK_REPORT_OUT", out.toAbsolutePath().toString());
    Process p = pb.start();
    boolean done = p.waitFor(240, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    String log = Files.readString(dir.resolve("log.txt"), StandardCharsets.UTF_8);
    assertTrue(done, "check-report.sh took over 240 s:\n" + log);
    assertEquals(0, p.exitValue(), log);
    assertTrue(log.contains("screenshot is not uniform"), log);
  }

  static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, program))) {
        return true;
      }
    }
    return false;
  }
}
