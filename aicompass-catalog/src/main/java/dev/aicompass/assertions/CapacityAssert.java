package dev.aicompass.assertions;

import dev.aicompass.advise.AdviceOptions;
import dev.aicompass.advise.Advisor;
import dev.aicompass.advise.Suggestion;
import dev.aicompass.catalog.Catalog;
import dev.aicompass.catalog.ServingCommandResolver;
import dev.aicompass.check.CapacityCheck;
import dev.aicompass.check.CheckOptions;
import dev.aicompass.check.CheckResult;
import dev.aicompass.check.ResolvedCommand;
import dev.aicompass.check.ServingCommand;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.parallel.Parallelism;
import dev.aicompass.units.TimeSpan;
import dev.aicompass.workload.ServiceLevel;
import dev.aicompass.workload.Workload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Capacity assertions for a service's own tests, with no test-framework types: a failing
 * assertion throws {@link AssertionError} whose message is the check's report (expectation,
 * estimate with its error band, the limiting resource) and the re-estimated advice.
 *
 * <pre>{@code
 * CapacityAssert.assertThatServeCommand("vllm serve meta-llama/Llama-3.1-8B-Instruct --max-model-len 8192")
 *     .on("h100-sxm")
 *     .serving(Workload.of(1024, 256, 32))
 *     .meets("500 ms", "50 ms");
 *
 * CapacityAssert.assertThat(deployment).on("h100-sxm", 2).serving(workload).meets(slo);
 * }</pre>
 *
 * <p>The decision is {@link CapacityCheck}'s, the same as {@code aicompass check}'s: with the same
 * serving command, accelerator, workload and targets both pass or both fail. Instances are
 * immutable; each call returns a new one.
 */
public final class CapacityAssert {
  /** The workload used when {@link #serving} is not called: 1024 prompt and 256 output tokens, one request in flight. */
  public static final Workload DEFAULT_WORKLOAD = Workload.of(1024, 256, 1);

  private final Optional<Deployment> deployment;
  private final Optional<ModelSpec> model;
  private final Optional<ServingCommand> command;
  private final Optional<Path> commandDirectory;
  private final Optional<Accelerator> accelerator;
  private final Optional<String> acceleratorId;
  private final int devices;
  private final Optional<String> engineVersion;
  private final Catalog catalog;
  private final Workload workload;
  private final double prefixHitRate;
  private final CheckOptions options;
  private final boolean advice;

  private CapacityAssert(Optional<Deployment> deployment, Optional<ModelSpec> model, Optional<ServingCommand> command,
      Optional<Path> commandDirectory, Optional<Accelerator> accelerator, Optional<String> acceleratorId, int devices,
      Optional<String> engineVersion, Catalog catalog, Workload workload, double prefixHitRate, CheckOptions options,
      boolean advice) {
    this.deployment = deployment;
    this.model = model;
    this.command = command;
    this.commandDirectory = commandDirectory;
    this.accelerator = accelerator;
    this.acceleratorId = acceleratorId;
    this.devices = devices;
    this.engineVersion = engineVersion;
    this.catalog = catalog;
    this.workload = workload;
    this.prefixHitRate = prefixHitRate;
    this.options = options;
    this.advice = advice;
  }

  private static CapacityAssert start(Optional<Deployment> d, Optional<ModelSpec> m, Optional<ServingCommand> c,
      Optional<Path> dir) {
    return new CapacityAssert(d, m, c, dir, Optional.empty(), Optional.empty(), 0, Optional.empty(), null,
        DEFAULT_WORKLOAD, 0.0, CheckOptions.defaults(), true);
  }

  private CapacityAssert copy(Optional<Accelerator> accelerator, Optional<String> acceleratorId, int devices,
      Optional<String> engineVersion, Catalog catalog, Workload workload, double prefixHitRate, CheckOptions options,
      boolean advice) {
    return new CapacityAssert(deployment, model, command, commandDirectory, accelerator, acceleratorId, devices,
        engineVersion, catalog, workload, prefixHitRate, options, advice);
  }

  /** Starts an assertion on a deployment built in code; {@link #on} may move it to another accelerator. */
  public static CapacityAssert assertThat(Deployment deployment) {
    return start(Optional.of(Objects.requireNonNull(deployment, "deployment")), Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  /**
   * Starts an assertion on a catalog model (id, alias or Hugging Face id) served by vLLM with its
   * defaults; {@link #on} places it.
   *
   * @throws IllegalArgumentException for an unknown model, naming the closest ids
   */
  public static CapacityAssert assertThatModel(String modelId) {
    return start(Optional.empty(), Optional.of(Catalog.builtIn().requireModel(modelId).spec()), Optional.empty(),
        Optional.empty());
  }

  /**
   * Starts an assertion on a vLLM or SGLang serving command line (or a launch script's text).
   *
   * @throws IllegalArgumentException when it does not parse (unknown engine, missing model, contradictory flags)
   */
  public static CapacityAssert assertThatServeCommand(String commandLine) {
    return start(Optional.empty(), Optional.empty(), Optional.of(ServingCommand.parse(commandLine)), Optional.empty());
  }

  /**
   * Starts an assertion on the serving command in a launch script (e.g. {@code deploy/serve.sh}
   * of the repository); relative model paths in it resolve against the script's folder.
   *
   * @throws UncheckedIOException when the file cannot be read
   * @throws IllegalArgumentException when it holds no vLLM or SGLang command, or that command does not parse
   */
  public static CapacityAssert assertThatServeScript(Path script) {
    String text;
    try {
      text = Files.readString(script, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the serving script " + script, e);
    }
    Path dir = script.toAbsolutePath().getParent();
    ServingCommand c;
    try {
      c = ServingCommand.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(script + ": " + e.getMessage(), e);
    }
    return start(Optional.empty(), Optional.empty(), Optional.of(c), Optional.ofNullable(dir));
  }

  /** Places the deployment on the catalog accelerator {@code gpuId}, keeping its layout (a command's layout is its own). */
  public CapacityAssert on(String gpuId) {
    return copy(Optional.empty(), Optional.of(gpuId), 0, engineVersion, catalog, workload, prefixHitRate, options, advice);
  }

  /**
   * Places the deployment on {@code devices} of the catalog accelerator {@code gpuId}. A deployment
   * or model on one device becomes tensor parallel over {@code devices} (as {@code --num-gpus N}
   * alone does on the command line); one whose layout already uses {@code devices} keeps it.
   *
   * @throws IllegalArgumentException at check time when the layout uses another number of devices
   */
  public CapacityAssert on(String gpuId, int devices) {
    if (devices < 1) {
      throw new IllegalArgumentException("devices (" + devices + ") must be positive");
    }
    return copy(Optional.empty(), Optional.of(gpuId), devices, engineVersion, catalog, workload, prefixHitRate, options,
        advice);
  }

  /** Places the deployment on {@code accelerator} (a custom device). */
  public CapacityAssert on(Accelerator accelerator) {
    return copy(Optional.of(accelerator), Optional.empty(), 0, engineVersion, catalog, workload, prefixHitRate, options,
        advice);
  }

  /** Sets the workload: prompt and output tokens per request and the requests in flight (or an open-loop rate). */
  public CapacityAssert serving(Workload workload) {
    return copy(accelerator, acceleratorId, devices, engineVersion, catalog, Objects.requireNonNull(workload, "workload"),
        prefixHitRate, options, advice);
  }

  /** Sets a closed-loop workload of {@code concurrency} requests of {@code inputTokens} + {@code outputTokens}. */
  public CapacityAssert serving(int inputTokens, int outputTokens, int concurrency) {
    return serving(Workload.of(inputTokens, outputTokens, concurrency));
  }

  /** Sets the share of prompt tokens found in the prefix cache (applies while the command keeps prefix caching on). */
  public CapacityAssert withPrefixHitRate(double hitRate) {
    return copy(accelerator, acceleratorId, devices, engineVersion, catalog, workload, hitRate, options, advice);
  }

  /** Sets the engine version whose constants apply (a serving command does not state it); default the catalog's. */
  public CapacityAssert engineVersion(String version) {
    return copy(accelerator, acceleratorId, devices, Optional.of(version), catalog, workload, prefixHitRate, options, advice);
  }

  /** Resolves ids through {@code catalog} (e.g. {@code Catalog.load(Path.of("our-gpus.json"))}) instead of the built-in one. */
  public CapacityAssert withCatalog(Catalog catalog) {
    return copy(accelerator, acceleratorId, devices, engineVersion, Objects.requireNonNull(catalog, "catalog"), workload,
        prefixHitRate, options, advice);
  }

  /** Sets the check options (speculative acceptance rate, performance options). */
  public CapacityAssert withOptions(CheckOptions options) {
    return copy(accelerator, acceleratorId, devices, engineVersion, catalog, workload, prefixHitRate,
        Objects.requireNonNull(options, "options"), advice);
  }

  /** Judges latency at the pessimistic edge of the error band instead of at the estimate. */
  public CapacityAssert pessimistically() {
    return withOptions(CheckOptions.builder().from(options).pessimistic(true).build());
  }

  /** Leaves the re-estimated advice out of failure messages (it costs a few hundred milliseconds). */
  public CapacityAssert withoutAdvice() {
    return copy(accelerator, acceleratorId, devices, engineVersion, catalog, workload, prefixHitRate, options, false);
  }

  /**
   * Asserts that the deployment fits in memory and admits the workload's requests (the check with
   * no latency or throughput target); returns the check.
   *
   * @throws AssertionError with the report when it does not
   */
  public CheckResult fits() {
    return assertPasses(ServiceLevel.none(), "to fit in memory and admit requests of " + requestText());
  }

  /**
   * Asserts that the deployment meets {@code serviceLevel} serving the workload; returns the check.
   *
   * @throws AssertionError with the report and the advice when it does not
   */
  public CheckResult meets(ServiceLevel serviceLevel) {
    return assertPasses(serviceLevel, "to meet " + targets(serviceLevel) + " serving " + requestText());
  }

  /**
   * Asserts TTFT and TPOT targets such as {@code "500 ms"} and {@code "50 ms"}.
   *
   * @throws IllegalArgumentException when a time does not parse
   * @throws AssertionError with the report and the advice when the deployment does not meet them
   */
  public CheckResult meets(String ttft, String tpot) {
    return meets(ServiceLevel.of(time(ttft), time(tpot)));
  }

  /**
   * Asserts that the KV cache holds at least {@code tokens} tokens per replica.
   *
   * @throws AssertionError with the report when it holds fewer
   */
  public CheckResult hasKvCapacityOfAtLeast(long tokens) {
    Resolved r = resolve();
    CheckResult c = CapacityCheck.check(r.deployment, workload, ServiceLevel.none(), r.options);
    if (c.kvCacheTokens() < tokens) {
      throw new AssertionError(message("expected " + subject(c) + " to hold at least " + tokens + " KV tokens, but it holds "
          + c.kvCacheTokens(), c, r, false));
    }
    return c;
  }

  /** Returns the check of the deployment against {@code serviceLevel}, without asserting. */
  public CheckResult check(ServiceLevel serviceLevel) {
    Resolved r = resolve();
    return CapacityCheck.check(r.deployment, workload, serviceLevel, r.options);
  }

  /** Returns the deployment the assertion checks (after resolving the command and applying {@link #on}). */
  public Deployment deployment() {
    return resolve().deployment;
  }

  private CheckResult assertPasses(ServiceLevel slo, String expectation) {
    Resolved r = resolve();
    CheckResult c = CapacityCheck.check(r.deployment, workload, slo, r.options);
    if (!c.passes()) {
      throw new AssertionError(message("expected " + subject(c) + " " + expectation + ", but it does not", c, r, advice));
    }
    return c;
  }

  private String message(String headline, CheckResult c, Resolved r, boolean withAdvice) {
    StringBuilder sb = new StringBuilder(headline).append('\n');
    r.command.ifPresent(cmd -> sb.append("serving command: ").append(cmd.command()).append('\n'));
    sb.append(c.report().replaceAll("(?m)^", "  "));
    if (r.command.isPresent() && !r.command.get().unknownFlags().isEmpty()) {
      sb.append("  unknown flags (not checked): ").append(String.join(", ", r.command.get().unknownFlags())).append('\n');
    }
    if (withAdvice) {
      List<Suggestion> s = Advisor.advise(r.deployment, workload, c.serviceLevel(), AdviceOptions.builder()
          .checkOptions(r.options).prefixHitRate(prefixHitRate).maxSuggestions(3)
          .accelerators(catalog().accelerators().stream().map(a -> a.accelerator()).collect(java.util.stream.Collectors.toList()))
          .build());
      if (!s.isEmpty()) {
        sb.append("what would change it (each re-estimated):\n");
        for (int i = 0; i < s.size(); i++) {
          Suggestion x = s.get(i);
          sb.append(String.format(Locale.ROOT, "  %d. %s%s%n     %s%s%n", i + 1, x.title(),
              x.flags().isEmpty() ? "" : "  [" + ServingCommand.toShell(x.flags()) + "]", x.effect(),
              x.passes() ? " — passes" : " — still short on " + x.after().shortfalls()));
        }
      }
    }
    return sb.toString();
  }

  private static String subject(CheckResult c) {
    Deployment d = c.deployment();
    return d.model().name() + " on " + d.accelerator().id() + " × " + d.parallelism().devices() + " (" + d.parallelism() + ")";
  }

  private String requestText() {
    Workload w = workload;
    return w.inputTokens() + " in / " + w.outputTokens() + " out " + (w.requestRate().isPresent()
        ? "at " + w.requestRate().getAsDouble() + " requests/s" : "at concurrency " + w.concurrency());
  }

  private static String targets(ServiceLevel slo) {
    List<String> t = new ArrayList<>();
    slo.ttft().ifPresent(x -> t.add("TTFT ≤ " + x));
    slo.tpot().ifPresent(x -> t.add("TPOT ≤ " + x));
    slo.throughput().ifPresent(x -> t.add("throughput ≥ " + x));
    return t.isEmpty() ? "no target" : String.join(", ", t);
  }

  private static TimeSpan time(String text) {
    return TimeSpan.parse(text, "ms");
  }

  private Catalog catalog() {
    return catalog != null ? catalog : Catalog.builtIn();
  }

  /** The deployment and options of the assertion. */
  private static final class Resolved {
    final Deployment deployment;
    final CheckOptions options;
    final Optional<ResolvedCommand> command;

    Resolved(Deployment deployment, CheckOptions options, Optional<ResolvedCommand> command) {
      this.deployment = deployment;
      this.options = options;
      this.command = command;
    }
  }

  private Optional<Accelerator> target() {
    if (accelerator.isPresent()) {
      return accelerator;
    }
    return acceleratorId.map(id -> catalog().requireAccelerator(id).accelerator());
  }

  private Resolved resolve() {
    if (command.isPresent()) {
      Accelerator a = target().orElseThrow(() -> new IllegalArgumentException(
          "a serving command needs an accelerator: call on(\"h100-sxm\") or another catalog id"));
      ServingCommandResolver resolver = ServingCommandResolver.of(catalog());
      if (commandDirectory.isPresent()) {
        resolver = resolver.relativeTo(commandDirectory.get());
      }
      ResolvedCommand rc = resolver.resolve(command.get(), a, engineVersion, prefixHitRate, options);
      if (devices > 0 && rc.deployment().parallelism().devices() != devices) {
        throw new IllegalArgumentException("on(" + a.id() + ", " + devices + ") contradicts the command's "
            + rc.deployment().parallelism() + " = " + rc.deployment().parallelism().devices() + " devices");
      }
      return new Resolved(rc.deployment(), rc.options(), Optional.of(rc));
    }
    Deployment.Builder b;
    if (deployment.isPresent()) {
      b = Deployment.builder().from(deployment.get());
    } else {
      Accelerator a = target().orElseThrow(() -> new IllegalArgumentException(
          "a model needs an accelerator: call on(\"h100-sxm\") or another catalog id"));
      b = Deployment.builder().model(model.get()).accelerator(a).maxModelLen(
          (int) Math.min(Integer.MAX_VALUE, Math.max(8192L, (long) workload.inputTokens() + workload.outputTokens())));
    }
    target().ifPresent(b::accelerator);
    Deployment d = b.build();
    EngineProfile e = d.engine();
    if (engineVersion.isPresent() || prefixHitRate > 0) {
      EngineProfile base = engineVersion.isPresent() ? catalog().engineProfile(e.kind(), engineVersion.get()) : e;
      e = EngineProfile.builder().from(base).prefixCacheHitRate(prefixHitRate > 0 ? prefixHitRate : e.prefixCacheHitRate())
          .build();
      d = Deployment.builder().from(d).engine(e).build();
    }
    if (devices > 0 && d.parallelism().devices() != devices) {
      Parallelism p = d.parallelism();
      if (p.devices() != 1) {
        throw new IllegalArgumentException("on(" + d.accelerator().id() + ", " + devices + ") contradicts the deployment's "
            + p + " = " + p.devices() + " devices");
      }
      d = Deployment.builder().from(d).parallelism(Parallelism.tensor(devices)).build();
    }
    return new Resolved(d, options, Optional.empty());
  }

  @Override
  public String toString() {
    return "CapacityAssert(" + command.map(Object::toString).or(() -> deployment.map(x -> x.model().name()))
        .or(() -> model.map(ModelSpec::name)).orElse("?") + ")";
  }
}
