/** Target agreements on the read side: their history, the agreement as known at an instant, and attainment. */
package dev.zielmonitor.query.agreement;
