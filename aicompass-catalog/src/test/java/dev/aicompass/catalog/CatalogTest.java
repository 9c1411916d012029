package dev.aicompass.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.AICompass;
import dev.aicompass.Presets;
import dev.aicompass.catalog.internal.ExtraSchemes;
import dev.aicompass.deploy.EngineKind;
import dev.aicompass.deploy.EngineProfile;
import dev.aicompass.model.QuantizationScheme;
import dev.aicompass.units.ByteSize;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lookup, user catalogs, quantization and engine presets, and the preset SPI. */
class CatalogTest {
  @TempDir
  Path dir;

  private Path write(String name, String json) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, json, StandardCharsets.UTF_8);
    return p;
  }

  static String accelerator(String id, String memory) {
    return "{\"id\": \"" + id + "\", \"name\": \"Test " + id + "\", \"kind\": \"gpu\", \"vendor\": \"test\","
        + " \"memory\": \"" + memory + "\", \"memoryBandwidth\": \"2 TB/s\","
        + " \"peak\": {\"bf16\": \"500 TFLOPS\", \"fp8\": \"1000 TFLOPS\"}, \"source\": \"unit test\"}";
  }

  static final String TINY_CONFIG = "{\"architectures\": [\"LlamaForCausalLM\"], \"hidden_size\": 256,"
      + " \"intermediate_size\": 512, \"num_hidden_layers\": 2, \"num_attention_heads\": 4,"
      + " \"num_key_value_heads\": 2, \"vocab_size\": 1000, \"max_position_embeddings\": 2048,"
      + " \"torch_dtype\": \"bfloat16\"}";

  static String model(String id, String extra) {
    return "{\"id\": \"" + id + "\", \"name\": \"Tiny\", \"family\": \"test\", \"modality\": \"text\","
        + " \"source\": \"unit test\"" + extra + ", \"config\": " + TINY_CONFIG + "}";
  }

  @Test
  void resolvesByIdAliasAndHuggingFaceIdIgnoringCase() {
    Catalog c = BuiltInCatalogTest.catalog();
    ModelEntry byId = c.requireModel("llama-3.1-8b");
    assertSame(byId, c.requireModel("LLAMA-3.1-8B"));
    assertSame(byId, c.requireModel(byId.hfId().orElseThrow()));
    assertSame(byId, c.requireModel("https://huggingface.co/" + byId.hfId().orElseThrow()));
    for (String alias : byId.aliases()) {
      assertSame(byId, c.requireModel(alias), alias);
    }
    assertTrue(c.model("no-such-model").isEmpty());
  }

  @Test
  void unknownIdSuggestsTheClosestIds() {
    Catalog c = BuiltInCatalogTest.catalog();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.requireModel("llama-3.1-8bb"));
    assertTrue(e.getMessage().startsWith("model 'llama-3.1-8bb' is unknown; did you mean llama-3.1-8b"), e.getMessage());
    IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> c.requireAccelerator("h100-sxmm"));
    assertTrue(a.getMessage().contains("did you mean h100-sxm"), a.getMessage());
  }

  @Test
  void builtInIsLoadedOnceAndSharedAcrossThreads() throws Exception {
    BuiltInCatalogTest.catalog();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Catalog>> all = pool.invokeAll(List.of(Catalog::builtIn, Catalog::builtIn, Catalog::builtIn,
          Catalog::builtIn));
      ConcurrentHashMap<Catalog, Boolean> distinct = new ConcurrentHashMap<>();
      for (Future<Catalog> f : all) {
        distinct.put(f.get(), true);
      }
      assertEquals(1, distinct.size());
    } finally {
      pool.shutdown();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void userFileAddsEntriesAndOverridesBuiltInsWithTheSameId() throws IOException {
    BuiltInCatalogTest.catalog();
    Path user = write("mine.json", "{\"accelerators\": [" + accelerator("my-gpu", "48 GiB") + ", "
        + accelerator("h100-sxm", "96 GiB") + "], \"models\": [" + model("tiny-llama-test", ", \"aliases\": [\"TinyTest\"]")
        + "]}");
    Catalog c = Catalog.load(user);
    assertEquals(ByteSize.ofGibibytes(48), c.requireAccelerator("my-gpu").accelerator().memory());
    assertEquals(ByteSize.ofGibibytes(96), c.requireAccelerator("h100-sxm").accelerator().memory());
    assertEquals("tiny-llama-test", c.requireModel("tinytest").id());
    assertEquals(mine(user), c.requireAccelerator("my-gpu").file());
    // the built-in catalog itself is unchanged
    assertNotEquals(ByteSize.ofGibibytes(96), BuiltInCatalogTest.catalog().requireAccelerator("h100-sxm").accelerator()
        .memory());
    assertEquals(BuiltInCatalogTest.catalog().models().size() + 1, c.models().size());
  }

  private static String mine(Path p) {
    return p.toString();
  }

  @Test
  void overridingAnEntryDropsItsOldAliases() throws IOException {
    Catalog base = Catalog.empty().withDocuments(List.of(
        dev.aicompass.catalog.internal.JsonDocument.parse("a.json", "{\"models\": [" + model("m1", ", \"aliases\": [\"old\"]")
            + "]}")));
    assertTrue(base.model("old").isPresent());
    Catalog over = base.with(write("b.json", "{\"models\": [" + model("m1", ", \"aliases\": [\"new\"]") + "]}"));
    assertTrue(over.model("old").isEmpty());
    assertEquals("m1", over.requireModel("new").id());
  }

  @Test
  void interconnectWithoutBandwidthIsDroppedWithAWarning() throws IOException {
    Path user = write("pcie.json", "{\"accelerators\": [" + accelerator("pcie-card", "24 GiB").replace("\"source\"",
        "\"interconnect\": {\"name\": \"PCIe Gen4\"}, \"source\"") + "]}");
    AcceleratorEntry e = Catalog.empty().with(user).requireAccelerator("pcie-card");
    assertTrue(e.accelerator().interconnect().isEmpty());
    assertEquals(1, e.warnings().size());
    assertTrue(e.warnings().get(0).startsWith("interconnect 'PCIe Gen4' gives no intraNode bandwidth"), e.warnings().get(0));
  }

  @Test
  void aCatalogServesAsAPresetSource() throws IOException {
    Path user = write("mine.json", "{\"accelerators\": [" + accelerator("my-gpu", "48 GiB") + "]}");
    var source = Catalog.empty().with(user).asPresetSource();
    assertEquals(ByteSize.ofGibibytes(48), source.accelerator("MY-GPU").orElseThrow().memory());
    assertEquals("awq-int4", source.quantization("awq-int4").orElseThrow().id());
  }

  @Test
  void duplicateIdsAcrossUserFilesNameBothFiles() throws IOException {
    Path a = write("a.json", "{\"accelerators\": [" + accelerator("dup-gpu", "48 GiB") + "]}");
    Path b = write("b.json", "{\"accelerators\": [\n" + accelerator("dup-gpu", "24 GiB") + "]}");
    CatalogException e = assertThrows(CatalogException.class, () -> Catalog.empty().with(a, b));
    assertEquals(1, e.problems().size(), e.getMessage());
    assertEquals("duplicate accelerator id 'dup-gpu': " + a + ": $.accelerators[0] (line 1) and " + b
        + ": $.accelerators[0] (line 2)", e.problems().get(0));
  }

  @Test
  void aliasNamingTwoEntriesIsRejected() throws IOException {
    Path a = write("a.json", "{\"models\": [" + model("m1", ", \"aliases\": [\"shared\"]") + ", "
        + model("m2", ", \"aliases\": [\"SHARED\"]") + "]}");
    CatalogException e = assertThrows(CatalogException.class, () -> Catalog.empty().with(a));
    assertTrue(e.getMessage().contains("alias 'SHARED' of model 'm2' also names 'm1'"), e.getMessage());
  }

  @Test
  void importConfigReadsAUserConfigJson() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("my-tiny-model"));
    Path cfg = folder.resolve("config.json");
    Files.writeString(cfg, TINY_CONFIG);
    ImportResult r = Catalog.importConfig(cfg);
    assertEquals("my-tiny-model", r.spec().name());
    assertEquals(2, r.spec().numLayers());
    assertTrue(r.warnings().isEmpty(), r.warnings().toString());
  }

  @Test
  void importConfigNamesHuggingFaceCacheFoldersByRepository() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("models--meta-llama--Tiny-Test/snapshots/0123abcd"));
    Path cfg = folder.resolve("config.json");
    Files.writeString(cfg, TINY_CONFIG);
    assertEquals("meta-llama/Tiny-Test", Catalog.importConfig(cfg).spec().name());
  }

  @Test
  void missingConfigFileIsAClearError() {
    Path p = dir.resolve("nope/config.json");
    CatalogException e = assertThrows(CatalogException.class, () -> Catalog.importConfig(p));
    assertEquals(p + ": file not found", e.getMessage());
  }

  // ---- quantization and engines ---------------------------------------------------------------------

  @Test
  void quantizationFileDocumentsTheCoreSchemesExactly() {
    Catalog c = BuiltInCatalogTest.catalog();
    for (QuantizationScheme s : QuantizationScheme.builtIns()) {
      assertEquals(s, c.requireQuantization(s.id()).scheme(), s.id());
    }
    assertEquals(ExtraSchemes.INT8, c.requireQuantization("int8").scheme());
    assertEquals(ExtraSchemes.INT4, c.requireQuantization("int4").scheme());
    assertEquals(ExtraSchemes.FP8, c.requireQuantization("fp8").scheme());
    assertEquals("gptq-int4", c.requireQuantization("GPTQ").id());
    assertEquals("fp8-dynamic", c.requireQuantization("fp8_dynamic").id());
    for (QuantizationEntry q : c.quantizationSchemes()) {
      assertTrue(!q.source().isBlank() && !q.scheme().description().isBlank(), q.id());
    }
  }

  @Test
  void engineFileDocumentsTheCoreDefaultsExactly() {
    Catalog c = BuiltInCatalogTest.catalog();
    for (EngineEntry e : c.engines()) {
      EngineProfile defaults = EngineProfile.builder().kind(e.kind()).version(e.profile().version()).build();
      assertEquals(defaults, e.profile(), e.id() + " documents constants that differ from EngineProfile's defaults");
      assertTrue(e.appliesTo(e.profile().version()), e.id());
    }
    assertEquals(List.of("vllm", "vllm-0.17", "vllm-legacy", "vllm-v0", "sglang", "trtllm", "hf"),
        c.engines().stream().map(EngineEntry::id).collect(java.util.stream.Collectors.toList()));
  }

  @Test
  void engineProfilePicksTheEntryCoveringTheVersion() {
    Catalog c = BuiltInCatalogTest.catalog();
    assertEquals(3.71, c.engineProfile(EngineKind.VLLM, "0.19.1").samplerLogitCopies());
    assertEquals("0.19.1", c.engineProfile(EngineKind.VLLM, "0.19.1").version());
    assertEquals(9.67, c.engineProfile(EngineKind.VLLM, "0.15.1").samplerLogitCopies());
    assertEquals(ByteSize.ofGibibytes(0.13), c.engineProfile(EngineKind.VLLM, "0.17.1").nonTorchSingleDevice());
    assertEquals(3.71, c.engineProfile(EngineKind.VLLM, "0.17.1").samplerLogitCopies());
    assertEquals(EngineProfile.vllm(), c.engineProfile(EngineKind.VLLM, null));
    assertEquals(256, c.engineProfile(EngineKind.VLLM, "0.6.3.post1").maxNumSeqs());
    assertFalse(c.engineProfile(EngineKind.VLLM, "0.7.3").chunkedPrefill());
    assertEquals(1024, c.engineProfile(EngineKind.VLLM, "0.8.5").maxNumSeqs());
    assertEquals(0.88, c.engineProfile(EngineKind.SGLANG, null).memoryUtilization());
  }

  @Test
  void userEngineEntryOverridesOnlyTheFieldsItSets() throws IOException {
    BuiltInCatalogTest.catalog();
    Path user = write("eng.json", "{\"engines\": [{\"id\": \"vllm\", \"kind\": \"vllm\", \"versions\": \">=0.18\","
        + " \"source\": \"our cluster\", \"memoryUtilization\": 0.95, \"maxNumSeqs\": 256}]}");
    EngineProfile p = Catalog.load(user).engineProfile(EngineKind.VLLM, "0.19.0");
    assertEquals(0.95, p.memoryUtilization());
    assertEquals(256, p.maxNumSeqs());
    assertEquals(EngineProfile.vllm().blockSize(), p.blockSize());
    assertEquals(EngineProfile.vllm().nonTorchSingleDevice(), p.nonTorchSingleDevice());
  }

  // ---- the preset SPI --------------------------------------------------------------------------------

  @Test
  void presetsResolveThroughTheServiceLoader() {
    BuiltInCatalogTest.catalog();
    assertEquals("llama-3.1-8b", Presets.model("llama-3.1-8b").name());
    assertEquals("h100-sxm", Presets.accelerator("h100-sxm").id());
    assertEquals("awq-int4", Presets.quantization("awq-int4").id());
    assertEquals("int4", Presets.quantization("w4a16").id());
    assertTrue(Presets.modelIds().contains("deepseek-v3"));
    assertEquals("qwen3-8b", AICompass.model("Qwen/Qwen3-8B").spec().name());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Presets.model("qwen3-8"));
    assertTrue(e.getMessage().contains("did you mean"), e.getMessage());
  }
}
