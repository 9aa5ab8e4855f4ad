package dev.zielmonitor.query.updates;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How live updates are sent.
 *
 * @param queueSize updates waiting for one stream before it is dropped (a browser that falls this far behind
 *                  reconnects and reloads, which costs less than remembering everything it missed). A projection
 *                  announces a whole batch at once after its commit (monthly-figures: 500 events per batch, two
 *                  segments), so a browser that reads at once still sees bursts of 1,000; the default holds two such
 *                  bursts, a few hundred KB per stream at most
 * @param senders   threads that write to the streams; a stream whose browser does not read holds one of them until
 *                  the write times out, the others keep serving the rest
 */
@ConfigurationProperties("zielmonitor.updates")
record UpdatesProperties(@DefaultValue("2048") int queueSize, @DefaultValue("4") int senders) {

    UpdatesProperties {
        if (queueSize < 1 || senders < 1) {
            throw new IllegalArgumentException("zielmonitor.updates.queue-size and .senders must be at least 1");
        }
    }
}
