package dev.aicompass.bench;

import dev.aicompass.bench.cuda.Cuda;
import dev.aicompass.bench.cuda.CudaFailure;
import dev.aicompass.bench.cuda.Gpu;
import dev.aicompass.bench.cuda.GpuProvider;
import dev.aicompass.bench.cuda.NoCudaDeviceException;
import dev.aicompass.bench.internal.GemmChart;
import dev.aicompass.bench.internal.GemmShape;
import dev.aicompass.bench.internal.MSweep;
import dev.aicompass.bench.internal.ProfileMeasurement;
import dev.aicompass.bench.internal.Quantities;
import dev.aicompass.bench.internal.TextReport;
import dev.aicompass.bench.memory.MemoryCheckCsv;
import dev.aicompass.bench.memory.MemoryCheckRow;
import dev.aicompass.bench.memory.MemoryComparison;
import dev.aicompass.catalog.Catalog;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Command line of the bench: {@code measure} runs the measurements on a CUDA device and writes an
 * efficiency profile and a report; {@code report} re-renders the report of a saved profile.
 * Exit codes: {@value #EXIT_OK} success, {@value #EXIT_FAILURE} CUDA or I/O failure,
 * {@value #EXIT_USAGE} bad arguments, {@value #EXIT_NO_DEVICE} no CUDA device,
 * {@value #EXIT_CHECK_FAILED} a GEMM result check failed or a series was skipped (outputs are
 * still written).
 */
@Command(name = "aicompass-bench", mixinStandardHelpOptions = true,
    version = "aicompass-bench " + ProfileMeasurement.VERSION,
    description = "Measures GEMM, memory and transfer efficiency of a CUDA device.",
    subcommands = {BenchMain.Measure.class, BenchMain.Report.class, BenchMain.Jmh.class,
        BenchMain.CompareMemory.class})
public final class BenchMain implements Callable<Integer> {
  /** Exit code of a successful run. */
  public static final int EXIT_OK = 0;
  /** Exit code when a CUDA call or file operation fails. */
  public static final int EXIT_FAILURE = 1;
  /** Exit code for invalid arguments. */
  public static final int EXIT_USAGE = 2;
  /** Exit code when no CUDA driver or device is found. */
  public static final int EXIT_NO_DEVICE = 3;
  /** Exit code when a GEMM result check failed or a series was skipped. */
  public static final int EXIT_CHECK_FAILED = 4;

  private static final String PREFIX = "aicompass-bench: ";

  private final GpuProvider provider;
  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;

  private BenchMain(GpuProvider provider, PrintStream out, PrintStream err, Clock clock) {
    this.provider = provider;
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  /**
   * Runs the command line and exits the JVM with its exit code.
   *
   * @param args e.g. {@code measure --quick --out profile.json --report report/}
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, Cuda.provider(), Clock.systemUTC()));
  }

  /** Runs the command line against {@code provider} and returns the exit code; never throws. */
  static int run(String[] args, PrintStream out, PrintStream err, GpuProvider provider,
      Clock clock) {
    System.setProperty("java.awt.headless", "true");
    BenchMain main = new BenchMain(provider, out, err, clock);
    CommandLine cli = new CommandLine(main, new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        if (type == Measure.class) {
          return type.cast(new Measure(main));
        }
        if (type == Report.class) {
          return type.cast(new Report(main));
        }
        if (type == CompareMemory.class) {
          return type.cast(new CompareMemory(main));
        }
        return CommandLine.defaultFactory().create(type);
      }
    });
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      err.println(PREFIX + e.getClass().getSimpleName() + ": " + e.getMessage());
      return EXIT_FAILURE;
    });
    return cli.execute(args);
  }

  @Override
  public Integer call() {
    err.println(PREFIX + "missing command: use 'measure' or 'report' (see --help)");
    return EXIT_USAGE;
  }

  /** Datasheet peaks given on the command line. */
  static final class Peaks {
    @Option(names = "--peak-fp16", paramLabel = "RATE", description = "FP16 dense peak, e.g. \"989 TFLOPS\"")
    String fp16;
    @Option(names = "--peak-bf16", paramLabel = "RATE", description = "BF16 dense peak, e.g. \"989 TFLOPS\"")
    String bf16;
    @Option(names = "--peak-int8", paramLabel = "RATE", description = "INT8 dense peak, e.g. \"1979 TFLOPS\"")
    String int8;
    @Option(names = "--peak-fp8", paramLabel = "RATE", description = "FP8 dense peak, e.g. \"1979 TFLOPS\"")
    String fp8;

    Map<Precision, Double> parse() {
      Map<Precision, Double> peaks = TextReport.noPeaks();
      put(peaks, Precision.FP16, "--peak-fp16", fp16);
      put(peaks, Precision.BF16, "--peak-bf16", bf16);
      put(peaks, Precision.INT8, "--peak-int8", int8);
      put(peaks, Precision.FP8, "--peak-fp8", fp8);
      return peaks;
    }

    private static void put(Map<Precision, Double> peaks, Precision precision, String option,
        String text) {
      if (text != null) {
        peaks.put(precision, Quantities.parseFlopRate(option, text));
      }
    }
  }

  @Command(name = "measure", mixinStandardHelpOptions = true,
      description = "Measures the device and writes an efficiency profile (and a report).")
  static final class Measure implements Callable<Integer> {
    private final BenchMain main;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "efficiency-profile.json",
        description = "profile JSON to write (default: ${DEFAULT-VALUE})")
    Path outFile;
    @Option(names = "--report", paramLabel = "DIR",
        description = "folder for report.txt and gemm-<precision>.png charts")
    Path reportDir;
    @Option(names = "--quick", description = "fewer shapes and M values, 5 + 20 iterations")
    boolean quick;
    @Option(names = "--shapes", paramLabel = "LIST",
        description = "comma-separated NxK shapes or presets (llama-3.1-8b, llama-3.1-70b-tp8)")
    String shapes;
    @Option(names = "--precisions", paramLabel = "LIST", defaultValue = "fp16,bf16,int8,fp8",
        description = "comma-separated precisions (default: ${DEFAULT-VALUE})")
    String precisions;
    @Option(names = "--warmup", paramLabel = "N", description = "warm-up iterations (default 20)")
    Integer warmup;
    @Option(names = "--iterations", paramLabel = "N", description = "timed iterations (default 100)")
    Integer iterations;
    @Option(names = "--m-min", paramLabel = "M", description = "smallest M, a power of two (default 1)")
    Integer mMin;
    @Option(names = "--m-max", paramLabel = "M", description = "largest M, a power of two (default 16384)")
    Integer mMax;
    @Option(names = "--device", paramLabel = "ORDINAL", defaultValue = "0", description = "CUDA device")
    int device;
    @Option(names = "--catalog-id", paramLabel = "ID", description = "catalog accelerator id to record")
    String catalogId;
    @Option(names = "--no-cublas", description = "do not time cuBLAS even where it loads")
    boolean noCublas;
    @CommandLine.Mixin
    Peaks peaks = new Peaks();

    Measure(BenchMain main) {
      this.main = main;
    }

    @Override
    public Integer call() {
      ProfileMeasurement.Options options;
      Map<Precision, Double> peakRates;
      try {
        options = options();
        peakRates = peaks.parse();
      } catch (IllegalArgumentException e) {
        main.err.println(PREFIX + e.getMessage());
        return EXIT_USAGE;
      }
      Gpu gpu;
      try {
        gpu = main.provider.open(device);
      } catch (NoCudaDeviceException e) {
        main.err.println(PREFIX + "no CUDA device found (" + e.reason() + ")");
        return EXIT_NO_DEVICE;
      } catch (CudaFailure | IllegalArgumentException e) {
        main.err.println(PREFIX + "cannot open CUDA device " + device + ": " + e.getMessage());
        return EXIT_FAILURE;
      }
      try (gpu) {
        ProfileMeasurement.Outcome outcome =
            ProfileMeasurement.run(gpu, options, main.clock, main.err);
        EfficiencyProfileWriter.write(outcome.profile(), outFile);
        main.err.println(PREFIX + "wrote " + outFile);
        String report = TextReport.format(outcome.profile(), peakRates);
        main.out.print(report);
        if (reportDir != null) {
          writeReport(main, outcome.profile(), report, peakRates, reportDir);
        }
        if (!outcome.problems().isEmpty()) {
          main.err.println(PREFIX + outcome.problems().size()
              + " problem(s), first: " + outcome.problems().get(0));
          return EXIT_CHECK_FAILED;
        }
        return EXIT_OK;
      } catch (CudaFailure e) {
        main.err.println(PREFIX + "CUDA failure: " + e.getMessage());
        return EXIT_FAILURE;
      } catch (IOException e) {
        main.err.println(PREFIX + "cannot write output: " + e.getMessage());
        return EXIT_FAILURE;
      }
    }

    ProfileMeasurement.Options options() {
      List<GemmShape> shapeList = shapes != null ? GemmShape.parseList(shapes)
          : quick ? GemmShape.quick() : GemmShape.defaults();
      Set<Precision> precisionSet = EnumSet.noneOf(Precision.class);
      for (String id : precisions.split(",")) {
        precisionSet.add(Precision.fromId(id));
      }
      List<Integer> ms;
      if (mMin == null && mMax == null && quick) {
        ms = MSweep.quick();
      } else {
        ms = MSweep.powersOfTwo(mMin == null ? MSweep.DEFAULT_MIN : mMin,
            mMax == null ? MSweep.DEFAULT_MAX : mMax);
      }
      int warm = warmup != null ? warmup : quick ? 5 : 20;
      int iters = iterations != null ? iterations : quick ? 20 : 100;
      long memoryBytes = quick ? 256L << 20 : 1L << 30;
      long copyBytes = quick ? 64L << 20 : 256L << 20;
      return new ProfileMeasurement.Options(shapeList, precisionSet, ms, warm, iters,
          memoryBytes, copyBytes, catalogId, !noCublas);
    }
  }

  @Command(name = "report", mixinStandardHelpOptions = true,
      description = "Prints the report of a saved profile and optionally renders its charts.")
  static final class Report implements Callable<Integer> {
    private final BenchMain main;

    @Parameters(index = "0", paramLabel = "PROFILE", description = "efficiency profile JSON")
    Path profileFile;
    @Option(names = "--report", paramLabel = "DIR",
        description = "folder for report.txt and gemm-<precision>.png charts")
    Path reportDir;
    @CommandLine.Mixin
    Peaks peaks = new Peaks();

    Report(BenchMain main) {
      this.main = main;
    }

    @Override
    public Integer call() {
      try {
        Map<Precision, Double> peakRates = peaks.parse();
        EfficiencyProfile profile = EfficiencyProfileReader.read(profileFile);
        String report = TextReport.format(profile, peakRates);
        main.out.print(report);
        if (reportDir != null) {
          writeReport(main, profile, report, peakRates, reportDir);
        }
        return EXIT_OK;
      } catch (IllegalArgumentException e) {
        main.err.println(PREFIX + e.getMessage());
        return EXIT_USAGE;
      } catch (IOException e) {
        main.err.println(PREFIX + "cannot read or write: " + e.getMessage());
        return EXIT_FAILURE;
      }
    }
  }

  @Command(name = "compare-memory", mixinStandardHelpOptions = true,
      description = "Compares AICompass' memory estimates with a CSV of scripts/memory_check.py.")
  static final class CompareMemory implements Callable<Integer> {
    private final BenchMain main;

    @Parameters(index = "0", paramLabel = "CSV", description = "memory_check.py output")
    Path csv;
    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    CompareMemory(BenchMain main) {
      this.main = main;
    }

    @Override
    public Integer call() {
      try {
        List<MemoryCheckRow> rows = MemoryCheckCsv.read(csv);
        MemoryComparison.Report report = MemoryComparison.compare(rows, Catalog.builtIn());
        if (json) {
          main.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter()
              .writeValueAsString(MemoryComparison.toJson(report)));
        } else {
          main.out.print(MemoryComparison.format(report));
        }
        return EXIT_OK;
      } catch (IllegalArgumentException e) {
        main.err.println(PREFIX + e.getMessage());
        return EXIT_USAGE;
      } catch (IOException e) {
        main.err.println(PREFIX + "cannot read " + csv + ": " + e.getMessage());
        return EXIT_FAILURE;
      }
    }
  }

  @Command(name = "jmh",
      description = "Runs the JMH benchmarks of the library's hot paths; all arguments go to JMH "
          + "(e.g. jmh -f 1 -wi 2 -i 3 -w 2s -r 2s; jmh -h for JMH's options).")
  static final class Jmh implements Callable<Integer> {
    @CommandLine.Unmatched
    List<String> jmhArgs = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
      org.openjdk.jmh.Main.main(jmhArgs.toArray(new String[0]));
      return EXIT_OK;
    }
  }

  private static void writeReport(BenchMain main, EfficiencyProfile profile, String report,
      Map<Precision, Double> peaks, Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("report.txt"), report, StandardCharsets.UTF_8);
    List<Path> charts = GemmChart.render(profile, peaks, dir);
    main.err.println(PREFIX + "wrote " + dir.resolve("report.txt")
        + (charts.isEmpty() ? "" : " and " + charts.size() + " chart(s)"));
  }
}
