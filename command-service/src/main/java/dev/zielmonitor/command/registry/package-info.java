/** The Jobcenter registry: which Jobcenters exist, seeded with NRW's 53 and open to more over REST. */
package dev.zielmonitor.command.registry;
