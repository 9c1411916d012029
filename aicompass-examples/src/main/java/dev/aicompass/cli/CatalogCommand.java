package dev.aicompass.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicompass.catalog.AcceleratorEntry;
import dev.aicompass.catalog.Catalog;
import dev.aicompass.catalog.EngineEntry;
import dev.aicompass.catalog.ModelEntry;
import dev.aicompass.catalog.QuantizationEntry;
import dev.aicompass.hardware.Accelerator;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.ParameterBreakdown;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code aicompass catalog list|show}: the presets and where their numbers come from. */
@Command(name = "catalog", mixinStandardHelpOptions = true,
    description = "Lists the catalog's models, accelerators, quantization schemes and engines, or shows one entry.",
    footer = {"", "Examples:",
        "  aicompass catalog list",
        "  aicompass catalog list --kind accelerators --json",
        "  aicompass catalog show deepseek-v3",
        "  aicompass catalog show h100-sxm --catalog my-gpus.json"})
final class CatalogCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ACTION", description = "list | show")
  String action;

  @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "The entry to show (model, accelerator, scheme or engine id, or an alias).")
  String id;

  @Option(names = "--kind", paramLabel = "KIND", defaultValue = "all",
      description = "models | accelerators | quantization | engines | all (default: ${DEFAULT-VALUE}).")
  String kind;

  @Option(names = "--catalog", paramLabel = "FILE.json", description = "A catalog file adding or overriding entries (repeatable).")
  List<Path> catalogs = new ArrayList<>();

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Option(names = "--verbose", description = "Print stack traces of errors.")
  boolean verbose;

  @Override
  public Integer call() {
    Catalog catalog = Resolver.catalog(catalogs);
    PrintWriter out = spec.commandLine().getOut();
    String k = kind.toLowerCase(Locale.ROOT);
    if (!List.of("models", "accelerators", "quantization", "engines", "all").contains(k)) {
      throw new IllegalArgumentException("--kind (" + kind + ") must be one of models, accelerators, quantization, engines, all");
    }
    switch (action) {
      case "list":
        if (id != null) {
          throw new IllegalArgumentException("catalog list takes no ID (did you mean 'catalog show " + id + "'?)");
        }
        if (json) {
          out.println(Json.write(listJson(catalog, k)));
        } else {
          out.print(listText(catalog, k));
        }
        break;
      case "show":
        if (id == null) {
          throw new IllegalArgumentException("catalog show needs an ID, e.g. 'catalog show llama-3.1-8b'");
        }
        ObjectNode n = show(catalog, id);
        if (json) {
          out.println(Json.write(n));
        } else {
          out.println(n.toPrettyString());
        }
        break;
      default:
        throw new IllegalArgumentException("catalog ACTION ('" + action + "') must be 'list' or 'show'");
    }
    out.flush();
    return 0;
  }

  private static String listText(Catalog c, String kind) {
    StringBuilder sb = new StringBuilder();
    if (kind.equals("all") || kind.equals("models")) {
      sb.append(String.format(Locale.ROOT, "MODELS (%d)%n%-24s %-8s %-7s %10s %10s  %-28s %s%n", c.models().size(),
          "id", "family", "kind", "params", "active", "attention / features", "source"));
      for (ModelEntry m : c.models()) {
        ModelSpec s = m.spec();
        ParameterBreakdown p = s.parameters();
        sb.append(String.format(Locale.ROOT, "%-24s %-8s %-7s %9.2fB %9.2fB  %-28s %s%n", m.id(), trim(m.family(), 8),
            m.modality(), p.total() / 1e9, p.active() / 1e9, trim(features(s), 28), trim(m.source(), 60)));
      }
      sb.append('\n');
    }
    if (kind.equals("all") || kind.equals("accelerators")) {
      sb.append(String.format(Locale.ROOT, "ACCELERATORS (%d)%n%-18s %-5s %-10s %10s %11s %14s %10s  %s%n", c.accelerators().size(),
          "id", "kind", "vendor", "memory", "bandwidth", "bf16 dense", "link", "source"));
      for (AcceleratorEntry e : c.accelerators()) {
        Accelerator a = e.accelerator();
        sb.append(String.format(Locale.ROOT, "%-18s %-5s %-10s %10s %11s %14s %10s  %s%n", a.id(), a.kind(), trim(a.vendor(), 10),
            a.memory(), a.memoryBandwidth(), a.peak(dev.aicompass.model.Precision.BF16).map(Object::toString).orElse("-"),
            a.interconnect().map(i -> i.intraNode().toString()).orElse("-"), trim(a.source(), 60)));
      }
      sb.append('\n');
    }
    if (kind.equals("all") || kind.equals("quantization")) {
      sb.append(String.format(Locale.ROOT, "QUANTIZATION SCHEMES (%d)%n", c.quantizationSchemes().size()));
      for (QuantizationEntry q : c.quantizationSchemes()) {
        sb.append(String.format(Locale.ROOT, "%-14s %5.2f bits/weight  %s%n", q.id(), q.scheme().bitsPerWeight(4096),
            q.scheme().description()));
      }
      sb.append('\n');
    }
    if (kind.equals("all") || kind.equals("engines")) {
      sb.append(String.format(Locale.ROOT, "ENGINES (%d)%n", c.engines().size()));
      for (EngineEntry e : c.engines()) {
        sb.append(String.format(Locale.ROOT, "%-14s %-7s versions %-10s %s%n", e.id(), e.kind().id(), e.versions(), e.description()));
      }
    }
    return sb.toString();
  }

  static String features(ModelSpec s) {
    List<String> f = new ArrayList<>();
    f.add(s.attentionKind().name());
    s.moe().ifPresent(m -> f.add("MoE " + m.expertsPerToken() + "/" + m.numExperts()));
    s.slidingWindow().ifPresent(w -> f.add("SWA " + w));
    s.vision().ifPresent(v -> f.add("vision"));
    s.audio().ifPresent(v -> f.add("audio"));
    s.nativeQuantization().ifPresent(q -> f.add(q.id()));
    return String.join(", ", f);
  }

  private static ObjectNode listJson(Catalog c, String kind) {
    ObjectNode n = Json.object();
    if (kind.equals("all") || kind.equals("models")) {
      ArrayNode arr = n.putArray("models");
      for (ModelEntry m : c.models()) {
        arr.add(model(m));
      }
    }
    if (kind.equals("all") || kind.equals("accelerators")) {
      ArrayNode arr = n.putArray("accelerators");
      for (AcceleratorEntry a : c.accelerators()) {
        arr.add(accelerator(a));
      }
    }
    if (kind.equals("all") || kind.equals("quantization")) {
      ArrayNode arr = n.putArray("quantization");
      for (QuantizationEntry q : c.quantizationSchemes()) {
        ObjectNode o = arr.addObject();
        o.put("id", q.id());
        o.put("weightPrecision", q.scheme().weightPrecision().id());
        o.put("groupSize", q.scheme().groupSize());
        o.put("scaleBits", q.scheme().scaleBits());
        o.put("zeroBits", q.scheme().zeroBits());
        o.put("scope", q.scheme().scope().name());
        o.put("description", q.scheme().description());
        o.put("source", q.source());
      }
    }
    if (kind.equals("all") || kind.equals("engines")) {
      ArrayNode arr = n.putArray("engines");
      for (EngineEntry e : c.engines()) {
        ObjectNode o = arr.addObject();
        o.put("id", e.id());
        o.put("kind", e.kind().id());
        o.put("versions", e.versions());
        o.put("description", e.description());
        o.put("source", e.source());
      }
    }
    return n;
  }

  private static ObjectNode model(ModelEntry m) {
    ModelSpec s = m.spec();
    ObjectNode o = Json.object();
    o.put("id", m.id());
    o.put("name", m.name());
    o.put("hfId", m.hfId().orElse(null));
    o.put("family", m.family());
    o.put("modality", m.modality());
    o.put("parameters", s.parameters().total());
    o.put("activeParameters", s.parameters().active());
    if (m.publishedParameters().isPresent()) {
      o.put("publishedParameters", m.publishedParameters().getAsLong());
    }
    o.put("attention", s.attentionKind().name());
    o.put("features", features(s));
    o.put("layers", s.numLayers());
    o.put("hiddenSize", s.hiddenSize());
    o.put("heads", s.numHeads());
    o.put("kvHeads", s.numKvHeads());
    o.put("headDim", s.headDim());
    o.put("vocabSize", s.vocabSize());
    o.put("nativeDtype", s.nativePrecision().id());
    o.put("nativeQuantization", s.nativeQuantization().map(q -> q.id()).orElse(null));
    o.put("source", m.source());
    o.put("file", m.file());
    ArrayNode al = o.putArray("aliases");
    m.aliases().forEach(al::add);
    ArrayNode w = o.putArray("warnings");
    m.warnings().forEach(w::add);
    m.notes().ifPresent(x -> o.put("notes", x));
    return o;
  }

  private static ObjectNode accelerator(AcceleratorEntry e) {
    Accelerator a = e.accelerator();
    ObjectNode o = Json.object();
    o.put("id", a.id());
    o.put("name", a.name());
    o.put("kind", a.kind().name());
    o.put("vendor", a.vendor());
    o.put("memory", a.memory().toString());
    o.put("usableMemory", a.usableMemory().toString());
    o.put("memoryBandwidth", a.memoryBandwidth().toString());
    ObjectNode peaks = o.putObject("peak");
    a.peaks().forEach((p, r) -> peaks.put(p.id(), r.toString()));
    a.interconnect().ifPresent(i -> {
      ObjectNode ic = o.putObject("interconnect");
      ic.put("name", i.name());
      ic.put("intraNode", i.intraNode().toString());
      i.interNode().ifPresent(x -> ic.put("interNode", x.toString()));
      ic.put("devicesPerNode", i.devicesPerNode());
    });
    a.tdp().ifPresent(t -> o.put("tdp", t.toString()));
    a.hourlyPrice().ifPresent(p -> o.put("hourlyPrice", p.toString()));
    e.listPrice().ifPresent(p -> o.put("listPrice", p.toString()));
    o.put("source", a.source());
    o.put("file", e.file());
    ArrayNode al = o.putArray("aliases");
    a.aliases().forEach(al::add);
    ArrayNode w = o.putArray("warnings");
    e.warnings().forEach(w::add);
    e.notes().ifPresent(x -> o.put("notes", x));
    return o;
  }

  private static ObjectNode show(Catalog c, String id) {
    Optional<ModelEntry> m = c.model(id);
    if (m.isPresent()) {
      ObjectNode o = model(m.get());
      ObjectNode comps = o.putObject("parametersByComponent");
      m.get().spec().parameters().byComponent().forEach((k, v) -> comps.put(k.key(), v));
      return o;
    }
    Optional<AcceleratorEntry> a = c.accelerator(id);
    if (a.isPresent()) {
      return accelerator(a.get());
    }
    Optional<QuantizationEntry> q = c.quantization(id);
    if (q.isPresent()) {
      return listJson(Catalog.builtIn(), "quantization");
    }
    List<String> all = new ArrayList<>();
    c.models().forEach(x -> all.add(x.id()));
    c.accelerators().forEach(x -> all.add(x.id()));
    throw new IllegalArgumentException("catalog entry '" + id + "' is unknown; did you mean "
        + String.join(", ", dev.aicompass.internal.Suggestions.closest(id, all, 3)) + "?");
  }

  private static String trim(String s, int n) {
    if (s == null) {
      return "";
    }
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}
