package dev.beton.bizevents;

import dev.beton.workspace.Member;
import dev.beton.workspace.Members;
import dev.beton.workspace.Role;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends critical alerts at once by e-mail (SMTP, {@code spring.mail.*}). Off the writer thread:
 * an SMTP server's latency must not hold up the commits of a workspace. Without SMTP configured
 * the alert stays in-app ({@code no_channel}).
 */
@Component
class AlertNotifier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertNotifier.class);

    private final ObjectProvider<JavaMailSender> mail;
    private final Members members;
    private final Alerts alerts;
    private final String from;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("business-alert-mail").daemon(true).factory());

    AlertNotifier(
            ObjectProvider<JavaMailSender> mail,
            Members members,
            Alerts alerts,
            @Value("${beton.mail.from:beton@localhost}") String from) {
        this.mail = mail;
        this.members = members;
        this.alerts = alerts;
        this.from = from;
    }

    boolean hasChannel() {
        return mail.getIfAvailable() != null;
    }

    void send(long workspaceId, Alert alert, List<String> recipients) {
        sender.execute(() -> {
            try {
                deliver(workspaceId, alert, recipients);
            } catch (RuntimeException e) {
                log.warn("Alert {} could not be delivered: {}", alert.id(), e.toString());
                alerts.notified(alert.id(), "failed");
            }
        });
    }

    /** The configured recipients, else the workspace's admins. */
    List<String> recipients(long workspaceId, List<String> configured) {
        return configured.isEmpty()
                ? members.list(workspaceId).stream()
                        .filter(m -> m.role() == Role.ADMIN)
                        .map(Member::email)
                        .toList()
                : configured;
    }

    /**
     * Mails a text on the caller's thread (the weekly digest, which runs in a job anyway).
     *
     * @return false when there is no SMTP, no recipient, or the server refused it
     */
    boolean mailNow(List<String> to, String subject, String text) {
        JavaMailSender smtp = mail.getIfAvailable();
        if (smtp == null || to.isEmpty()) {
            return false;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to.toArray(String[]::new));
        message.setSubject(subject);
        message.setText(text);
        try {
            smtp.send(message);
            return true;
        } catch (MailException e) {
            log.warn(
                    "\"{}\" could not be mailed: {}",
                    subject,
                    e.getMostSpecificCause().getMessage());
            return false;
        }
    }

    private void deliver(long workspaceId, Alert alert, List<String> configured) {
        JavaMailSender smtp = mail.getIfAvailable();
        List<String> to = recipients(workspaceId, configured);
        if (smtp == null || to.isEmpty()) {
            alerts.notified(alert.id(), "no_channel");
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to.toArray(String[]::new));
        message.setSubject("[Beton] " + alert.tier().toUpperCase(java.util.Locale.ROOT) + ": " + alert.title());
        message.setText(alert.title() + "\n\n" + alert.detail() + "\n\nTenant: " + alert.tenantId() + "\nEvent: "
                + alert.eventName() + " " + alert.eventUuid() + "\nRule: " + alert.rule() + "\nSeen: "
                + alert.firstSeenAt() + "\n\nAcknowledge or resolve it on the Executive page of Beton.\n");
        try {
            smtp.send(message);
            alerts.notified(alert.id(), "sent");
        } catch (MailException e) {
            log.warn(
                    "Alert {} could not be mailed: {}",
                    alert.id(),
                    e.getMostSpecificCause().getMessage());
            alerts.notified(alert.id(), "failed");
        }
    }

    @Override
    public void close() {
        sender.shutdown();
    }
}
