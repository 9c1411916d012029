package dev.aicompass.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of the library: generated {@code ImmutableX} classes are
 * package-private and hidden behind the abstract value type's own {@code builder()}.
 */
@Target({ElementType.TYPE, ElementType.PACKAGE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    builderVisibility = Value.Style.BuilderVisibility.PACKAGE,
    defaults = @Value.Immutable(copy = true),
    get = {"is*", "get*"},
    jdkOnly = true,
    strictBuilder = false,
    allParameters = false,
    validationMethod = Value.Style.ValidationMethod.NONE)
public @interface ValueStyle {}
