package org.sipgateway.plugin.web;

/** Localised page text by i18n key (Openfire's LocaleUtils in the server, a bundle in tests). */
@FunctionalInterface
public interface Texts {
    String get(String key);

    /** The text, or {@code fallback} when the key has no translation. */
    default String getOr(String key, String fallback) {
        final String text = get(key);
        return text == null || text.isEmpty() || text.startsWith("???") ? fallback : text;
    }
}
