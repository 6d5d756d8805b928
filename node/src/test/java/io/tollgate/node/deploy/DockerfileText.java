package io.tollgate.node.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read as Docker reads it: lines ending in {@code \} joined to the next, comment and blank lines
 * dropped, one instruction per remaining line. Enough for the checks of {@link DockerfileTest}; no variable
 * expansion, no parser directives.
 */
record DockerfileText(List<Instruction> instructions) {

    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)");

    /** One instruction: its keyword in upper case and the rest of its (joined) line. */
    record Instruction(String keyword, String arguments) {
    }

    DockerfileText {
        instructions = List.copyOf(instructions);
    }

    static DockerfileText read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.isEmpty())) {
                continue;   // a comment inside a continued instruction is dropped too, as Docker does
            }
            if (trimmed.endsWith("\\")) {
                pending.append(line, 0, line.lastIndexOf('\\'));
                continue;
            }
            String whole = (pending + line).strip();
            pending.setLength(0);
            int space = whole.indexOf(' ');
            instructions.add(new Instruction(whole.substring(0, space).toUpperCase(Locale.ROOT),
                    whole.substring(space + 1).strip()));
        }
        return new DockerfileText(instructions);
    }

    /** The instructions of each build stage, a stage starting at each {@code FROM}. */
    List<List<Instruction>> stages() {
        List<List<Instruction>> stages = new ArrayList<>();
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("FROM")) {
                stages.add(new ArrayList<>());
            }
            stages.getLast().add(instruction);
        }
        return stages;
    }

    /** The arguments of every instruction with this keyword in the stage, in order. */
    static List<String> arguments(List<Instruction> stage, String keyword) {
        return stage.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    /** The variables the stage's {@code ENV} instructions set ({@code NAME=value} form), quotes removed. */
    static Map<String, String> env(List<Instruction> stage) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String arguments : arguments(stage, "ENV")) {
            Matcher pair = ENV_PAIR.matcher(arguments);
            while (pair.find()) {
                String value = pair.group(2);
                env.put(pair.group(1), value.startsWith("\"") ? value.substring(1, value.length() - 1) : value);
            }
        }
        return env;
    }

    /** The runtime image: the last stage. */
    List<Instruction> runtime() {
        return stages().getLast();
    }
}
