/** What every REST endpoint of the query service shares: error responses as problem+json. */
package dev.zielmonitor.query.web;
