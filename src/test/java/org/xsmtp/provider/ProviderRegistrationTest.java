package org.xsmtp.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The three protocols are found by Jakarta Mail, through each of the three registration files alone. */
class ProviderRegistrationTest {

    private static void assertAllThree(Session session) throws NoSuchProviderException {
        assertInstanceOf(XsmtpTransport.class, session.getTransport("xsmtp"));
        assertInstanceOf(XsmtpSslTransport.class, session.getTransport("xsmtps"));
        assertInstanceOf(XlmtpTransport.class, session.getTransport("xlmtp"));
        assertEquals("xsmtp", session.getProvider("xsmtp").getVendor());
        assertEquals(Provider.Type.TRANSPORT, session.getProvider("xlmtp").getType());
    }

    @Test
    void sessionFindsTheThreeTransports() throws Exception {
        assertAllThree(Session.getInstance(new Properties()));
        Transport t = Session.getInstance(new Properties()).getTransport("xsmtp");
        assertTrue(!(t instanceof XsmtpSslTransport));
    }

    @Test
    void serviceLoaderFindsThreePublicProviders() {
        Set<String> found = new HashSet<>();
        for (Provider p : ServiceLoader.load(Provider.class)) {
            found.add(p.getProtocol() + "=" + p.getClassName());
        }
        assertTrue(found.containsAll(Set.of("xsmtp=" + XsmtpTransport.class.getName(),
                "xsmtps=" + XsmtpSslTransport.class.getName(), "xlmtp=" + XlmtpTransport.class.getName())),
                found.toString());
    }

    /**
     * The resource files, each alone: a copy whose protocol names are changed (x... to y...) must give the same
     * transports, which shows Jakarta Mail parses the file (the real names also arrive through ServiceLoader).
     */
    @ParameterizedTest
    @ValueSource(strings = {"META-INF/javamail.providers", "META-INF/jakarta.providers"})
    void eachProvidersFileIsReadByJakartaMail(String name, @TempDir Path dir) throws Exception {
        // 2.0 has no jakarta.providers; 2.1.4+ skips javamail.providers once a jakarta.providers exists (Angus has one)
        assumeTrue(name.contains("jakarta") == MailApi.is21(), name + " is not read by this Jakarta Mail");
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        String text = Files.readString(Path.of("provider", name.substring("META-INF/".length())));
        Files.writeString(file, text.replace("protocol=x", "protocol=y"));
        new ResourceLoader(ResourceLoader.OWN_REGISTRATIONS, dir).run(() -> {
            Session session = Session.getInstance(new Properties());
            assertInstanceOf(XsmtpTransport.class, session.getTransport("ysmtp"));
            assertInstanceOf(XsmtpSslTransport.class, session.getTransport("ysmtps"));
            assertInstanceOf(XlmtpTransport.class, session.getTransport("ylmtp"));
            return null;
        });
    }

    @Test
    void theServicesFileAloneListsTheThreeProviders(@TempDir Path dir) throws Exception {
        String name = "META-INF/services/jakarta.mail.Provider";
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.copy(Path.of("provider/services/jakarta.mail.Provider"), file);
        Set<String> found = new HashSet<>();
        ResourceLoader loader = new ResourceLoader(ResourceLoader.OWN_REGISTRATIONS, dir);
        for (Provider p : ServiceLoader.load(Provider.class, loader)) {
            found.add(p.getClass().getName());
        }
        assertTrue(found.containsAll(Set.of(XsmtpProvider.class.getName(), XsmtpsProvider.class.getName(),
                XlmtpProvider.class.getName())), found.toString());
    }
}
