package io.tollgate.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of {@code ../shared/STYLE.md}, checked on the main classes of every module. It lives in
 * {@code bench} because bench's test class path is the only one that holds every module's main classes (node
 * brings config, adapters, cluster and cache; ops is a test dependency for this test alone).
 *
 * <p>Only {@code io.tollgate} main classes are imported: test classes are left out. Jars are not excluded on
 * purpose, because {@code mvn verify} hands the other modules to this one as their jars rather than their
 * {@code target/classes}; {@link #shouldSeeTheMainClassesOfEveryModule()} guards against an import that silently
 * lost a module, which would make every other rule here pass vacuously.
 */
class ArchitectureTest {

    private static final String[] MODULES = {"config", "adapters", "cluster", "cache", "node", "ops", "bench"};

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tollgate");
    }

    @Test
    void shouldSeeTheMainClassesOfEveryModule() {
        assertThat(classes.stream().map(ArchitectureTest::module).collect(Collectors.toSet()))
                .contains(MODULES);
        assertThat(classes.stream().map(JavaClass::getSimpleName)).doesNotContain("ArchitectureTest");
    }

    @Test
    void shouldImportHazelcastOnlyInCluster() {
        noClasses().that(areOutsideModule("cluster"))
                // Exception (bench): GovernanceBenchmark measures the Hazelcast ledger itself, so its helpers
                // start and join grid members (Members: HazelcastInstance, Member) and hand JDBC MapStores to
                // Grid.start (Members, LedgerUnderTest: MapStore). A benchmark of the grid has to touch the grid;
                // no production module does.
                .and().doNotHaveFullyQualifiedName("io.tollgate.bench.Members")
                .and().doNotHaveFullyQualifiedName("io.tollgate.bench.LedgerUnderTest")
                .should().dependOnClassesThat().resideInAPackage("com.hazelcast..")
                .because("only cluster imports Hazelcast (STYLE.md); other modules use its interfaces")
                .check(classes);
    }

    @Test
    void shouldImportLuceneOnlyInCache() {
        noClasses().that(areOutsideModule("cache"))
                .should().dependOnClassesThat().resideInAPackage("org.apache.lucene..")
                .because("only cache imports Lucene (STYLE.md)")
                .check(classes);
    }

    @Test
    void shouldImportHelidonOnlyInNode() {
        noClasses().that(areOutsideModule("node"))
                // Exception (bench): the load harness (io.tollgate.bench.load) runs its fake upstream on a
                // Helidon WebServer and drives the node with Helidon's WebClient (FakeUpstream, HelidonExchange);
                // bench's pom declares helidon-webserver and helidon-webclient for exactly this.
                .and().resideOutsideOfPackage("io.tollgate.bench.load..")
                .should().dependOnClassesThat().resideInAPackage("io.helidon..")
                .because("only node imports Helidon (STYLE.md)")
                .check(classes);
    }

    @Test
    void shouldPointModuleDependenciesOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("config").definedBy(areInModule("config"))
                .layer("adapters").definedBy(areInModule("adapters"))
                .layer("cluster").definedBy(areInModule("cluster"))
                .layer("cache").definedBy(areInModule("cache"))
                .layer("node").definedBy(areInModule("node"))
                .layer("ops").definedBy(areInModule("ops"))
                .layer("bench").definedBy(areInModule("bench"))
                // node -> {cluster, cache, adapters} -> config, and cache -> cluster (STYLE.md)
                .whereLayer("config").mayNotAccessAnyLayer()
                .whereLayer("adapters").mayOnlyAccessLayers("config")
                .whereLayer("cluster").mayOnlyAccessLayers("config")
                .whereLayer("cache").mayOnlyAccessLayers("cluster", "config")
                .whereLayer("node").mayOnlyAccessLayers("adapters", "cluster", "cache", "config")
                // the CLI talks to the management HTTP API only
                .whereLayer("ops").mayNotAccessAnyLayer()
                // benchmarks measure every production module; nothing depends on them
                .whereLayer("bench").mayOnlyAccessLayers("node", "adapters", "cluster", "cache", "config")
                .whereLayer("bench").mayNotBeAccessedByAnyLayer()
                .ensureAllClassesAreContainedInArchitecture()
                .check(classes);
    }

    @Test
    void shouldHaveNoCyclesBetweenModules() {
        slices().assignedFrom(MODULE_SLICES).should().beFreeOfCycles().check(classes);
    }

    private static final SliceAssignment MODULE_SLICES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass type) {
            return SliceIdentifier.of(module(type));
        }

        @Override
        public String getDescription() {
            return "modules io.tollgate.(*).. (RequestLogBenchmark counted as bench)";
        }
    };

    /**
     * The module a class belongs to: the first package segment below {@code io.tollgate}, with one exception.
     * Exception (split package): bench's RequestLogBenchmark lives in {@code io.tollgate.cluster.log} (and JMH
     * generates its stubs in {@code io.tollgate.cluster.log.jmh_generated}) to call the request log's
     * package-private batch writer directly; it is bench code (it uses bench's TempDirs), so it counts as bench,
     * not as cluster code depending on bench.
     */
    static String module(JavaClass type) {
        String pkg = type.getPackageName();
        if ((pkg.equals("io.tollgate.cluster.log") || pkg.equals("io.tollgate.cluster.log.jmh_generated"))
                && type.getSimpleName().startsWith("RequestLogBenchmark")) {
            return "bench";
        }
        String rest = pkg.startsWith("io.tollgate.") ? pkg.substring("io.tollgate.".length()) : "";
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static DescribedPredicate<JavaClass> areInModule(String module) {
        return DescribedPredicate.describe("are in module " + module, type -> module(type).equals(module));
    }

    private static DescribedPredicate<JavaClass> areOutsideModule(String module) {
        return DescribedPredicate.describe("are outside module " + module, type -> !module(type).equals(module));
    }
}
