package dev.zielmonitor.command.registry;

import dev.zielmonitor.events.common.CarrierType;
import dev.zielmonitor.events.common.JobcenterId;
import dev.zielmonitor.command.security.CommandPrincipals;
import dev.zielmonitor.events.reporting.Provenance;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Registers the 53 NRW Jobcenters from {@code registry/jobcenters-nw.csv} (names, keys and carrier types from
 * public sources) at start-up, before the monthly-figures topic is consumed. Registration is idempotent, so a restart adds nothing. Comparison types are not
 * in the file and are left empty rather than invented.
 */
@Component
class NrwJobcenterSeed {

    static final String RESOURCE = "registry/jobcenters-nw.csv";
    private static final Logger log = LoggerFactory.getLogger(NrwJobcenterSeed.class);

    private final CommandGateway commandGateway;
    private final RegistrySeedProperties properties;

    NrwJobcenterSeed(CommandGateway commandGateway, RegistrySeedProperties properties) {
        this.commandGateway = commandGateway;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    void seed() {
        if (!properties.seedNrw()) {
            return;
        }
        int registered = 0;
        List<RegisterJobcenterCommand> commands = read();
        for (RegisterJobcenterCommand command : commands) {
            if (commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(
                    Map.of(Provenance.PRINCIPAL, CommandPrincipals.REGISTRY_SEED)))
                    == Jobcenter.RegistrationOutcome.REGISTERED) {
                registered++;
            }
        }
        log.info("Jobcenter registry: {} of {} NRW Jobcenters newly registered", registered, commands.size());
    }

    static List<RegisterJobcenterCommand> read() {
        List<RegisterJobcenterCommand> commands = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new ClassPathResource(RESOURCE).getInputStream(), StandardCharsets.UTF_8))) {
            String header = in.readLine();
            if (header == null || !header.replace("\uFEFF", "").equals("id;name;land;carrier_type")) {
                throw new IllegalStateException(RESOURCE + " must start with the header id;name;land;carrier_type");
            }
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(";", -1);
                if (cells.length != 4) {
                    throw new IllegalStateException(RESOURCE + ": expected 4 cells in '" + line + "'");
                }
                commands.add(new RegisterJobcenterCommand(JobcenterId.of(cells[0].strip()), cells[1].strip(),
                        cells[2].strip(), CarrierType.fromCode(cells[3].strip()), null, null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE, e);
        }
        return commands;
    }
}
