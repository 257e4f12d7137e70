package org.remarketing.core.journeys;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.remarketing.core.journeys.JourneySettings.ConsentPolicy;

/**
 * Decides, at the moment a step is due, whether its message goes out: the run still on and the
 * shopper not having bought, an address, no suppression, consent under the store's policy, not
 * stale, then quiet hours and the frequency caps (which defer, never drop). Pure: every fact comes
 * in a {@link Facts}.
 */
public final class SendPolicy {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

	private final JourneySettings settings;

	public SendPolicy(JourneySettings settings) {
		this.settings = settings;
	}

	/** Decides for one message. */
	public SendDecision decide(Facts f) {
		if (!f.journeyEnabled) {
			return SendDecision.cancel("cancelled: the journey was paused");
		}
		if (!"ACTIVE".equals(f.runState)) {
			return SendDecision.cancel("cancelled: the run had ended (" + (f.runExitReason != null ? f.runExitReason : f.runState.toLowerCase()) + ")");
		}
		if (f.lastOrderAt != null && f.lastOrderAt.isAfter(f.enteredAt)) {
			return SendDecision.cancel("stopped: ordered on " + DAY.format(f.lastOrderAt.atOffset(ZoneOffset.UTC)));
		}
		if (f.email == null || f.email.isBlank()) {
			return SendDecision.suppress("suppressed: no email address");
		}
		if (f.suppressionScope != null && ("ALL".equals(f.suppressionScope)
				|| ("REMINDERS".equals(f.suppressionScope) && f.purpose == JourneyPurpose.REMINDER))) {
			return SendDecision.suppress("suppressed: " + suppressionWords(f.suppressionReason, f.suppressionScope)
					+ " " + ago(f.suppressedAt, f.now));
		}
		if (Boolean.FALSE.equals(f.consentGranted)) {
			return SendDecision.suppress("suppressed: email consent withdrawn " + ago(f.consentAt, f.now)
					+ (f.consentSource != null ? " (" + f.consentSource + ")" : ""));
		}
		if (!Boolean.TRUE.equals(f.consentGranted)) {
			boolean soft = this.settings.consentPolicy() == ConsentPolicy.SOFT_OPT_IN
					&& (f.purpose == JourneyPurpose.REMINDER || f.ordersCount > 0);
			if (!soft) {
				return SendDecision.suppress("suppressed: no email consent (policy: "
						+ (this.settings.consentPolicy() == ConsentPolicy.EXPLICIT ? "explicit opt-in"
								: "soft opt-in covers reminders and past buyers only")
						+ ")");
			}
		}
		if (f.now.isAfter(f.dueAt.plus(this.settings.giveUpAfter()))) {
			return SendDecision.expire("not sent: more than " + hours(this.settings.giveUpAfter())
					+ " after its time, a reminder would be stale");
		}
		ZoneId zone = zone(f.timeZone);
		if (this.settings.quietHours()) {
			Instant quietUntil = quietUntil(f.now, zone);
			if (quietUntil != null) {
				return SendDecision.defer(quietUntil, "deferred: quiet hours in " + zone.getId() + " until "
						+ this.settings.quietEnd());
			}
		}
		Instant capUntil = capUntil(f.recentSends, f.now);
		if (capUntil != null) {
			return SendDecision.defer(capUntil, "deferred: frequency cap (" + this.settings.shortCap() + " per "
					+ hours(this.settings.shortCapWindow()) + ", " + this.settings.longCap() + " per "
					+ hours(this.settings.longCapWindow()) + ")");
		}
		return SendDecision.send();
	}

	/** When the quiet hours around {@code now} end, or null when {@code now} is outside them. */
	Instant quietUntil(Instant now, ZoneId zone) {
		ZonedDateTime local = now.atZone(zone);
		LocalTime time = local.toLocalTime();
		LocalTime start = this.settings.quietStart();
		LocalTime end = this.settings.quietEnd();
		boolean quiet = start.isAfter(end) ? (!time.isBefore(start) || time.isBefore(end))
				: (!time.isBefore(start) && time.isBefore(end));
		if (!quiet) {
			return null;
		}
		LocalDate day = local.toLocalDate();
		if (start.isAfter(end) && !time.isBefore(start)) {
			day = day.plusDays(1);
		}
		return ZonedDateTime.of(day, end, zone).toInstant();
	}

	/** When a send would fit both caps again, or null when it fits now. */
	Instant capUntil(List<Instant> recentSends, Instant now) {
		Instant until = null;
		until = later(until, capFree(recentSends, now, this.settings.shortCap(), this.settings.shortCapWindow()));
		until = later(until, capFree(recentSends, now, this.settings.longCap(), this.settings.longCapWindow()));
		return until;
	}

	private static Instant capFree(List<Instant> sends, Instant now, int cap, Duration window) {
		Instant since = now.minus(window);
		List<Instant> inWindow = sends.stream().filter((t) -> t.isAfter(since)).sorted().collect(java.util.stream.Collectors.toList());
		if (inWindow.size() < cap) {
			return null;
		}
		// The window frees when the oldest send that keeps it full leaves it.
		return inWindow.get(inWindow.size() - cap).plus(window).plusSeconds(1);
	}

	private static Instant later(Instant a, Instant b) {
		if (a == null) {
			return b;
		}
		return (b == null || a.isAfter(b)) ? a : b;
	}

	private ZoneId zone(String timeZone) {
		if (timeZone != null && !timeZone.isBlank()) {
			try {
				return ZoneId.of(timeZone);
			}
			catch (DateTimeException ex) {
				// A zone the JVM does not know: the store's.
			}
		}
		return this.settings.defaultZone();
	}

	private static String suppressionWords(String reason, String scope) {
		String what;
		if ("HARD_BOUNCE".equals(reason)) {
			what = "the address bounced";
		}
		else if ("COMPLAINT".equals(reason)) {
			what = "marked as spam";
		}
		else {
			what = "REMINDERS".equals(scope) ? "stopped reminders" : "unsubscribed";
		}
		return what;
	}

	static String ago(Instant then, Instant now) {
		if (then == null) {
			return "";
		}
		Duration d = Duration.between(then, now);
		if (d.isNegative() || d.toMinutes() < 1) {
			return "just now";
		}
		if (d.toHours() < 1) {
			return d.toMinutes() + (d.toMinutes() == 1 ? " minute ago" : " minutes ago");
		}
		if (d.toDays() < 1) {
			return d.toHours() + (d.toHours() == 1 ? " hour ago" : " hours ago");
		}
		return d.toDays() + (d.toDays() == 1 ? " day ago" : " days ago");
	}

	private static String hours(Duration d) {
		if (d.toMinutes() < 60) {
			return d.toMinutes() + " min";
		}
		if (d.toHours() % 24 != 0 || d.toHours() < 48) {
			return d.toHours() + " h";
		}
		return d.toDays() + " days";
	}

	/** What the policy needs to know about one message, its run, journey and contact. */
	public static final class Facts {

		Instant now;

		boolean journeyEnabled = true;

		JourneyPurpose purpose = JourneyPurpose.REMINDER;

		String runState = "ACTIVE";

		String runExitReason;

		Instant enteredAt;

		Instant dueAt;

		Instant lastOrderAt;

		int ordersCount;

		String email;

		String timeZone;

		String suppressionScope;

		String suppressionReason;

		Instant suppressedAt;

		Boolean consentGranted;

		Instant consentAt;

		String consentSource;

		List<Instant> recentSends = List.of();

	}

}
