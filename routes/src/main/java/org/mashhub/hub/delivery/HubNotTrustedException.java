package org.mashhub.hub.delivery;

/**
 * The case system does not trust the hub (401 or 403): a secret rotated on one side only, a certificate, an account.
 * Every event would be refused alike, so none is parked for it: delivery holds, retrying with back-off for
 * {@code hub.delivery.retry.hold-when-not-trusted}, and the hub's health says why.
 */
public class HubNotTrustedException extends CaseSystemUnavailableException {

    public HubNotTrustedException(int status) {
        super("case system answered " + status + ": it does not trust the hub's signature or credentials", null);
    }
}
