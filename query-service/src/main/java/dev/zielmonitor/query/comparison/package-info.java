/** Rankings of Jobcenters by an indicator within a Land or a comparison type (Vergleichstyp). */
package dev.zielmonitor.query.comparison;
