package dev.aicompass.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code aicompass report}: the plan as one self-contained HTML page. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Writes the plan as one self-contained HTML page (inline CSS, charts embedded as SVG, nothing "
        + "fetched): inputs, memory, deployments, latency, roofline, the derivation of each headline number and the "
        + "accuracy tables. Takes the options of 'plan'. The file appears only once complete."},
    footer = {"", "Examples:",
        "  aicompass report --model llama-3.1-70b --input-len 2048 --output-len 512 \\",
        "      --concurrency 64 --ttft 500ms --tpot 50ms --html llama70b.html",
        "  aicompass report --model qwen3-30b-a3b --gpu h100-sxm --gpu mi300x \\",
        "      --price h100-sxm=2.49 --request-rate 4 --tpot 40ms --html qwen3.html",
        "The accuracy section re-runs the memory validation when",
        "shared/reference/calibration/memory.csv is found from the working directory,",
        "and otherwise shows the figures published in README.md with their sources."})
final class ReportCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  PlanOptions plan;

  @Option(names = "--html", required = true, paramLabel = "FILE", description = "The HTML file to write (replaced if it exists).")
  Path html;

  @Option(names = "--json", description = "Print one JSON object naming the file and its size.")
  boolean json;

  @Override
  public Integer call() {
    PlanResult r = PlanResult.compute(plan);
    String page = HtmlReport.render(r, Accuracy.tables(r.catalog), new Main.Version().getVersion()[0]);
    byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
    try {
      AtomicFile.write(html, out -> out.write(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("--html " + html + ": cannot write: " + e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode n = Json.object();
      n.put("html", html.toString());
      n.put("bytes", bytes.length);
      out.println(Json.write(n));
    } else {
      out.printf("wrote %s (%d KiB)%n", html, (bytes.length + 1023) / 1024);
    }
    out.flush();
    return 0;
  }
}
