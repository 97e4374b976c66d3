package org.xsmtp.provider;

import jakarta.mail.MessagingException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Reads {@code mail.<protocol>.<name>}, falling back to {@code mail.<fallback>.<name>} (Angus's prefix) when
 * the first is unset. Values may be strings or, as Angus allows, {@link Boolean} and {@link Number} objects;
 * strings held in the {@link Properties} object's defaults count too.
 * A value that does not parse is a {@link MessagingException} naming the property that held it.
 */
final class ProviderProperties {
    private final Properties props;
    private final String protocol;
    private final String fallback;

    ProviderProperties(Properties props, String protocol, String fallback) {
        this.props = props;
        this.protocol = protocol;
        this.fallback = fallback;
    }

    /** @return the protocol this transport answers to, as in {@code mail.<protocol>.*} */
    String protocol() {
        return protocol;
    }

    /** @return the name of the property that holds {@code name}: the protocol's own if set, else the fallback */
    String key(String name) {
        String own = "mail." + protocol + "." + name;
        return value(own) != null ? own : "mail." + fallback + "." + name;
    }

    Object object(String name) {
        return value(key(name));
    }

    /**
     * An object value set directly, else a string from the {@link Properties#Properties(Properties) defaults}
     * chain, as Angus reads them: settings wrapped in {@code new Properties(base)} are still seen.
     */
    private Object value(String fullName) {
        Object direct = props.get(fullName);
        return direct != null ? direct : props.getProperty(fullName);
    }

    /** @return the trimmed value, or null when unset or blank */
    String string(String name) {
        Object value = object(name);
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : text;
    }

    boolean bool(String name, boolean dflt) throws MessagingException {
        Object value = object(name);
        if (value instanceof Boolean b) {
            return b;
        }
        String text = string(name);
        if (text == null) {
            return dflt;
        }
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw invalid(name, text, "true or false");
    }

    /** @return the integer value, or {@code dflt} when unset */
    int integer(String name, int dflt) throws MessagingException {
        Object value = object(name);
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        String text = string(name);
        if (text == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw invalid(name, text, "an integer");
        }
    }

    /** @return the whitespace-separated words (commas too, as Angus lists are written either way), or null */
    List<String> words(String name) {
        String text = string(name);
        return text == null ? null : Arrays.stream(text.split("[\\s,]+")).filter(w -> !w.isEmpty()).toList();
    }

    /** @return the upper-case value when it is one of {@code allowed}, null when unset */
    String oneOf(String name, String... allowed) throws MessagingException {
        String text = string(name);
        if (text == null) {
            return null;
        }
        String upper = text.toUpperCase(Locale.ROOT);
        if (Arrays.asList(allowed).contains(upper)) {
            return upper;
        }
        throw invalid(name, text, "one of " + String.join(", ", allowed));
    }

    MessagingException invalid(String name, Object value, String expected) {
        return new MessagingException("invalid value '" + value + "' for property " + key(name) + ": expected "
                + expected);
    }
}
