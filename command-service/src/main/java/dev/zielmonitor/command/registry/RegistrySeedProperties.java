package dev.zielmonitor.command.registry;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param seedNrw register the NRW Jobcenters at start-up (default true) */
@ConfigurationProperties("zielmonitor.registry")
record RegistrySeedProperties(@DefaultValue("true") boolean seedNrw) {
}
