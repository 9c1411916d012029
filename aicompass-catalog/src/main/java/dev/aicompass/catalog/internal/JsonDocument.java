package dev.aicompass.catalog.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aicompass.catalog.CatalogException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A parsed JSON file: its tree and the line of every value, keyed by JSON path
 * ({@code $.accelerators[3].memoryBandwidth}). Parsing is hardened against hostile input: nesting
 * depth 64, numbers of 64 characters, strings of 1 MB, documents of 16 MiB, duplicate keys
 * rejected, trailing tokens rejected, non-finite numbers rejected, no polymorphic typing.
 */
public final class JsonDocument {
  /** Largest accepted document, in bytes. */
  public static final long MAX_DOCUMENT_BYTES = 16L * 1024 * 1024;
  /** Deepest accepted nesting of arrays and objects. */
  public static final int MAX_NESTING_DEPTH = 64;
  /** Longest accepted number literal, in characters. */
  public static final int MAX_NUMBER_LENGTH = 64;
  /** Longest accepted string value, in characters. */
  public static final int MAX_STRING_LENGTH = 1_000_000;

  /**
   * The parser factory with the read constraints. Parsing needs no {@link ObjectMapper} (the tree is
   * built here, with line numbers), and not building one spares a cold JVM loading most of
   * jackson-databind.
   */
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_NESTING_DEPTH)
          .maxNumberLength(MAX_NUMBER_LENGTH)
          .maxStringLength(MAX_STRING_LENGTH)
          .maxNameLength(10_000)
          .maxDocumentLength(MAX_DOCUMENT_BYTES)
          .build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  /** A mapper over {@link #FACTORY}, created on first use. */
  private static final class Mapper {
    static final ObjectMapper INSTANCE = JsonMapper.builder(FACTORY)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .build();
  }

  private final String file;
  private final JsonNode root;
  private final Map<String, Integer> lines;

  private JsonDocument(String file, JsonNode root, Map<String, Integer> lines) {
    this.file = file;
    this.root = root;
    this.lines = lines;
  }

  /** Returns the mapper whose factory carries the read constraints (for tests and callers that need one). */
  public static ObjectMapper mapper() {
    return Mapper.INSTANCE;
  }

  /** Wraps a tree that was not parsed here (no line numbers). */
  public static JsonDocument ofTree(String file, JsonNode root) {
    return new JsonDocument(file, root, Map.of());
  }

  /**
   * Parses {@code path}, naming it {@code label} in messages.
   *
   * @throws CatalogException when the file is missing, too large or not well-formed JSON
   */
  public static JsonDocument parse(String label, Path path) {
    try {
      long size = Files.size(path);
      if (size > MAX_DOCUMENT_BYTES) {
        throw new CatalogException(label + ": file is " + size + " bytes, more than the limit of " + MAX_DOCUMENT_BYTES
            + " bytes (16 MiB)");
      }
      try (InputStream in = Files.newInputStream(path)) {
        return parse(label, in);
      }
    } catch (NoSuchFileException e) {
      throw new CatalogException(label + ": file not found");
    } catch (IOException e) {
      throw new CatalogException(label + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Parses JSON text, naming it {@code label} in messages.
   *
   * @throws CatalogException when the text is not well-formed JSON or exceeds a limit
   */
  public static JsonDocument parse(String label, String json) {
    return parse(label, new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Parses a stream (read at most {@link #MAX_DOCUMENT_BYTES} bytes; not closed), naming it
   * {@code label} in messages.
   *
   * @throws CatalogException when the input is not well-formed JSON or exceeds a limit
   */
  public static JsonDocument parse(String label, InputStream in) {
    Map<String, Integer> lines = new HashMap<>();
    JsonParser p = null;
    try {
      p = FACTORY.createParser(new Bounded(in, label));
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new CatalogException(label + ": file is empty (expected a JSON object)");
      }
      JsonNode root = read(p, "$", lines, label);
      JsonToken trailing = p.nextToken();
      if (trailing != null) {
        throw new CatalogException(label + ": line " + p.currentTokenLocation().getLineNr()
            + ": unexpected content after the end of the JSON value (" + trailing.asString() + ")");
      }
      return new JsonDocument(label, root, lines);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      if ((loc == null || loc.getLineNr() < 0) && p != null) {
        loc = p.currentLocation();
      }
      String where = loc == null || loc.getLineNr() < 0 ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": ";
      throw new CatalogException(label + ": " + where + "malformed JSON: " + e.getOriginalMessage(), e);
    } catch (UncheckedIOException e) {
      throw new CatalogException(e.getCause().getMessage(), e.getCause());
    } catch (IOException e) {
      throw new CatalogException(label + ": cannot be read (" + e.getMessage() + ")", e);
    } finally {
      if (p != null) {
        try {
          p.close();
        } catch (IOException | UncheckedIOException ignored) {
          // nothing to release beyond the parser's buffers; the caller owns the stream
        }
      }
    }
  }

  private static JsonNode read(JsonParser p, String path, Map<String, Integer> lines, String label) throws IOException {
    JsonNodeFactory f = JsonNodeFactory.instance;
    lines.put(path, p.currentTokenLocation().getLineNr());
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT: {
        ObjectNode o = f.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          o.set(name, read(p, JsonPaths.field(path, name), lines, label));
        }
        return o;
      }
      case START_ARRAY: {
        ArrayNode a = f.arrayNode();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          a.add(read(p, JsonPaths.index(path, i++), lines, label));
        }
        return a;
      }
      case VALUE_STRING:
        return f.textNode(p.getText());
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return f.numberNode(p.getIntValue());
          case LONG:
            return f.numberNode(p.getLongValue());
          default:
            return f.numberNode(p.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT: {
        double d = p.getDoubleValue();
        if (!Double.isFinite(d)) {
          throw new CatalogException(label + ": " + path + " (line " + p.currentTokenLocation().getLineNr() + "): number "
              + abbreviate(p.getText()) + " is out of range (not a finite double)");
        }
        return f.numberNode(d);
      }
      case VALUE_TRUE:
        return f.booleanNode(true);
      case VALUE_FALSE:
        return f.booleanNode(false);
      case VALUE_NULL:
        return f.nullNode();
      default:
        throw new CatalogException(label + ": " + path + ": unexpected token " + t);
    }
  }

  static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }

  /** Returns the name used for this file in messages. */
  public String file() {
    return file;
  }

  public JsonNode root() {
    return root;
  }

  /** Returns the line of the value at {@code path}, or -1 when unknown. */
  public int line(String path) {
    Integer l = lines.get(path);
    return l == null ? -1 : l;
  }

  /** Returns a view of the root value. */
  public JsonView view() {
    return new JsonView(this, "$", root);
  }

  /** An input stream that fails once more than the document limit has been read. */
  private static final class Bounded extends FilterInputStream {
    private final String label;
    private long count;

    Bounded(InputStream in, String label) {
      super(in);
      this.label = label;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      count += n;
      if (count > MAX_DOCUMENT_BYTES) {
        throw new UncheckedIOException(new IOException(label + ": document is larger than the limit of "
            + MAX_DOCUMENT_BYTES + " bytes (16 MiB)"));
      }
    }

    @Override
    public void close() {
      // the caller owns the stream
    }
  }
}
