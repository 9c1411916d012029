package dev.aicompass.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code aicompass} command: memory, performance and capacity planning for LLM inference.
 * Exit codes: 0 success, 1 internal failure (or a check that did not pass), 2 bad input.
 */
@Command(
    name = "aicompass",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Sizes LLM inference deployments: memory per device, KV capacity, latency and the accelerators to buy.",
    subcommands = {
        MemoryCommand.class,
        PerfCommand.class,
        RecommendCommand.class,
        BatchCommand.class,
        CatalogCommand.class,
        ValidateCommand.class,
        PlanCommand.class,
        ReportCommand.class,
        CompletionCommand.class,
        CheckCommand.class,
        SimulateCommand.class,
        CalibrateCommand.class,
        CommandLine.HelpCommand.class
    },
    footer = {
        "",
        "Examples:",
        "  aicompass memory --model llama-3.1-8b --gpu h100-sxm",
        "  aicompass memory --model llama-3.1-70b --gpu h100-sxm --tp 4 --kv-dtype fp8 --json",
        "  aicompass catalog list --kind accelerators",
        "  aicompass validate memory",
        "  aicompass plan --model llama-3.1-70b --concurrency 64 --ttft 500ms --tpot 50ms",
        "  aicompass report --model llama-3.1-70b --concurrency 64 --tpot 50ms --html r.html",
        "  source <(aicompass completion)",
        "",
        "Exit codes: 0 ok, 1 internal failure, 2 bad input."
    })
public final class Main implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line writing to {@code out} and {@code err}; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return commandLine(out, err).execute(args);
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      // one line, as every error (CLI.md): the message, then where to look
      c.getErr().println("aicompass: " + oneLine(ex.getMessage()) + " (try '" + c.getCommandSpec().qualifiedName()
          + " --help')");
      c.getErr().flush();
      return 2;
    });
    cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
      boolean verbose = verbose(parseResult);
      if (ex instanceof IllegalArgumentException || ex instanceof java.io.UncheckedIOException
          || ex instanceof java.nio.file.NoSuchFileException) {
        c.getErr().println("aicompass: " + oneLine(ex.getMessage()));
        if (verbose) {
          ex.printStackTrace(c.getErr());
        }
        c.getErr().flush();
        return 2;
      }
      c.getErr().println("aicompass: internal error: " + oneLine(String.valueOf(ex)));
      if (verbose) {
        ex.printStackTrace(c.getErr());
      } else {
        c.getErr().println("(run again with --verbose for the stack trace)");
      }
      c.getErr().flush();
      return 1;
    });
    return cl;
  }

  static boolean verbose(CommandLine.ParseResult pr) {
    for (CommandLine.ParseResult p = pr; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--verbose")) {
        return true;
      }
    }
    return false;
  }

  static String oneLine(String s) {
    return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ').trim();
  }

  /** Prints the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"aicompass " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}
