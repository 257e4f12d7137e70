package org.remarketing.samplestore.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

/**
 * CPU time used so far (Linux {@code /proc}, user + system) by the store's JVM, this benchmark's
 * JVM (the load generator) and the database server's processes, and by the whole machine: taken
 * before and after a run, it tells what each request cost in CPU whatever else the machine was
 * doing. The database's figure counts every client of the server (other builds' tests too) and
 * misses backends that exited during the run.
 */
final class CpuTimes {

    /** USER_HZ: the unit of /proc's times on Linux. */
    private static final double TICK_MILLIS = 10.0;

    final double storeMillis;

    final double generatorMillis;

    final double databaseMillis;

    final double machineBusyMillis;

    final double machineTotalMillis;

    private CpuTimes(double storeMillis, double generatorMillis, double databaseMillis, double machineBusyMillis,
            double machineTotalMillis) {
        this.storeMillis = storeMillis;
        this.generatorMillis = generatorMillis;
        this.databaseMillis = databaseMillis;
        this.machineBusyMillis = machineBusyMillis;
        this.machineTotalMillis = machineTotalMillis;
    }

    static CpuTimes now(long storePid, String vendor) {
        String server = Databases.MARIADB.equals(vendor) ? "mariadbd" : "postgres";
        double database = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Paths.get("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String stat = read(process.resolve("stat"));
                if (stat != null && stat.contains("(" + server + ")")) {
                    database += ticks(stat);
                }
            }
        }
        catch (IOException ex) {
            database = Double.NaN;
        }
        String store = read(Paths.get("/proc", Long.toString(storePid), "stat"));
        double generator = ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
        String[] cpu = String.valueOf(read(Paths.get("/proc/stat"))).split("\n")[0].trim().split("\\s+");
        double busy = 0;
        double total = 0;
        for (int i = 1; i < cpu.length && i <= 8; i++) {
            double value = Double.parseDouble(cpu[i]);
            total += value;
            // idle (4) and iowait (5) are not busy
            if (i != 4 && i != 5) {
                busy += value;
            }
        }
        return new CpuTimes((store != null) ? ticks(store) * TICK_MILLIS : Double.NaN, generator,
                database * TICK_MILLIS, busy * TICK_MILLIS, total * TICK_MILLIS);
    }

    /** "store / load generator / database ms per request; machine busy %" between two readings. */
    static String perRequest(CpuTimes before, CpuTimes after, long requests) {
        double n = Math.max(1, requests);
        return Bench.f2((after.storeMillis - before.storeMillis) / n) + " / "
                + Bench.f2((after.generatorMillis - before.generatorMillis) / n) + " / "
                + Bench.f2((after.databaseMillis - before.databaseMillis) / n) + "; "
                + Math.round(100 * (after.machineBusyMillis - before.machineBusyMillis)
                        / Math.max(1, after.machineTotalMillis - before.machineTotalMillis)) + "%";
    }

    /** utime + stime of a /proc/…/stat line, in ticks. */
    private static double ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after the command: state is field 3, utime 14, stime 15
        return Double.parseDouble(fields[11]) + Double.parseDouble(fields[12]);
    }

    private static String read(Path path) {
        try {
            return new String(Files.readAllBytes(path), StandardCharsets.US_ASCII);
        }
        catch (IOException | RuntimeException ex) {
            return null;
        }
    }

}
