package dev.zielmonitor.contract;

/** A message that breaks the contract, with the code it is parked under and a readable reason. */
public class ContractViolationException extends RuntimeException {

    private final RejectionCode code;

    public ContractViolationException(RejectionCode code, String reason) {
        super(reason);
        this.code = code;
    }

    public RejectionCode code() {
        return code;
    }
}
