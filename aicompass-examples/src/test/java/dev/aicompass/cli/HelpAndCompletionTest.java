package dev.aicompass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HelpAndCompletionTest {
  @Test
  void everyCommandsHelpEndsWithExamples() {
    CommandLine root = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    assertTrue(root.getUsageMessage().contains("Examples:"), "aicompass --help has no examples");
    for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
      if (e.getKey().equals("help")) {
        continue;  // picocli's own help command
      }
      String usage = e.getValue().getUsageMessage();
      assertTrue(usage.contains("Example:") || usage.contains("Examples:"), "aicompass " + e.getKey() + " --help has no examples");
      assertTrue(usage.contains("aicompass " + e.getKey()), "the examples of " + e.getKey() + " do not run it");
    }
  }

  @Test
  void completionScriptCoversEveryCommandAndTheirOptions() {
    PlanCommandTest.Result r = PlanCommandTest.run("completion");
    assertEquals(0, r.exit, r.err);
    assertTrue(r.out.startsWith("#!/usr/bin/env bash"), r.out.substring(0, 80));
    assertTrue(r.out.contains("complete -F _complete_aicompass"), "no complete -F line");
    for (String word : new String[] {"memory", "perf", "recommend", "plan", "report", "completion", "--chart", "--html",
        "--format", "--max-gpus"}) {
      assertTrue(r.out.contains(word), "completion lacks " + word);
    }
  }
}
