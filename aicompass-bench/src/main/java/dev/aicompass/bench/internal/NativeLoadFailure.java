package dev.aicompass.bench.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the multi-line errors JCuda throws when a native library cannot be loaded into one line,
 * e.g. {@code "libcuda.so.1 not loadable: cannot open shared object file: No such file or
 * directory"}.
 */
public final class NativeLoadFailure {
  private NativeLoadFailure() {}

  /**
   * Describes why a library could not be loaded.
   *
   * @param error the LinkageError (or any throwable) from the first use of the JCuda class
   * @param library the system library the JCuda wrapper needs, e.g. {@code "libcuda.so.1"}
   * @param wrapperStem the start of the JCuda wrapper's file name, e.g. {@code "libJCudaDriver"}
   * @return {@code "<library> not loadable: <reason>"} on one line
   */
  public static String describe(Throwable error, String library, String wrapperStem) {
    String text = String.join("\n", messages(error));
    String base = library.replaceAll("\\.so.*$|\\.dll$", "");
    Matcher direct = Pattern.compile(
        "(?:^|[\\s/\\\\:])" + Pattern.quote(base) + "(?:\\.so[\\d.]*|\\.dll): ([^\\r\\n]+)",
        Pattern.MULTILINE).matcher(text);
    if (direct.find()) {
      return library + " not loadable: " + direct.group(1).trim();
    }
    Matcher wrapper = Pattern.compile(
        Pattern.quote(wrapperStem) + "[^\\s:]*: ([^\\r\\n]+)").matcher(text);
    if (wrapper.find()) {
      return library + " not loadable: " + wrapper.group(1).trim();
    }
    String firstLine = text.isBlank() ? error.getClass().getSimpleName() : text.lines()
        .filter(line -> !line.isBlank()).findFirst().orElse("").trim();
    return library + " not loadable: " + firstLine;
  }

  private static List<String> messages(Throwable error) {
    List<String> messages = new ArrayList<>();
    for (Throwable t = error; t != null && messages.size() < 8; t = t.getCause()) {
      if (t.getMessage() != null) {
        messages.add(t.getMessage());
      }
    }
    return messages;
  }
}
