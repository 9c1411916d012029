package dev.aicompass.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aicompass.catalog.internal.JsonDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile or broken catalog files are rejected with a message naming the file, the place and the rule. */
class HostileJsonTest {
  @TempDir
  Path dir;

  private CatalogException load(String name, String json) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, json, StandardCharsets.UTF_8);
    return assertThrows(CatalogException.class, () -> Catalog.empty().with(p));
  }

  private String file(String name) {
    return dir.resolve(name).toString();
  }

  @Test
  void rejectsNestingDeeperThan64() throws IOException {
    String deep = "[".repeat(1000) + "]".repeat(1000);
    CatalogException e = load("deep.json", "{\"models\": " + deep + "}");
    assertTrue(e.getMessage().startsWith(file("deep.json") + ": line 1, column "), e.getMessage());
    assertTrue(e.getMessage().contains("nesting depth") && e.getMessage().contains("64"), e.getMessage());
  }

  @Test
  void rejectsANumberOf400Digits() throws IOException {
    CatalogException e = load("big.json", "{\"models\": [], \"x\": 1" + "0".repeat(400) + "}");
    assertTrue(e.getMessage().contains("Number value length") && e.getMessage().contains("64"), e.getMessage());
  }

  @Test
  void rejectsAnExponentBeyondDoubleRange() throws IOException {
    String json = "{\"accelerators\": [\n" + CatalogTest.accelerator("x", "80 GiB").replace("\"kind\"",
        "\"peak2\": 1e400, \"kind\"") + "]}";
    CatalogException e = load("exp.json", json);
    assertEquals(file("exp.json") + ": $.accelerators[0].peak2 (line 2): number 1e400 is out of range (not a finite double)",
        e.getMessage());
  }

  @Test
  void rejectsAHundredMegabyteStringWithoutHoldingIt() {
    // 100 MB of 'a' inside a string, produced lazily: the parser stops at its 1 MB string limit.
    InputStream head = new java.io.ByteArrayInputStream("{\"models\": [{\"id\": \"".getBytes(StandardCharsets.US_ASCII));
    InputStream body = new InputStream() {
      long left = 100_000_000L;

      @Override
      public int read() {
        return left-- > 0 ? 'a' : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left <= 0) {
          return -1;
        }
        int n = (int) Math.min(len, left);
        java.util.Arrays.fill(b, off, off + n, (byte) 'a');
        left -= n;
        return n;
      }
    };
    InputStream tail = new java.io.ByteArrayInputStream("\"}]}".getBytes(StandardCharsets.US_ASCII));
    CatalogException e = assertThrows(CatalogException.class,
        () -> JsonDocument.parse("huge.json", new SequenceInputStream(new SequenceInputStream(head, body), tail)));
    assertTrue(e.getMessage().startsWith("huge.json: "), e.getMessage());
    assertTrue(e.getMessage().contains("String value length") && e.getMessage().contains("1000000"), e.getMessage());
  }

  @Test
  void rejectsAFileAboveSixteenMebibytesBeforeParsing() throws IOException {
    Path p = dir.resolve("big-file.json");
    byte[] chunk = " ".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
    try (var out = Files.newOutputStream(p)) {
      out.write("{\"models\": []}".getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < 17; i++) {
        out.write(chunk);
      }
    }
    CatalogException e = assertThrows(CatalogException.class, () -> Catalog.empty().with(p));
    assertTrue(e.getMessage().startsWith(p + ": file is ") && e.getMessage().contains("16 MiB"), e.getMessage());
  }

  @Test
  void rejectsAStreamAboveSixteenMebibytes() {
    InputStream spaces = new InputStream() {
      long left = 20L << 20;

      @Override
      public int read() {
        return left-- > 0 ? ' ' : -1;
      }
    };
    InputStream in = new SequenceInputStream(new java.io.ByteArrayInputStream("{\"models\": [".getBytes(StandardCharsets.US_ASCII)),
        spaces);
    CatalogException e = assertThrows(CatalogException.class, () -> JsonDocument.parse("stream.json", in));
    assertTrue(e.getMessage().contains("16 MiB") || e.getMessage().contains("Document length"), e.getMessage());
  }

  @Test
  void rejectsANumberWhereAQuantityStringBelongs() throws IOException {
    String json = "{\"accelerators\": [\n" + CatalogTest.accelerator("x", "80 GiB").replace("\"80 GiB\"", "80") + "]}";
    CatalogException e = load("types.json", json);
    assertEquals(file("types.json") + ": $.accelerators[0].memory (line 2): must be a string with a unit such as "
        + "'80 GiB', got a number (80)", e.getMessage());
  }

  @Test
  void rejectsAnUnknownUnitQuotingTheValue() throws IOException {
    String json = "{\"accelerators\": [\n" + CatalogTest.accelerator("x", "80 GiB").replace("2 TB/s", "3.35 TBps") + "]}";
    CatalogException e = load("unit.json", json);
    assertEquals(file("unit.json") + ": $.accelerators[0].memoryBandwidth (line 2): bandwidth '3.35 TBps' has unknown "
        + "unit 'TBps' (units: B/s, kB/s, MB/s, GB/s, TB/s, GiB/s, MiB/s, Gb/s, Gbps, Tb/s)", e.getMessage());
  }

  @Test
  void rejectsDuplicateKeys() throws IOException {
    CatalogException e = load("dupkey.json", "{\"accelerators\": [{\"id\": \"a\",\n \"id\": \"b\"}]}");
    assertTrue(e.getMessage().startsWith(file("dupkey.json") + ": line 2, column "), e.getMessage());
    assertTrue(e.getMessage().contains("Duplicate Object property \"id\"")
        || e.getMessage().contains("Duplicate field 'id'"), e.getMessage());
  }

  @Test
  void rejectsDuplicateIdsWithinOneFile() throws IOException {
    CatalogException e = load("dupid.json", "{\"accelerators\": [\n" + CatalogTest.accelerator("same", "8 GiB") + ",\n"
        + CatalogTest.accelerator("same", "16 GiB") + "]}");
    assertEquals("duplicate accelerator id 'same': " + file("dupid.json") + ": $.accelerators[0] (line 2) and "
        + file("dupid.json") + ": $.accelerators[1] (line 3)", e.getMessage());
  }

  @Test
  void rejectsUnknownFieldsSuggestingTheIntendedOne() throws IOException {
    String json = "{\"accelerators\": [\n" + CatalogTest.accelerator("x", "80 GiB").replace("\"memory\"", "\"memroy\"")
        + "]}";
    CatalogException e = load("typo.json", json);
    assertTrue(e.getMessage().startsWith(file("typo.json") + ": $.accelerators[0].memroy (line 2): unknown field 'memroy'"),
        e.getMessage());
    assertTrue(e.getMessage().contains("did you mean memory"), e.getMessage());
  }

  @Test
  void acceptsUnknownFieldsInsideConfig() throws IOException {
    Path p = dir.resolve("cfg.json");
    Files.writeString(p, "{\"models\": [" + CatalogTest.model("free-cfg", "").replace("\"torch_dtype\"",
        "\"some_new_hf_field\": {\"a\": [1, 2]}, \"torch_dtype\"") + "]}");
    assertEquals("free-cfg", Catalog.empty().with(p).requireModel("free-cfg").id());
  }

  @Test
  void rejectsTrailingGarbage() throws IOException {
    CatalogException e = load("trailing.json", "{\"models\": []}\n}{");
    assertTrue(e.getMessage().startsWith(file("trailing.json") + ": line 2"), e.getMessage());
  }

  @Test
  void rejectsATruncatedFile() throws IOException {
    CatalogException e = load("cut.json", "{\"accelerators\": [" + CatalogTest.accelerator("x", "80 GiB").substring(0, 60));
    assertTrue(e.getMessage().startsWith(file("cut.json") + ": line 1, column "), e.getMessage());
    assertTrue(e.getMessage().contains("end-of-input"), e.getMessage());
  }

  @Test
  void rejectsBadIdsAndListsEveryBadEntry() throws IOException {
    String json = "{\"accelerators\": [\n" + CatalogTest.accelerator("Bad_Id", "8 GiB") + ",\n"
        + CatalogTest.accelerator("ok", "8 GiB") + ",\n" + CatalogTest.accelerator("also-bad", "eight GiB") + "]}";
    CatalogException e = load("ids.json", json);
    List<String> p = e.problems();
    assertEquals(2, p.size(), e.getMessage());
    assertEquals(file("ids.json") + ": $.accelerators[0].id (line 2): id 'Bad_Id' must be lower-case letters, digits, "
        + "'.' and '-' ([a-z0-9.-]+)", p.get(0));
    assertTrue(p.get(1).startsWith(file("ids.json") + ": $.accelerators[2].memory (line 4): byte size 'eight GiB' is not "
        + "of the form"), p.get(1));
    assertTrue(e.getMessage().startsWith("2 catalog problems:"), e.getMessage());
  }

  @Test
  void rejectsUsableMemoryAboveMemory() throws IOException {
    String json = "{\"accelerators\": [\n" + CatalogTest.accelerator("x", "80 GB").replace("\"memoryBandwidth\"",
        "\"usableMemory\": \"79.19 GiB\", \"memoryBandwidth\"") + "]}";
    CatalogException e = load("usable.json", json);
    assertEquals(file("usable.json") + ": $.accelerators[0].usableMemory (line 2): usableMemory (79.19 GiB) must not "
        + "exceed memory (74.51 GiB)", e.getMessage());
  }

  @Test
  void rejectsANonObjectFile() throws IOException {
    CatalogException e = load("array.json", "[1, 2]");
    assertEquals(file("array.json") + ": must be a JSON object, got an array", e.getMessage());
    CatalogException empty = load("empty.json", "   ");
    assertEquals(file("empty.json") + ": file is empty (expected a JSON object)", empty.getMessage());
  }

  @Test
  void rejectsAModelWhoseConfigLacksAField() throws IOException {
    String json = "{\"models\": [\n" + CatalogTest.model("broken", "").replace("\"num_hidden_layers\": 2, ", "") + "]}";
    CatalogException e = load("model.json", json);
    assertEquals(file("model.json") + ": $.models[0].config (line 2): missing 'num_hidden_layers' (needed for the layer "
        + "count)", e.getMessage());
  }
}
