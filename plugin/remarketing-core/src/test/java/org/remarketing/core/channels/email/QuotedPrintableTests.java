package org.remarketing.core.channels.email;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import javax.mail.internet.MimeUtility;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The text parts' encoding decodes back to the text, with JavaMail's own decoder, and keeps to SMTP's line rules. */
class QuotedPrintableTests {

	@Test
	void printableAsciiStaysReadableAndEverythingElseIsEscaped() {
		assertThat(ascii(QuotedPrintable.encode("Hello, Lan! 2 × tea = 25,00 ₫"))).isEqualTo("Hello, Lan! 2 =C3=97 tea =3D 25,00 =E2=82=AB");
	}

	@Test
	void spacesBeforeALineBreakAreEncodedAndLineBreaksBecomeCrLf() {
		assertThat(ascii(QuotedPrintable.encode("a \nb\t\r\nc\rd "))).isEqualTo("a=20\r\nb=09\r\nc\r\nd=20");
	}

	@Test
	void longLinesGetSoftBreaksAndNoEscapeIsSplit() {
		String encoded = ascii(QuotedPrintable.encode("é".repeat(100) + "x".repeat(200)));
		assertThat(encoded.split("\r\n")).allSatisfy((line) -> {
			assertThat(line.length()).isLessThanOrEqualTo(QuotedPrintable.MAX_LINE);
			assertThat(line).doesNotMatch(".*=[0-9A-F]$");
		});
	}

	@Test
	void randomTextsDecodeBackWithJavaMail() throws Exception {
		Random random = new Random(7);
		String alphabet = "abc XYZ =\t\r\n.-_<>\"'&ấờữ₫€😀";
		for (int round = 0; round < 500; round++) {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(400);
			for (int i = 0; i < length; i++) {
				text.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0,
						alphabet.length())))));
			}
			String original = text.toString();
			byte[] encoded = QuotedPrintable.encode(original);
			for (String line : ascii(encoded).split("\r\n", -1)) {
				assertThat(line.length()).isLessThanOrEqualTo(QuotedPrintable.MAX_LINE);
				assertThat(line).doesNotEndWith(" ").doesNotEndWith("\t");
			}
			String decoded = new String(MimeUtility.decode(new ByteArrayInputStream(encoded), "quoted-printable").readAllBytes(),
					StandardCharsets.UTF_8);
			assertThat(decoded).isEqualTo(original.replaceAll("\r\n|\r|\n", "\r\n"));
		}
	}

	private static String ascii(byte[] bytes) {
		return new String(bytes, StandardCharsets.US_ASCII);
	}

}
