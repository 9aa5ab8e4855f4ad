/** The local platform: everything Zielmonitor needs on one machine, started by one command, with demo data. */
package dev.zielmonitor.platform;
