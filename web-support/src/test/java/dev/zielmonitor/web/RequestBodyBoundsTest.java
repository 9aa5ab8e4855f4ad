package dev.zielmonitor.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequestBodyBoundsTest {

    record Bounded(@Size(max = 200) @SingleLine String title, @Size(max = 5000) @FreeText String text,
                   @Digits(integer = 9, fraction = 4) @DecimalMin("-1e9") @DecimalMax("1e9") BigDecimal value,
                   @Min(2005) @Max(2100) Integer year, LocalDate date,
                   @Size(max = 10) List<@Valid Part> parts,
                   @Size(max = 10) Map<@Size(max = 20) @SingleLine String, @Size(max = 99) @FreeText String> notes) {
    }

    record Part(@Size(max = 20) @SingleLine String id) {
    }

    record Unbounded(String title, BigDecimal value, int count, List<String> items, Part part) {
    }

    @Test
    void aBodyOfBoundedValuesPasses() {
        assertThat(RequestBodyBounds.unbounded(List.of(Bounded.class))).isEmpty();
    }

    @Test
    void namesEveryValueWithoutABound() {
        assertThat(RequestBodyBounds.unbounded(List.of(Unbounded.class))).containsExactly(
                "Unbounded.title: a text needs @Size(max = …)",
                "Unbounded.title: a text needs @SingleLine, @FreeText or @Pattern",
                "Unbounded.value: a decimal needs @Digits",
                "Unbounded.value: a decimal needs a lower and an upper bound",
                "Unbounded.count: a whole number needs @Min and @Max",
                "Unbounded.items: a list or map needs @Size(max = …)",
                "Unbounded.items[]: a text needs @Size(max = …)",
                "Unbounded.items[]: a text needs @SingleLine, @FreeText or @Pattern",
                "Unbounded.part: a nested object needs @Valid");
    }
}
