package dev.zielmonitor.query.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The keyed seals over the hash chain (ADR 0010, docs/audit.md); how often they are made is
 * {@code zielmonitor.hash-chain.seal-interval}, read by {@link HashChainSealer}'s schedule.
 *
 * @param keys        {@code <key id>:<base64>[,<older key id>:<base64>…]} (ChainKeys.FORMAT): the first one seals,
 *                    the others only verify seals made before a rotation; required
 * @param publishFile the append-only file that every seal this instance makes is appended to (JSON lines);
 *                    blank: the log only
 */
@ConfigurationProperties("zielmonitor.hash-chain")
record HashChainProperties(String keys, String publishFile) {
}
