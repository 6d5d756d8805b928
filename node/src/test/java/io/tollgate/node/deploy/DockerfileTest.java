package io.tollgate.node.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.testcontainers.shaded.com.github.dockerjava.core.dockerfile.Dockerfile;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The image's Dockerfile, checked where there is no Docker: a Maven + Temurin 25 build stage and a Temurin 25 JRE
 * runtime; the build context that {@link TwoNodeContainersIT} sends (built here by the same docker-java code,
 * honouring the repository's {@code .dockerignore}) holds every file a {@code COPY} names and no build output; the
 * build copies the sources of exactly the modules the node depends on; the runtime passes the JVM flags the root
 * pom lists, runs as a fixed non-root user and checks its health at the Kubernetes readiness probe's path.
 */
class DockerfileTest {

    private final DockerfileText dockerfile = DockerfileText.read(OpsFiles.DOCKERFILE);

    @Test
    void shouldBuildWithAJdk25AndRunOnAJre25() {
        List<String> from = dockerfile.stages().stream().map(s -> s.getFirst().arguments()).toList();
        assertThat(from).hasSize(2);
        assertThat(from.getFirst()).matches("maven:\\S*eclipse-temurin-25 AS build");
        assertThat(from.getLast()).isEqualTo("eclipse-temurin:25-jre");
        assertThat(DockerfileText.arguments(dockerfile.runtime(), "COPY")).allSatisfy(copy ->
                assertThat(copy).as("the runtime copies the build's jar and libraries, and the scripts")
                        .matches("--from=build /src/node/target/\\S+ /opt/tollgate/\\S*|ops/docker/\\S+\\.sh .*"));
    }

    @Test
    void shouldSendABuildContextWithEveryCopiedFileAndNoBuildOutput() throws IOException {
        Set<String> context = new TreeSet<>();
        long bytes = 0;
        Dockerfile parsed = new Dockerfile(OpsFiles.DOCKERFILE.toFile(), OpsFiles.ROOT.toFile());
        try (InputStream tar = parsed.parse().buildDockerFolderTar();
                TarArchiveInputStream in = new TarArchiveInputStream(new GZIPInputStream(tar))) {
            for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (!entry.isDirectory()) {   // docker-java also sends empty directories, even ignored ones
                    context.add(entry.getName());
                    bytes += entry.getSize();
                }
            }
        }
        assertThat(context).noneMatch(name -> name.contains("target/") || name.contains("/src/test/")
                || name.startsWith(".git/")).contains("ops/docker/Dockerfile");
        assertThat(bytes).as("bytes sent to the daemon").isLessThan(10L << 20);
        for (String copy : DockerfileText.arguments(dockerfile.instructions(), "COPY")) {
            if (copy.startsWith("--from=")) {
                continue;
            }
            List<String> sources = List.of(copy.split("\\s+")).subList(0, copy.split("\\s+").length - 1);
            for (String source : sources) {
                String path = source.endsWith("/") ? source.substring(0, source.length() - 1) : source;
                assertThat(context).as("the context holds COPY source " + source)
                        .anyMatch(name -> name.equals(path) || name.startsWith(path + "/"));
            }
        }
    }

    @Test
    void shouldCopyThePomsOfEveryModuleAndTheSourcesOfTheModulesTheNodeNeeds() throws Exception {
        List<String> copies = DockerfileText.arguments(dockerfile.stages().getFirst(), "COPY");
        Set<String> poms = new TreeSet<>();
        Set<String> sources = new TreeSet<>();
        for (String copy : copies) {
            String source = copy.split("\\s+")[0];
            if (source.endsWith("pom.xml")) {
                poms.add(source);
            } else if (source.endsWith("/src/main")) {
                sources.add(source.substring(0, source.indexOf('/')));
            }
        }
        Set<String> expectedPoms = new TreeSet<>(Set.of("pom.xml"));
        children(pom(OpsFiles.ROOT), "module").forEach(module -> expectedPoms.add(module + "/pom.xml"));
        assertThat(poms).isEqualTo(expectedPoms);

        Set<String> needed = new TreeSet<>();
        List<String> pending = new ArrayList<>(List.of("node"));
        while (!pending.isEmpty()) {
            String module = pending.removeLast();
            if (needed.add(module)) {
                pending.addAll(ourCompileDependencies(module));
            }
        }
        assertThat(sources).as("modules whose sources the build copies").isEqualTo(needed);
    }

    @Test
    void shouldPassTheJvmFlagsTheRootPomLists() throws Exception {
        String flags = pom(OpsFiles.ROOT).getElementsByTagName("tollgate.jvm.flags").item(0).getTextContent();
        assertThat(DockerfileText.env(dockerfile.runtime()).get("TOLLGATE_JVM_FLAGS").split("\\s+"))
                .containsExactly(flags.strip().split("\\s+"));
    }

    @Test
    void shouldRunAsAFixedNonRootUserAndReportReadinessAtTheProbesPath() throws IOException {
        assertThat(DockerfileText.arguments(dockerfile.runtime(), "USER")).singleElement().asString()
                .matches("[1-9][0-9]*:[1-9][0-9]*");
        assertThat(DockerfileText.arguments(dockerfile.runtime(), "HEALTHCHECK")).singleElement().asString()
                .contains("CMD [\"/opt/tollgate/bin/healthcheck.sh\"]");
        assertThat(DockerfileText.arguments(dockerfile.runtime(), "ENTRYPOINT"))
                .containsExactly("[\"/opt/tollgate/bin/entrypoint.sh\"]");
        Path scripts = OpsFiles.ROOT.resolve("ops/docker");
        assertThat(Files.isExecutable(scripts.resolve("entrypoint.sh"))).isTrue();
        assertThat(Files.isExecutable(scripts.resolve("healthcheck.sh"))).isTrue();
        String readiness = OpsFiles.onlyContainer(OpsFiles.only(OpsFiles.manifests(), "Deployment"))
                .at("/readinessProbe/httpGet/path").asText();
        assertThat(Files.readString(scripts.resolve("healthcheck.sh"))).contains("GET " + readiness + " HTTP/1.1");
    }

    /** The modules of this repository that {@code module} depends on at compile or run time (not for tests). */
    private static List<String> ourCompileDependencies(String module) throws Exception {
        List<String> modules = new ArrayList<>();
        NodeList dependencies = pom(OpsFiles.ROOT.resolve(module)).getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            String group = text(dependency, "groupId");
            String scope = text(dependency, "scope");
            if (group.equals("io.tollgate") && !scope.equals("test")) {
                modules.add(text(dependency, "artifactId").replaceFirst("^tollgate-", ""));
            }
        }
        return modules;
    }

    private static Document pom(Path moduleDirectory) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(moduleDirectory.resolve("pom.xml").toFile());
    }

    private static List<String> children(Document pom, String tag) {
        NodeList nodes = pom.getElementsByTagName(tag);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent().strip());
        }
        return texts;
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
    }
}
