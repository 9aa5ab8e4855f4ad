package dev.zielmonitor.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds every JSON request body of a service (the {@code @RequestBody} parameters of its handler methods) and lists
 * each value in it that is not bounded: a text without a maximum length and a rule for its characters
 * ({@link SingleLine}, {@link FreeText} or a {@code @Pattern}), a number without a range (and for decimals a number of
 * digits), a list or map without a maximum size, a nested object without {@code @Valid}. Dates and instants are
 * bounded for every body by {@link PlatformTimeBinding}. So a new field cannot carry NUL or 1e1000000000 into an
 * event by being forgotten (issue 17).
 */
public final class RequestBodyBounds {

    private RequestBodyBounds() {
    }

    /** The request body types of the service's handler methods. */
    public static Set<Class<?>> requestBodies(ApplicationContext context) {
        Set<Class<?>> bodies = new HashSet<>();
        context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods()
                .values().forEach(method -> {
                    for (MethodParameter parameter : method.getMethodParameters()) {
                        if (parameter.hasParameterAnnotation(RequestBody.class)) {
                            bodies.add(parameter.getParameterType());
                        }
                    }
                });
        return bodies;
    }

    /** Every unbounded value of these body types, as {@code Type.component: why}; empty when all are bounded. */
    public static List<String> unbounded(Collection<Class<?>> bodies) {
        List<String> problems = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        bodies.forEach(body -> checkRecord(body, problems, seen));
        return problems;
    }

    private static void checkRecord(Class<?> type, List<String> problems, Set<Class<?>> seen) {
        if (!seen.add(type)) {
            return;
        }
        if (!type.isRecord()) {
            problems.add(type.getName() + ": a request body should be a record of bounded values");
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            List<Annotation> onComponent = new ArrayList<>(List.of(component.getAnnotatedType().getAnnotations()));
            try {
                Field field = type.getDeclaredField(component.getName());
                onComponent.addAll(List.of(field.getAnnotations()));
            } catch (NoSuchFieldException impossible) {
                throw new IllegalStateException(impossible);
            }
            check(type.getSimpleName() + "." + component.getName(), component.getAnnotatedType(), onComponent,
                    problems, seen);
        }
    }

    private static void check(String where, AnnotatedType annotated, List<Annotation> annotations,
                              List<String> problems, Set<Class<?>> seen) {
        Type type = annotated.getType();
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == String.class) {
            if (!has(annotations, Size.class, a -> ((Size) a).max() < Integer.MAX_VALUE)
                    && !has(annotations, Pattern.class, a -> true)) {
                problems.add(where + ": a text needs @Size(max = …)");
            }
            if (!has(annotations, SingleLine.class, a -> true) && !has(annotations, FreeText.class, a -> true)
                    && !has(annotations, Pattern.class, a -> true)) {
                problems.add(where + ": a text needs @SingleLine, @FreeText or @Pattern");
            }
        } else if (raw == BigDecimal.class || raw == Double.class || raw == double.class) {
            if (!has(annotations, Digits.class, a -> true)) {
                problems.add(where + ": a decimal needs @Digits");
            }
            if (!has(annotations, DecimalMin.class, a -> true) && !has(annotations, Min.class, a -> true)
                    || !has(annotations, DecimalMax.class, a -> true) && !has(annotations, Max.class, a -> true)) {
                problems.add(where + ": a decimal needs a lower and an upper bound");
            }
        } else if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            if (!has(annotations, Min.class, a -> true) || !has(annotations, Max.class, a -> true)) {
                problems.add(where + ": a whole number needs @Min and @Max");
            }
        } else if (Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)) {
            if (!has(annotations, Size.class, a -> ((Size) a).max() < Integer.MAX_VALUE)) {
                problems.add(where + ": a list or map needs @Size(max = …)");
            }
            AnnotatedType[] arguments = ((AnnotatedParameterizedType) annotated).getAnnotatedActualTypeArguments();
            for (int i = 0; i < arguments.length; i++) {
                String part = Map.class.isAssignableFrom(raw) ? (i == 0 ? "<key>" : "<value>") : "[]";
                check(where + part, arguments[i], List.of(arguments[i].getAnnotations()), problems, seen);
            }
        } else if (raw.isRecord()) {
            if (!has(annotations, Valid.class, a -> true)) {
                problems.add(where + ": a nested object needs @Valid");
            }
            checkRecord(raw, problems, seen);
        } else if (!raw.isEnum() && !raw.isPrimitive() && raw != Boolean.class && raw != LocalDate.class
                && raw != Instant.class) {
            problems.add(where + ": " + raw.getSimpleName() + " is not a known bounded type");
        }
    }

    private static boolean has(List<Annotation> annotations, Class<? extends Annotation> type,
                               java.util.function.Predicate<Annotation> condition) {
        return annotations.stream().anyMatch(a -> type.isInstance(a) && condition.test(a));
    }
}
