package org.remarketing.samplestore.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a benchmark against sample stores started as child JVMs on this machine (127.0.0.1 only):
 * {@code -Dbench=overhead} ({@link OverheadBenchmark}) or {@code -Dbench=ingest}
 * ({@link IngestBenchmark}). Not a test: run it through the {@code bench} Maven profile (see
 * docs/benchmarks.md). Every loop is bounded in time; the run stops by itself.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        // No logging configuration on the test classpath: Logback would log every JDBC call at DEBUG.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
            .setLevel(ch.qos.logback.classic.Level.INFO);
        String which = System.getProperty("bench", args.length > 0 ? args[0] : "");
        String report;
        switch (which) {
            case "overhead":
                report = OverheadBenchmark.run();
                break;
            case "ingest":
                report = IngestBenchmark.run();
                break;
            case "outbox":
                report = OutboxAppendBenchmark.run();
                break;
            default:
                System.err.println("Which benchmark? -Dbench=overhead, -Dbench=ingest or -Dbench=outbox");
                System.exit(2);
                return;
        }
        Path out = Paths.get("target", "bench", which + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md");
        Files.createDirectories(out.getParent());
        Files.write(out, report.getBytes(StandardCharsets.UTF_8));
        System.out.println(report);
        System.out.println("Written to " + out.toAbsolutePath());
        System.exit(0);
    }

    static int intSetting(String name, int fallback) {
        return Integer.parseInt(System.getProperty(name, String.valueOf(fallback)).trim());
    }

    static List<String> listSetting(String name, String fallback) {
        String value = System.getProperty(name, "default").trim();
        return Arrays.asList(("default".equals(value) ? fallback : value).split("\\s*,\\s*"));
    }

    /** The machine, as a line for the report: cores, JDK, load average now. */
    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, JDK " + System.getProperty("java.version") + " ("
                + System.getProperty("java.vm.name") + "), " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + ", load average " + loadAverage();
    }

    static String loadAverage() {
        try {
            String[] parts = new String(Files.readAllBytes(Paths.get("/proc/loadavg")), StandardCharsets.US_ASCII).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        }
        catch (IOException | RuntimeException ex) {
            return "unknown";
        }
    }

    static String f1(double value) {
        return String.format("%.1f", value);
    }

    static String f2(double value) {
        return String.format("%.2f", value);
    }

}
