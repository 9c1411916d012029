package dev.aicompass.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs the scripts of {@code aicompass-examples/jbang/} with JBang (dev.jbang:jbang-cli, a test
 * dependency, started in its own JVM on the current JDK, with its cache in a temporary folder).
 *
 * <p>{@code againstThisBuild}: the script with its {@code //DEPS dev.aicompass:...} lines taken out
 * and this build's core and catalog classes (and Jackson) given with {@code --cp}, offline; it runs
 * during {@code ./mvnw verify}, before anything is installed. {@code asPublished}: the script as it
 * is, resolving {@code 0.1.0-SNAPSHOT} from the local Maven repository as a user would after
 * {@code ./mvnw install}; skipped when that SNAPSHOT is not installed or older than this build.
 * JBang's launcher prints the java command line for its shell wrapper to run (exit code 255);
 * the test runs it with bash, as the wrapper does.
 */
class JBangScriptsTest {
  private static final Path SCRIPTS = Paths.get("jbang");

  @TempDir
  Path temp;

  @ParameterizedTest
  @CsvSource({"plan.java, buy ", "memory.java, 64 requests fit:  true", "simulate.java, estimate: TTFT"})
  void againstThisBuild(String script, String expected) throws Exception {
    assumeJBang();
    List<String> ours = classPath().stream()
        .filter(e -> e.contains("aicompass-core") || e.contains("aicompass-catalog") || e.contains("jackson"))
        .collect(Collectors.toList());
    assertTrue(ours.stream().anyMatch(e -> e.contains("aicompass-catalog")), "catalog on the test class path: " + ours);
    Path copy = temp.resolve(script);
    List<String> lines = Files.readAllLines(SCRIPTS.resolve(script), StandardCharsets.UTF_8).stream()
        .filter(l -> !l.startsWith("//DEPS dev.aicompass:"))
        .collect(Collectors.toList());
    Files.write(copy, lines, StandardCharsets.UTF_8);
    String out = jbang("run", "--offline", "--cp", String.join(File.pathSeparator, ours), copy.toString());
    assertTrue(out.contains(expected), script + " printed:\n" + out);
  }

  @ParameterizedTest
  @CsvSource({"plan.java, buy ", "memory.java, 64 requests fit:  true", "simulate.java, estimate: TTFT"})
  void asPublished(String script, String expected) throws Exception {
    assumeJBang();
    Path repo = Paths.get(System.getProperty("user.home"), ".m2", "repository", "dev", "aicompass");
    Path core = repo.resolve("aicompass-core/0.1.0-SNAPSHOT/aicompass-core-0.1.0-SNAPSHOT.jar");
    Path catalog = repo.resolve("aicompass-catalog/0.1.0-SNAPSHOT/aicompass-catalog-0.1.0-SNAPSHOT.jar");
    assumeTrue(Files.isRegularFile(core) && Files.isRegularFile(catalog),
        "dev.aicompass 0.1.0-SNAPSHOT is not installed in ~/.m2 (./mvnw install installs it; ./mvnw verify does not)");
    assumeTrue(!olderThanBuild(core, "aicompass-core") && !olderThanBuild(catalog, "aicompass-catalog"),
        "the installed 0.1.0-SNAPSHOT is older than this build (run ./mvnw install)");
    String out = jbang("run", "--offline", SCRIPTS.resolve(script).toString());
    assertTrue(out.contains(expected), script + " printed:\n" + out);
  }

  private static void assumeJBang() {
    try {
      Class.forName("dev.jbang.Main");
    } catch (ClassNotFoundException e) {
      assumeTrue(false, "dev.jbang:jbang-cli is not on the test class path");
    }
    assumeTrue(Files.isExecutable(Paths.get("/bin/bash")), "bash runs JBang's launch command");
  }

  /** Runs JBang's launcher, then the command it prints; returns the script's output. */
  private String jbang(String... args) throws Exception {
    String javaHome = System.getProperty("java.home");
    String java = Paths.get(javaHome, "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-cp", String.join(File.pathSeparator, classPath()), "dev.jbang.Main"));
    cmd.addAll(Arrays.asList(args));
    Path launchOut = temp.resolve("launch.out");
    Path launchErr = temp.resolve("launch.err");
    int code = run(cmd, launchOut, launchErr);
    String command = Files.readString(launchOut, StandardCharsets.UTF_8).trim();
    String err = Files.readString(launchErr, StandardCharsets.UTF_8);
    assertEquals(255, code, "JBang's launcher should print a command to run; exit " + code + "\n" + command + "\n" + err);
    Path out = temp.resolve("script.out");
    Path scriptErr = temp.resolve("script.err");
    int exit = run(List.of("/bin/bash", "-c", "exec " + command), out, scriptErr);
    String printed = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(0, exit, "script exit " + exit + "\n" + printed + Files.readString(scriptErr, StandardCharsets.UTF_8));
    return printed;
  }

  private int run(List<String> cmd, Path out, Path err) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    Map<String, String> env = pb.environment();
    String javaHome = System.getProperty("java.home");
    env.put("JAVA_HOME", javaHome);
    env.put("PATH", Paths.get(javaHome, "bin") + File.pathSeparator + env.getOrDefault("PATH", ""));
    env.put("JBANG_DIR", temp.resolve("jbang-home").toString());
    env.put("JBANG_DEFAULT_JAVA_VERSION", String.valueOf(Runtime.version().feature()));
    env.put("JBANG_NO_VERSION_CHECK", "true");
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    return p.exitValue();
  }

  /** Returns the test class path entries (surefire's, not its manifest-only booter jar). */
  private static List<String> classPath() {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(cp.split(File.pathSeparator)).filter(s -> !s.isBlank()).collect(Collectors.toList());
  }

  /** Returns whether {@code installed} is older than the module {@code artifact} on the test class path. */
  private static boolean olderThanBuild(Path installed, String artifact) throws IOException {
    long built = classPath().stream().filter(e -> e.contains(artifact)).mapToLong(JBangScriptsTest::newest).max().orElse(0);
    return Files.getLastModifiedTime(installed).toMillis() < built;
  }

  private static long newest(String entry) {
    Path p = Paths.get(entry);
    try {
      if (Files.isDirectory(p)) {
        try (Stream<Path> files = Files.walk(p)) {
          return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().lastModified()).max().orElse(0);
        }
      }
      return Files.isRegularFile(p) ? Files.getLastModifiedTime(p).toMillis() : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
