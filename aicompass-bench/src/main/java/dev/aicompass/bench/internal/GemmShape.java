package dev.aicompass.bench.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One weight matrix of a linear layer: output features N by input features K (the GEMM is
 * [M x K] * [N x K]^T), with the layer it comes from.
 *
 * @param name where the shape comes from, e.g. {@code "llama-3.1-8b gate_up"}
 * @param n output features
 * @param k input features (the reduction dimension)
 */
public record GemmShape(String name, int n, int k) {
  private static final Pattern N_BY_K = Pattern.compile("(\\d+)\\s*[xX×]\\s*(\\d+)");

  /** Presets: Llama-3.1-8B (hidden 4096, 32 heads, 8 KV heads of 128, FFN 14336) at TP1 and
   *  Llama-3.1-70B (hidden 8192, 64 heads, 8 KV heads of 128, FFN 28672) sharded over TP8. */
  private static final Map<String, List<GemmShape>> PRESETS = new LinkedHashMap<>();

  static {
    PRESETS.put("llama-3.1-8b", List.of(
        new GemmShape("llama-3.1-8b qkv", 6144, 4096),
        new GemmShape("llama-3.1-8b q/o", 4096, 4096),
        new GemmShape("llama-3.1-8b gate_up", 28672, 4096),
        new GemmShape("llama-3.1-8b down", 4096, 14336)));
    PRESETS.put("llama-3.1-70b-tp8", List.of(
        new GemmShape("llama-3.1-70b-tp8 qkv", 1280, 8192),
        new GemmShape("llama-3.1-70b-tp8 o", 8192, 1024),
        new GemmShape("llama-3.1-70b-tp8 gate_up", 7168, 8192),
        new GemmShape("llama-3.1-70b-tp8 down", 8192, 3584)));
  }

  /**
   * Creates a shape.
   *
   * @throws IllegalArgumentException if the name is blank or n or k is below 1
   */
  public GemmShape {
    Checks.notBlank("name", name);
    Checks.positive("n", n);
    Checks.positive("k", k);
  }

  /** Returns the shapes measured by default: all presets. */
  public static List<GemmShape> defaults() {
    List<GemmShape> all = new ArrayList<>();
    PRESETS.values().forEach(all::addAll);
    return List.copyOf(all);
  }

  /** Returns the shapes measured by {@code --quick}: Llama-3.1-8B q/o and gate_up. */
  public static List<GemmShape> quick() {
    List<GemmShape> llama = PRESETS.get("llama-3.1-8b");
    return List.of(llama.get(1), llama.get(2));
  }

  /** Returns the preset names accepted by {@link #parseList}. */
  public static List<String> presetNames() {
    return List.copyOf(PRESETS.keySet());
  }

  /**
   * Parses a comma-separated list of preset names and {@code NxK} shapes, e.g.
   * {@code "llama-3.1-8b,4096x4096"}.
   *
   * @throws IllegalArgumentException if an item is neither a preset name nor NxK with N, K ≥ 1
   */
  public static List<GemmShape> parseList(String text) {
    Checks.notBlank("shapes", text);
    List<GemmShape> shapes = new ArrayList<>();
    for (String raw : text.split(",")) {
      String item = raw.trim();
      List<GemmShape> preset = PRESETS.get(item.toLowerCase(Locale.ROOT));
      if (preset != null) {
        shapes.addAll(preset);
        continue;
      }
      Matcher matcher = N_BY_K.matcher(item);
      if (!matcher.matches()) {
        throw new IllegalArgumentException("shapes item (\"" + item
            + "\") must be NxK (e.g. 4096x4096) or one of " + PRESETS.keySet());
      }
      try {
        int n = Integer.parseInt(matcher.group(1));
        int k = Integer.parseInt(matcher.group(2));
        shapes.add(new GemmShape(n + "x" + k, n, k));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "shapes item (\"" + item + "\") has a dimension beyond " + Integer.MAX_VALUE, e);
      }
    }
    return List.copyOf(shapes);
  }
}
