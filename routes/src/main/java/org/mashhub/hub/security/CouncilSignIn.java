package org.mashhub.hub.security;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Staff signed in through the council's OpenID Connect provider (Microsoft Entra ID or another): their hub roles come
 * from a claim of the ID token or user info ({@code hub.oidc.roles-claim}: Entra's {@code roles} for app roles, or
 * {@code groups}), each value mapped to a role in {@code hub.oidc.roles} (a value not mapped gives nothing). Someone
 * the provider knows but the mapping gives no role is refused at sign-in, not let in with none.
 *
 * @param rolesClaim   the claim holding the user's roles or groups
 * @param roles        claim value to hub role, e.g. {@code hub.oidc.roles[MASH-Practitioners]=PRACTITIONER}
 * @param nameClaim    the claim the audit names the user by
 */
@ConfigurationProperties("hub.oidc")
public record CouncilSignIn(@DefaultValue("roles") String rolesClaim, @DefaultValue Map<String, StaffRole> roles,
                            @DefaultValue("preferred_username") String nameClaim) {

    /** The user as the provider describes them, with the hub roles their claim maps to. */
    OAuth2UserService<OidcUserRequest, OidcUser> users() {
        OidcUserService provider = new OidcUserService();
        return request -> {
            OidcUser user = provider.loadUser(request);
            Set<GrantedAuthority> authorities = new HashSet<>();
            for (String value : values(user.getClaims().get(rolesClaim))) {
                StaffRole role = roles.get(value);
                if (role != null) {
                    authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name()));
                }
            }
            if (authorities.isEmpty()) {
                throw new OAuth2AuthenticationException(new OAuth2Error("access_denied",
                        "The council's sign-in gives this user no MASH Hub role.", null));
            }
            String name = user.getClaims().containsKey(nameClaim) ? nameClaim : "sub";
            return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), name);
        };
    }

    private static Collection<String> values(Object claim) {
        if (claim instanceof Collection<?> many) {
            return many.stream().map(String::valueOf).toList();
        }
        return claim == null ? List.of() : List.of(claim.toString().split("[ ,]+"));
    }

    @Override
    public String toString() {
        return "CouncilSignIn[rolesClaim=" + rolesClaim + ", roles=" + roles.size() + ", nameClaim=" + nameClaim.toLowerCase(Locale.ROOT) + "]";
    }
}
