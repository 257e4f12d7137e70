package org.remarketing.autoconfigure;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.remarketing.core.shop.StoreLinks;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the remarketing plugin ({@code remarketing.*}).
 */
@ConfigurationProperties(prefix = "remarketing")
public class RemarketingProperties {

	public static final boolean DEFAULT_ENABLED = true;

	/** Whether the plugin is on; false leaves the store exactly as it is without the plugin. */
	private boolean enabled = DEFAULT_ENABLED;

	/** How captured events travel to the remarketing engine: in-process, or kafka (needs spring-kafka). */
	private Transport transport = Transport.IN_PROCESS;

	private final Schema schema = new Schema();

	private final Mail mail = new Mail();

	private final Admin admin = new Admin();


	private final Tracking tracking = new Tracking();
	private final Outbox outbox = new Outbox();
	private final Capture capture = new Capture();
	private final HistoryImport historyImport = new HistoryImport();
	private final Kafka kafka = new Kafka();
	private final Segments segments = new Segments();
	private final Store store = new Store();

	private final Journeys journeys = new Journeys();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Transport getTransport() {
		return this.transport;
	}

	public void setTransport(Transport transport) {
		this.transport = transport;
	}

	public Schema getSchema() {
		return this.schema;
	}

	public Journeys getJourneys() {
		return this.journeys;
	}

	public Mail getMail() {
		return this.mail;
	}

	public Admin getAdmin() {
		return this.admin;
	}

	public Store getStore() {
		return this.store;
	}

	public Tracking getTracking() {
		return this.tracking;
	}

	public Outbox getOutbox() {
		return this.outbox;
	}

	public Capture getCapture() {
		return this.capture;
	}

	public Kafka getKafka() {
		return this.kafka;
	}

	public Segments getSegments() {
		return this.segments;
	}

	/** The import of the store's history ({@code remarketing.import.*}; "import" is a Java keyword, hence the field's name). */
	public HistoryImport getImport() {
		return this.historyImport;
	}

	/** Event transports. */
	public enum Transport {

		/** Events are handled inside the store's process. */
		IN_PROCESS,

		/** Events travel through Kafka, for stores running several nodes. */
		KAFKA;

		/** The name used in properties and in the status report, e.g. {@code in-process}. */
		public String externalName() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	public static class Schema {

		public static final boolean DEFAULT_MIGRATE = true;

		/** Whether the plugin applies its own migrations at start; false only checks that a DBA applied them. */
		private boolean migrate = DEFAULT_MIGRATE;

		public boolean isMigrate() {
			return this.migrate;
		}

		public void setMigrate(boolean migrate) {
			this.migrate = migrate;
		}

	}

	public static class Mail {

		/** Sender address of remarketing emails, e.g. "Bean & Leaf <hello@beanandleaf.example>". */
		private String from;

		/** Address of the mailto part of List-Unsubscribe (default: the sender address). */
		private String unsubscribeMailto;

		public String getUnsubscribeMailto() {
			return this.unsubscribeMailto;
		}

		public void setUnsubscribeMailto(String unsubscribeMailto) {
			this.unsubscribeMailto = unsubscribeMailto;
		}

		public String getFrom() {
			return this.from;
		}

		public void setFrom(String from) {
			this.from = from;
		}

	}

	public static class Admin {

		public static final String DEFAULT_BACKOFFICE_URL = "/admin";

		/** Where the store's backoffice signs staff in; linked from the plugin's admin screens. */
		private String backofficeUrl = DEFAULT_BACKOFFICE_URL;

		public String getBackofficeUrl() {
			return this.backofficeUrl;
		}

		public void setBackofficeUrl(String backofficeUrl) {
			// It becomes a link on an admin page: only a path or an http(s) URL, never javascript: and the like.
			if (backofficeUrl == null || !(backofficeUrl.startsWith("/") || backofficeUrl.startsWith("https://")
					|| backofficeUrl.startsWith("http://"))) {
				throw new IllegalArgumentException("remarketing.admin.backoffice-url must be a path starting with '/'"
						+ " or an http(s):// URL, such as /admin or https://backoffice.example.com/");
			}
			this.backofficeUrl = backofficeUrl;
		}

	}

	/** Where the storefront is, for the absolute links of emails (product pages, images, logo). */
	public static class Store {

		public static final String DEFAULT_URL = "http://localhost:8080";

		public static final String DEFAULT_PRODUCT_PATH = "/product/{sku}";

		public static final String DEFAULT_IMAGE_PATH = "/static/products/{store}/{sku}/SMALL/{file}";

		public static final String DEFAULT_LOGO_PATH = "/static/files/{store}/LOGO/{file}";

		public static final String DEFAULT_CART_PATH = "/cart";

		/** The storefront's public base URL, as shoppers reach it, e.g. https://shop.example.com. */
		private String url = DEFAULT_URL;

		/** A product page: a path on the storefront or an http(s) URL, with {sku}, {id} or {slug} (the product's SEF URL). */
		private String productPath = DEFAULT_PRODUCT_PATH;

		/** A product image: a path on the storefront or an http(s) URL (another host, a CDN), with {store}, {sku} and {file}. */
		private String imagePath = DEFAULT_IMAGE_PATH;

		/** The store's logo: a path on the storefront or an http(s) URL, with {store} and {file}. */
		private String logoPath = DEFAULT_LOGO_PATH;

		public String getUrl() {
			return this.url;
		}

		public void setUrl(String url) {
			this.url = valid("url", url, StoreLinks.checkBaseUrl(url));
		}

		public String getProductPath() {
			return this.productPath;
		}

		public void setProductPath(String productPath) {
			this.productPath = valid("product-path", productPath,
					StoreLinks.checkPattern(productPath, StoreLinks.PRODUCT_PLACEHOLDERS));
		}

		public String getImagePath() {
			return this.imagePath;
		}

		public void setImagePath(String imagePath) {
			this.imagePath = valid("image-path", imagePath, StoreLinks.checkPattern(imagePath, StoreLinks.IMAGE_PLACEHOLDERS));
		}

		public String getLogoPath() {
			return this.logoPath;
		}

		public void setLogoPath(String logoPath) {
			this.logoPath = valid("logo-path", logoPath, StoreLinks.checkPattern(logoPath, StoreLinks.LOGO_PLACEHOLDERS));
		}

		/**
		 * Path of the store's cart page, where a cart recovery link lands (after the store's
		 * CartRestorer, if it has one, restored the cart); "{cartCode}" is replaced by the cart's code.
		 */
		private String cartPath = DEFAULT_CART_PATH;

		public String getCartPath() {
			return this.cartPath;
		}

		public void setCartPath(String cartPath) {
			this.cartPath = cartPath;
		}

		/** The links these settings describe. */
		public StoreLinks links() {
			return new StoreLinks(this.url, this.productPath, this.imagePath, this.logoPath);
		}

		private static String valid(String name, String value, String problem) {
			if (problem != null) {
				throw new IllegalArgumentException("remarketing.store." + name + ": " + problem);
			}
			return value;
		}

	}

	public static class Tracking {

		public static final boolean DEFAULT_ENABLED = true;

		public static final boolean DEFAULT_CONSENT_REQUIRED = false;

		/** Whether tracker.js, the events endpoint and the visitor cookie are on. */
		private boolean enabled = DEFAULT_ENABLED;

		/**
		 * Whether nothing is recorded and no cookie set until the page calls rmk('consent', true), for
		 * stores that ask visitors first (EU).
		 */
		private boolean consentRequired = DEFAULT_CONSENT_REQUIRED;

		private final RateLimit rateLimit = new RateLimit();

		private final GroupCommit groupCommit = new GroupCommit();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isConsentRequired() {
			return this.consentRequired;
		}

		public void setConsentRequired(boolean consentRequired) {
			this.consentRequired = consentRequired;
		}

		public RateLimit getRateLimit() {
			return this.rateLimit;
		}

		public GroupCommit getGroupCommit() {
			return this.groupCommit;
		}

		public static class RateLimit {

			public static final boolean DEFAULT_ENABLED = true;

			public static final int DEFAULT_PER_VISITOR = 120;

			public static final int DEFAULT_PER_IP = 600;

			public static final int DEFAULT_MAX_KEYS = 100_000;

			/** Whether the events endpoint limits how many events a visitor and an IP may send. */
			private boolean enabled = DEFAULT_ENABLED;

			/** Events a minute one visitor (cookie) may send; beyond, 429 with Retry-After. */
			private int perVisitor = DEFAULT_PER_VISITOR;

			/** Events a minute one IP address (an IPv6 /64) may send; beyond, 429 with Retry-After. */
			private int perIp = DEFAULT_PER_IP;

			/** Visitors and IPs each node keeps counts for; idle ones are forgotten first. */
			private int maxKeys = DEFAULT_MAX_KEYS;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public int getPerVisitor() {
				return this.perVisitor;
			}

			public void setPerVisitor(int perVisitor) {
				this.perVisitor = positive(perVisitor, "per-visitor");
			}

			public int getPerIp() {
				return this.perIp;
			}

			public void setPerIp(int perIp) {
				this.perIp = positive(perIp, "per-ip");
			}

			public int getMaxKeys() {
				return this.maxKeys;
			}

			public void setMaxKeys(int maxKeys) {
				this.maxKeys = positive(maxKeys, "max-keys");
			}

			private static int positive(int value, String name) {
				if (value < 1) {
					throw new IllegalArgumentException("remarketing.tracking.rate-limit." + name
							+ " must be at least 1 (turn limits off with remarketing.tracking.rate-limit.enabled=false)");
				}
				return value;
			}

		}

		/**
		 * How the events endpoint writes to the outbox: concurrent requests share one commit; each is
		 * answered once its events are committed.
		 */
		public static class GroupCommit {

			public static final boolean DEFAULT_ENABLED = true;

			public static final int DEFAULT_WRITERS = 2;

			public static final int DEFAULT_MAX_BATCH = 500;

			public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

			public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(5);

			/** Whether concurrent requests to the events endpoint share commits; false commits each request alone. */
			private boolean enabled = DEFAULT_ENABLED;

			/** Threads writing batches of queued events side by side, each on a connection of the store's pool. */
			private int writers = DEFAULT_WRITERS;

			/** Most events in one commit (one request's events are never split). */
			private int maxBatch = DEFAULT_MAX_BATCH;

			/** Most events waiting for a writer, on each node; beyond, requests are answered 503 at once. */
			private int queueCapacity = DEFAULT_QUEUE_CAPACITY;

			/** Longest a request waits for its commit; beyond, it is answered 503. */
			private Duration maxWait = DEFAULT_MAX_WAIT;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public int getWriters() {
				return this.writers;
			}

			public void setWriters(int writers) {
				this.writers = writers;
			}

			public int getMaxBatch() {
				return this.maxBatch;
			}

			public void setMaxBatch(int maxBatch) {
				this.maxBatch = maxBatch;
			}

			public int getQueueCapacity() {
				return this.queueCapacity;
			}

			public void setQueueCapacity(int queueCapacity) {
				this.queueCapacity = queueCapacity;
			}

			public Duration getMaxWait() {
				return this.maxWait;
			}

			public void setMaxWait(Duration maxWait) {
				this.maxWait = maxWait;
			}

		}

	}

	/** The outbox of captured events in the store's database and its relay to the transport. */
	public static class Outbox {

		public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(200);

		public static final int DEFAULT_BATCH_SIZE = 500;

		public static final Duration DEFAULT_LEASE = Duration.ofMinutes(1);

		public static final int DEFAULT_MAX_ATTEMPTS = 20;

		/** How often the relay looks for events committed by other store nodes (this node's wake it at once). */
		private Duration pollInterval = DEFAULT_POLL_INTERVAL;

		/** Most events the relay claims and hands to the transport at once. */
		private int batchSize = DEFAULT_BATCH_SIZE;

		/** How long a claimed batch is this node's; past it, another node may take the batch over. */
		private Duration lease = DEFAULT_LEASE;

		/** Failed deliveries after which an event is set aside (kept, counted as quarantined in the status). */
		private int maxAttempts = DEFAULT_MAX_ATTEMPTS;

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

		public Duration getLease() {
			return this.lease;
		}

		public void setLease(Duration lease) {
			this.lease = lease;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

	}

	/** Capture of the store's own writes. */
	/** Segments: materialised membership kept current by events, a sweep and a scheduled rebuild. */
	public static class Segments {

		public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofMinutes(1);

		public static final Duration DEFAULT_REBUILD_INTERVAL = Duration.ofHours(24);

		/** How often time-based conditions (an idle cart, an order 60 days ago) are followed. */
		private Duration sweepInterval = DEFAULT_SWEEP_INTERVAL;

		/** How often every segment is rebuilt over all contacts (a safety net; events keep them current). */
		private Duration rebuildInterval = DEFAULT_REBUILD_INTERVAL;

		public Duration getSweepInterval() {
			return this.sweepInterval;
		}

		public void setSweepInterval(Duration sweepInterval) {
			this.sweepInterval = sweepInterval;
		}

		public Duration getRebuildInterval() {
			return this.rebuildInterval;
		}

		public void setRebuildInterval(Duration rebuildInterval) {
			this.rebuildInterval = rebuildInterval;
		}

	}

	public static class Capture {

		public static final boolean DEFAULT_STORE_EVENTS = true;

		/** Whether the store's own writes (carts, orders, customers, newsletter opt-ins) are captured through Hibernate listeners. */
		private boolean storeEvents = DEFAULT_STORE_EVENTS;

		public boolean isStoreEvents() {
			return this.storeEvents;
		}

		public void setStoreEvents(boolean storeEvents) {
			this.storeEvents = storeEvents;
		}

	}

	/** The import of the store's existing customers, orders, newsletter opt-ins and open carts. */
	public static class HistoryImport {

		public static final boolean DEFAULT_ENABLED = true;

		public static final int DEFAULT_PAGE_SIZE = 500;

		/**
		 * Whether the store's history is imported by itself once the store is ready, until one run
		 * finished. An administrator can always run it with POST /api/v1/private/remarketing/import.
		 */
		private boolean enabled = DEFAULT_ENABLED;

		/** Rows read per page (1 to 5000); the import waits while the outbox holds more than four pages of events. */
		private int pageSize = DEFAULT_PAGE_SIZE;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getPageSize() {
			return this.pageSize;
		}

		public void setPageSize(int pageSize) {
			if (pageSize < 1 || pageSize > 5000) {
				throw new IllegalArgumentException("remarketing.import.page-size must be from 1 to 5000");
			}
			this.pageSize = pageSize;
		}

	}

	/** The Kafka transport ({@code remarketing.transport=kafka}). */
	public static class Kafka {

		public static final String DEFAULT_TOPIC = "remarketing.events";

		public static final String DEFAULT_GROUP_ID = "remarketing";

		public static final int DEFAULT_PARTITIONS = 6;

		public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(15);

		public static final int DEFAULT_CONCURRENCY = 1;

		/**
		 * Kafka brokers (host:port). Default: the store's spring.kafka.bootstrap-servers, else
		 * localhost:9092.
		 */
		private List<String> bootstrapServers = new ArrayList<>();

		/** Topic of captured events, created by the plugin when absent. */
		private String topic = DEFAULT_TOPIC;

		/** Consumer group of the store's nodes: each event is applied by one of them. */
		private String groupId = DEFAULT_GROUP_ID;

		/** Partitions of the topic when the plugin creates it (replication: the broker's default). */
		private int partitions = DEFAULT_PARTITIONS;

		/** Longest wait for the broker to acknowledge a batch; past it the batch stays in the outbox and is retried. */
		private Duration sendTimeout = DEFAULT_SEND_TIMEOUT;

		/** Consumer threads on each node. */
		private int concurrency = DEFAULT_CONCURRENCY;

		/** Extra Kafka client properties for the plugin's producer, consumer and admin client (security, SASL...). */
		private Map<String, String> properties = new LinkedHashMap<>();

		public List<String> getBootstrapServers() {
			return this.bootstrapServers;
		}

		public void setBootstrapServers(List<String> bootstrapServers) {
			this.bootstrapServers = bootstrapServers;
		}

		public String getTopic() {
			return this.topic;
		}

		public void setTopic(String topic) {
			this.topic = topic;
		}

		public String getGroupId() {
			return this.groupId;
		}

		public void setGroupId(String groupId) {
			this.groupId = groupId;
		}

		public int getPartitions() {
			return this.partitions;
		}

		public void setPartitions(int partitions) {
			this.partitions = partitions;
		}

		public Duration getSendTimeout() {
			return this.sendTimeout;
		}

		public void setSendTimeout(Duration sendTimeout) {
			this.sendTimeout = sendTimeout;
		}

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

		public Map<String, String> getProperties() {
			return this.properties;
		}

		public void setProperties(Map<String, String> properties) {
			this.properties = properties;
		}

	}

	public static class Journeys {

		/** Whether journeys run (enrolment and sending). */
		private boolean enabled = true;

		/** Demo timing: every journey delay, cap window and conversion window in minutes instead of hours; no quiet hours. */
		private boolean demoTiming;

		/** How often each node looks for due steps; a due step goes out within about this time. */
		private Duration pollInterval = Duration.ofSeconds(5);

		/** How often segment entries and exits, orders and conversions are read. */
		private Duration engineInterval = Duration.ofSeconds(10);

		/** Sending threads per node. */
		private int threads = 4;

		/** How often a node tells the others it is alive; one silent for 6 intervals is dead and its sends are taken over. */
		private Duration heartbeatInterval = Duration.ofSeconds(10);

		public Duration getHeartbeatInterval() {
			return this.heartbeatInterval;
		}

		public void setHeartbeatInterval(Duration heartbeatInterval) {
			this.heartbeatInterval = heartbeatInterval;
		}

		/** Email consent policy: soft-opt-in (reminders and past buyers unless they refused) or explicit. */
		private String consentPolicy = "soft-opt-in";

		/** At most this many messages per contact within cap-short-window, across journeys and channels. */
		private int capShortCount = 1;

		private Duration capShortWindow = Duration.ofHours(16);

		/** At most this many messages per contact within cap-long-window. */
		private int capLongCount = 3;

		private Duration capLongWindow = Duration.ofDays(7);

		/** Whether quiet hours apply (in the contact's time zone, else default-time-zone). */
		private boolean quietHours = true;

		private LocalTime quietStart = LocalTime.of(21, 0);

		private LocalTime quietEnd = LocalTime.of(8, 0);

		/** Time zone for contacts whose own is unknown. */
		private String defaultTimeZone = "UTC";

		/** A step not sent within this time after it was due is dropped as stale. */
		private Duration giveUpAfter = Duration.ofHours(72);

		/** How long a cart recovery link works. */
		private Duration recoveryLinkValidity = Duration.ofDays(14);

		/**
		 * How long a message's rendered content (HTML and text) is kept after its last change; 0
		 * keeps it. The row itself (state, reason, times, recipient, subject) stays for the results.
		 */
		private Duration contentRetention = Duration.ofDays(90);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isDemoTiming() {
			return this.demoTiming;
		}

		public void setDemoTiming(boolean demoTiming) {
			this.demoTiming = demoTiming;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		public Duration getEngineInterval() {
			return this.engineInterval;
		}

		public void setEngineInterval(Duration engineInterval) {
			this.engineInterval = engineInterval;
		}

		public int getThreads() {
			return this.threads;
		}

		public void setThreads(int threads) {
			this.threads = threads;
		}

		public String getConsentPolicy() {
			return this.consentPolicy;
		}

		public void setConsentPolicy(String consentPolicy) {
			this.consentPolicy = consentPolicy;
		}

		public int getCapShortCount() {
			return this.capShortCount;
		}

		public void setCapShortCount(int capShortCount) {
			this.capShortCount = capShortCount;
		}

		public Duration getCapShortWindow() {
			return this.capShortWindow;
		}

		public void setCapShortWindow(Duration capShortWindow) {
			this.capShortWindow = capShortWindow;
		}

		public int getCapLongCount() {
			return this.capLongCount;
		}

		public void setCapLongCount(int capLongCount) {
			this.capLongCount = capLongCount;
		}

		public Duration getCapLongWindow() {
			return this.capLongWindow;
		}

		public void setCapLongWindow(Duration capLongWindow) {
			this.capLongWindow = capLongWindow;
		}

		public boolean isQuietHours() {
			return this.quietHours;
		}

		public void setQuietHours(boolean quietHours) {
			this.quietHours = quietHours;
		}

		public LocalTime getQuietStart() {
			return this.quietStart;
		}

		public void setQuietStart(LocalTime quietStart) {
			this.quietStart = quietStart;
		}

		public LocalTime getQuietEnd() {
			return this.quietEnd;
		}

		public void setQuietEnd(LocalTime quietEnd) {
			this.quietEnd = quietEnd;
		}

		public String getDefaultTimeZone() {
			return this.defaultTimeZone;
		}

		public void setDefaultTimeZone(String defaultTimeZone) {
			this.defaultTimeZone = defaultTimeZone;
		}

		public Duration getGiveUpAfter() {
			return this.giveUpAfter;
		}

		public void setGiveUpAfter(Duration giveUpAfter) {
			this.giveUpAfter = giveUpAfter;
		}

		public Duration getRecoveryLinkValidity() {
			return this.recoveryLinkValidity;
		}

		public void setRecoveryLinkValidity(Duration recoveryLinkValidity) {
			this.recoveryLinkValidity = recoveryLinkValidity;
		}

		public Duration getContentRetention() {
			return this.contentRetention;
		}

		public void setContentRetention(Duration contentRetention) {
			this.contentRetention = contentRetention;
		}

	}

}
