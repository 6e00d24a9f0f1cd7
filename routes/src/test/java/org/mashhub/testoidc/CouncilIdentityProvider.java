package org.mashhub.testoidc;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * A real OpenID Connect provider for the tests, standing in for the council's Entra ID: Spring Authorization Server in
 * its own small web application on a port of its own (outside the hub's packages, so the hub never scans it). It knows
 * the hub as client {@code mash-hub}, and three people: {@code casey} (group {@code mash-practitioners}),
 * {@code morgan} (group {@code mash-managers}) and {@code robin} (no MASH group), each with password {@code pw}; their
 * groups are in the ID token's {@code groups} claim.
 */
@SpringBootConfiguration
@EnableWebSecurity
@ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class})
public class CouncilIdentityProvider {

    public static final String CLIENT_ID = "mash-hub";
    public static final String CLIENT_SECRET = "council-test-client-secret";
    static final Map<String, List<String>> GROUPS = Map.of("casey", List.of("mash-practitioners", "all-staff"),
            "morgan", List.of("mash-managers"), "robin", List.of("all-staff"));

    /** Starts it on a free port; the hub it serves answers at {@code http://127.0.0.1:{hubPort}}. */
    public static ConfigurableApplicationContext start(int hubPort) {
        return new SpringApplicationBuilder(CouncilIdentityProvider.class)
                .web(WebApplicationType.SERVLET)
                .properties("server.port=0", "spring.main.banner-mode=off", "hub.test.hub-port=" + hubPort,
                        "hub.security.demo-credentials-allowed=true", // not a hub: the hub's start-up checks have nothing to say
                        "spring.config.name=council-identity-provider", "logging.level.org.springframework.security=WARN")
                .run();
    }

    /** Its issuer URL, as the hub's {@code issuer-uri}: on "localhost", so its cookies never mix with the hub's. */
    public static String issuer(ConfigurableApplicationContext provider) {
        return "http://localhost:" + ((ServletWebServerApplicationContext) provider).getWebServer().getPort();
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
        return http.securityMatcher(server.getEndpointsMatcher())
                .with(server, s -> s.oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain signIn(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a.anyRequest().authenticated()).formLogin(Customizer.withDefaults()).build();
    }

    @Bean
    UserDetailsService people() {
        InMemoryUserDetailsManager people = new InMemoryUserDetailsManager();
        GROUPS.keySet().forEach(name -> people.createUser(User.withUsername(name).password("{noop}pw").roles("USER").build()));
        return people;
    }

    @Bean
    RegisteredClientRepository clients(org.springframework.core.env.Environment environment) {
        String hub = "http://127.0.0.1:" + environment.getProperty("hub.test.hub-port");
        return new InMemoryRegisteredClientRepository(RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(CLIENT_ID).clientSecret("{noop}" + CLIENT_SECRET)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(hub + "/login/oauth2/code/council")
                .postLogoutRedirectUri(hub + "/login?logout")
                .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE).scope(OidcScopes.EMAIL)
                .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
                .build());
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> groupsInTheIdToken() {
        return context -> {
            if ("id_token".equals(context.getTokenType().getValue())) {
                context.getClaims().claim("groups", GROUPS.getOrDefault(context.getPrincipal().getName(), List.of()))
                        .claim("preferred_username", context.getPrincipal().getName());
            }
        };
    }

    @Bean
    JWKSource<SecurityContext> keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(UUID.randomUUID().toString()).build();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    /** The provider reads its own access tokens at its user-info endpoint. */
    @Bean
    org.springframework.security.oauth2.jwt.JwtDecoder tokens(JWKSource<SecurityContext> keys) {
        return org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration
                .OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
    }

    @Bean
    AuthorizationServerSettings settings() {
        return AuthorizationServerSettings.builder().build();
    }
}
