package org.remarketing.samplestore.mail;

import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;

import javax.mail.Message;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;

import com.salesmanager.core.model.order.Order;
import org.remarketing.samplestore.order.OrderPlacedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring5.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Emails the shopper an order confirmation once the order is committed: a multipart/alternative
 * message (HTML and plain text, both from templates under templates/mail/) in the language used
 * at checkout.
 *
 * <p>Sending happens on a small executor of its own, so checkout never waits on SMTP, and a
 * failure is logged (with the order id, never the address) rather than thrown.
 */
@Component
class OrderConfirmationMailer implements SmartLifecycle, DisposableBean {

    static final String HTML_TEMPLATE = "order-confirmation.html";
    static final String TEXT_TEMPLATE = "order-confirmation.txt";

    private static final Logger log = LoggerFactory.getLogger(OrderConfirmationMailer.class);
    private static final List<String> SUPPORTED_LANGUAGES = Collections.unmodifiableList(Arrays.asList("en", "vi"));

    @PersistenceContext
    private EntityManager entityManager;

    private final TransactionTemplate readOnly;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final MessageSource messages;
    private final SampleMailProperties properties;
    private final Environment environment;
    private final String configuredBaseUrl;
    private final SpringTemplateEngine templates;
    private final ThreadPoolTaskExecutor executor;
    private volatile boolean running;

    OrderConfirmationMailer(PlatformTransactionManager transactionManager, ObjectProvider<JavaMailSender> mailSender,
            MessageSource messages, SampleMailProperties properties, Environment environment,
            @Value("${sample.store.base-url:}") String configuredBaseUrl) {
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.mailSender = mailSender;
        this.messages = messages;
        this.properties = properties;
        this.environment = environment;
        this.configuredBaseUrl = configuredBaseUrl;
        this.templates = templateEngine(messages);
        this.executor = executor();
    }

    /** Runs after the checkout's transaction commits (or at once when published outside one). */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onOrderPlaced(OrderPlacedEvent event) {
        try {
            executor.execute(() -> send(event.getOrderId(), event.getLocale()));
        } catch (RejectedExecutionException e) {
            log.warn("Order confirmation for order {} not sent: the mail queue is full or shutting down", event.getOrderId());
        }
    }

    /** Loads, renders and sends; never throws. */
    void send(long orderId, Locale requestedLocale) {
        try {
            JavaMailSender sender = mailSender.getIfAvailable();
            if (sender == null) {
                log.info("Order confirmation for order {} not sent: no mail server configured (spring.mail.host)", orderId);
                return;
            }
            Locale[] locale = new Locale[1];
            OrderConfirmation confirmation = readOnly.execute(status -> {
                Order order = load(orderId);
                if (order == null) {
                    return null;
                }
                locale[0] = mailLocale(requestedLocale, order.getLocale());
                return OrderConfirmation.of(order, locale[0], messages);
            });
            if (confirmation == null) {
                log.warn("Order confirmation for order {} not sent: no such order", orderId);
                return;
            }
            if (confirmation.recipient() == null || confirmation.recipient().isEmpty()) {
                log.warn("Order confirmation for order {} not sent: the order has no email address", orderId);
                return;
            }
            sender.send(compose(sender, confirmation, locale[0]));
            log.info("Order confirmation for order {} sent", orderId);
        } catch (Exception e) {
            // Exception messages from JavaMail can quote the recipient: log only the kinds of failure.
            log.warn("Order confirmation for order {} could not be sent: {}", orderId, failureKinds(e));
        }
    }

    private Order load(long orderId) {
        List<Order> found = entityManager
                .createQuery("select distinct o from Order o left join fetch o.orderProducts where o.id = :id", Order.class)
                .setParameter("id", orderId)
                .getResultList();
        if (found.isEmpty()) {
            return null;
        }
        Order order = found.get(0);
        order.getOrderTotal().size();
        return order;
    }

    private MimeMessage compose(JavaMailSender sender, OrderConfirmation confirmation, Locale locale) throws Exception {
        Context context = new Context(locale);
        context.setVariable("order", confirmation);
        context.setVariable("storeUrl", storeUrl());
        String html = templates.process(HTML_TEMPLATE, context);
        String text = templates.process(TEXT_TEMPLATE, context);

        MimeBodyPart textPart = new MimeBodyPart();
        textPart.setText(text, "UTF-8", "plain");
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setText(html, "UTF-8", "html");
        // Least preferred first: clients show the last part they can render.
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(textPart);
        alternative.addBodyPart(htmlPart);

        MimeMessage message = sender.createMimeMessage();
        message.setFrom(new InternetAddress(properties.getFrom(), true));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(confirmation.recipient(), true));
        message.setSubject(messages.getMessage("mail.order.subject",
                new Object[] {String.valueOf(confirmation.getOrderId())}, locale), "UTF-8");
        message.setSentDate(new Date());
        message.setContent(alternative);
        message.setHeader("Content-Language", locale.getLanguage());
        return message;
    }

    /** The store's address for links; defaults to this server on localhost. */
    String storeUrl() {
        String url = configuredBaseUrl == null ? "" : configuredBaseUrl.trim();
        if (url.isEmpty()) {
            String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
            url = "http://localhost:" + port;
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static Locale mailLocale(Locale requested, Locale ofOrder) {
        for (Locale candidate : new Locale[] {requested, ofOrder}) {
            if (candidate != null && SUPPORTED_LANGUAGES.contains(candidate.getLanguage())) {
                return new Locale(candidate.getLanguage());
            }
        }
        return Locale.ENGLISH;
    }

    private static String failureKinds(Throwable e) {
        StringBuilder kinds = new StringBuilder();
        for (Throwable t = e; t != null && kinds.length() < 500; t = t.getCause() == t ? null : t.getCause()) {
            if (kinds.length() > 0) {
                kinds.append(" <- ");
            }
            kinds.append(t.getClass().getName());
        }
        return kinds.toString();
    }

    private static SpringTemplateEngine templateEngine(MessageSource messages) {
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateEngineMessageSource(messages);
        engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
        return engine;
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/mail/");
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(Collections.singleton(pattern));
        resolver.setCharacterEncoding("UTF-8");
        resolver.setOrder(order);
        resolver.setCacheable(true);
        return resolver;
    }

    /** Two threads at most, so a slow SMTP server cannot pile up threads in the store. */
    private static ThreadPoolTaskExecutor executor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(2);
        executor.setMaxPoolSize(2);
        executor.setAllowCoreThreadTimeOut(true);
        executor.setQueueCapacity(1000);
        executor.setThreadNamePrefix("order-mail-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        executor.initialize();
        return executor;
    }

    /**
     * Stopping drains the queue (up to 10 s) in phase 0: after the web server has finished its
     * requests and before the embedded SMTP server stops, so pending confirmations still go out.
     */
    @Override
    public void stop() {
        running = false;
        executor.shutdown();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }
}
