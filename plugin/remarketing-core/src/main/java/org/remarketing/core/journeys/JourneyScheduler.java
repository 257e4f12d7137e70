package org.remarketing.core.journeys;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.PollingStrategyConfig;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.remarketing.core.schema.DatabaseVendor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * The journeys on db-scheduler (table {@code rmk_scheduled_tasks}): every message is a one-time
 * task instance named by its id, executed on one node when due (and revived if that node dies);
 * the periodic engine pass is a recurring task, so it too runs on one node at a time. Scheduling
 * joins the caller's Spring transaction, so a run's messages and their tasks commit together.
 */
public class JourneyScheduler implements StepQueue {

	private static final Logger log = LoggerFactory.getLogger(JourneyScheduler.class);

	/** The task that sends one message. */
	public static final String STEP_TASK = "rmk-journey-step";

	/** The periodic pass (enrolment, exits, purchases, conversions). */
	public static final String ENGINE_TASK = "rmk-journey-engine";

	/** db-scheduler's table under the plugin's prefix. */
	public static final String TABLE = "rmk_scheduled_tasks";

	private final Scheduler scheduler;

	private final CustomTask<Void> stepTask;

	private final StepSender sender;

	/**
	 * @param enginePass the periodic pass ({@link JourneyEngine#runOnce()})
	 * @param pollInterval how often each node looks for due steps (a due step is sent within about this time)
	 * @param engineInterval how often the engine pass runs
	 * @param threads sending threads per node
	 * @param nodeName this node's name in the table (null: host name)
	 */
	public JourneyScheduler(DataSource dataSource, StepSender sender, Runnable enginePass, Duration pollInterval,
			Duration engineInterval, int threads, String nodeName) {
		this(dataSource, sender, enginePass, pollInterval, engineInterval, threads, nodeName, Duration.ofSeconds(10));
	}

	/**
	 * @param heartbeat how often a node tells it is alive; a node silent for 6 heartbeats is dead and its
	 * executions are revived elsewhere
	 */
	public JourneyScheduler(DataSource dataSource, StepSender sender, Runnable enginePass, Duration pollInterval,
			Duration engineInterval, int threads, String nodeName, Duration heartbeat) {
		this.sender = sender;
		this.stepTask = Tasks.custom(STEP_TASK, Void.class).execute((instance, context) -> {
			Instant next = step(Long.parseLong(instance.getId()));
			if (next == null) {
				return new CompletionHandler.OnCompleteRemove<>();
			}
			return (complete, operations) -> operations.reschedule(complete, next);
		});
		RecurringTask<Void> engineTask = Tasks.recurring(ENGINE_TASK, FixedDelay.of(engineInterval))
				.execute((instance, context) -> {
					try {
						enginePass.run();
					}
					catch (RuntimeException ex) {
						log.warn("Remarketing journeys pass failed; it runs again in {}", engineInterval, ex);
					}
				});
		com.github.kagkarlsson.scheduler.SchedulerBuilder builder = Scheduler
				.create(new TransactionAwareDataSourceProxy(dataSource), this.stepTask)
				.startTasks(engineTask)
				.tableName(TABLE)
				.threads(threads)
				.pollingInterval(pollInterval)
				.heartbeatInterval(heartbeat)
				.alwaysPersistTimestampInUTC()
				.commitWhenAutocommitDisabled(false)
				.enableImmediateExecution()
				.shutdownMaxWait(Duration.ofSeconds(10));
		if (nodeName != null) {
			builder.schedulerName(new SchedulerName.Fixed(nodeName));
		}
		if (DatabaseVendor.of(dataSource) == DatabaseVendor.POSTGRESQL) {
			// One statement picks a batch of due steps (FOR UPDATE SKIP LOCKED) instead of one update per step.
			builder.pollUsingLockAndFetch(PollingStrategyConfig.DEFAULT_SELECT_FOR_UPDATE.lowerLimitFractionOfThreads,
					PollingStrategyConfig.DEFAULT_SELECT_FOR_UPDATE.upperLimitFractionOfThreads);
		}
		this.scheduler = builder.build();
	}

	private Instant step(long messageId) {
		try {
			return this.sender.execute(messageId);
		}
		catch (RuntimeException ex) {
			log.warn("Remarketing message {} could not be handled; trying again in a minute", messageId, ex);
			return Instant.now().plusSeconds(60);
		}
	}

	@Override
	public void schedule(long messageId, Instant at) {
		this.scheduler.schedule(this.stepTask.instance(Long.toString(messageId)), at);
	}

	/**
	 * Schedules many messages in one JDBC batch (message id → when it is due), joining the caller's
	 * transaction as {@link #schedule(long, Instant)} does.
	 */
	public void scheduleAll(Map<Long, Instant> dueByMessage) {
		List<SchedulableInstance<?>> instances = new ArrayList<>(dueByMessage.size());
		dueByMessage.forEach((id, at) -> instances.add(SchedulableInstance.of(this.stepTask.instance(Long.toString(id)), at)));
		this.scheduler.scheduleBatch(instances);
	}

	public void start() {
		this.scheduler.start();
	}

	public void stop() {
		this.scheduler.stop();
	}

	/** The underlying scheduler (tests, health). */
	public Scheduler scheduler() {
		return this.scheduler;
	}

}
