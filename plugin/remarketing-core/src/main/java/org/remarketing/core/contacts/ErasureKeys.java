package org.remarketing.core.contacts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.remarketing.core.system.InstallSecrets;

/**
 * The keyed hash left behind for an erased identifier: HMAC-SHA256 with the per-install secret,
 * so the table proves nothing to someone without the secret and cannot be reversed by hashing
 * guessed emails.
 */
final class ErasureKeys {

	private static final String ALGORITHM = "HmacSHA256";

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private final SecretKeySpec key;

	ErasureKeys(InstallSecrets secrets) {
		this.key = new SecretKeySpec(secrets.secret(), ALGORITHM);
	}

	/** 64 lower-case hex characters. */
	String hash(IdentityKind kind, String value) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			byte[] digest = mac.doFinal((kind.name() + ":" + value).getBytes(StandardCharsets.UTF_8));
			char[] out = new char[digest.length * 2];
			for (int i = 0; i < digest.length; i++) {
				out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
				out[2 * i + 1] = HEX[digest[i] & 0xf];
			}
			return new String(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available in this JVM", ex);
		}
	}

}
