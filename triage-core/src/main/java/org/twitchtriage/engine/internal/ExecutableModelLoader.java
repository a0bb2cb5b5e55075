package org.twitchtriage.engine.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.drools.modelcompiler.KiePackagesBuilder;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a kjar's KieBase straight from the executable model in it, without a {@code KieContainer}. The
 * kie-maven-plugin compiles the rules of an executable-model kjar into Java classes and lists them, one class per
 * rule package, in the index {@code META-INF/kie/GROUP/ARTIFACT/drools-model}. Drools' container reaches the same
 * classes the long way: it scans every jar of the class path for a {@code kmodule.xml}, parses each with its XML
 * support (XStream), builds a KieModule with a project class loader, and then reads that index. Here the index is
 * read directly, its classes instantiated with the caller's class loader and handed, in the container's order, to the
 * builders the container ends with ({@link KiePackagesBuilder}, {@link KieBaseBuilder}) with the caller's
 * configuration. The KieBase is therefore the same: the same rules with the same attributes and metadata, the same
 * network. The KieBase's declaration is read from the {@code kmodule.xml} of the same jar ({@link KmoduleKieBases}).
 *
 * <p>Only the plain case is served: index and {@code kmodule.xml} in the same jar or folder, and a KieBase that takes
 * every package of the kjar and includes no other KieBase (as {@code triage-rules}' does). Anything else is left to
 * the container ({@link Optional#empty()}). Stateless and thread-safe.
 */
public final class ExecutableModelLoader {
    /** Where a kjar declares its KieBases. */
    public static final String KMODULE = "META-INF/kmodule.xml";

    private static final Logger LOG = LoggerFactory.getLogger(ExecutableModelLoader.class);
    /** The first line of the index: the Drools version that generated the model. */
    private static final String INDEX_HEADER = "Drools-Model-Version:";

    private ExecutableModelLoader() {
    }

    /**
     * @param loader      the class loader that sees the kjar (and the fact classes its rules use)
     * @param releaseId   the kjar's coordinates, {@code group:artifact:version}, as its {@code pom.properties} states
     * @param kieBaseName the KieBase to build, as named in the kjar's {@code kmodule.xml}
     * @param conf        the configuration to build it with
     * @return the KieBase, or empty when the kjar cannot be served this way (no executable-model index next to the
     *         first {@code kmodule.xml} the loader sees, a KieBase restricted to some packages or including others):
     *         use the container then
     * @throws IllegalArgumentException when the kjar declares no KieBase of that name
     * @throws IllegalStateException    when the index names a class that is missing or no model
     */
    public static Optional<KieBase> load(ClassLoader loader, String releaseId, String kieBaseName,
                                         KieBaseConfiguration conf) {
        Optional<List<String>> classes = modelClasses(loader, releaseId);
        if (classes.isEmpty()) {
            return Optional.empty();
        }
        KmoduleKieBases declared = KmoduleKieBases.read(loader.getResource(KMODULE));
        KmoduleKieBases.Declaration base = declared.get(kieBaseName).orElseThrow(() -> new IllegalArgumentException(
                "the kjar declares no KieBase named '" + kieBaseName + "' (it declares " + declared.names() + ")"));
        if (!base.takesEveryPackage()) {
            LOG.debug("KieBase {} names packages, includes other KieBases or templates: left to the container",
                    kieBaseName);
            return Optional.empty();
        }
        // the container keeps the models in a HashMap by name and builds from its values: the same order here, so
        // that the network's nodes are created in the same order
        Map<String, Model> models = new HashMap<>();
        for (String name : classes.get()) {
            Model model = instantiate(loader, name);
            models.put(model.getName(), model);
        }
        KiePackagesBuilder packages = new KiePackagesBuilder(conf, null, new ArrayList<>(models.values()));
        return Optional.of(new KieBaseBuilder(KieServices.get().newKieModuleModel().newKieBaseModel(kieBaseName),
                conf).createKieBase(packages.build()));
    }

    /**
     * @return the model classes the kjar's index lists, or empty when the index is missing or not in the jar or
     *         folder of the first {@code kmodule.xml} the loader sees
     */
    static Optional<List<String>> modelClasses(ClassLoader loader, String releaseId) {
        String[] gav = releaseId == null ? new String[0] : releaseId.split(":");
        if (gav.length != 3) {
            return Optional.empty();
        }
        String indexPath = "META-INF/kie/" + gav[0] + "/" + gav[1] + "/drools-model";
        URL kmodule = loader.getResource(KMODULE);
        URL index = loader.getResource(indexPath);
        if (kmodule == null || index == null) {
            LOG.debug("no kmodule or no executable-model index {} on the class path", indexPath);
            return Optional.empty();
        }
        String root = rootOf(kmodule, KMODULE);
        if (root == null || !root.equals(rootOf(index, indexPath))) {
            LOG.debug("the executable-model index is not in the kjar of the kmodule: left to the container");
            return Optional.empty();
        }
        String text;
        try (InputStream in = index.openStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the executable-model index " + indexPath, e);
        }
        List<String> lines = text.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
        if (lines.isEmpty() || !lines.get(0).startsWith(INDEX_HEADER)) {
            throw new IllegalStateException("malformed executable-model index " + indexPath
                    + ": it must start with " + INDEX_HEADER);
        }
        return Optional.of(lines.subList(1, lines.size()));
    }

    private static Model instantiate(ClassLoader loader, String className) {
        Object instance;
        try {
            instance = Class.forName(className, true, loader).getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("the kjar's model class " + className + " cannot be loaded: " + e, e);
        }
        if (!(instance instanceof Model model)) {
            throw new IllegalStateException("the kjar's model class " + className + " is no Drools model");
        }
        return model;
    }

    /**
     * @return the location of the jar or folder a resource was found in ({@code jar:file:/x.jar!/} or
     *         {@code file:/classes/}), or {@code null} when the address does not end with the resource's path
     */
    static String rootOf(URL resource, String path) {
        String address = resource.toExternalForm();
        return address.endsWith(path) ? address.substring(0, address.length() - path.length()) : null;
    }
}
