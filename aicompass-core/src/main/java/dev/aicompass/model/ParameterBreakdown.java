package dev.aicompass.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Parameter counts of a model by {@link Component}, with the per-layer split that sharding needs
 * and the active count of a mixture-of-experts model.
 */
public final class ParameterBreakdown {
  private final Map<Component, Long> byComponent;
  private final LayerParameters denseLayer;
  private final LayerParameters moeLayer;
  private final int denseLayers;
  private final int moeLayers;
  private final double activeExpertFraction;

  ParameterBreakdown(Map<Component, Long> byComponent, LayerParameters denseLayer, LayerParameters moeLayer,
      int denseLayers, int moeLayers, double activeExpertFraction) {
    this.byComponent = Collections.unmodifiableMap(new EnumMap<>(byComponent));
    this.denseLayer = denseLayer;
    this.moeLayer = moeLayer;
    this.denseLayers = denseLayers;
    this.moeLayers = moeLayers;
    this.activeExpertFraction = activeExpertFraction;
  }

  /** Returns the parameters of {@code component}, 0 if the model has none. */
  public long get(Component component) {
    return byComponent.getOrDefault(component, 0L);
  }

  /** Returns the counts by component, components with no parameters omitted. */
  public Map<Component, Long> byComponent() {
    return byComponent;
  }

  /** Returns all parameters. */
  public long total() {
    long t = 0;
    for (long v : byComponent.values()) {
      t += v;
    }
    return t;
  }

  /** Returns the parameters one token uses: routed experts scaled by experts-per-token / experts. */
  public long active() {
    return total() - get(Component.ROUTED_EXPERTS) + Math.round(get(Component.ROUTED_EXPERTS) * activeExpertFraction);
  }

  /** Returns the parameters of the language model alone (encoders and projector excluded). */
  public long languageModel() {
    return total() - get(Component.VISION_ENCODER) - get(Component.AUDIO_ENCODER) - get(Component.PROJECTOR);
  }

  /** Returns one dense decoder layer's parameters. */
  public LayerParameters denseLayer() {
    return denseLayer;
  }

  /** Returns one MoE decoder layer's parameters (equal to the dense layer for dense models). */
  public LayerParameters moeLayer() {
    return moeLayer;
  }

  public int denseLayers() {
    return denseLayers;
  }

  public int moeLayers() {
    return moeLayers;
  }

  /** Returns experts-per-token / experts, 1 for dense models. */
  public double activeExpertFraction() {
    return activeExpertFraction;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    byComponent.forEach((c, n) -> sb.append(c.label()).append('=').append(n).append(' '));
    return sb.append("total=").append(total()).toString();
  }
}
