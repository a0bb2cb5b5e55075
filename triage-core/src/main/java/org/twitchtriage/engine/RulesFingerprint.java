package org.twitchtriage.engine;

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
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * SHA-256 over the rule resources of a kjar (every rule, DSL, decision-table and list file, and the kmodule), so a
 * decision can name exactly which knowledge made it. The digest covers each resource's path and content, in path
 * order, and is the same whether the kjar is a jar file or a folder of classes. Stateless and thread-safe.
 *
 * <p>Public API, because every producer of a knowledge base must digest its rules the same way: the engine digests
 * the kjar on its class path, and a rules folder compiled at run time ({@code triage-authoring}) digests the
 * folder's files with {@link #digest(Map)} and {@link #isRuleResource(String)}, so that an unchanged copy of the
 * project's rules has the digest of the built kjar. Audit records carry the digest ({@link KnowledgeBaseInfo}).
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
                        Properties p = new Properties();
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

    /**
     * @param resources rule resources by path, as {@link #isRuleResource(String)} selects them
     * @return the lower-case hex SHA-256 over the paths and contents, independent of the map's order
     */
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

    /**
     * @param path a resource path inside a kjar, {@code /}-separated and relative to its root (for example
     *             {@code org/twitchtriage/rules/calf/calf.dslr})
     * @return whether the fingerprint covers the resource: the kmodule, and every rule, DSL, decision-table and list
     *         file outside {@code META-INF}
     */
    public static boolean isRuleResource(String path) {
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
