package org.twitchtriage.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The durable progress of a screening, {@code checkpoint.json} in its output folder: how many records are done, how
 * long each output file was at that moment, the summary so far, and what the run was started on (input, evaluation
 * date, rules digest, run id). Written only after the outputs it describes are forced to disk, and replaced
 * atomically (written beside, forced, renamed), so after a crash it never promises more than is on disk. A resume
 * cuts the outputs back to the recorded lengths and skips the records done: no line is lost or written twice.
 *
 * @param runId          random id of the run; audit decision ids are {@code runId:sequence}
 * @param input          description of the input (names, sizes, modification times) that must not change
 * @param evaluationDate the evaluation date, ISO
 * @param rulesSha256    digest of the knowledge base's rules
 * @param done           records done, in input order
 * @param decisionsBytes length of the decisions file
 * @param errorsBytes    length of the errors file
 * @param complete       whether the run ended
 * @param summary        the summary of the records done
 */
public record ScreeningCheckpoint(String runId, String input, String evaluationDate, String rulesSha256, long done,
                                  long decisionsBytes, long errorsBytes, boolean complete, ObjectNode summary) {
    /** The checkpoint's file name in the output folder. */
    public static final String FILE = "checkpoint.json";

    /**
     * @param folder the output folder
     * @return the checkpoint there, or {@code null} when there is none
     * @throws ScreeningException when it cannot be read
     */
    public static ScreeningCheckpoint read(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            JsonNode n = RecordDecider.JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            return new ScreeningCheckpoint(n.path("runId").asText(), n.path("input").asText(),
                    n.path("evaluationDate").asText(), n.path("rulesSha256").asText(), n.path("done").asLong(),
                    n.path("decisionsBytes").asLong(), n.path("errorsBytes").asLong(),
                    n.path("complete").asBoolean(), (ObjectNode) n.path("summary"));
        } catch (IOException | ClassCastException e) {
            throw new ScreeningException("cannot read the checkpoint " + file + " (" + e.getClass().getSimpleName()
                    + "); start again in an empty folder", e);
        }
    }

    /**
     * Writes the checkpoint atomically and durably.
     *
     * @param folder the output folder
     * @throws IOException when it cannot be written
     */
    public void write(Path folder) throws IOException {
        ObjectNode n = RecordDecider.JSON.createObjectNode();
        n.put("format", 1).put("runId", runId).put("input", input).put("evaluationDate", evaluationDate)
                .put("rulesSha256", rulesSha256).put("done", done).put("decisionsBytes", decisionsBytes)
                .put("errorsBytes", errorsBytes).put("complete", complete).set("summary", summary);
        Path temp = folder.resolve(FILE + ".tmp");
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap((n + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(temp, folder.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
