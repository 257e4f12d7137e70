package org.remarketing.core.channels.email;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.remarketing.core.templates.TemplateRenderer;

/**
 * How many personalised journey emails (subject + HTML + text, auto-escaping on) one thread
 * renders per second: the target is 15,000 per core. A stream of 4,096 different models (every
 * template, both tones, steps 1–3, English/USD and Vietnamese/VND alternately, 3 products and 3
 * related products, a first name, per-email link tokens) is composed over and over, after a
 * warm-up, in several timed rounds. Besides wall-clock rate it reports the rate per second of
 * the thread's own CPU time (what one core achieves when the machine is shared) and the bytes
 * allocated per email. Each round also times a fixed pure-Java loop ("calibration ms"): on a
 * shared machine the CPU time of the same work swells with the neighbours' load (caches, the
 * sibling hyper-thread), and this shows by how much. Not a test: run it with
 * <pre>
 * mvn -pl plugin/remarketing-core -am test -Dtest=EmailRenderingBenchmark \
 *     -Dsurefire.groups=bench -Dsurefire.excludedGroups= [-Dbench.rounds=5] [-Dbench.seconds=5] [-Dbench.warmup=10]
 * </pre>
 */
@Tag("bench")
class EmailRenderingBenchmark {

	private static final int MODELS = 4096;

	@Test
	void composeOnOneThread() {
		int rounds = Integer.getInteger("bench.rounds", 5);
		double seconds = Double.parseDouble(System.getProperty("bench.seconds", "5"));
		double warmup = Double.parseDouble(System.getProperty("bench.warmup", "10"));
		EmailComposer composer = new EmailComposer(new TemplateRenderer(getClass().getClassLoader()));
		List<EmailModel> models = new ArrayList<>(MODELS);
		for (int i = 0; i < MODELS; i++) {
			models.add(EmailFixtures.personalised(i));
		}
		long sink = run(composer, models, warmup).chars;
		StringBuilder report = new StringBuilder(String.format(
				"%n| round | emails | wall s | emails/s (wall) | emails/s (thread CPU) | KB allocated/email | chars/email | calibration ms |%n"
						+ "|---:|---:|---:|---:|---:|---:|---:|---:|%n"));
		for (int round = 1; round <= rounds; round++) {
			Result result = run(composer, models, seconds);
			sink += result.chars;
			double calibration = calibration();
			report.append(String.format("| %d | %d | %.2f | %.0f | %.0f | %.1f | %d | %.0f |%n", round, result.emails,
					result.wallSeconds, result.emails / result.wallSeconds, result.emails / result.cpuSeconds,
					result.allocatedBytes / 1024.0 / result.emails, result.chars / result.emails, calibration));
		}
		report.append(String.format("(checksum %d; %d processors, JVM %s)%n", sink,
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version")));
		System.out.println(report);
	}

	/** Thread CPU milliseconds of a fixed loop over 64K ints, 2,000 times: the machine's speed right now. */
	private static double calibration() {
		java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long start = threads.getCurrentThreadCpuTime();
		int[] values = new int[1 << 16];
		long sum = 0;
		for (int pass = 0; pass < 2000; pass++) {
			for (int i = 0; i < values.length; i++) {
				values[i] = values[i] * 31 + i + pass;
				sum += values[i];
			}
		}
		if (sum == 42) {
			System.out.println();
		}
		return (threads.getCurrentThreadCpuTime() - start) / 1e6;
	}

	private static Result run(EmailComposer composer, List<EmailModel> models, double seconds) {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		long thread = Thread.currentThread().getId();
		long allocatedBefore = threads.getThreadAllocatedBytes(thread);
		long cpuBefore = threads.getCurrentThreadCpuTime();
		long start = System.nanoTime();
		long deadline = start + (long) (seconds * 1e9);
		long emails = 0;
		long chars = 0;
		while (System.nanoTime() < deadline) {
			for (int k = 0; k < 256; k++) {
				RenderedEmail email = composer.compose(models.get((int) (emails % MODELS)));
				chars += email.subject().length() + email.html().length() + email.text().length();
				emails++;
			}
		}
		Result result = new Result();
		result.wallSeconds = (System.nanoTime() - start) / 1e9;
		result.cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuBefore) / 1e9;
		result.allocatedBytes = threads.getThreadAllocatedBytes(thread) - allocatedBefore;
		result.emails = emails;
		result.chars = chars;
		return result;
	}

	private static final class Result {

		double wallSeconds;

		double cpuSeconds;

		long allocatedBytes;

		long emails;

		long chars;

	}

}
