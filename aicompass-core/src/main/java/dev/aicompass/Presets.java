package dev.aicompass;

import dev.aicompass.hardware.Accelerator;
import dev.aicompass.internal.Suggestions;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.QuantizationScheme;
import dev.aicompass.spi.PresetSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Resolves preset ids through every registered {@link PresetSource} (the catalog module registers
 * one). An unknown id fails with the closest known ids.
 */
public final class Presets {
  private static volatile List<PresetSource> sources;

  private Presets() {}

  /** Returns the registered sources, highest priority first. */
  public static List<PresetSource> sources() {
    List<PresetSource> s = sources;
    if (s == null) {
      synchronized (Presets.class) {
        s = sources;
        if (s == null) {
          s = new ArrayList<>();
          for (PresetSource p : ServiceLoader.load(PresetSource.class, Presets.class.getClassLoader())) {
            s.add(p);
          }
          s.sort(Comparator.comparingInt(PresetSource::priority).reversed());
          sources = List.copyOf(s);
          s = sources;
        }
      }
    }
    return s;
  }

  /** Adds {@code source} ahead of the registered ones (for user catalogs loaded at run time). */
  public static synchronized void register(PresetSource source) {
    List<PresetSource> s = new ArrayList<>();
    s.add(source);
    s.addAll(sources());
    sources = List.copyOf(s);
  }

  /**
   * Returns the model preset {@code id}.
   *
   * @throws IllegalArgumentException naming the id and the closest known ids
   */
  public static ModelSpec model(String id) {
    return find(id, "model", PresetSource::model, modelIds());
  }

  /**
   * Returns the accelerator preset {@code id}.
   *
   * @throws IllegalArgumentException naming the id and the closest known ids
   */
  public static Accelerator accelerator(String id) {
    return find(id, "accelerator", PresetSource::accelerator,
        accelerators().stream().map(Accelerator::id).collect(Collectors.toList()));
  }

  /**
   * Returns the quantization scheme {@code id}.
   *
   * @throws IllegalArgumentException naming the id and the known schemes
   */
  public static QuantizationScheme quantization(String id) {
    for (PresetSource s : sources()) {
      Optional<QuantizationScheme> q = s.quantization(id);
      if (q.isPresent()) {
        return q.get();
      }
    }
    return QuantizationScheme.builtIn(id).orElseThrow(() -> new IllegalArgumentException(
        "quantization scheme '" + id + "' is unknown (one of "
            + QuantizationScheme.builtIns().stream().map(QuantizationScheme::id).collect(Collectors.joining(", ")) + ")"));
  }

  /** Returns every model id of every source, without duplicates. */
  public static List<String> modelIds() {
    return sources().stream().flatMap(s -> s.modelIds().stream()).distinct().collect(Collectors.toList());
  }

  /** Returns every accelerator of every source, the first source winning on duplicate ids. */
  public static Collection<Accelerator> accelerators() {
    Map<String, Accelerator> all = new LinkedHashMap<>();
    for (PresetSource s : sources()) {
      for (Accelerator a : s.accelerators()) {
        all.putIfAbsent(a.id(), a);
      }
    }
    return List.copyOf(all.values());
  }

  private static <T> T find(String id, String what, java.util.function.BiFunction<PresetSource, String, Optional<T>> f,
      List<String> known) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException(what + " id must not be blank");
    }
    for (PresetSource s : sources()) {
      Optional<T> v = f.apply(s, id.trim());
      if (v.isPresent()) {
        return v.get();
      }
    }
    if (sources().isEmpty()) {
      throw new IllegalArgumentException(what + " '" + id + "' cannot be resolved: no preset catalog is on the class path "
          + "(add dev.aicompass:aicompass-catalog, or build the value with " + (what.equals("model") ? "ModelSpec" : "Accelerator")
          + ".builder())");
    }
    List<String> close = Suggestions.closest(id, known, 3);
    throw new IllegalArgumentException(what + " '" + id + "' is unknown; did you mean " + String.join(", ", close) + "?");
  }

  static <T> Function<T, T> identity() {
    return t -> t;
  }
}
