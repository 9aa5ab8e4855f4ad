package dev.zielmonitor.access.login;

import dev.zielmonitor.access.AccessProperties;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Browser sessions of local mode, kept in PostgreSQL so that any instance of either service knows them: a login
 * creates a row and a cookie holding a random token (256 bits; the row keeps only its SHA-256); a request with the
 * cookie is its user's until the session ends: logout, {@code idle-timeout} without use, or {@code max-age} after
 * the login.
 */
public final class LoginSessions {

    /** The cookie; {@code HttpOnly; SameSite=Strict; Path=/}, {@code Secure} when the request came over https. */
    public static final String COOKIE = "ZIELMONITOR_SESSION";

    /** A session's idle expiry is moved on at most this often, so that a busy page does not write every request. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Duration idleTimeout;
    private final Duration maxAge;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public LoginSessions(JdbcClient jdbc, AccessProperties.Session settings, Clock clock) {
        this.jdbc = jdbc;
        this.idleTimeout = settings.idleTimeout();
        this.maxAge = settings.maxAge();
        this.clock = clock;
    }

    /** Starts a session for {@code user} and sets its cookie; ends the one the request came with, if any. */
    public void start(String user, HttpServletRequest request, HttpServletResponse response) {
        token(request).ifPresent(this::end);
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        // expired sessions go when someone logs in: no scheduler needed, and the table stays small
        jdbc.sql("DELETE FROM access_control.login_session WHERE expires_at <= ?").param(Timestamp.from(now))
                .update();
        jdbc.sql("INSERT INTO access_control.login_session (token_hash, user_name, created_at, last_seen, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?)")
                .params(hash(token), user, Timestamp.from(now), Timestamp.from(now), Timestamp.from(expiry(now, now)))
                .update();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(token, request, false));
    }

    /** The user of the request's session, if it has one that has not ended. */
    public Optional<String> user(HttpServletRequest request) {
        return token(request).flatMap(this::user);
    }

    Optional<String> user(String token) {
        Instant now = clock.instant();
        byte[] hash = hash(token);
        Optional<Row> row = jdbc.sql("SELECT user_name, created_at, last_seen FROM access_control.login_session"
                        + " WHERE token_hash = ? AND expires_at > ?")
                .params(hash, Timestamp.from(now))
                .query((rs, i) -> new Row(rs.getString(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3).toInstant()))
                .optional();
        row.filter(r -> r.lastSeen().plus(TOUCH_EVERY).isBefore(now)).ifPresent(r -> jdbc.sql(
                        "UPDATE access_control.login_session SET last_seen = ?, expires_at = ? WHERE token_hash = ?")
                .params(Timestamp.from(now), Timestamp.from(expiry(r.createdAt(), now)), hash).update());
        return row.map(Row::user);
    }

    /** Ends the request's session (logout) and clears its cookie. */
    public void end(HttpServletRequest request, HttpServletResponse response) {
        Optional<String> token = token(request);
        token.ifPresent(this::end);
        if (token.isPresent()) {
            response.addHeader(HttpHeaders.SET_COOKIE, cookie("", request, true));
        }
    }

    /** Whether the request carries a session cookie at all (valid or not): a browser acting by itself. */
    public static boolean hasCookie(HttpServletRequest request) {
        return token(request).isPresent();
    }

    private void end(String token) {
        jdbc.sql("DELETE FROM access_control.login_session WHERE token_hash = ?").param(hash(token)).update();
    }

    private Instant expiry(Instant createdAt, Instant lastSeen) {
        Instant idle = lastSeen.plus(idleTimeout);
        Instant absolute = createdAt.plus(maxAge);
        return idle.isBefore(absolute) ? idle : absolute;
    }

    private static Optional<String> token(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            // a token is 43 base64url characters; anything else is no session of ours, not worth a query
            if (COOKIE.equals(cookie.getName()) && cookie.getValue() != null
                    && cookie.getValue().matches("[A-Za-z0-9_-]{43}")) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * No {@code Max-Age}: the cookie goes when the browser closes; the session's end on the server is what
     * counts.
     */
    private static String cookie(String token, HttpServletRequest request, boolean clear) {
        ResponseCookie.ResponseCookieBuilder cookie = ResponseCookie.from(COOKIE, token).path("/").httpOnly(true)
                .sameSite("Strict").secure(request.isSecure());
        if (clear) {
            cookie.maxAge(0);
        }
        return cookie.build().toString();
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private record Row(String user, Instant createdAt, Instant lastSeen) {
    }
}
