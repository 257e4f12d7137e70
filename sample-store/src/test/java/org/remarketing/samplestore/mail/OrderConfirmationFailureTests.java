package org.remarketing.samplestore.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Locale;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;

@ExtendWith(OutputCaptureExtension.class)
class OrderConfirmationFailureTests {

    @Test
    @SuppressWarnings("unchecked")
    void aFailureIsLoggedWithTheOrderIdButNoAddressAndNeverThrown(CapturedOutput output) {
        PlatformTransactionManager broken = mock(PlatformTransactionManager.class);
        when(broken.getTransaction(any())).thenThrow(new TransactionException("Cannot reach shopper@example.com's order") { });
        ObjectProvider<JavaMailSender> senders = mock(ObjectProvider.class);
        JavaMailSender sender = mock(JavaMailSender.class);
        when(sender.createMimeMessage()).thenReturn(new MimeMessage((Session) null));
        doThrow(new MailSendException("550 unknown user shopper@example.com")).when(sender).send(any(MimeMessage.class));
        when(senders.getIfAvailable()).thenReturn(sender);
        OrderConfirmationMailer mailer = new OrderConfirmationMailer(broken, senders, new StaticMessageSource(),
                new SampleMailProperties(), new MockEnvironment(), "");
        try {
            mailer.send(42L, Locale.ENGLISH);
        } finally {
            mailer.destroy();
        }

        assertThat(output).contains("Order confirmation for order 42 could not be sent").doesNotContain("@example.com");
    }

    @Test
    void theStoreLinkDefaultsToThisServer() {
        MockEnvironment environment = new MockEnvironment().withProperty("server.port", "8080");
        assertThat(mailer(environment, "").storeUrl()).isEqualTo("http://localhost:8080");
        environment.setProperty("local.server.port", "51234");
        assertThat(mailer(environment, "").storeUrl()).isEqualTo("http://localhost:51234");
        assertThat(mailer(environment, "https://shop.example.com/").storeUrl()).isEqualTo("https://shop.example.com");
    }

    @Test
    void writesInTheShoppersLanguageWhenSupportedAndEnglishOtherwise() {
        assertThat(OrderConfirmationMailer.mailLocale(new Locale("vi", "VN"), null)).isEqualTo(new Locale("vi"));
        assertThat(OrderConfirmationMailer.mailLocale(null, new Locale("vi"))).isEqualTo(new Locale("vi"));
        assertThat(OrderConfirmationMailer.mailLocale(Locale.FRENCH, Locale.GERMAN)).isEqualTo(Locale.ENGLISH);
    }

    @SuppressWarnings("unchecked")
    private static OrderConfirmationMailer mailer(MockEnvironment environment, String baseUrl) {
        OrderConfirmationMailer mailer = new OrderConfirmationMailer(mock(PlatformTransactionManager.class),
                mock(ObjectProvider.class), new StaticMessageSource(), new SampleMailProperties(), environment, baseUrl);
        mailer.destroy();
        return mailer;
    }
}
