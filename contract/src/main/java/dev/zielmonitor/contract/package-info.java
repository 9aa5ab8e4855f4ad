/**
 * The message contract of {@code zielmonitor.monthly-figures.v1} (docs/contract): the JSON Schema, the rules between
 * figures that a schema cannot express, and the rejection codes a message is parked under. Used by the command
 * service and by the publishing tool, so both refuse the same messages for the same reasons.
 */
package dev.zielmonitor.contract;
