package org.remarketing.web.journeys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.remarketing.core.journeys.Journey;
import org.remarketing.core.journeys.JourneyFigures;
import org.remarketing.core.journeys.JourneyStep;
import org.remarketing.core.journeys.Lift;

/**
 * Journeys and their results as the admin API answers them. Rates are fractions (0.15), the
 * difference and its interval percentage points (7.0); what cannot be computed is null, never NaN
 * (which JSON cannot hold).
 */
final class JourneyViews {

	static final String METHOD = "Newcombe's hybrid score interval (Wilson), 95 %";

	private JourneyViews() {
	}

	/** The definition: what an administrator sees and edits. */
	static Map<String, Object> definition(Journey journey) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", journey.id());
		view.put("code", journey.code());
		view.put("name", journey.name());
		view.put("description", journey.description());
		view.put("builtin", journey.builtin());
		view.put("enabled", journey.enabled());
		view.put("purpose", journey.purpose().name());
		view.put("triggerSegment", journey.triggerSegment());
		view.put("triggerEvent", journey.triggerEvent());
		List<Map<String, Object>> steps = new ArrayList<>();
		for (int i = 0; i < journey.steps().size(); i++) {
			JourneyStep step = journey.steps().get(i);
			Map<String, Object> s = new LinkedHashMap<>();
			s.put("step", i);
			s.put("delayMinutes", step.delay().toMinutes());
			s.put("channel", step.channel());
			s.put("template", step.template());
			steps.add(s);
		}
		view.put("steps", steps);
		view.put("holdoutPercent", journey.holdoutPercent());
		view.put("goalHours", journey.goalWindow().toHours());
		view.put("reentryDays", journey.reentry().toDays());
		view.put("exitOnLeave", journey.exitOnLeave());
		return view;
	}

	static Map<String, Object> period(RequestedPeriod period) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("from", iso(period.from()));
		view.put("to", iso(period.to()));
		return view;
	}

	/** The list's figures: entrants, sent, and the messaged entrants' conversions and revenue. */
	static Map<String, Object> summary(JourneyFigures f) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("entrants", f.entrants());
		view.put("messagedEntrants", f.messagedEntrants());
		view.put("holdoutEntrants", f.holdoutEntrants());
		view.put("sent", f.sent());
		view.put("conversions", f.conversions());
		view.put("revenue", f.revenue());
		return view;
	}

	/** Everything: message counts, the funnel in people, both groups' conversions, the lift. */
	static Map<String, Object> results(JourneyFigures f) {
		Map<String, Object> view = summary(f);
		view.put("delivered", f.delivered());
		view.put("opened", f.opened());
		view.put("clicked", f.clicked());
		view.put("holdoutConversions", f.holdoutConversions());
		view.put("holdoutRevenue", f.holdoutRevenue());
		List<Map<String, Object>> funnel = new ArrayList<>();
		funnel.add(stage("entered", "Entered (messaged group)", f.messagedEntrants()));
		funnel.add(stage("sent", "Sent a message", f.reached()));
		funnel.add(stage("opened", "Opened", f.openedRuns()));
		funnel.add(stage("clicked", "Clicked", f.clickedRuns()));
		funnel.add(stage("converted", "Converted", f.conversions()));
		view.put("funnel", funnel);
		view.put("lift", lift(f));
		return view;
	}

	static Map<String, Object> lift(JourneyFigures f) {
		Lift lift = f.lift();
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("enoughData", lift.enoughData());
		view.put("messagedRate", number(lift.messagedRate()));
		view.put("holdoutRate", number(lift.holdoutRate()));
		view.put("differencePoints", number(lift.difference() * 100));
		view.put("lowerPoints", number(lift.lower() * 100));
		view.put("upperPoints", number(lift.upper() * 100));
		view.put("significant", lift.significant());
		view.put("incrementalConversions", number(lift.incrementalConversions()));
		view.put("incrementalRevenue", number(f.incrementalRevenue()));
		view.put("method", METHOD);
		view.put("summary", summary(lift));
		return view;
	}

	/** "+4.1 points (95% CI +1.2 to +7.0)", or why there is nothing to say yet. */
	static String summary(Lift lift) {
		if (!lift.enoughData()) {
			return (lift.holdout() == 0) ? "Not enough data yet: no one has been held out." : "Not enough data yet: no"
					+ " one has been messaged.";
		}
		return points(lift.difference()) + " points (95% CI " + points(lift.lower()) + " to " + points(lift.upper()) + ")";
	}

	private static String points(double fraction) {
		double points = Math.round(fraction * 1000) / 10.0;
		return String.format(Locale.ROOT, "%+.1f", (points == 0) ? 0.0 : points); // never "-0.0"
	}

	private static Map<String, Object> stage(String key, String label, long count) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("stage", key);
		view.put("label", label);
		view.put("count", count);
		return view;
	}

	private static Double number(double value) {
		return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
	}

	static String iso(Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

}
