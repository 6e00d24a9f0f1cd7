package org.mashhub.hub.partner;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated partner; its name is the partner id and it holds its kind's authority. */
public class PartnerAuthentication extends AbstractAuthenticationToken {

    private final Partner partner;

    public PartnerAuthentication(Partner partner) {
        super(List.of(new SimpleGrantedAuthority(partner.kind().authority())));
        this.partner = partner;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Partner getPrincipal() {
        return partner;
    }

    @Override
    public String getName() {
        return partner.id();
    }
}
