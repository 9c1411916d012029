package dev.aicompass.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class GemmShapeTest {

  @Test
  void llama8bPresetHoldsTheLinearLayersOfTheModel() {
    // Llama-3.1-8B config: hidden 4096, 32 heads x 128, 8 KV heads, intermediate 14336.
    List<GemmShape> shapes = GemmShape.parseList("llama-3.1-8b");
    assertEquals(List.of("6144x4096", "4096x4096", "28672x4096", "4096x14336"),
        shapes.stream().map(s -> s.n() + "x" + s.k()).toList());
  }

  @Test
  void llama70bPresetIsShardedOverEightGpus() {
    // Llama-3.1-70B: hidden 8192, 64 heads, 8 KV heads of 128, intermediate 28672; TP8 splits
    // qkv and gate_up by output, o and down by input.
    List<GemmShape> shapes = GemmShape.parseList("llama-3.1-70b-tp8");
    assertEquals(List.of("1280x8192", "8192x1024", "7168x8192", "8192x3584"),
        shapes.stream().map(s -> s.n() + "x" + s.k()).toList());
  }

  @Test
  void parsesExplicitShapesAndPresetsTogether() {
    List<GemmShape> shapes = GemmShape.parseList(" 4096x4096 , 1024X512,llama-3.1-8b");
    assertEquals(6, shapes.size());
    assertEquals(new GemmShape("1024x512", 1024, 512), shapes.get(1));
  }

  @Test
  void defaultsCoverBothPresetsAndQuickIsASubset() {
    assertEquals(8, GemmShape.defaults().size());
    assertEquals(true, GemmShape.defaults().containsAll(GemmShape.quick()));
  }

  @Test
  void rejectsAnUnknownItemListingThePresets() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GemmShape.parseList("llama-9"));
    assertEquals("shapes item (\"llama-9\") must be NxK (e.g. 4096x4096) or one of "
        + "[llama-3.1-8b, llama-3.1-70b-tp8]", e.getMessage());
  }

  @Test
  void rejectsZeroDimensions() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GemmShape.parseList("0x4096"));
    assertEquals("n (0) must be positive", e.getMessage());
  }
}
