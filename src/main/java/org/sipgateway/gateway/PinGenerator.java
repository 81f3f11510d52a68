package org.sipgateway.gateway;

import java.security.SecureRandom;

/** Random PINs of a fixed number of digits, never starting with 0 (phones and spreadsheets drop it). */
public final class PinGenerator {
    private final SecureRandom random = new SecureRandom();
    private final int digits;

    public PinGenerator(int digits) {
        if (digits < 4 || digits > 12) {
            throw new IllegalArgumentException("a PIN has 4 to 12 digits, got " + digits);
        }
        this.digits = digits;
    }

    public String next() {
        final StringBuilder pin = new StringBuilder(digits);
        pin.append(1 + random.nextInt(9));
        for (int i = 1; i < digits; i++) {
            pin.append(random.nextInt(10));
        }
        return pin.toString();
    }
}
