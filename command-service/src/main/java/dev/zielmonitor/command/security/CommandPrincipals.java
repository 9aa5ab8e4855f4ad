package dev.zielmonitor.command.security;

import dev.zielmonitor.access.Caller;
import dev.zielmonitor.events.reporting.Provenance;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Every command carries the principal that caused it in its metadata ({@link Provenance#PRINCIPAL}), and from there
 * every event it produces (ProvenanceConfiguration). Commands sent while serving a request get the authenticated
 * caller's name; the service's own work names itself ({@link #KAFKA_INGESTION}, {@link #REGISTRY_SEED}). A command
 * that reaches its handler without a principal is refused.
 */
@Configuration(proxyBeanMethods = false)
public class CommandPrincipals {

    /** Commands for the monthly figures read from Kafka (the producer's identity is the broker's business). */
    public static final String KAFKA_INGESTION = "system:kafka-ingestion";
    /** The registration of the NRW Jobcenters at start-up. */
    public static final String REGISTRY_SEED = "system:registry-seed";

    /** Adds the authenticated caller where the sender has not named a principal. */
    @Bean
    MessageDispatchInterceptor<CommandMessage<?>> principalFromCaller() {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
                    List<? extends CommandMessage<?>> messages) {
                return (index, command) -> {
                    if (principal(command.getMetaData()).isPresent()) {
                        return command;
                    }
                    return Caller.current()
                            .<CommandMessage<?>>map(caller -> command.andMetaData(
                                    MetaData.with(Provenance.PRINCIPAL, caller.name())))
                            .orElse(command);
                };
            }
        };
    }

    /** Refuses a command without a principal, however it was sent. */
    @Bean
    MessageHandlerInterceptor<CommandMessage<?>> principalRequired() {
        return (unitOfWork, chain) -> {
            CommandMessage<?> command = unitOfWork.getMessage();
            if (principal(command.getMetaData()).isEmpty()) {
                throw new MissingPrincipalException(command.getCommandName());
            }
            return chain.proceed();
        };
    }

    static Optional<String> principal(MetaData metaData) {
        Object principal = metaData.get(Provenance.PRINCIPAL);
        return principal instanceof String name && !name.isBlank() ? Optional.of(name) : Optional.empty();
    }

    /** A command that names nobody as its cause. */
    public static final class MissingPrincipalException extends IllegalStateException {
        MissingPrincipalException(String command) {
            super("Refused " + command + ": the command carries no principal in its metadata");
        }
    }
}
