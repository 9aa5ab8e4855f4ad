/** Value types shared by every bounded context: who (Jobcenter), when (reporting month), what (indicator). */
package dev.zielmonitor.events.common;
