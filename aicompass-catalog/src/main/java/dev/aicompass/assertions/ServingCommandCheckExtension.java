package dev.aicompass.assertions;

import dev.aicompass.catalog.Catalog;
import dev.aicompass.check.CheckResult;
import dev.aicompass.units.TimeSpan;
import dev.aicompass.units.TokenRate;
import dev.aicompass.workload.ServiceLevel;
import dev.aicompass.workload.Workload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link ServingCommandCheck}: reads the serving command, checks it
 * with {@link CapacityAssert} (the decision of {@code aicompass check}) before all tests of an
 * annotated class or before an annotated test, and fails with the report; resolves
 * {@link CheckResult} parameters to the check.
 */
public final class ServingCommandCheckExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ServingCommandCheckExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getTestClass().flatMap(c -> find(c)).ifPresent(a -> result(context, a));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Optional<ServingCommandCheck> onMethod = context.getTestMethod().flatMap(ServingCommandCheckExtension::find);
    if (onMethod.isPresent()) {
      result(context, onMethod.get());
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == CheckResult.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Optional<ServingCommandCheck> a = context.getTestMethod().flatMap(ServingCommandCheckExtension::find)
        .or(() -> context.getTestClass().flatMap(ServingCommandCheckExtension::find));
    return result(context, a.orElseThrow(() -> new ExtensionConfigurationException(
        "a CheckResult parameter needs @ServingCommandCheck on the test method or class")));
  }

  private static Optional<ServingCommandCheck> find(AnnotatedElement e) {
    return Optional.ofNullable(e.getAnnotation(ServingCommandCheck.class));
  }

  /** Checks once per annotation and context (the class's result is shared by its tests). */
  private static CheckResult result(ExtensionContext context, ServingCommandCheck a) {
    ExtensionContext.Store store = context.getStore(NS);
    return store.getOrComputeIfAbsent(a, k -> check(a), CheckResult.class);
  }

  /**
   * Runs the check {@code a} describes.
   *
   * @throws AssertionError with the report when the command misses a requirement
   * @throws ExtensionConfigurationException when the annotation names no command or a file that cannot be read
   */
  static CheckResult check(ServingCommandCheck a) {
    CapacityAssert ca;
    if (!a.file().isBlank()) {
      Path p = Path.of(a.file());
      if (Files.isRegularFile(p)) {
        ca = CapacityAssert.assertThatServeScript(p);
      } else {
        ca = CapacityAssert.assertThatServeCommand(resource(a.file()));
      }
    } else if (!a.command().isBlank()) {
      ca = CapacityAssert.assertThatServeCommand(a.command());
    } else {
      throw new ExtensionConfigurationException("@ServingCommandCheck needs file = \"...\" or command = \"...\"");
    }
    if (!a.catalog().isBlank()) {
      ca = ca.withCatalog(Catalog.load(Path.of(a.catalog())));
    }
    ca = ca.on(a.gpu());
    if (!a.engineVersion().isBlank()) {
      ca = ca.engineVersion(a.engineVersion());
    }
    Workload.Builder w = Workload.builder().inputTokens(a.inputLen()).outputTokens(a.outputLen()).concurrency(a.concurrency());
    if (a.requestRate() > 0) {
      w.requestRate(a.requestRate());
    }
    ca = ca.serving(w.build()).withPrefixHitRate(a.prefixHitRate());
    if (a.pessimistic()) {
      ca = ca.pessimistically();
    }
    ServiceLevel.Builder slo = ServiceLevel.builder();
    if (a.ttftMs() > 0) {
      slo.ttft(TimeSpan.ofMillis(a.ttftMs()));
    }
    if (a.tpotMs() > 0) {
      slo.tpot(TimeSpan.ofMillis(a.tpotMs()));
    }
    if (a.throughput() > 0) {
      slo.throughput(TokenRate.ofTokensPerSecond(a.throughput()));
    }
    return ca.meets(slo.build());
  }

  private static String resource(String name) {
    String n = name.startsWith("/") ? name.substring(1) : name;
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    try (InputStream in = (cl != null ? cl : ServingCommandCheckExtension.class.getClassLoader()).getResourceAsStream(n)) {
      if (in == null) {
        throw new ExtensionConfigurationException("@ServingCommandCheck file '" + name + "' is neither a file (from "
            + Path.of("").toAbsolutePath() + ") nor a class-path resource");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }
}
