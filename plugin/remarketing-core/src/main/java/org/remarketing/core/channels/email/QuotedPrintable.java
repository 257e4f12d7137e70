package org.remarketing.core.channels.email;

import java.util.Arrays;
import java.nio.charset.StandardCharsets;

/**
 * Quoted-printable (RFC 2045 §6.7) for the text parts of an email, in one pass over the UTF-8
 * bytes: printable ASCII as is, everything else and {@code =} as {@code =XX}, line breaks
 * ({@code \r\n}, {@code \n} or {@code \r}) as CRLF, a space or tab before a line break encoded,
 * and soft line breaks so that no encoded line is longer than 76 characters. JavaMail's own encoder
 * does the same a byte at a time through several streams, and had become a quarter of the CPU time
 * of a send.
 */
final class QuotedPrintable {

	static final int MAX_LINE = 76;

	private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

	private QuotedPrintable() {
	}

	static byte[] encode(String text) {
		byte[] in = text.getBytes(StandardCharsets.UTF_8);
		// At most 3 bytes per byte, plus a soft break ("=\r\n") per 25 of those.
		byte[] out = new byte[in.length * 3 + (in.length * 3 / 25 + 1) * 3];
		int n = 0;
		int column = 0;
		for (int i = 0; i < in.length; i++) {
			int b = in[i] & 0xFF;
			if (b == '\r' || b == '\n') {
				if (b == '\r' && i + 1 < in.length && in[i + 1] == '\n') {
					i++;
				}
				out[n++] = '\r';
				out[n++] = '\n';
				column = 0;
				continue;
			}
			boolean lineEndsNext = i + 1 == in.length || in[i + 1] == '\r' || in[i + 1] == '\n';
			boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !lineEndsNext);
			int width = literal ? 1 : 3;
			// Room for this character and, unless the line ends right after it, a soft break's "=".
			if (column + width > (lineEndsNext ? MAX_LINE : MAX_LINE - 1)) {
				out[n++] = '=';
				out[n++] = '\r';
				out[n++] = '\n';
				column = 0;
			}
			if (literal) {
				out[n++] = (byte) b;
			}
			else {
				out[n++] = '=';
				out[n++] = HEX[b >> 4];
				out[n++] = HEX[b & 0x0F];
			}
			column += width;
		}
		return Arrays.copyOf(out, n);
	}

}
