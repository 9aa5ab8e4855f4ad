package dev.zielmonitor.access;

/** What a {@link Role#JOBCENTER} user may do at one endpoint (a column of the policy table in docs/security.md). */
public enum JobcenterAccess {
    /** Refused (403). */
    NONE("–"),
    /** Only when the path names the user's own Jobcenter ({@code {jobcenterId}} or an agreement id starting with it). */
    OWN("own"),
    /** Allowed; the answer holds the user's own Jobcenter's rows only. */
    OWN_ROWS("own rows"),
    /** Allowed; other Jobcenters appear without name or id. */
    ANONYMISED("anonymised"),
    /** Allowed, like any other reader. */
    ALL("✓");

    private final String cell;

    JobcenterAccess(String cell) {
        this.cell = cell;
    }

    /** How docs/security.md writes it. */
    public String cell() {
        return cell;
    }
}
