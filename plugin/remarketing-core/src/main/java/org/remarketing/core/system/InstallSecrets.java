package org.remarketing.core.system;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * The install id and the per-install secret (256 random bits) that signs the plugin's tokens,
 * kept in {@code rmk_setting}. Generated on first start; every node of a cluster reads the
 * same values because the first one to insert wins.
 */
public final class InstallSecrets {

	static final String INSTALL_ID = "install.id";

	static final String SECRET = "install.secret";

	private static final int SECRET_BYTES = 32;

	private final String installId;

	private final byte[] secret;

	private InstallSecrets(String installId, byte[] secret) {
		this.installId = installId;
		this.secret = secret;
	}

	/** Reads the install's id and secret, creating them if this is the first start. */
	public static InstallSecrets loadOrCreate(JdbcOperations jdbc, Clock clock) {
		SecureRandom random = new SecureRandom();
		String installId = readOrInsert(jdbc, clock, INSTALL_ID, () -> UUID.randomUUID().toString());
		String secret = readOrInsert(jdbc, clock, SECRET, () -> {
			byte[] bytes = new byte[SECRET_BYTES];
			random.nextBytes(bytes);
			return Base64.getEncoder().encodeToString(bytes);
		});
		return new InstallSecrets(installId, Base64.getDecoder().decode(secret));
	}

	public String installId() {
		return this.installId;
	}

	/** A copy of the 32-byte secret, for HMAC keys. */
	public byte[] secret() {
		return this.secret.clone();
	}

	private static String readOrInsert(JdbcOperations jdbc, Clock clock, String key, Supplier<String> generator) {
		String existing = read(jdbc, key);
		if (existing != null) {
			return existing;
		}
		try {
			jdbc.update("INSERT INTO rmk_setting (setting_key, setting_value, updated_at) VALUES (?, ?, ?)", key,
					generator.get(), Timestamp.from(clock.instant()));
		}
		catch (DataIntegrityViolationException ex) {
			// Another node started at the same moment and inserted first: its value is the one.
		}
		String stored = read(jdbc, key);
		if (stored == null) {
			throw new IllegalStateException("Remarketing could not store its '" + key + "' in rmk_setting");
		}
		return stored;
	}

	private static String read(JdbcOperations jdbc, String key) {
		List<String> values = jdbc.queryForList("SELECT setting_value FROM rmk_setting WHERE setting_key = ?",
				String.class, key);
		return values.isEmpty() ? null : values.get(0);
	}

}
