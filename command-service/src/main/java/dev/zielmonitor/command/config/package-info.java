/** Technical glue of the command service: Axon settings that deviate from the defaults. */
package dev.zielmonitor.command.config;
