package org.xsmtp.provider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * A context class loader for registration tests: it hides chosen {@code META-INF} resources of the class path
 * and adds files from a folder after the others, the way an application's own files would be found.
 */
final class ResourceLoader extends ClassLoader {
    /** The registration files this project's jar ships. */
    static final Set<String> OWN_REGISTRATIONS = Set.of("META-INF/javamail.providers", "META-INF/jakarta.providers",
            "META-INF/services/jakarta.mail.Provider");

    private final Set<String> hidden;
    private final Path extra;

    /**
     * @param hidden resource names whose class-path copies from this project's build output are hidden
     * @param extra a folder whose files are found after the class path's, or null
     */
    ResourceLoader(Set<String> hidden, Path extra) {
        super(Thread.currentThread().getContextClassLoader());
        this.hidden = hidden;
        this.extra = extra;
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (URL url : Collections.list(getParent().getResources(name))) {
            if (!(hidden.contains(name) && isOwnBuildOutput(url))) {
                urls.add(url);
            }
        }
        URL added = extra(name);
        if (added != null) {
            urls.add(added);
        }
        return Collections.enumeration(urls);
    }

    @Override
    public URL getResource(String name) {
        try {
            List<URL> all = Collections.list(getResources(name));
            return all.isEmpty() ? null : all.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private URL extra(String name) throws MalformedURLException {
        if (extra == null || !Files.isRegularFile(extra.resolve(name))) {
            return null;
        }
        return extra.resolve(name).toUri().toURL();
    }

    private static boolean isOwnBuildOutput(URL url) {
        return url.getPath().contains("/target/classes/");
    }

    /** Runs {@code body} with this loader as the thread's context class loader. */
    <T> T run(Callable<T> body) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        thread.setContextClassLoader(this);
        try {
            return body.call();
        } finally {
            thread.setContextClassLoader(saved);
        }
    }
}
