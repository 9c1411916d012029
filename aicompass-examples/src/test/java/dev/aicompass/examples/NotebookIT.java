package dev.aicompass.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Executes notebooks/capacity-planning.ipynb with scripts/run-notebook.sh (a Java kernel from Maven
 * Central in a temporary kernelspec) and checks its outputs. An integration test (failsafe, after
 * {@code package}, which builds the jar the notebook loads); skipped unless {@code jupyter} with
 * nbconvert is on the PATH.
 */
class NotebookIT {
  @Test
  void capacityPlanningNotebookRunsWithoutErrors() throws Exception {
    assumeTrue(onPath("jupyter"), "jupyter is not on the PATH (apt-get install -y jupyter-nbconvert jupyter-client "
        + "python3-ipykernel)");
    assumeTrue(run(List.of("jupyter", "nbconvert", "--version"), 60) == 0, "jupyter nbconvert is not installed");
    assumeTrue(Files.isExecutable(Paths.get("/bin/bash")), "the script runs with bash");
    assertTrue(Files.isRegularFile(Paths.get("target/aicompass.jar")), "package builds target/aicompass.jar first");

    Path out = Paths.get("target/notebooks-it");
    int code = run(List.of("/bin/bash", "scripts/run-notebook.sh", "notebooks/capacity-planning.ipynb", out.toString()), 900);
    assertEquals(0, code, "run-notebook.sh failed; see target/notebooks-it/run.log");

    JsonNode nb = new ObjectMapper().readTree(out.resolve("capacity-planning.ipynb").toFile());
    int images = 0;
    StringBuilder text = new StringBuilder();
    for (JsonNode cell : nb.get("cells")) {
      for (JsonNode o : cell.path("outputs")) {
        assertTrue(!o.path("output_type").asText().equals("error"), o.toString());
        if (o.path("data").has("image/png")) {
          images++;
        }
        o.path("text").forEach(t -> text.append(t.asText()));
        if (o.path("text").isTextual()) {
          text.append(o.path("text").asText());
        }
      }
    }
    assertEquals(4, images, "charts");
    assertTrue(text.toString().contains("64 users fit: true"), text.toString());
    assertTrue(text.toString().contains("meets SLO"), text.toString());
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Paths.get(dir, command))) {
        return true;
      }
    }
    return false;
  }

  private static int run(List<String> cmd, long seconds) throws Exception {
    Path log = Paths.get("target/notebooks-it/run.log");
    Files.createDirectories(log.getParent());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = pb.start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out after " + seconds + " s: " + cmd + "\n"
          + Files.readString(log, StandardCharsets.UTF_8));
    }
    return p.exitValue();
  }
}
