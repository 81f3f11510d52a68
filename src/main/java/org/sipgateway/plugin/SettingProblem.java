package org.sipgateway.plugin;

/** A setting whose value was rejected: the property name, the value given, why, and what is used instead. */
public record SettingProblem(String name, String value, String reason, String defaultUsed) {
    public String message() {
        return "Setting " + name + "=\"" + value + "\" is invalid (" + reason + "); using the default \""
                + defaultUsed + "\"";
    }
}
