package dev.aicompass.bench.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Catches a broken or stale PTX build without a GPU. */
class PtxResourcesTest {
  private static final Pattern ENTRY = Pattern.compile("^\\.visible \\.entry (\\w+)\\(",
      Pattern.MULTILINE);

  private static String text(String resource) {
    byte[] bytes = PtxModules.read(resource);
    assertTrue(bytes.length > 1000, resource + " is nearly empty");
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  private static List<String> entries(String ptx) {
    Matcher matcher = ENTRY.matcher(ptx);
    return matcher.results().map(r -> r.group(1)).toList();
  }

  @Test
  void baseModuleDeclaresEveryEntryForSm80() {
    String ptx = text(PtxModules.BASE);
    assertEquals(PtxModules.BASE_ENTRIES.stream().sorted().toList(),
        entries(ptx).stream().sorted().toList());
    assertTrue(ptx.contains("\n.target " + PtxModules.BASE_TARGET + "\n"), "target line");
    assertTrue(ptx.contains("\n.version 8.0\n"), "PTX ISA lowered to 8.0 by build-ptx.sh");
    assertTrue(ptx.contains("mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32"));
    assertTrue(ptx.contains("cp.async.cg.shared.global"));
    assertTrue(ptx.contains("ldmatrix.sync.aligned.m8n8.x4.shared.b16"));
  }

  @Test
  void fp8ModuleDeclaresTheE4m3GemmForSm89() {
    String ptx = text(PtxModules.FP8);
    assertEquals(PtxModules.FP8_ENTRIES, entries(ptx));
    assertTrue(ptx.contains("\n.target " + PtxModules.FP8_TARGET + "\n"), "target line");
    assertTrue(ptx.contains("\n.version 8.4\n"), "e4m3 mma needs PTX ISA 8.4");
    assertTrue(ptx.contains("mma.sync.aligned.m16n8k32.row.col.f32.e4m3.e4m3.f32"));
  }

  @Test
  void loaderImageIsNulTerminated() {
    byte[] image = PtxModules.image(PtxModules.BASE);
    assertEquals(0, image[image.length - 1]);
    assertEquals(PtxModules.read(PtxModules.BASE).length + 1, image.length);
  }
}
