package org.sild.securityserver.globalconf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;
import org.sild.core.globalconf.ConfigurationAnchor;
import org.sild.core.globalconf.ContentMetadata;
import org.sild.core.globalconf.SharedParameters;
import org.sild.core.globalconf.StoredGlobalConf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration client's directory. Each stored configuration is a complete generation
 * directory in X-Road's layout ({@code instance-identifier}, one directory per instance with part
 * files and {@code .metadata} JSON); {@code current} is a symbolic link to the generation in
 * force (or, where symbolic links are not available, a file naming it). A new generation is
 * written and synced completely before {@code current} is switched with one atomic rename, so a
 * reader that resolves {@code current} never sees a half-written or mixed tree. The previous
 * generation is kept for readers that resolved it just before a switch; older ones are deleted.
 *
 * <p>Not thread-safe: the configuration client serialises writers; readers only resolve
 * {@code current}.
 */
final class GlobalConfStore {

    static final String CURRENT = "current";
    static final String ANCHOR_FILE = "configuration-anchor.xml";
    static final String METADATA_SUFFIX = StoredGlobalConf.METADATA_SUFFIX;

    private static final String GENERATION_PREFIX = "generation-";
    private static final Pattern GENERATION = Pattern.compile(GENERATION_PREFIX + "(\\d{1,18})");
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    private static final Logger LOG = LoggerFactory.getLogger(GlobalConfStore.class);

    private final Path root;

    GlobalConfStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw io("cannot create the global configuration directory " + this.root, e);
        }
    }

    /** Whether {@code name} may be used as an instance directory or part file name. */
    static boolean isSafeName(String name) {
        return SAFE_NAME.matcher(name).matches();
    }

    Path root() {
        return root;
    }

    /** The generation directory in force, if any. */
    Optional<Path> current() {
        Path link = root.resolve(CURRENT);
        try {
            String name;
            if (Files.isSymbolicLink(link)) {
                name = Files.readSymbolicLink(link).toString();
            } else if (Files.isRegularFile(link, LinkOption.NOFOLLOW_LINKS)) {
                name = Files.readString(link, StandardCharsets.US_ASCII).strip();
            } else {
                return Optional.empty();
            }
            if (!GENERATION.matcher(name).matches() || !Files.isDirectory(root.resolve(name))) {
                LOG.warn("{} points to '{}', which is no generation directory; ignoring it", link, name);
                return Optional.empty();
            }
            return Optional.of(root.resolve(name));
        } catch (IOException e) {
            throw io("cannot resolve " + link, e);
        }
    }

    /** The configuration in force as stored, if there is one. */
    Optional<StoredGlobalConf> load() {
        return current().map(StoredGlobalConf::load);
    }

    /** A part file of {@code instance} in the generation in force, if present and not larger than {@code maxSize}. */
    Optional<byte[]> read(String instance, String fileName, int maxSize) {
        return current().map(g -> g.resolve(instance).resolve(fileName)).filter(Files::isRegularFile)
                .flatMap(f -> readBounded(f, maxSize));
    }

    /** Every part file of {@code instance} with its metadata in the generation in force (to carry over). */
    List<PartFile> files(String instance) {
        Optional<Path> dir = current().map(g -> g.resolve(instance)).filter(Files::isDirectory);
        if (dir.isEmpty()) {
            return List.of();
        }
        var files = new ArrayList<PartFile>();
        for (Path f : list(dir.get())) {
            String name = f.getFileName().toString();
            Path meta = f.resolveSibling(name + METADATA_SUFFIX);
            if (name.endsWith(METADATA_SUFFIX) || !isSafeName(name) || !Files.isRegularFile(f)
                    || !Files.isRegularFile(meta)) {
                continue;
            }
            Optional<byte[]> content = readBounded(f, SharedParameters.MAX_SIZE);
            Optional<byte[]> metadata = readBounded(meta, ContentMetadata.MAX_SIZE);
            if (content.isPresent() && metadata.isPresent()) {
                files.add(new PartFile(name, content.get(), ContentMetadata.parse(metadata.get())));
            }
        }
        return files;
    }

    /**
     * Writes a complete new generation: {@code instance-identifier} naming {@code ownInstance} and
     * the files of every instance. Everything is synced to disk; the generation is not yet in force.
     */
    Path write(String ownInstance, Map<String, List<PartFile>> instances) {
        Path generation = root.resolve(GENERATION_PREFIX + (lastGeneration() + 1));
        try {
            Files.createDirectory(generation);
            writeFile(generation.resolve(StoredGlobalConf.INSTANCE_IDENTIFIER_FILE),
                    ownInstance.getBytes(StandardCharsets.UTF_8));
            for (var entry : instances.entrySet()) {
                if (!isSafeName(entry.getKey())) {
                    throw new XRoadException(ErrorCode.MALFORMED_GLOBAL_CONF, "instance identifier '"
                            + entry.getKey() + "' cannot be used as a directory name");
                }
                Path dir = Files.createDirectory(generation.resolve(entry.getKey()));
                for (PartFile file : entry.getValue()) {
                    writeFile(dir.resolve(file.fileName()), file.content());
                    writeFile(dir.resolve(file.fileName() + METADATA_SUFFIX), file.metadata().toJson());
                }
                sync(dir);
            }
            sync(generation);
            return generation;
        } catch (IOException | RuntimeException e) {
            delete(generation);
            if (e instanceof XRoadException x) {
                throw x;
            }
            throw io("cannot write the global configuration to " + generation, e);
        }
    }

    /** Puts {@code generation} in force with one atomic rename, then deletes all but it and its predecessor. */
    void publish(Path generation) {
        Optional<Path> previous = current();
        String name = generation.getFileName().toString();
        Path temporary = root.resolve("." + CURRENT + "-" + name);
        try {
            Files.deleteIfExists(temporary);
            try {
                Files.createSymbolicLink(temporary, Path.of(name));
            } catch (UnsupportedOperationException | FileSystemException e) {
                writeFile(temporary, name.getBytes(StandardCharsets.US_ASCII));
            }
            Files.move(temporary, root.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            sync(root);
        } catch (IOException e) {
            throw io("cannot switch " + root.resolve(CURRENT) + " to " + name, e);
        }
        for (Path old : generations()) {
            if (!old.equals(generation) && !previous.filter(old::equals).isPresent()) {
                delete(old);
            }
        }
    }

    /** Deletes a generation that was written but is not to be used. */
    void discard(Path generation) {
        delete(generation);
    }

    /** Deletes every generation except the one in force: what a crash or an earlier run left behind. */
    void cleanUp() {
        Optional<Path> current = current();
        generations().stream().filter(g -> !current.filter(g::equals).isPresent()).forEach(GlobalConfStore::delete);
    }

    /** The stored anchor file, if one was imported. */
    Optional<byte[]> readAnchor() {
        Path file = root.resolve(ANCHOR_FILE);
        return Files.isRegularFile(file) ? readBounded(file, ConfigurationAnchor.MAX_SIZE)
                : Optional.empty();
    }

    /** Replaces the stored anchor file atomically. */
    void writeAnchor(byte[] xml) {
        Path temporary = root.resolve("." + ANCHOR_FILE + ".new");
        try {
            Files.deleteIfExists(temporary);
            writeFile(temporary, xml);
            Files.move(temporary, root.resolve(ANCHOR_FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            sync(root);
        } catch (IOException e) {
            throw io("cannot store the configuration anchor in " + root, e);
        }
    }

    private List<Path> generations() {
        return list(root).stream().filter(p -> GENERATION.matcher(p.getFileName().toString()).matches()
                && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
    }

    private long lastGeneration() {
        long last = 0;
        for (Path p : list(root)) {
            Matcher m = GENERATION.matcher(p.getFileName().toString());
            if (m.matches()) {
                last = Math.max(last, Long.parseLong(m.group(1)));
            }
        }
        return last;
    }

    private static void writeFile(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** Syncs a directory's entries; not every platform can open a directory, which then is skipped. */
    private static void sync(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.trace("cannot sync directory {}: {}", dir, e.toString());
        }
    }

    private static Optional<byte[]> readBounded(Path file, int maxSize) {
        try {
            if (Files.size(file) > maxSize) {
                return Optional.empty();
            }
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    private static List<Path> list(Path dir) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            var all = new ArrayList<Path>();
            entries.forEach(all::add);
            all.sort(Comparator.naturalOrder());
            return all;
        } catch (IOException e) {
            throw io("cannot list " + dir, e);
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", dir, e.toString());
        }
    }

    private static XRoadException io(String message, Exception e) {
        return new XRoadException(ErrorCode.IO_ERROR, message + ": " + e.getMessage(), e);
    }
}
