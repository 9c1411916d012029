package dev.aicompass.catalog;

import dev.aicompass.catalog.internal.ConfigMapper;
import dev.aicompass.catalog.internal.JsonDocument;
import dev.aicompass.catalog.internal.JsonView;
import dev.aicompass.catalog.internal.ParameterCounts;
import dev.aicompass.catalog.internal.VersionRange;
import dev.aicompass.deploy.EngineKind;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.hardware.AcceleratorKind;
import dev.aicompass.hardware.Interconnect;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.Precision;
import dev.aicompass.model.QuantizationScheme;
import dev.aicompass.units.Bandwidth;
import dev.aicompass.units.ByteSize;
import dev.aicompass.units.FlopRate;
import dev.aicompass.units.Money;
import dev.aicompass.units.Power;
import dev.aicompass.units.TimeSpan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the entries of one catalog file. Every bad entry adds a problem (file, JSON path, line,
 * value, rule) and is skipped, so that one run reports all of them.
 */
final class EntryReader {
  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.\\-]*");

  static final Set<String> FILE_FIELDS = Set.of("models", "accelerators", "quantization", "engines", "$comment");
  static final Set<String> MODEL_FIELDS = Set.of("id", "name", "hfId", "aliases", "family", "modality",
      "publishedParameters", "publishedActiveParameters", "source", "notes", "config");
  static final Set<String> ACCELERATOR_FIELDS = Set.of("id", "name", "aliases", "kind", "vendor", "memory",
      "usableMemory", "memoryBandwidth", "peak", "interconnect", "tdp", "price", "source", "notes");
  static final Set<String> PEAK_FIELDS = Arrays.stream(Precision.values()).map(Precision::id).collect(Collectors.toSet());
  static final Set<String> INTERCONNECT_FIELDS = Set.of("name", "intraNode", "interNode", "devicesPerNode",
      "intraNodeLatency", "interNodeLatency");
  static final Set<String> PRICE_FIELDS = Set.of("hourly", "list", "date", "source");
  static final Set<String> QUANT_FIELDS = Set.of("id", "aliases", "weightPrecision", "computePrecision", "groupSize",
      "scaleBits", "zeroBits", "scope", "quantizesEmbeddings", "quantizesLmHead", "layoutOverhead", "description", "source");
  static final Set<String> ENGINE_FIELDS = Set.of("id", "name", "kind", "version", "versions", "description", "source",
      "memoryUtilization", "blockSize", "maxNumBatchedTokens", "maxNumSeqs", "chunkedPrefill", "cudaGraphs",
      "prefixCacheHitRate", "nonTorchSingleDevice", "nonTorchTensorParallelBase", "nonTorchTensorParallelPerRank",
      "nonTorchPipelineOnly", "samplerLogitCopies", "forwardActivationFactor", "stepOverhead", "requestOverhead");
  static final Set<String> MODALITIES = Set.of("text", "vision", "audio", "omni");

  /** The entries of one file, in file order, and the problems found. */
  static final class FileEntries {
    final List<ModelEntry> models = new ArrayList<>();
    final List<AcceleratorEntry> accelerators = new ArrayList<>();
    final List<QuantizationEntry> quantization = new ArrayList<>();
    final List<EngineEntry> engines = new ArrayList<>();
    /** Where each entry is ({@code file: path (line N)}), for duplicate messages. */
    final Map<Object, String> paths = new java.util.IdentityHashMap<>();
    final List<String> problems = new ArrayList<>();
  }

  private EntryReader() {}

  static FileEntries read(JsonDocument doc) {
    FileEntries out = new FileEntries();
    JsonView root = doc.view();
    try {
      root.requireObject();
      root.rejectUnknown(FILE_FIELDS);
    } catch (CatalogException e) {
      out.problems.addAll(e.problems());
      return out;
    }
    each(root, "models", out, v -> {
      ModelEntry m = model(v);
      out.models.add(m);
      out.paths.put(m, v.location());
    });
    each(root, "accelerators", out, v -> {
      AcceleratorEntry a = accelerator(v);
      out.accelerators.add(a);
      out.paths.put(a, v.location());
    });
    each(root, "quantization", out, v -> {
      QuantizationEntry q = quantization(v);
      out.quantization.add(q);
      out.paths.put(q, v.location());
    });
    each(root, "engines", out, v -> {
      EngineEntry e = engine(v);
      out.engines.add(e);
      out.paths.put(e, v.location());
    });
    return out;
  }

  private interface EntryAction {
    void accept(JsonView entry);
  }

  private static void each(JsonView root, String field, FileEntries out, EntryAction action) {
    if (!root.has(field)) {
      return;
    }
    JsonView array = root.field(field);
    if (!array.isArray()) {
      out.problems.add(array.locate("must be a JSON array of entries, got " + JsonView.describe(array.node())));
      return;
    }
    for (JsonView e : array.elements()) {
      try {
        e.requireObject();
        action.accept(e);
      } catch (CatalogException ex) {
        out.problems.addAll(ex.problems());
      } catch (IllegalArgumentException ex) {
        out.problems.add(e.locate(ex.getMessage()));
      }
    }
  }

  // ---- shared field readers --------------------------------------------------------------------------

  static String id(JsonView e) {
    String id = e.requireString("id");
    if (!ID.matcher(id).matches()) {
      throw e.field("id").error("id '" + id + "' must be lower-case letters, digits, '.' and '-' ([a-z0-9.-]+)");
    }
    return id;
  }

  static List<String> aliases(JsonView e) {
    List<String> out = new ArrayList<>();
    for (JsonView a : e.optArray("aliases").map(JsonView::elements).orElse(List.of())) {
      String s = a.asString();
      if (s.isBlank()) {
        throw a.error("alias must not be blank");
      }
      out.add(s.trim());
    }
    return out;
  }

  static String requireText(JsonView e, String field) {
    String s = e.requireString(field);
    if (s.isBlank()) {
      throw e.field(field).error(field + " must not be blank");
    }
    return s;
  }

  /** Parses the string {@code field} with a unit type's parser, locating any failure. */
  static <T> Optional<T> quantity(JsonView e, String field, Function<String, T> parser, String example) {
    JsonView v = e.field(field);
    if (v.isAbsent()) {
      return Optional.empty();
    }
    if (v.node() == null || !v.node().isTextual()) {
      throw v.error("must be a string with a unit such as '" + example + "', got " + JsonView.describe(v.node()));
    }
    try {
      return Optional.of(parser.apply(v.node().textValue()));
    } catch (IllegalArgumentException ex) {
      throw v.error(ex.getMessage());
    }
  }

  static <T> T requireQuantity(JsonView e, String field, Function<String, T> parser, String example) {
    return quantity(e, field, parser, example).orElseThrow(() -> e.missing(field, null));
  }

  private static Precision precision(JsonView e, String field) {
    JsonView v = e.field(field);
    try {
      return Precision.parse(v.asString());
    } catch (CatalogException ex) {
      throw ex;
    } catch (IllegalArgumentException ex) {
      throw v.error(ex.getMessage());
    }
  }

  // ---- models -------------------------------------------------------------------------------------------

  static ModelEntry model(JsonView e) {
    e.rejectUnknown(MODEL_FIELDS);
    String id = id(e);
    String name = requireText(e, "name");
    Optional<String> hfId = e.optString("hfId");
    List<String> aliases = aliases(e);
    String family = e.optString("family").orElse("");
    String source = requireText(e, "source");
    Optional<String> notes = e.optString("notes");
    OptionalLong published = count(e, "publishedParameters");
    OptionalLong active = count(e, "publishedActiveParameters");
    JsonView config = e.field("config");
    if (config.isAbsent()) {
      throw e.missing("config", "the architecture (the Hugging Face config.json fields)");
    }
    config.requireObject();
    ConfigMapper.Result r = ConfigMapper.map(id, config);
    ModelSpec spec = r.spec();
    String modality = e.optString("modality").orElse(spec.vision().isPresent() ? "vision"
        : spec.audio().isPresent() ? "audio" : "text");
    if (!MODALITIES.contains(modality)) {
      throw e.field("modality").error("modality '" + modality + "' must be one of text, vision, audio, omni");
    }
    if (modality.equals("vision") && spec.vision().isEmpty() || modality.equals("audio") && spec.audio().isEmpty()) {
      throw e.field("modality").error("modality '" + modality + "' but the config describes no " + modality
          + " encoder (architecture " + spec.architecture().orElse("unknown") + ")");
    }
    if (modality.equals("text") && spec.isMultimodal()) {
      throw e.field("modality").error("modality 'text' but the config has a "
          + (spec.vision().isPresent() ? "vision" : "audio") + " encoder");
    }
    if (active.isPresent() && published.isPresent() && active.getAsLong() > published.getAsLong()) {
      throw e.field("publishedActiveParameters").error("publishedActiveParameters (" + active.getAsLong()
          + ") must not exceed publishedParameters (" + published.getAsLong() + ")");
    }
    return new ModelEntry(id, name, hfId, aliases, family, modality, source, published, active, notes, spec,
        r.warnings(), e.file());
  }

  private static OptionalLong count(JsonView e, String field) {
    JsonView v = e.field(field);
    if (v.isAbsent()) {
      return OptionalLong.empty();
    }
    try {
      if (v.node().isIntegralNumber() && v.node().canConvertToLong()) {
        return OptionalLong.of(ParameterCounts.parse(Long.toString(v.node().longValue())));
      }
      if (!v.node().isTextual()) {
        throw v.error("must be a parameter count such as '8.03B', got " + JsonView.describe(v.node()));
      }
      return OptionalLong.of(ParameterCounts.parse(v.node().textValue()));
    } catch (CatalogException ex) {
      throw ex;
    } catch (IllegalArgumentException ex) {
      throw v.error(ex.getMessage());
    }
  }

  // ---- accelerators ---------------------------------------------------------------------------------------

  static AcceleratorEntry accelerator(JsonView e) {
    e.rejectUnknown(ACCELERATOR_FIELDS);
    String id = id(e);
    Accelerator.Builder b = Accelerator.builder().id(id).name(e.optString("name").orElse(id)).aliases(aliases(e))
        .source(requireText(e, "source"));
    e.optString("vendor").ifPresent(b::vendor);
    if (e.has("kind")) {
      String kind = e.field("kind").asString();
      try {
        b.kind(AcceleratorKind.valueOf(kind.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException ex) {
        throw e.field("kind").error("kind '" + kind + "' must be one of "
            + Arrays.stream(AcceleratorKind.values()).map(k -> k.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")));
      }
    }
    ByteSize memory = requireQuantity(e, "memory", ByteSize::parse, "80 GiB");
    b.memory(memory);
    Optional<ByteSize> usable = quantity(e, "usableMemory", ByteSize::parse, "79.19 GiB");
    if (usable.isPresent()) {
      if (usable.get().isGreaterThan(memory)) {
        throw e.field("usableMemory").error("usableMemory (" + usable.get() + ") must not exceed memory (" + memory + ")");
      }
      b.usableMemory(usable.get());
    }
    if (memory.isZero()) {
      throw e.field("memory").error("memory (" + memory + ") must be positive");
    }
    b.memoryBandwidth(requireQuantity(e, "memoryBandwidth", Bandwidth::parse, "3.35 TB/s"));
    JsonView peak = e.field("peak");
    Map<Precision, FlopRate> peaks = new EnumMap<>(Precision.class);
    List<String> peakWarnings = new ArrayList<>();
    if (peak.isAbsent()) {
      peakWarnings.add("no dense peak compute published: memory estimates only (performance estimates need a custom peak)");
    } else {
      peak.requireObject();
      peak.rejectUnknown(PEAK_FIELDS);
      for (String p : peak.fieldNames()) {
        quantity(peak, p, FlopRate::parse, "989.4 TFLOPS").ifPresent(r -> peaks.put(Precision.parse(p), r));
      }
      if (peaks.isEmpty()) {
        throw peak.error("peak must give at least one precision (" + String.join(", ", sorted(PEAK_FIELDS)) + ")");
      }
    }
    b.peaks(peaks);
    List<String> warnings = new ArrayList<>(peakWarnings);
    Optional<JsonView> ic = e.optObject("interconnect");
    if (ic.isPresent()) {
      JsonView i = ic.get();
      i.rejectUnknown(INTERCONNECT_FIELDS);
      Optional<Bandwidth> intra = quantity(i, "intraNode", Bandwidth::parse, "450 GB/s");
      Optional<Bandwidth> inter = quantity(i, "interNode", Bandwidth::parse, "50 GB/s");
      OptionalInt devices = i.optInt("devicesPerNode");
      if (devices.isPresent() && devices.getAsInt() <= 0) {
        throw i.field("devicesPerNode").error("devicesPerNode (" + devices.getAsInt() + ") must be positive");
      }
      Optional<TimeSpan> intraLatency = quantity(i, "intraNodeLatency", TimeSpan::parse, "5 us");
      Optional<TimeSpan> interLatency = quantity(i, "interNodeLatency", TimeSpan::parse, "15 us");
      if (intra.isPresent()) {
        Interconnect.Builder ib = Interconnect.builder().intraNode(intra.get());
        i.optString("name").ifPresent(ib::name);
        inter.ifPresent(ib::interNode);
        devices.ifPresent(ib::devicesPerNode);
        intraLatency.ifPresent(ib::intraNodeLatency);
        interLatency.ifPresent(ib::interNodeLatency);
        b.interconnect(ib.build());
      } else {
        warnings.add("interconnect '" + i.optString("name").orElse("?") + "' gives no intraNode bandwidth; "
            + "the datasheet carries no interconnect (" + i.location() + ")");
      }
    }
    quantity(e, "tdp", Power::parse, "700 W").ifPresent(b::tdp);
    Optional<Money> list = Optional.empty();
    Optional<String> date = Optional.empty();
    Optional<String> priceSource = Optional.empty();
    Optional<JsonView> price = e.optObject("price");
    if (price.isPresent()) {
      JsonView p = price.get();
      p.rejectUnknown(PRICE_FIELDS);
      quantity(p, "hourly", Money::parse, "2.49 USD").ifPresent(b::hourlyPrice);
      list = quantity(p, "list", Money::parse, "30000 USD");
      date = p.optString("date");
      priceSource = p.optString("source");
    }
    return new AcceleratorEntry(b.build(), list, date, priceSource, e.optString("notes"), warnings, e.file());
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().collect(Collectors.toList());
  }

  // ---- quantization ---------------------------------------------------------------------------------------

  static QuantizationEntry quantization(JsonView e) {
    e.rejectUnknown(QUANT_FIELDS);
    String id = id(e);
    QuantizationScheme.Builder b = QuantizationScheme.builder().id(id)
        .weightPrecision(precision(e, "weightPrecision"))
        .description(requireText(e, "description"));
    if (e.has("computePrecision")) {
      b.computePrecision(precision(e, "computePrecision"));
    }
    e.optInt("groupSize").ifPresent(g -> b.groupSize(nonNegative(e, "groupSize", g)));
    e.optInt("scaleBits").ifPresent(g -> b.scaleBits(nonNegative(e, "scaleBits", g)));
    e.optInt("zeroBits").ifPresent(g -> b.zeroBits(nonNegative(e, "zeroBits", g)));
    if (e.has("scope")) {
      String scope = e.field("scope").asString();
      switch (scope) {
        case "all-linear":
          b.scope(QuantizationScheme.Scope.ALL_LINEAR);
          break;
        case "experts-only":
          b.scope(QuantizationScheme.Scope.EXPERTS_ONLY);
          break;
        default:
          throw e.field("scope").error("scope '" + scope + "' must be 'all-linear' or 'experts-only'");
      }
    }
    e.optBoolean("quantizesEmbeddings").ifPresent(b::quantizesEmbeddings);
    e.optBoolean("quantizesLmHead").ifPresent(b::quantizesLmHead);
    e.optDouble("layoutOverhead").ifPresent(b::layoutOverhead);
    return new QuantizationEntry(b.build(), aliases(e), requireText(e, "source"), e.file());
  }

  private static int nonNegative(JsonView e, String field, int v) {
    if (v < 0) {
      throw e.field(field).error(field + " (" + v + ") must not be negative");
    }
    return v;
  }

  // ---- engines --------------------------------------------------------------------------------------------

  static EngineEntry engine(JsonView e) {
    e.rejectUnknown(ENGINE_FIELDS);
    String id = id(e);
    String kindText = e.requireString("kind");
    EngineKind kind;
    try {
      kind = EngineKind.parse(kindText);
    } catch (IllegalArgumentException ex) {
      throw e.field("kind").error(ex.getMessage());
    }
    EngineProfile.Builder b = EngineProfile.builder().kind(kind);
    e.optString("version").ifPresent(b::version);
    VersionRange range;
    try {
      range = VersionRange.parse(e.optString("versions").orElse("*"));
    } catch (IllegalArgumentException ex) {
      throw e.field("versions").error(ex.getMessage());
    }
    if (e.has("memoryUtilization")) {
      b.memoryUtilization(e.field("memoryUtilization").asDouble());
    }
    e.optInt("blockSize").ifPresent(b::blockSize);
    e.optInt("maxNumBatchedTokens").ifPresent(b::maxNumBatchedTokens);
    e.optInt("maxNumSeqs").ifPresent(b::maxNumSeqs);
    e.optBoolean("chunkedPrefill").ifPresent(b::chunkedPrefill);
    e.optBoolean("cudaGraphs").ifPresent(b::cudaGraphs);
    if (e.has("prefixCacheHitRate")) {
      b.prefixCacheHitRate(e.field("prefixCacheHitRate").asDouble());
    }
    quantity(e, "nonTorchSingleDevice", ByteSize::parse, "0.25 GiB").ifPresent(b::nonTorchSingleDevice);
    quantity(e, "nonTorchTensorParallelBase", ByteSize::parse, "2.01 GiB").ifPresent(b::nonTorchTensorParallelBase);
    quantity(e, "nonTorchTensorParallelPerRank", ByteSize::parse, "0.03 GiB").ifPresent(b::nonTorchTensorParallelPerRank);
    quantity(e, "nonTorchPipelineOnly", ByteSize::parse, "0.07 GiB").ifPresent(b::nonTorchPipelineOnly);
    if (e.has("samplerLogitCopies")) {
      b.samplerLogitCopies(e.field("samplerLogitCopies").asDouble());
    }
    if (e.has("forwardActivationFactor")) {
      b.forwardActivationFactor(e.field("forwardActivationFactor").asDouble());
    }
    quantity(e, "stepOverhead", TimeSpan::parse, "4 ms").ifPresent(b::stepOverhead);
    quantity(e, "requestOverhead", TimeSpan::parse, "5 ms").ifPresent(b::requestOverhead);
    EngineProfile profile;
    try {
      profile = b.build();
    } catch (IllegalArgumentException ex) {
      throw e.error(ex.getMessage());
    }
    if (e.has("version") && !range.contains(profile.version())) {
      throw e.field("version").error("version '" + profile.version() + "' lies outside the entry's versions '" + range + "'");
    }
    return new EngineEntry(id, e.optString("name").orElse(id), profile, range, e.optString("description").orElse(""),
        requireText(e, "source"), e.file());
  }
}
