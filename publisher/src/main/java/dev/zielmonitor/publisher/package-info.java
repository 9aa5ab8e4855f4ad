/**
 * The publishing tool for Jobcenters: monthly figures from CSV or Excel files, mapped to the contract's figure
 * codes by a {@link dev.zielmonitor.publisher.Mapping}, checked with the platform's own contract code, published
 * to {@code zielmonitor.monthly-figures.v1} by {@link dev.zielmonitor.publisher.PublishFiguresCommand}.
 */
package dev.zielmonitor.publisher;
