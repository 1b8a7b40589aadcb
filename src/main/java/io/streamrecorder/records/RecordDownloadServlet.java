package io.streamrecorder.records;

import io.streamrecorder.access.DownloadLinks;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Serves finished recordings at {@code /records/<file name>}, with byte ranges so players can seek,
 * and their posters at {@code /records/<name>.jpg}. Only through a signed, unexpired link
 * ({@link DownloadLinks}), and only files the records directory recognises as finished recordings or
 * posters can be reached.
 */
@WebServlet("/records/*")
public class RecordDownloadServlet extends HttpServlet {

    @Inject
    RecordsDirectory directory;

    @Inject
    DownloadLinks links;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String pathInfo = request.getPathInfo();
        String name = pathInfo == null ? "" : pathInfo.substring(1);
        if (!links.allows(name, request.getParameter("expires"), request.getParameter("signature"))) {
            // Checked before looking for the file: without a valid link nobody learns whether it exists.
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "This download link is not valid or has expired");
            return;
        }
        Optional<Path> file = directory.finishedRecording(name).or(() -> directory.poster(name));
        if (file.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "No such recording");
            return;
        }
        try (FileChannel channel = FileChannel.open(file.get(), StandardOpenOption.READ)) {
            long size = channel.size();
            Optional<ByteRange> range;
            try {
                range = ByteRange.parse(request.getHeader("Range"), size);
            } catch (ByteRange.UnsatisfiableRangeException e) {
                response.setHeader("Content-Range", "bytes */" + size);
                response.sendError(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
                return;
            }
            ByteRange served = range.orElse(new ByteRange(0, size - 1));
            response.setContentType(name.endsWith(".jpg") ? "image/jpeg" : "video/mp4");
            response.setHeader("Accept-Ranges", "bytes");
            response.setHeader("Content-Disposition", "inline; filename=\"" + file.get().getFileName() + "\"");
            response.setContentLengthLong(served.length());
            if (range.isPresent()) {
                response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
                response.setHeader("Content-Range", served.contentRange(size));
            }
            if (!"HEAD".equals(request.getMethod())) {
                WritableByteChannel out = Channels.newChannel(response.getOutputStream());
                long position = served.first();
                long remaining = served.length();
                while (remaining > 0) {
                    long sent = channel.transferTo(position, remaining, out);
                    position += sent;
                    remaining -= sent;
                }
            }
        }
    }
}
