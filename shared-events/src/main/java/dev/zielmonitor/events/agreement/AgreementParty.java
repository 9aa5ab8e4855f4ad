package dev.zielmonitor.events.agreement;

/**
 * A party as the document names it, e.g. "Ministerium für Arbeit, Integration und Soziales des Landes
 * Nordrhein-Westfalen", represented by "Staatssekretär" "Dr. Wilhelm Schäffer".
 */
public record AgreementParty(PartyRole role, String organisation, String representativeOffice,
                             String representativeName) {
}
