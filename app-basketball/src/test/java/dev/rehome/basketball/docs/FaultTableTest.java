package dev.rehome.basketball.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's fault table and fault catalogue ("When something fails") name, per row, the test that proves it. Each named
 * {@code Class#method} must exist as a test method somewhere in the project, so the table cannot promise what no
 * test checks any more.
 */
class FaultTableTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern TEST_REF = Pattern.compile("`(\\w+)#(\\w+)`");

    @Test
    void everyTestTheFaultTableNamesExists() throws IOException {
        List<String> rows = faultTableRows();
        assertThat(rows).as("fault and catalogue table rows in README.md").hasSizeGreaterThanOrEqualTo(30);
        List<String> missing = new ArrayList<>();
        for (String row : rows) {
            String[] cells = row.split("\\|");
            Matcher m = TEST_REF.matcher(cells[cells.length - 1]);
            assertThat(m.find()).as("row names its test: " + row).isTrue();
            do {
                if (!testExists(m.group(1), m.group(2))) {
                    missing.add(m.group(1) + "#" + m.group(2));
                }
            } while (m.find());
        }
        assertThat(missing).as("tests the README's fault table names but the project lacks").isEmpty();
    }

    private static List<String> faultTableRows() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        int start = lines.indexOf("## When something fails");
        assertThat(start).as("README.md has a 'When something fails' section").isNotNegative();
        List<String> rows = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("| ") && !line.startsWith("| fault |") && !line.startsWith("| case |")) {
                rows.add(line);
            }
        }
        return rows;
    }

    private static boolean testExists(String className, String method) throws IOException {
        Pattern declared = Pattern.compile("\\bvoid\\s+" + Pattern.quote(method) + "\\s*\\(");
        try (Stream<Path> files = Files.walk(ROOT, 12)) {
            return files.filter(p -> p.getFileName().toString().equals(className + ".java"))
                    .filter(p -> p.toString().contains("/src/test/java/"))
                    .anyMatch(p -> {
                        try {
                            return declared.matcher(Files.readString(p, StandardCharsets.UTF_8)).find();
                        } catch (IOException e) {
                            return false;
                        }
                    });
        }
    }
}
