package dev.aicompass.check;

import dev.aicompass.check.Flags.Arity;
import dev.aicompass.check.Flags.Flag;
import dev.aicompass.check.Flags.Setting;
import dev.aicompass.check.ServingCommand.Speculation;
import dev.aicompass.deploy.EngineKind;
import dev.aicompass.model.Precision;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/** The mutable state of one parse of a {@link ServingCommand}: flags read, contradictions found, values interpreted. */
final class CommandParse {
  final String text;
  final EngineKind engine;
  final String launcher;
  final List<String> args = new ArrayList<>();
  final Map<String, String> env = new LinkedHashMap<>();
  final List<String> notes = new ArrayList<>();
  final List<String> unknown = new ArrayList<>();
  final Map<Setting, String[]> given = new EnumMap<>(Setting.class);
  final List<String> ignored = new ArrayList<>();
  String model;
  int tp = 1;
  int pp = 1;
  int dp = 1;
  boolean expertParallel;
  OptionalInt epSize = OptionalInt.empty();
  OptionalInt maxModelLen = OptionalInt.empty();
  OptionalDouble utilization = OptionalDouble.empty();
  OptionalInt maxNumSeqs = OptionalInt.empty();
  OptionalInt maxNumBatchedTokens = OptionalInt.empty();
  OptionalInt blockSize = OptionalInt.empty();
  Optional<Precision> kvCacheDtype = Optional.empty();
  Optional<String> quantization = Optional.empty();
  Optional<Precision> dtype = Optional.empty();
  boolean enforceEager;
  Optional<Boolean> chunkedPrefill = Optional.empty();
  Optional<Boolean> prefixCaching = Optional.empty();
  Optional<Speculation> speculation = Optional.empty();
  OptionalInt visibleDevices = OptionalInt.empty();

  CommandParse(String text, EngineKind engine, String launcher, List<String> shellNotes) {
    this.text = text;
    this.engine = engine;
    this.launcher = launcher;
    this.notes.addAll(shellNotes);
  }

  /** Returns the settings {@code flags} touch (for {@link ServingCommand#withFlags}). */
  List<Setting> settingsOf(List<String> flags) {
    List<Setting> s = new ArrayList<>();
    for (String a : flags) {
      if (a.startsWith("-")) {
        Flag f = Flags.find(engine, a.contains("=") ? a.substring(0, a.indexOf('=')) : a);
        if (f != null) {
          s.add(f.setting);
        }
      }
    }
    return s;
  }

  void run() {
    boolean positionalModel = launcher.equals("vllm serve") || launcher.equals("sglang serve");
    boolean positionalSeen = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!a.startsWith("-") || a.equals("-") || a.matches("-[0-9.]+")) {
        if (positionalModel && !positionalSeen) {
          positionalSeen = true;
          String[] before = given.get(Setting.MODEL);
          if (before != null && !before[1].equals(a)) {
            throw new IllegalArgumentException("contradictory flags: " + before[0] + " " + before[1]
                + " and the positional model " + a);
          }
          if (before != null) {
            notes.add("the model is given both positionally and with " + before[0]);
          }
          given.put(Setting.MODEL, new String[] {"the positional model", a});
        } else {
          unknown.add(a + " (unexpected argument)");
        }
        continue;
      }
      String name = a;
      String value = null;
      int eq = a.indexOf('=');
      if (eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      Flag f = Flags.find(engine, name);
      if (f == null) {
        if (value == null && i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
          value = args.get(++i);
        }
        unknown.add(value == null ? name : name + " " + value);
        continue;
      }
      if (f.arity == Arity.VALUE && value == null) {
        if (i + 1 >= args.size() || (args.get(i + 1).startsWith("--") && f.setting != Setting.SPECULATIVE_CONFIG)) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        value = args.get(++i);
      }
      if (f.arity != Arity.VALUE) {
        if (value != null) {
          boolean on = bool(name, value);
          value = String.valueOf(on == (f.arity == Arity.ON));
        } else {
          value = String.valueOf(f.arity == Arity.ON);
        }
      }
      if (f.setting == Setting.IGNORED) {
        ignored.add(name);
        continue;
      }
      if (f.setting == Setting.UNMODELLED) {
        notes.add("not modelled: " + name + (f.arity == Arity.VALUE ? " " + value : "") + " (" + f.why + ")");
        continue;
      }
      String[] before = given.get(f.setting);
      if (before != null && !same(f.setting, before[1], value)) {
        throw new IllegalArgumentException("contradictory flags: " + show(before[0], before[1], f.setting) + " and "
            + show(name, value, f.setting));
      }
      if (f.setting == Setting.MODEL && before != null && before[0].equals("the positional model")) {
        notes.add("the model is given both positionally and with " + name);
      }
      given.put(f.setting, new String[] {name, value});
    }
    if (!ignored.isEmpty()) {
      notes.add("no effect on capacity, ignored: " + ignored.stream().distinct().collect(Collectors.joining(", ")));
    }
    interpret();
  }

  private static String show(String flag, String value, Setting s) {
    if (s == Setting.CHUNKED_PREFILL || s == Setting.PREFIX_CACHING || s == Setting.ENFORCE_EAGER
        || s == Setting.EXPERT_PARALLEL) {
      return flag;
    }
    return flag + " " + value;
  }

  private boolean same(Setting s, String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    try {
      return Double.parseDouble(a) == Double.parseDouble(b);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean bool(String name, String v) {
    switch (v.toLowerCase(Locale.ROOT)) {
      case "true":
      case "1":
      case "yes":
        return true;
      case "false":
      case "0":
      case "no":
        return false;
      default:
        throw new IllegalArgumentException(name + " ('" + v + "') must be true or false");
    }
  }

  private void interpret() {
    String[] m = given.get(Setting.MODEL);
    if (m == null || m[1].isBlank()) {
      throw new IllegalArgumentException("missing model: " + (engine == EngineKind.SGLANG
          ? "give --model-path MODEL" : launcher.equals("vllm serve") ? "give 'vllm serve MODEL'" : "give --model MODEL"));
    }
    model = m[1];
    tp = positive(Setting.TP, 1);
    pp = positive(Setting.PP, 1);
    dp = positive(Setting.DP, 1);
    if (given.containsKey(Setting.EP_SIZE)) {
      epSize = OptionalInt.of(positive(Setting.EP_SIZE, 1));
    }
    expertParallel = flag(Setting.EXPERT_PARALLEL);
    if (given.containsKey(Setting.MAX_MODEL_LEN)) {
      maxModelLen = OptionalInt.of(tokens(Setting.MAX_MODEL_LEN));
    }
    if (given.containsKey(Setting.MEMORY_UTILIZATION)) {
      String[] g = given.get(Setting.MEMORY_UTILIZATION);
      double u = number(g);
      if (!(u > 0 && u <= 1)) {
        throw new IllegalArgumentException(g[0] + " (" + g[1] + ") must be in (0, 1]");
      }
      utilization = OptionalDouble.of(u);
    }
    if (given.containsKey(Setting.MAX_NUM_SEQS)) {
      maxNumSeqs = OptionalInt.of(positive(Setting.MAX_NUM_SEQS, 0));
    }
    if (given.containsKey(Setting.MAX_NUM_BATCHED_TOKENS)) {
      maxNumBatchedTokens = OptionalInt.of(tokens(Setting.MAX_NUM_BATCHED_TOKENS));
    }
    if (given.containsKey(Setting.CHUNK_SIZE)) {
      String[] g = given.get(Setting.CHUNK_SIZE);
      int size = integer(g);
      if (size == -1) {
        chunkedPrefill = Optional.of(false);
      } else if (size > 0) {
        maxNumBatchedTokens = OptionalInt.of(size);
        chunkedPrefill = Optional.of(true);
      } else {
        throw new IllegalArgumentException(g[0] + " (" + g[1] + ") must be positive, or -1 to turn chunked prefill off");
      }
    }
    if (given.containsKey(Setting.BLOCK_SIZE)) {
      blockSize = OptionalInt.of(positive(Setting.BLOCK_SIZE, 0));
    }
    if (given.containsKey(Setting.KV_CACHE_DTYPE)) {
      kvCacheDtype = kvDtype(given.get(Setting.KV_CACHE_DTYPE));
    }
    if (given.containsKey(Setting.QUANTIZATION)) {
      String q = given.get(Setting.QUANTIZATION)[1];
      quantization = q.equalsIgnoreCase("none") ? Optional.empty() : Optional.of(q);
    }
    if (given.containsKey(Setting.DTYPE)) {
      dtype = weightDtype(given.get(Setting.DTYPE));
    }
    enforceEager = flag(Setting.ENFORCE_EAGER);
    if (given.containsKey(Setting.CHUNKED_PREFILL)) {
      chunkedPrefill = Optional.of(flag(Setting.CHUNKED_PREFILL));
    }
    if (given.containsKey(Setting.PREFIX_CACHING)) {
      prefixCaching = Optional.of(flag(Setting.PREFIX_CACHING));
    }
    speculation = speculation();
    String cvd = env.get("CUDA_VISIBLE_DEVICES");
    if (cvd != null) {
      int n = (int) java.util.Arrays.stream(cvd.split(",")).filter(s -> !s.isBlank()).count();
      visibleDevices = OptionalInt.of(n);
      int need = tp * pp * dp;
      if (need > n) {
        throw new IllegalArgumentException("contradictory settings: tensor × pipeline × data parallel = " + tp + " × " + pp
            + " × " + dp + " = " + need + " devices, but CUDA_VISIBLE_DEVICES=" + cvd + " makes " + n + " visible");
      }
      if (need < n) {
        notes.add("CUDA_VISIBLE_DEVICES lists " + n + " devices; the command uses " + need);
      }
    }
  }

  private boolean flag(Setting s) {
    String[] g = given.get(s);
    return g != null && Boolean.parseBoolean(g[1]);
  }

  private int integer(String[] g) {
    try {
      return Integer.parseInt(g[1].trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(g[0] + " ('" + g[1] + "') must be an integer"
          + (g[1].startsWith("$") ? " (the variable is not assigned where the command can see it)" : ""), e);
    }
  }

  private double number(String[] g) {
    try {
      return Double.parseDouble(g[1].trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(g[0] + " ('" + g[1] + "') must be a number"
          + (g[1].startsWith("$") ? " (the variable is not assigned where the command can see it)" : ""), e);
    }
  }

  private int positive(Setting s, int dflt) {
    String[] g = given.get(s);
    if (g == null) {
      return dflt;
    }
    int v = integer(g);
    if (v <= 0) {
      throw new IllegalArgumentException(g[0] + " (" + g[1] + ") must be positive");
    }
    return v;
  }

  /** Reads a token count, with vLLM's suffixes k (1e3), K (2^10), m (1e6), M (2^20). */
  private int tokens(Setting s) {
    String[] g = given.get(s);
    String v = g[1].trim();
    double factor = 1;
    if (v.endsWith("k")) {
      factor = 1e3;
    } else if (v.endsWith("K")) {
      factor = 1024;
    } else if (v.endsWith("m")) {
      factor = 1e6;
    } else if (v.endsWith("M")) {
      factor = 1024 * 1024;
    }
    if (factor > 1) {
      v = v.substring(0, v.length() - 1);
    }
    double t;
    try {
      t = Double.parseDouble(v) * factor;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(g[0] + " ('" + g[1] + "') must be a number of tokens such as 8192 or 32k"
          + (g[1].startsWith("$") ? " (the variable is not assigned where the command can see it)" : ""), e);
    }
    if (!(t >= 1) || t > Integer.MAX_VALUE || t != Math.rint(t)) {
      throw new IllegalArgumentException(g[0] + " (" + g[1] + ") must be a positive whole number of tokens");
    }
    return (int) t;
  }

  private static Optional<Precision> kvDtype(String[] g) {
    String v = g[1].toLowerCase(Locale.ROOT);
    switch (v) {
      case "auto":
        return Optional.empty();
      case "fp8":
      case "fp8_e4m3":
      case "fp8_e5m2":
      case "fp8_inc":
      case "fp8_ds_mla":
        return Optional.of(Precision.FP8);
      case "bfloat16":
      case "bf16":
        return Optional.of(Precision.BF16);
      case "float16":
      case "half":
      case "fp16":
        return Optional.of(Precision.FP16);
      default:
        throw new IllegalArgumentException(g[0] + " ('" + g[1] + "') must be auto, fp8, fp8_e4m3, fp8_e5m2, bfloat16 or float16");
    }
  }

  private static Optional<Precision> weightDtype(String[] g) {
    String v = g[1].toLowerCase(Locale.ROOT);
    switch (v) {
      case "auto":
        return Optional.empty();
      case "half":
      case "float16":
      case "fp16":
        return Optional.of(Precision.FP16);
      case "bfloat16":
      case "bf16":
        return Optional.of(Precision.BF16);
      case "float":
      case "float32":
      case "fp32":
        return Optional.of(Precision.FP32);
      default:
        throw new IllegalArgumentException(g[0] + " ('" + g[1] + "') must be auto, half, float16, bfloat16, float or float32");
    }
  }

  private Optional<Speculation> speculation() {
    String[] cfg = given.get(Setting.SPECULATIVE_CONFIG);
    if (cfg != null) {
      Object parsed;
      try {
        parsed = JsonValue.parse(cfg[1]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(cfg[0] + ": " + e.getMessage(), e);
      }
      if (!(parsed instanceof Map)) {
        throw new IllegalArgumentException(cfg[0] + " must be a JSON object, e.g. '{\"method\": \"eagle3\", "
            + "\"model\": \"...\", \"num_speculative_tokens\": 3}'");
      }
      Map<?, ?> c = (Map<?, ?>) parsed;
      Object k = c.get("num_speculative_tokens");
      if (!(k instanceof Double) || (Double) k < 1 || (Double) k != Math.rint((Double) k)) {
        throw new IllegalArgumentException(cfg[0] + " needs \"num_speculative_tokens\" as a positive integer");
      }
      Optional<String> draft = c.get("model") instanceof String ? Optional.of((String) c.get("model")) : Optional.empty();
      String method = c.get("method") instanceof String ? ((String) c.get("method")).toLowerCase(Locale.ROOT)
          : draft.map(x -> "draft_model").orElse("ngram");
      for (Object key : c.keySet()) {
        if (!List.of("method", "model", "num_speculative_tokens").contains(key)) {
          notes.add(cfg[0] + " key '" + key + "' does not change the estimate");
        }
      }
      return Optional.of(new Speculation(method, draft, (int) Math.rint((Double) k)));
    }
    if (given.containsKey(Setting.SPEC_MODEL) && engine == EngineKind.VLLM) {
      int k = positive(Setting.SPEC_TOKENS, 0);
      if (k == 0) {
        throw new IllegalArgumentException("--speculative-model needs --num-speculative-tokens");
      }
      String draft = given.get(Setting.SPEC_MODEL)[1];
      String method = draft.equals("[ngram]") ? "ngram" : "draft_model";
      return Optional.of(new Speculation(method, method.equals("ngram") ? Optional.empty() : Optional.of(draft), k));
    }
    if (given.containsKey(Setting.SPEC_ALGORITHM)) {
      String alg = given.get(Setting.SPEC_ALGORITHM)[1].toLowerCase(Locale.ROOT);
      int k;
      if (given.containsKey(Setting.SPEC_STEPS)) {
        k = positive(Setting.SPEC_STEPS, 1);
      } else if (given.containsKey(Setting.SPEC_DRAFT_TOKENS)) {
        k = Math.max(1, positive(Setting.SPEC_DRAFT_TOKENS, 2) - 1);
      } else {
        k = 3;
        notes.add("--speculative-num-steps not given: 3 draft steps assumed");
      }
      Optional<String> draft = given.containsKey(Setting.SPEC_MODEL)
          ? Optional.of(given.get(Setting.SPEC_MODEL)[1]) : Optional.empty();
      String method = alg.equals("nextn") ? "mtp" : alg.equals("standalone") ? "draft_model" : alg;
      return Optional.of(new Speculation(method, draft, k));
    }
    if (given.containsKey(Setting.SPEC_TOKENS)) {
      notes.add("--num-speculative-tokens without a speculative model has no effect");
    }
    return Optional.empty();
  }
}
