package org.sipgateway.sip.registration;

/** Told about every registration state change (called on a timer thread; keep it quick). */
@FunctionalInterface
public interface RegistrationListener {
    void onStateChanged(RegistrationClient client, RegistrationState state);
}
