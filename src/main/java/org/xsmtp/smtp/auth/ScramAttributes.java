package org.xsmtp.smtp.auth;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.security.sasl.SaslException;

/**
 * A SCRAM server message split into its attributes, the comma-separated {@code letter=value} pairs of
 * RFC 5802 section 5.1, kept in order.
 */
final class ScramAttributes {

    private final String text;
    private final String messageName;
    private final List<String> attributes;

    private ScramAttributes(String text, String messageName, List<String> attributes) {
        this.text = text;
        this.messageName = messageName;
        this.attributes = attributes;
    }

    /**
     * Decodes and splits a server message.
     *
     * @param message the raw message
     * @param messageName the message's name ("server-first message"), for error messages
     * @return the attributes
     * @throws SaslException if the message is not UTF-8 or not a list of {@code letter=value} pairs
     */
    static ScramAttributes parse(byte[] message, String messageName) throws SaslException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(message)).toString();
        } catch (CharacterCodingException e) {
            throw failure("the " + messageName + " is not valid UTF-8");
        }
        if (text.isEmpty()) {
            throw failure("the server sent an empty " + messageName);
        }
        List<String> attributes = List.of(text.split(",", -1));
        for (String attribute : attributes) {
            if (attribute.length() < 2 || !isAsciiLetter(attribute.charAt(0)) || attribute.charAt(1) != '=') {
                throw failure("the " + messageName + " is malformed (expected letter=value attributes)");
            }
        }
        return new ScramAttributes(text, messageName, attributes);
    }

    /**
     * Returns the message exactly as received, decoded.
     *
     * @return the message text
     */
    String text() {
        return text;
    }

    /**
     * Tells whether the attribute at {@code index} exists and has the given name.
     *
     * @param index the attribute's position, from 0
     * @param name the attribute letter
     * @return {@code true} if it is there
     */
    boolean has(int index, char name) {
        return index < attributes.size() && attributes.get(index).charAt(0) == name;
    }

    /**
     * Returns the value of the attribute that the grammar puts at {@code index}.
     *
     * @param index the attribute's position, from 0
     * @param name the attribute letter
     * @param meaning what the attribute is ("salt"), for the error message
     * @return the value after {@code name=}, possibly empty
     * @throws SaslException if that position holds another attribute or none
     */
    String require(int index, char name, String meaning) throws SaslException {
        if (!has(index, name)) {
            throw failure("the " + messageName + " lacks the " + meaning + " (" + name + "=)");
        }
        return attributes.get(index).substring(2);
    }

    /**
     * Creates the exception for a protocol failure, prefixed with the mechanism name.
     *
     * @param problem what went wrong
     * @return the exception, to be thrown by the caller
     */
    static SaslException failure(String problem) {
        return new SaslException(ScramSha256Mechanism.NAME + ": " + problem);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
