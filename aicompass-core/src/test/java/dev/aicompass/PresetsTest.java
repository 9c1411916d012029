package dev.aicompass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.hardware.Accelerator;
import dev.aicompass.memory.MemoryBreakdown;
import dev.aicompass.model.ModelSpec;
import dev.aicompass.model.QuantizationScheme;
import dev.aicompass.spi.PresetSource;
import dev.aicompass.testing.Fixtures;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Preset resolution through {@link PresetSource}s, and what a user with the core jar alone sees. */
class PresetsTest {

  /** A small catalog of the test fixtures, registered for this class. */
  static final class FixtureSource implements PresetSource {
    private final Map<String, ModelSpec> models = new LinkedHashMap<>();

    FixtureSource() {
      for (ModelSpec m : List.of(Fixtures.llama31_8b(), Fixtures.llama31_70b(), Fixtures.qwen25_7b(), Fixtures.qwen25_32b(),
          Fixtures.deepseekV3(), Fixtures.mixtral8x7b())) {
        models.put(m.name(), m);
      }
    }

    @Override
    public Optional<ModelSpec> model(String idOrAlias) {
      return Optional.ofNullable(models.get(idOrAlias.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Optional<Accelerator> accelerator(String idOrAlias) {
      return accelerators().stream().filter(a -> a.id().equalsIgnoreCase(idOrAlias)).findFirst();
    }

    @Override
    public List<String> modelIds() {
      return List.copyOf(models.keySet());
    }

    @Override
    public Collection<Accelerator> accelerators() {
      return List.of(Fixtures.h100());
    }
  }

  @BeforeAll
  static void registerFixtures() {
    Presets.register(new FixtureSource());
  }

  @Test
  void coreAloneExplainsThatNoCatalogIsOnTheClassPath() throws Exception {
    // A fresh class loader over the core classes only: no PresetSource is registered or discoverable there.
    URL core = AICompass.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader coreOnly = new URLClassLoader(new URL[] {core}, ClassLoader.getPlatformClassLoader())) {
      Class<?> entry = Class.forName(AICompass.class.getName(), true, coreOnly);
      Method model = entry.getMethod("model", String.class);
      InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> model.invoke(null, "x"));
      assertSame(IllegalArgumentException.class, e.getCause().getClass());
      assertEquals("model 'x' cannot be resolved: no preset catalog is on the class path "
          + "(add dev.aicompass:aicompass-catalog, or build the value with ModelSpec.builder())", e.getCause().getMessage());

      Method accelerator = Class.forName(Presets.class.getName(), true, coreOnly).getMethod("accelerator", String.class);
      InvocationTargetException a = assertThrows(InvocationTargetException.class, () -> accelerator.invoke(null, "h100"));
      assertTrue(a.getCause().getMessage().contains("no preset catalog is on the class path"), a.getCause().getMessage());
      assertTrue(a.getCause().getMessage().contains("Accelerator.builder()"), a.getCause().getMessage());
    }
  }

  @Test
  void unknownModelIdListsTheClosestIds() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AICompass.model("llama-3.1-7b"));
    assertTrue(e.getMessage().startsWith("model 'llama-3.1-7b' is unknown; did you mean llama-3.1-70b, llama-3.1-8b, "),
        e.getMessage());
  }

  @Test
  void unknownAcceleratorIdListsTheClosestIds() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Presets.accelerator("h100"));
    assertEquals("accelerator 'h100' is unknown; did you mean h100-sxm?", e.getMessage());
  }

  @Test
  void blankIdsAreRejected() {
    assertEquals("model id must not be blank",
        assertThrows(IllegalArgumentException.class, () -> AICompass.model(" ")).getMessage());
  }

  @Test
  void knownIdsResolveCaseInsensitively() {
    assertEquals(Fixtures.llama31_8b(), AICompass.model("Llama-3.1-8B").spec());
    MemoryBreakdown b = AICompass.model("llama-3.1-8b").on("h100-sxm").memory();
    assertEquals(131_072, b.kvBytesPerToken().bytes());
    assertTrue(Presets.modelIds().containsAll(List.of("llama-3.1-8b", "deepseek-v3")));
  }

  @Test
  void quantizationSchemesResolveByIdOrListTheBuiltIns() {
    assertSame(QuantizationScheme.AWQ_INT4, Presets.quantization("AWQ_INT4"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Presets.quantization("int3"));
    assertEquals("quantization scheme 'int3' is unknown "
        + "(one of fp8-dynamic, fp8-block, w8a8, gptq-int4, awq-int4, mxfp4, nvfp4)", e.getMessage());
  }
}
