package io.streamrecorder.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamrecorder.testing.Await;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The upload jobs' repository on PostgreSQL (job-repository-postgresql.cli): jobs run, their
 * executions are rows in PostgreSQL and outlive a restart of the server. The server goes back to
 * its embedded repository afterwards.
 */
class PostgresJobRepositoryIT {

    private static final int PORT = 55432;

    @Test
    void keepsUploadJobsInPostgresqlAcrossRestarts() throws Exception {
        Path scripts = Path.of(System.getProperty("server.config.dir"), "wildfly");
        try (PostgresProcess postgres = PostgresProcess.start("job-repository", PORT)) {
            // The test's PostgreSQL trusts local connections: no password.
            Map<String, String> onPostgres = Map.of("STREAMRECORDER_JOB_REPOSITORY_URL", postgres.jdbcUrl());
            WildFlyProcess.primary().stop();
            try {
                WildFlyProcess.configure(scripts.resolve("job-repository-postgresql.cli"));
                WildFlyProcess.primary().start(onPostgres);

                Path recording = UploadApi.generateRecording("postgres-" + System.nanoTime(), 2000);
                long execution = UploadApi.queue(recording);
                JsonObject done = UploadApi.await(execution, UploadApi::ended, Duration.ofSeconds(60));
                assertEquals("COMPLETED", done.getString("batchStatus"), done.toString());
                // The batch runtime writes the execution's end just after it reports it: give it a moment.
                Await.until("execution " + execution + " to be a COMPLETED row in PostgreSQL", Duration.ofSeconds(10),
                        () -> postgres.query("select batchstatus from job_execution where jobexecutionid = " + execution),
                        "COMPLETED"::equals);
                assertTrue(Integer.parseInt(postgres.query("select count(*) from step_execution where jobexecutionid = "
                        + execution)) == 1, "with its step");

                WildFlyProcess.primary().stop();
                WildFlyProcess.primary().start(onPostgres);
                assertEquals("COMPLETED", UploadApi.status(execution).getString("batchStatus"),
                        "the server reads its jobs back from PostgreSQL after a restart");
            } finally {
                WildFlyProcess.primary().stopIfRunning();
                WildFlyProcess.configure(scripts.resolve("job-repository-h2.cli"));
                WildFlyProcess.primary().start();
            }
        }
    }
}
