package dev.zielmonitor.platform.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Realistic monthly-figures messages for all 404 German Jobcenters over a number of years: every month's
 * figures, then a share of corrections (a later data status, one figure revised, with a reason) and a share of
 * bad messages of several kinds. All synthetic; deterministic for a seed.
 */
public final class LoadGenerator {

    /** Germany has about 404 Jobcenters; NRW's 53 are registered by the platform, the rest by the benchmark. */
    public static final int JOBCENTERS = 404;

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Message(String key, byte[] value, Kind kind) {
    }

    public enum Kind { FIGURES, CORRECTION, BAD }

    private final List<String> jobcenterIds;
    private final int firstYear;
    private final int years;
    private final double correctionShare;
    private final double badShare;
    private final Random random;

    public LoadGenerator(List<String> jobcenterIds, int firstYear, int years, double correctionShare, double badShare,
                         long seed) {
        // a data status after the receiving day is refused (FUTURE_DATA_STATUS): every good message must lie in the past
        YearMonth lastCorrected = YearMonth.of(firstYear, 1).plusMonths(years * 12L - 1).plusMonths(6);
        if (lastCorrected.atEndOfMonth().isAfter(java.time.LocalDate.now())) {
            throw new IllegalArgumentException("figures of " + firstYear + " and " + (years - 1) + " years after would "
                    + "have data statuses up to " + lastCorrected.atEndOfMonth() + ", after today: they are refused");
        }
        this.jobcenterIds = List.copyOf(jobcenterIds);
        this.firstYear = firstYear;
        this.years = years;
        this.correctionShare = correctionShare;
        this.badShare = badShare;
        this.random = new Random(seed);
    }

    /** NRW's district keys first, then synthetic keys of other Länder (prefix 01–16 but 05) up to 404 in all. */
    public static List<String> germanJobcenterIds(List<String> nrw) {
        List<String> ids = new ArrayList<>(nrw);
        int land = 1;
        int number = 1;
        while (ids.size() < JOBCENTERS) {
            if (land == 5) {
                land++;
            }
            ids.add("%02d%03d".formatted(land, 900 + number));
            number++;
            if (number > 60) {
                number = 1;
                land = land % 16 + 1;
            }
        }
        return ids;
    }

    /** Monthly messages in month order (as they would arrive), corrections and bad ones mixed in. */
    public List<Message> messages() {
        List<Message> messages = new ArrayList<>();
        List<Message> corrections = new ArrayList<>();
        for (int m = 0; m < years * 12; m++) {
            YearMonth month = YearMonth.of(firstYear, 1).plusMonths(m);
            for (int j = 0; j < jobcenterIds.size(); j++) {
                String id = jobcenterIds.get(j);
                double size = 0.3 + (j % 37) / 6.0;
                messages.add(new Message(id, figures(id, month, size, month.plusMonths(3).atEndOfMonth().toString(),
                        0, null), Kind.FIGURES));
                if (random.nextDouble() < correctionShare) {
                    corrections.add(new Message(id, figures(id, month, size,
                            month.plusMonths(6).atEndOfMonth().toString(), 1 + random.nextInt(40),
                            "Revision der Statistik (synthetisch)"), Kind.CORRECTION));
                }
                if (random.nextDouble() < badShare) {
                    messages.add(bad(id, month));
                }
            }
            // corrections of a month arrive a few months later
            if (m % 3 == 2) {
                messages.addAll(corrections);
                corrections.clear();
            }
        }
        messages.addAll(corrections);
        return messages;
    }

    private byte[] figures(String id, YearMonth month, double size, String dataStatus, int revision, String reason) {
        long elb = Math.round(10_700 * size * (1 + 0.01 * Math.sin(month.getMonthValue())));
        long ints = Math.round(elb * 0.0175);
        long lzb = Math.round(elb * 0.65);
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", 1);
        root.put("messageId", UUID.nameUUIDFromBytes((id + month + dataStatus).getBytes(StandardCharsets.UTF_8))
                .toString());
        root.put("jobcenterId", id);
        root.put("reportingMonth", month.toString());
        root.put("dataStatus", dataStatus);
        root.put("source", "BA_STATISTIK");
        ObjectNode f = root.putObject("figures");
        long female = Math.round(elb * 0.495);
        f.putObject("ELB").put("total", elb).put("female", female).put("male", elb - female);
        f.putObject("ELB_IN").put("total", Math.round(elb * 0.038));
        f.putObject("ELB_OUT").put("total", Math.round(elb * 0.037));
        long intFemale = Math.round(ints * 0.38);
        f.putObject("INT").put("total", ints).put("female", intFemale).put("male", ints - intFemale);
        f.putObject("INT_MARGINAL").put("total", Math.round(ints * 0.27));
        f.putObject("INT_PUBLIC").put("total", Math.round(ints * 0.09));
        f.putObject("INT_CONTINUOUS").put("total", Math.round(ints * 0.61));
        f.putObject("ELB_SINGLE_PARENT").put("total", Math.round(elb * 0.126));
        f.putObject("INT_SINGLE_PARENT").put("total", Math.round(ints * 0.085));
        f.putObject("LZB").put("total", lzb);
        f.putObject("LZB_IN").put("total", Math.round(lzb * 0.021));
        f.putObject("LZB_OUT").put("total", Math.round(lzb * 0.023));
        f.putObject("INT_LZB").put("total", Math.round(ints * 0.44));
        f.putObject("LZB_ACTIVATED").put("total", Math.round(lzb * 0.205) + revision);
        f.putObject("LLU_EUR").put("total", String.format(java.util.Locale.ROOT, "%.2f", elb * 331.17));
        f.putObject("LUH_EUR").put("total", String.format(java.util.Locale.ROOT, "%.2f", elb * 206.43));
        if (reason != null) {
            root.putObject("correction").put("reason", reason);
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Message bad(String id, YearMonth month) {
        String valid = new String(figures(id, month, 1.0, month.plusMonths(3).atEndOfMonth().toString(), 0, null),
                StandardCharsets.UTF_8);
        String text = switch (random.nextInt(5)) {
            case 0 -> valid.substring(0, valid.length() / 2);                      // truncated JSON
            case 1 -> valid.replace("\"schemaVersion\":1", "\"schemaVersion\":7"); // unknown version
            case 2 -> valid.replace("\"ELB_IN\":{\"total\":", "\"ELB_IN\":{\"total\":-");    // negative
            case 3 -> valid.replaceFirst("\"dataStatus\":\"[0-9-]+\"", "\"dataStatus\":\"2000-01-31\""); // month after it
            default -> valid.replace("\"source\"", "\"unknownField\":true,\"source\""); // unknown field
        };
        return new Message(id, text.getBytes(StandardCharsets.UTF_8), Kind.BAD);
    }
}
