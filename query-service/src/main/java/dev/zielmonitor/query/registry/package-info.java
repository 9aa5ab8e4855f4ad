/** The Jobcenter registry as read model and API: which Jobcenters exist, of which carrier and Land. */
package dev.zielmonitor.query.registry;
