package dev.zielmonitor.events.common;

import java.util.Optional;

/**
 * What text may cross the boundary into an event: Unicode without control characters (PostgreSQL cannot store
 * U+0000 in {@code text} or {@code jsonb}, terminals and CSV readers misread the others) and without lone
 * surrogates (they are not Unicode, and UTF-8 cannot encode them). Free text may contain tab, line feed and
 * carriage return; a line (names, titles, ids) may not. One definition for the Kafka contract and the REST API.
 */
public final class TextRules {

    private TextRules() {
    }

    /** A character that may not stand in the text, with its position (in UTF-16 units) and why. */
    public record Forbidden(int index, String codePoint, String why) {
        @Override
        public String toString() {
            return codePoint + " at position " + index + " (" + why + ")";
        }
    }

    /** The first character that free text (tab and line breaks allowed) may not contain. */
    public static Optional<Forbidden> firstForbiddenInText(String text) {
        return firstForbidden(text, true);
    }

    /** The first character that a single line may not contain. */
    public static Optional<Forbidden> firstForbiddenInLine(String text) {
        return firstForbidden(text, false);
    }

    private static Optional<Forbidden> firstForbidden(String text, boolean multiLine) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                return Optional.of(new Forbidden(i, codePoint(c), "a lone surrogate is not Unicode text"));
            }
            if (multiLine && (c == '\t' || c == '\n' || c == '\r')) {
                continue;
            }
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return Optional.of(new Forbidden(i, codePoint(c), c == 0 ? "NUL cannot be stored"
                        : multiLine ? "a control character other than tab or a line break"
                        : "a control character; this field is one line"));
            }
        }
        return Optional.empty();
    }

    /**
     * The text with every character that {@link #firstForbiddenInText} refuses replaced by its {@code \}{@code uXXXX}
     * escape: for what must be stored although it came from outside (a parked record's key and reason), so that
     * storing it cannot fail and nothing is silently dropped.
     */
    public static String storable(String text) {
        if (text == null || firstForbiddenInText(text).isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c) || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                    || (c >= 0x7f && c <= 0x9f)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
