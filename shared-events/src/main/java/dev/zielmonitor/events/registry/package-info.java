/** Events of the Jobcenter registry: which Jobcenters exist, with their carrier type and comparison type. */
package dev.zielmonitor.events.registry;
