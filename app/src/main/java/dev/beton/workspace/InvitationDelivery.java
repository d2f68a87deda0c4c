package dev.beton.workspace;

import dev.beton.web.ProblemException;
import java.net.URI;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Gets an invitation link to the invited person. With SMTP configured ({@code spring.mail.host})
 * the link is mailed to the invited address and never shown to the admin, so nobody but the
 * mailbox's owner learns whether the email has a Beton account. Without SMTP the admin is handed
 * the link to pass on.
 */
@Component
class InvitationDelivery {

    enum Channel {
        EMAIL,
        LINK
    }

    private final ObjectProvider<JavaMailSender> mail;
    private final String from;
    private final String publicUrl;

    InvitationDelivery(
            ObjectProvider<JavaMailSender> mail,
            @Value("${beton.mail.from:beton@localhost}") String from,
            @Value("${beton.routing.public-url:}") String publicUrl) {
        this.mail = mail;
        this.from = from;
        this.publicUrl = publicUrl;
    }

    Channel channel() {
        return mail.getIfAvailable() == null ? Channel.LINK : Channel.EMAIL;
    }

    /** The absolute link of an invitation token, on the address people reach this Beton at. */
    URI link(String token) {
        String base = publicUrl.isBlank()
                ? ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString()
                : publicUrl;
        return URI.create(base.replaceAll("/+$", "") + "/invite/" + token);
    }

    /**
     * Gets the invitation to its person: mailed when SMTP is configured (nothing to show the admin),
     * else the link for the admin to hand over. A mail the server refuses withdraws the invitation
     * ({@code withdraw}) before the 502 reaches the admin, so no unreachable invitation stays open.
     */
    Optional<URI> handOver(Invitations.Issued issued, String inviterEmail, Runnable withdraw) {
        URI link = link(issued.token());
        if (channel() == Channel.LINK) {
            return Optional.of(link);
        }
        try {
            mail(issued.invitation(), link, inviterEmail);
        } catch (RuntimeException e) {
            withdraw.run();
            throw e;
        }
        return Optional.empty();
    }

    /** Mails the link; a refusal by the mail server is a 502 the admin can act on. */
    private void mail(Invitation invitation, URI link, String inviterEmail) {
        JavaMailSender sender = mail.getObject();
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(invitation.email());
        message.setSubject("Join " + invitation.workspaceName() + " on Beton");
        message.setText(inviterEmail + " invited you to the Beton workspace \"" + invitation.workspaceName()
                + "\" as " + invitation.role().column() + ".\n\n"
                + "Open this link to join (valid for " + Invitations.VALID_FOR.toDays() + " days, once):\n"
                + link + "\n\nIf you did not expect this, ignore this email.\n");
        try {
            sender.send(message);
        } catch (MailException e) {
            throw new ProblemException(
                    HttpStatus.BAD_GATEWAY,
                    "invitation-mail-failed",
                    "Bad Gateway",
                    "The invitation email could not be sent ("
                            + e.getMostSpecificCause().getMessage()
                            + "). Check spring.mail.* settings, or remove them to hand out links yourself.");
        }
    }
}
