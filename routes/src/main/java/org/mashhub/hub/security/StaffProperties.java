package org.mashhub.hub.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code hub.staff.users}: built-in staff accounts, for the demo and tests. Production staff sign in
 * through the council's identity provider instead.
 */
@ConfigurationProperties("hub.staff")
@Validated
public record StaffProperties(@DefaultValue List<@Valid StaffUser> users) {

    public record StaffUser(@NotBlank String username, @NotBlank String passwordHash, @NotEmpty List<StaffRole> roles) {
    }
}
