package org.remarketing.samplestore.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** Messages as other mail clients build them, written out by hand. */
class ReceivedMailTests {

    private static final Instant NOW = Instant.parse("2024-05-01T10:15:30Z");

    @Test
    void decodesQuotedPrintableAndBase64InsideNestedMultiparts() {
        String source = String.join("\r\n",
                "From: =?UTF-8?B?Q+G7rWEgaMOgbmc=?= <shop@example.com>",
                "To: =?UTF-8?Q?Nguy=E1=BB=85n_Lan?= <lan@example.com>",
                "Subject: =?UTF-8?Q?=C4=90=C6=A1n_h=C3=A0ng_#7?=",
                "MIME-Version: 1.0",
                "Content-Type: multipart/mixed; boundary=\"mixed\"",
                "",
                "--mixed",
                "Content-Type: multipart/alternative; boundary=\"alt\"",
                "",
                "--alt",
                "Content-Type: text/plain; charset=UTF-8",
                "Content-Transfer-Encoding: quoted-printable",
                "",
                "C=E1=BA=A3m =C6=A1n b=E1=BA=A1n",
                "--alt",
                "Content-Type: multipart/related; boundary=\"rel\"",
                "",
                "--rel",
                "Content-Type: text/html; charset=UTF-8",
                "Content-Transfer-Encoding: base64",
                "",
                "PHA+Q+G6o20gxqFuIGLhuqFuPC9wPg==",
                "--rel",
                "Content-Type: image/png",
                "Content-Transfer-Encoding: base64",
                "Content-ID: <logo>",
                "",
                "iVBORw0KGgo=",
                "--rel--",
                "--alt--",
                "--mixed",
                "Content-Type: text/plain; charset=UTF-8",
                "Content-Disposition: attachment; filename=\"terms.txt\"",
                "",
                "Not the body",
                "--mixed--",
                "");

        ReceivedMail mail = ReceivedMail.parse(NOW, source.getBytes(StandardCharsets.US_ASCII));

        assertThat(mail.getSubject()).isEqualTo("Đơn hàng #7");
        assertThat(mail.getTo()).isEqualTo("Nguyễn Lan <lan@example.com>");
        assertThat(mail.getFrom()).isEqualTo("Cửa hàng <shop@example.com>");
        assertThat(mail.getText()).isEqualTo("Cảm ơn bạn");
        assertThat(mail.getHtml()).isEqualTo("<p>Cảm ơn bạn</p>");
        assertThat(mail.getRaw()).isEqualTo(source);
        assertThat(mail.getReceivedAt()).isEqualTo(NOW);
        assertThat(mail.getHeaders()).anySatisfy(header ->
                assertThat(header).containsExactly("Subject", "Đơn hàng #7"));
    }

    @Test
    void aPlainMessageHasTextAndNoHtml() {
        String source = "To: a@example.com\r\nSubject: Hi\r\n\r\nJust text\r\n";

        ReceivedMail mail = ReceivedMail.parse(NOW, source.getBytes(StandardCharsets.US_ASCII));

        assertThat(mail.getText()).isEqualTo("Just text\r\n");
        assertThat(mail.getHtml()).isNull();
    }

    @Test
    void anHtmlOnlyMessageInLatin1IsDecoded() {
        byte[] source = ("To: a@example.com\r\nSubject: Caf\u00e9\r\nContent-Type: text/html; charset=ISO-8859-1\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n<p>Caf\u00e9 cr\u00e8me</p>").getBytes(StandardCharsets.ISO_8859_1);

        ReceivedMail mail = ReceivedMail.parse(NOW, source);

        assertThat(mail.getHtml()).isEqualTo("<p>Café crème</p>");
        assertThat(mail.getText()).isNull();
    }
}
