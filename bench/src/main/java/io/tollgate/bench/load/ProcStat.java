package io.tollgate.bench.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of a Linux process, from {@code /proc/<pid>/stat} (utime + stime, in clock ticks of
 * 1/100 s, the value of {@code CLK_TCK} on Linux) and {@code /proc/<pid>/status} ({@code VmRSS}).
 */
final class ProcStat {

    private static final double TICKS_PER_SECOND = 100.0;

    private ProcStat() {
    }

    /** CPU seconds (user + system) the process has used so far; -1 when it cannot be read. */
    static double cpuSeconds(String pid) {
        try {
            return cpuTicks(Files.readString(Path.of("/proc", pid, "stat"))) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * CPU seconds the process's JIT compiler threads (HotSpot's {@code C1 CompilerThre...} and
     * {@code C2 CompilerThre...}) have used so far; -1 when they cannot be read.
     */
    static double compilerCpuSeconds(String pid) {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", pid, "task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended meanwhile
                }
                if (isCompiler(stat)) {
                    ticks += cpuTicks(stat);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** Whether a thread's {@code stat} line names a JIT compiler thread. */
    static boolean isCompiler(String stat) {
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        return name.matches("C[12] CompilerThre.*");
    }

    /** Resident memory in bytes; -1 when it cannot be read. */
    static long rssBytes(String pid) {
        try {
            return rssBytesOf(Files.readString(Path.of("/proc", pid, "status")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime of a {@code stat} line; the command name (field 2) may hold spaces and parentheses. */
    static long cpuTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
        // fields[0] is field 3 (state): utime is field 14, stime field 15
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** {@code VmRSS} of a {@code status} file, in bytes. */
    static long rssBytesOf(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split(" +");
                return Long.parseLong(parts[0]) * 1024;
            }
        }
        throw new IllegalArgumentException("no VmRSS line in /proc status");
    }
}
