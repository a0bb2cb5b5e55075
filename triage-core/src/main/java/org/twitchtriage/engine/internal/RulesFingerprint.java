package org.twitchtriage.engine.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * SHA-256 over the rule resources of a kjar (every rule, DSL, decision-table and list file, and the kmodule), so a
 * decision can name exactly which knowledge made it. The digest covers each resource's path and content, in path
 * order, and is the same whether the kjar is a jar file or a folder of classes. Stateless.
 */
public final class RulesFingerprint {
    private static final String KMODULE = "META-INF/kmodule.xml";
    private static final String[] RULE_SUFFIXES = {".drl", ".dsl", ".dslr", ".xls", ".xlsx", ".csv", ".tsv", ".xml"};

    private RulesFingerprint() {
    }

    /**
     * @param loader the class loader that sees the kjar
     * @return the hex digest, or {@code null} when no kmodule is visible
     */
    public static String of(ClassLoader loader) {
        URL kmodule = loader.getResource(KMODULE);
        if (kmodule == null) {
            return null;
        }
        try {
            return digest(read(kmodule));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rule resources to fingerprint them", e);
        }
    }

    /**
     * The Maven coordinates of the kjar that holds the kmodule, from its {@code pom.properties}.
     *
     * @param loader the class loader that sees the kjar
     * @return {@code group:artifact:version}, or {@code null} when the kjar is not packaged (e.g. a folder of classes)
     */
    public static String releaseId(ClassLoader loader) {
        URL kmodule = loader.getResource(KMODULE);
        if (kmodule == null || !"jar".equals(kmodule.getProtocol())) {
            return null;
        }
        try {
            JarURLConnection c = (JarURLConnection) kmodule.openConnection();
            c.setUseCaches(false);
            try (JarFile jar = c.getJarFile()) {
                for (JarEntry e : jar.stream().toList()) {
                    if (e.getName().startsWith("META-INF/maven/") && e.getName().endsWith("/pom.properties")) {
                        java.util.Properties p = new java.util.Properties();
                        try (InputStream in = jar.getInputStream(e)) {
                            p.load(in);
                        }
                        return p.getProperty("groupId") + ":" + p.getProperty("artifactId") + ":"
                                + p.getProperty("version");
                    }
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** @return the hex digest over the given path-to-content map */
    public static String digest(Map<String, byte[]> resources) {
        MessageDigest all = sha256();
        new TreeMap<>(resources).forEach((path, content) -> {
            all.update(path.getBytes(StandardCharsets.UTF_8));
            all.update((byte) 0);
            all.update(sha256().digest(content));
        });
        return HexFormat.of().formatHex(all.digest());
    }

    private static Map<String, byte[]> read(URL kmodule) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        if ("jar".equals(kmodule.getProtocol())) {
            JarURLConnection c = (JarURLConnection) kmodule.openConnection();
            c.setUseCaches(false);
            try (JarFile jar = c.getJarFile()) {
                for (JarEntry e : jar.stream().toList()) {
                    if (!e.isDirectory() && isRuleResource(e.getName())) {
                        try (InputStream in = jar.getInputStream(e)) {
                            out.put(e.getName(), in.readAllBytes());
                        }
                    }
                }
            }
            return out;
        }
        Path root;
        try {
            root = Path.of(kmodule.toURI()).getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IOException("unexpected kmodule location " + kmodule, e);
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                if (isRuleResource(rel)) {
                    out.put(rel, Files.readAllBytes(f));
                }
            }
        }
        return out;
    }

    static boolean isRuleResource(String path) {
        if (path.equals(KMODULE)) {
            return true;
        }
        if (path.startsWith("META-INF/")) {
            return false;
        }
        for (String s : RULE_SUFFIXES) {
            if (path.endsWith(s)) {
                return true;
            }
        }
        return false;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
