package org.remarketing.core.channels.email;

import java.util.Optional;

import javax.sql.DataSource;

import org.remarketing.core.schema.DbTime;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Records the fetches of a message's open pixel: {@code OPEN} when a person seems to have opened
 * the mail (the first one sets {@code rmk_message.opened_at}), {@code MACHINE_OPEN} with the rule
 * that matched when {@link MachineOpens} says a machine fetched it.
 */
public final class OpenTracking {

	/** What a pixel fetch was recorded as. */
	public enum Kind {

		OPEN, MACHINE_OPEN

	}

	private final JdbcTemplate jdbc;

	private final MessageRecords messages;

	private final MachineOpens machines;

	public OpenTracking(DataSource dataSource, MachineOpens machines) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.messages = new MessageRecords(this.jdbc);
		this.machines = machines;
	}

	/** Records one fetch of the message's pixel; empty when the message is unknown. */
	public Optional<Kind> record(long messageId, OpenRequest request) {
		return this.messages.find(messageId).map((message) -> {
			Optional<String> machine = this.machines.reason(request, message.sentAt);
			if (machine.isPresent()) {
				this.messages.event(messageId, Kind.MACHINE_OPEN.name(), machine.get(), request.at());
				return Kind.MACHINE_OPEN;
			}
			this.messages.event(messageId, Kind.OPEN.name(), null, request.at());
			this.jdbc.update("UPDATE rmk_message SET opened_at = ? WHERE id = ? AND opened_at IS NULL",
					DbTime.utc(request.at()), messageId);
			return Kind.OPEN;
		});
	}

}
