package io.tollgate.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OpsCommandTest {

    @Test
    void shouldUseTheLocalNodeWhenNeitherOptionNorEnvironmentNamesOne() {
        assertThat(command(Map.of()).baseUrl()).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void shouldPreferTheOptionToTheEnvironment() {
        OpsCommand fromEnv = command(Map.of("TOLLGATE_URL", "https://gw.example:9443"));
        OpsCommand fromOption = command(Map.of("TOLLGATE_URL", "https://gw.example:9443"));
        new CommandLine(fromOption).parseArgs("--url", "http://10.0.0.7:8080");

        assertThat(fromEnv.baseUrl()).isEqualTo("https://gw.example:9443");
        assertThat(fromOption.baseUrl()).isEqualTo("http://10.0.0.7:8080");
    }

    private static OpsCommand command(Map<String, String> env) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        return new OpsCommand(sink, sink, env, Clock.systemUTC());
    }
}
