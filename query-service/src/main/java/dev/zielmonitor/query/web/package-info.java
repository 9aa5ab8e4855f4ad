/**
 * How the command-line tools call the query API ({@link dev.zielmonitor.query.web.ApiCredentials}); the API's error
 * answers are web-support's one problem+json mapping.
 */
package dev.zielmonitor.query.web;
