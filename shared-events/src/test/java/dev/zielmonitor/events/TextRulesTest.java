package dev.zielmonitor.events;

import dev.zielmonitor.events.common.TextRules;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextRulesTest {

    @Test
    void freeTextMayHoldLinesTabsAndAnyUnicodeButNoOtherControlsOrLoneSurrogates() {
        assertThat(TextRules.firstForbiddenInText("Zeile 1\nZeile 2\r\n\tÄÖÜ ß € \ud83d\ude00")).isEmpty();
        assertThat(TextRules.firstForbiddenInText("a\u0000b")).hasValueSatisfying(f -> {
            assertThat(f.index()).isEqualTo(1);
            assertThat(f.codePoint()).isEqualTo("U+0000");
        });
        assertThat(TextRules.firstForbiddenInText("\u001b[31m")).isPresent();
        assertThat(TextRules.firstForbiddenInText("x\u0085")).isPresent();
        assertThat(TextRules.firstForbiddenInText("x\u007f")).isPresent();
        assertThat(TextRules.firstForbiddenInText("lone \ud800 high")).hasValueSatisfying(
                f -> assertThat(f.why()).contains("surrogate"));
        assertThat(TextRules.firstForbiddenInText("lone low \udc00")).isPresent();
        assertThat(TextRules.firstForbiddenInText("swapped \ude00\ud83d")).isPresent();
    }

    @Test
    void aLineMayHoldNoLineBreakOrTab() {
        assertThat(TextRules.firstForbiddenInLine("Jobcenter Solingen (zkT)")).isEmpty();
        assertThat(TextRules.firstForbiddenInLine("zwei\nZeilen")).isPresent();
        assertThat(TextRules.firstForbiddenInLine("mit\tTab")).isPresent();
    }

    @Test
    void storableTextEscapesWhatCannotBeStoredAndKeepsTheRest() {
        assertThat(TextRules.storable("ok\n\tü \ud83d\ude00")).isEqualTo("ok\n\tü \ud83d\ude00");
        assertThat(TextRules.storable("a\u0000b\ud800c\u001b")).isEqualTo("a\\u0000b\\ud800c\\u001b");
        assertThat(TextRules.firstForbiddenInText(TextRules.storable("\u0000\udfff\u0085"))).isEmpty();
        assertThat(TextRules.storable(null)).isNull();
    }
}
