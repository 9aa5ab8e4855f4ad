package dev.zielmonitor.publisher;

import dev.zielmonitor.contract.ContractViolation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The German explanation of a contract violation; the English one is the contract's own reason. */
final class ViolationTexts {

    /** The contract's reasons for the two rules (FigureRules), to give their numbers in German too. */
    private static final Pattern GENDER = Pattern.compile("(\\w+): female \\+ male = (\\S+) exceeds total (\\S+)");
    private static final Pattern SUBPOPULATION = Pattern.compile("(\\w+ \\(\\S+\\)) exceeds (\\w+ \\(\\S+\\))");

    private ViolationTexts() {
    }

    static String german(ContractViolation violation) {
        String pointer = violation.pointer();
        return switch (violation.code()) {
            case MISSING_FIELD -> pointer.startsWith("/figures/")
                    ? "Die Gesamtzahl fehlt, obwohl Frauen oder Männer angegeben sind."
                    : "Pflichtangabe fehlt.";
            case MONTH_AFTER_DATA_STATUS -> "Der Berichtsmonat liegt nach dem Datenstand.";
            case GENDER_SPLIT_EXCEEDS_TOTAL -> {
                Matcher m = GENDER.matcher(violation.reason());
                yield m.matches() ? m.group(1) + ": Frauen + Männer = " + m.group(2) + " ist mehr als die Gesamtzahl "
                        + m.group(3) + "." : "Frauen und Männer zusammen sind mehr als die Gesamtzahl.";
            }
            case SUBPOPULATION_EXCEEDS_POPULATION -> {
                Matcher m = SUBPOPULATION.matcher(violation.reason());
                yield (m.matches() ? m.group(1) + " ist größer als " + m.group(2) + ", " : "")
                        + "eine Teilgruppe kann nicht größer sein als die Gruppe, zu der sie gehört.";
            }
            case MESSAGE_TOO_LARGE -> "Die Zeile ergibt eine zu große Nachricht (höchstens 64 KiB).";
            case KEY_MISMATCH -> "Schlüssel und Jobcenter-Kennung weichen ab.";
            case INVALID_VALUE -> invalidValue(violation.rule(), pointer);
            default -> "Die Zeile entspricht nicht dem Vertrag.";
        };
    }

    private static String invalidValue(String rule, String pointer) {
        boolean amount = pointer.matches("/figures/[A-Z_]+_EUR(/.*)?");
        boolean figure = pointer.startsWith("/figures/");
        return switch (rule) {
            case "minimum", "exclusiveMinimum" -> "Der Wert darf nicht negativ sein.";
            case "type" -> figure && !amount ? "Eine Anzahl muss eine ganze Zahl sein." : "Falscher Datentyp.";
            case "maximum" -> "Der Wert ist unplausibel groß.";
            case "maxLength" -> "Der Text ist zu lang (höchstens 2000 Zeichen).";
            case "minProperties" -> "Die Zeile enthält keine einzige Kennzahl.";
            case "pattern", "format" -> switch (pointer) {
                case "/jobcenterId" -> "Die Jobcenter-Kennung muss aus fünf Ziffern bestehen (Regionalschlüssel, "
                        + "z. B. 05122).";
                case "/source" -> "Die Quelle muss mit einem Großbuchstaben beginnen und darf nur Großbuchstaben, "
                        + "Ziffern und _ enthalten (z. B. BA_STATISTIK).";
                case "/reportingMonth" -> "Der Berichtsmonat liegt außerhalb der Jahre 1900 bis 2099.";
                case "/dataStatus" -> "Der Datenstand ist kein gültiges Datum zwischen 1900 und 2099.";
                default -> amount ? "Ein Betrag muss eine nicht negative Zahl mit höchstens zwei Nachkommastellen "
                        + "sein." : "Der Wert hat nicht die erwartete Form.";
            };
            default -> "Der Wert entspricht nicht dem Vertrag.";
        };
    }
}
