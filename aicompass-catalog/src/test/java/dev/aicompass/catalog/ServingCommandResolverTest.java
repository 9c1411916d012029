package dev.aicompass.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.check.CheckOptions;
import dev.aicompass.check.ResolvedCommand;
import dev.aicompass.check.ServingCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServingCommandResolverTest {
  private final ServingCommandResolver resolver = ServingCommandResolver.builtIn();

  @Test
  void resolvesHuggingFaceIdsToCatalogEntries() {
    assertEquals("llama-3.1-8b", resolver.model("meta-llama/Llama-3.1-8B-Instruct").name());
    assertEquals("qwen2.5-7b", resolver.model("Qwen/Qwen2.5-7B-Instruct").name());
    assertEquals("llama-3.1-8b", resolver.model("https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct").name());
  }

  @Test
  void readsALocalCheckpointsConfigJson(@TempDir Path dir) throws IOException {
    Path ckpt = Files.createDirectories(dir.resolve("models/llama"));
    Files.writeString(ckpt.resolve("config.json"), HfConfigImporterTest.LLAMA_31_8B);
    ResolvedCommand r = resolver.relativeTo(dir).resolve(ServingCommand.parse("vllm serve models/llama --max-model-len 8192"),
        "h100-sxm", Optional.empty(), 0, CheckOptions.defaults());
    assertEquals(8_030_261_248L, r.deployment().model().parameters().total());
  }

  @Test
  void anUnknownModelNamesTheClosestIds() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> resolver.model("meta-llama/Llama-9-1T"));
    assertTrue(e.getMessage().startsWith("model 'meta-llama/Llama-9-1T' is unknown; did you mean"), e.getMessage());
    assertTrue(e.getMessage().endsWith("(or give a local checkpoint directory with a config.json, or add the model with a "
        + "catalog file)"), e.getMessage());
  }

  @Test
  void theEngineVersionPicksTheCatalogsConstants() {
    ServingCommand c = ServingCommand.parse("vllm serve meta-llama/Llama-3.1-8B-Instruct");
    assertEquals(9.67, resolver.engine(c, Optional.of("0.15.0"), 0).samplerLogitCopies());
    assertEquals(3.71, resolver.engine(c, Optional.empty(), 0).samplerLogitCopies());
    assertEquals(0.4, resolver.engine(c, Optional.empty(), 0.4).prefixCacheHitRate());
  }
}
