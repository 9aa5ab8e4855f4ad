package dev.zielmonitor.publisher;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the values of a cell the way German spreadsheets write them (docs/publisher.md, "Values"). A value that
 * cannot be read is a {@link ValueProblem} with a German and an English explanation; what it reads is then
 * checked by the contract, so that "-5" is read here and rejected there as negative.
 */
final class Values {

    /** DIN 55301 / statistics-office signs for "unknown or withheld": treated like an empty cell. */
    private static final Set<String> UNKNOWN = Set.of(".", "x", "X", "*", "…", "...", "k. A.", "k.A.");
    /** DIN 55301 "nichts vorhanden": exactly zero. */
    private static final Set<String> NOTHING = Set.of("-", "–", "—");

    private static final Pattern PLAIN = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern GERMAN = Pattern.compile("-?(\\d{1,3}(\\.\\d{3})+|\\d+)(,\\d+)?");
    private static final Pattern THOUSANDS = Pattern.compile("-?\\d{1,3}(\\.\\d{3})+");
    private static final Pattern GERMAN_DATE = Pattern.compile("(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})");
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})(T.*| .*)?");
    private static final Pattern MONTH_ISO = Pattern.compile("(\\d{4})-(\\d{1,2})");
    private static final Pattern MONTH_GERMAN = Pattern.compile("(\\d{1,2})[./-](\\d{4})");
    private static final Pattern MONTH_COMPACT = Pattern.compile("(\\d{4})(\\d{2})");
    private static final Pattern MONTH_NAMED = Pattern.compile("(\\p{L}+)\\.?\\s*(\\d{4})");
    private static final Map<String, Integer> MONTH_NAMES = Map.ofEntries(
            Map.entry("januar", 1), Map.entry("jan", 1), Map.entry("jänner", 1), Map.entry("februar", 2),
            Map.entry("feb", 2), Map.entry("märz", 3), Map.entry("maerz", 3), Map.entry("mär", 3),
            Map.entry("mrz", 3), Map.entry("april", 4), Map.entry("apr", 4), Map.entry("mai", 5),
            Map.entry("juni", 6), Map.entry("jun", 6), Map.entry("juli", 7), Map.entry("jul", 7),
            Map.entry("august", 8), Map.entry("aug", 8), Map.entry("september", 9), Map.entry("sep", 9),
            Map.entry("sept", 9), Map.entry("oktober", 10), Map.entry("okt", 10), Map.entry("november", 11),
            Map.entry("nov", 11), Map.entry("dezember", 12), Map.entry("dez", 12));

    private Values() {
    }

    /** Thrown for a value that cannot be read; the report shows both texts. */
    static final class ValueProblem extends RuntimeException {
        private final String german;

        ValueProblem(String german, String english) {
            super(english);
            this.german = german;
        }

        String german() {
            return german;
        }
    }

    /** A number, or {@code null} for an unknown one (empty cell, ".", "x", "*"). */
    static BigDecimal number(Cell cell) {
        if (cell.number() != null) {
            return cell.number();
        }
        String text = cell.text().replace('\u00A0', ' ').replace('\u202F', ' ').replace(" ", "").strip();
        if (text.isEmpty() || UNKNOWN.contains(text)) {
            return null;
        }
        if (NOTHING.contains(text)) {
            return BigDecimal.ZERO;
        }
        text = text.replace('−', '-');
        if (text.contains(",")) {
            if (GERMAN.matcher(text).matches()) {
                return new BigDecimal(text.replace(".", "").replace(',', '.'));
            }
        } else if (THOUSANDS.matcher(text).matches()) {
            return new BigDecimal(text.replace(".", ""));
        } else if (PLAIN.matcher(text).matches()) {
            return new BigDecimal(text);
        }
        throw new ValueProblem("„" + cell.shown() + "“ ist keine Zahl. Erlaubt sind z. B. 10712, 10.712, "
                + "3.541.234,50 oder 3541234.50; leer, „.“, „x“ oder „*“ heißt unbekannt, „-“ heißt null.",
                "'" + cell.shown() + "' is not a number. Accepted are e.g. 10712, 10.712, 3.541.234,50 or "
                        + "3541234.50; empty, '.', 'x' or '*' mean unknown, '-' means zero.");
    }

    /** A date: a date cell, TT.MM.JJJJ or JJJJ-MM-TT; {@code null} for an empty cell. */
    static LocalDate date(Cell cell) {
        if (cell.isBlank()) {
            return null;
        }
        if (cell.date() != null) {
            return cell.date();
        }
        String text = cell.text().strip();
        try {
            Matcher german = GERMAN_DATE.matcher(text);
            if (german.matches()) {
                return LocalDate.of(Integer.parseInt(german.group(3)), Integer.parseInt(german.group(2)),
                        Integer.parseInt(german.group(1)));
            }
            Matcher iso = ISO_DATE.matcher(text);
            if (iso.matches()) {
                return LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
                        Integer.parseInt(iso.group(3)));
            }
        } catch (DateTimeException e) {
            throw new ValueProblem("„" + cell.shown() + "“ ist kein Kalenderdatum.",
                    "'" + cell.shown() + "' is not a calendar date.");
        }
        throw new ValueProblem("„" + cell.shown() + "“ ist kein Datum. Erlaubt sind TT.MM.JJJJ (30.06.2014), "
                + "JJJJ-MM-TT (2014-06-30) oder eine Datumszelle.", "'" + cell.shown() + "' is not a date. "
                + "Accepted are DD.MM.YYYY (30.06.2014), YYYY-MM-DD (2014-06-30) or a date cell.");
    }

    /** A month: 2014-03, 03.2014, 03/2014, 201403, März 2014, a date or a date cell; {@code null} if empty. */
    static YearMonth month(Cell cell) {
        if (cell.isBlank()) {
            return null;
        }
        String text = cell.text().strip();
        if (cell.number() != null) {
            // 201403 typed as a number, else a date cell
            Matcher compact = MONTH_COMPACT.matcher(text);
            if (compact.matches() && validMonth(compact.group(2))) {
                return YearMonth.of(Integer.parseInt(compact.group(1)), Integer.parseInt(compact.group(2)));
            }
            if (cell.date() != null) {
                return YearMonth.from(cell.date());
            }
        }
        try {
            Matcher m;
            if ((m = MONTH_ISO.matcher(text)).matches()) {
                return YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
            if ((m = MONTH_GERMAN.matcher(text)).matches()) {
                return YearMonth.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)));
            }
            if ((m = MONTH_COMPACT.matcher(text)).matches()) {
                return YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            }
            if ((m = MONTH_NAMED.matcher(text)).matches()) {
                Integer month = MONTH_NAMES.get(m.group(1).toLowerCase(Locale.GERMAN));
                if (month != null) {
                    return YearMonth.of(Integer.parseInt(m.group(2)), month);
                }
            }
            if (GERMAN_DATE.matcher(text).matches() || ISO_DATE.matcher(text).matches()) {
                return YearMonth.from(date(cell));
            }
        } catch (DateTimeException e) {
            // reported below
        }
        throw new ValueProblem("„" + cell.shown() + "“ ist kein Monat. Erlaubt sind z. B. 2014-03, 03.2014, "
                + "03/2014, 201403, März 2014 oder ein Datum.", "'" + cell.shown() + "' is not a month. Accepted "
                + "are e.g. 2014-03, 03.2014, 03/2014, 201403, März 2014 or a date.");
    }

    private static boolean validMonth(String month) {
        int m = Integer.parseInt(month);
        return m >= 1 && m <= 12;
    }

    /**
     * The Jobcenter id as text. Excel drops the leading zero of "05122" when it takes it for a number, so four
     * digits get it back; anything else is passed on for the contract to judge.
     */
    static String jobcenterId(Cell cell) {
        String text = cell.text().strip();
        if (cell.number() != null && cell.number().scale() <= 0) {
            text = cell.number().toBigInteger().toString();
        }
        return text.matches("\\d{4}") ? "0" + text : text;
    }

    /** Text as written, trimmed; {@code null} for an empty cell. */
    static String text(Cell cell) {
        String text = cell.text().strip();
        return text.isEmpty() ? null : text;
    }
}
