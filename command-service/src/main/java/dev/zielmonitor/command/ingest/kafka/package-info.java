/** Ingestion of the monthly-figures Kafka topic (contract.md): contract messages in, commands out, rejects parked. */
package dev.zielmonitor.command.ingest.kafka;
