package dev.zielmonitor.eventstore;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A service refuses to start when its database connection could change stored events: as a superuser, as the owner
 * of the event store (or a member of the owner role), or as a role granted UPDATE, DELETE or TRUNCATE on the events
 * or the hash chain. The append-only rule is only as good as the role the services run as (ADR 0009).
 */
final class RuntimeRoleCheck {

    private RuntimeRoleCheck() {
    }

    static void refuseRolesThatCanRewriteHistory(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     SELECT current_user, r.rolsuper,
                            bool_or(pg_has_role(current_user, c.relowner, 'USAGE')) AS owns,
                            bool_or(has_table_privilege(c.oid, 'UPDATE') OR has_table_privilege(c.oid, 'DELETE')
                                    OR has_table_privilege(c.oid, 'TRUNCATE')) AS rewrites
                     FROM pg_roles r, pg_class c
                     WHERE r.rolname = current_user
                       AND c.oid IN ('domainevententry'::regclass, 'event_hash_chain'::regclass)
                     GROUP BY current_user, r.rolsuper""")) {
            rs.next();
            String role = rs.getString(1);
            String problem = rs.getBoolean(2) ? "is a superuser"
                    : rs.getBoolean(3) ? "owns the event store"
                    : rs.getBoolean(4) ? "may update, delete or truncate stored events" : null;
            if (problem != null) {
                throw new IllegalStateException("refusing to run as database role " + role + ", which " + problem
                        + ": a service connects as its own runtime role (spring.datasource.username, "
                        + "docs/security.md#least-privilege-in-postgresql)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not check the database role: " + e.getMessage(), e);
        }
    }
}
