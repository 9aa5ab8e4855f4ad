package dev.zielmonitor.events.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Who runs a Jobcenter: a joint institution with the Federal Employment Agency, or the municipality alone. */
public enum CarrierType {
    /** gemeinsame Einrichtung */
    GE("gE"),
    /** zugelassener kommunaler Träger */
    ZKT("zkT");

    private final String code;

    CarrierType(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static CarrierType fromCode(String code) {
        for (CarrierType type : values()) {
            if (type.code.equalsIgnoreCase(code) || type.name().equalsIgnoreCase(code)) {
                return type;
            }
        }
        throw new IllegalArgumentException("carrier type must be gE or zkT, got '" + code + "'");
    }
}
