package io.streamrecorder.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.streamrecorder.records.RecordingMetadata;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectTagsTest {

    @Test
    void fillsPlaceholdersAndEncodesForTheTaggingHeader() throws Exception {
        ObjectTags tags = new ObjectTags("source=stream recorder&stream={streamName}&customer={meta.customer}");
        assertEquals("source=stream%20recorder&stream=cam1&customer=ACME%20Ltd.",
                tags.render("cam1", "cam1.mp4", RecordingMetadata.of(Map.of("customer", "ACME Ltd."))));
    }

    @Test
    void replacesWhatS3TagsDoNotAllowAndLeavesOffTagsWithoutAValue() throws Exception {
        ObjectTags tags = new ObjectTags("customer={meta.customer}&case={meta.case}");
        assertEquals("customer=A_B_%20C", tags.render("cam1", "cam1.mp4", RecordingMetadata.of(Map.of("customer", "A&B, C"))));
    }

    @Test
    void refusesATemplateS3WouldRefuseOrThatNamesUnknownPlaceholders() {
        assertEquals("streamrecorder.upload.tags: 'customer' is not key=value",
                assertThrows(IllegalArgumentException.class, () -> new ObjectTags("customer")).getMessage());
        assertEquals("streamrecorder.upload.tags: unknown placeholder {stream}; use {streamName}, {fileName} or {meta.<key>}",
                assertThrows(IllegalArgumentException.class, () -> new ObjectTags("s={stream}")).getMessage());
        assertEquals("streamrecorder.upload.tags has 11 tags; S3 allows 10",
                assertThrows(IllegalArgumentException.class, () -> new ObjectTags("a=1&".repeat(10) + "b=2")).getMessage());
    }
}
