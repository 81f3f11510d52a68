package org.sipgateway.plugin;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.jivesoftware.util.JiveGlobals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes settings as Openfire's system properties (admin console: Server > System Properties). Secrets
 * are stored with Openfire's property encryption (AES in the ofProperty table, the key in Openfire's own config)
 * where this Openfire has it; reading them gives the plain value back. Looked up reflectively: a release without the
 * API stores them as plain properties, as before.
 */
public final class OpenfireProperties implements PropertyStore {
    private static final Logger LOG = LoggerFactory.getLogger(OpenfireProperties.class);
    private static final Method SET_ENCRYPTED = jiveGlobals("setProperty", String.class, String.class, boolean.class);
    private static final Method IS_ENCRYPTED = jiveGlobals("isPropertyEncrypted", String.class);
    private static final Method MARK_ENCRYPTED = jiveGlobals("setPropertyEncrypted", String.class, boolean.class);

    @Override
    public String get(String name) {
        return JiveGlobals.getProperty(name);
    }

    @Override
    public void set(String name, String value) {
        if (isSecret(name) && SET_ENCRYPTED != null && call(SET_ENCRYPTED, name, value, true)) {
            return;
        }
        JiveGlobals.setProperty(name, value);
    }

    @Override
    public void delete(String name) {
        JiveGlobals.deleteProperty(name);
    }

    /** Whether encrypted storage works here (Openfire 4.2.0 already has it; every later release so far too). */
    static boolean encryptionAvailable() {
        return SET_ENCRYPTED != null && IS_ENCRYPTED != null && MARK_ENCRYPTED != null;
    }

    /**
     * Stores a secret encrypted when it was written in plain text (by the harness, a script, or Openfire's System
     * Properties page without its encrypt box). Returns true when it re-stored it.
     */
    static boolean encryptIfPlain(String name) {
        if (!isSecret(name) || !encryptionAvailable() || JiveGlobals.getProperty(name) == null) {
            return false;
        }
        try {
            return !(Boolean) IS_ENCRYPTED.invoke(null, name) && (Boolean) MARK_ENCRYPTED.invoke(null, name, true);
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            LOG.warn("Could not encrypt the stored value of {}: {}", name, e.toString());
            return false;
        }
    }

    /** Encrypts every secret setting that is stored in plain text; at plugin start. */
    static void encryptStoredSecrets() {
        if (!encryptionAvailable()) {
            LOG.warn("This Openfire offers no encrypted properties: passwords and secrets are stored in plain text");
            return;
        }
        for (SettingKey<?> key : Settings.ALL) {
            if (encryptIfPlain(key.name())) {
                LOG.info("Stored {} encrypted", key.name());
            }
        }
    }

    private static boolean isSecret(String name) {
        return Settings.key(name).map(SettingKey::isSecret).orElse(false);
    }

    private static boolean call(Method method, Object... args) {
        try {
            method.invoke(null, args);
            return true;
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            LOG.warn("Encrypted property API failed ({}): storing in plain text", e.toString());
            return false;
        }
    }

    private static Method jiveGlobals(String name, Class<?>... parameters) {
        try {
            return JiveGlobals.class.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
