package io.tollgate.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadPartsTest {

    @Test
    void shouldReadCpuTicksPastACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 0 0 20 0 40 0 100 1 1";

        assertThat(ProcStat.cpuTicks(stat)).isEqualTo(1234 + 567);
    }

    @Test
    void shouldTellJitCompilerThreadsByName() {
        assertThat(ProcStat.isCompiler("4250 (C2 CompilerThre) S 1 4242 4242 0 -1 0 0 0 0 0 9 1 0")).isTrue();
        assertThat(ProcStat.isCompiler("4251 (C1 CompilerThre) S 1 4242 4242 0 -1 0 0 0 0 0 9 1 0")).isTrue();
        assertThat(ProcStat.isCompiler("4252 (GC Thread#0) S 1 4242 4242 0 -1 0 0 0 0 0 9 1 0")).isFalse();
        assertThat(ProcStat.isCompiler("4253 (ForkJoinPool-1-) S 1 4242 4242 0 -1 0 0 0 0 0 9 1 0")).isFalse();
    }

    @Test
    void shouldReadTheCompilersCpuOfThisProcess() {
        String self = Long.toString(ProcessHandle.current().pid());

        assertThat(ProcStat.compilerCpuSeconds(self)).isGreaterThanOrEqualTo(0);
        assertThat(ProcStat.compilerCpuSeconds("999999999")).isEqualTo(-1);
    }

    @Test
    void shouldReadResidentMemoryInBytes() {
        assertThat(ProcStat.rssBytesOf("Name:\tjava\nVmPeak:\t 9 kB\nVmRSS:\t  204800 kB\nThreads:\t40\n"))
                .isEqualTo(204800L * 1024);
    }

    @Test
    void shouldTellStreamingRequests() {
        assertThat(FakeUpstream.streaming(bytes("{\"model\":\"m\",\"stream\" : true}"))).isTrue();
        assertThat(FakeUpstream.streaming(bytes("{\"model\":\"m\",\"stream\":false}"))).isFalse();
        assertThat(FakeUpstream.streaming(bytes("{\"model\":\"m\"}"))).isFalse();
    }

    @Test
    void shouldMakeEveryRequestBodyDifferent() {
        ChatRequests requests = ChatRequests.create("http://127.0.0.1:1/v1", "fake/m", "tg-x", true);

        assertThat(requests.url().toString()).isEqualTo("http://127.0.0.1:1/v1/chat/completions");
        assertThat(new String(requests.body(7), StandardCharsets.UTF_8)).contains("number 7.").contains("\"stream\":true");
        assertThat(requests.body(7)).isNotEqualTo(requests.body(8));
    }

    @Test
    void shouldTakeTheFirstTokenFromTheFirstDataLineWithContent() {
        assertThat(ChatRequests.hasContent("data: {\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}"))
                .isFalse();
        assertThat(ChatRequests.hasContent("data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}")).isTrue();
        assertThat(ChatRequests.hasContent("data: [DONE]")).isFalse();
    }

    @Test
    void shouldApplyTheSmokeSettings() {
        Options options = Options.parse("--smoke", "--rates", "500,2000", "--targets", "passThrough,direct");

        assertThat(options.rates()).containsExactly(200L);
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(3));
        assertThat(options.targets()).containsExactly(Target.DIRECT, Target.PASS_THROUGH);
        assertThat(options.kinds()).isEqualTo(List.of(Kind.CHAT, Kind.STREAM));
    }

    @Test
    void shouldPassNodeJvmOptions() {
        assertThat(Options.parse().nodeJvm()).isEmpty();
        assertThat(Options.parse("--node-jvm", " -XX:+UseZGC ").nodeJvm()).isEqualTo("-XX:+UseZGC");
    }

    @Test
    void shouldRejectAnUnknownOption() {
        assertThatThrownBy(() -> Options.parse("--rate", "5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown option '--rate'");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
