package org.sild.trustservices.ca;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Optional;
import org.sild.core.fault.ErrorCode;
import org.sild.core.fault.XRoadException;

/**
 * A password-protected PKCS#12 file holding one {@link KeyAndCertificate}, as the trust services
 * keep the CA's and the TSA's keys under their data directory. Stateless and thread-safe; writing
 * replaces the file atomically, readable by its owner only where the file system allows.
 */
public final class Pkcs12File {

    /** The alias of the one key entry. */
    static final String ALIAS = "sild";

    private Pkcs12File() {
    }

    /**
     * The key and certificate in {@code file}, or empty when there is no such file.
     *
     * @throws XRoadException {@code PinIncorrect} when the password is wrong, {@code InternalError}
     *         when the file cannot be read or holds no key entry
     */
    public static Optional<KeyAndCertificate> read(Path file, char[] password) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            for (String alias : Collections.list(store.aliases())) {
                Key key = store.getKey(alias, password);
                Certificate cert = store.getCertificate(alias);
                if (key instanceof PrivateKey privateKey && cert instanceof X509Certificate x509) {
                    return Optional.of(new KeyAndCertificate(privateKey, x509));
                }
            }
        } catch (UnrecoverableKeyException e) {
            throw wrongPassword(file, e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw wrongPassword(file, e);
            }
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "Cannot read key file " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "Cannot read key file " + file + ": " + e.getMessage(), e);
        }
        throw new XRoadException(ErrorCode.INTERNAL_ERROR, "Key file " + file + " holds no private key with a certificate");
    }

    /**
     * Writes {@code entry} to {@code file} (creating its directory), replacing the file atomically.
     *
     * @throws XRoadException {@code InternalError} when it cannot be written
     */
    public static void write(Path file, char[] password, KeyAndCertificate entry) {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the directory's protection applies.
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, entry.privateKey(), password, new Certificate[] {entry.certificate()});
            try (OutputStream out = Files.newOutputStream(temp)) {
                store.store(out, password);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new XRoadException(ErrorCode.INTERNAL_ERROR, "Cannot write key file " + file + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // Only a leftover temporary file; the key file itself is complete or untouched.
                }
            }
        }
    }

    private static XRoadException wrongPassword(Path file, Exception e) {
        return new XRoadException(ErrorCode.PIN_INCORRECT, "Wrong password for key file " + file, e);
    }
}
