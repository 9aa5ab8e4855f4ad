/** What every REST endpoint of the command service shares: error responses as problem+json. */
package dev.zielmonitor.command.web;
