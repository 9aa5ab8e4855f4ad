/**
 * Technical glue of the command service: Axon settings that deviate from the defaults, and how the command
 * gateway's failures reach web-support's problem mapping.
 */
package dev.zielmonitor.command.config;
