package io.streamrecorder.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamrecorder.upload.UploadCheckpoint.UploadedPart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

class UploadCheckpointTest {

    @Test
    void tracksTheNextPartToUploadEvenWhenARetryRepeatsOne() {
        UploadCheckpoint checkpoint = UploadCheckpoint.start("id")
                .with(new UploadedPart(1, "e1", "m1", null))
                .with(new UploadedPart(2, "e2", "m2", null))
                .with(new UploadedPart(2, "e2b", "m2", null));
        assertEquals(3, checkpoint.nextPart());
        assertEquals(2, checkpoint.parts().size());
        assertEquals("e2b", checkpoint.parts().get(1).eTag());
    }

    @Test
    void survivesSerialisationAsTheBatchRuntimeStoresIt() throws Exception {
        UploadCheckpoint checkpoint = UploadCheckpoint.start("upload-1").with(new UploadedPart(1, "etag", "md5", null));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(checkpoint);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(checkpoint, in.readObject());
        }
    }

    @Test
    void expectsS3sMultipartETag() {
        // Two parts whose MD5s are known: the ETag is MD5(md5-1 || md5-2) and the part count.
        String md5OfA = Base64.getEncoder().encodeToString(hex("0cc175b9c0f1b6a831c399e269772661"));
        String md5OfB = Base64.getEncoder().encodeToString(hex("92eb5ffee6ae2fec3ad71c777531578f"));
        UploadCheckpoint checkpoint = UploadCheckpoint.start("id")
                .with(new UploadedPart(1, "x", md5OfA, null)).with(new UploadedPart(2, "y", md5OfB, null));
        assertEquals(java.util.Optional.of("96e024ba2074fe77e8e965ba43a704be-2"), ExpectedETag.of(checkpoint));
        assertEquals(ExpectedETag.of(checkpoint), ExpectedETag.of(UploadCheckpoint.start("other")
                .with(new UploadedPart(2, "y", md5OfB, null)).with(new UploadedPart(1, "x", md5OfA, null))), "part order is S3's");
        assertEquals(java.util.Optional.of("0cc175b9c0f1b6a831c399e269772661"), ExpectedETag.of(new UploadCheckpoint(null,
                java.util.List.of(new UploadedPart(1, "x", md5OfA, null)))));
    }

    @Test
    void expectsNoETagOfPartsSentWithChecksumsInstead() {
        UploadCheckpoint checkpoint = UploadCheckpoint.start("id").with(new UploadedPart(1, "x", null, "4waSgw=="));
        assertEquals(java.util.Optional.empty(), ExpectedETag.of(checkpoint));
    }

    @Test
    void keyTemplateFillsStreamAndFileName() {
        assertEquals("cam/cam-1.mp4", new ObjectKeyTemplate("{streamName}/{fileName}").keyFor("cam", "cam-1.mp4"));
        assertEquals("recordings/cam-1.mp4", new ObjectKeyTemplate("recordings/{fileName}").keyFor("cam", "cam-1.mp4"));
    }

    private static byte[] hex(String hex) {
        return java.util.HexFormat.of().parseHex(hex);
    }

    @Test
    void knowsWhenAnETagCannotBeAnMd5() {
        assertEquals(false, ExpectedETag.encryptedWithKeys(HeadObjectResponse.builder().build()));
        assertEquals(false, ExpectedETag.encryptedWithKeys(HeadObjectResponse.builder()
                .serverSideEncryption(ServerSideEncryption.AES256).build()));
        assertEquals(true, ExpectedETag.encryptedWithKeys(HeadObjectResponse.builder()
                .serverSideEncryption(ServerSideEncryption.AWS_KMS).build()));
        assertEquals(true, ExpectedETag.encryptedWithKeys(HeadObjectResponse.builder().sseCustomerAlgorithm("AES256").build()));
    }
}
