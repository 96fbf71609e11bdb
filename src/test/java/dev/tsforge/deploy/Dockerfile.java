package dev.tsforge.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of Dockerfile syntax to check our own two files: instructions split into build stages, {@code \}
 * continuations joined, comment lines dropped (also inside a continuation, as Docker does), {@code ENV} pairs read
 * with their quotes.
 */
record Dockerfile(List<Stage> stages) {

    record Instruction(String keyword, String arguments) {
    }

    record Stage(String image, String name, List<Instruction> instructions) {

        List<String> arguments(String keyword) {
            return instructions.stream()
                    .filter(instruction -> instruction.keyword().equals(keyword))
                    .map(Instruction::arguments)
                    .toList();
        }

        Optional<String> last(String keyword) {
            List<String> all = arguments(keyword);
            return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
        }

        /** Every {@code ENV} of the stage, later ones winning. */
        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            arguments("ENV").forEach(arguments -> env.putAll(envPairs(arguments)));
            return env;
        }
    }

    private static final Pattern FROM = Pattern.compile("(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S*)");

    static Dockerfile parse(Path file) throws IOException {
        List<String> logical = new ArrayList<>();
        StringBuilder pending = null;
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (line.startsWith("#")) {
                continue;
            }
            if (pending == null && line.isEmpty()) {
                continue;
            }
            boolean continued = line.endsWith("\\");
            String content = continued ? line.substring(0, line.length() - 1).strip() : line;
            pending = pending == null ? new StringBuilder(content) : pending.append(' ').append(content);
            if (!continued) {
                logical.add(pending.toString().strip());
                pending = null;
            }
        }
        if (pending != null) {
            throw new IllegalArgumentException(file + " ends inside a line continuation");
        }

        List<Stage> stages = new ArrayList<>();
        for (String line : logical) {
            String[] parts = line.split("\\s+", 2);
            String keyword = parts[0].toUpperCase(Locale.ROOT);
            String arguments = parts.length > 1 ? parts[1] : "";
            if (keyword.equals("FROM")) {
                Matcher from = FROM.matcher(arguments);
                if (!from.matches()) {
                    throw new IllegalArgumentException("Unreadable FROM in " + file + ": " + arguments);
                }
                stages.add(new Stage(from.group(1), from.group(2), new ArrayList<>()));
            } else if (stages.isEmpty()) {
                throw new IllegalArgumentException(keyword + " before the first FROM in " + file);
            } else {
                stages.get(stages.size() - 1).instructions().add(new Instruction(keyword, arguments));
            }
        }
        return new Dockerfile(List.copyOf(stages));
    }

    static Map<String, String> envPairs(String arguments) {
        Map<String, String> pairs = new LinkedHashMap<>();
        Matcher pair = ENV_PAIR.matcher(arguments);
        while (pair.find()) {
            String value = pair.group(2);
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1).replace("\\\"", "\"");
            }
            pairs.put(pair.group(1), value);
        }
        return pairs;
    }

    Stage finalStage() {
        return stages.get(stages.size() - 1);
    }

    Optional<Stage> stage(String name) {
        return stages.stream().filter(stage -> name.equals(stage.name())).findFirst();
    }

    /** Images pulled from a registry: FROM lines that do not name an earlier stage. */
    List<String> baseImages() {
        List<String> images = new ArrayList<>();
        List<String> earlier = new ArrayList<>();
        for (Stage stage : stages) {
            if (!earlier.contains(stage.image())) {
                images.add(stage.image());
            }
            if (stage.name() != null) {
                earlier.add(stage.name());
            }
        }
        return images;
    }
}
