package dev.zielmonitor.web;

import dev.zielmonitor.events.common.ReportingMonth;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.module.SimpleModule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.function.Function;

/**
 * Every instant, date and month of a request, in a parameter or a JSON body, is read through {@link PlatformTime}:
 * a value outside the platform's time is a 400 naming its parameter or field, the same on every endpoint.
 */
@AutoConfiguration
public class PlatformTimeBinding implements WebMvcConfigurer {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addFormatterForFieldType(Instant.class, formatter(PlatformTime::instant));
        registry.addFormatterForFieldType(LocalDate.class, formatter(PlatformTime::date));
        registry.addFormatterForFieldType(ReportingMonth.class, formatter(PlatformTime::month));
    }

    /** Dates and instants in JSON bodies. */
    @Bean
    JacksonModule platformTimeModule() {
        return new SimpleModule("platform-time")
                .addDeserializer(LocalDate.class, new Bounded<>(LocalDate.class, PlatformTime::date))
                .addDeserializer(Instant.class, new Bounded<>(Instant.class, PlatformTime::instant));
    }

    private static <T> Formatter<T> formatter(Function<String, T> parse) {
        return new Formatter<>() {
            @Override
            public T parse(String text, Locale locale) {
                return parse.apply(text);
            }

            @Override
            public String print(T value, Locale locale) {
                return value.toString();
            }
        };
    }

    private static final class Bounded<T> extends StdScalarDeserializer<T> {
        private final transient Function<String, T> parse;

        Bounded(Class<T> type, Function<String, T> parse) {
            super(type);
            this.parse = parse;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (T) context.handleUnexpectedToken(handledType(), parser);
            }
            String text = parser.getString();
            try {
                return parse.apply(text);
            } catch (IllegalArgumentException e) {
                return (T) context.handleWeirdStringValue(handledType(), text, e.getMessage());
            }
        }
    }
}
