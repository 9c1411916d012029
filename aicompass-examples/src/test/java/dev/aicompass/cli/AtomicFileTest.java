package dev.aicompass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
  @Test
  void replacesTheTargetWhole(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("page.html");
    Files.writeString(f, "old");
    AtomicFile.write(f, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
    assertEquals("new", Files.readString(f));
    assertEquals(List.of(f), list(dir));
  }

  @Test
  void aWriterThatFailsHalfwayLeavesTheOldFileAndNoTemporary(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("page.html");
    Files.writeString(f, "old");
    IOException e = assertThrows(IOException.class, () -> AtomicFile.write(f, out -> {
      out.write("half a pa".getBytes(StandardCharsets.UTF_8));
      throw new IOException("disk full");
    }));
    assertEquals("disk full", e.getMessage());
    assertEquals("old", Files.readString(f));
    assertEquals(List.of(f), list(dir));
  }

  @Test
  void aFailureBeforeAnyFileExistsLeavesNothing(@TempDir Path dir) {
    assertThrows(IOException.class, () -> AtomicFile.write(dir.resolve("p.html"), out -> {
      throw new IOException("render failed");
    }));
    assertEquals(List.of(), list(dir));
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.collect(Collectors.toList());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
