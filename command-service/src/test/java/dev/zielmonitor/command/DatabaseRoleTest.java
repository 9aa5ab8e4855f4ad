package dev.zielmonitor.command;

import dev.zielmonitor.infra.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The command service runs as its own role (docs/security.md#least-privilege-in-postgresql): not a superuser, and
 * through its own connections it can append events but not change, remove or chain them, nor delete dead letters.
 * The rest of the suite shows that what it needs is granted.
 */
class DatabaseRoleTest extends CommandServiceIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void connectsAsTheCommandRole_notASuperuser() {
        Map<String, Object> role = jdbc.sql("SELECT current_user AS name, rolsuper FROM pg_roles "
                + "WHERE rolname = current_user").query().singleRow();

        assertThat(role).containsEntry("name", TestDatabase.get().roles().command().name())
                .containsEntry("rolsuper", false);
    }

    @Test
    void mayNotUpdateDeleteOrTruncateStoredEvents_writeTheChain_orDeleteDeadLetters() {
        for (String sql : List.of("UPDATE domainevententry SET payload = payload",
                "DELETE FROM domainevententry",
                "TRUNCATE domainevententry",
                "INSERT INTO event_hash_chain (globalindex, eventidentifier, previous_hash, hash) "
                        + "VALUES (-1, 'forged', ''::bytea, ''::bytea)",
                "DELETE FROM event_hash_chain",
                "DELETE FROM command_side.dead_letter",
                "DELETE FROM tokenentry")) {
            assertThatThrownBy(() -> jdbc.sql(sql).update()).as(sql).isInstanceOf(DataAccessException.class)
                    .rootCause().isInstanceOf(SQLException.class).hasMessageStartingWith("ERROR: permission denied")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
        }
    }
}
