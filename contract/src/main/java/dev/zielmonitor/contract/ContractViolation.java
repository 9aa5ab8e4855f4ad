package dev.zielmonitor.contract;

/**
 * One way a message breaks the contract, located in the message, for tools that report every problem of a
 * message rather than park it under the first.
 *
 * @param code    the code the platform would park the message under
 * @param pointer JSON pointer of the offending value, e.g. {@code /figures/ELB/female}; {@code ""} for the
 *                message as a whole
 * @param rule    the JSON Schema keyword that failed (e.g. {@code minimum}, {@code pattern}, {@code required}),
 *                or the code's name for the rules beyond the schema
 * @param reason  readable reason, English
 */
public record ContractViolation(RejectionCode code, String pointer, String rule, String reason) {

    public ContractViolationException asException() {
        return new ContractViolationException(code, reason);
    }
}
