package io.tollgate.cluster.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MigrationsTest {

    @Test
    void shouldSplitStatementsAtLineEndSemicolonsAndDropComments() {
        String script = """
                -- a comment; with a semicolon
                CREATE TABLE a (
                    x varchar(10) DEFAULT 'a;b'
                );

                INSERT INTO a (x) VALUES ('y');
                SELECT 1
                """;

        assertThat(Migrations.statements(script)).containsExactly(
                "CREATE TABLE a (\nx varchar(10) DEFAULT 'a;b'\n)",
                "INSERT INTO a (x) VALUES ('y')",
                "SELECT 1");
    }

    @Test
    void shouldReadVersionAndDescriptionFromTheScriptName() {
        Migrations.Script script = Migrations.load("V1__state.sql", Dialect.H2);

        assertThat(script.version()).isEqualTo(1);
        assertThat(script.description()).isEqualTo("state");
        assertThat(script.statements()).singleElement().asString().startsWith("CREATE TABLE IF NOT EXISTS tollgate_state");
    }

    @Test
    void shouldListScriptsInVersionOrder() {
        assertThat(Migrations.SCRIPTS).allSatisfy(name -> assertThat(name).matches("V\\d+__\\w+\\.sql"));
        assertThat(Migrations.SCRIPTS.stream().map(name -> Migrations.load(name, Dialect.POSTGRESQL).version()))
                .isSorted().doesNotHaveDuplicates();
    }

    @Test
    void shouldRefuseABadScriptName() {
        assertThatThrownBy(() -> Migrations.load("state.sql", Dialect.H2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("migration name must look like V1__description.sql, was 'state.sql'");
        assertThatThrownBy(() -> Migrations.load("V9__missing.sql", Dialect.H2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("migration V9__missing.sql is not on the class path");
    }
}
