package org.sipgateway.gateway.ivr;

import java.util.Locale;

/** The prompts the IVR plays; each is a file {@code <file name>} shipped per language and replaceable by the admin. */
public enum PromptName {
    ENTER_PIN, WRONG_PIN, ENTER_PASSWORD, WRONG_PASSWORD, JOINING, GOODBYE;

    /** The file name, e.g. {@code enter-pin.wav}. */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-') + ".wav";
    }
}
