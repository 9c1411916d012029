package dev.aicompass.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Runs the command line in this JVM and checks the contract of shared/docs/CLI.md (test helper). */
final class Cli {
  private Cli() {}

  /** What one run printed and returned. */
  static final class Run {
    final int code;
    final String out;
    final String err;

    Run(int code, String out, String err) {
      this.code = code;
      this.out = out;
      this.err = err;
    }

    /** Asserts exit code 0, nothing on stderr and exactly one JSON object on stdout; returns it. */
    JsonNode json() {
      assertEquals(0, code, () -> "exit code; stderr: " + err);
      assertEquals("", err, "stderr");
      return onlyJsonObject(out);
    }

    /** Asserts exit code {@code expected} and one error line on stderr naming {@code fragment}, without a stack trace. */
    Run fails(int expected, String fragment) {
      assertEquals(expected, code, () -> "exit code; stdout: " + out + "; stderr: " + err);
      assertEquals("", out, "stdout of a failing command");
      String first = err.split("\\R", -1)[0];
      assertTrue(first.startsWith("aicompass: "), () -> "first stderr line: " + err);
      assertTrue(first.contains(fragment), () -> "first stderr line should name '" + fragment + "': " + err);
      assertFalse(err.contains("\tat ") || err.contains("Exception in thread"), () -> "stack trace on stderr: " + err);
      return this;
    }

    /** Asserts that stderr is exactly one line (every error, as CLI.md requires). */
    Run oneLine() {
      assertEquals(1, err.strip().lines().count(), () -> "stderr should be one line: " + err);
      return this;
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  /** Asserts that {@code text} is one line holding one JSON object, and returns it. */
  static JsonNode onlyJsonObject(String text) {
    String t = text.strip();
    assertFalse(t.isEmpty(), "no output");
    assertEquals(1, t.lines().count(), () -> "JSON should be one line: " + t);
    try (JsonParser p = Json.MAPPER.getFactory().createParser(t)) {
      JsonNode n = Json.MAPPER.readTree(p);
      assertTrue(n != null && n.isObject(), () -> "not a JSON object: " + t);
      assertNull(p.nextToken(), () -> "more than one JSON value: " + t);
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + t, e);
    }
  }

  /** Asserts that {@code node} has every field in {@code fields}. */
  static void hasFields(JsonNode node, String... fields) {
    for (String f : fields) {
      assertTrue(node.has(f), () -> "missing field '" + f + "' in " + node);
    }
  }
}
