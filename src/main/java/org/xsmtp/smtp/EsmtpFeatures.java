package org.xsmtp.smtp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The service extensions of an EHLO/LHLO reply, parsed once, as smtplib does: the first line is the
 * server's name, each further line is a keyword (lower-cased) and its parameters; the obsolete
 * {@code AUTH=LOGIN} form and repeated AUTH lines are merged into one {@code auth} entry.
 */
final class EsmtpFeatures {
    static final EsmtpFeatures NONE = new EsmtpFeatures(Map.of());

    private final Map<String, String> features;

    private EsmtpFeatures(Map<String, String> features) {
        this.features = features;
    }

    static EsmtpFeatures parse(String ehloText) {
        Map<String, String> map = new LinkedHashMap<>();
        String[] lines = ehloText.split("\n", -1);
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.regionMatches(true, 0, "auth=", 0, 5)) {
                map.merge("auth", " " + line.substring(5), String::concat);
                continue;
            }
            int end = keywordEnd(line);
            if (end == 0) {
                continue;
            }
            String keyword = line.substring(0, end).toLowerCase(Locale.ROOT);
            String params = line.substring(end).strip();
            if (keyword.equals("auth")) {
                map.merge("auth", " " + params, String::concat);
            } else {
                map.put(keyword, params);
            }
        }
        return new EsmtpFeatures(Collections.unmodifiableMap(map));
    }

    /** Length of the leading {@code [A-Za-z0-9][A-Za-z0-9-]*} keyword, 0 if none. */
    private static int keywordEnd(String line) {
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            boolean alnum = c < 128 && Character.isLetterOrDigit(c);
            if (!(alnum || (c == '-' && i > 0))) {
                break;
            }
            i++;
        }
        return i;
    }

    Map<String, String> asMap() {
        return features;
    }

    boolean has(String name) {
        return features.containsKey(name.toLowerCase(Locale.ROOT));
    }

    String get(String name) {
        return features.get(name.toLowerCase(Locale.ROOT));
    }

    /** @return the SIZE limit the server declared, 0 when it declared none or no SIZE */
    long sizeLimit() {
        String size = features.get("size");
        if (size == null || size.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(size.split("\\s+")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
