package dev.aicompass.catalog.internal;

import dev.aicompass.catalog.CatalogException;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds and parses the catalog's JSON resources under {@code dev/aicompass/catalog/} (the folder
 * holding {@code quantization.json}) in a class-path directory or jar: every {@code *.json} file
 * directly in it or one folder below ({@code models/}, {@code accelerators/}), in name order.
 */
public final class BuiltInResources {
  /** The resource folder of the built-in catalog. */
  public static final String BASE = "dev/aicompass/catalog/";
  private static final String ANCHOR = BASE + "quantization.json";

  private BuiltInResources() {}

  /**
   * Parses every built-in catalog file, labelled by its path below the catalog folder
   * ({@code models/llama.json}).
   *
   * @throws CatalogException when the folder cannot be found or listed, or a file is malformed
   */
  public static List<JsonDocument> load(ClassLoader loader) {
    List<JsonDocument> docs = new ArrayList<>();
    for (String name : list(loader)) {
      try (InputStream in = loader.getResourceAsStream(BASE + name)) {
        if (in == null) {
          throw new CatalogException(name + ": built-in catalog resource disappeared");
        }
        docs.add(JsonDocument.parse(name, in));
      } catch (IOException e) {
        throw new CatalogException(name + ": cannot be read (" + e.getMessage() + ")", e);
      }
    }
    return docs;
  }

  /** Returns the names of the built-in catalog files relative to {@link #BASE}, sorted. */
  static List<String> list(ClassLoader loader) {
    URL anchor = loader.getResource(ANCHOR);
    if (anchor == null) {
      throw new CatalogException("built-in catalog not found on the class path (" + ANCHOR + ")");
    }
    try {
      switch (anchor.getProtocol()) {
        case "file":
          return listDirectory(Paths.get(anchor.toURI()).getParent());
        case "jar":
          return listJar(anchor);
        default:
          throw new CatalogException("built-in catalog at " + anchor + " cannot be listed (protocol '"
              + anchor.getProtocol() + "'; expected a directory or a jar)");
      }
    } catch (IOException | URISyntaxException e) {
      throw new CatalogException("built-in catalog at " + anchor + " cannot be listed (" + e.getMessage() + ")", e);
    }
  }

  private static List<String> listDirectory(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root, 2)) {
      return files.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json"))
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  private static List<String> listJar(URL anchor) throws IOException {
    URLConnection c = anchor.openConnection();
    if (!(c instanceof JarURLConnection)) {
      throw new IOException("not a jar connection: " + c.getClass().getName());
    }
    JarURLConnection jc = (JarURLConnection) c;
    jc.setUseCaches(false);
    List<String> names = new ArrayList<>();
    try (JarFile jar = jc.getJarFile()) {
      for (Enumeration<JarEntry> en = jar.entries(); en.hasMoreElements(); ) {
        String n = en.nextElement().getName();
        if (n.startsWith(BASE) && n.endsWith(".json")) {
          String rel = n.substring(BASE.length());
          if (rel.chars().filter(ch -> ch == '/').count() <= 1) {
            names.add(rel);
          }
        }
      }
    }
    names.sort(null);
    return names;
  }
}
