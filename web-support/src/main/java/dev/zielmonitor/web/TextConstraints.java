package dev.zielmonitor.web;

import dev.zielmonitor.events.common.TextRules;
import jakarta.validation.ConstraintValidatorContext;

import java.util.Optional;

/** The check behind {@link SingleLine} and {@link FreeText}, naming the character it refuses. */
final class TextConstraints {

    private TextConstraints() {
    }

    static boolean valid(String value, boolean multiLine, ConstraintValidatorContext context) {
        Optional<TextRules.Forbidden> forbidden = multiLine ? TextRules.firstForbiddenInText(value)
                : TextRules.firstForbiddenInLine(value);
        if (forbidden.isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate("contains " + forbidden.get().toString()
                .replace("{", "\\{").replace("$", "\\$")).addConstraintViolation();
        return false;
    }
}
