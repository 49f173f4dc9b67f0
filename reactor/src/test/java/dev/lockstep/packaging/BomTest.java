package dev.lockstep.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM lists exactly the published modules (those that attach sources and javadoc), at the
 * project's version, and every published module names its jar's module. Read from the poms of
 * the source tree (the test runs in {@code reactor/}).
 */
class BomTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static Document pom(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    /** The text of the first child element {@code name} of {@code parent}, or null. */
    static String child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().strip();
            }
        }
        return null;
    }

    static List<Element> all(Document d, String tag) {
        NodeList list = d.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    record Module(String folder, String artifactId, boolean published, String moduleName) {}

    static List<Module> modules() throws Exception {
        List<Module> out = new ArrayList<>();
        for (Element m : all(pom(ROOT.resolve("pom.xml")), "module")) {
            String folder = m.getTextContent().strip();
            Document d = pom(ROOT.resolve(folder).resolve("pom.xml"));
            String artifactId = child(d.getDocumentElement(), "artifactId");
            boolean published = all(d, "artifactId").stream()
                    .anyMatch(a -> a.getTextContent().strip().equals("maven-source-plugin"));
            List<Element> names = all(d, "lockstep.module.name");
            out.add(new Module(folder, artifactId, published, names.isEmpty() ? null : names.get(0).getTextContent().strip()));
        }
        return out;
    }

    @Test
    void theBomManagesExactlyThePublishedModulesAtTheProjectsVersion() throws Exception {
        Document bom = pom(ROOT.resolve("bom/pom.xml"));
        Document parent = pom(ROOT.resolve("pom.xml"));
        assertEquals(child(parent.getDocumentElement(), "version"), child(bom.getDocumentElement(), "version"),
                "the BOM's version is the project's");
        assertNull(child(bom.getDocumentElement(), "parent"), "the BOM has no parent: importing it pins nothing else");
        Set<String> managed = new TreeSet<>();
        for (Element dep : all(bom, "dependency")) {
            assertEquals("dev.lockstep", child(dep, "groupId"));
            assertEquals("${project.version}", child(dep, "version"));
            managed.add(child(dep, "artifactId"));
        }
        Set<String> published = new TreeSet<>();
        for (Module m : modules()) {
            if (m.published()) {
                published.add(m.artifactId());
            }
        }
        assertEquals(Set.of("sim-runtime", "sim-agent", "virtual-io", "property-tests", "lockstep-reactor"), published);
        assertEquals(published, managed);
    }

    @Test
    void everyJarModuleNamesItsAutomaticModuleUniquely() throws Exception {
        Set<String> seen = new HashSet<>();
        for (Module m : modules()) {
            if (m.folder().equals("bom")) {
                continue;
            }
            assertTrue(m.moduleName() != null && m.moduleName().matches("dev\\.lockstep(\\.[a-z][a-z0-9]*)+"),
                    m.folder() + ": lockstep.module.name " + m.moduleName());
            assertTrue(seen.add(m.moduleName()), "two modules named " + m.moduleName());
        }
        assertFalse(seen.isEmpty());
    }

    @Test
    void theReadmeShowsDependenciesOnlyThroughTheBom() throws Exception {
        for (Path doc : docs()) {
            String text = Files.readString(doc);
            int at = 0;
            while ((at = text.indexOf("<groupId>dev.lockstep</groupId>", at)) >= 0) {
                String after = text.substring(at, Math.min(text.length(), at + 300));
                String dependency = after.substring(0, Math.max(after.indexOf("</dependency>"), 0));
                boolean isBom = dependency.contains("<artifactId>lockstep-bom</artifactId>");
                assertTrue(isBom || !dependency.contains("<version>"),
                        doc + ": a Lockstep dependency with its own version; take it from lockstep-bom:\n" + dependency);
                at++;
            }
            assertFalse(text.matches("(?s).*\"dev\\.lockstep:(sim-runtime|sim-agent|virtual-io|property-tests|lockstep-reactor):.*"),
                    doc + ": a Gradle dependency with its own version; take it from platform(lockstep-bom)");
        }
    }

    private static List<Path> docs() throws Exception {
        List<Path> out = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (var s = Files.list(ROOT.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
        }
        return out;
    }
}
