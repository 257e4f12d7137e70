package org.remarketing.samplestore.durability;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.JarFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The sample store in a child JVM of its own (the test JVM's java and classpath), listening on
 * 127.0.0.1 at a free port, its output in a file under {@code target/child-stores/} for
 * debugging. {@link #kill()} is SIGKILL: no shutdown hook, no relay stop, no connection pool
 * close; {@link #stop()} is the orderly SIGTERM shutdown.
 */
public final class ChildStore implements AutoCloseable {

    public static final String MAIN_CLASS = "org.remarketing.samplestore.SampleStoreApplication";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;

    private final Process process;

    private final int port;

    private final Path log;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ChildStore(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts a store.
     * @param name names the log file ({@code target/child-stores/<name>.log})
     * @param jvmOptions options of the child JVM (heap, GC...)
     * @param args the store's arguments beside the port and SMTP port chosen here
     */
    public static ChildStore start(String name, List<String> jvmOptions, List<String> args) {
        return start(name, jvmOptions, args, Collections.emptyList());
    }

    /**
     * Starts a store whose classpath also holds the given classes of the test sources (extra
     * sources named by {@code --spring.main.sources}); the rest of the test classes are left out.
     */
    public static ChildStore start(String name, List<String> jvmOptions, List<String> args, List<Class<?>> testClasses) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath(testClasses));
        command.add(MAIN_CLASS);
        command.add("--server.port=" + port);
        command.add("--server.address=127.0.0.1");
        command.add("--sample.mail.smtp-port=" + freePort());
        command.addAll(args);
        Path logs = Paths.get("target", "child-stores");
        try {
            Files.createDirectories(logs);
            Path log = logs.resolve(name + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
            // Never outlive the JVM that started it (a benchmark stopped with Ctrl-C, a test JVM ending).
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "child-store-reaper"));
            return new ChildStore(name, process, port, log);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start the sample store " + name, ex);
        }
    }

    public static ChildStore start(String name, String... args) {
        return start(name, Arrays.asList("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), Arrays.asList(args));
    }

    /**
     * The test JVM's classpath without the test classes: other tests' {@code @TestConfiguration}
     * classes would otherwise be found by the store's component scan and change what runs (a
     * recording outbox, for one). Surefire's manifest-only jar is opened up. The given test classes
     * (and their nested classes) are copied to a directory of their own and added.
     */
    static String classpath(List<Class<?>> testClasses) {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar") && Paths.get(entry).getFileName().toString().startsWith("surefirebooter")) {
                entries.addAll(manifestClassPath(Paths.get(entry)));
            }
            else {
                entries.add(entry);
            }
        }
        entries.removeIf((entry) -> Paths.get(entry).normalize().endsWith(Paths.get("target", "test-classes")));
        if (!testClasses.isEmpty()) {
            entries.add(0, copyClasses(testClasses).toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static List<String> manifestClassPath(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            String classPath = file.getManifest().getMainAttributes().getValue("Class-Path");
            List<String> entries = new ArrayList<>();
            for (String url : classPath.trim().split("\\s+")) {
                entries.add(Paths.get(jar.getParent().toUri().resolve(url)).toString());
            }
            return entries;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Path copyClasses(List<Class<?>> classes) {
        try {
            Path root = Files.createTempDirectory("child-store-classes");
            for (Class<?> type : classes) {
                Path source = Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
                String packagePath = type.getPackage().getName().replace('.', '/');
                Path target = Files.createDirectories(root.resolve(packagePath));
                try (DirectoryStream<Path> files = Files.newDirectoryStream(source.resolve(packagePath),
                        type.getSimpleName() + "{.class,$*.class}")) {
                    for (Path file : files) {
                        Files.copy(file, target.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return root;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** An H2 file database (MySQL mode) under {@code dir}, written at each commit (no write delay). */
    public static String h2Url(Path dir) {
        // WRITE_DELAY=0: H2 otherwise keeps commits up to 500 ms in memory, so a killed JVM would lose
        // the store's own last transaction (and its outbox rows with it): that is H2's durability, not ours.
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("store") + ";MODE=MySQL;NON_KEYWORDS=VALUE;WRITE_DELAY=0";
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + this.port;
    }

    public int port() {
        return this.port;
    }

    public Path log() {
        return this.log;
    }

    public long pid() {
        return this.process.pid();
    }

    public boolean isAlive() {
        return this.process.isAlive();
    }

    /** Waits until /actuator/health says UP; fails at once if the JVM exits. */
    public ChildStore awaitHealthy(Duration timeout) {
        awaitHealth(timeout, (health) -> "UP".equals(health.path("status").asText()), "UP");
        return this;
    }

    /** Waits until /actuator/health (with details) satisfies the condition. */
    public JsonNode awaitHealth(Duration timeout, Predicate<JsonNode> condition, String description) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            if (!this.process.isAlive()) {
                throw new IllegalStateException("Sample store " + this.name + " exited with " + this.process.exitValue()
                        + " before its health was " + description + "; see " + this.log.toAbsolutePath());
            }
            try {
                HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 || response.statusCode() == 503) {
                    last = JSON.readTree(response.body());
                    if (condition.test(last)) {
                        return last;
                    }
                }
            }
            catch (IOException ex) {
                // not listening yet
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
            sleep(200);
        }
        throw new IllegalStateException("Sample store " + this.name + " did not reach health " + description + " within "
                + timeout + " (last: " + last + "); see " + this.log.toAbsolutePath());
    }

    /** SIGKILL, and waits for the process to be gone. */
    public void kill() {
        this.process.destroyForcibly();
        waitGone(Duration.ofSeconds(30));
    }

    /** SIGTERM (Spring's orderly shutdown), SIGKILL if it takes longer than the timeout. */
    public void stop(Duration timeout) {
        this.process.destroy();
        try {
            if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    @Override
    public void close() {
        if (this.process.isAlive()) {
            kill();
        }
    }

    private void waitGone(Duration timeout) {
        try {
            this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public String toString() {
        return this.name + " on " + baseUrl() + " (log " + this.log + ")";
    }

}
