package dev.aicompass.check;

import dev.aicompass.Presets;
import dev.aicompass.check.Flags.Arity;
import dev.aicompass.check.Flags.Flag;
import dev.aicompass.check.Flags.Setting;
import dev.aicompass.deploy.Deployment;
import dev.aicompass.deploy.EngineKind;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.Precision;
import dev.aicompass.model.QuantizationScheme;
import dev.aicompass.parallel.Parallelism;
import dev.aicompass.perf.PerformanceOptions;
import dev.aicompass.perf.SpeculativeDecoding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A vLLM or SGLang server command line, read the way the engine reads it: {@code vllm serve MODEL
 * ...}, {@code python -m vllm.entrypoints.openai.api_server --model M ...} or {@code python -m
 * sglang.launch_server --model-path M ...}, with quotes, {@code \}-newline continuations,
 * {@code --flag=value} forms, environment prefixes ({@code CUDA_VISIBLE_DEVICES=0,1 vllm serve ...})
 * and, in a launch script, {@code export}s and variables the script assigns.
 *
 * <p>Flags that set the layout, the memory budget, dtypes, scheduler limits, CUDA graphs, chunked
 * prefill, prefix caching and speculative decoding are read; harmless ones ({@code --host},
 * {@code --port}, {@code --served-model-name}, ...) are recognised and ignored with a note; flags
 * whose effect is not modelled are noted; unknown flags are listed in {@link #unknownFlags()}, never
 * dropped silently. The parser resolves nothing: the model stays a reference (catalog id, Hugging
 * Face id or local path) until {@link #resolve(ModelSpec, Accelerator, EngineProfile, CheckOptions)}.
 * Immutable and thread-safe.
 */
public final class ServingCommand {
  /** The speculative decoding a command configures. */
  public static final class Speculation {
    private final String method;
    private final Optional<String> draftModel;
    private final int draftTokens;

    Speculation(String method, Optional<String> draftModel, int draftTokens) {
      this.method = method;
      this.draftModel = draftModel;
      this.draftTokens = draftTokens;
    }

    /** Returns the method in lower case ({@code eagle3}, {@code ngram}, {@code mtp}, {@code draft_model}, ...). */
    public String method() {
      return method;
    }

    /** Returns the draft model reference, when the method uses one. */
    public Optional<String> draftModel() {
      return draftModel;
    }

    /** Returns the tokens drafted per step ({@code num_speculative_tokens}). */
    public int draftTokens() {
      return draftTokens;
    }

    /**
     * Returns the cost of a draft step relative to a target decode step: 0 for n-gram lookup
     * (no model), 0.05 for draft heads and separate draft models (the
     * {@link SpeculativeDecoding#draftCostRatio()} default).
     */
    public double draftCostRatio() {
      return method.equals("ngram") ? 0.0 : 0.05;
    }

    @Override
    public String toString() {
      return method + " (" + draftTokens + " draft tokens" + draftModel.map(m -> ", draft " + m).orElse("") + ")";
    }
  }

  private final String text;
  private final EngineKind engine;
  private final String launcher;
  private final List<String> arguments;
  private final Map<String, String> environment;
  private final String model;
  private final int tp;
  private final int pp;
  private final int dp;
  private final boolean expertParallel;
  private final OptionalInt expertParallelSize;
  private final OptionalInt maxModelLen;
  private final OptionalDouble memoryUtilization;
  private final OptionalInt maxNumSeqs;
  private final OptionalInt maxNumBatchedTokens;
  private final OptionalInt blockSize;
  private final Optional<Precision> kvCacheDtype;
  private final Optional<String> quantizationMethod;
  private final Optional<Precision> dtype;
  private final boolean enforceEager;
  private final Optional<Boolean> chunkedPrefill;
  private final Optional<Boolean> prefixCaching;
  private final Optional<Speculation> speculation;
  private final OptionalInt visibleDevices;
  private final List<String> notes;
  private final List<String> unknownFlags;

  ServingCommand(CommandParse p) {
    this.text = p.text;
    this.engine = p.engine;
    this.launcher = p.launcher;
    this.arguments = List.copyOf(p.args);
    this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(p.env));
    this.model = p.model;
    this.tp = p.tp;
    this.pp = p.pp;
    this.dp = p.dp;
    this.expertParallel = p.expertParallel;
    this.expertParallelSize = p.epSize;
    this.maxModelLen = p.maxModelLen;
    this.memoryUtilization = p.utilization;
    this.maxNumSeqs = p.maxNumSeqs;
    this.maxNumBatchedTokens = p.maxNumBatchedTokens;
    this.blockSize = p.blockSize;
    this.kvCacheDtype = p.kvCacheDtype;
    this.quantizationMethod = p.quantization;
    this.dtype = p.dtype;
    this.enforceEager = p.enforceEager;
    this.chunkedPrefill = p.chunkedPrefill;
    this.prefixCaching = p.prefixCaching;
    this.speculation = p.speculation;
    this.visibleDevices = p.visibleDevices;
    this.notes = List.copyOf(p.notes);
    this.unknownFlags = List.copyOf(p.unknown);
  }

  /**
   * Parses a serving command line, or a launch script whose serving command is found among its
   * commands (the first that starts vLLM or SGLang).
   *
   * @throws IllegalArgumentException with one line naming the problem: no vLLM or SGLang command
   *     (unknown engine), no model, a flag without its value, a value that does not parse, flags
   *     that contradict each other, or more devices than {@code CUDA_VISIBLE_DEVICES} lists
   */
  public static ServingCommand parse(String commandLine) {
    Objects.requireNonNull(commandLine, "commandLine");
    if (commandLine.isBlank()) {
      throw new IllegalArgumentException("the serving command is empty");
    }
    ShellWords sw = ShellWords.split(commandLine);
    ShellWords.Command found = null;
    String[] start = null;
    for (ShellWords.Command c : sw.commands) {
      start = launcher(c.words);
      if (start != null) {
        found = c;
        break;
      }
    }
    if (found == null) {
      ShellWords.Command first = sw.commands.isEmpty() ? null : sw.commands.get(0);
      String what = first == null || first.words.isEmpty() ? ShellWords.excerpt(commandLine)
          : String.join(" ", first.words.subList(0, Math.min(3, first.words.size())));
      throw new IllegalArgumentException("unknown engine in '" + ShellWords.excerpt(what)
          + "': expected 'vllm serve MODEL ...', 'python -m vllm.entrypoints.openai.api_server --model MODEL ...' or "
          + "'python -m sglang.launch_server --model-path MODEL ...'");
    }
    CommandParse p = new CommandParse(commandLine, EngineKind.parse(start[0]), start[1], sw.notes);
    long servers = sw.commands.stream().filter(c -> launcher(c.words) != null).count();
    if (servers > 1) {
      p.notes.add("the script starts " + servers + " servers; the first is checked");
    }
    p.env.putAll(found.environment);
    int skip = Integer.parseInt(start[2]);
    p.args.addAll(found.words.subList(skip, found.words.size()));
    p.run();
    return new ServingCommand(p);
  }

  /**
   * Returns {engine, launcher, words to skip} when {@code words} start a vLLM or SGLang server, else null.
   */
  private static String[] launcher(List<String> words) {
    if (words.isEmpty()) {
      return null;
    }
    String w0 = basename(words.get(0));
    if (w0.equals("vllm") && words.size() > 1 && words.get(1).equals("serve")) {
      return new String[] {"vllm", "vllm serve", "2"};
    }
    if ((w0.equals("sglang") && words.size() > 1 && words.get(1).equals("serve"))) {
      return new String[] {"sglang", "sglang serve", "2"};
    }
    int i = 0;
    if (w0.startsWith("python") || w0.equals("uv") || w0.equals("uvx")) {
      i = 1;
      if (w0.startsWith("uv") && i < words.size() && words.get(i).equals("run")) {
        i++;
      }
      if (i < words.size() && basename(words.get(i)).startsWith("python")) {
        i++;
      }
      while (i < words.size() && words.get(i).startsWith("-") && !words.get(i).equals("-m")) {
        i++;
      }
      if (i + 1 < words.size() && words.get(i).equals("-m")) {
        String module = words.get(i + 1);
        if (module.equals("vllm.entrypoints.openai.api_server") || module.equals("vllm.entrypoints.api_server")) {
          return new String[] {"vllm", "python -m " + module, String.valueOf(i + 2)};
        }
        if (module.equals("sglang.launch_server")) {
          return new String[] {"sglang", "python -m " + module, String.valueOf(i + 2)};
        }
        if (module.equals("vllm.entrypoints.cli.main") && i + 2 < words.size() && words.get(i + 2).equals("serve")) {
          return new String[] {"vllm", "vllm serve", String.valueOf(i + 3)};
        }
      }
    }
    return null;
  }

  private static String basename(String path) {
    int slash = path.lastIndexOf('/');
    return slash >= 0 ? path.substring(slash + 1) : path;
  }

  /**
   * Returns this command with {@code flags} applied the way a user would edit it: each flag
   * replaces every earlier flag that sets the same thing (aliases and {@code --no-} forms
   * included), then is appended.
   *
   * @throws IllegalArgumentException when the edited command does not parse
   */
  public ServingCommand withFlags(List<String> flags) {
    CommandParse probe = new CommandParse(text, engine, launcher, List.of());
    probe.args.addAll(flags);
    List<Setting> replaced = probe.settingsOf(flags);
    List<String> kept = new ArrayList<>();
    List<String> args = arguments;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      Flag f = a.startsWith("-") ? Flags.find(engine, a.contains("=") ? a.substring(0, a.indexOf('=')) : a) : null;
      if (f != null && replaced.contains(f.setting) && f.setting != Setting.IGNORED && f.setting != Setting.UNMODELLED) {
        if (f.arity == Arity.VALUE && !a.contains("=") && i + 1 < args.size()) {
          i++;
        }
        continue;
      }
      kept.add(a);
    }
    kept.addAll(flags);
    StringBuilder sb = new StringBuilder();
    environment.forEach((k, v) -> sb.append(k).append('=').append(quote(v)).append(' '));
    sb.append(launcher);
    if (launcher.equals("vllm serve") && model != null && !kept.contains(model)) {
      sb.append(' ').append(quote(model));
    }
    for (String a : kept) {
      sb.append(' ').append(quote(a));
    }
    return parse(sb.toString());
  }

  /** Returns {@code words} joined by spaces, each quoted for a POSIX shell where it needs quoting (for display and copying). */
  public static String toShell(List<String> words) {
    StringBuilder sb = new StringBuilder();
    for (String w : words) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(quote(w));
    }
    return sb.toString();
  }

  /** Returns {@code s} quoted for a POSIX shell when it needs quoting. */
  static String quote(String s) {
    if (!s.isEmpty() && s.matches("[A-Za-z0-9_./:=,+@%-]+")) {
      return s;
    }
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /**
   * Resolves the command against the catalog registered with {@link Presets} (model by id, alias
   * or Hugging Face id), the defaults of its engine, and {@link CheckOptions#defaults()}.
   *
   * @throws IllegalArgumentException for an unknown model or a layout the model does not allow
   */
  public ResolvedCommand resolve(Accelerator accelerator) {
    return resolve(Presets.model(model), accelerator, EngineProfile.of(engine), CheckOptions.defaults());
  }

  /**
   * Returns the deployment this command starts on {@code accelerator} when it serves {@code model}:
   * the command's flags applied over {@code baseEngine} (the engine's constants at the version
   * checked, carrying the stated prefix-cache hit rate, which a command that disables prefix caching
   * sets to 0), and the estimate's options (speculative decoding at
   * {@link CheckOptions#speculativeAcceptance()}). Without {@code --max-model-len} the model's
   * context length applies, as in vLLM and SGLang.
   *
   * @throws IllegalArgumentException when {@code baseEngine} is another engine, or the flags
   *     contradict each other or the model (e.g. TP not dividing the attention heads, a token budget
   *     below max-model-len without chunked prefill)
   */
  public ResolvedCommand resolve(ModelSpec model, Accelerator accelerator, EngineProfile baseEngine, CheckOptions options) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(accelerator, "accelerator");
    Objects.requireNonNull(baseEngine, "baseEngine");
    Objects.requireNonNull(options, "options");
    if (baseEngine.kind() != engine) {
      throw new IllegalArgumentException("the engine profile is " + baseEngine.kind() + " but the command starts " + engine);
    }
    List<String> out = new ArrayList<>(notes);
    int len;
    if (maxModelLen.isPresent()) {
      len = maxModelLen.getAsInt();
      if (model.maxPositionEmbeddings() > 0 && len > model.maxPositionEmbeddings()
          && !"1".equals(environment.get("VLLM_ALLOW_LONG_MAX_MODEL_LEN"))) {
        out.add(lenFlag() + " " + len + " exceeds " + model.name() + "'s max_position_embeddings "
            + model.maxPositionEmbeddings() + "; the engine refuses it unless RoPE scaling extends the context");
      }
    } else {
      len = model.maxPositionEmbeddings();
      out.add(lenFlag() + " not given: the engine uses the model's context, " + len + " tokens");
    }
    EngineProfile.Builder e = EngineProfile.builder().from(baseEngine);
    memoryUtilization.ifPresent(e::memoryUtilization);
    blockSize.ifPresent(e::blockSize);
    if (enforceEager) {
      e.cudaGraphs(false);
    }
    boolean chunked = chunkedPrefill.orElse(baseEngine.chunkedPrefill());
    e.chunkedPrefill(chunked);
    int seqs = maxNumSeqs.orElse(baseEngine.maxNumSeqs());
    int budget = maxNumBatchedTokens.orElse(baseEngine.maxNumBatchedTokens());
    if (engine == EngineKind.VLLM) {
      if (!chunked && maxNumBatchedTokens.isEmpty() && budget < len) {
        budget = len;
        out.add("without chunked prefill the token budget (max-num-batched-tokens) defaults to max-model-len, " + len);
      }
      if (!chunked && budget < len) {
        throw new IllegalArgumentException("contradictory flags: --max-num-batched-tokens " + budget
            + " is below --max-model-len " + len + " with chunked prefill off (vLLM refuses this)");
      }
      if (budget < seqs) {
        if (maxNumSeqs.isPresent() && maxNumBatchedTokens.isPresent()) {
          throw new IllegalArgumentException("contradictory flags: --max-num-batched-tokens " + budget
              + " is below --max-num-seqs " + seqs + " (vLLM refuses this)");
        }
        if (maxNumBatchedTokens.isPresent()) {
          seqs = budget;
          out.add("max-num-seqs capped at the token budget, " + budget);
        } else {
          budget = seqs;
          out.add("max-num-batched-tokens raised to max-num-seqs, " + seqs);
        }
      }
    }
    e.maxNumSeqs(seqs).maxNumBatchedTokens(budget);
    if (prefixCaching.isPresent() && !prefixCaching.get()) {
      if (baseEngine.prefixCacheHitRate() > 0) {
        out.add("prefix caching is off: the stated hit rate " + baseEngine.prefixCacheHitRate() + " does not apply");
      }
      e.prefixCacheHitRate(0.0);
    }
    Deployment.Builder d = Deployment.builder().model(model).accelerator(accelerator).engine(e.build()).maxModelLen(len);
    Optional<QuantizationScheme> q = quantizationMethod.flatMap(m -> scheme(m, out, model));
    if (quantizationMethod.isPresent()) {
      d.quantization(q.isPresent() ? q : model.nativeQuantization());
    }
    dtype.ifPresent(d::weightPrecision);
    kvCacheDtype.ifPresent(d::kvCachePrecision);
    int ep = 1;
    if (expertParallelSize.isPresent() || expertParallel) {
      int want = expertParallelSize.orElse(engine == EngineKind.SGLANG ? tp : tp * dp);
      if (model.moe().isEmpty()) {
        out.add("expert parallelism has no effect on a dense model (" + model.name() + ")");
      } else {
        ep = want;
      }
    }
    d.parallelism(Parallelism.of(tp, pp, ep, dp));
    Deployment deployment = d.build();
    CheckOptions opts = options;
    if (speculation.isPresent()) {
      Speculation s = speculation.get();
      SpeculativeDecoding sd = SpeculativeDecoding.builder().draftTokens(s.draftTokens())
          .acceptanceRate(options.speculativeAcceptance()).draftCostRatio(s.draftCostRatio()).build();
      opts = CheckOptions.builder().from(options)
          .performance(PerformanceOptions.builder().from(options.performance()).speculative(sd).build()).build();
      out.add("speculative decoding " + s + ": acceptance rate " + options.speculativeAcceptance()
          + " assumed; draft-model weights are not counted in memory");
    }
    return new ResolvedCommand(this, deployment, opts, out);
  }

  private String lenFlag() {
    return engine == EngineKind.SGLANG ? "--context-length" : "--max-model-len";
  }

  /** Maps a {@code --quantization} method to a scheme; empty when the checkpoint defines it. */
  private Optional<QuantizationScheme> scheme(String method, List<String> out, ModelSpec model) {
    switch (method.toLowerCase(Locale.ROOT).replace('-', '_')) {
      case "fp8":
      case "fbgemm_fp8":
      case "ptpc_fp8":
      case "modelopt":
      case "w8a8_fp8":
        return Optional.of(QuantizationScheme.FP8_DYNAMIC);
      case "awq":
      case "awq_marlin":
        return Optional.of(QuantizationScheme.AWQ_INT4);
      case "gptq":
      case "gptq_marlin":
      case "marlin":
        return Optional.of(QuantizationScheme.GPTQ_INT4);
      case "w8a8_int8":
        return Optional.of(QuantizationScheme.W8A8);
      case "mxfp4":
        return Optional.of(QuantizationScheme.MXFP4);
      case "modelopt_fp4":
      case "nvfp4":
        return Optional.of(QuantizationScheme.NVFP4);
      case "compressed_tensors":
        out.add("--quantization compressed-tensors: the scheme is the checkpoint's; " + model.name() + " has "
            + model.nativeQuantization().map(QuantizationScheme::id).orElse("none in the catalog, so weights count at "
            + model.nativePrecision().id()));
        return Optional.empty();
      default:
        throw new IllegalArgumentException("--quantization " + method + " is not modelled (read: fp8, awq, awq_marlin, "
            + "gptq, gptq_marlin, marlin, w8a8_int8, w8a8_fp8, mxfp4, modelopt, modelopt_fp4, compressed-tensors)");
    }
  }

  /** Returns the text parsed (the whole script when a script was given). */
  public String text() {
    return text;
  }

  /** Returns the engine the command starts. */
  public EngineKind engine() {
    return engine;
  }

  /** Returns how the server is started, e.g. {@code "vllm serve"} or {@code "python -m sglang.launch_server"}. */
  public String launcher() {
    return launcher;
  }

  /** Returns the words after the launcher, after shell expansion. */
  public List<String> arguments() {
    return arguments;
  }

  /** Returns the environment the command runs with (prefix assignments, and a script's exports and variables). */
  public Map<String, String> environment() {
    return environment;
  }

  /** Returns the model as written: a catalog id, a Hugging Face id or a local path. */
  public String model() {
    return model;
  }

  /** Returns the tensor-parallel size; default 1. */
  public int tensorParallel() {
    return tp;
  }

  /** Returns the pipeline-parallel size; default 1. */
  public int pipelineParallel() {
    return pp;
  }

  /** Returns the data-parallel replicas; default 1. */
  public int dataParallel() {
    return dp;
  }

  /** Returns whether expert parallelism is enabled (vLLM {@code --enable-expert-parallel}: EP = TP·DP). */
  public boolean expertParallel() {
    return expertParallel;
  }

  /** Returns SGLang's explicit {@code --ep-size}, if given. */
  public OptionalInt expertParallelSize() {
    return expertParallelSize;
  }

  /** Returns the devices the command uses: TP·PP·DP. */
  public int devices() {
    return tp * pp * dp;
  }

  /** Returns {@code --max-model-len} (SGLang {@code --context-length}), if given. */
  public OptionalInt maxModelLen() {
    return maxModelLen;
  }

  /** Returns vLLM's {@code --gpu-memory-utilization} or SGLang's {@code --mem-fraction-static}, if given. */
  public OptionalDouble memoryUtilization() {
    return memoryUtilization;
  }

  /** Returns {@code --max-num-seqs} (SGLang {@code --max-running-requests}), if given. */
  public OptionalInt maxNumSeqs() {
    return maxNumSeqs;
  }

  /** Returns {@code --max-num-batched-tokens} (SGLang {@code --chunked-prefill-size}), if given. */
  public OptionalInt maxNumBatchedTokens() {
    return maxNumBatchedTokens;
  }

  /** Returns {@code --block-size} (SGLang {@code --page-size}), if given. */
  public OptionalInt blockSize() {
    return blockSize;
  }

  /** Returns the KV-cache dtype, empty for {@code auto} or when not given. */
  public Optional<Precision> kvCacheDtype() {
    return kvCacheDtype;
  }

  /** Returns the {@code --quantization} method as written, if given. */
  public Optional<String> quantizationMethod() {
    return quantizationMethod;
  }

  /** Returns the {@code --dtype}, empty for {@code auto} or when not given. */
  public Optional<Precision> dtype() {
    return dtype;
  }

  /** Returns whether CUDA graphs are off ({@code --enforce-eager}, SGLang {@code --disable-cuda-graph}). */
  public boolean enforceEager() {
    return enforceEager;
  }

  /** Returns whether chunked prefill is switched on or off explicitly. */
  public Optional<Boolean> chunkedPrefill() {
    return chunkedPrefill;
  }

  /** Returns whether prefix caching is switched on or off explicitly (SGLang: off with {@code --disable-radix-cache}). */
  public Optional<Boolean> prefixCaching() {
    return prefixCaching;
  }

  /** Returns the speculative decoding configured ({@code --speculative-config}, SGLang {@code --speculative-algorithm}), if any. */
  public Optional<Speculation> speculation() {
    return speculation;
  }

  /** Returns the number of devices {@code CUDA_VISIBLE_DEVICES} lists, if set. */
  public OptionalInt visibleDevices() {
    return visibleDevices;
  }

  /** Returns what the parser assumed or ignored, one sentence each. */
  public List<String> notes() {
    return notes;
  }

  /** Returns the flags it does not know, each with its value when it seemed to take one. */
  public List<String> unknownFlags() {
    return unknownFlags;
  }

  /** Returns the command as one line: environment prefix, launcher and arguments. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (environment.containsKey("CUDA_VISIBLE_DEVICES")) {
      sb.append("CUDA_VISIBLE_DEVICES=").append(quote(environment.get("CUDA_VISIBLE_DEVICES"))).append(' ');
    }
    sb.append(launcher);
    for (String a : arguments) {
      sb.append(' ').append(quote(a));
    }
    return sb.toString();
  }
}
