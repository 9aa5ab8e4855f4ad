package dev.zielmonitor.query.agreement;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;

/**
 * @param atRiskTolerance how far (percentage points) a December forecast may miss a target level and be "at risk"
 *                        rather than "off track"
 */
@ConfigurationProperties("zielmonitor.attainment")
record AttainmentProperties(@DefaultValue("0.5") BigDecimal atRiskTolerance) {
}
