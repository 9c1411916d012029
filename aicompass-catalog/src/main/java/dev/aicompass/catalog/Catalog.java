package dev.aicompass.catalog;

import dev.aicompass.catalog.internal.BuiltInResources;
import dev.aicompass.catalog.internal.CatalogPresetSource;
import dev.aicompass.catalog.internal.JsonDocument;
import dev.aicompass.deploy.EngineKind;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.internal.Suggestions;
import dev.aicompass.spi.PresetSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The presets: models, accelerators, quantization schemes and serving engines, read from JSON.
 *
 * <p>{@link #builtIn()} holds the files shipped in this module (under
 * {@code dev/aicompass/catalog/}: {@code models/*.json}, {@code accelerators/*.json},
 * {@code quantization.json}, {@code engines.json}). {@link #with(Path...)} adds user files of the
 * same format; each may hold any of the arrays {@code "models"}, {@code "accelerators"},
 * {@code "quantization"} and {@code "engines"}. A user entry adds a preset, or replaces the
 * earlier entry with the same id whole. Within one set of files an id may appear once and an
 * alias may name one entry; a later set's aliases take precedence over earlier ones, and ids over
 * aliases.
 *
 * <p>Lookups accept the id, an alias or the Hugging Face repository id, ignoring case (and a
 * leading {@code https://huggingface.co/}). A catalog is immutable and safe to share between threads.
 */
public final class Catalog {
  private static final Object LOCK = new Object();
  private static volatile Catalog builtIn;

  private final Index<ModelEntry> models;
  private final Index<AcceleratorEntry> accelerators;
  private final Index<QuantizationEntry> quantization;
  private final Index<EngineEntry> engines;

  private Catalog(Index<ModelEntry> models, Index<AcceleratorEntry> accelerators, Index<QuantizationEntry> quantization,
      Index<EngineEntry> engines) {
    this.models = models;
    this.accelerators = accelerators;
    this.quantization = quantization;
    this.engines = engines;
  }

  /**
   * Returns the catalog shipped with this module, loading it on first use (thread-safe; later calls
   * return the same instance).
   *
   * @throws CatalogException listing every invalid built-in entry (a packaging error)
   */
  public static Catalog builtIn() {
    Catalog c = builtIn;
    if (c == null) {
      synchronized (LOCK) {
        c = builtIn;
        if (c == null) {
          c = empty().withDocuments(BuiltInResources.load(Catalog.class.getClassLoader()));
          builtIn = c;
        }
      }
    }
    return c;
  }

  /**
   * Returns the built-in catalog with {@code userFiles} added on top; same as
   * {@code builtIn().with(userFiles)}.
   *
   * @throws CatalogException listing every problem in the files: unreadable or larger than 16 MiB,
   *     malformed JSON, unknown fields, invalid values (with file, JSON path and line), duplicate ids
   *     or aliases among the files
   */
  public static Catalog load(Path... userFiles) {
    return builtIn().with(userFiles);
  }

  /**
   * Returns this catalog with the entries of {@code userFiles} added; an entry whose id exists
   * replaces the existing entry.
   *
   * @throws CatalogException listing every problem in the files (see {@link #load(Path...)})
   */
  public Catalog with(Path... userFiles) {
    List<JsonDocument> docs = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path p : userFiles) {
      Objects.requireNonNull(p, "user catalog file");
      try {
        docs.add(JsonDocument.parse(p.toString(), p));
      } catch (CatalogException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new CatalogException(problems);
    }
    return withDocuments(docs);
  }

  /**
   * Imports a Hugging Face {@code config.json} file (the command line's {@code --model PATH}); same
   * as {@link HfConfigImporter#fromFile(Path)}.
   *
   * @throws CatalogException when the file is missing, malformed, or lacks a field the answer needs
   */
  public static ImportResult importConfig(Path configJson) {
    return HfConfigImporter.fromFile(configJson);
  }

  static Catalog empty() {
    return new Catalog(new Index<>("model"), new Index<>("accelerator"), new Index<>("quantization scheme"),
        new Index<>("engine"));
  }

  Catalog withDocuments(List<JsonDocument> docs) {
    List<String> problems = new ArrayList<>();
    List<EntryReader.FileEntries> files = new ArrayList<>();
    for (JsonDocument d : docs) {
      EntryReader.FileEntries f = EntryReader.read(d);
      problems.addAll(f.problems);
      files.add(f);
    }
    Index<ModelEntry> m = models.layer(files, f -> f.models, ModelEntry::id, Catalog::modelKeys, problems);
    Index<AcceleratorEntry> a = accelerators.layer(files, f -> f.accelerators, AcceleratorEntry::id,
        e -> e.accelerator().aliases(), problems);
    Index<QuantizationEntry> q = quantization.layer(files, f -> f.quantization, QuantizationEntry::id,
        QuantizationEntry::aliases, problems);
    Index<EngineEntry> en = engines.layer(files, f -> f.engines, EngineEntry::id, e -> List.of(), problems);
    if (!problems.isEmpty()) {
      throw new CatalogException(problems);
    }
    return new Catalog(m, a, q, en);
  }

  private static List<String> modelKeys(ModelEntry e) {
    List<String> keys = new ArrayList<>(e.aliases());
    e.hfId().ifPresent(keys::add);
    return keys;
  }

  // ---- models -----------------------------------------------------------------------------------------

  /** Returns the model with this id, alias or Hugging Face id (case-insensitive), if any. */
  public Optional<ModelEntry> model(String idOrAlias) {
    return models.find(idOrAlias);
  }

  /**
   * Returns the model with this id, alias or Hugging Face id.
   *
   * @throws IllegalArgumentException when none matches, naming the three closest ids
   */
  public ModelEntry requireModel(String idOrAlias) {
    return models.require(idOrAlias);
  }

  /** Returns every model, in catalog order (built-in files by name, then user files). */
  public List<ModelEntry> models() {
    return models.all();
  }

  // ---- accelerators ---------------------------------------------------------------------------------------

  /** Returns the accelerator with this id or alias (case-insensitive), if any. */
  public Optional<AcceleratorEntry> accelerator(String idOrAlias) {
    return accelerators.find(idOrAlias);
  }

  /**
   * Returns the accelerator with this id or alias.
   *
   * @throws IllegalArgumentException when none matches, naming the three closest ids
   */
  public AcceleratorEntry requireAccelerator(String idOrAlias) {
    return accelerators.require(idOrAlias);
  }

  /** Returns every accelerator, in catalog order. */
  public List<AcceleratorEntry> accelerators() {
    return accelerators.all();
  }

  // ---- quantization -----------------------------------------------------------------------------------------

  /** Returns the quantization scheme with this id or alias (case-insensitive; {@code _} counts as {@code -}), if any. */
  public Optional<QuantizationEntry> quantization(String idOrAlias) {
    Optional<QuantizationEntry> q = quantization.find(idOrAlias);
    return q.isPresent() || idOrAlias == null ? q : quantization.find(idOrAlias.replace('_', '-'));
  }

  /**
   * Returns the quantization scheme with this id or alias.
   *
   * @throws IllegalArgumentException when none matches, naming the closest ids
   */
  public QuantizationEntry requireQuantization(String idOrAlias) {
    return quantization(idOrAlias).orElseGet(() -> quantization.require(idOrAlias));
  }

  /** Returns every quantization scheme, in catalog order. */
  public List<QuantizationEntry> quantizationSchemes() {
    return quantization.all();
  }

  // ---- engines --------------------------------------------------------------------------------------------

  /** Returns the engine entry with this id (e.g. {@code "vllm"}, {@code "vllm-legacy"}), if any. */
  public Optional<EngineEntry> engine(String id) {
    return engines.find(id);
  }

  /** Returns every engine entry, in catalog order. */
  public List<EngineEntry> engines() {
    return engines.all();
  }

  /**
   * Returns the profile of engine {@code kind} at {@code version}: the constants of the entry of
   * that kind whose version range contains {@code version} (the entry whose id is the kind's id when
   * several do), with the version set to {@code version}. A {@code null} version selects the
   * entry whose id is the kind's id; with no matching entry the core defaults of
   * {@link EngineProfile#builder()} for that kind and version apply.
   */
  public EngineProfile engineProfile(EngineKind kind, String version) {
    Objects.requireNonNull(kind, "kind");
    EngineEntry best = null;
    for (EngineEntry e : engines.all()) {
      if (e.kind() != kind || (version != null && !e.appliesTo(version))) {
        continue;
      }
      if (best == null || e.id().equals(kind.id())) {
        best = e;
      }
      if (version == null && e.id().equals(kind.id())) {
        break;
      }
    }
    if (best == null) {
      EngineProfile.Builder b = EngineProfile.builder().kind(kind);
      if (version != null) {
        b.version(version);
      }
      return b.build();
    }
    return version == null ? best.profile() : EngineProfile.builder().from(best.profile()).version(version).build();
  }

  /**
   * Returns this catalog as a {@link PresetSource}, e.g. to register a catalog with user files
   * ahead of the built-in one: {@code Presets.register(Catalog.load(file).asPresetSource())}.
   */
  public PresetSource asPresetSource() {
    return new CatalogPresetSource(this);
  }

  @Override
  public String toString() {
    return "Catalog(" + models.size() + " models, " + accelerators.size() + " accelerators, " + quantization.size()
        + " quantization schemes, " + engines.size() + " engines)";
  }

  /** Normalises a lookup key: trimmed, lower-case, without a Hugging Face URL prefix. */
  static String key(String s) {
    String k = s.trim().toLowerCase(Locale.ROOT);
    for (String prefix : new String[] {"https://huggingface.co/", "http://huggingface.co/", "huggingface.co/", "hf.co/"}) {
      if (k.startsWith(prefix)) {
        k = k.substring(prefix.length());
        break;
      }
    }
    while (k.endsWith("/")) {
      k = k.substring(0, k.length() - 1);
    }
    return k;
  }

  /** Entries of one kind by id, with the lookup of ids and aliases. */
  private static final class Index<E> {
    private final String what;
    private final Map<String, E> byId;
    private final Map<String, Integer> layerOf;
    private final Map<String, List<String>> keysOf;
    private final Map<String, String> lookup;

    Index(String what) {
      this(what, new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    private Index(String what, Map<String, E> byId, Map<String, Integer> layerOf, Map<String, List<String>> keysOf) {
      this.what = what;
      this.byId = byId;
      this.layerOf = layerOf;
      this.keysOf = keysOf;
      this.lookup = buildLookup();
    }

    int size() {
      return byId.size();
    }

    List<E> all() {
      return List.copyOf(byId.values());
    }

    Optional<E> find(String idOrAlias) {
      if (idOrAlias == null || idOrAlias.isBlank()) {
        return Optional.empty();
      }
      String id = lookup.get(key(idOrAlias));
      return id == null ? Optional.empty() : Optional.of(byId.get(id));
    }

    E require(String idOrAlias) {
      if (idOrAlias == null || idOrAlias.isBlank()) {
        throw new IllegalArgumentException(what + " id must not be blank");
      }
      return find(idOrAlias).orElseThrow(() -> {
        if (byId.isEmpty()) {
          return new IllegalArgumentException(what + " '" + idOrAlias + "' is unknown: the catalog has no " + what + "s");
        }
        List<String> close = Suggestions.closest(idOrAlias.trim(), new ArrayList<>(byId.keySet()), 3);
        return new IllegalArgumentException(what + " '" + idOrAlias + "' is unknown; did you mean "
            + String.join(", ", close) + "?");
      });
    }

    /** Returns this index with one more layer of entries; duplicate ids or aliases within the layer are problems. */
    Index<E> layer(List<EntryReader.FileEntries> files, Function<EntryReader.FileEntries, List<E>> entries,
        Function<E, String> idOf, Function<E, List<String>> aliasesOf, List<String> problems) {
      int layer = layerOf.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
      Map<String, String> seenIds = new LinkedHashMap<>();
      Map<String, String> seenKeys = new LinkedHashMap<>();
      Map<String, String> keyOwner = new LinkedHashMap<>();
      Map<String, E> newById = new LinkedHashMap<>(byId);
      Map<String, Integer> newLayer = new LinkedHashMap<>(layerOf);
      Map<String, List<String>> newKeys = new LinkedHashMap<>(keysOf);
      List<E> accepted = new ArrayList<>();
      for (EntryReader.FileEntries f : files) {
        for (E e : entries.apply(f)) {
          String id = idOf.apply(e);
          String where = f.paths.get(e);
          String previous = seenIds.putIfAbsent(id, where);
          if (previous != null) {
            problems.add("duplicate " + what + " id '" + id + "': " + previous + " and " + where);
            continue;
          }
          accepted.add(e);
        }
      }
      for (E e : accepted) {
        String id = idOf.apply(e);
        String where = filesWhere(files, e);
        List<String> keys = new ArrayList<>();
        for (String alias : aliasesOf.apply(e)) {
          String k = key(alias);
          if (k.equals(id) || keys.contains(k)) {
            continue; // an alias repeating the id or another alias of the same entry says nothing new
          }
          if (seenIds.containsKey(k)) {
            problems.add(where + ": alias '" + alias + "' of " + what + " '" + id + "' is the id of another entry ("
                + seenIds.get(k) + ")");
            continue;
          }
          if (!seenIds.containsKey(k) && byId.containsKey(k)) {
            problems.add(where + ": alias '" + alias + "' of " + what + " '" + id + "' is the id of an existing "
                + what + "; ids take precedence, so the alias would never resolve");
            continue;
          }
          String owner = keyOwner.putIfAbsent(k, id);
          if (owner != null && !owner.equals(id)) {
            problems.add(where + ": alias '" + alias + "' of " + what + " '" + id + "' also names '" + owner + "' ("
                + seenKeys.get(k) + ")");
            continue;
          }
          seenKeys.putIfAbsent(k, where);
          keys.add(k);
        }
        newById.put(id, e);
        newLayer.put(id, layer);
        newKeys.put(id, keys);
      }
      return new Index<>(what, newById, newLayer, newKeys);
    }

    private String filesWhere(List<EntryReader.FileEntries> files, E e) {
      for (EntryReader.FileEntries f : files) {
        String w = f.paths.get(e);
        if (w != null) {
          return w;
        }
      }
      return "?";
    }

    private Map<String, String> buildLookup() {
      Map<String, String> out = new LinkedHashMap<>();
      List<String> ids = new ArrayList<>(byId.keySet());
      ids.sort((x, y) -> Integer.compare(layerOf.get(x), layerOf.get(y)));
      for (String id : ids) {
        for (String k : keysOf.getOrDefault(id, List.of())) {
          out.put(k, id);
        }
      }
      for (String id : ids) {
        out.put(id, id);
      }
      return Collections.unmodifiableMap(out);
    }
  }
}
