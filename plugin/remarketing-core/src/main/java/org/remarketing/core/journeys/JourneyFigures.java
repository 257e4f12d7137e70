package org.remarketing.core.journeys;

import java.math.BigDecimal;

/**
 * A journey's results over the runs that entered it within a period: who entered (messaged or held
 * out), what was sent to the messaged ones and what they did with it, and how many of each group
 * converted (an order within the goal window, recorded by the engine for held-out runs too).
 * <p>
 * Message counts: <em>sent</em> handed to the mail server (delivered or bounced later);
 * <em>delivered</em> sent and not bounced; <em>opened</em> opened by a person (the open pixel
 * loaded by a mailbox's privacy proxy or scanner is a machine open and never counts);
 * <em>clicked</em> a link followed. The funnel counts runs (people) instead: messaged entrants, those
 * sent at least one message, those who opened one (a click counts as an open: images may be
 * blocked), those who clicked one, and those who converted.
 */
public final class JourneyFigures {

	static final JourneyFigures NONE = new Builder().build();

	private final long messagedEntrants;

	private final long holdoutEntrants;

	private final long sent;

	private final long delivered;

	private final long opened;

	private final long clicked;

	private final long reached;

	private final long openedRuns;

	private final long clickedRuns;

	private final long conversions;

	private final long holdoutConversions;

	private final BigDecimal revenue;

	private final BigDecimal holdoutRevenue;

	private JourneyFigures(Builder b) {
		this.messagedEntrants = b.messagedEntrants;
		this.holdoutEntrants = b.holdoutEntrants;
		this.sent = b.sent;
		this.delivered = b.delivered;
		this.opened = b.opened;
		this.clicked = b.clicked;
		this.reached = b.reached;
		this.openedRuns = b.openedRuns;
		this.clickedRuns = b.clickedRuns;
		this.conversions = b.conversions;
		this.holdoutConversions = b.holdoutConversions;
		this.revenue = b.revenue;
		this.holdoutRevenue = b.holdoutRevenue;
	}

	/** No run: the results of a journey no one entered in a period. */
	public static JourneyFigures none() {
		return NONE;
	}

	/** Every run that entered: messaged and held out. */
	public long entrants() {
		return this.messagedEntrants + this.holdoutEntrants;
	}

	public long messagedEntrants() {
		return this.messagedEntrants;
	}

	public long holdoutEntrants() {
		return this.holdoutEntrants;
	}

	public long sent() {
		return this.sent;
	}

	public long delivered() {
		return this.delivered;
	}

	public long opened() {
		return this.opened;
	}

	public long clicked() {
		return this.clicked;
	}

	/** Messaged runs that were sent at least one message. */
	public long reached() {
		return this.reached;
	}

	/** Messaged runs that opened (or clicked) at least one message. */
	public long openedRuns() {
		return this.openedRuns;
	}

	/** Messaged runs that clicked at least one message. */
	public long clickedRuns() {
		return this.clickedRuns;
	}

	/** Converted runs among the messaged ones. */
	public long conversions() {
		return this.conversions;
	}

	/** Converted runs among the held-out ones. */
	public long holdoutConversions() {
		return this.holdoutConversions;
	}

	/** Revenue of the messaged runs' conversions. */
	public BigDecimal revenue() {
		return this.revenue;
	}

	/** Revenue of the held-out runs' conversions. */
	public BigDecimal holdoutRevenue() {
		return this.holdoutRevenue;
	}

	/** Messaged against held out. */
	public Lift lift() {
		return Lift.of(this.conversions, this.messagedEntrants, this.holdoutConversions, this.holdoutEntrants);
	}

	/** Revenue the messages added (see {@link Lift#incrementalRevenue}), NaN without enough data. */
	public double incrementalRevenue() {
		return lift().incrementalRevenue(this.revenue.doubleValue(), this.holdoutRevenue.doubleValue());
	}

	@Override
	public String toString() {
		return this.messagedEntrants + " messaged (" + this.conversions + " converted), " + this.holdoutEntrants
				+ " held out (" + this.holdoutConversions + " converted), " + this.sent + " sent";
	}

	/** Filled from the queries' rows. */
	static final class Builder {

		long messagedEntrants;

		long holdoutEntrants;

		long sent;

		long delivered;

		long opened;

		long clicked;

		long reached;

		long openedRuns;

		long clickedRuns;

		long conversions;

		long holdoutConversions;

		BigDecimal revenue = BigDecimal.ZERO;

		BigDecimal holdoutRevenue = BigDecimal.ZERO;

		JourneyFigures build() {
			return new JourneyFigures(this);
		}

	}

}
